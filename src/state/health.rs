//! Whether the server is busy with a backup or restore — started here, in another tab, or by
//! its cron — read from `GET /api/health` every few seconds while the backups page is visible.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::backups::BackupsState;
use super::browser::{page_hidden, sleep};

const POLL_MS: i32 = 2_000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ServerStatus {
    /// Not asked yet.
    #[default]
    Unknown,
    Idle,
    /// A backup or restore runs: `canBackup` is false.
    Busy,
    Unreachable,
}

impl BackupsState {
    pub fn server_status(&self) -> Signal<ServerStatus> {
        self.server.into()
    }

    /// Polls health until the calling component is disposed or the admin signs out; skips
    /// polls while the tab is hidden. When the server stops being busy, the list is reloaded.
    pub fn watch_server(self) {
        // Owned by the caller: gone once it unmounts, which ends the loop.
        let alive = StoredValue::new(());
        spawn_local(async move {
            while alive.try_get_value().is_some() {
                // A restore being followed polls on its own, and needs silence to read the log.
                if !page_hidden() && !self.is_restoring() {
                    self.check_server().await;
                }
                sleep(POLL_MS).await;
            }
        });
    }

    /// One health check; returns the new status.
    pub(super) async fn check_server(self) -> ServerStatus {
        let Ok(client) = self.client() else {
            return ServerStatus::Unknown;
        };
        let status = match client.health().await {
            Ok(health) => match health.data.can_backup {
                Some(false) => ServerStatus::Busy,
                Some(true) => ServerStatus::Idle,
                // Only superusers are told; the page shows why elsewhere.
                None => ServerStatus::Unknown,
            },
            Err(_) => ServerStatus::Unreachable,
        };
        let before = self.server.try_get_untracked().unwrap_or_default();
        if before != status {
            self.server.try_set(status);
        }
        // A restore's end is handled by its own watcher, which knows what a 401 then means.
        if before == ServerStatus::Busy && status == ServerStatus::Idle && !self.is_restoring() {
            self.refresh();
        }
        status
    }
}
