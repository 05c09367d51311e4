//! The work running on the list's backups: creates (and the automatic job run from here), and
//! deletes. Each runs with the signed-in server's state, whichever page shows; it reports
//! success only once the server confirmed it, returns the server's refusal to the dialog that
//! asked — or, when that dialog is gone, tells it in a toast — and reloads the list.

use leptos::prelude::*;

use super::browser::sleep;
use super::create::CreateOutcome;
use super::health::ServerWatch;
use super::list::BackupList;
use super::task::Reply;
use super::toasts::{Notice, Toasts};
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

/// Why a backup was not deleted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotDeleted {
    /// The server's refusal.
    Refused(ApiError),
    /// The answer was lost, and the list, read a few times afterwards, still holds it.
    StillListed,
    /// A delete or restore of it, asked for earlier, is still in flight: nothing was sent.
    UnderWay,
}

/// What a delete did: the keys deleted (confirmed by the server, or — its answer lost — by the
/// list read afterwards), those not deleted and why, and those whose fate is unknown (the
/// answer lost and the list unreadable).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Deleted {
    pub deleted: Vec<String>,
    pub refused: Vec<(String, NotDeleted)>,
    pub unknown: Vec<String>,
}

/// Creates and deletes under way, started from this panel.
#[derive(Clone, Copy)]
pub struct Jobs {
    pub(super) list: BackupList,
    pub(super) watch: ServerWatch,
    pub(super) pending: RwSignal<Vec<Pending>>,
    /// Keys with a delete or restore request in flight.
    pub(super) busy_keys: RwSignal<Vec<String>>,
    /// A create the server refused for its name, with the name typed: for the create dialog to
    /// show, now or when the page is back.
    pub(super) name_refused: RwSignal<Option<(String, CreateOutcome)>>,
    pub(super) toasts: Toasts,
}

impl Jobs {
    pub(super) fn new(list: BackupList, watch: ServerWatch, toasts: Toasts) -> Self {
        Self {
            list,
            watch,
            pending: RwSignal::new(Vec::new()),
            busy_keys: RwSignal::new(Vec::new()),
            name_refused: RwSignal::new(None),
            toasts,
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

    /// The create refused for its name that no dialog has shown yet.
    pub fn name_refused(&self) -> Signal<Option<(String, CreateOutcome)>> {
        self.name_refused.into()
    }

    /// Takes that refusal, for a dialog to show.
    pub fn take_name_refusal(&self) -> Option<(String, CreateOutcome)> {
        let refused = self.name_refused.get_untracked();
        if refused.is_some() {
            self.name_refused.set(None);
        }
        refused
    }

    /// The browser-side reason a name cannot be used, if any: the server's rule, or a key the
    /// list already has.
    pub fn name_problem(&self, name: &str) -> Option<NewNameProblem> {
        if let Err(problem) = check_backup_name(name) {
            return Some(NewNameProblem::Rule(problem));
        }
        (!name.is_empty() && self.list.is_listed(name)).then_some(NewNameProblem::Taken)
    }

    /// `DELETE /api/backups/{key}` for each key, one after the other, run with the signed-in
    /// server's state. A refusal of one does not stop the rest. A lost answer (a dropped
    /// connection, a proxy's 502–504) is no outcome: the list, read afterwards, tells whether
    /// the server deleted it; nothing is sent again. The reply goes to the dialog that asked;
    /// without one, what was not deleted is told in toasts.
    pub fn delete(self, keys: Vec<String>) -> Reply<Deleted> {
        // A key already in flight (a delete asked for from a page since left, a restore) is
        // never sent a second time.
        let (under_way, keys): (Vec<String>, Vec<String>) = self
            .busy_keys
            .with_untracked(|busy| keys.into_iter().partition(|key| busy.contains(key)));
        self.busy_keys
            .update(|busy| busy.extend(keys.iter().cloned()));
        self.list.tasks.run(move |answer| async move {
            let mut done = self.send_deletes(keys).await;
            let under_way = under_way.into_iter().map(|k| (k, NotDeleted::UnderWay));
            done.refused.extend(under_way);
            if !done.deleted.is_empty() {
                self.toasts.tell(Notice::Deleted(done.deleted.clone()));
            }
            if let Err(done) = answer.send(done) {
                for (key, why) in done.refused {
                    self.toasts.tell(Notice::NotDeleted(key, why));
                }
                if !done.unknown.is_empty() {
                    self.toasts.tell(Notice::DeleteUnknown(done.unknown));
                }
            }
        })
    }

    async fn send_deletes(self, keys: Vec<String>) -> Deleted {
        let mut done = Deleted::default();
        let release = |key: &str| self.busy_keys.update(|busy| busy.retain(|k| k != key));
        let client = match self.list.client() {
            Ok(client) => client,
            Err(error) => {
                keys.iter().for_each(|key| release(key));
                let refused = keys
                    .into_iter()
                    .map(|k| (k, NotDeleted::Refused(error.clone())));
                done.refused = refused.collect();
                return done;
            }
        };
        let session = self.list.session;
        let mut lost = Vec::new();
        let mut left = keys.into_iter();
        for key in left.by_ref() {
            let result = session.screen(&client, client.delete(&key).await);
            match result {
                Ok(()) => done.deleted.push(key.clone()),
                Err(error) if error.outcome_unknown() => lost.push(key.clone()),
                // Signed out: no later request can succeed either.
                Err(error) if error.is_unauthorized() => {
                    release(&key);
                    done.refused.push((key, NotDeleted::Refused(error.clone())));
                    for key in left.by_ref() {
                        release(&key);
                        done.refused.push((key, NotDeleted::Refused(error.clone())));
                    }
                    break;
                }
                Err(error) => done.refused.push((key.clone(), NotDeleted::Refused(error))),
            }
            if !lost.contains(&key) {
                release(&key);
            }
        }
        // What the server did with the requests whose answers were lost: the list, read again
        // while it still holds some of them (a proxy may give up while the server deletes).
        let mut read_once = false;
        for wait in [0, 2_000, 4_000] {
            if lost.is_empty() {
                break;
            }
            sleep(wait).await;
            if let Ok(listed) = client.list(Some("key")).await {
                read_once = true;
                lost.retain(|key| {
                    let gone = !listed.iter().any(|b| &b.key == key);
                    if gone {
                        done.deleted.push(key.clone());
                        release(key);
                    }
                    !gone
                });
            }
        }
        lost.iter().for_each(|key| release(key));
        match read_once {
            true => done
                .refused
                .extend(lost.into_iter().map(|k| (k, NotDeleted::StillListed))),
            false => done.unknown = lost,
        }
        if !done.deleted.is_empty() {
            self.list
                .rows
                .update(|rows| rows.retain(|r| !done.deleted.contains(&r.key)));
            self.list.announce_change();
        }
        self.list.refresh();
        done
    }

    /// Takes `job` off the running work.
    pub(super) fn finish(&self, job: &Pending) {
        self.pending.update(|p| {
            if let Some(index) = p.iter().position(|j| j == job) {
                p.remove(index);
            }
        });
    }
}
