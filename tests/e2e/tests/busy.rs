//! The server's busy state, whoever started the work.

use std::time::Instant;

use e2e::{signed_in, PocketBase};

#[tokio::test]
async fn a_backup_started_elsewhere_shows_as_busy_and_refreshes_the_list() {
    let server = std::sync::Arc::new(PocketBase::start());
    server.add_ballast(1_000);
    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;

    // Started outside the browser, as another admin or the server's cron would.
    let started = Instant::now();
    let creator = {
        let server = server.clone();
        std::thread::spawn(move || server.create_backup("made_elsewhere.zip"))
    };
    // At idle the panel checks every 20 s, and at once when it comes back to the front.
    let token = server.admin_token();
    e2e::eventually("the create to run", || async {
        let health = server.get("/api/health", Some(&token))?;
        (health.json()["data"]["canBackup"] == false).then_some(())
    })
    .await;
    let panel = browser.open_blank_tab().await;
    browser.switch_to(panel).await;
    let busy = "A backup or restore is running on the server.";
    browser
        .wait_for_status(std::time::Duration::from_secs(60), busy)
        .await;
    assert!(
        !browser
            .button("Create backup")
            .await
            .is_enabled()
            .await
            .unwrap(),
        "Create backup stays available while the server is busy"
    );
    creator.join().expect("create through the API");
    println!("the create took {:?}", started.elapsed());

    // Nobody clicks Refresh: the end of the busy state reloads the list.
    browser.wait_for_keys(&["made_elsewhere.zip"]).await;
    assert!(browser
        .button("Create backup")
        .await
        .is_enabled()
        .await
        .unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_whose_connection_drops_is_followed_to_its_end() {
    let server = PocketBase::start();
    server.add_ballast(1_000);
    // The browser reaches the server only through a proxy that can cut its connections.
    let proxy = e2e::Proxy::start(server.url().trim_start_matches("http://")).await;
    let browser = e2e::Browser::start().await;
    browser.open(proxy.url()).await;
    browser.fill("Email", e2e::ADMIN_EMAIL).await;
    browser.fill("Password", e2e::ADMIN_PASSWORD).await;
    browser.click("Sign in").await;
    browser.wait_for_text("No backups yet").await;

    browser.click("Create backup").await;
    browser.fill("Backup name", "survivor.zip").await;
    browser.click_in_dialog("Create").await;
    browser.wait_for_text("Creating survivor.zip").await;
    // The create's connection drops while the server goes on writing the backup.
    proxy.cut();

    e2e::eventually_within(
        std::time::Duration::from_secs(60),
        "the create's end",
        || async {
            server
                .keys()
                .contains(&"survivor.zip".to_owned())
                .then_some(())
        },
    )
    .await;
    browser.wait_for_text("Backup survivor.zip created.").await;
    browser.wait_for_keys(&["survivor.zip"]).await;
    assert!(
        !browser.has_alert().await,
        "a failure was reported: {}",
        browser.alert().await
    );
}
