//! The split build: the first screen needs none of the chunks; a chunk that cannot be fetched
//! is said plainly, with a Retry that works once it can; and once the rows show, every chunk
//! is fetched while the browser is idle, so a first click works even offline.

use e2e::{eventually, signed_in, Browser, PocketBase};
use serde_json::json;

/// The chunks of the split build (`scripts/finish-dist.py` names them `split_<piece>-<hash>`
/// and `chunk_<n>-<hash>`, for code that pieces share).
const CHUNKS: [&str; 2] = ["*/split_*", "*/chunk_*"];

async fn fetched_chunks(browser: &Browser) -> Vec<String> {
    let script = "return performance.getEntriesByType('resource')
        .map(r => r.name.split('/').pop())
        .filter(n => /^(split|chunk)_.*\\.wasm$/.test(n));";
    serde_json::from_value(browser.script(script, vec![]).await).expect("names")
}

#[tokio::test]
async fn the_first_screen_needs_no_chunk_and_a_missing_one_is_said_with_retry() {
    let server = PocketBase::start();
    server.create_backup("one.zip");
    let browser = Browser::start().await;
    browser.devtools("Network.enable", json!({})).await;
    browser
        .devtools("Network.setBlockedURLs", json!({ "urls": CHUNKS }))
        .await;
    browser.open(server.url()).await;
    e2e::sign_in(&browser, &server).await;
    // Sign-in, the list, its table, search and sort: all from the first load.
    browser.wait_for_keys(&["one.zip"]).await;
    browser.fill("Search backups", "one").await;
    browser.wait_for_keys(&["one.zip"]).await;

    // The settings live in a chunk the browser may not fetch: said, nothing broken.
    browser.click_link("Backup settings").await;
    let said = browser
        .wait_for_alert(e2e::PATIENCE, "could not be loaded")
        .await;
    assert!(said.contains("reload the page"), "{said}");
    // Retry while it still cannot: said again, still no crash.
    browser.click("Retry").await;
    browser
        .wait_for_alert(e2e::PATIENCE, "could not be loaded")
        .await;
    browser.assert_no_crash().await;

    // The network back: Retry draws the page.
    browser
        .devtools("Network.setBlockedURLs", json!({ "urls": [] }))
        .await;
    browser.click("Retry").await;
    browser.wait_for_heading("Backup settings").await;
    let alerts = browser.alerts().await;
    assert!(
        !alerts.iter().any(|a| a.contains("could not be loaded")),
        "{alerts:?}"
    );
    // Its form is there and works: the schedule field takes input.
    browser.set_switch("Enable automatic backups", true).await;
    browser
        .fill("Schedule (cron expression)", "0 3 * * *")
        .await;
    browser.wait_for_text("At 03:00 UTC, every day.").await;
    browser.assert_no_crash().await;
}

#[tokio::test]
async fn once_the_rows_show_every_chunk_is_fetched_and_a_first_click_works_offline() {
    let server = PocketBase::start();
    server.create_backup("one.zip");
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["one.zip"]).await;
    let wanted = [
        "split_create",
        "split_upload",
        "split_restore_follow",
        "split_delete",
        "split_restore",
        "split_inspect",
        "split_settings",
        "split_compare",
        "split_retention",
        "split_servers",
        "split_auto_health",
        "split_zh",
    ];
    eventually("every piece's chunk fetched while idle", || async {
        let fetched = fetched_chunks(&browser).await;
        wanted
            .iter()
            .all(|piece| {
                fetched
                    .iter()
                    .any(|name| name.starts_with(&format!("{piece}-")))
            })
            .then_some(())
    })
    .await;

    // Offline now: the dialogs and pages draw from what was fetched.
    browser.set_offline(true).await;
    browser.click_labelled("Inspect one.zip").await;
    let (_, title) = browser.open_dialog().await;
    assert_eq!(title, "What this backup holds");
    browser.press_escape().await;
    browser.wait_for_no_dialog().await;
    browser.click_link("Backup settings").await;
    browser.wait_for_heading("Backup settings").await;
    assert!(
        !browser
            .alerts()
            .await
            .iter()
            .any(|a| a.contains("could not be loaded")),
        "{:?}",
        browser.alerts().await
    );
    browser.set_offline(false).await;
    browser.assert_no_crash().await;
}

