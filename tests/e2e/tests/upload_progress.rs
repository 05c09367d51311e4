//! Uploads over a slowed connection: progress as the browser sends, and cancelling.

use e2e::{signed_in, write_backup_like_zip, PocketBase};

const SIZE: usize = 6_000_000;

#[tokio::test]
async fn a_large_upload_shows_progress_rising_to_100_percent() {
    let server = PocketBase::start();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("big_upload.zip");
    write_backup_like_zip(&file, SIZE);
    let total = std::fs::metadata(&file).unwrap().len();

    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;
    // ~4 s on the wire; the latency keeps the finished bar visible while the server answers.
    browser.throttle(1_500_000, 400).await;
    browser.choose_file("Upload backup", &file).await;
    browser.click_in_dialog("Upload").await;

    let samples = std::cell::RefCell::new(Vec::new());
    let figures = e2e::eventually("the upload to reach 100%", || async {
        let (value, max) = browser.progress().await?;
        assert_eq!(max, total, "the bar's maximum is not the file size");
        samples.borrow_mut().push(value);
        // The figures beside the bar, read while it is full.
        let text = browser.upload_status().await?;
        (value == total).then_some(text)
    })
    .await;
    let seen = samples.into_inner();
    assert!(figures.contains("100%"), "{figures}");
    assert!(
        seen.windows(2).all(|w| w[0] <= w[1]),
        "progress went back: {seen:?}"
    );
    let between: Vec<_> = seen.iter().filter(|&&v| v > 0 && v < total).collect();
    assert!(between.len() >= 2, "too few intermediate values: {seen:?}");

    browser.wait_for_keys(&["big_upload.zip"]).await;
    assert_eq!(server.backups()[0].1, total);
}

#[tokio::test]
async fn cancelling_an_upload_stores_nothing() {
    let server = PocketBase::start();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("cancelled_upload.zip");
    write_backup_like_zip(&file, SIZE);

    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;
    browser.throttle(500_000, 0).await;
    browser.choose_file("Upload backup", &file).await;
    browser.click_in_dialog("Upload").await;
    e2e::eventually("bytes on their way", || async {
        browser.progress().await.filter(|(sent, _)| *sent > 0)
    })
    .await;

    browser.click("Cancel upload").await;
    browser
        .wait_for_text("Cancelled. The server did not store anything.")
        .await;
    assert!(
        browser.progress().await.is_none(),
        "the progress bar stayed"
    );
    // The server has finished with the request (it logs it) and stored nothing.
    e2e::eventually("the server to log the aborted upload", || async {
        server.logged_requests("/api/backups/upload").then_some(())
    })
    .await;
    assert!(
        server.keys().is_empty(),
        "a cancelled upload was stored: {:?}",
        server.keys()
    );
}

#[tokio::test]
async fn a_slow_upload_warns_about_the_servers_time_limit() {
    let server = PocketBase::start();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("slow_upload.zip");
    write_backup_like_zip(&file, SIZE);

    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;
    // At 20 kB/s, 6 MB takes five minutes and more: longer than the server allows a request.
    browser.throttle(20_000, 0).await;
    browser.choose_file("Upload backup", &file).await;
    browser.click_in_dialog("Upload").await;
    e2e::eventually_within(
        std::time::Duration::from_secs(60),
        "the warning",
        || async {
            let page = browser
                .script("return document.body.textContent;", vec![])
                .await;
            page.as_str()?
                .contains("5-minute request limit")
                .then_some(())
        },
    )
    .await;
    assert!(browser
        .upload_status()
        .await
        .is_some_and(|s| s.contains("kB/s")));
    browser.click("Cancel upload").await;
    browser
        .wait_for_text("Cancelled. The server did not store anything.")
        .await;
}
