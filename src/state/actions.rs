//! What an admin does to backups. Each action reports success only once the server confirmed
//! it, returns the server's refusal to the dialog that asked, and refreshes the list.

use leptos::prelude::*;

use super::backups::{BackupsState, Pending};
use super::browser::sleep;
use super::health::ServerStatus;
use crate::api::{check_backup_name, ApiError};
use crate::text;

impl BackupsState {
    /// The browser-side reason a name cannot be used, if any: the server's rule, or a key the
    /// list already has.
    pub fn name_problem(&self, name: &str) -> Option<String> {
        if let Err(problem) = check_backup_name(name) {
            return Some(text::name_problem(problem));
        }
        // Tracked: a refreshed list can make a name free or taken while it is typed.
        let taken = self.rows.with(|rows| rows.iter().any(|r| r.key == name));
        (!name.is_empty() && taken).then(|| text::name_taken(name))
    }

    /// `POST /api/backups`; synchronous on the server, so this can take minutes. If the
    /// connection drops while the server still works on it, the wait goes on through health
    /// polling, and the outcome is read from the list rather than guessed: only a new file of
    /// the asked name (or a new `pb_backup_…` since the start) counts as this create's.
    pub async fn create(self, name: Option<String>) -> Result<(), ApiError> {
        let client = self.client()?;
        let job = Pending::Create(name.clone());
        let known: Vec<String> = self
            .rows
            .with_untracked(|r| r.iter().map(|b| b.key.clone()).collect());
        self.pending.update(|p| p.push(job.clone()));
        let started = js_sys::Date::now() as i64;
        let mut result = self
            .session
            .screen(&client, client.create(name.as_deref()).await);
        // A dropped connection leaves the outcome open. So may "busy": the browser can resend a
        // request whose connection dropped, and the resent one meets the first one's job.
        let unsure = |e: &ApiError| e.outcome_unknown() || e.is_busy_refusal();
        if result.as_ref().is_err_and(unsure) {
            // Until the job ends. The same outage may fail the first checks too; a server
            // that stays unreachable for a minute ends the wait, unconfirmed.
            let mut unreachable_since = None;
            loop {
                match self.check_server().await {
                    ServerStatus::Busy => unreachable_since = None,
                    ServerStatus::Unreachable => {
                        let now = js_sys::Date::now();
                        if now - *unreachable_since.get_or_insert(now) > 60_000.0 {
                            break;
                        }
                    }
                    ServerStatus::Idle | ServerStatus::Unknown => break,
                }
                sleep(2_000).await;
            }
            // Only a new file that this request could have written counts as its result.
            let made = client.list(None).await.is_ok_and(|list| {
                list.iter().any(|b| {
                    let new = !known.contains(&b.key);
                    match &name {
                        Some(name) => new && b.key == *name,
                        None => {
                            new && b.key.starts_with("pb_backup_")
                                && b.modified_ms().is_some_and(|ms| ms >= started - 1_000)
                        }
                    }
                })
            });
            if made {
                result = Ok(());
            }
        }
        self.finish(&job);
        if result.is_ok() {
            self.toasts.success(text::created(name.as_deref()));
        }
        self.refresh();
        result
    }

    /// A download link for `key` with a fresh, short-lived file token.
    pub async fn download_link(self, key: &str) -> Result<String, ApiError> {
        let client = self.client()?;
        let token = self.session.screen(&client, client.file_token().await)?;
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
            let result = self.session.screen(&client, client.delete(&key).await);
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

    fn finish(&self, job: &Pending) {
        self.pending.try_update(|p| {
            if let Some(index) = p.iter().position(|j| j == job) {
                p.remove(index);
            }
        });
    }
}
