//! The backups screen: the list, and every action on it behind its own dialog.

mod auto_health;
mod compare;
mod create;
mod delete;
mod find;
mod inspect;
mod restore;
mod retention;
mod upload;
mod verify;

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::{
    lazy_when, prefetch, start_download, BackupTable, ErrorNotice, Notices, RowAction,
};
use crate::pages::{PageLink, TopBar};
use crate::split::Preload;
use crate::state::{
    BackupFiles, BackupList, Jobs, ListStatus, Notice, Page, Pending, Restores, ServerStatus,
    ServerWatch, SettingsState, ShownBackups, Tasks, Toasts, Uploads,
};
use crate::text;

use auto_health::auto_health_view;
use compare::compare_dialog;
use delete::delete_dialog;
use inspect::inspect_dialog;
use restore::restore_dialog;
use retention::retention_dialog;

/// What the first screen does not show, fetched in this order while the browser is idle once
/// the rows are drawn: the likeliest first clicks first.
const PREFETCHED: &[Preload] = &[
    create::create_dialog::PRELOAD,
    upload::upload_dialog::PRELOAD,
    crate::state::RESTORE_FOLLOWER,
    delete_dialog::PRELOAD,
    restore_dialog::PRELOAD,
    inspect_dialog::PRELOAD,
    crate::pages::settings_page::PRELOAD,
    compare_dialog::PRELOAD,
    retention_dialog::PRELOAD,
    crate::pages::servers_page::PRELOAD,
    auto_health_view::PRELOAD,
    crate::text::zh_words::PRELOAD,
];

