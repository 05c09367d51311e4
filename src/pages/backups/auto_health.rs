use leptos::prelude::*;

use crate::api::cron::Schedule;
use crate::api::parse_modified;
use crate::format::local_datetime_short;
use crate::pages::PageLink;
use crate::state::{
    newest_auto, staleness, AutoBackups, BackupList, FailureHistory, Jobs, Page, ServerStatus,
    ServerWatch, SessionState, SettingsState, Staleness,
};
use crate::text;

crate::split::split_piece! {
    /// The automatic job's health, fetched once a schedule is seen saved (and prefetched once
    /// the rows show): the first screen of a server without one never needs it.
    pub mod auto_health_view in auto_health = fn(now_ms: RwSignal<f64>) -> AnyView {
        AutoBackupHealth(AutoBackupHealthProps { now_ms }).into_any()
    }
}

/// While a schedule is saved: when the next automatic backup comes, whether the newest one is
/// late, what the server's log says of failures, and running the job now.
#[component]
pub fn AutoBackupHealth(now_ms: RwSignal<f64>) -> impl IntoView {
    let settings = expect_context::<SettingsState>();
    let auto = expect_context::<AutoBackups>();
    let list = expect_context::<BackupList>();
    let jobs = expect_context::<Jobs>();
    let watch = expect_context::<ServerWatch>();
    let saved = settings.saved();
    // Plain closures, read afresh: memos of types of their own would cost more wasm.
    let schedule = move || {
        saved.with(|s| {
            let cron = &s.as_ref()?.backups.cron;
            Some((Schedule::parse(cron).ok()?, cron.clone()))
        })
    };
    let rows = list.rows();
    let newest = move || rows.with(|rows| newest_auto(rows));
    let next_run = move || {
        let (schedule, _) = schedule()?;
        let at = schedule.runs_after(now_ms.get() as i64).next()?;
        Some(text::t().next_auto_backup(
            &text::t().utc_run(at),
            &local_datetime_short(at, text::chosen().tag()),
        ))
    };
    let warning = move || {
        let (schedule, cron) = schedule()?;
        let since = settings.schedule_seen_since(&cron);
        let now = now_ms.get();
        let said = match staleness(schedule, newest(), since, now as i64) {
            Staleness::Fine => return None,
            Staleness::Old { newest_ms, .. } => text::t().auto_backup_stale(
                &local_datetime_short(newest_ms, text::chosen().tag()),
                &text::t().relative_age(((now as i64) - newest_ms) / 1_000),
            ),
            Staleness::NoneYet { since_ms } => {
                text::t().no_auto_backup_yet(&local_datetime_short(since_ms, text::chosen().tag()))
            }
        };
        Some(view! { <p class="notice warn" role="alert">{said}</p> })
    };
    let days_kept = move || saved.with(|s| s.as_ref().map_or(0, |s| s.logs.max_days));
    // What the log says, when it says no failure (or nothing can be known).
    let history_hint = move || match auto.failures().get() {
        FailureHistory::Unread => None,
        FailureHistory::Unknown => Some(text::p().auto_history_unknown.to_owned()),
        FailureHistory::NotLogged => Some(text::p().auto_history_not_logged.to_owned()),
        FailureHistory::Unreadable(error) => {
            Some(text::t().auto_history_unreadable(&text::error_message(&error)))
        }
        FailureHistory::Read(entries) => entries
            .is_empty()
            .then(|| text::t().no_auto_failures(days_kept())),
    };
    let failures = move || {
        let FailureHistory::Read(entries) = auto.failures().get() else {
            return None;
        };
        let latest = parse_modified(&entries.first()?.created);
        let recovered = latest
            .zip(newest())
            .is_some_and(|(failed, made)| made > failed);
        let items = entries
            .into_iter()
            .map(|entry| {
                let when = parse_modified(&entry.created)
                    .map_or(entry.created.clone(), |at| local_datetime_short(at, text::chosen().tag()));
                view! { <li>{text::t().auto_failure(&when, &entry.data.name, &entry.data.error)}</li> }
            })
            .collect::<Vec<_>>();
        Some(view! {
            <div class=if recovered { "notice" } else { "notice error" } role="status">
                <p>{text::p().auto_failures}</p>
                <ul class="failures">{items}</ul>
                <p>{recovered.then_some(text::t().failure_after_success())}</p>
            </div>
        })
    };
    let server = watch.server_status();
    let run_now = move |_| auto.run_now();
    let session = expect_context::<SessionState>();
    // A server without the cron API (before 0.24) is not offered the button as if it worked.
    let no_crons = move || session.capabilities().is_some_and(|c| !c.crons);
    view! {
        <section class="auto-health" aria-label={text::p().auto_backups} hidden=move || schedule().is_none()>
            <h2>{text::p().auto_backups}</h2>
            <p>{move || schedule().map(|(schedule, _)| text::t().cron_reading(&schedule))}</p>
            <p>{next_run}</p>
            {warning}
            {failures}
            <p class="hint">{history_hint}</p>
            <p class="hint" hidden=move || !no_crons()>{text::p().run_now_unsupported}</p>
            <div class="row-actions">
                <button
                    type="button"
                    disabled=move || {
                        no_crons() || jobs.is_creating() || server.get() == ServerStatus::Busy
                    }
                    on:click=run_now
                >
                    {text::p().run_now}
                </button>
                <PageLink to=Page::Settings label={text::p().backup_settings} />
            </div>
        </section>
    }
}
