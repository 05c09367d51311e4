//! Backups in S3-compatible storage, against a real S3 server on loopback (moto's server,
//! started and stopped by the harness) and the real PocketBase.

use std::time::Duration;

use e2e::{signed_in, Browser, PocketBase, S3Server, BUCKET};
use serde_json::json;

async fn open_settings(browser: &Browser) {
    browser.click_link("Backup settings").await;
    browser.wait_for_heading("Backup settings").await;
}

#[tokio::test]
async fn backups_are_stored_in_and_listed_from_a_real_s3_server() {
    let s3 = S3Server::start();
    let server = PocketBase::start();
    server.create_backup("on_disk.zip");
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["on_disk.zip"]).await;
    open_settings(&browser).await;

    e2e::fill_s3(&browser, s3.url(), BUCKET).await;
    // Changing the storage leaves what is stored behind, and says so.
    let warning = browser
        .wait_for_status(e2e::PATIENCE, "Backups are not moved")
        .await;
    assert!(warning.contains("on_disk.zip"), "{warning}");
    browser
        .wait_for_text("are not part of a backup: back them up separately.")
        .await;

    // The test reads the saved settings: the panel asks to save first.
    browser.click("Test connection").await;
    let (_, title) = browser.open_dialog().await;
    assert_eq!(title, "Save before testing?");
    browser.click_in_dialog("Save and test").await;
    browser
        .wait_for_status(
            Duration::from_secs(30),
            "Connected: PocketBase stored and removed",
        )
        .await;
    let saved = &server.settings()["backups"]["s3"];
    assert_eq!(saved["enabled"], true);
    assert_eq!(saved["bucket"], BUCKET);
    assert_eq!(saved["forcePathStyle"], true);
    assert!(
        saved.get("secret").is_none(),
        "the server never sends the secret"
    );
    // The secret field stays empty and says the stored one is kept.
    assert_eq!(browser.field_value("Secret").await, "");
    browser
        .wait_for_text("Leave empty to keep the stored secret.")
        .await;

    // A backup made through the panel lands in the bucket, and the list reads it from there.
    browser.click_link("Back to backups").await;
    browser.wait_for_text("No backups yet").await;
    browser.click("Create backup").await;
    browser.fill("Backup name", "in_s3.zip").await;
    browser.click_in_dialog("Create").await;
    browser.wait_for_keys(&["in_s3.zip"]).await;
    assert_eq!(s3.keys(BUCKET), ["in_s3.zip"], "checked through the S3 API");
}

#[tokio::test]
async fn a_wrong_bucket_fails_the_test_and_the_list_explains_the_storage_trouble() {
    let s3 = S3Server::start();
    let server = PocketBase::start();
    let browser = signed_in(&server).await;
    open_settings(&browser).await;

    e2e::fill_s3(&browser, s3.url(), "no-such-bucket").await;
    browser.click("Save").await;
    browser
        .wait_for_toast(e2e::PATIENCE, "Backup settings saved.")
        .await;
    browser.click("Test connection").await;
    let failed = browser
        .wait_for_alert(Duration::from_secs(30), "The connection test failed:")
        .await;
    assert!(failed.contains("NoSuchBucket"), "{failed}");
    assert!(
        !failed.contains("<?xml"),
        "the server's XML is not shown: {failed}"
    );

    browser.click_link("Back to backups").await;
    let trouble = browser
        .wait_for_alert(e2e::PATIENCE, "The backup storage cannot be reached")
        .await;
    assert!(
        trouble.contains("NoSuchBucket: The specified bucket does not exist"),
        "{trouble}"
    );
    assert!(!trouble.contains("<Error>"), "{trouble}");
    browser.click_link("Check the storage settings").await;
    browser.wait_for_heading("Backup settings").await;
}

#[tokio::test]
async fn a_failing_automatic_run_shows_up_from_the_servers_log() {
    let mut s3 = S3Server::start();
    let server = PocketBase::start();
    server.set_settings(json!({"backups": {
        "cron": "0 0 1 1 *",
        "cronMaxKeep": 3,
        "s3": {
            "enabled": true, "endpoint": s3.url(), "bucket": BUCKET, "region": "us-east-1",
            "accessKey": "k", "secret": "s", "forcePathStyle": true,
        },
    }}));
    // The storage goes away: the next automatic backup cannot be stored.
    s3.stop();
    let browser = signed_in(&server).await;
    browser
        .wait_for_alert(e2e::PATIENCE, "The backup storage cannot be reached")
        .await;

    browser.click("Run automatic backup now").await;
    let failed = browser
        .wait_for_toast(Duration::from_secs(60), "PocketBase's log says:")
        .await;
    assert!(failed.contains("@auto_pb_backup_"), "{failed}");
    assert!(failed.contains("connection refused"), "{failed}");
    // The backups page lists it among the job's failures, from the log.
    let history = browser
        .wait_for_status(e2e::PATIENCE, "Latest failures of automatic backups")
        .await;
    assert!(history.contains("connection refused"), "{history}");
}
