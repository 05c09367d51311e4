//! The work running on the list's backups: creates (and the automatic job run from here), and
//! deletes. Each reports success only once the server confirmed it, returns the server's
//! refusal to the dialog that asked, and reloads the list.

use leptos::prelude::*;

use super::health::ServerWatch;
use super::list::BackupList;
use crate::api::{check_backup_name, ApiError, NameProblem};

/// Server work that will add a row when it ends, shown in the table meanwhile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    /// A backup is being made: of this name, once it is chosen.
    Create(Option<String>),
    /// The server's automatic backup job, started from the panel, is running.
    AutoRun,
}

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

/// Creates and deletes under way, started from this panel.
#[derive(Clone, Copy)]
pub struct Jobs {
    pub(super) list: BackupList,
    pub(super) watch: ServerWatch,
    pub(super) pending: RwSignal<Vec<Pending>>,
    /// Keys with a delete or restore request in flight.
    pub(super) busy_keys: RwSignal<Vec<String>>,
}

impl Jobs {
    pub(super) fn new(list: BackupList, watch: ServerWatch) -> Self {
        Self {
            list,
            watch,
            pending: RwSignal::new(Vec::new()),
            busy_keys: RwSignal::new(Vec::new()),
        }
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

    /// Forgets the work of an earlier session.
    pub fn reset(&self) {
        self.pending.set(Vec::new());
        self.busy_keys.set(Vec::new());
    }

    /// The browser-side reason a name cannot be used, if any: the server's rule, or a key the
    /// list already has.
    pub fn name_problem(&self, name: &str) -> Option<NewNameProblem> {
        if let Err(problem) = check_backup_name(name) {
            return Some(NewNameProblem::Rule(problem));
        }
        (!name.is_empty() && self.list.is_listed(name)).then_some(NewNameProblem::Taken)
    }

    /// `DELETE /api/backups/{key}` for each key, one after the other. A refusal of one does not
    /// stop the rest; the refused keys come back with the server's reasons.
    pub async fn delete(self, keys: Vec<String>) -> Deleted {
        let mut done = Deleted::default();
        let client = match self.list.client() {
            Ok(client) => client,
            Err(error) => {
                done.refused = keys.into_iter().map(|k| (k, error.clone())).collect();
                return done;
            }
        };
        let session = self.list.session;
        for key in keys {
            self.busy_keys.update(|k| k.push(key.clone()));
            let result = session.screen(&client, client.delete(&key).await);
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
            self.list
                .rows
                .try_update(|rows| rows.retain(|r| !done.deleted.contains(&r.key)));
            self.list.announce_change();
            self.list.refresh();
        }
        done
    }

    /// Takes `job` off the running work.
    pub(super) fn finish(&self, job: &Pending) {
        self.pending.try_update(|p| {
            if let Some(index) = p.iter().position(|j| j == job) {
                p.remove(index);
            }
        });
    }
}
