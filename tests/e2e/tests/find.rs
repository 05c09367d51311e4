//! Finding and judging backups: search, sort, deep links, the automatic badge.

use e2e::{signed_in, PocketBase};

fn sorted(mut keys: Vec<String>) -> Vec<String> {
    keys.sort();
    keys
}

#[tokio::test]
async fn search_narrows_the_rows_and_badges_automatic_backups() {
    let server = PocketBase::start();
    server.seed_hostile_keys();
    let browser = signed_in(&server).await;
    browser.wait_for_text("6 backups").await;

    assert_eq!(
        browser.badge("@auto_pb_backup_x.zip").await.as_deref(),
        Some("auto")
    );
    assert_eq!(browser.badge("source.zip").await, None);
    assert_eq!(browser.badge("My Backup (1).zip").await, None);

    browser.fill("Search backups", "BACKUP").await;
    let shown = e2e::eventually("the search to apply", || async {
        let keys = browser.keys().await;
        (keys.len() == 2).then_some(keys)
    })
    .await;
    assert_eq!(
        sorted(shown),
        ["@auto_pb_backup_x.zip", "My Backup (1).zip"]
    );
    browser.wait_for_text("Showing 2 of 6 backups").await;

    // "Select all" ticks and unticks the rows shown, and keeps a selection made before.
    browser.fill("Search backups", "source").await;
    browser.wait_for_keys(&["source.zip"]).await;
    browser.click_labelled("Select source.zip").await;
    browser.fill("Search backups", "BACKUP").await;
    browser.wait_for_text("Showing 2 of 6 backups").await;
    browser.click_labelled("Select all shown backups").await;
    browser.button("Delete selected (3)").await;
    browser.click_labelled("Select all shown backups").await;
    browser.button("Delete selected (1)").await;

    browser.fill("Search backups", "no such backup").await;
    browser.wait_for_text("No backups match the search.").await;
    let select_all = "return document.querySelector('thead input[type=checkbox]').disabled;";
    assert_eq!(browser.script(select_all, vec![]).await, true);
}

#[tokio::test]
async fn sorts_by_size_and_a_deep_link_to_backups_shows_the_same_view() {
    let server = PocketBase::start();
    server.create_backup("source.zip");
    let bytes = server.download("source.zip");
    for (name, extra) in [
        ("mid_b.zip", 2_000),
        ("big_b.zip", 9_000),
        ("small_b.zip", 1_000),
    ] {
        let mut content = bytes.clone();
        content.extend(std::iter::repeat_n(b' ', extra));
        assert_eq!(server.upload(name, &content).status, 204);
    }
    let browser = signed_in(&server).await;
    browser.wait_for_text("4 backups").await;
    assert_eq!(
        browser.sort_of("Modified").await.as_deref(),
        Some("descending")
    );

    browser.click("Size").await;
    browser
        .wait_for_keys(&["big_b.zip", "mid_b.zip", "small_b.zip", "source.zip"])
        .await;
    assert_eq!(browser.sort_of("Size").await.as_deref(), Some("descending"));
    assert_eq!(browser.sort_of("Modified").await, None);
    browser.click("Size").await;
    browser
        .wait_for_keys(&["source.zip", "small_b.zip", "mid_b.zip", "big_b.zip"])
        .await;
    assert_eq!(browser.sort_of("Size").await.as_deref(), Some("ascending"));

    browser.fill("Search backups", "_b").await;
    browser
        .wait_for_keys(&["small_b.zip", "mid_b.zip", "big_b.zip"])
        .await;
    let url = browser.current_url().await;
    assert_eq!(url, format!("{}/backups?q=_b&sort=size", server.url()));

    // A reload shows the same view.
    browser.open(&url).await;
    browser
        .wait_for_keys(&["small_b.zip", "mid_b.zip", "big_b.zip"])
        .await;
    assert_eq!(browser.field_value("Search backups").await, "_b");
    assert_eq!(browser.sort_of("Size").await.as_deref(), Some("ascending"));

    // So does the link shared with someone who signs in first.
    let elsewhere = e2e::Browser::start().await;
    elsewhere
        .open(&format!("{}/backups?q=_b&sort=-size", server.url()))
        .await;
    e2e::sign_in(&elsewhere, &server).await;
    elsewhere
        .wait_for_keys(&["big_b.zip", "mid_b.zip", "small_b.zip"])
        .await;
    assert_eq!(
        elsewhere.sort_of("Size").await.as_deref(),
        Some("descending")
    );
    let url = elsewhere.current_url().await;
    assert_eq!(url, format!("{}/backups?q=_b&sort=-size", server.url()));

    // Opened at the root, the list moves to its own path once PocketBase is found to serve it
    // there. (PocketBase redirects `/index.html` to `/`, dropping the query string.)
    elsewhere
        .open(&format!("{}/?q=_b&sort=size", server.url()))
        .await;
    elsewhere
        .wait_for_keys(&["small_b.zip", "mid_b.zip", "big_b.zip"])
        .await;
    let moved = format!("{}/backups?q=_b&sort=size", server.url());
    e2e::eventually("the list's own path", || async {
        (elsewhere.current_url().await == moved).then_some(())
    })
    .await;
}