#[component]
pub fn BackupsPage() -> impl IntoView {
    let list = expect_context::<BackupList>();
    let jobs = expect_context::<Jobs>();
    let watch = expect_context::<ServerWatch>();
    let restores = expect_context::<Restores>();
    let uploads = expect_context::<Uploads>();
    let files = expect_context::<BackupFiles>();
    let toasts = expect_context::<Toasts>();
    let shown = expect_context::<ShownBackups>();
    let saved_settings = expect_context::<SettingsState>().saved();
    let tasks = Tasks::here();
    // Only shows the signed-in server's state: loading, polling and the work under way belong
    // to it, and go on while another page shows.
    shown.show_address();

    let status = list.status();
    let rows = list.rows();
    let pending = Signal::derive(move || {
        jobs.pending().with(|jobs| {
            jobs.iter()
                .map(|job| match job {
                    Pending::Create(Some(name)) => text::t().creating(name),
                    Pending::Create(None) => text::p().creating_unnamed.to_owned(),
                    Pending::AutoRun => text::p().running_auto.to_owned(),
                })
                .collect::<Vec<_>>()
        })
    });
    let restarting = restores.running();
    let server = watch.server_status();
    // Creating needs the server's backup lock; restoring also a server that answers (out of
    // reach, it may be restarting with another tab's restore).
    let server_busy =
        Signal::derive(move || restarting.get() || server.get() == ServerStatus::Busy);
    let restore_locked =
        Signal::derive(move || server_busy.get() || server.get() == ServerStatus::Unreachable);
    let loading = move || status.with(|s| *s == ListStatus::Loading);
    let failure = Signal::derive(move || match status.get() {
        ListStatus::Failed(error) => Some(error),
        _ => None,
    });
    // Storage that cannot be reached is explained apart, with the way to its settings.
    let storage_trouble = Signal::derive(move || {
        failure.with(|f| f.as_ref().and_then(ApiError::backup_storage_trouble))
    });
    let other_failure = Signal::derive(move || {
        failure
            .get()
            .filter(|error| error.backup_storage_trouble().is_none())
    });
    let positions = shown.positions();
    let total = Signal::derive(move || positions.with(Vec::len));
    let has_rows = move || !rows.with(Vec::is_empty) || !pending.with(Vec::is_empty);
    let no_matches = move || !rows.with(Vec::is_empty) && total.get() == 0;
    let empty = move || status.with(|s| *s == ListStatus::Ready) && !has_rows();
    // Once the list is drawn, the rest of the panel is fetched while the browser is idle.
    Effect::new(move |started: Option<bool>| {
        let drawn = started == Some(true) || status.with(|s| *s == ListStatus::Ready);
        if drawn && started != Some(true) {
            prefetch(tasks, PREFETCHED);
        }
        drawn
    });

    // The clock the rows' ages ("3 hours ago") are measured from.
    let now_ms = RwSignal::new(js_sys::Date::now());
    tasks.spawn(async move {
        loop {
            crate::state::sleep(30_000).await;
            now_ms.set(js_sys::Date::now());
        }
    });

    let delete_target = RwSignal::new(None::<Vec<String>>);
    let selected = RwSignal::new(BTreeSet::<String>::new());
    // A selection only holds keys that are still listed.
    Effect::new(move || {
        rows.with(|rows| {
            let listed: BTreeSet<&str> = rows.iter().map(|r| r.key.as_str()).collect();
            let gone = |s: &BTreeSet<String>| s.iter().any(|key| !listed.contains(key.as_str()));
            if selected.with_untracked(gone) {
                selected.update(|s| s.retain(|key| listed.contains(key.as_str())));
            }
        })
    });
    let restore_target = RwSignal::new(None::<String>);
    let inspect_target = RwSignal::new(None::<String>);
    let compare_target = RwSignal::new(None::<(String, String)>);
    let planning = RwSignal::new(false);
    let on_action = Callback::new(move |action: RowAction| match action {
        RowAction::Download(key) => tasks.spawn(async move {
            match files.download_link(&key).await {
                Ok(url) => start_download(&url),
                Err(error) => toasts.tell(Notice::Failed(error)),
            }
        }),
        RowAction::Delete(key) => delete_target.set(Some(vec![key])),
        RowAction::Restore(key) => restore_target.set(Some(key)),
        RowAction::Inspect(key) => inspect_target.set(Some(key)),
    });

    // Work starting and ending, for screen readers: one region always in the page, so each
    // change is announced (a region added with its text often is not).
    let progress = uploads.progress();
    let announcement = move || {
        let mut said = pending.get();
        if server.get() == ServerStatus::Busy {
            said.push(text::p().server_busy.to_owned());
        }
        progress.with(|upload| {
            if let Some(upload) = upload {
                said.push(match upload.finishing() {
                    true => text::p().finishing.to_owned(),
                    false => text::t().uploading(&upload.name),
                });
            }
        });
        said.join(" ")
    };

    view! {
        <p class="visually-hidden" role="status">{announcement}</p>
        <TopBar />
        <main class="backups-page">
            <div class="page-head">
                // Focusable from script: where focus goes when the last row is deleted.
                <h1 tabindex="-1">{text::p().backups}</h1>
                <button type="button" on:click=move |_| list.refresh() disabled=loading>
                    {text::p().refresh}
                </button>
                <create::CreateBackup locked=server_busy />
                <button type="button" on:click=move |_| planning.set(true) disabled=loading>
                    {text::p().plan_retention}
                </button>
            </div>
            <upload::UploadBackup locked=restarting />
            <restore::RestoreNotice />
            <ServerNotice
                status=server
                restarting
                said_already=Signal::derive(move || {
                    failure.with(|f| matches!(f, Some(ApiError::Network(_))))
                })
            />
            <ErrorNotice error=other_failure />
            {move || {
                storage_trouble
                    .get()
                    .map(|reason| {
                        view! {
                            <div class="notice error" role="alert">
                                <p>{text::p().storage_unreachable}</p>
                                <p>{text::t().storage_reason(&reason)}</p>
                                <PageLink to=Page::Settings label={text::p().check_storage_settings} />
                            </div>
                        }
                    })
            }}
            {lazy_when(
                move || saved_settings.with(|s| s.as_ref().is_some_and(|s| !s.backups.cron.is_empty())),
                auto_health_view::PRELOAD,
                move || auto_health_view::draw(now_ms),
                Notices::InPlace,
            )}
            // `hidden` rather than `<Show>` where the content may as well stay mounted: each
            // `<Show>` costs kilobytes of wasm.
            <div class="selection-bar" hidden=move || selected.with(BTreeSet::is_empty)>
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| {
                        delete_target.set(Some(selected.get().into_iter().collect()))
                    }
                >
                    {move || text::t().delete_selected(selected.with(BTreeSet::len))}
                </button>
                <button
                    type="button"
                    hidden=move || selected.with(|s| s.len() != 2)
                    on:click=move |_| {
                        let mut two = selected.get().into_iter();
                        if let (Some(a), Some(b)) = (two.next(), two.next()) {
                            compare_target.set(Some((a, b)));
                        }
                    }
                >
                    {text::p().compare_selected}
                </button>
            </div>
            {move || {
                let (class, message) = if loading() {
                    ("notice", text::p().loading_backups)
                } else if empty() {
                    ("empty", text::p().no_backups)
                } else {
                    return None;
                };
                Some(view! { <p class=class role="status">{message}</p> })
            }}
            <div hidden=move || rows.with(Vec::is_empty)>
                <find::ListTools />
            </div>
            <div hidden=move || !has_rows()>
                <BackupTable
                    total
                    rows_in=Callback::new(move |range| shown.between(range))
                    view=shown.view()
                    on_sort=Callback::new(move |column| {
                        shown.set_view(shown.view().get_untracked().sorted_by(column))
                    })
                    pending
                    busy_keys=jobs.busy_keys()
                    locked=restarting
                    server_busy=Signal::derive(move || {
                        server_busy.get() || jobs.is_creating()
                            || progress.with(Option::is_some)
                    })
                    selected
                    now_ms
                    all_selected=Signal::derive(move || {
                        selected.with(|s| shown.all_among(s))
                    })
                    // Ticks or unticks the rows shown; a selection made under another
                    // search stays.
                    on_select_all=Callback::new(move |all| {
                        let keys = shown.keys();
                        selected.update(|s| {
                            if all {
                                s.extend(keys)
                            } else {
                                s.retain(|key| !keys.contains(key))
                            }
                        })
                    })
                    on_action
                />
            </div>
            {move || no_matches().then(|| view! { <p class="empty">{text::p().no_matches}</p> })}
            // Each dialog is fetched when first asked for (and prefetched once rows show).
            {lazy_when(
                move || delete_target.with(Option::is_some),
                delete_dialog::PRELOAD,
                move || delete_dialog::draw(delete_target),
                Notices::InSight,
            )}
            {lazy_when(
                move || restore_target.with(Option::is_some),
                restore_dialog::PRELOAD,
                move || restore_dialog::draw(restore_target, restore_locked),
                Notices::InSight,
            )}
            {lazy_when(
                move || inspect_target.with(Option::is_some),
                inspect_dialog::PRELOAD,
                move || inspect_dialog::draw(inspect_target),
                Notices::InSight,
            )}
            {lazy_when(
                move || compare_target.with(Option::is_some),
                compare_dialog::PRELOAD,
                move || compare_dialog::draw(compare_target),
                Notices::InSight,
            )}
            {lazy_when(
                move || planning.get(),
                retention_dialog::PRELOAD,
                move || retention_dialog::draw(planning, rows, delete_target),
                Notices::InSight,
            )}
        </main>
    }
}

/// What health polling found, unless a restore this page started explains it already.
#[component]
fn ServerNotice(
    status: Signal<ServerStatus>,
    restarting: Signal<bool>,
    /// The list's own error already says the server cannot be reached.
    said_already: Signal<bool>,
) -> impl IntoView {
    move || match (status.get(), restarting.get()) {
        (_, true) => None,
        (ServerStatus::Unreachable, _) if said_already.get() => None,
        (ServerStatus::Busy, _) => Some(
            view! {
                // Announced by the page's status region, not here: it would be said twice.
                <p class="notice warn">
                    <span class="spinner" aria-hidden="true"></span>
                    {text::p().server_busy}
                </p>
            }
            .into_any(),
        ),
        (ServerStatus::Unreachable, _) => Some(
            view! { <p class="notice error" role="alert">{text::p().server_unreachable}</p> }
                .into_any(),
        ),
        _ => None,
    }
}
