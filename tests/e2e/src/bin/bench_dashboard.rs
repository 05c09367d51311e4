//! Benchmark: this panel against PocketBase's own dashboard, side by side on one real server.
//! For each backup count, the server's backups folder is seeded with that many files and the
//! release build is served from its public dir with the panel's hook (as scripts/serve.sh does).
//! Cold runs alternate between the two, each in a fresh Chromium with an empty profile and the
//! session already in the page's storage (the panel's own key, and the dashboard's
//! `__pb_superusers__/_`): the time is from the navigation's start to the first frame painted
//! with backup rows in it, and the bytes are what the network log received on the wire for the
//! whole load. Then the same under Chromium's emulation of a slow link.
//!
//! `scripts/bench.sh vs-dashboard [counts] [runs]` (default `50,10000` and 5 runs each).

use e2e::{Browser, PocketBase, ADMIN_EMAIL, ADMIN_PASSWORD};
use serde_json::{json, Value};

/// What is measured on one side.
struct Side {
    name: &'static str,
    path: &'static str,
    /// An element that exists only once backup rows are drawn.
    rows: &'static str,
}

const PANEL: Side = Side {
    name: "this panel",
    path: "/",
    rows: "tbody tr.row",
};

const DASHBOARD: Side = Side {
    name: "PocketBase's dashboard",
    path: "/_/#/settings/backups",
    rows: ".backups-list .backup-name",
};

/// A slow link: 1.6 Mbit/s (200 kB/s) each way and 150 ms of latency per request.
const SLOW_LINK: (u64, u64) = (200_000, 150);

/// Installed before the page's own scripts: records in `window.__rowsPainted` the time (from
/// the navigation's start) when the first frame with `selector` in the page has been painted.
fn paint_probe(selector: &str) -> String {
    format!(
        r#"(() => {{
  const after = (f) => {{ const c = new MessageChannel(); c.port1.onmessage = f; c.port2.postMessage(null); }};
  const seen = () => {{
    observer.disconnect();
    requestAnimationFrame(() => after(() => {{ window.__rowsPainted = performance.now(); }}));
  }};
  const observer = new MutationObserver(() => {{ if (document.querySelector({selector:?})) seen(); }});
  observer.observe(document, {{ childList: true, subtree: true }});
  addEventListener('TrunkApplicationStarted', () => {{ window.__appStarted = performance.now(); }});
}})();"#
    )
}

/// Waits for the page's fonts and an idle moment, so late requests (fonts) are counted too.
const SETTLED: &str = r#"
const [done] = arguments;
document.fonts.ready.then(() => requestIdleCallback(() => done(true), { timeout: 2000 }));
"#;

struct Run {
    ms: f64,
    wire: u64,
    /// What had arrived when the rows were painted: the critical path.
    before_rows: u64,
    api: u64,
    /// The panel's own steps, in ms from the navigation: the wasm's last byte, the app
    /// started (wasm compiled, first view drawn), the list asked for and arrived.
    steps: Option<[f64; 4]>,
}

/// The panel's steps (see [`Run::steps`]), from Resource Timing and Trunk's start event.
const STEPS: &str = "const end = (test, field) => { const r = performance.getEntriesByType('resource')
    .filter(e => test(new URL(e.name).pathname)).pop(); return r ? r[field] : null; };
return window.__appStarted === undefined ? null : [
  end(p => p.endsWith('_bg.wasm'), 'responseEnd'), window.__appStarted,
  end(p => p.endsWith('/api/backups'), 'startTime'), end(p => p.endsWith('/api/backups'), 'responseEnd')];";

