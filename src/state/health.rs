//! Whether the server is busy with a backup or restore — started here, in another tab, or by
//! its cron — read from `GET /api/health` while the panel is signed in and its tab is in front: often while a job
//! runs, rarely at idle. Each check is a row in PocketBase's request log, and PocketBase writes
//! its log only after 3 s without a new entry: a page that polled every 2 s would hold back
//! every log entry — the dashboard's Logs page included — for as long as it is open.

use leptos::prelude::*;

use super::browser::{page_hidden, sleep};
use super::latest::Latest;
use super::list::BackupList;
use super::restore::RestorePhase;

/// Between checks while the server is busy or unreachable: a job's end is shown promptly.
pub const BUSY_POLL_MS: f64 = 2_000.0;
/// Between checks at idle; the page also checks at once when it comes back to the front.
pub const IDLE_POLL_MS: f64 = 20_000.0;
/// How often the loop looks whether a check is due (no request).
const TICK_MS: i32 = 500;

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

/// The server's health as last read, asked again and again while the tab is in front.
#[derive(Clone, Copy)]
pub struct ServerWatch {
    list: BackupList,
    server: RwSignal<ServerStatus>,
    /// The restore's phase (owned by `Restores`): one being followed polls on its own, and
    /// needs silence to read the log.
    restore: ReadSignal<Option<RestorePhase>>,
    /// The polling, `check_now` and create's check may overlap: the newest answer wins.
    checks: Latest,
}

impl ServerWatch {
    pub(super) fn new(list: BackupList, restore: ReadSignal<Option<RestorePhase>>) -> Self {
        Self {
            list,
            server: RwSignal::new(ServerStatus::Unknown),
            restore,
            checks: Latest::new(),
        }
    }

    fn is_restoring(&self) -> bool {
        self.restore
            .try_with_untracked(|p| p.as_ref().is_some_and(RestorePhase::is_running))
            .unwrap_or(false)
    }

    pub fn server_status(&self) -> Signal<ServerStatus> {
        self.server.into()
    }

    /// Polls health for as long as the signed-in server's state lives (one loop per sign-in,
    /// whichever page shows); skips polls while the tab is hidden. When the server stops being
    /// busy, the list is reloaded.
    pub(super) fn watch_server(self) {
        // Back in front (tab shown again, window focused): ask at once.
        let wake = StoredValue::new(true);
        let listeners = ["visibilitychange", "focus"]
            .map(|event| window_event_listener_untyped(event, move |_| wake.set_value(true)));
        on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));
        self.list.tasks.spawn(async move {
            let mut next_check = 0.0;
            loop {
                if wake.get_value() {
                    wake.set_value(false);
                    next_check = 0.0;
                }
                // A restore being followed polls on its own, and needs silence to read the log.
                let due = js_sys::Date::now() >= next_check;
                if due && !page_hidden() && !self.is_restoring() {
                    let status = self.check_server().await;
                    next_check = js_sys::Date::now() + poll_interval_ms(status);
                }
                sleep(TICK_MS).await;
            }
        });
    }

    /// Asks the server at once, e.g. before an action that needs it free; the answer also sets
    /// how soon the polling asks again.
    pub fn check_now(self) {
        self.list.tasks.spawn(async move {
            self.check_server().await;
        });
    }

    /// One health check; returns what it found (shown only if no newer check was started).
    pub(super) async fn check_server(self) -> ServerStatus {
        let Ok(client) = self.list.client() else {
            return ServerStatus::Unknown;
        };
        let number = self.checks.start();
        let status = match client.health().await {
            Ok(health) => match health.data.can_backup {
                Some(false) => ServerStatus::Busy,
                Some(true) => ServerStatus::Idle,
                // Only superusers are told; the page shows why elsewhere.
                None => ServerStatus::Unknown,
            },
            Err(_) => ServerStatus::Unreachable,
        };
        if !self.checks.is_newest(number) {
            return status;
        }
        let before = self.server.try_get_untracked().unwrap_or_default();
        if before != status {
            self.server.try_set(status);
        }
        // A restore's end is handled by its own watcher, which knows what a 401 then means.
        if before == ServerStatus::Busy && status == ServerStatus::Idle && !self.is_restoring() {
            self.list.refresh();
        }
        status
    }
}

/// How long until the next health check after one that found `status`.
pub fn poll_interval_ms(status: ServerStatus) -> f64 {
    match status {
        ServerStatus::Busy | ServerStatus::Unreachable => BUSY_POLL_MS,
        ServerStatus::Idle | ServerStatus::Unknown => IDLE_POLL_MS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polls_often_only_while_something_runs() {
        assert_eq!(poll_interval_ms(ServerStatus::Busy), 2_000.0);
        assert_eq!(poll_interval_ms(ServerStatus::Unreachable), 2_000.0);
        assert_eq!(poll_interval_ms(ServerStatus::Idle), 20_000.0);
        assert_eq!(poll_interval_ms(ServerStatus::Unknown), 20_000.0);
    }
}
