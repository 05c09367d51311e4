use std::collections::BTreeSet;
use std::ops::Range;

use leptos::either::EitherOf3;
use leptos::html::Tbody;
use leptos::prelude::*;

use super::row_window::{row_window, RowWindow};

use crate::api::BackupInfo;
use crate::format::{human_size, local_datetime};
use crate::state::{ListView, SortKey};
use crate::text;

/// What a row's button asks for, with the row's key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowAction {
    Inspect(String),
    Download(String),
    Restore(String),
    Delete(String),
}

/// One row of the table. Work in flight, the gaps standing for rows off screen, and backups
/// share one keyed `<For>`: each `<For>` is several KB of wasm.
#[derive(Clone)]
enum Row {
    /// The description of work in flight, with its position among them.
    Pending(usize, String),
    /// Room for the rows above (`true`) or below the window.
    Gap(bool),
    Backup(BackupInfo),
}

impl Row {
    /// One string per row: a key type of its own would cost its own hashing and comparing code.
    /// The backup's date and size are part of it, so a changed file is drawn again.
    fn key(&self) -> String {
        match self {
            Row::Pending(at, description) => format!("\u{1}{at}\u{1}{description}"),
            Row::Gap(above) => format!("\u{2}{above}"),
            Row::Backup(b) => format!("{}\u{0}{}\u{0}{}", b.key, b.modified, b.size),
        }
    }
}

/// Work in flight on top, then the window of backups between its gaps.
fn table_rows(pending: Vec<String>, backups: Vec<BackupInfo>) -> Vec<Row> {
    let pending = pending.into_iter().enumerate();
    let pending = pending.map(|(at, description)| Row::Pending(at, description));
    let backups = backups.into_iter().map(Row::Backup);
    pending
        .chain([Row::Gap(true)])
        .chain(backups)
        .chain([Row::Gap(false)])
        .collect()
}

/// The backups as a table, with work in flight as rows on top. Only the rows on screen are in
/// the page (see `row_window`). Keys are rendered as text nodes: a key like `<img …>.zip` is
/// data, never markup.
#[component]
pub fn BackupTable(
    /// How many backups the list holds (after the search).
    #[prop(into)]
    total: Signal<usize>,
    /// The backups at these positions of the list: only rows on screen are asked for.
    rows_in: Callback<Range<usize>, Vec<BackupInfo>>,
    /// Descriptions of server work that will add rows, e.g. "Creating backup…".
    #[prop(into)]
    pending: Signal<Vec<String>>,
    /// Keys whose actions are unavailable now (a request for them is in flight).
    #[prop(into)]
    busy_keys: Signal<Vec<String>>,
    /// Every action is unavailable (e.g. while the server restarts).
    #[prop(into)]
    locked: Signal<bool>,
    /// The server runs a backup or restore: restoring must wait.
    #[prop(into, optional)]
    server_busy: Signal<bool>,
    /// Keys ticked for a bulk action.
    selected: RwSignal<BTreeSet<String>>,
    /// The time now (ms since 1970), ticking: ages like "3 hours ago" are measured from it.
    #[prop(into)]
    now_ms: Signal<f64>,
    /// Every backup of the list is ticked.
    #[prop(into)]
    all_selected: Signal<bool>,
    /// The header's checkbox: tick (`true`) or untick every backup of the list.
    on_select_all: Callback<bool>,
    on_action: Callback<RowAction>,
    /// The current order, shown with `aria-sort` on its column.
    #[prop(into, optional)]
    view: Signal<ListView>,
    /// A column header was clicked.
    #[prop(optional)]
    on_sort: Option<Callback<SortKey>>,
) -> impl IntoView {
    let header = move |column: SortKey, label: &'static str, class: &'static str| {
        let order = move || {
            view.with(|v| {
                (v.sort == column).then_some(if v.descending {
                    "descending"
                } else {
                    "ascending"
                })
            })
        };
        let title = text::t().sort_by_label(label);
        view! {
            <th scope="col" class=class aria-sort=order>
                <button
                    type="button"
                    class="sort"
                    title=title
                    on:click=move |_| {
                        if let Some(on_sort) = on_sort {
                            on_sort.run(column);
                        }
                    }
                >
                    {label}
                </button>
            </th>
        }
    };
    let body = NodeRef::<Tbody>::new();
    let RowWindow { range, row_height } = row_window(body, total);
    // A new order shows its start: the header stays on screen (sticky), so a sort may be asked
    // for from far down the list. Not per search keystroke: the box is above the table.
    Effect::new(move |before: Option<(SortKey, bool)>| {
        let order = view.with(|v| (v.sort, v.descending));
        let table = body.get_untracked().and_then(|b| b.parent_element());
        if let (true, Some(table)) = (before.is_some_and(|b| b != order), table) {
            if table.get_bounding_client_rect().top() < 0.0 {
                table.scroll_into_view();
            }
        }
        order
    });
    let gap_height = move |above: bool| {
        let rows = range.with(|r| if above { r.start } else { total.get() - r.end });
        // Whole pixels: formatting a float would add kilobytes of wasm.
        format!("{}px", (rows as f64 * row_height.get()).round() as u64)
    };
    let each = move || {
        let range = range.get();
        table_rows(pending.get(), rows_in.run(range))
    };
    view! {
        <table class="backups" aria-rowcount=move || total.get() + pending.with(Vec::len) + 1>
            <thead>
                <tr aria-rowindex="1">
                    <th scope="col" class="pick">
                        <input
                            type="checkbox"
                            aria-label={text::p().select_all}
                            prop:checked=all_selected
                            disabled=move || total.get() == 0
                            on:change=move |_| on_select_all.run(!all_selected.get_untracked())
                        />
                    </th>
                    {header(SortKey::Name, text::p().column_name, "")}
                    {header(SortKey::Size, text::p().column_size, "num")}
                    {header(SortKey::Date, text::p().column_modified, "date")}
                    <th scope="col" class="actions">{text::p().column_actions}</th>
                </tr>
            </thead>
            <tbody node_ref=body>
                // Keyed by the backup alone, so a row added above (a backup being made) moves
                // the others without rebuilding them, and focus stays where it was.
                <ForEnumerate
                    each
                    key=Row::key
                    children=move |index, row| match row {
                        Row::Pending(at, description) => EitherOf3::A(view! {
                            <tr class="pending" aria-rowindex=at + 2>
                                <td colspan="5">
                                    <span class="spinner" aria-hidden="true"></span>
                                    {description}
                                </td>
                            </tr>
                        }),
                        Row::Gap(above) => EitherOf3::B(view! {
                            <tr class="gap" aria-hidden="true">
                                <td colspan="5" style:height=move || gap_height(above)></td>
                            </tr>
                        }),
                        Row::Backup(backup) => {
                            // Header, pending rows and the gap above come first.
                            let number = Signal::derive(move || {
                                index.get() + 1 + range.with(|r| r.start)
                            });
                            EitherOf3::C(view! {
                                <BackupRow number backup busy_keys locked server_busy selected now_ms on_action />
                            })
                        }
                    }
                />
            </tbody>
        </table>
    }
}

