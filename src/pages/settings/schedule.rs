use leptos::prelude::*;

use super::Editing;
use crate::api::cron::Schedule;
use crate::components::focus_first;
use crate::components::{Switch, TextField};
use crate::format::local_datetime_short;
use crate::state::{FormField, SettingsState};
use crate::text;

/// How many of the schedule's next runs are shown.
const RUNS_SHOWN: usize = 3;
const CUSTOM: &str = "custom";

/// Automatic backups: on or off, when (with presets, a reading in words and the next runs in
/// UTC and local time), and how many to keep.
#[component]
pub fn ScheduleSection(editing: Editing) -> impl IntoView {
    let settings = expect_context::<SettingsState>();
    let fields = settings.fields();
    let cron = fields.cron;
    // Read afresh where it is used: a memo of its own type would cost more wasm than parsing.
    let parsed = move || cron.with(|cron| Schedule::parse(cron).ok());
    let preset = move || {
        cron.with(|cron| {
            text::CRON_PRESETS
                .iter()
                .find(|expression| **expression == cron)
                .map_or(CUSTOM, |expression| expression)
        })
    };
    let choose_preset = move |event: leptos::ev::Event| {
        let chosen = event_target_value(&event);
        if chosen == CUSTOM {
            focus_first("#cron");
        } else {
            cron.set(chosen);
        }
    };
    let reading = move || parsed().map(|schedule| text::t().cron_reading(&schedule));
    let next_runs = move || {
        let schedule = parsed()?;
        let runs: Vec<i64> = schedule
            .runs_after(js_sys::Date::now() as i64)
            .take(RUNS_SHOWN)
            .collect();
        if runs.is_empty() {
            return Some(
                view! { <p class="notice warn" role="status">{text::p().never_runs}</p> }
                    .into_any(),
            );
        }
        let items = runs
            .into_iter()
            .map(|at| view! { <li>{text::t().run_time(&text::t().utc_run(at), &local_datetime_short(at, text::chosen().tag()))}</li> })
            .collect::<Vec<_>>();
        Some(
            view! {
                <div class="next-runs">
                    <h3>{text::p().next_runs}</h3>
                    <ul>{items}</ul>
                </div>
            }
            .into_any(),
        )
    };
    view! {
        <section class="settings-section" aria-labelledby="auto-heading">
            <h2 id="auto-heading">{text::p().auto_backups}</h2>
            <Switch id="auto-backups" label={text::p().enable_auto_backups} checked=fields.auto />
            <div class="settings-fields" hidden=move || !fields.auto.get()>
                <div class="field">
                    <label for="cron-preset">{text::p().presets}</label>
                    <select id="cron-preset" prop:value=preset on:change=choose_preset>
                        {text::CRON_PRESETS
                            .into_iter()
                            .zip(text::t().cron_preset_labels())
                            .map(|(expression, label)| view! { <option value=expression>{label}</option> })
                            .collect::<Vec<_>>()}
                        <option value=CUSTOM>{text::p().preset_custom}</option>
                    </select>
                </div>
                <TextField
                    id="cron"
                    label={text::p().schedule}
                    value=cron
                    hint={text::p().schedule_hint}
                    problem=editing.problem_of(FormField::Cron)
                />
                <p class="cron-reading" role="status">{reading}</p>
                {next_runs}
                <TextField
                    id="max-keep"
                    label={text::p().max_keep}
                    kind="number"
                    value=fields.max_keep
                    hint={text::p().max_keep_hint}
                    problem=editing.problem_of(FormField::MaxKeep)
                />
            </div>
        </section>
    }
}