/// Scrolls so that the top of row `index` of the list (0 = first backup) is `at` pixels below the
/// top of the screen, then names the row found there and the screen height.
const ROW_AT: &str = r#"
const [index, at] = arguments;
const rows = document.querySelectorAll('tbody tr.row');
const middle = Math.floor(rows.length / 2);
const pitch = rows[middle + 1].getBoundingClientRect().top - rows[middle].getBoundingClientRect().top;
const body = document.querySelector('tbody');
window.scrollTo(0, window.scrollY + body.getBoundingClientRect().top + index * pitch - at);
return new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {
  const table = document.querySelector('table.backups').getBoundingClientRect();
  const hit = document.elementFromPoint(table.left + table.width / 2, at + pitch / 2);
  const row = hit && hit.closest('tr');
  resolve(row && [row.getAttribute('aria-rowindex'), row.querySelector('.key-text')?.textContent]);
})));
"#;

#[tokio::test]
async fn a_long_list_puts_only_the_rows_on_screen_in_the_page() {
    let server = PocketBase::start();
    server.seed_backup_files(1_000);
    let browser = signed_in(&server).await;
    browser.wait_for_text("1000 backups").await;
    // By name: "@auto_…" first, "pb_backup_00998.zip" last.
    browser.click("Name").await;
    browser.wait_for_text("1000 backups").await;
    let first = e2e::eventually("the rows by name", || async {
        let keys = browser.keys().await;
        (keys.first().map(String::as_str) == Some("@auto_pb_backup_00000.zip")).then_some(keys)
    })
    .await;
    assert!(first.len() < 60, "{} rows in the page", first.len());
    let count = browser
        .script(
            "return document.querySelector('table.backups').getAttribute('aria-rowcount');",
            vec![],
        )
        .await;
    assert_eq!(count, "1001");

    // Scrolled anywhere, the row on screen is the one the list has there, numbered for
    // assistive technology: the gaps standing for rows off screen are exact.
    for index in [500_usize, 333, 2] {
        let found = e2e::eventually(&format!("row {index} on screen"), || async {
            let found = browser.script(ROW_AT, vec![index.into(), 200.into()]).await;
            let number = found.get(0)?.as_str()?.parse::<usize>().ok()?;
            (number == index + 2).then_some(found)
        })
        .await;
        let expected = if index < 334 {
            format!("@auto_pb_backup_{:05}.zip", index * 3)
        } else {
            let n = index - 334;
            format!("pb_backup_{:05}.zip", n / 2 * 3 + 1 + n % 2)
        };
        assert_eq!(found[1], expected.as_str(), "row {index}");
        let in_page = browser.keys().await.len();
        assert!(in_page < 60, "{in_page} rows in the page at row {index}");
    }

    // Sorting from far down (the header stays on screen) shows the start of the new order.
    browser.script("window.scrollTo(0, 20000);", vec![]).await;
    let table_top = "return document.querySelector('table.backups').getBoundingClientRect().top;";
    assert!(browser.script(table_top, vec![]).await.as_f64().unwrap() < -10_000.0);
    browser.click("Size").await;
    e2e::eventually("the table's top on screen", || async {
        let top = browser.script(table_top, vec![]).await;
        (top.as_f64()? >= -1.0).then_some(())
    })
    .await;
    browser.click("Name").await;
    browser.wait_for_text("1000 backups").await;

    // The end of the page: the last row, numbered last.
    browser
        .script("window.scrollTo(0, document.body.scrollHeight);", vec![])
        .await;
    e2e::eventually("the last row", || async {
        let last = browser
            .script(
                "const rows = document.querySelectorAll('tbody tr.row'); \
                 const last = rows[rows.length - 1]; \
                 return [last.getAttribute('aria-rowindex'), last.querySelector('.key-text').textContent];",
                vec![],
            )
            .await;
        (last == serde_json::json!(["1001", "pb_backup_00998.zip"])).then_some(())
    })
    .await;

    // The keyboard walks on past the rows first in the page: each row has five stops, one per
    // action (checkbox, four buttons), and rows come into the page as focus scrolls down.
    browser.script("window.scrollTo(0, 0);", vec![]).await;
    browser
        .click_labelled("Select @auto_pb_backup_00000.zip")
        .await;
    browser.press_tab(5 * 70).await;
    assert_eq!(browser.focused().await, "Select @auto_pb_backup_00210.zip");

    // "Select all" takes every backup of the list, not only those in the page; the question
    // names the first 50.
    browser.click_labelled("Select all shown backups").await;
    browser.click("Delete selected (1000)").await;
    assert_eq!(
        browser.open_dialog().await,
        ("alertdialog".into(), "Delete these 1000 backups?".into())
    );
    let listed = browser
        .script(
            "return [...document.querySelectorAll('dialog[open] ul.subject li')].map(li => li.textContent);",
            vec![],
        )
        .await;
    let listed = listed.as_array().expect("items");
    assert_eq!(listed.len(), 51);
    assert_eq!(listed[50], "… and 950 more");
    browser.press_escape().await;
    browser.click_labelled("Select all shown backups").await;
    browser.wait_for_text("1000 backups").await;

    // A search finds rows that were not in the page, and starts from the top.
    browser.fill("Search backups", "00149").await;
    browser.wait_for_keys(&["pb_backup_00149.zip"]).await;
}