#[tokio::test]
async fn a_dialog_whose_chunk_cannot_be_fetched_says_so_in_sight_and_opens_on_retry() {
    let server = PocketBase::start();
    // A page taller than the window: the notice must not end up below the table.
    server.seed_backup_files(60);
    server.create_backup("one.zip");
    let browser = Browser::start().await;
    browser.devtools("Network.enable", json!({})).await;
    browser
        .devtools(
            "Network.setBlockedURLs",
            json!({ "urls": ["*/split_delete*"] }),
        )
        .await;
    browser.open(server.url()).await;
    e2e::sign_in(&browser, &server).await;
    browser.wait_for_text("one.zip").await;
    browser.click_labelled("Delete one.zip").await;
    browser
        .wait_for_alert(e2e::PATIENCE, "could not be loaded")
        .await;
    let in_sight = "const alert = [...document.querySelectorAll('[role=alert]')]
            .find(a => a.textContent.includes('could not be loaded'));
        const box = alert.getBoundingClientRect();
        return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight;";
    assert_eq!(browser.script(in_sight, vec![]).await, json!(true));
    browser.assert_no_crash().await;

    browser
        .devtools("Network.setBlockedURLs", json!({ "urls": [] }))
        .await;
    browser.click("Retry").await;
    let (role, title) = browser.open_dialog().await;
    assert_eq!(
        (role.as_str(), title.as_str()),
        ("alertdialog", "Delete this backup?")
    );
    assert!(browser.dialog_text().await.contains("one.zip"));
    // Cancelling sends nothing: the backup is still there.
    browser.press_escape().await;
    browser.wait_for_no_dialog().await;
    assert!(server.backups().iter().any(|(key, _, _)| key == "one.zip"));
    browser.assert_no_crash().await;
}

/// The second language is a chunk too: refused, the page stays in English and says so; once it
/// can be fetched, choosing it again writes in it, and a reload draws the first screen in it.
/// A reader whose language cannot be fetched on arrival gets the panel in English.
#[tokio::test]
async fn a_language_whose_words_cannot_be_fetched_is_said_and_english_stays() {
    let server = PocketBase::start();
    server.create_backup("one.zip");
    let browser = Browser::start().await;
    browser.devtools("Network.enable", json!({})).await;
    let refuse_chinese = || async {
        browser
            .devtools("Network.setBlockedURLs", json!({ "urls": ["*/split_zh*"] }))
            .await;
    };
    refuse_chinese().await;
    browser.open(server.url()).await;
    e2e::sign_in(&browser, &server).await;
    browser.wait_for_keys(&["one.zip"]).await;

    browser.select_option("Language", "简体中文").await;
    browser
        .wait_for_alert(e2e::PATIENCE, "could not be loaded")
        .await;
    let control = "return document.getElementById('language').value;";
    assert_eq!(
        browser.script(control, vec![]).await,
        json!("en"),
        "the control left on 简体中文"
    );
    browser.wait_for_heading("Backups").await;
    browser.assert_no_crash().await;

    browser
        .devtools("Network.setBlockedURLs", json!({ "urls": [] }))
        .await;
    browser.select_option("Language", "简体中文").await;
    browser.wait_for_heading("备份").await;
    let alerts = browser.alerts().await;
    assert!(
        !alerts.iter().any(|a| a.contains("could not be loaded")),
        "{alerts:?}"
    );
    // Remembered: the next visit fetches the words before drawing anything.
    browser.reload().await;
    browser.wait_for_heading("备份").await;
    browser.wait_for_keys(&["one.zip"]).await;

    // A visit that cannot fetch them: English, not a blank page.
    refuse_chinese().await;
    browser
        .devtools("Network.clearBrowserCache", json!({}))
        .await;
    browser.reload().await;
    browser.wait_for_heading("Backups").await;
    browser.wait_for_keys(&["one.zip"]).await;
    browser.assert_no_crash().await;
}
