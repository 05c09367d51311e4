use leptos::prelude::*;

use crate::api::retention::{plan, Dated, Kept, Policy};
use crate::api::BackupInfo;
use crate::components::{ConfirmDialog, TextField};
use crate::format::human_size;
use crate::text;

/// Keys and reasons listed in the preview; the rest are counted.
const LISTED: usize = 50;

crate::split::split_piece! {
    /// The retention planner, fetched when first asked for.
    pub mod retention_dialog in retention = fn(open: RwSignal<bool>, rows: Signal<Vec<BackupInfo>>, delete_target: RwSignal<Option<Vec<String>>>) -> AnyView {
        PlanRetention(PlanRetentionProps { open, rows, delete_target }).into_any()
    }
}

/// A retention policy previewed over the real list: what it keeps and why, what it would
/// delete and the space freed. Applying it hands the keys to the delete dialog, which asks
/// once more and reports refusals while the rest go on.
#[component]
pub fn PlanRetention(
    open: RwSignal<bool>,
    #[prop(into)] rows: Signal<Vec<BackupInfo>>,
    delete_target: RwSignal<Option<Vec<String>>>,
) -> impl IntoView {
    let fields = [
        RwSignal::new("3".to_owned()),
        RwSignal::new("7".to_owned()),
        RwSignal::new("4".to_owned()),
        RwSignal::new("6".to_owned()),
    ];
    let manual_too = RwSignal::new(false);
    let policy = move || {
        let [last, days, weeks, months] = fields.map(|f| f.with(|t| t.trim().parse::<u32>().ok()));
        Some(Policy {
            last: last?,
            days: days?,
            weeks: weeks?,
            months: months?,
            manual_too: manual_too.get(),
        })
    };
    // (kept with reasons, deleted, bytes freed), or nothing while a field is not a number —
    // or while the dialog is closed: a list that changes must not be planned unseen.
    let preview = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        let policy = policy()?;
        Some(rows.with(|rows| {
            let dated: Vec<Dated> = rows
                .iter()
                .map(|row| Dated {
                    automatic: row.key.starts_with("@auto_"),
                    modified_ms: row.modified_ms(),
                })
                .collect();
            let decisions = plan(&dated, &policy, js_sys::Date::now() as i64, local_offset_ms);
            let (mut kept, mut deleted, mut freed) = (Vec::new(), Vec::new(), 0);
            for (row, decision) in rows.iter().zip(decisions) {
                match decision {
                    Some(reason) => kept.push((row.key.clone(), reason)),
                    None => {
                        freed += row.size;
                        deleted.push(row.key.clone());
                    }
                }
            }
            (kept, deleted, freed)
        }))
    });
    let to_delete = move || preview.with(|p| p.as_ref().map_or(0, |(_, deleted, _)| deleted.len()));
    let apply = Callback::new(move |()| {
        if let Some(Some((_, deleted, _))) = preview.try_get_untracked() {
            open.set(false);
            delete_target.set(Some(deleted));
        }
    });
    let summary = move || {
        preview.with(|p| match p {
            None => text::p().retention_numbers.to_owned(),
            Some((kept, deleted, freed)) => {
                text::t().retention_summary(kept.len(), deleted.len(), &human_size(*freed))
            }
        })
    };
    let lines = move || {
        let Some((kept, deleted, _)) = preview.get() else {
            return Vec::new();
        };
        let mut lines: Vec<String> = deleted
            .iter()
            .take(LISTED)
            .map(|key| text::t().retention_deletes(key))
            .collect();
        lines.extend(
            kept.iter()
                .take(LISTED)
                .map(|(key, reason)| text::t().retention_keeps(key, reason_words(*reason))),
        );
        lines
    };
    let [last, days, weeks, months] = fields;
    view! {
        <ConfirmDialog
            id="retention-dialog"
            open
            title={text::p().retention_title}
            confirm_label={text::p().retention_apply}
            danger=true
            can_confirm=Signal::derive(move || to_delete() > 0)
            on_confirm=apply
        >
            <div class="retention-fields">
                <TextField id="keep-last" label={text::p().keep_last} value=last kind="number" />
                <TextField id="keep-days" label={text::p().keep_days} value=days kind="number" />
                <TextField id="keep-weeks" label={text::p().keep_weeks} value=weeks kind="number" />
                <TextField id="keep-months" label={text::p().keep_months} value=months kind="number" />
            </div>
            <label class="check">
                <input type="checkbox" bind:checked=manual_too />
                {text::p().retention_manual_too}
            </label>
            <p class="notice" role="status">{summary}</p>
            <ul class="compare-list">
                {move || lines().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        </ConfirmDialog>
    }
}

fn reason_words(reason: Kept) -> &'static str {
    let words = text::p();
    match reason {
        Kept::NotAutomatic => words.kept_not_automatic,
        Kept::Last => words.kept_last,
        Kept::Day => words.kept_day,
        Kept::Week => words.kept_week,
        Kept::Month => words.kept_month,
        Kept::Undated => words.kept_undated,
    }
}

/// The browser's time zone offset from UTC at instant `ms` (east positive), daylight saving
/// included.
fn local_offset_ms(ms: i64) -> i64 {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    -(date.get_timezone_offset() as i64) * 60_000
}
