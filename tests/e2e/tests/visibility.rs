//! Health polling runs only while the panel's tab is visible.

use std::time::Duration;

use e2e::{signed_in, PocketBase};

/// Logs, in the page, each health request and each visibility change with its time and
/// whether the page was hidden then. A `focus` event every half second asks the panel to check
/// at once each time (it does so when it comes to the front), so a hidden tab that polled
/// anyway, or a loop that outlived sign-out, would show here within the observation windows.
const RECORD: &str = "window.polls = []; window.visibility = [];
    setInterval(() => window.dispatchEvent(new Event('focus')), 500);
    document.addEventListener('visibilitychange',
        () => visibility.push([performance.now(), document.hidden]));
    const send = window.fetch.bind(window);
    window.fetch = (request, init) => {
        if (String(request.url || request).includes('/api/health')) {
            polls.push([performance.now(), document.hidden]);
        }
        return send(request, init);
    };";

#[tokio::test]
async fn polling_pauses_while_the_tab_is_hidden() {
    let server = PocketBase::start();
    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;
    browser.script(RECORD, vec![]).await;
    let count = || async {
        browser
            .script("return polls.length;", vec![])
            .await
            .as_u64()
    };
    e2e::eventually("a health poll", || async {
        count().await.filter(|&n| n >= 1)
    })
    .await;

    // Another tab in front hides the panel for three poll periods (a window of observation,
    // not a wait for something to happen).
    let panel = browser.open_blank_tab().await;
    tokio::time::sleep(Duration::from_secs(6)).await;
    browser.switch_to(panel).await;

    let hidden_for = browser
        .script(
            "const hid = visibility.find(([, h]) => h); const back = visibility.find(([, h]) => !h);
             return hid ? ((back ? back[0] : performance.now()) - hid[0]) : 0;",
            vec![],
        )
        .await
        .as_f64()
        .unwrap_or(0.0);
    assert!(
        hidden_for > 4_000.0,
        "the panel's tab was not hidden long: {hidden_for} ms"
    );
    let while_hidden = browser
        .script("return polls.filter(([, h]) => h).length;", vec![])
        .await;
    assert_eq!(
        while_hidden.as_u64(),
        Some(0),
        "health was polled while the tab was hidden"
    );

    // In front again: polling resumes.
    let before = count().await.unwrap_or(0);
    e2e::eventually("polling to resume", || async {
        count().await.filter(|&n| n > before)
    })
    .await;

    // Signed out, it stops for good (observed over three poll periods).
    browser.click("Sign out").await;
    browser.field("Password").await;
    let at_sign_out = count().await.unwrap_or(0);
    tokio::time::sleep(Duration::from_secs(6)).await;
    let later = count().await.unwrap_or(0);
    assert!(
        later <= at_sign_out + 1,
        "still polling after sign-out: {at_sign_out} → {later}"
    );
}

/// Records, in the page, each fleet check (a list read) with whether the page was hidden then.
const RECORD_CHECKS: &str = "window.checks = [];
    const send = window.fetch.bind(window);
    window.fetch = (request, init) => {
        if (String(request.url || request).endsWith('/api/backups')) {
            checks.push([performance.now(), document.hidden]);
        }
        return send(request, init);
    };";

#[tokio::test]
async fn the_servers_page_asks_nothing_while_its_tab_is_hidden() {
    let server = PocketBase::start();
    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;
    browser.script(RECORD_CHECKS, vec![]).await;
    browser.click_link("Servers").await;
    browser.wait_for_heading("Servers").await;
    e2e::eventually("the first check", || async {
        let checks = browser.script("return checks.length;", vec![]).await;
        checks.as_u64().filter(|&n| n >= 1)
    })
    .await;

    // Hidden for longer than its minute between checks (a window of observation).
    let panel = browser.open_blank_tab().await;
    tokio::time::sleep(Duration::from_secs(65)).await;
    browser.switch_to(panel).await;
    let while_hidden = browser
        .script("return checks.filter(([, h]) => h).length;", vec![])
        .await;
    assert_eq!(
        while_hidden.as_u64(),
        Some(0),
        "the servers were asked while the tab was hidden"
    );
    // In front again after more than a minute: asked at once.
    e2e::eventually("a check once in front", || async {
        let checks = browser.script("return checks.length;", vec![]).await;
        checks.as_u64().filter(|&n| n >= 2)
    })
    .await;
}
