//! The backups list: rows sorted newest first, whether the latest load worked, and the work in
//! flight that will change it (its actions are in `actions.rs`).

use std::collections::BTreeSet;
use std::ops::Range;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser::{current_path, current_query, replace_address};
use super::health::ServerStatus;
use super::list_view::{
    list_path, matching, search_keys, search_needle, sort_order, totals, ListView,
};
use super::restore::RestorePhase;
use super::upload::UploadProgress;
use super::{SessionState, Toasts};
use crate::api::{ApiError, BackupInfo, PocketBase, UploadCanceller};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListStatus {
    Loading,
    Ready,
    Failed(ApiError),
}

/// Server work that will add a row when it ends, shown in the table meanwhile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// `None`: the server chooses the name.
    Create(Option<String>),
}

#[derive(Clone, Copy)]
pub struct BackupsState {
    pub(super) session: SessionState,
    pub(super) toasts: Toasts,
    pub(super) rows: RwSignal<Vec<BackupInfo>>,
    status: RwSignal<ListStatus>,
    /// Numbers each load; only the newest may write, so a slow old answer cannot win.
    latest_load: StoredValue<u64>,
    pub(super) pending: RwSignal<Vec<Pending>>,
    /// Keys with a delete or restore request in flight.
    pub(super) busy_keys: RwSignal<Vec<String>>,
    pub(super) restore: RwSignal<Option<RestorePhase>>,
    pub(super) upload: RwSignal<Option<UploadProgress>>,
    pub(super) server: RwSignal<ServerStatus>,
    /// Search and sort, mirrored in the page's URL.
    view: RwSignal<ListView>,
    /// Positions in `rows` of what the search lets through, in the chosen order. Built from
    /// memos that sort only when the rows or the sort change, so a keystroke only filters.
    shown: Memo<Vec<u32>>,
    pub(super) upload_canceller: StoredValue<Option<UploadCanceller>, LocalStorage>,
}

impl BackupsState {
    pub fn new(session: SessionState, toasts: Toasts) -> Self {
        let rows = RwSignal::new(Vec::new());
        let view = RwSignal::new(ListView::from_query_string(&current_query()));
        Self {
            session,
            toasts,
            rows,
            status: RwSignal::new(ListStatus::Loading),
            latest_load: StoredValue::new(0),
            pending: RwSignal::new(Vec::new()),
            busy_keys: RwSignal::new(Vec::new()),
            restore: RwSignal::new(None),
            upload: RwSignal::new(None),
            server: RwSignal::new(ServerStatus::Unknown),
            view,
            shown: shown_positions(rows, view),
            upload_canceller: StoredValue::new_local(None),
        }
    }

    pub fn view(&self) -> Signal<ListView> {
        self.view.into()
    }

    /// Shows the list this way, and puts it in the URL so a reload or a link shows it too.
    pub fn set_view(&self, view: ListView) {
        self.view.set(view);
        self.show_address();
    }

    /// Puts the list's own path and its view in the address bar (`/backups?q=auto`).
    pub fn show_address(&self) {
        let query = self.view.with_untracked(ListView::to_query_string);
        replace_address(&format!("{}{query}", list_path(&current_path())));
    }

    /// Positions in `rows()` of the rows the search lets through, in the chosen order.
    pub fn shown(&self) -> Memo<Vec<u32>> {
        self.shown
    }

    /// The rows at these positions of `shown()` (clamped to it).
    pub fn shown_between(&self, range: Range<usize>) -> Vec<BackupInfo> {
        self.rows.with(|rows| {
            self.shown.with(|shown| {
                let end = range.end.min(shown.len());
                let part = &shown[range.start.min(end)..end];
                part.iter().map(|&at| rows[at as usize].clone()).collect()
            })
        })
    }

