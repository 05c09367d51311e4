//! The backup settings page against the real server: a schedule saved and kept, refusals with
//! their reasons, unsaved changes guarded, the server's own job run now, and the health of
//! automatic backups on the backups page.

use std::time::Duration;

use e2e::{signed_in, Browser, PocketBase};
use serde_json::json;

const SCHEDULE: &str = "Schedule (cron expression)";
const SAVED: &str = "Backup settings saved.";
const DAY: Duration = Duration::from_secs(86_400);

#[tokio::test]
async fn a_schedule_is_saved_kept_on_the_server_and_shown_after_a_reload() {
    let server = PocketBase::start();
    // A link to the settings, opened before signing in, leads there after it.
    let browser = Browser::start().await;
    browser.open(&format!("{}/settings", server.url())).await;
    sign_in_to_settings(&browser, &server).await;
    assert_eq!(
        browser.current_url().await,
        format!("{}/settings", server.url())
    );

    browser.set_switch("Enable automatic backups", true).await;
    browser.select_option("Presets", "Every 6 hours").await;
    assert_eq!(browser.field_value(SCHEDULE).await, "0 */6 * * *");
    browser
        .wait_for_text("At 00:00, 06:00, 12:00 and 18:00 UTC, every day.")
        .await;
    let runs = browser.texts(".next-runs li").await;
    assert_eq!(runs.len(), 3, "{runs:?}");
    assert!(
        runs.iter()
            .all(|run| run.contains(":00 UTC") && run.contains("your time")),
        "{runs:?}"
    );
    browser.fill("Max automatic backups to keep", "5").await;
    browser
        .wait_for_status(e2e::PATIENCE, "Unsaved changes.")
        .await;
    browser.click("Save").await;
    browser.wait_for_toast(e2e::PATIENCE, SAVED).await;

    let backups = &server.settings()["backups"];
    assert_eq!(backups["cron"], "0 */6 * * *");
    assert_eq!(backups["cronMaxKeep"], 5);
    assert_eq!(
        backups["s3"]["enabled"], false,
        "only what changed was sent"
    );

    browser.reload().await;
    browser.wait_for_heading("Backup settings").await;
    assert_eq!(browser.field_value(SCHEDULE).await, "0 */6 * * *");
    assert_eq!(
        browser.field_value("Max automatic backups to keep").await,
        "5"
    );
    assert!(!browser.leaving_asks_first().await);

    // The backups page tells when the next automatic backup comes.
    browser.click_link("Back to backups").await;
    browser.wait_for_heading("Backups").await;
    assert_eq!(
        browser.current_url().await,
        format!("{}/backups", server.url())
    );
    browser.wait_for_text("Next automatic backup:").await;
    // Back in the browser's history: the settings again.
    browser.script("history.back();", vec![]).await;
    browser.wait_for_heading("Backup settings").await;
}

#[tokio::test]
async fn a_refused_schedule_says_why_and_sends_nothing() {
    let server = PocketBase::start();
    let browser = signed_in(&server).await;
    browser.click_link("Backup settings").await;
    browser.wait_for_heading("Backup settings").await;

    browser.set_switch("Enable automatic backups", true).await;
    for (typed, reason) in [
        (
            "0 0 * * 7",
            "Day of the week field, “7”: Sunday is 0 here: PocketBase does not accept 7.",
        ),
        ("0 0 * * SUN", "PocketBase reads numbers only, not names"),
        ("0  0 * * *", "Check for extra spaces."),
        (
            "*/60 * * * *",
            "Minute field, “*/60”: the step must be between 1 and 59.",
        ),
    ] {
        browser.fill(SCHEDULE, typed).await;
        browser.wait_for_field_problem(SCHEDULE, reason).await;
    }
    browser.click("Save").await;
    browser
        .wait_for_alert(e2e::PATIENCE, "Some fields need attention before saving.")
        .await;
    assert_eq!(server.settings()["backups"]["cron"], "");
    assert_eq!(server.settled_request_count("PATCH", "/api/settings"), 0);

    // What the browser cannot know, the server says, beside the field it names: switching S3
    // on needs a secret when none is stored.
    browser.fill(SCHEDULE, "0 3 * * *").await;
    browser.set_switch("Store backups in S3", true).await;
    browser.fill("Endpoint", "http://127.0.0.1:9").await;
    browser.fill("Bucket", "b-1").await;
    browser.fill("Region", "us-east-1").await;
    browser.fill("Access key", "key").await;
    browser.click("Save").await;
    let said = browser
        .wait_for_field_problem("Secret", "PocketBase: Cannot be blank.")
        .await;
    assert_eq!(said, "PocketBase: Cannot be blank.");
    assert_eq!(
        server.settings()["backups"]["cron"],
        "",
        "nothing was saved"
    );
}