#[component]
fn BackupRow(
    /// For `aria-rowindex`.
    number: Signal<usize>,
    backup: BackupInfo,
    busy_keys: Signal<Vec<String>>,
    locked: Signal<bool>,
    server_busy: Signal<bool>,
    selected: RwSignal<BTreeSet<String>>,
    now_ms: Signal<f64>,
    on_action: Callback<RowAction>,
) -> impl IntoView {
    // Local time and age; a value that does not parse is shown as the server sent it.
    let modified_ms = backup.modified_ms();
    let modified = match modified_ms {
        Some(ms) => local_datetime(ms, text::chosen().tag()),
        None if backup.modified.is_empty() => text::p().unknown_date.to_owned(),
        None => backup.modified.clone(),
    };
    // Kept true while the page stays open: rows can stay in the page for hours.
    let age =
        modified_ms.map(|ms| move || text::t().relative_age((now_ms.get() as i64 - ms) / 1000));
    let automatic = backup.key.starts_with("@auto_");
    let key = backup.key;
    let disabled = {
        let key = key.clone();
        move || locked.get() || busy_keys.with(|busy| busy.contains(&key))
    };
    let button = |label: &'static str, name: String, action: RowAction, class: &'static str| {
        let disabled = disabled.clone();
        let needs_lock = matches!(action, RowAction::Restore(_));
        let disabled = move || disabled() || (needs_lock && server_busy.get());
        view! {
            <button
                type="button"
                class=class
                aria-label=name
                disabled=disabled
                on:click=move |_| on_action.run(action.clone())
            >
                {label}
            </button>
        }
    };
    let is_selected = {
        let key = key.clone();
        move || selected.with(|s| s.contains(&key))
    };
    let toggle = {
        let key = key.clone();
        move |_| {
            selected.update(|s| {
                if !s.remove(&key) {
                    s.insert(key.clone());
                }
            })
        }
    };
    view! {
        <tr class="row" aria-rowindex=number>
            <td class="pick">
                <input
                    type="checkbox"
                    aria-label=text::t().select_label(&key)
                    prop:checked=is_selected
                    on:change=toggle
                />
            </td>
            <th scope="row" class="key">
                // At most two lines, to keep rows one height; the title holds a longer key whole.
                <div class="clamp" title=key.clone()>
                    {automatic
                        .then(|| {
                            view! {
                                <span class="badge" title={text::p().auto_badge_title}>
                                    {text::p().auto_badge}
                                </span>
                            }
                        })}
                    <span class="key-text">{key.clone()}</span>
                </div>
            </th>
            <td class="num" title=backup.size.to_string()>{human_size(backup.size)}</td>
            <td>
                // Not a tab stop: one per action is enough. The exact UTC value is its title.
                <time datetime=backup.modified.replacen(' ', "T", 1) title=text::utc_title(&backup.modified)>
                    {modified}
                </time>
                {age.map(|age| view! { <span class="age">{age}</span> })}
            </td>
            <td class="actions">
                {button(text::p().inspect, text::t().inspect_label(&key), RowAction::Inspect(key.clone()), "")}
                {button(text::p().download, text::t().download_label(&key), RowAction::Download(key.clone()), "")}
                {button(text::p().restore, text::t().restore_label(&key), RowAction::Restore(key.clone()), "")}
                {button(text::p().delete, text::t().delete_label(&key), RowAction::Delete(key.clone()), "danger-text")}
            </td>
        </tr>
    }
}