    /// The keys of every row shown.
    pub fn shown_keys(&self) -> BTreeSet<String> {
        self.rows.with(|rows| {
            self.shown.with(|shown| {
                shown
                    .iter()
                    .map(|&at| rows[at as usize].key.clone())
                    .collect()
            })
        })
    }

    /// Whether `keys` holds every row shown, and there is one.
    pub fn all_shown_among(&self, keys: &BTreeSet<String>) -> bool {
        self.rows.with(|rows| {
            self.shown.with(|shown| {
                !shown.is_empty()
                    && keys.len() >= shown.len()
                    && shown
                        .iter()
                        .all(|&at| keys.contains(&rows[at as usize].key))
            })
        })
    }

    /// Count and total size of the rows shown, and of all rows.
    pub fn totals(&self) -> ((usize, u64), (usize, u64)) {
        self.rows.with(|rows| {
            let shown = self.shown.with(|shown| totals(rows, Some(shown)));
            (shown, totals(rows, None))
        })
    }

    /// The last list the server sent, in the server's order. Kept while a refresh runs or fails.
    pub fn rows(&self) -> Signal<Vec<BackupInfo>> {
        self.rows.into()
    }

    pub fn status(&self) -> Signal<ListStatus> {
        self.status.into()
    }

    pub fn pending(&self) -> Signal<Vec<Pending>> {
        self.pending.into()
    }

    /// A create is running: the server makes one backup at a time.
    pub fn is_creating(&self) -> bool {
        self.pending
            .with(|p| p.iter().any(|p| matches!(p, Pending::Create(_))))
    }

    pub fn busy_keys(&self) -> Signal<Vec<String>> {
        self.busy_keys.into()
    }

    /// Forgets everything of an earlier session (another account or server may follow).
    pub fn reset(&self) {
        self.cancel_upload();
        self.rows.set(Vec::new());
        self.status.set(ListStatus::Loading);
        self.pending.set(Vec::new());
        self.busy_keys.set(Vec::new());
        self.restore.set(None);
        self.server.set(ServerStatus::Unknown);
        self.upload.set(None);
        self.toasts.clear();
    }

    /// Loads the list from the server again.
    pub fn refresh(&self) {
        let Ok(client) = self.client() else {
            return;
        };
        let this = *self;
        let load = self.latest_load.get_value() + 1;
        self.latest_load.set_value(load);
        self.status.set(ListStatus::Loading);
        spawn_local(async move {
            let result = this.session.screen(&client, client.list(None).await);
            if this.latest_load.try_get_value() != Some(load) {
                return;
            }
            match result {
                Ok(rows) => {
                    this.rows.set(rows);
                    this.status.set(ListStatus::Ready);
                }
                Err(error) => this.status.set(ListStatus::Failed(error)),
            }
        });
    }

    /// The signed-in client; signed out counts as unauthorized.
    pub(super) fn client(&self) -> Result<PocketBase, ApiError> {
        self.session.client().ok_or(ApiError::Server {
            status: 401,
            message: String::new(),
            fields: Vec::new(),
        })
    }

    pub(super) fn has_key(&self, key: &str) -> bool {
        self.rows
            .with_untracked(|rows| rows.iter().any(|r| r.key == key))
    }
}

/// The `shown` memo, in steps that each run only when their own input changes.
fn shown_positions(rows: RwSignal<Vec<BackupInfo>>, view: RwSignal<ListView>) -> Memo<Vec<u32>> {
    let sort = Memo::new(move |_| view.with(|v| (v.sort, v.descending)));
    let order = Memo::new(move |_| {
        let (key, descending) = sort.get();
        rows.with(|rows| sort_order(rows, key, descending))
    });
    let keys = Memo::new(move |_| rows.with(|rows| search_keys(rows)));
    let needle = Memo::new(move |_| view.with(|v| search_needle(&v.query)));
    Memo::new(move |_| {
        order.with(|order| keys.with(|keys| needle.with(|needle| matching(order, keys, needle))))
    })
}
