//! Benchmark: a list of many backups in headless Chromium against a real PocketBase whose
//! backups folder was seeded with that many files. Prints how long the list takes to show after
//! Refresh (request, parse and render) and how long one search keystroke takes to repaint.
//!
//! `scripts/bench.sh list [count]` (default 10,000).

use e2e::{signed_in, PocketBase};
use serde_json::json;

/// Clicks Refresh and resolves, on the first frame after the list is back, with the time taken.
const REFRESH: &str = r#"
const [, done] = arguments;
const refresh = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Refresh');
const start = performance.now();
refresh.click();
const check = () => {
  const rows = document.querySelectorAll('tbody tr').length;
  if (rows > 0 && !refresh.disabled) {
    requestAnimationFrame(() => done(performance.now() - start));
  } else {
    requestAnimationFrame(check);
  }
};
requestAnimationFrame(check);
"#;

/// Types into the search box and resolves on the next frame after the list changed (its totals
/// line tells), with the time taken.
const KEYSTROKE: &str = r#"
const [text, done] = arguments;
const search = document.getElementById('search');
const totals = document.querySelector('.totals');
const before = totals.textContent;
const start = performance.now();
search.value = text;
search.dispatchEvent(new Event('input', { bubbles: true }));
const check = () => {
  if (totals.textContent !== before) {
    requestAnimationFrame(() => done(performance.now() - start));
  } else {
    requestAnimationFrame(check);
  }
};
check();
"#;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let server = PocketBase::start();
    server.seed_backup_files(count);
    let browser = signed_in(&server).await;
    browser.wait_for_text(&format!("{count} backups")).await;

    let mut refresh = Vec::new();
    for _ in 0..5 {
        let ms = browser.script_async(REFRESH, vec![json!(count)]).await;
        refresh.push(ms.as_f64().expect("ms"));
    }
    let mut keystroke = Vec::new();
    for _ in 0..5 {
        // Narrow to the automatic third, then back to everything.
        let narrow = browser.script_async(KEYSTROKE, vec![json!("@")]).await;
        keystroke.push(narrow.as_f64().expect("ms"));
        browser.script_async(KEYSTROKE, vec![json!("")]).await;
    }
    // The server's own part: listing its folder and sending the JSON (outside the browser).
    let token = server.admin_token();
    let mut server_ms = Vec::new();
    for _ in 0..5 {
        let start = std::time::Instant::now();
        let answer = server.get("/api/backups", Some(&token)).expect("list");
        assert_eq!(answer.status, 200);
        server_ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    println!("{count} backups, headless Chromium, release build, real PocketBase (loopback)");
    println!(
        "  GET /api/backups alone (server + transfer), median of 5: {:.0} ms",
        median(server_ms)
    );
    println!(
        "  Refresh → rows painted (request + parse + render), median of 5: {:.0} ms",
        median(refresh.clone())
    );
    println!("    all runs: {refresh:.0?}");
    println!(
        "  one search keystroke → repaint (all → a third), median of 5: {:.0} ms",
        median(keystroke.clone())
    );
    println!("    all runs: {keystroke:.0?}");
}
