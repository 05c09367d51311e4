use leptos::either::Either;
use leptos::prelude::*;

use crate::api::BackupInfo;
use crate::format::{human_size, local_datetime};
use crate::state::{ListView, SortKey};
use crate::text;

/// What a row's button asks for, with the row's key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowAction {
    Download(String),
    Restore(String),
    Delete(String),
}

/// One row of the table. Work in flight and backups share one keyed `<For>`: each `<For>` is
/// several KB of wasm.
#[derive(Clone)]
enum Row {
    /// The description of work in flight, with its position among them.
    Pending(usize, String),
    Backup(BackupInfo),
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum RowKey {
    Pending(usize, String),
    Backup(String, String, u64),
}

impl Row {
    fn key(&self) -> RowKey {
        match self {
            Row::Pending(at, description) => RowKey::Pending(*at, description.clone()),
            Row::Backup(b) => RowKey::Backup(b.key.clone(), b.modified.clone(), b.size),
        }
    }
}

/// Work in flight on top, then the backups.
fn table_rows(pending: Vec<String>, backups: Vec<BackupInfo>) -> Vec<Row> {
    let pending = pending.into_iter().enumerate();
    let pending = pending.map(|(at, description)| Row::Pending(at, description));
    pending
        .chain(backups.into_iter().map(Row::Backup))
        .collect()
}

/// The backups as a table, with work in flight as rows on top. Keys are rendered as text
/// nodes: a key like `<img …>.zip` is data, never markup.
#[component]
pub fn BackupTable(
    #[prop(into)] rows: Signal<Vec<BackupInfo>>,
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
    selected: RwSignal<Vec<String>>,
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
        let title = text::sort_by_label(label);
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
    let all_selected = move || {
        rows.with(|rows| {
            !rows.is_empty() && selected.with(|s| rows.iter().all(|r| s.contains(&r.key)))
        })
    };
    let toggle_all = move |_| {
        let select = !all_selected();
        selected.set(if select {
            rows.with(|r| r.iter().map(|r| r.key.clone()).collect())
        } else {
            Vec::new()
        });
    };
    view! {
        <table class="backups">
            <thead>
                <tr>
                    <th scope="col" class="pick">
                        <input
                            type="checkbox"
                            aria-label=text::SELECT_ALL
                            prop:checked=all_selected
                            on:change=toggle_all
                        />
                    </th>
                    {header(SortKey::Name, text::COLUMN_NAME, "")}
                    {header(SortKey::Size, text::COLUMN_SIZE, "num")}
                    {header(SortKey::Date, text::COLUMN_MODIFIED, "")}
                    <th scope="col" class="actions">{text::COLUMN_ACTIONS}</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || table_rows(pending.get(), rows.get()) key=Row::key let:row>
                    {match row {
                        Row::Pending(_, description) => Either::Left(view! {
                            <tr class="pending">
                                <td colspan="5" role="status">
                                    <span class="spinner" aria-hidden="true"></span>
                                    {description}
                                </td>
                            </tr>
                        }),
                        Row::Backup(backup) => Either::Right(view! {
                            <BackupRow backup busy_keys locked server_busy selected on_action />
                        }),
                    }}
                </For>
            </tbody>
        </table>
    }
}

#[component]
fn BackupRow(
    backup: BackupInfo,
    busy_keys: Signal<Vec<String>>,
    locked: Signal<bool>,
    server_busy: Signal<bool>,
    selected: RwSignal<Vec<String>>,
    on_action: Callback<RowAction>,
) -> impl IntoView {
    // Local time and age; a value that does not parse is shown as the server sent it.
    let (modified, age) = match backup.modified_ms() {
        Some(ms) => {
            let seconds_ago = (js_sys::Date::now() as i64 - ms) / 1000;
            (local_datetime(ms), Some(text::relative_age(seconds_ago)))
        }
        None if backup.modified.is_empty() => (text::UNKNOWN_DATE.to_owned(), None),
        None => (backup.modified.clone(), None),
    };
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
            selected.update(|s| match s.iter().position(|k| *k == key) {
                Some(at) => drop(s.remove(at)),
                None => s.push(key.clone()),
            })
        }
    };
    view! {
        <tr>
            <td class="pick">
                <input
                    type="checkbox"
                    aria-label=text::select_label(&key)
                    prop:checked=is_selected
                    on:change=toggle
                />
            </td>
            <th scope="row" class="key">
                {automatic
                    .then(|| {
                        view! {
                            <span class="badge" title=text::AUTO_BADGE_TITLE>
                                {text::AUTO_BADGE}
                            </span>
                        }
                    })}
                <span class="key-text">{key.clone()}</span>
            </th>
            <td class="num" title=backup.size.to_string()>{human_size(backup.size)}</td>
            <td>
                // Focusable, so the exact UTC value in its title shows for keyboard users too.
                <time
                    datetime=backup.modified.replacen(' ', "T", 1)
                    title=text::utc_title(&backup.modified)
                    tabindex="0"
                >
                    {modified}
                </time>
                {age.map(|age| view! { <span class="age">{age}</span> })}
            </td>
            <td class="actions">
                {button(text::DOWNLOAD, text::download_label(&key), RowAction::Download(key.clone()), "")}
                {button(text::RESTORE, text::restore_label(&key), RowAction::Restore(key.clone()), "")}
                {button(text::DELETE, text::delete_label(&key), RowAction::Delete(key.clone()), "danger-text")}
            </td>
        </tr>
    }
}
