//! The backups list against backups made by the real server.

use std::time::Duration;

use e2e::{signed_in, PocketBase, HOSTILE_KEYS};

/// `225.4 kB`: a size between 1 kB and 1 MB as the panel shows it (tenths, rounded half up).
fn kilobytes(bytes: u64) -> String {
    assert!((1_000..999_950).contains(&bytes), "{bytes} B is not in kB");
    let tenths = (bytes + 50) / 100;
    format!("{}.{} kB", tenths / 10, tenths % 10)
}

#[tokio::test]
async fn lists_real_backups_newest_first_and_refreshes() {
    let server = PocketBase::start();
    server.create_backup("first.zip");
    server.create_backup("second.zip");
    let browser = signed_in(&server).await;

    let rows = browser.wait_for_keys(&["second.zip", "first.zip"]).await;
    let listed = server.backups();
    for row in &rows {
        let (_, size, _) = listed
            .iter()
            .find(|(key, ..)| *key == row[0])
            .expect("listed");
        assert_eq!(row[1], kilobytes(*size), "the size of {}", row[0]);
        assert!(
            !row[2].is_empty() && row[2] != "—",
            "no date shown: {row:?}"
        );
    }
    // The shown times are the server's instants (rendered in local time).
    let mut expected: Vec<String> = listed
        .iter()
        .map(|(_, _, m)| m.replacen(' ', "T", 1))
        .collect();
    expected.sort();
    expected.reverse();
    assert_eq!(browser.row_datetimes().await, expected);

    server.create_backup("third.zip");
    browser.click("Refresh").await;
    browser
        .wait_for_keys(&["third.zip", "second.zip", "first.zip"])
        .await;
}

#[tokio::test]
async fn an_unreachable_server_is_an_error_not_a_blank_page() {
    let server = PocketBase::start();
    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;

    drop(server);
    // Health polling notices by itself (every 20 s at idle), and the page stays as it was.
    let unreachable = "The server is unreachable. This page keeps trying.";
    browser
        .wait_for_alert(Duration::from_secs(30), unreachable)
        .await;
    browser.wait_for_text("No backups yet").await;
    browser.click("Refresh").await;
    browser
        .wait_for_text("Cannot reach the server. Check the address and that PocketBase is running.")
        .await;
    browser.wait_for_heading("Backups").await;
}

#[tokio::test]
async fn hostile_keys_are_listed_as_plain_text() {
    let server = PocketBase::start();
    server.seed_hostile_keys();
    let browser = signed_in(&server).await;

    let mut expected: Vec<&str> = HOSTILE_KEYS.to_vec();
    expected.push("source.zip");
    let shown = e2e::eventually("every key listed", || async {
        let rows = browser.rows().await;
        let mut keys: Vec<String> = rows.into_iter().map(|r| r[0].clone()).collect();
        keys.sort();
        (keys.len() == expected.len()).then_some(keys)
    })
    .await;
    let mut expected: Vec<String> = expected.iter().map(|k| k.to_string()).collect();
    expected.sort();
    assert_eq!(shown, expected);
    assert_eq!(
        browser.image_count().await,
        0,
        "a key was rendered as markup"
    );
}

/// A visit with a stored session asks for its list while the wasm is still on its way (the
/// loader's `early-list.js`), and the panel uses that answer rather than asking again.
#[tokio::test]
async fn a_stored_session_asks_for_its_list_while_the_wasm_downloads_and_only_once() {
    let server = PocketBase::start();
    server.create_backup("kept.zip");
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["kept.zip"]).await;

    // A cold visit on a slow link, so the wasm takes about a second to arrive.
    browser
        .devtools("Network.clearBrowserCache", serde_json::json!({}))
        .await;
    browser.throttle(300_000, 100).await;
    browser.reload().await;
    browser.wait_for_keys(&["kept.zip"]).await;
    let seen = browser
        .script(
            "const all = performance.getEntriesByType('resource');
             const lists = all.filter(e => new URL(e.name).pathname === '/api/backups');
             const wasm = all.find(e => new URL(e.name).pathname.endsWith('_bg.wasm'));
             return { lists: lists.map(e => [e.name, e.startTime]), wasm_end: wasm.responseEnd };",
            vec![],
        )
        .await;
    let lists = seen["lists"].as_array().expect("list requests");
    assert_eq!(
        lists.len(),
        1,
        "the list was asked for more than once: {seen}"
    );
    let (url, started) = (lists[0][0].as_str().unwrap(), lists[0][1].as_f64().unwrap());
    assert_eq!(
        url,
        format!("{}/api/backups", server.url()),
        "no token in the URL"
    );
    let wasm_end = seen["wasm_end"].as_f64().expect("the wasm's timing");
    assert!(
        started < wasm_end - 500.0,
        "the list was asked for at {started} ms, the wasm arrived at {wasm_end} ms: {seen}"
    );
}
