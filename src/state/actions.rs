//! What an admin does to backups. Each action reports success only once the server confirmed
//! it, returns the server's refusal to the dialog that asked, and refreshes the list.

use leptos::prelude::*;

use super::backups::BackupsState;
use crate::api::{check_backup_name, ApiError, NameProblem};

/// Why a name typed for a new backup cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewNameProblem {
    /// Against the server's rule.
    Rule(NameProblem),
    /// The list already has it.
    Taken,
}

/// What a delete did: the keys deleted, and those refused with the server's reasons.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deleted {
    pub deleted: Vec<String>,
    pub refused: Vec<(String, ApiError)>,
}

/// A download command for another machine.
#[derive(Clone, Debug, PartialEq)]
pub struct DownloadCommand {
    pub line: String,
    /// When its file token stops working, from the token's `exp` claim.
    pub expires_ms: Option<f64>,
    /// Whether the browser let it onto the clipboard (else it is shown to copy by hand).
    pub copied: bool,
}

impl BackupsState {
    /// The browser-side reason a name cannot be used, if any: the server's rule, or a key the
    /// list already has.
    pub fn name_problem(&self, name: &str) -> Option<NewNameProblem> {
        if let Err(problem) = check_backup_name(name) {
            return Some(NewNameProblem::Rule(problem));
        }
        // Tracked: a refreshed list can make a name free or taken while it is typed.
        let taken = self.rows.with(|rows| rows.iter().any(|r| r.key == name));
        (!name.is_empty() && taken).then_some(NewNameProblem::Taken)
    }

    /// A download link for `key` with a fresh, short-lived file token.
    pub async fn download_link(self, key: &str) -> Result<String, ApiError> {
        let client = self.client()?;
        let token = self.session.screen(&client, client.file_token().await)?;
        Ok(client.download_url(&token, key))
    }

    /// A `curl` line that downloads `key` on any machine, with a fresh file token, put on the
    /// clipboard.
    pub async fn copy_download_command(self, key: &str) -> Result<DownloadCommand, ApiError> {
        let client = self.client()?;
        let token = self.session.screen(&client, client.file_token().await)?;
        let line = crate::api::download_command(key, &client.download_url(&token, key));
        let copied = super::browser::copy_text(&line).await;
        Ok(DownloadCommand {
            expires_ms: crate::api::token_expiry(&token).map(|s| s * 1000.0),
            line,
            copied,
        })
    }

    /// `DELETE /api/backups/{key}` for each key, one after the other. A refusal of one does not
    /// stop the rest; the refused keys come back with the server's reasons.
    pub async fn delete(self, keys: Vec<String>) -> Deleted {
        let mut done = Deleted::default();
        let client = match self.client() {
            Ok(client) => client,
            Err(error) => {
                done.refused = keys.into_iter().map(|k| (k, error.clone())).collect();
                return done;
            }
        };
        for key in keys {
            self.busy_keys.update(|k| k.push(key.clone()));
            let result = self.session.screen(&client, client.delete(&key).await);
            self.busy_keys.try_update(|k| k.retain(|k| *k != key));
            match result {
                Ok(()) => done.deleted.push(key),
                // Signed out: no later request can succeed either.
                Err(error) if error.is_unauthorized() => {
                    done.refused.push((key, error));
                    break;
                }
                Err(error) => done.refused.push((key, error)),
            }
        }
        if !done.deleted.is_empty() {
            self.rows
                .try_update(|rows| rows.retain(|r| !done.deleted.contains(&r.key)));
            self.announce_change();
            self.refresh();
        }
        done
    }
}
