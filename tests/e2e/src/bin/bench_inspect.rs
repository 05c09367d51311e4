//! Benchmark: inspects one large backup in headless Chromium and prints how many of its bytes
//! the page read (Resource Timing of its `Range` requests) and how long it took — the zip's
//! directory is read from its end, whatever the backup's size.
//!
//! `scripts/bench.sh inspect [megabytes]` (default 1024).

use std::time::Instant;

use e2e::{signed_in, write_backup_like_zip, PocketBase};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let megabytes = e2e::number_argument(1024);
    let server = PocketBase::start();
    let files = tempfile::tempdir().expect("temp dir");
    let file = files.path().join("large.zip");
    write_backup_like_zip(&file, megabytes * 1_000_000);
    let size = std::fs::metadata(&file).expect("zip").len();
    server.seed_backup_from(&file, "large.zip");

    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["large.zip"]).await;
    let started = Instant::now();
    browser.click_labelled("Inspect large.zip").await;
    browser
        .wait_for_text("A PocketBase backup: it has data.db.")
        .await;
    let took = started.elapsed();
    let read = browser.resource_sizes("/api/backups/large.zip?").await;
    let total: u64 = read.iter().map(|(sent, _)| sent).sum();
    let shown = browser.texts("dialog[open] dl.contents dd").await;

    println!(
        "inspecting a {:.1} MB backup (loopback, headless Chromium)",
        size as f64 / 1e6
    );
    println!("  Range requests:     {}", read.len());
    println!(
        "  bytes read:         {total} B ({:.4} % of the backup)",
        total as f64 * 100.0 / size as f64
    );
    println!(
        "  time to the verdict: {:.0} ms",
        took.as_secs_f64() * 1000.0
    );
    println!("  the page says:      {}", shown.join(" | "));
}
