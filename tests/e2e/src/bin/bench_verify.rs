//! Benchmark: verifies one large backup in headless Chromium — the whole file streamed through
//! the page, every entry inflated by the browser and checked — and prints the time, the
//! throughput and how much memory the tab used meanwhile: it must stay flat.
//!
//! `scripts/bench.sh verify [megabytes]` (default 1024).

use std::time::{Duration, Instant};

use e2e::{renderer_rss, signed_in, PocketBase};

/// A deflated zip with a `data.db` of `size` bytes (a multiple of 4096) whose SQLite header
/// agrees with its length; half of each block random, so it neither shrinks to nothing nor
/// takes long to deflate.
fn write_deflated_backup(path: &std::path::Path, size: usize) {
    let script = "import os, struct, sys, zipfile\n\
        path, size = sys.argv[1], int(sys.argv[2])\n\
        block = 1 << 20\n\
        with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED, compresslevel=1) as z:\n    \
        with z.open('data.db', 'w', force_zip64=True) as f:\n        \
        head = bytearray(b'SQLite format 3\\x00'.ljust(100, b'\\x00'))\n        \
        head[16:18] = struct.pack('>H', 4096)\n        \
        head[28:32] = struct.pack('>I', size // 4096)\n        \
        written = 0\n        \
        while written < size:\n            \
        n = min(block, size - written)\n            \
        chunk = os.urandom(n // 2) + bytes(n - n // 2)\n            \
        if written == 0: chunk = bytes(head) + chunk[100:]\n            \
        f.write(chunk); written += n";
    e2e::python(script, &[path.as_os_str(), size.to_string().as_ref()]);
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let megabytes = e2e::number_argument(1024);
    let server = PocketBase::start();
    let files = tempfile::tempdir().expect("temp dir");
    let file = files.path().join("large.zip");
    write_deflated_backup(&file, megabytes * 1_000_000 / 4096 * 4096);
    let size = std::fs::metadata(&file).expect("zip").len();
    server.seed_backup_from(&file, "large.zip");

    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["large.zip"]).await;
    browser.click_labelled("Inspect large.zip").await;
    browser
        .wait_for_text("A PocketBase backup: it has data.db.")
        .await;
    let idle = renderer_rss();
    let started = Instant::now();
    browser.click_labelled("Verify large.zip").await;
    let heap_script = "return performance.memory ? performance.memory.usedJSHeapSize : 0;";
    let heap = || async {
        browser
            .script(heap_script, vec![])
            .await
            .as_u64()
            .unwrap_or(0)
    };
    let idle_heap = heap().await;
    let (mut peak, mut peak_heap) = (idle, idle_heap);
    let verdict = loop {
        peak = peak.max(renderer_rss());
        peak_heap = peak_heap.max(heap().await);
        let said = browser.texts("dialog[open] .notice").await;
        if let Some(verdict) = said
            .iter()
            .find(|s| s.starts_with("Intact") || s.starts_with("Damaged"))
        {
            break verdict.clone();
        }
        assert!(
            started.elapsed() < Duration::from_secs(900),
            "verify did not end"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let took = started.elapsed().as_secs_f64();
    println!(
        "verifying a {:.1} MB backup (deflated, loopback, headless Chromium)",
        mb(size)
    );
    println!("  verdict:                  {verdict}");
    println!(
        "  time:                     {took:.2} s ({:.1} MB/s)",
        mb(size) / took
    );
    println!(
        "  renderer RSS idle / peak: {:.1} MB / {:.1} MB (+{:.1} MB)",
        mb(idle),
        mb(peak),
        mb(peak.saturating_sub(idle))
    );
    println!(
        "  JS heap idle / peak:      {:.1} MB / {:.1} MB",
        mb(idle_heap),
        mb(peak_heap)
    );
}
