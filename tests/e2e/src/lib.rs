//! The end-to-end harness: a real PocketBase, a real headless Chromium, and small helpers that
//! read like what an admin does. Everything started here is stopped in `Drop`, so a failing or
//! panicking test leaves no process behind.

mod browser;
mod process;
mod server;

pub use browser::Browser;
pub use server::PocketBase;

use std::future::Future;
use std::time::{Duration, Instant};

/// How long any wait for a condition may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// Polls `check` until it yields `Some`, failing the test with `what` after [`PATIENCE`].
pub async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let start = Instant::now();
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
