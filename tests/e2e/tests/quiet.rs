//! Quiet on the server: at idle the panel polls rarely, so PocketBase gets to write its log
//! while the panel is open; the panel's tabs learn each other's changes without polling.

use std::time::{Duration, Instant};

use e2e::{signed_in, PocketBase};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_idle_panel_lets_the_server_write_its_log() {
    let server = PocketBase::start();
    server.create_backup("a.zip");
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["a.zip"]).await;

    // A request of someone else's reaches the log within seconds, the panel open all along.
    // (Read with pauses longer than PocketBase's 3 s: reading the log is logged, too.)
    assert_eq!(
        server
            .get("/api/health?from=elsewhere", None)
            .unwrap()
            .status,
        200
    );
    let start = Instant::now();
    let logged = tokio::task::block_in_place(|| {
        while start.elapsed() < Duration::from_secs(30) {
            if server.settled_request_count("GET", "from=elsewhere") > 0 {
                return true;
            }
        }
        false
    });
    assert!(logged, "the open panel held the server's log back");

    // At idle, health checks come 20 s apart: the gap between two of them, timed in the page
    // (a panel that polled every 10 s would show a 10 s gap here).
    let record = "window.polls = []; const send = window.fetch.bind(window);
        window.fetch = (request, init) => {
            if (String(request.url || request).includes('/api/health')) polls.push(performance.now());
            return send(request, init);
        };";
    browser.script(record, vec![]).await;
    let gap = e2e::eventually_within(
        Duration::from_secs(50),
        "two idle health checks",
        || async {
            let polls = browser.script("return polls;", vec![]).await;
            let polls: Vec<f64> = serde_json::from_value(polls).ok()?;
            (polls.len() >= 2).then(|| polls[1] - polls[0])
        },
    )
    .await;
    assert!(
        gap >= 18_000.0,
        "health checks {gap} ms apart at idle (every 20 s expected)"
    );
}

#[tokio::test]
async fn the_panels_tabs_follow_each_others_changes_and_sign_out() {
    let server = PocketBase::start();
    server.create_backup("keep.zip");
    server.create_backup("gone.zip");
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["gone.zip", "keep.zip"]).await;

    // A second tab of the panel, signed in already (same browser, same storage).
    let first = browser.open_blank_tab().await;
    browser.open(server.url()).await;
    browser.wait_for_keys(&["gone.zip", "keep.zip"]).await;
    browser.click_labelled("Delete gone.zip").await;
    browser.click_in_dialog("Delete").await;
    browser.wait_for_keys(&["keep.zip"]).await;

    // The first tab dropped the row while in the background, without a Refresh.
    let second = browser.open_blank_tab().await;
    browser.switch_to(first.clone()).await;
    browser.wait_for_keys(&["keep.zip"]).await;

    // Signing out in the second tab signs this one out too, and says why.
    browser.switch_to(second.clone()).await;
    browser.click("Sign out").await;
    browser.field("Password").await;
    browser.switch_to(first.clone()).await;
    browser
        .wait_for_text("You signed out in another tab.")
        .await;
    browser.field("Password").await;

    // And signing in there signs this one in.
    browser.switch_to(second).await;
    e2e::sign_in(&browser, &server).await;
    browser.switch_to(first).await;
    browser.wait_for_heading("Backups").await;
    browser.wait_for_keys(&["keep.zip"]).await;
}
