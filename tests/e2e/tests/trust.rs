//! The panel says only what the server confirmed: a create is decided by its own name, a
//! restore by a restart with no failure logged, and a failure in the server's own words.

use std::sync::Arc;
use std::time::{Duration, Instant};

use e2e::{signed_in, Browser, PocketBase, Proxy, ADMIN_EMAIL, ADMIN_PASSWORD};

/// Waits for a status containing `done`, failing if one containing `never` shows first.
async fn wait_for_status(browser: &e2e::Browser, patience: Duration, done: &str, never: &str) {
    e2e::eventually_within(patience, done, || async {
        let statuses = browser.statuses().await;
        let claimed = statuses.iter().find(|s| s.contains(never));
        assert!(claimed.is_none(), "claimed too early: {claimed:?}");
        statuses.iter().any(|s| s.contains(done)).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_refused_as_busy_never_takes_another_admins_backup_as_its_own() {
    let server = Arc::new(PocketBase::start());
    server.create_backup("existing.zip");
    // A create then takes longer than the panel's is held.
    server.add_ballast(1_400);
    // The panel's create is held on its way, after the panel found the server free: another
    // admin's create starts meanwhile, and the server refuses the panel's as busy.
    let proxy = Proxy::start(server.url().trim_start_matches("http://")).await;
    let browser = Browser::start().await;
    browser.open(proxy.url()).await;
    browser.fill("Server URL", proxy.url()).await;
    browser.fill("Email", ADMIN_EMAIL).await;
    browser.fill("Password", ADMIN_PASSWORD).await;
    browser.click("Sign in").await;
    browser.wait_for_keys(&["existing.zip"]).await;
    browser.click("Create backup").await;
    proxy.delay_answers_to(Some("POST /api/backups "), Duration::from_secs(2));
    browser.click_in_dialog("Create").await;
    e2e::eventually("the panel's create on its way", || async {
        (proxy.requests_seen("POST /api/backups ") == 1).then_some(())
    })
    .await;

    // Another admin starts an unnamed backup; the server names it `pb_backup_…` too.
    let other = {
        let server = server.clone();
        std::thread::spawn(move || {
            let token = server.admin_token();
            server.post_json("/api/backups", Some(&token), serde_json::json!({}))
        })
    };
    let token = server.admin_token();
    e2e::eventually("the other admin's create to run", || async {
        let health = server.get("/api/health", Some(&token))?;
        (health.json()["data"]["canBackup"] == false).then_some(())
    })
    .await;

    // A "busy" may answer a resent copy of this very request, so the panel waits for the
    // server's job to end and looks for its own name: absent, it is refused as busy.
    let alert = e2e::eventually_within(Duration::from_secs(90), "the refusal", || async {
        browser.alerts().await.into_iter().next()
    })
    .await;
    assert!(
        alert.contains("another backup/restore process"),
        "not the server's reason: {alert}"
    );
    assert_eq!(other.join().expect("the other create").status, 204);
    let keys = server.keys();
    assert_eq!(keys.len(), 2, "{keys:?}");
    let theirs = keys.iter().find(|k| *k != "existing.zip").unwrap().clone();
    browser.wait_for_text(&theirs).await;
    let statuses = browser.statuses().await;
    assert!(
        !statuses.iter().any(|s| s.contains("created")),
        "claimed another admin's backup: {statuses:?}"
    );

    // While the server is busy, a restore cannot even be confirmed.
    let other = {
        let server = server.clone();
        std::thread::spawn(move || server.create_backup("later.zip"))
    };
    e2e::eventually("the server to be busy again", || async {
        let health = server.get("/api/health", Some(&token))?;
        (health.json()["data"]["canBackup"] == false).then_some(())
    })
    .await;
    browser.click_labelled("Restore existing.zip").await;
    browser
        .fill("Type the backup name to confirm", "existing.zip")
        .await;
    browser.wait_for_text("restoring waits until it ends").await;
    let restore = browser.dialog_button("Restore").await;
    assert!(!restore.is_enabled().await.unwrap());
    other.join().expect("the second create");
    e2e::eventually("Restore to be possible again", || async {
        restore.is_enabled().await.ok()?.then_some(())
    })
    .await;
    browser.press_escape().await;
}

#[tokio::test]
async fn a_failed_restore_shows_the_servers_own_error_and_never_says_restored() {
    let server = PocketBase::start();
    let bytes = e2e::zip_without_data_db();
    assert_eq!(server.upload("no_data.zip", &bytes).status, 204);
    server.upsert_superuser("still@example.com", "still-password-1");
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["no_data.zip"]).await;

    browser.click_labelled("Restore no_data.zip").await;
    // Read from the backup's end before anything is sent.
    browser
        .wait_for_text("This backup has no data.db, so it is not a PocketBase backup")
        .await;
    browser.confirm_restore("no_data.zip").await;

    let said = e2e::eventually_within(Duration::from_secs(40), "the failure", || async {
        let statuses = browser.statuses().await;
        let claimed = statuses.iter().find(|s| s.contains("Restored"));
        assert!(claimed.is_none(), "claimed a failed restore: {claimed:?}");
        let alert = browser.alert().await;
        alert
            .contains("The restore of no_data.zip failed")
            .then_some(alert)
    })
    .await;
    assert!(
        said.contains("data.db file is missing or invalid"),
        "not the server's own error: {said}"
    );
    assert_eq!(server.keys(), ["no_data.zip"]);
    // The server kept its data, as the panel said.
    assert!(server.has_superuser("still@example.com"));
}

#[tokio::test]
async fn a_quick_restore_is_confirmed_within_seconds_of_the_restart() {
    let server = PocketBase::start();
    server.create_backup("small.zip");
    // Made after the backup: a restore of it removes this superuser.
    server.upsert_superuser("later@example.com", "later-password-1");
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["small.zip"]).await;

    browser.restore("small.zip").await;
    let clicked = Instant::now();
    // PocketBase restarts about a second after its answer, and writes its log 3 s after the
    // last entry: a few seconds in all, where a fixed wait took 15.
    wait_for_status(
        &browser,
        Duration::from_secs(12),
        "Restored small.zip: PocketBase restarted",
        "whether it restored it is unknown",
    )
    .await;
    println!("restored, said after {:?}", clicked.elapsed());
    // The server runs on the backup's data, as the panel said.
    assert!(!server.has_superuser("later@example.com"));
}

#[tokio::test]
async fn a_reload_during_a_restore_keeps_following_it() {
    let server = PocketBase::start();
    server.add_ballast(300);
    server.create_backup("big.zip");
    server.upsert_superuser("later@example.com", "later-password-1");
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["big.zip"]).await;

    browser.restore("big.zip").await;
    browser
        .wait_for_text("PocketBase accepted the restore of big.zip")
        .await;
    browser.reload().await;

    // The page picks the restore up again and follows it to its end.
    browser.wait_for_heading("Backups").await;
    wait_for_status(
        &browser,
        Duration::from_secs(90),
        "Restored big.zip: PocketBase restarted",
        "logged no failure for big.zip",
    )
    .await;
    assert_eq!(
        browser.local_storage("pb-backups-panel.restore").await,
        None,
        "the finished restore is still tracked"
    );
    assert!(!server.has_superuser("later@example.com"), "not restored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_whose_answer_is_lost_is_followed_not_sent_again() {
    let server = PocketBase::start();
    let no_data = e2e::zip_without_data_db();
    assert_eq!(server.upload("no_data.zip", &no_data).status, 204);
    server.create_backup("good.zip");
    server.upsert_superuser("later@example.com", "later-password-1");
    // A gateway in front passes the restore on, then answers 504 instead of the server.
    let target = server.url().trim_start_matches("http://");
    let proxy = e2e::Proxy::losing_the_answer_to(target, "/restore").await;
    let browser = e2e::Browser::start().await;
    browser.open(proxy.url()).await;
    browser.fill("Email", e2e::ADMIN_EMAIL).await;
    browser.fill("Password", e2e::ADMIN_PASSWORD).await;
    browser.click("Sign in").await;
    browser.wait_for_keys(&["good.zip", "no_data.zip"]).await;

    // A restore that fails: found in the server's log all the same, and sent once.
    browser.restore("no_data.zip").await;
    browser
        .wait_for_alert(Duration::from_secs(60), "The restore of no_data.zip failed")
        .await;
    let restores = "data.method='POST' && data.url~'/restore'";
    let sent = tokio::task::block_in_place(|| server.settled_requests(restores));
    assert_eq!(sent, 1, "the restore was sent again");
    assert!(
        server.has_superuser("later@example.com"),
        "the failed restore changed data"
    );

    // A restore that works: followed through the restart to its end.
    browser.restore("good.zip").await;
    wait_for_status(
        &browser,
        Duration::from_secs(60),
        "Restored good.zip",
        "whether it restored it is unknown",
    )
    .await;
    assert!(!server.has_superuser("later@example.com"), "not restored");
}
