//! The backups list: rows sorted newest first, whether the latest load worked, and the work in
//! flight that will change it (its actions are in `actions.rs`).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::health::ServerStatus;
use super::restore::RestorePhase;
use super::storage;
use super::upload::UploadProgress;
use super::{SessionState, Toasts};
use crate::api::{ApiError, BackupInfo, PocketBase, UploadCanceller};

/// Where a change to the list is announced to the panel's other tabs.
const CHANGED_KEY: &str = "changed";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListStatus {
    Loading,
    Ready,
    Failed(ApiError),
}

/// Server work that will add a row when it ends, shown in the table meanwhile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// A backup is being made: of this name, once it is chosen.
    Create(Option<String>),
    /// The server's automatic backup job, started from the panel, is running.
    AutoRun,
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
    pub(super) upload_canceller: StoredValue<Option<UploadCanceller>, LocalStorage>,
}

impl BackupsState {
    pub fn new(session: SessionState, toasts: Toasts) -> Self {
        Self {
            session,
            toasts,
            rows: RwSignal::new(Vec::new()),
            status: RwSignal::new(ListStatus::Loading),
            latest_load: StoredValue::new(0),
            pending: RwSignal::new(Vec::new()),
            busy_keys: RwSignal::new(Vec::new()),
            restore: RwSignal::new(None),
            upload: RwSignal::new(None),
            server: RwSignal::new(ServerStatus::Unknown),
            upload_canceller: StoredValue::new_local(None),
        }
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

    /// A create (or the automatic job) is running: the server makes one backup at a time.
    pub fn is_creating(&self) -> bool {
        self.pending.with(|p| !p.is_empty())
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

    /// Tells the panel's other tabs that the list changed, so they load it again (a `storage`
    /// event reaches every other tab of this origin).
    pub(super) fn announce_change(&self) {
        storage::write(CHANGED_KEY, &js_sys::Date::now().to_string());
    }

    /// Loads the list again whenever another tab of the panel changed it.
    pub fn follow_other_tabs(self) {
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

    pub(super) fn has_key(&self, key: &str) -> bool {
        self.rows
            .with_untracked(|rows| rows.iter().any(|r| r.key == key))
    }
}
