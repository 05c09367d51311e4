//! A restore, tracked through the server's restart: PocketBase answers 204 at once, replaces
//! its data a moment later and restarts itself. The panel never claims more than it has seen.

use leptos::prelude::*;

use super::backups::BackupsState;
use super::browser::sleep;
use crate::api::{ApiError, PocketBase};
use crate::text;

/// The server allows a restore 10 minutes; after that the panel stops waiting and says so.
const PATIENCE_MS: f64 = 10.0 * 60.0 * 1000.0;
/// A restart may be too quick to notice; after this long an answering server counts as back.
const UNSEEN_RESTART_MS: f64 = 15_000.0;
const FIRST_POLL_MS: i32 = 500;
const LONGEST_POLL_MS: i32 = 5_000;

/// What the panel knows of a restore it started.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestorePhase {
    /// Making a backup of the current data first, as asked.
    BackingUp(String),
    /// The server accepted the restore; no sign of it working yet.
    Started(String),
    /// The server is busy restoring or does not answer while it restarts.
    Restarting(String),
    /// The server answers again.
    Back(String),
    /// The server has not come back within the patience.
    Silent(String),
}

impl RestorePhase {
    /// Still in progress: other actions wait.
    pub fn is_running(&self) -> bool {
        matches!(
            self,
            Self::BackingUp(_) | Self::Started(_) | Self::Restarting(_)
        )
    }
}

/// What one health check while waiting for the restart means.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    /// First sign of the restore: the server is busy or does not answer.
    Restarting,
    Wait,
    /// It answers and is free again after the restart, or never seemed to restart at all.
    Back,
    /// Still not back after the server's own 10 minutes.
    GiveUp,
}

/// `busy`: the check failed or the server holds its backup lock; `seen_restart`: an earlier
/// check was busy; `elapsed_ms`: since the restore was accepted.
fn next_step(busy: bool, seen_restart: bool, elapsed_ms: f64) -> Step {
    if !busy && (seen_restart || elapsed_ms > UNSEEN_RESTART_MS) {
        Step::Back
    } else if elapsed_ms > PATIENCE_MS {
        Step::GiveUp
    } else if busy && !seen_restart {
        Step::Restarting
    } else {
        Step::Wait
    }
}

impl BackupsState {
    pub fn restore_phase(&self) -> Signal<Option<RestorePhase>> {
        self.restore.into()
    }

    /// `POST /api/backups/{key}/restore`, after a backup of the current data if `backup_first`.
    /// The 204 only means the restore was scheduled; the restart is watched from then on.
    pub async fn restore(self, key: String, backup_first: bool) -> Result<(), ApiError> {
        let client = self.client()?;
        self.busy_keys.update(|k| k.push(key.clone()));
        let mut result = Ok(());
        if backup_first {
            self.restore.set(Some(RestorePhase::BackingUp(key.clone())));
            result = self.create(None).await;
        }
        if result.is_ok() {
            result = self.session.screen(&client, client.restore(&key).await);
        }
        self.busy_keys.try_update(|k| k.retain(|k| *k != key));
        match &result {
            Ok(()) => {
                self.restore.set(Some(RestorePhase::Started(key.clone())));
                leptos::task::spawn_local(self.watch_restart(client, key));
            }
            Err(_) => {
                self.restore.try_set(None);
            }
        }
        result
    }

    async fn watch_restart(self, client: PocketBase, key: String) {
        let started = js_sys::Date::now();
        let mut wait = FIRST_POLL_MS;
        let mut seen_restart = false;
        loop {
            sleep(wait).await;
            wait = (wait * 3 / 2).min(LONGEST_POLL_MS);
            let busy = match client.health().await {
                Ok(health) => health.data.can_backup == Some(false),
                Err(_) => true,
            };
            let elapsed = js_sys::Date::now() - started;
            match next_step(busy, seen_restart, elapsed) {
                Step::Restarting => {
                    seen_restart = true;
                    self.restore
                        .try_set(Some(RestorePhase::Restarting(key.clone())));
                }
                Step::Wait => {}
                Step::Back => break,
                Step::GiveUp => {
                    self.restore.try_set(Some(RestorePhase::Silent(key)));
                    return;
                }
            }
        }
        self.restore.try_set(Some(RestorePhase::Back(key)));
        // The restored database may not know this superuser: then sign in again.
        match client.list(None).await {
            Err(error) if error.is_unauthorized() => self
                .session
                .sign_out_if_current(&client, text::RESTORED_SIGN_IN),
            _ => self.refresh(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{next_step, Step, PATIENCE_MS};

    #[test]
    fn follows_the_restart_and_gives_up_after_the_servers_ten_minutes() {
        // Free at once: too early to say the restart happened.
        assert_eq!(next_step(false, false, 600.0), Step::Wait);
        assert_eq!(next_step(true, false, 900.0), Step::Restarting);
        assert_eq!(next_step(true, true, 1_500.0), Step::Wait);
        assert_eq!(next_step(false, true, 3_000.0), Step::Back);
        // A restart too quick to see: free for 15 s counts as back.
        assert_eq!(next_step(false, false, 15_001.0), Step::Back);
        // Never back: silent after ten minutes, not before.
        assert_eq!(next_step(true, true, PATIENCE_MS - 1.0), Step::Wait);
        assert_eq!(next_step(true, true, PATIENCE_MS + 1.0), Step::GiveUp);
        assert_eq!(PATIENCE_MS, 600_000.0);
    }
}
