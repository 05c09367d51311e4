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
    e2e::eventually_within(
        std::time::Duration::from_secs(60),
        "the busy notice",
        || async {
            let statuses = browser.statuses().await;
            statuses
                .iter()
                .any(|s| s.contains("A backup or restore is running on the server."))
                .then_some(())
        },
    )
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
