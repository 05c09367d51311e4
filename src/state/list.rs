//! The backups list: rows as the server sent them, and whether the latest load worked. The
//! work that changes it lives apart (`jobs.rs`, `restore.rs`, `upload.rs`) and reloads it.

use leptos::prelude::*;

use super::latest::Latest;
use super::storage;
use super::task::Tasks;
use super::SessionState;
use crate::api::{ApiError, BackupInfo, PocketBase};

/// Where a change to the list is announced to the panel's other tabs.
const CHANGED_KEY: &str = "changed";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListStatus {
    Loading,
    Ready,
    Failed(ApiError),
}

/// The backups the server listed last, and how that load went.
#[derive(Clone, Copy)]
pub struct BackupList {
    pub(super) session: SessionState,
    pub(super) rows: RwSignal<Vec<BackupInfo>>,
    status: RwSignal<ListStatus>,
    /// Only the newest load may write, so a slow old answer cannot win.
    loads: Latest,
    /// The signed-in server's tasks: a load outlives the page that asked for it.
    pub(super) tasks: Tasks,
}

impl BackupList {
    pub(super) fn new(session: SessionState, tasks: Tasks) -> Self {
        Self {
            session,
            rows: RwSignal::new(Vec::new()),
            status: RwSignal::new(ListStatus::Loading),
            loads: Latest::new(),
            tasks,
        }
    }

    /// The last list the server sent, in the server's order. Kept while a refresh runs or fails.
    pub fn rows(&self) -> Signal<Vec<BackupInfo>> {
        self.rows.into()
    }

    pub fn status(&self) -> Signal<ListStatus> {
        self.status.into()
    }

    /// Loads the list from the server again.
    pub fn refresh(&self) {
        let Ok(client) = self.client() else {
            return;
        };
        let this = *self;
        let load = self.loads.start();
        self.status.set(ListStatus::Loading);
        self.tasks.spawn(async move {
            // The first load of a stored session may find its answer already asked for.
            let answer = match client.early_list().await {
                Some(answer) => answer,
                None => client.list(None).await,
            };
            let result = this.session.screen(&client, answer);
            if !this.loads.is_newest(load) {
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

    /// Tells the panel's other tabs that the list changed, so they load it again (a `storage`
    /// event reaches every other tab of this origin).
    pub(super) fn announce_change(&self) {
        storage::write(CHANGED_KEY, &js_sys::Date::now().to_string());
    }

    /// Loads the list again whenever another tab of the panel changed it, for as long as the
    /// signed-in server's state lives.
    pub(super) fn follow_other_tabs(self) {
        let key = storage::full_key(CHANGED_KEY);
        let listener = window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() == Some(key.as_str()) {
                self.refresh();
            }
        });
        on_cleanup(move || listener.remove());
    }

    /// The signed-in client; signed out counts as unauthorized.
    pub(super) fn client(&self) -> Result<PocketBase, ApiError> {
        self.session.signed_in_client()
    }

    pub(super) fn is_listed_untracked(&self, key: &str) -> bool {
        self.rows
            .with_untracked(|rows| rows.iter().any(|r| r.key == key))
    }

    /// Whether the list holds `key`, tracked: a refreshed list can make a name free or taken
    /// while it is typed.
    pub(super) fn is_listed(&self, key: &str) -> bool {
        self.rows.with(|rows| rows.iter().any(|r| r.key == key))
    }

    /// The listed size of `key`; 0 when it is not listed.
    pub(super) fn size_of(&self, key: &str) -> u64 {
        self.rows
            .with_untracked(|rows| rows.iter().find(|r| r.key == key).map(|r| r.size))
            .unwrap_or_default()
    }

    /// The listed modified time of `key`, in epoch milliseconds.
    pub(super) fn modified_ms(&self, key: &str) -> Option<i64> {
        self.rows.with_untracked(|rows| {
            rows.iter()
                .find(|r| r.key == key)
                .and_then(|r| r.modified_ms())
        })
    }

    /// The listed modified time of `key` as the server wrote it (`2026-11-30 06:00:00.000Z`).
    pub(super) fn modified_of(&self, key: &str) -> Option<String> {
        self.rows.with_untracked(|rows| {
            rows.iter()
                .find(|r| r.key == key)
                .map(|r| r.modified.clone())
                .filter(|modified| !modified.is_empty())
        })
    }
}
