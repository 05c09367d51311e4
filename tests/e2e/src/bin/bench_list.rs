//! Benchmark: a list of many backups in headless Chromium against a real PocketBase whose
//! backups folder was seeded with that many files. Prints how long the list takes to show after
//! Refresh (request, parse and render) and how long one search keystroke takes to repaint.
//!
//! `scripts/bench.sh list [count]` (default 10,000).

use e2e::{signed_in, PocketBase};
use serde_json::json;

/// `after(f)`: runs `f` as a new task, once the current task and its microtasks (where Leptos
/// runs its effects) are done. From an animation frame, that is once the frame is painted.
const AFTER: &str = r#"
const after = (callback) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = callback;
  channel.port2.postMessage(null);
};
"#;

/// Clicks "Sign in" (the form is filled) and resolves once the first rows are painted, with the
/// time from the list's answer (its last byte, from Resource Timing) to that, and in total.
const FIRST_RENDER: &str = r#"
const [done] = arguments;
performance.clearResourceTimings();
const signIn = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Sign in');
const start = performance.now();
signIn.click();
const poll = () => {
  if (!document.querySelector('tbody tr.row')) {
    after(poll);
    return;
  }
  document.querySelector('tbody').getBoundingClientRect();
  const laidOut = performance.now();
  requestAnimationFrame(() => after(() => {
    const list = performance.getEntriesByType('resource')
      .filter(e => new URL(e.name).pathname.endsWith('/api/backups')).pop();
    const painted = performance.now();
    done({ total: painted - start, work: laidOut - list.responseEnd, paint: painted - list.responseEnd });
  }));
};
poll();
"#;

/// Clicks Refresh and resolves, on the first frame after the list is back, with the time taken.
const REFRESH: &str = r#"
const [done] = arguments;
const refresh = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Refresh');
const start = performance.now();
refresh.click();
const check = () => {
  const rows = document.querySelectorAll('tbody tr.row').length;
  if (rows > 0 && !refresh.disabled) {
    requestAnimationFrame(() => done(performance.now() - start));
  } else {
    requestAnimationFrame(check);
  }
};
requestAnimationFrame(check);
"#;

/// Types into the search box and resolves with two times: until the page's work for it is done
/// (handlers, Leptos' effects, then style and layout forced), and until the frame after it is
/// painted (a task posted from the next animation frame runs once that frame is drawn).
const KEYSTROKE: &str = r#"
const [text, done] = arguments;
const search = document.getElementById('search');
const totals = document.querySelector('.totals');
const before = totals.textContent;
const start = performance.now();
search.value = text;
search.dispatchEvent(new Event('input', { bubbles: true }));
after(() => {
  const script = performance.now() - start;
  document.querySelector('tbody').getBoundingClientRect();
  const work = performance.now() - start;
  if (totals.textContent === before) {
    done({ error: 'the list had not changed when the work ended' });
    return;
  }
  requestAnimationFrame(() => after(() => done({ script, work, paint: performance.now() - start })));
});
"#;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// `label: <median> ms`, then every run on a line below.
fn report(indent: &str, label: &str, runs: &[f64]) {
    println!("{indent}{label}: {:.1} ms", median(runs.to_vec()));
    println!("{indent}  all runs: {runs:.1?}");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let count = e2e::number_argument(10_000);
    let server = PocketBase::start();
    server.seed_backup_files(count);
    let browser = signed_in(&server).await;
    browser.wait_for_text(&format!("{count} backups")).await;

    let script = |body: &str| format!("{AFTER}{body}");
    let (mut first_work, mut first_paint, mut first_total) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..5 {
        browser.click("Sign out").await;
        browser.fill("Email", e2e::ADMIN_EMAIL).await;
        browser.fill("Password", e2e::ADMIN_PASSWORD).await;
        let times = browser.script_async(&script(FIRST_RENDER), vec![]).await;
        let ms = |name: &str| times[name].as_f64().unwrap_or_else(|| panic!("{times}"));
        first_work.push(ms("work"));
        first_paint.push(ms("paint"));
        first_total.push(ms("total"));
    }
    let mut refresh = Vec::new();
    for _ in 0..5 {
        let ms = browser.script_async(REFRESH, vec![]).await;
        refresh.push(ms.as_f64().expect("ms"));
    }
    let (mut script_ms, mut work, mut paint) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..7 {
        // Narrow to the automatic third, then back to everything.
        for text in ["@", ""] {
            let times = browser
                .script_async(&script(KEYSTROKE), vec![json!(text)])
                .await;
            let ms = |name: &str| times[name].as_f64().unwrap_or_else(|| panic!("{times}"));
            if !text.is_empty() {
                script_ms.push(ms("script"));
                work.push(ms("work"));
                paint.push(ms("paint"));
            }
        }
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
    println!("  first render after signing in, median of 5:");
    report(
        "    ",
        "list answer → rows laid out (parse, sort, render)",
        &first_work,
    );
    report("    ", "list answer → rows painted", &first_paint);
    report(
        "    ",
        "Sign in clicked → rows painted (sign-in and list requests included)",
        &first_total,
    );
    report(
        "  ",
        "Refresh → rows painted again (request + parse + compare), median of 5",
        &refresh,
    );
    println!("  one search keystroke (all → the automatic third), median of 7:");
    report(
        "    ",
        "page's work (handlers, effects, style and layout)",
        &work,
    );
    report("    ", "of which handlers and effects alone", &script_ms);
    report("    ", "until the next frame is painted", &paint);
}
