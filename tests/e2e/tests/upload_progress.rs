//! Uploads over a slowed connection: progress as the browser sends, and cancelling.

use e2e::{signed_in, write_backup_like_zip, Browser, PocketBase};

const SIZE: usize = 6_000_000;

/// A server without backups, and a signed-in browser that has started sending a 6 MB
/// backup-like zip named `name` at `bytes_per_second`, `latency_ms` per request. Not 0 ms:
/// under Chromium's emulation of a link without latency, an upload sometimes sent no byte for
/// 20 s (its bar at "0 B of 6.0 MB", twice in full runs, on CI and here; never run alone); all
/// the uploads with latency always went.
struct Sending {
    browser: Browser,
    server: PocketBase,
    /// The file's size in bytes.
    total: u64,
    _files: tempfile::TempDir,
}

async fn start_sending(name: &str, bytes_per_second: u64, latency_ms: u64) -> Sending {
    let server = PocketBase::start();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join(name);
    write_backup_like_zip(&file, SIZE);
    let total = std::fs::metadata(&file).unwrap().len();

    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;
    browser.throttle(bytes_per_second, latency_ms).await;
    browser.choose_file("Upload backup", &file).await;
    browser.click_in_dialog("Upload").await;
    Sending {
        browser,
        server,
        total,
        _files: files,
    }
}

#[tokio::test]
async fn a_large_upload_shows_progress_rising_to_100_percent() {
    // ~4 s on the wire; the latency keeps the finished bar visible while the server answers.
    let Sending {
        browser,
        server,
        total,
        _files,
    } = start_sending("big_upload.zip", 1_500_000, 400).await;

    let samples = std::cell::RefCell::new(Vec::new());
    let figures = e2e::eventually("the upload to reach 100%", || async {
        let (value, max) = browser.progress().await?;
        assert_eq!(max, total, "the bar's maximum is not the file size");
        samples.borrow_mut().push(value);
        // The figures beside the bar, read while it is full; Cancel has given way then.
        let text = browser.upload_status().await?;
        if value < total {
            return None;
        }
        let finishing = browser
            .statuses()
            .await
            .iter()
            .any(|s| s.starts_with("Finishing"));
        assert!(finishing, "no 'Finishing…' once every byte was sent");
        Some(text)
    })
    .await;
    assert!(
        browser.buttons_named("Cancel upload").await == 0,
        "Cancel upload offered after the last byte"
    );
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
    let Sending {
        browser,
        server,
        _files,
        ..
    } = start_sending("cancelled_upload.zip", 500_000, 100).await;
    let sending = e2e::within(e2e::PATIENCE, || async {
        browser.progress().await.filter(|(sent, _)| *sent > 0)
    })
    .await;
    if sending.is_none() {
        // Seen once on CI, not since: say what the page showed and sent instead.
        let seen = browser
            .script(
                "return JSON.stringify({ page: document.body.innerText, \
                   bar: document.querySelector('progress')?.outerHTML ?? null, \
                   uploads: performance.getEntriesByType('resource') \
                     .filter(e => e.name.includes('/upload')) \
                     .map(e => ({ start: e.startTime, took: e.duration })) });",
                vec![],
            )
            .await;
        panic!("no bytes on their way after {:?}: {seen}", e2e::PATIENCE);
    }

    // Leaving the page now would lose the upload: the browser is asked to confirm.
    assert!(browser.leaving_asks_first().await);

    browser.click("Cancel upload").await;
    browser
        .wait_for_text("Cancelled. The server did not store anything.")
        .await;
    assert!(
        browser.progress().await.is_none(),
        "the progress bar stayed"
    );
    assert!(!browser.leaving_asks_first().await);
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
    // At 10 kB/s, 6 MB takes ten minutes: twice what the server allows one request.
    // Bound, not `..`: a field left out of the pattern would be dropped, stopping the server.
    let Sending {
        browser,
        server: _server,
        _files,
        ..
    } = start_sending("slow_upload.zip", 10_000, 100).await;
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

#[tokio::test]
async fn a_cancel_that_comes_too_late_says_so_and_shows_the_stored_backup() {
    let Sending {
        browser,
        server,
        _files: files,
        ..
    } = start_sending("raced.zip", 500_000, 100).await;
    e2e::eventually("bytes on their way", || async {
        browser.progress().await.filter(|(sent, _)| *sent > 0)
    })
    .await;
    // The server ends up with the file all the same — as when the last bytes left just before
    // the cancel (here it arrives by another way, at that moment).
    let bytes = std::fs::read(files.path().join("raced.zip")).expect("file");
    assert_eq!(server.upload("raced.zip", &bytes).status, 204);
    browser.click("Cancel upload").await;

    let said = browser
        .wait_for_alert(e2e::PATIENCE, "The cancel came too late")
        .await;
    assert!(said.contains("raced.zip"), "{said}");
    browser.wait_for_keys(&["raced.zip"]).await;
    let statuses = browser.statuses().await;
    assert!(
        !statuses
            .iter()
            .any(|s| s.contains("did not store anything")),
        "said nothing was stored: {statuses:?}"
    );
}

#[tokio::test]
async fn signing_out_during_an_upload_asks_first_and_another_page_does_not() {
    // ~20 s on the wire: the upload is running throughout.
    let Sending {
        browser,
        server,
        _files,
        ..
    } = start_sending("leave_me.zip", 300_000, 100).await;
    e2e::eventually("the upload to start", || async { browser.progress().await }).await;

    // The upload belongs to the signed-in server, not to this page: the settings just show.
    browser.click_link("Backup settings").await;
    browser.wait_for_heading("Backup settings").await;
    browser.click_link("Back to backups").await;
    browser.wait_for_heading("Backups").await;
    assert!(browser.progress().await.is_some(), "the upload goes on");

    browser.click("Sign out").await;
    let (role, title) = browser.open_dialog().await;
    assert_eq!(
        (role.as_str(), title.as_str()),
        ("alertdialog", "Sign out and cancel the upload?")
    );
    browser.click_in_dialog("Cancel").await;
    browser.wait_for_no_dialog().await;
    assert!(browser.progress().await.is_some(), "the upload goes on");

    browser.click("Sign out").await;
    browser
        .click_in_dialog("Cancel the upload and sign out")
        .await;
    browser.field("Password").await;
    e2e::eventually("the server to log the aborted upload", || async {
        server.logged_requests("/api/backups/upload").then_some(())
    })
    .await;
    assert!(server.keys().is_empty(), "nothing was stored");
}
