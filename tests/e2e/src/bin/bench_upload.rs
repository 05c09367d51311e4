//! Benchmark: uploads one large backup-like zip through the panel in headless Chromium and
//! prints how long it took and how much memory the page used meanwhile — to show that the file
//! is streamed, not read into the tab — then the same file with `curl` to the same server, and
//! the panel's throughput as a share of curl's (goal: at least 0.9, and at most 32 MB more
//! memory in the tab).
//!
//! `cargo run -p e2e --bin bench_upload -- [megabytes]` (default 1024; not `--release`: the
//! release profile aborts on panic, which would skip stopping the server and browser), with
//! `PANEL_DIST` and `POCKETBASE_BIN` set as `scripts/test.sh` sets them.

use std::time::{Duration, Instant};

use e2e::{renderer_rss, signed_in, write_backup_like_zip, PocketBase};

/// Uploads `file` as `name` with `curl`, as a script on the server's machine would, and returns
/// the request's time as curl measured it (`time_total`). The token goes in a header file, not
/// on the command line.
fn curl_upload(server: &PocketBase, file: &std::path::Path, name: &str) -> Duration {
    let folder = tempfile::tempdir().expect("temp dir");
    let headers = folder.path().join("headers");
    let header = format!("Authorization: {}\n", server.admin_token());
    std::fs::write(&headers, header).expect("headers");
    let output = std::process::Command::new("curl")
        .args(["-fsS", "-o", "/dev/null", "-w", "%{time_total}", "-H"])
        .arg(format!("@{}", headers.display()))
        .arg("-F")
        .arg(format!(
            "file=@{};filename={name};type=application/zip",
            file.display()
        ))
        .arg(format!("{}/api/backups/upload", server.url()))
        .output()
        .expect("curl");
    assert!(output.status.success(), "curl's upload failed");
    let seconds: f64 = String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .expect("time");
    assert!(
        server.keys().contains(&name.to_owned()),
        "curl's upload is not listed"
    );
    Duration::from_secs_f64(seconds)
}

/// The upload request's time as the browser measured it (Resource Timing), once it has ended.
const UPLOAD_TIME: &str = "const upload = performance.getEntriesByType('resource')
    .find(e => new URL(e.name).pathname.endsWith('/api/backups/upload'));
return upload && upload.responseEnd > 0 ? upload.responseEnd - upload.startTime : null;";

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let megabytes = e2e::number_argument(1024);
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

    // curl before and after the panel, so neither meets a warmer or fuller disk alone.
    let curl_before = curl_upload(&server, &file, "bench_upload_curl_1.zip");
    browser.choose_file("Upload backup", &file).await;
    browser.click_in_dialog("Upload").await;
    let started = Instant::now();
    let (mut peak, mut peak_heap) = (idle, idle_heap);
    let took = loop {
        peak = peak.max(renderer_rss());
        let heap = browser
            .script(heap_script, vec![])
            .await
            .as_u64()
            .unwrap_or(0);
        peak_heap = peak_heap.max(heap);
        if let Some(ms) = browser.script(UPLOAD_TIME, vec![]).await.as_f64() {
            break Duration::from_secs_f64(ms / 1000.0);
        }
        assert!(
            started.elapsed() < Duration::from_secs(600),
            "upload did not finish"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    browser
        .wait_for_keys(&["bench_upload.zip", "bench_upload_curl_1.zip"])
        .await;
    let curl_after = curl_upload(&server, &file, "bench_upload_curl_2.zip");
    let by_curl = (curl_before + curl_after) / 2;

    let line = |what: &str, took: Duration| {
        let seconds = took.as_secs_f64();
        println!(
            "  {what:<28} {seconds:6.2} s ({:.1} MB/s)",
            mb(size) / seconds
        );
    };
    println!(
        "upload of {:.1} MB to the same PocketBase (loopback, 2 cores)",
        mb(size)
    );
    line("the panel (headless Chromium):", took);
    line("curl, before the panel:", curl_before);
    line("curl, after the panel:", curl_after);
    println!(
        "  panel / curl throughput:        {:.2} (goal: >= 0.9)",
        by_curl.as_secs_f64() / took.as_secs_f64()
    );
    println!(
        "  renderer RSS idle / peak:       {:.1} MB / {:.1} MB (+{:.1} MB; goal: at most +32 MB)",
        mb(idle),
        mb(peak),
        mb(peak.saturating_sub(idle))
    );
    println!(
        "  JS heap idle / peak:            {:.1} MB / {:.1} MB",
        mb(idle_heap),
        mb(peak_heap)
    );
}
