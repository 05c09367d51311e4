//! Benchmark: verifies one large backup in headless Chromium — the whole file streamed through
//! the page, every entry inflated by the browser and checked — and prints the time, the
//! throughput and how much memory the tab used meanwhile: it must stay flat.
//!
//! `scripts/bench.sh verify [megabytes] [runs]` (default 1024, 3).

use std::time::{Duration, Instant};

use e2e::{renderer_rss, signed_in, PeakRss, PocketBase};

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
    let runs: usize = std::env::args()
        .nth(2)
        .map_or(3, |a| a.parse().expect("a number"));
    let server = PocketBase::start();
    let files = tempfile::tempdir().expect("temp dir");
    let file = files.path().join("large.zip");
    write_deflated_backup(&file, megabytes * 1_000_000 / 4096 * 4096);
    let size = std::fs::metadata(&file).expect("zip").len();
    server.seed_backup_from(&file, "large.zip");
    println!(
        "verifying a {:.1} MB backup (deflated, loopback, headless Chromium), {runs} runs, each in a new browser",
        mb(size)
    );
    let mut growths = Vec::new();
    for run in 1..=runs {
        let (took, idle, peak, idle_heap, peak_heap, verdict) = verify_once(&server).await;
        println!(
            "  run {run}: {took:.2} s ({:.1} MB/s); renderer RSS {:.1} MB idle, peak +{:.1} MB; JS heap {:.1} MB idle, peak {:.1} MB",
            mb(size) / took,
            mb(idle),
            mb(peak.saturating_sub(idle)),
            mb(idle_heap),
            mb(peak_heap)
        );
        println!("    {verdict}");
        growths.push(peak.saturating_sub(idle));
    }
    let most = growths.iter().copied().max().unwrap_or(0);
    println!(
        "  renderer RSS above idle, the most of {runs} runs: +{:.1} MB (goal, as for uploads: at most +32 MB)",
        mb(most)
    );
}

/// One verify of `large.zip` in a new browser: the seconds it took, the renderer's resident
/// memory idle and at its peak (sampled every 20 ms), the JS heap's, and the verdict.
async fn verify_once(server: &PocketBase) -> (f64, u64, u64, u64, u64, String) {
    let browser = signed_in(server).await;
    browser.wait_for_keys(&["large.zip"]).await;
    browser.click_labelled("Inspect large.zip").await;
    browser
        .wait_for_text("A PocketBase backup: it has data.db.")
        .await;
    let heap_script = "return performance.memory ? performance.memory.usedJSHeapSize : 0;";
    let heap = || async {
        browser
            .script(heap_script, vec![])
            .await
            .as_u64()
            .unwrap_or(0)
    };
    let idle_heap = heap().await;
    let idle = renderer_rss();
    let peak = PeakRss::start();
    let started = Instant::now();
    browser.click_labelled("Verify large.zip").await;
    let mut peak_heap = idle_heap;
    let verdict = loop {
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
    (took, idle, peak.peak(), idle_heap, peak_heap, verdict)
}
