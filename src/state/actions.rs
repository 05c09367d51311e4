//! What an admin does to backups. Each action reports success only once the server confirmed
//! it, returns the server's refusal to the dialog that asked, and refreshes the list.

use leptos::prelude::*;

use super::backups::{BackupsState, Pending, RestorePhase};
use super::browser::sleep;
use crate::api::{check_backup_name, ApiError, PocketBase};
use crate::text;

/// How long to wait for PocketBase to answer again after a restore before saying so.
const RESTART_PATIENCE_MS: f64 = 5.0 * 60.0 * 1000.0;
/// A restart may be too quick to notice; after this long an answering server counts as back.
const RESTART_UNSEEN_MS: f64 = 15_000.0;

impl BackupsState {
    /// The browser-side reason a name cannot be used, if any: the server's rule, or a key the
    /// list already has.
    pub fn name_problem(&self, name: &str) -> Option<String> {
        if let Err(problem) = check_backup_name(name) {
            return Some(text::name_problem(problem));
        }
        (!name.is_empty() && self.has_key(name)).then(|| text::name_taken(name))
    }

    /// `POST /api/backups`; synchronous on the server, so this can take minutes.
    pub async fn create(self, name: Option<String>) -> Result<(), ApiError> {
        let client = self.client()?;
        let job = Pending::Create(name.clone());
        self.pending.update(|p| p.push(job.clone()));
        let result = self.session.screen(client.create(name.as_deref()).await);
        self.finish(&job);
        if result.is_ok() {
            self.toasts.success(text::created(name.as_deref()));
            self.refresh();
        }
        result
    }

    /// A download link for `key` with a fresh, short-lived file token.
    pub async fn download_link(self, key: &str) -> Result<String, ApiError> {
        let client = self.client()?;
        let token = self.session.screen(client.file_token().await)?;
        Ok(client.download_url(&token, key))
    }

    /// `DELETE /api/backups/{key}` for each key, one after the other. A refusal of one does not
    /// stop the rest; the refused keys come back with the server's reasons.
    pub async fn delete(self, keys: Vec<String>) -> Vec<(String, ApiError)> {
        let client = match self.client() {
            Ok(client) => client,
            Err(error) => return keys.into_iter().map(|k| (k, error.clone())).collect(),
        };
        let mut refused = Vec::new();
        let mut deleted = Vec::new();
        for key in keys {
            self.busy_keys.update(|k| k.push(key.clone()));
            let result = self.session.screen(client.delete(&key).await);
            self.busy_keys.try_update(|k| k.retain(|k| *k != key));
            match result {
                Ok(()) => deleted.push(key),
                // Signed out: no later request can succeed either.
                Err(error) if error.is_unauthorized() => return vec![(key, error)],
                Err(error) => refused.push((key, error)),
            }
        }
        if !deleted.is_empty() {
            self.rows
                .try_update(|rows| rows.retain(|r| !deleted.contains(&r.key)));
            self.toasts.success(text::deleted(&deleted));
            self.refresh();
        }
        refused
    }

    /// `POST /api/backups/{key}/restore`. The 204 only means the restore was scheduled: the
    /// server then replaces its data and restarts, which is watched until it answers again.
    pub async fn restore(self, key: String) -> Result<(), ApiError> {
        let client = self.client()?;
        self.busy_keys.update(|k| k.push(key.clone()));
        let result = self.session.screen(client.restore(&key).await);
        self.busy_keys.try_update(|k| k.retain(|k| *k != key));
        if result.is_ok() {
            self.restore
                .set(Some(RestorePhase::Restarting(key.clone())));
            leptos::task::spawn_local(self.watch_restart(client, key));
        }
        result
    }

    async fn watch_restart(self, client: PocketBase, key: String) {
        let started = js_sys::Date::now();
        let mut seen_restart = false;
        loop {
            sleep(1000).await;
            let busy = match client.health().await {
                Ok(health) => health.data.can_backup == Some(false),
                Err(_) => true,
            };
            seen_restart |= busy;
            let elapsed = js_sys::Date::now() - started;
            if !busy && (seen_restart || elapsed > RESTART_UNSEEN_MS) {
                break;
            }
            if elapsed > RESTART_PATIENCE_MS {
                self.restore.try_set(Some(RestorePhase::Silent(key)));
                return;
            }
        }
        self.restore.try_set(Some(RestorePhase::Back(key)));
        // The restored database may not know this superuser: then sign in again.
        match client.list(None).await {
            Err(error) if error.is_unauthorized() => {
                self.session.sign_out(Some(text::RESTORED_SIGN_IN))
            }
            _ => self.refresh(),
        }
    }

    fn finish(&self, job: &Pending) {
        self.pending.try_update(|p| {
            if let Some(index) = p.iter().position(|j| j == job) {
                p.remove(index);
            }
        });
    }
}