async fn cold_run(server: &PocketBase, auth: &Value, side: &Side, link: Option<(u64, u64)>) -> Run {
    let browser = Browser::start_recording().await;
    browser.open(&format!("{}/api/health", server.url())).await;
    let token = auth["token"].as_str().expect("token");
    let session = json!({"server_url": server.url(), "email": ADMIN_EMAIL, "token": token});
    browser
        .set_local_storage("pb-backups-panel.session", &session.to_string())
        .await;
    let dashboard = json!({"token": token, "record": auth["record"]});
    browser
        .set_local_storage("__pb_superusers__/_", &dashboard.to_string())
        .await;
    if let Some((bytes_per_second, latency_ms)) = link {
        browser.throttle(bytes_per_second, latency_ms).await;
    }
    browser
        .devtools(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": paint_probe(side.rows) }),
        )
        .await;
    browser.wire_bytes().await; // what came before the measured load

    browser
        .open(&format!("{}{}", server.url(), side.path))
        .await;
    let ms = e2e::eventually_within(
        std::time::Duration::from_secs(300),
        &format!("rows painted in {}", side.name),
        || async {
            let painted = browser
                .script("return window.__rowsPainted ?? null;", vec![])
                .await;
            painted.as_f64()
        },
    )
    .await;
    let steps = serde_json::from_value(browser.script(STEPS, vec![]).await).ok();
    browser.script_async(SETTLED, vec![]).await;
    let received = browser.wire_bytes_timed().await;
    let wire = received.iter().map(|r| r.bytes).sum();
    let api = received
        .iter()
        .filter(|r| r.url.contains("/api/"))
        .map(|r| r.bytes)
        .sum();
    // The page's own request starts the navigation (the log was read just before it): what
    // finished within `ms` of it came before the rows.
    let start = received
        .iter()
        .map(|r| r.started_s)
        .fold(f64::INFINITY, f64::min);
    let before_rows = received
        .iter()
        .filter(|r| (r.finished_s - start) * 1_000.0 <= ms)
        .map(|r| r.bytes)
        .sum();
    Run {
        ms,
        wire,
        before_rows,
        api,
        steps,
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn report(side: &Side, runs: &[Run]) -> f64 {
    let ms = median(runs.iter().map(|r| r.ms).collect());
    let wire = median(runs.iter().map(|r| r.wire as f64).collect());
    let api = median(runs.iter().map(|r| r.api as f64).collect());
    let before = median(runs.iter().map(|r| r.before_rows as f64).collect());
    let all: Vec<String> = runs.iter().map(|r| format!("{:.0}", r.ms)).collect();
    println!(
        "    {:<24} {ms:8.1} ms   {wire:>10.0} B on the wire ({api:.0} B of it the API; {before:.0} B before the rows)   runs: {} ms",
        side.name,
        all.join(", ")
    );
    let steps: Vec<[f64; 4]> = runs.iter().filter_map(|r| r.steps).collect();
    if !steps.is_empty() {
        let at = |i: usize| median(steps.iter().map(|s| s[i]).collect());
        println!(
            "    {:<24} wasm arrived {:.0} ms, app started {:.0} ms, list asked {:.0} ms, list arrived {:.0} ms",
            "  (the panel's steps)",
            at(0),
            at(1),
            at(2),
            at(3)
        );
    }
    ms
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut args = std::env::args().skip(1);
    let counts: Vec<usize> = args
        .next()
        .unwrap_or_else(|| "50,10000".into())
        .split(',')
        .map(|c| c.trim().parse().expect("counts like 50,10000"))
        .collect();
    let runs: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("a number of runs"));
    println!("Cold loads, from navigation to backup rows painted; medians of {runs} runs each.");
    for count in counts {
        let server = PocketBase::start_serving("", true);
        server.seed_backup_files(count);
        let auth = server.auth("_superusers", ADMIN_EMAIL, ADMIN_PASSWORD);
        // Step 10's goals; none for a long list unthrottled (met since Step 9).
        let (fast_goal, slow_goal) = if count >= 10_000 {
            ("-", "0.2")
        } else {
            ("0.5", "0.6")
        };
        for (link_name, link, goal) in [
            ("no throttling", None, fast_goal),
            ("slow link: 1.6 Mbit/s, 150 ms", Some(SLOW_LINK), slow_goal),
        ] {
            println!("\n{count} backups, {link_name}:");
            let (mut panel, mut dashboard) = (Vec::new(), Vec::new());
            for run in 0..runs {
                // Alternating which goes first, so neither always meets a warmer machine.
                if run % 2 == 0 {
                    panel.push(cold_run(&server, &auth, &PANEL, link).await);
                    dashboard.push(cold_run(&server, &auth, &DASHBOARD, link).await);
                } else {
                    dashboard.push(cold_run(&server, &auth, &DASHBOARD, link).await);
                    panel.push(cold_run(&server, &auth, &PANEL, link).await);
                }
            }
            let ours = report(&PANEL, &panel);
            let theirs = report(&DASHBOARD, &dashboard);
            println!(
                "    ratio (panel / dashboard): {:.2}   goal: <= {goal}",
                ours / theirs
            );
        }
    }
}
