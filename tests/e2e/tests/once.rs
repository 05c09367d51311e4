//! One request per intent: a double click, a held Enter or a click while the request runs
//! sends each action exactly once, as the server's own request log shows.

use e2e::{Browser, PocketBase, ADMIN_EMAIL, ADMIN_PASSWORD};

/// Clicks the open dialog's button `name` twice in the same moment, as a fast double click
/// does before the page can react.
async fn double_click_in_dialog(browser: &Browser, name: &str) {
    let script = "const b = [...document.querySelectorAll('dialog[open] button')]
        .find(b => b.textContent.trim() === arguments[0]);
        b.click(); b.click();";
    browser.script(script, vec![name.into()]).await;
}

/// The requests the server logged for `filter`, read once it settled.
fn logged(server: &PocketBase, filter: &str) -> u64 {
    tokio::task::block_in_place(|| server.settled_requests(filter))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_action_is_sent_once_for_a_double_click_or_a_held_enter() {
    let server = PocketBase::start();
    let bytes = server.seed_hostile_keys();

    // Sign-in, double-clicked.
    let browser = Browser::start().await;
    browser.open(server.url()).await;
    browser.fill("Email", ADMIN_EMAIL).await;
    browser.fill("Password", ADMIN_PASSWORD).await;
    let twice = "const b = [...document.querySelectorAll('button')]
        .find(b => b.textContent.trim() === 'Sign in'); b.click(); b.click();";
    browser.script(twice, vec![]).await;
    browser.wait_for_heading("Backups").await;
    browser.wait_for_text("6 backups").await;

    // Create, double-clicked; then Enter pressed three times at once in the name field.
    browser.click("Create backup").await;
    browser.fill("Backup name", "double.zip").await;
    double_click_in_dialog(&browser, "Create").await;
    browser.wait_for_text("Backup double.zip created.").await;
    browser.click("Create backup").await;
    browser.fill("Backup name", "held.zip").await;
    let field = browser.field("Backup name").await;
    field
        .send_keys("\u{E007}\u{E007}\u{E007}")
        .await
        .expect("enter");
    browser.wait_for_text("Backup held.zip created.").await;

    // Delete, double-clicked.
    browser.click_labelled("Delete double.zip").await;
    double_click_in_dialog(&browser, "Delete").await;
    browser.wait_for_text("Deleted double.zip.").await;

    // Upload, the confirmation double-clicked.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("uploaded.zip");
    std::fs::write(&file, &bytes).expect("zip");
    browser.choose_file("Upload backup", &file).await;
    double_click_in_dialog(&browser, "Upload").await;
    browser.wait_for_text("Uploaded uploaded.zip.").await;

    // Restore, double-clicked: of a backup that cannot be restored, so the server stays up
    // and keeps its log.
    let no_data = e2e::zip_without_data_db();
    assert_eq!(server.upload("no_data.zip", &no_data).status, 204);
    browser.click("Refresh").await;
    browser.click_labelled("Restore no_data.zip").await;
    browser
        .fill("Type the backup name to confirm", "no_data.zip")
        .await;
    double_click_in_dialog(&browser, "Restore").await;
    browser
        .wait_for_text("The restore of no_data.zip failed")
        .await;

    for (what, filter) in [
        (
            "sign-in",
            "data.method='POST' && data.url~'/_superusers/auth-with-password'",
        ),
        ("create", "data.method='POST' && data.url='/api/backups'"),
        ("delete", "data.method='DELETE' && data.url~'double.zip'"),
        (
            "upload",
            "data.method='POST' && data.url='/api/backups/upload'",
        ),
        ("restore", "data.method='POST' && data.url~'/restore'"),
    ] {
        let expected = if what == "create" { 2 } else { 1 };
        // The server's own sign-ins (admin_token) go through the API directly: not counted.
        let found = logged(&server, &format!("{filter} && data.userAgent!~'ureq'"));
        assert_eq!(found, expected, "{what}: {found} requests");
    }
}
