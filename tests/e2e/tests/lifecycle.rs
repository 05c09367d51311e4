//! Work outlives its page: what runs for the signed-in server — a create, an upload, a restore
//! being followed, an automatic run — goes on while another page shows, and is all there on the
//! way back; each server's data shows only for that server; and leaving any long action
//! mid-way never crashes the app.

use std::time::Duration;

use e2e::{
    eventually_within, sign_in, signed_in, Browser, PocketBase, ADMIN_EMAIL, ADMIN_PASSWORD,
};
use serde_json::json;

/// Whether the server holds its backup lock (a create, an automatic run or a restore runs).
fn is_busy(server: &PocketBase) -> bool {
    let token = server.admin_token();
    let health = server.get("/api/health", Some(&token)).expect("health");
    health.json()["data"]["canBackup"] == false
}

/// Goes to the settings and back by the top bar's links, as an admin does.
async fn visit_settings_and_return(browser: &Browser) {
    browser.click_link("Backup settings").await;
    browser.wait_for_heading("Backup settings").await;
    browser.click_link("Back to backups").await;
    browser.wait_for_heading("Backups").await;
}

/// Counts, in the page, every realtime link opened.
const COUNT_LINKS: &str = "window.links = 0;
    const Source = window.EventSource;
    window.EventSource = function (...args) { links += 1; return new Source(...args); };
    window.EventSource.prototype = Source.prototype;";

