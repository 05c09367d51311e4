//! Benchmark: uploads one large backup-like zip through the panel in headless Chromium and
//! prints how long it took and how much memory the page used meanwhile — to show that the file
//! is streamed, not read into the tab.
//!
//! `cargo run -p e2e --bin bench_upload -- [megabytes]` (default 1024; not `--release`: the
//! release profile aborts on panic, which would skip stopping the server and browser), with
//! `PANEL_DIST` and `POCKETBASE_BIN` set as `scripts/test.sh` sets them.

use std::time::{Duration, Instant};

use e2e::{signed_in, write_backup_like_zip, PocketBase};

/// Resident memory of every Chromium renderer process, in bytes.
fn renderer_rss() -> u64 {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            std::fs::read(e.path().join("cmdline"))
                .map(|c| String::from_utf8_lossy(&c).contains("--type=renderer"))
                .unwrap_or(false)
        })
        .filter_map(|e| std::fs::read_to_string(e.path().join("status")).ok())
        .filter_map(|status| {
            let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
            let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kb * 1024)
        })
        .sum()
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let megabytes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1024);
    let files = tempfile::tempdir().expect("temp dir");
    let file = files.path().join("bench_upload.zip");
    write_backup_like_zip(&file, megabytes * 1_000_000);
    let size = std::fs::metadata(&file).expect("zip").len();

    let server = PocketBase::start();
    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;
    let idle = renderer_rss();
    let heap_script = "return performance.memory ? performance.memory.usedJSHeapSize : 0;";
    let idle_heap = browser
        .script(heap_script, vec![])
        .await
        .as_u64()
        .unwrap_or(0);

    browser.choose_file("Upload backup", &file).await;
    browser.click_in_dialog("Upload").await;
    let started = Instant::now();
    let (mut peak, mut peak_heap) = (idle, idle_heap);
    while !server.keys().contains(&"bench_upload.zip".to_owned()) {
        peak = peak.max(renderer_rss());
        let heap = browser
            .script(heap_script, vec![])
            .await
            .as_u64()
            .unwrap_or(0);
        peak_heap = peak_heap.max(heap);
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "upload did not finish"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let took = started.elapsed();
    browser.wait_for_keys(&["bench_upload.zip"]).await;

    println!(
        "upload of {:.1} MB through the panel (loopback, headless Chromium)",
        mb(size)
    );
    println!(
        "  time:                 {:.2} s ({:.1} MB/s)",
        took.as_secs_f64(),
        mb(size) / took.as_secs_f64()
    );
    println!("  renderer RSS idle:    {:.1} MB", mb(idle));
    println!(
        "  renderer RSS peak:    {:.1} MB (+{:.1} MB)",
        mb(peak),
        mb(peak.saturating_sub(idle))
    );
    println!(
        "  JS heap idle / peak:  {:.1} MB / {:.1} MB",
        mb(idle_heap),
        mb(peak_heap)
    );
}
