use leptos::prelude::*;

use crate::components::{open_for, ConfirmDialog};
use crate::format::human_size;
use crate::state::{BackupFiles, Compared, Inspection, NotCompared, Tasks};
use crate::text;

/// How many names each list shows; the rest are counted.
const NAMES_SHOWN: usize = 20;

crate::split::split_piece! {
    /// The compare dialog, fetched when first asked for.
    pub mod compare_dialog in compare = fn(target: RwSignal<Option<(String, String)>>) -> AnyView {
        CompareBackups(CompareBackupsProps { target }).into_any()
    }
}

/// What changed between the two backups in `target`, from their zip directories alone: files
/// added, removed and changed, with totals. Nothing is downloaded.
#[component]
pub fn CompareBackups(target: RwSignal<Option<(String, String)>>) -> impl IntoView {
    let files = expect_context::<BackupFiles>();
    let tasks = Tasks::here();
    let open = RwSignal::new(false);
    let compared = RwSignal::new(None::<Result<Compared, NotCompared>>);
    open_for(target, open, move || {
        compared.set(None);
        if let Some((a, b)) = target.get_untracked() {
            tasks.spawn(async move {
                let found = files.compare(a.clone(), b.clone()).await;
                if target.get_untracked() == Some((a, b)) {
                    compared.set(Some(found));
                }
            });
        }
    });
    // Options rather than a view per case: each boxed view type is code of its own.
    let shown = move || {
        let (reading, refused, done) = match compared.get() {
            None => (true, None, None),
            Some(Err(NotCompared { key, why })) => {
                let why = match why {
                    Inspection::NotZip => text::p().inspect_not_zip,
                    Inspection::TooLarge => text::p().inspect_too_large,
                    _ => text::p().inspect_unreadable,
                };
                (false, Some(format!("{key}: {why}")), None)
            }
            Some(Ok(compared)) => (false, None, Some(changes(compared))),
        };
        view! {
            {reading.then(|| view! { <p class="contents-reading" role="status">{text::p().inspect_reading}</p> })}
            {refused.map(|said| view! { <p class="notice error" role="alert">{said}</p> })}
            {done}
        }
    };
    view! {
        <ConfirmDialog
            id="compare-dialog"
            open
            title={text::p().compare_title}
            confirm_label={text::p().close}
            only_close=true
            on_confirm=Callback::new(move |()| open.set(false))
        >
            {shown}
        </ConfirmDialog>
    }
}

fn changes(compared: Compared) -> impl IntoView {
    let Compared {
        older,
        newer,
        comparison,
    } = compared;
    let words = text::t();
    let total = |files: &[(String, u64)]| human_size(files.iter().map(|(_, size)| size).sum());
    let totals = words.compare_totals(
        comparison.added.len(),
        comparison.removed.len(),
        comparison.changed.len(),
        comparison.unchanged,
    );
    // One list type for the three lists: (heading, lines).
    let mut lists: Vec<(String, Vec<String>)> = Vec::new();
    if !comparison.changed.is_empty() {
        let lines = comparison.changed.iter().map(|c| {
            format!(
                "{}: {} → {}",
                c.name,
                human_size(c.before),
                human_size(c.after)
            )
        });
        lists.push((
            words.compare_changed(comparison.changed.len()),
            lines.collect(),
        ));
    }
    for (files, heading) in [
        (
            &comparison.added,
            words.compare_added(comparison.added.len(), &total(&comparison.added)),
        ),
        (
            &comparison.removed,
            words.compare_removed(comparison.removed.len(), &total(&comparison.removed)),
        ),
    ] {
        if !files.is_empty() {
            let lines = files
                .iter()
                .map(|(name, size)| format!("{name} ({})", human_size(*size)));
            lists.push((heading, lines.collect()));
        }
    }
    let lists = lists
        .into_iter()
        .map(|(heading, mut lines)| {
            let more = lines.len().saturating_sub(NAMES_SHOWN);
            lines.truncate(NAMES_SHOWN);
            if more > 0 {
                lines.push(words.and_more(more));
            }
            let items = lines
                .into_iter()
                .map(|line| view! { <li>{line}</li> })
                .collect_view();
            view! {
                <h3 class="compare-heading">{heading}</h3>
                <ul class="compare-list">{items}</ul>
            }
        })
        .collect_view();
    view! {
        <p class="subject">{words.compare_between(&older, &newer)}</p>
        <p class="notice" role="status">{totals}</p>
        {lists}
    }
}
