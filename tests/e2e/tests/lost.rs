//! A lost answer is never a claim: whatever the network dropped — the request, or the server's
//! answer to it — the panel asks the server what happened before it says anything, and never
//! sends the request again on its own.

use std::time::Duration;

use e2e::{Browser, PocketBase, Proxy, ADMIN_EMAIL, ADMIN_PASSWORD};
use serde_json::json;

/// A browser signed in to `server` through `proxy` (the panel served by the server, so every
/// request of the page crosses the proxy).
async fn through(proxy: &Proxy) -> Browser {
    let browser = Browser::start().await;
    browser.open(proxy.url()).await;
    browser.fill("Email", ADMIN_EMAIL).await;
    browser.fill("Password", ADMIN_PASSWORD).await;
    browser.click("Sign in").await;
    browser.wait_for_heading("Backups").await;
    browser
}

fn proxy_target(server: &PocketBase) -> &str {
    server.url().trim_start_matches("http://")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_that_never_arrived_during_an_outage_is_not_called_restored() {
    let server = PocketBase::start();
    server.create_backup("before.zip");
    // Made after the backup: a restore of it would remove this superuser.
    server.upsert_superuser("later@example.com", "later-password-1");
    let proxy = Proxy::start(proxy_target(&server)).await;
    let browser = through(&proxy).await;
    browser.wait_for_keys(&["before.zip"]).await;

    // The restore request is dropped on its way; then the network fails for a while.
    proxy.drop_requests_to(Some("/restore"));
    browser.restore("before.zip").await;
    browser
        .wait_for_status(
            Duration::from_secs(30),
            "The answer to the restore of before.zip was lost",
        )
        .await;
    proxy.set_down(true);
    tokio::time::sleep(Duration::from_secs(6)).await;
    proxy.set_down(false);

    let said = e2e::eventually_within(Duration::from_secs(60), "the restore's end", || async {
        let statuses = browser.statuses().await;
        let claimed = statuses.iter().find(|s| s.contains("Restored"));
        assert!(
            claimed.is_none(),
            "claimed a restore that never ran: {claimed:?}"
        );
        let alerts = browser.alerts().await;
        alerts.into_iter().find(|a| a.contains("before.zip"))
    })
    .await;
    assert!(said.contains("before.zip was not restored"), "{said}");
    // The server's data says the same: nothing was restored.
    assert!(server.has_superuser("later@example.com"));
    assert_eq!(
        proxy.requests_seen("/restore"),
        1,
        "the restore was sent again"
    );
    browser.assert_no_crash().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delete_whose_answer_is_lost_is_read_from_the_list_and_not_sent_again() {
    let server = PocketBase::start();
    server.create_backup("gone.zip");
    server.create_backup("kept.zip");
    let proxy = Proxy::start(proxy_target(&server)).await;
    let browser = through(&proxy).await;
    browser.wait_for_keys(&["kept.zip", "gone.zip"]).await;

    // The server deletes it; its answer never reaches the browser.
    proxy.drop_answers_to(Some("DELETE /api/backups/"));
    browser.click_labelled("Delete gone.zip").await;
    browser.click_in_dialog("Delete").await;
    browser
        .wait_for_toast(Duration::from_secs(20), "Deleted gone.zip.")
        .await;
    browser.wait_for_no_dialog().await;
    browser.wait_for_keys(&["kept.zip"]).await;
    assert_eq!(server.keys(), ["kept.zip"]);
    assert_eq!(
        proxy.requests_seen("DELETE"),
        1,
        "the delete was sent again"
    );

    // A delete that never reached it: still listed, said so, and nothing resent.
    proxy.drop_answers_to(None);
    proxy.drop_requests_to(Some("DELETE /api/backups/"));
    browser.click_labelled("Delete kept.zip").await;
    browser.click_in_dialog("Delete").await;
    let said = browser
        .wait_for_alert(Duration::from_secs(20), "kept.zip")
        .await;
    assert!(
        said.contains("still lists it: it was not deleted"),
        "{said}"
    );
    assert_eq!(server.keys(), ["kept.zip"]);
    assert_eq!(proxy.requests_seen("DELETE"), 2);
    browser.assert_no_crash().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upload_whose_answer_is_lost_after_the_last_byte_is_read_from_the_list() {
    let server = PocketBase::start();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("arrived.zip");
    e2e::write_backup_like_zip(&file, 1_000_000);
    let proxy = Proxy::start(proxy_target(&server)).await;
    let browser = through(&proxy).await;
    browser.wait_for_text("No backups yet").await;

    proxy.drop_answers_to(Some("POST /api/backups/upload"));
    browser.choose_file("Upload backup", &file).await;
    browser.click_in_dialog("Upload").await;
    browser
        .wait_for_toast(Duration::from_secs(30), "Uploaded arrived.zip.")
        .await;
    assert!(
        !browser.has_alert().await,
        "a failure was said: {}",
        browser.alert().await
    );
    assert_eq!(server.keys(), ["arrived.zip"]);
    browser.assert_no_crash().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_while_the_automatic_job_runs_is_refused_at_once() {
    let server = PocketBase::start();
    server.add_ballast(1_500);
    server.set_settings(json!({"backups": {"cron": "0 3 * * *", "cronMaxKeep": 3}}));
    let browser = e2e::signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;

    // The server's own job starts (as its schedule would) while the page is idle.
    let token = server.admin_token();
    let run = server.post_json("/api/crons/__pbAutoBackup__", Some(&token), json!({}));
    assert_eq!(run.status, 204, "{}", run.body);
    e2e::eventually("the job to run", || async {
        let health = server.get("/api/health", Some(&token))?;
        (health.json()["data"]["canBackup"] == false).then_some(())
    })
    .await;
    browser.click("Create backup").await;
    browser.fill("Backup name", "mine.zip").await;
    browser.click_in_dialog("Create").await;

    let said = browser
        .wait_for_alert(Duration::from_secs(90), "PocketBase is busy")
        .await;
    let health = server.get("/api/health", Some(&token)).expect("health");
    assert_eq!(
        health.json()["data"]["canBackup"],
        false,
        "said only after the job ended: {said}"
    );
    assert!(!server.keys().iter().any(|k| k.starts_with("mine")));
    browser.assert_no_crash().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_tab_cannot_confirm_a_restore_while_another_tabs_restore_runs() {
    let server = PocketBase::start();
    server.add_ballast(300);
    server.create_backup("big.zip");
    server.create_backup("other.zip");
    let browser = e2e::signed_in(&server).await;
    browser.wait_for_keys(&["other.zip", "big.zip"]).await;

    // The second tab opens the dialog of another backup, name typed, ready to confirm.
    let first = browser.open_blank_tab().await;
    browser.open(server.url()).await;
    browser.wait_for_keys(&["other.zip", "big.zip"]).await;
    browser.click_labelled("Restore other.zip").await;
    browser
        .fill("Type the backup name to confirm", "other.zip")
        .await;
    let second = browser.open_blank_tab().await;

    browser.switch_to(first).await;
    browser.restore("big.zip").await;
    browser
        .wait_for_text("PocketBase accepted the restore of big.zip")
        .await;
    browser.switch_to(second.clone()).await;
    // Until the first tab's restore has ended, the second's confirm stays locked.
    let confirm = browser.dialog_button("Restore").await;
    e2e::eventually_within(
        Duration::from_secs(90),
        "the first restore's end",
        || async {
            let enabled = confirm.is_enabled().await.unwrap_or(false);
            let statuses = browser.statuses().await;
            let ended = statuses.iter().any(|s| s.contains("Restored big.zip"));
            assert!(
                ended || !enabled,
                "the second tab could confirm a restore during another: {statuses:?}"
            );
            ended.then_some(())
        },
    )
    .await;
    browser.assert_no_crash().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delete_still_in_flight_is_not_sent_again_from_the_page_come_back_to() {
    let server = PocketBase::start();
    server.create_backup("slow.zip");
    server.create_backup("kept.zip");
    let proxy = Proxy::start(proxy_target(&server)).await;
    let browser = through(&proxy).await;
    browser.wait_for_keys(&["kept.zip", "slow.zip"]).await;

    // The delete is held on its way; the admin leaves (Back: the open dialog covers the
    // links) and comes back meanwhile, to a new dialog.
    browser.click_link("Backup settings").await;
    browser.wait_for_heading("Backup settings").await;
    browser.click_link("Back to backups").await;
    browser.wait_for_heading("Backups").await;
    proxy.delay_answers_to(Some("DELETE /api/backups/"), Duration::from_secs(6));
    browser.click_labelled("Delete slow.zip").await;
    browser.click_in_dialog("Delete").await;
    browser.back().await;
    browser.wait_for_heading("Backup settings").await;
    browser.click_link("Back to backups").await;
    browser.wait_for_heading("Backups").await;
    browser.click_labelled("Select slow.zip").await;
    browser.click("Delete selected (1)").await;
    browser.click_in_dialog("Delete").await;
    let said = browser
        .wait_for_alert(Duration::from_secs(20), "slow.zip")
        .await;
    assert!(said.contains("still under way"), "{said}");

    // The first delete ends as deleted; the second was never sent.
    browser
        .wait_for_toast(Duration::from_secs(20), "Deleted slow.zip.")
        .await;
    assert_eq!(server.keys(), ["kept.zip"]);
    assert_eq!(
        proxy.requests_seen("DELETE"),
        1,
        "the delete was sent twice"
    );
    browser.assert_no_crash().await;
}
