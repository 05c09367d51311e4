//! Refusals explained, not mistaken for an expired session: the server's IP allow-list, a
//! proxy's 413, a server stopped in the middle of the work — each said plainly, the admin's
//! place kept, and Refresh recovers once the server is back.

use std::time::Duration;

use e2e::{signed_in, write_backup_like_zip, Browser, PocketBase, ADMIN_EMAIL, ADMIN_PASSWORD};

const IP_REFUSAL: &str = "accepts superusers only from the IP addresses listed in its settings";

#[tokio::test]
async fn the_ip_allow_list_is_explained_and_never_taken_for_an_expired_session() {
    let server = PocketBase::start();
    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;

    let token = server.admin_token();
    let changed = server.patch_json(
        "/api/settings",
        &token,
        serde_json::json!({"superuserIPs": ["10.9.9.9"]}),
    );
    assert_eq!(changed.status, 200, "{}", changed.body);

    browser.click("Refresh").await;
    browser
        .wait_for_alert(Duration::from_secs(20), IP_REFUSAL)
        .await;
    // Still signed in: it is not the session that is wrong.
    browser.wait_for_heading("Backups").await;
    assert_eq!(browser.buttons_named("Sign out").await, 1);

    browser.click("Sign out").await;
    browser.fill("Email", ADMIN_EMAIL).await;
    browser.fill("Password", ADMIN_PASSWORD).await;
    browser.click("Sign in").await;
    browser
        .wait_for_alert(Duration::from_secs(20), IP_REFUSAL)
        .await;
    browser.field("Password").await;
}

#[tokio::test]
async fn a_proxys_413_is_explained_and_the_server_keeps_nothing() {
    let server = PocketBase::start();
    let proxy =
        e2e::Proxy::with_body_limit(server.url().trim_start_matches("http://"), 100_000).await;
    let files = tempfile::tempdir().expect("temp dir");
    let big = files.path().join("too_big.zip");
    write_backup_like_zip(&big, 300_000);

    let browser = Browser::start().await;
    browser.open(proxy.url()).await;
    browser.fill("Email", ADMIN_EMAIL).await;
    browser.fill("Password", ADMIN_PASSWORD).await;
    browser.click("Sign in").await;
    browser.wait_for_text("No backups yet").await;

    browser.choose_file("Upload backup", &big).await;
    browser.click_in_dialog("Upload").await;
    let said = browser
        .wait_for_alert(Duration::from_secs(20), "HTTP 413")
        .await;
    assert!(said.contains("body limit"), "{said}");
    browser.wait_for_heading("Backups").await;
    assert!(server.keys().is_empty());
}

#[tokio::test]
async fn a_server_stopped_during_a_create_is_explained_and_refresh_recovers() {
    let mut server = PocketBase::start();
    server.seed_backup_files(6);
    server.add_ballast(1_000);
    let browser = signed_in(&server).await;
    browser.wait_for_text("6 backups").await;
    browser.fill("Search backups", "auto").await;
    browser.wait_for_text("Showing 2 of 6 backups").await;

    browser.click("Create backup").await;
    browser.fill("Backup name", "interrupted.zip").await;
    browser.click_in_dialog("Create").await;
    browser.wait_for_text("Creating interrupted.zip").await;
    server.stop();
    browser
        .wait_for_alert(Duration::from_secs(20), "The server is unreachable")
        .await;
    server.start_again();

    let said = browser
        .wait_for_alert(Duration::from_secs(60), "interrupted.zip")
        .await;
    assert!(said.contains("was not made"), "{said}");
    let keys = server.keys();
    assert!(!keys.contains(&"interrupted.zip".to_owned()), "{keys:?}");
    // (PocketBase may leave the half-written `interrupted.zip.<random>.tmp` in its list.)
    browser.click("Refresh").await;
    browser
        .wait_for_text(&format!("Showing 2 of {} backups", keys.len()))
        .await;
    assert_eq!(browser.field_value("Search backups").await, "auto");
}

#[tokio::test]
async fn a_server_stopped_during_an_upload_is_explained_and_refresh_recovers() {
    let mut server = PocketBase::start();
    server.create_backup("kept.zip");
    let files = tempfile::tempdir().expect("temp dir");
    let file = files.path().join("cut_off.zip");
    write_backup_like_zip(&file, 3_000_000);
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["kept.zip"]).await;

    // With latency: see upload_progress.rs's `start_sending`.
    browser.throttle(300_000, 100).await;
    browser.choose_file("Upload backup", &file).await;
    browser.click_in_dialog("Upload").await;
    e2e::eventually("bytes on their way", || async {
        browser.progress().await.filter(|(sent, _)| *sent > 0)
    })
    .await;
    server.stop();
    let said = browser
        .wait_for_alert(Duration::from_secs(30), "Cannot reach the server")
        .await;
    assert!(!said.contains("expired"), "{said}");
    browser.throttle(1_000_000_000, 0).await;
    server.start_again();
    browser.click("Refresh").await;
    browser.wait_for_keys(&["kept.zip"]).await;
    assert_eq!(server.keys(), ["kept.zip"]);
}
