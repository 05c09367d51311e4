use leptos::prelude::*;

use crate::format::human_size;
use crate::state::{BackupFiles, Damage, Tasks, Verified};
use crate::text;

/// `Verify <key>` in the Inspect dialog: the whole backup streamed through the page once and
/// every entry checked, with progress and Cancel; closing the dialog cancels it too, and so does
/// anything that drops the dialog (another page, signing out, another language): the verify is
/// this dialog's, and stops with it.
#[component]
pub fn VerifyBackup(target: RwSignal<Option<String>>, open: RwSignal<bool>) -> impl IntoView {
    let files = expect_context::<BackupFiles>();
    let tasks = Tasks::here();
    let read = RwSignal::new(0u64);
    let total = RwSignal::new(0u64);
    let cancel = RwSignal::new(false);
    let running = RwSignal::new(false);
    let verdict = RwSignal::new(None::<Verified>);
    // A new backup in the dialog, or the dialog closed: what was said is about another.
    Effect::new(move || {
        target.track();
        if !open.get() {
            cancel.set(true);
        }
        verdict.set(None);
    });
    let start = move |_| {
        let Some(key) = target.get_untracked() else {
            return;
        };
        total.set(files.size_of(&key));
        read.set(0);
        cancel.set(false);
        verdict.set(None);
        running.set(true);
        tasks.spawn(async move {
            let progress = move |bytes| read.set(bytes);
            let cancelled = move || cancel.get_untracked();
            let found = files.verify(key.clone(), progress, cancelled).await;
            running.set(false);
            if target.get_untracked().as_ref() == Some(&key) {
                verdict.set(Some(found));
            }
        });
    };
    let label =
        move || target.with(|key| text::t().verify_label(key.as_deref().unwrap_or_default()));
    // Words rather than a `<progress>` bar: one more element type is kilobytes of wasm. One
    // element whose text follows, not a new one per step: a long verify takes thousands.
    let progress = move || text::t().verifying(&human_size(read.get()), &human_size(total.get()));
    let said = move || {
        verdict.get().map(|verdict| {
            let (class, words) = match verdict {
                Verified::Intact {
                    files,
                    database,
                    seconds,
                } => (
                    "notice",
                    text::t().verified(
                        files,
                        database,
                        &text::t().duration(seconds.round() as u64),
                    ),
                ),
                Verified::Damaged { entry, damage } => (
                    "notice error",
                    text::t().damaged(&entry, damage_words(damage)),
                ),
                Verified::Cancelled => ("notice warn", text::p().verify_cancelled.to_owned()),
                Verified::Unreadable(Some(error)) => ("notice error", text::error_message(&error)),
                Verified::Unreadable(None) => {
                    ("notice error", text::p().verify_unreadable.to_owned())
                }
                Verified::NoZip(_) => ("notice error", text::p().inspect_not_zip.to_owned()),
            };
            let role = if class == "notice" { "status" } else { "alert" };
            view! { <p class=class role=role>{words}</p> }
        })
    };
    view! {
        <div class="row-actions">
            <button type="button" aria-label=label hidden=running on:click=start>
                {text::p().verify}
            </button>
            <button type="button" hidden=move || !running.get() on:click=move |_| cancel.set(true)>
                {text::p().verify_cancel}
            </button>
        </div>
        <p class="notice warn" role="status" hidden=move || !running.get()>{progress}</p>
        {said}
    }
}

fn damage_words(damage: Damage) -> &'static str {
    let words = text::p();
    match damage {
        Damage::Header => words.damage_header,
        Damage::Truncated => words.damage_truncated,
        Damage::Inflate => words.damage_inflate,
        Damage::Checksum => words.damage_checksum,
        Damage::Size => words.damage_size,
        Damage::NotSqlite => words.damage_not_sqlite,
        Damage::SqliteLength => words.damage_sqlite_length,
    }
}