async fn counted(browser: &Browser, what: &str) -> u64 {
    let count = browser
        .script(&format!("return window.{what};"), vec![])
        .await;
    count.as_u64().expect("a count")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_goes_on_while_the_settings_show_and_is_still_there_on_return() {
    let server = PocketBase::start();
    server.add_ballast(1_000);
    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;

    browser.click("Create backup").await;
    browser.fill("Backup name", "kept.zip").await;
    browser.click_in_dialog("Create").await;
    browser.wait_for_text("Creating kept.zip").await;
    visit_settings_and_return(&browser).await;

    // Back while the server still writes it: the row and the lock are still there.
    assert!(
        tokio::task::block_in_place(|| is_busy(&server)),
        "the create ended before the page was back: the test proves nothing"
    );
    browser.wait_for_text("Creating kept.zip").await;
    let create = browser.button("Create backup").await;
    assert!(
        !create.is_enabled().await.unwrap(),
        "Create backup is free again while a create runs"
    );

    // Its outcome reaches a page that was not there when it started: the settings.
    browser.click_link("Backup settings").await;
    browser.wait_for_heading("Backup settings").await;
    browser
        .wait_for_toast(Duration::from_secs(60), "Backup kept.zip created.")
        .await;
    browser.click_link("Back to backups").await;
    browser.wait_for_keys(&["kept.zip"]).await;
    assert_eq!(server.keys(), ["kept.zip"]);
    let creates = tokio::task::block_in_place(|| {
        server.settled_requests("data.method='POST' && data.url='/api/backups'")
    });
    assert_eq!(creates, 1, "the create was sent again");
    browser.assert_no_crash().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_goes_on_while_another_page_shows_and_only_signing_out_asks() {
    let server = PocketBase::start();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("travelling.zip");
    e2e::write_backup_like_zip(&file, 3_000_000);
    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;

    browser.throttle(200_000, 50).await;
    browser.choose_file("Upload backup", &file).await;
    browser.click_in_dialog("Upload").await;
    browser.wait_for_css(".upload-progress progress").await;

    // Another page does not stop it, and so does not ask.
    browser.click_link("Servers").await;
    browser.wait_for_heading("Servers").await;
    browser.click_link("Back to backups").await;
    browser.wait_for_heading("Backups").await;
    let (sent, total) = e2e::eventually("the upload's progress", || browser.progress()).await;
    assert!(sent < total, "the upload ended before the page was back");

    // Signing out would cancel it: that asks.
    browser.click("Sign out").await;
    browser
        .wait_for_text("Sign out and cancel the upload?")
        .await;
    browser.click_in_dialog("Cancel").await;
    browser.throttle(1_000_000_000, 0).await;
    browser
        .wait_for_toast(Duration::from_secs(60), "Uploaded travelling.zip.")
        .await;
    assert_eq!(server.keys(), ["travelling.zip"]);
    browser.assert_no_crash().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_is_followed_across_pages_by_one_link_to_its_end() {
    let server = PocketBase::start();
    server.add_ballast(300);
    server.create_backup("big.zip");
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["big.zip"]).await;
    browser.script(COUNT_LINKS, vec![]).await;

    browser.restore("big.zip").await;
    browser
        .wait_for_text("PocketBase accepted the restore of big.zip")
        .await;
    browser.click_link("Servers").await;
    browser.wait_for_heading("Servers").await;
    browser.click_link("Back to backups").await;
    browser.wait_for_heading("Backups").await;

    browser
        .wait_for_status(Duration::from_secs(90), "Restored big.zip")
        .await;
    assert_eq!(
        counted(&browser, "links").await,
        1,
        "the restore was followed by more than one realtime link"
    );
    browser.assert_no_crash().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_automatic_run_is_still_shown_after_a_visit_to_the_settings() {
    let server = PocketBase::start();
    server.add_ballast(1_000);
    server.set_settings(json!({"backups": {"cron": "0 3 * * *", "cronMaxKeep": 3}}));
    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;

    browser.click("Run automatic backup now").await;
    browser
        .wait_for_text("Running the server's automatic backup")
        .await;
    visit_settings_and_return(&browser).await;
    assert!(
        tokio::task::block_in_place(|| is_busy(&server)),
        "the run ended before the page was back: the test proves nothing"
    );
    browser
        .wait_for_text("Running the server's automatic backup")
        .await;
    browser
        .wait_for_toast(Duration::from_secs(90), "@auto_pb_backup_")
        .await;
    browser.assert_no_crash().await;
}

/// Records, every frame, what the settings form shows: the schedule typed and whether
/// automatic backups are on, with the phase the test is in (`window.phase`).
const RECORD_FORM: &str = "window.seen = []; window.phase = 'A';
    const look = () => {
        const cron = document.getElementById('cron');
        const auto = document.getElementById('auto-backups');
        if (cron || auto) seen.push([phase, cron ? cron.value : null, auto ? auto.checked : null]);
        requestAnimationFrame(look);
    };
    requestAnimationFrame(look);";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_servers_settings_never_show_in_this_servers_form_not_even_a_late_answer() {
    // A's settings answer slowly, from behind a proxy; B serves the panel.
    let first = PocketBase::start();
    first.set_settings(json!({"backups": {"cron": "0 3 * * *", "cronMaxKeep": 4}}));
    let second = PocketBase::start();
    let proxy = e2e::Proxy::start(first.url().trim_start_matches("http://")).await;
    let browser = Browser::start().await;
    browser.open(second.url()).await;
    browser.fill("Server URL", proxy.url()).await;
    browser.fill("Email", ADMIN_EMAIL).await;
    browser.fill("Password", ADMIN_PASSWORD).await;
    browser.click("Sign in").await;
    browser.wait_for_heading("Backups").await;
    browser.click_link("Backup settings").await;
    browser.wait_for_heading("Backup settings").await;
    e2e::eventually("A's schedule in the form", || async {
        let cron = browser.field_value("Schedule (cron expression)").await;
        (cron == "0 3 * * *").then_some(())
    })
    .await;
    browser.script(RECORD_FORM, vec![]).await;

    // A's next read of its settings is held back; meanwhile the admin moves to B.
    proxy.delay_answers_to(Some("/api/settings"), Duration::from_secs(4));
    browser.click_link("Back to backups").await;
    browser.wait_for_heading("Backups").await;
    browser.click_link("Backup settings").await;
    browser.click("Sign out").await;
    browser.field("Password").await;
    browser.script("window.phase = 'B';", vec![]).await;
    browser.fill("Server URL", second.url()).await;
    browser.fill("Email", ADMIN_EMAIL).await;
    browser.fill("Password", ADMIN_PASSWORD).await;
    browser.click("Sign in").await;
    // Signed out from the settings, signed in to them: B's, from the first frame.
    browser.wait_for_heading("Backup settings").await;
    // Past the moment A's held answer arrives.
    tokio::time::sleep(Duration::from_secs(6)).await;

    let seen = browser.script("return seen;", vec![]).await;
    let seen: Vec<(String, Option<String>, Option<bool>)> =
        serde_json::from_value(seen).expect("frames");
    let on_b: Vec<_> = seen.iter().filter(|(phase, ..)| phase == "B").collect();
    assert!(!on_b.is_empty(), "B's form was never seen");
    let leaked: Vec<_> = on_b
        .iter()
        .filter(|(_, cron, auto)| cron.as_deref() == Some("0 3 * * *") || *auto == Some(true))
        .collect();
    assert!(
        leaked.is_empty(),
        "A's settings in B's form in {} of {} frames, e.g. {:?}",
        leaked.len(),
        on_b.len(),
        leaked.first()
    );
    assert!(!browser.is_on("Enable automatic backups").await);
    assert_eq!(second.settings()["backups"]["cron"], "");
    browser.assert_no_crash().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaving_long_actions_mid_way_never_crashes_the_app() {
    let server = PocketBase::start();
    let files = tempfile::tempdir().unwrap();
    let big = files.path().join("big.zip");
    e2e::write_backup_like_zip(&big, 300_000_000);
    server.seed_backup_from(&big, "big.zip");
    server.create_backup("small.zip");
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["small.zip", "big.zip"]).await;

    // A history to go Back through, as an admin who came from the settings has. A modal
    // dialog keeps the page's own links out of reach; Back, another tab and the language are
    // the ways out of it.
    visit_settings_and_return(&browser).await;

    // A verify left by Back: it stops, with its download and its inflater.
    browser.throttle(20_000_000, 0).await;
    browser.click_labelled("Inspect big.zip").await;
    browser.click_labelled("Verify big.zip").await;
    browser.wait_for_text("Verifying").await;
    browser.back().await;
    browser.wait_for_heading("Backup settings").await;
    browser.throttle(1_000_000_000, 0).await;
    browser.click_link("Back to backups").await;
    browser.wait_for_keys(&["small.zip", "big.zip"]).await;
    browser.assert_no_crash().await;

    // A download command counting down, its dialog dropped with the page within the second.
    browser.allow_clipboard(server.url()).await;
    browser.click_labelled("Inspect small.zip").await;
    browser.click_in_dialog("Copy download command").await;
    browser.wait_for_text("more.").await;
    browser.back().await;
    browser.wait_for_heading("Backup settings").await;
    // Past the next tick of the countdown.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    browser.assert_no_crash().await;

    // A compare left while it reads; a verify dropped by closing, then another language.
    browser.click_link("Back to backups").await;
    browser.wait_for_keys(&["small.zip", "big.zip"]).await;
    browser.click_labelled("Select big.zip").await;
    browser.click_labelled("Select small.zip").await;
    browser.click("Compare the two selected").await;
    browser.back().await;
    browser.wait_for_heading("Backup settings").await;
    browser.click_link("Back to backups").await;
    browser.wait_for_keys(&["small.zip", "big.zip"]).await;
    browser.throttle(20_000_000, 0).await;
    browser.click_labelled("Inspect big.zip").await;
    browser.click_labelled("Verify big.zip").await;
    browser.wait_for_text("Verifying").await;
    browser.press_escape().await;
    browser.select_option("Language", "简体中文").await;
    browser.wait_for_heading("备份").await;
    browser.throttle(1_000_000_000, 0).await;
    browser.select_option("语言", "English").await;
    browser.wait_for_heading("Backups").await;
    browser.assert_no_crash().await;

    // Sign-out in another tab while a create runs here.
    server.add_ballast(500);
    browser.click("Create backup").await;
    browser.fill("Backup name", "abandoned.zip").await;
    browser.click_in_dialog("Create").await;
    browser.wait_for_text("Creating abandoned.zip").await;
    let here = browser.open_blank_tab().await;
    browser.open(server.url()).await;
    browser.wait_for_heading("Backups").await;
    browser.click("Sign out").await;
    browser.field("Password").await;
    browser.switch_to(here).await;
    browser
        .wait_for_text("You signed out in another tab.")
        .await;
    sign_in(&browser, &server).await;
    // (The server goes on writing abandoned.zip: only the tab's view of it ended.)
    browser.wait_for_text("small.zip").await;
    browser.assert_no_crash().await;

    // Still working: a delete goes through and says so.
    browser.click_labelled("Delete small.zip").await;
    browser.click_in_dialog("Delete").await;
    browser
        .wait_for_toast(Duration::from_secs(20), "Deleted small.zip.")
        .await;
    eventually_within(Duration::from_secs(60), "the create to end", || async {
        (!is_busy(&server)).then_some(())
    })
    .await;
    browser.assert_no_crash().await;
}
