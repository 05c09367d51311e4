//! What an admin does to backups. Each action reports success only once the server confirmed
//! it, returns the server's refusal to the dialog that asked, and refreshes the list.

use leptos::prelude::*;

use super::backups::BackupsState;
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
}