#[tokio::test]
async fn unsaved_changes_are_guarded() {
    let server = PocketBase::start();
    let browser = signed_in(&server).await;
    browser.click_link("Backup settings").await;
    browser.wait_for_heading("Backup settings").await;
    assert!(!browser.leaving_asks_first().await);

    browser.set_switch("Enable automatic backups", true).await;
    browser.fill(SCHEDULE, "15 2 * * *").await;
    assert!(browser.leaving_asks_first().await, "a reload or close asks");

    // Leaving inside the panel asks too; staying keeps what was typed.
    browser.click_link("Back to backups").await;
    let (role, title) = browser.open_dialog().await;
    assert_eq!(
        (role.as_str(), title.as_str()),
        ("alertdialog", "Leave without saving?")
    );
    browser.click_in_dialog("Cancel").await;
    browser.wait_for_no_dialog().await;
    browser.wait_for_heading("Backup settings").await;
    assert_eq!(browser.field_value(SCHEDULE).await, "15 2 * * *");

    // So do the browser's Back button and signing out.
    browser.script("history.back();", vec![]).await;
    browser.open_dialog().await;
    browser.click_in_dialog("Cancel").await;
    browser.wait_for_heading("Backup settings").await;
    browser.click("Sign out").await;
    browser.open_dialog().await;
    browser.click_in_dialog("Cancel").await;
    browser.wait_for_heading("Backup settings").await;

    // Reset drops the changes; then nothing is asked.
    browser.click("Reset").await;
    assert!(!browser.leaving_asks_first().await);
    browser.set_switch("Enable automatic backups", true).await;
    browser.fill(SCHEDULE, "15 2 * * *").await;
    browser.click_link("Back to backups").await;
    browser.click_in_dialog("Leave without saving").await;
    browser.wait_for_heading("Backups").await;
    assert_eq!(
        server.settings()["backups"]["cron"],
        "",
        "nothing was saved"
    );
    browser.click_link("Backup settings").await;
    browser.wait_for_heading("Backup settings").await;
    assert!(!browser.is_on("Enable automatic backups").await);
}

#[tokio::test]
async fn run_now_makes_an_automatic_backup_and_prunes_to_the_kept_number() {
    let server = PocketBase::start();
    // A schedule that will not come round during the test, keeping two.
    server.set_settings(json!({"backups": {"cron": "0 0 1 1 *", "cronMaxKeep": 2}}));
    server.seed_backup_file_aged("@auto_pb_backup_oldest.zip", 2 * DAY);
    server.seed_backup_file_aged("@auto_pb_backup_older.zip", DAY);
    server.create_backup("mine.zip");
    let browser = signed_in(&server).await;
    browser.wait_for_text("3 backups").await;

    browser.click("Run automatic backup now").await;
    let made = browser
        .wait_for_toast(Duration::from_secs(60), "removed to keep the set number.")
        .await;
    assert!(
        made.contains("@auto_pb_backup_oldest.zip removed"),
        "{made}"
    );
    let keys = server.keys();
    let new: Vec<&String> = keys
        .iter()
        .filter(|k| k.starts_with("@auto_pb_backup_") && !k.contains("older"))
        .collect();
    assert_eq!(new.len(), 1, "{keys:?}");
    assert!(made.contains(new[0].as_str()), "{made}");
    assert!(
        keys.contains(&"@auto_pb_backup_older.zip".to_owned()),
        "{keys:?}"
    );
    assert!(
        keys.contains(&"mine.zip".to_owned()),
        "yours are never pruned: {keys:?}"
    );
    // The list shows the result.
    let mut expected = vec![new[0].as_str(), "mine.zip", "@auto_pb_backup_older.zip"];
    expected.sort();
    eventually_keys(&browser, &expected).await;
}

#[tokio::test]
async fn a_late_automatic_backup_raises_a_warning() {
    let server = PocketBase::start();
    server.set_settings(json!({"backups": {"cron": "0 0 * * *", "cronMaxKeep": 3}}));
    server.seed_backup_file_aged("@auto_pb_backup_last_week.zip", 7 * DAY);
    let browser = signed_in(&server).await;
    let warning = browser
        .wait_for_alert(e2e::PATIENCE, "is older than two of the schedule's runs")
        .await;
    assert!(warning.contains("7 days ago"), "{warning}");
    browser
        .wait_for_text("No failures in the server's log")
        .await;

    // A fresh automatic backup ends the warning.
    server.seed_backup_file_aged("@auto_pb_backup_today.zip", Duration::from_secs(60));
    browser.click("Refresh").await;
    e2e::eventually("the warning to go", || async {
        let alerts = browser.alerts().await;
        (!alerts.iter().any(|a| a.contains("older than two"))).then_some(())
    })
    .await;
}

#[tokio::test]
async fn with_logs_off_the_failure_history_is_unknown() {
    let server = PocketBase::start();
    server.set_settings(json!({"backups": {"cron": "0 0 * * *"}, "logs": {"maxDays": 0}}));
    let browser = signed_in(&server).await;
    browser
        .wait_for_text("so whether automatic backups failed is unknown.")
        .await;
    let said = browser.texts(".auto-health").await.join(" ");
    assert!(!said.contains("No failures"), "{said}");
}

async fn sign_in_to_settings(browser: &Browser, server: &PocketBase) {
    browser.fill("Server URL", server.url()).await;
    browser.fill("Email", e2e::ADMIN_EMAIL).await;
    browser.fill("Password", e2e::ADMIN_PASSWORD).await;
    browser.click("Sign in").await;
    browser.wait_for_heading("Backup settings").await;
}

/// Waits until the table lists exactly `keys` (in any order).
async fn eventually_keys(browser: &Browser, keys: &[&str]) {
    e2e::eventually(&format!("rows {keys:?}"), || async {
        let mut shown = browser.keys().await;
        shown.sort();
        (shown == keys).then_some(())
    })
    .await;
}
