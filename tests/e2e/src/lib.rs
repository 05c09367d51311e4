//! The end-to-end harness: a real PocketBase, a real headless Chromium, and small helpers that
//! read like what an admin does. Everything started here is stopped in `Drop`, so a failing or
//! panicking test leaves no process behind.

mod browser;
mod mail;
mod process;
mod proxy;
mod s3;
mod server;
mod static_host;

pub use browser::{Browser, Received};
pub use mail::{one_time_password, MailSink};
pub use proxy::Proxy;
pub use s3::{fill_s3, S3Server, BUCKET};
pub use server::{panel_dist, PocketBase, ADMIN_EMAIL, ADMIN_PASSWORD, RELEASES};
pub use static_host::StaticHost;

/// The repository's root. Read from cargo's run-time `CARGO_MANIFEST_DIR` (`cargo test` and
/// `cargo run` set it): the build cache lives outside the clone, and cargo does not rebuild a
/// path crate when only its clone's folder differs, so a path fixed at compile time can name
/// another clone — one that may be gone.
pub fn repo_root() -> std::path::PathBuf {
    let manifest =
        std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into());
    std::path::PathBuf::from(manifest).join("../..")
}

/// Keys PocketBase accepts on upload that break naive code: markup, URL syntax, non-ASCII,
/// spaces and parentheses, and the prefix of automatic backups.
pub const HOSTILE_KEYS: [&str; 5] = [
    "<img src=x onerror=alert(1)>.zip",
    "a#b?c%20d.zip",
    "中文备份.zip",
    "My Backup (1).zip",
    "@auto_pb_backup_x.zip",
];

/// Writes a zip at `path` holding `data.db` of `size` random bytes, stored uncompressed —
/// shaped like a PocketBase backup, and as large on the wire as on disk.
pub fn write_backup_like_zip(path: &std::path::Path, size: usize) {
    let script = "import os, sys, zipfile\n\
        with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_STORED) as z:\n    \
        z.writestr('data.db', os.urandom(int(sys.argv[2])))";
    python(script, &[path.as_os_str(), size.to_string().as_ref()]);
}

/// Runs a Python `script` with `args` (`sys.argv[1:]`); it must succeed. Python's `zipfile`
/// writes the zips the tests need as real zip writers do.
pub fn python(script: &str, args: &[&std::ffi::OsStr]) {
    let status = std::process::Command::new("python3")
        .args(["-c", script])
        .args(args)
        .status()
        .expect("python3");
    assert!(status.success(), "python3 failed on: {script}");
}

/// A zip PocketBase accepts as an upload but cannot restore: it has no `data.db`.
pub fn zip_without_data_db() -> Vec<u8> {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("no_data.zip");
    let script = "import sys, zipfile\n\
        with zipfile.ZipFile(sys.argv[1], 'w') as z:\n    z.writestr('notes.txt', 'not a backup')";
    python(script, &[path.as_os_str()]);
    std::fs::read(&path).expect("zip")
}

/// Resident memory of every Chromium renderer process, in bytes.
pub fn renderer_rss() -> u64 {
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

/// The highest [`renderer_rss`] seen while it runs, sampled every 20 ms by a thread of its own:
/// garbage comes and goes between a benchmark's slower polls of the page.
pub struct PeakRss {
    peak: std::sync::Arc<std::sync::atomic::AtomicU64>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    sampler: Option<std::thread::JoinHandle<()>>,
}

impl PeakRss {
    pub fn start() -> Self {
        use std::sync::atomic::Ordering::Relaxed;
        let peak = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(renderer_rss()));
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (seen, stopped) = (peak.clone(), stop.clone());
        let sampler = std::thread::spawn(move || {
            while !stopped.load(Relaxed) {
                seen.fetch_max(renderer_rss(), Relaxed);
                std::thread::sleep(Duration::from_millis(20));
            }
        });
        Self {
            peak,
            stop,
            sampler: Some(sampler),
        }
    }

    /// The peak so far.
    pub fn peak(&self) -> u64 {
        self.peak.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl Drop for PeakRss {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(sampler) = self.sampler.take() {
            let _ = sampler.join();
        }
    }
}

/// A benchmark's first command-line argument as a number, or `default` without one.
pub fn number_argument(default: usize) -> usize {
    let argument = std::env::args().nth(1);
    argument.map_or(default, |a| a.parse().expect("a number"))
}

/// The claims of a JWT (its middle part, base64url), e.g. `{"type": "file", …}`.
pub fn jwt_claims(token: &str) -> serde_json::Value {
    let payload = token.split('.').nth(1).expect("a JWT has three parts");
    let mut bytes = Vec::new();
    let (mut bits, mut held) = (0u32, 0u32);
    for c in payload.trim_end_matches('=').bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => panic!("not base64url: {payload}"),
        };
        bits = (bits << 6) | u32::from(value);
        held += 6;
        if held >= 8 {
            held -= 8;
            bytes.push((bits >> held) as u8);
        }
    }
    serde_json::from_slice(&bytes).expect("JSON claims")
}

/// Opens the panel served by `server` and signs in as its superuser.
pub async fn signed_in(server: &PocketBase) -> Browser {
    let browser = Browser::start().await;
    browser.open(server.url()).await;
    sign_in(&browser, server).await;
    browser
}

/// Signs in on the sign-in page open in `browser`, to `server` as its superuser.
pub async fn sign_in(browser: &Browser, server: &PocketBase) {
    browser.fill("Server URL", server.url()).await;
    browser.fill("Email", ADMIN_EMAIL).await;
    browser.fill("Password", ADMIN_PASSWORD).await;
    browser.click("Sign in").await;
    browser.wait_for_heading("Backups").await;
}

use std::future::Future;
use std::time::{Duration, Instant};

/// How long any wait for a condition may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// Polls `check` until it yields `Some`, failing the test with `what` after [`PATIENCE`].
pub async fn eventually<T, F, Fut>(what: &str, check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    eventually_within(PATIENCE, what, check).await
}

/// [`eventually`] for work that takes long on a loaded machine (big backups, restarts).
pub async fn eventually_within<T, F, Fut>(patience: Duration, what: &str, check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    match within(patience, check).await {
        Some(value) => value,
        None => panic!("timed out waiting for {what}"),
    }
}

/// Polls `check` until it yields `Some`, or `None` after `patience`: for a test that says
/// more than "timed out" when it fails.
pub async fn within<T, F, Fut>(patience: Duration, mut check: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(value) = check().await {
            return Some(value);
        }
        if start.elapsed() >= patience {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
