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
