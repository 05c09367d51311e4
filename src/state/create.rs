//! Creating a backup under a name chosen before anything is sent — the admin's, or one made the
//! way PocketBase would make it — so that when the server's answer is lost, the list tells by
//! that name alone whether this create made it. No other backup is ever taken for its result.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::browser::sleep;
use super::health::ServerStatus;
use super::jobs::{Jobs, Pending};
use super::task::Reply;
use super::toasts::Notice;
use crate::api::{name_tag, pre_restore_backup_name, unnamed_backup_name, ApiError, PocketBase};

/// What became of a create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CreateOutcome {
    /// The server confirmed it, or its name appeared once the server was idle again.
    Made(String),
    /// Not made, for the server's reason (or because the request could not be sent).
    Refused(ApiError),
    /// The answer was unsure (lost, or "busy"), and the list, read once the server was idle
    /// again, does not hold `name`: not made.
    NotMade { name: String, error: ApiError },
    /// Not sent: the server already has a backup of this name.
    Taken(String),
    /// Not sent: the server was busy with another backup or restore already (its automatic
    /// job, another admin's, another tab's) when this one was asked for.
    ServerBusy,
    /// The answer was lost and the list could not be read afterwards: the server may have made
    /// it. Nothing that depends on it may go ahead.
    Unknown(String),
}

/// Which name a create asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NewBackup {
    /// The admin's.
    Named(String),
    /// `pb_backup_<app>_<yyyymmddhhmmss>_<tag>.zip`, as PocketBase names an unnamed backup,
    /// tagged so that one the server makes for anyone else in the same second differs.
    Unnamed,
    /// `pre_restore_<yyyymmddhhmmss>_<tag>.zip`, made just before a restore.
    PreRestore,
}

/// Whether an answer to a create leaves open whether the backup was made: none at all (the
/// connection dropped, a proxy gave up), "busy" (a browser resends a request whose connection
/// dropped, and the resent one meets the first one's job) or "name exists" (it meets the first
/// one's file).
fn answer_is_unsure(error: &ApiError) -> bool {
    error.outcome_unknown()
        || error.is_busy_refusal()
        || error
            .field("name")
            .is_some_and(|f| f.code == "validation_backup_name_exists")
}

/// The outcome of a create of `name` — a name the server did not have just before it was sent —
/// from the server's answer and, only where that answer is unsure, whether the list held `name`
/// once the server was idle again (`None`: it could not be read).
pub fn create_outcome(
    name: &str,
    answer: Result<(), ApiError>,
    listed_after: Option<bool>,
) -> CreateOutcome {
    match answer {
        Ok(()) => CreateOutcome::Made(name.to_owned()),
        Err(error) if !answer_is_unsure(&error) => CreateOutcome::Refused(error),
        Err(error) => match listed_after {
            Some(true) => CreateOutcome::Made(name.to_owned()),
            Some(false) => CreateOutcome::NotMade {
                name: name.to_owned(),
                error,
            },
            None => CreateOutcome::Unknown(name.to_owned()),
        },
    }
}

/// `name_at(epoch_ms)`, one second later each time while the server already has that name.
pub fn free_name(name_at: impl Fn(i64) -> String, now_ms: i64, taken: &BTreeSet<String>) -> String {
    (0..)
        .map(|second| name_at(now_ms + second * 1_000))
        .find(|name| !taken.contains(name))
        .unwrap_or_default()
}

impl Jobs {
    /// `POST /api/backups`, run with the signed-in server's state: it goes on whichever page
    /// shows. Synchronous on the server, so this can take minutes. The name is fixed first,
    /// against the server's own list read just before. If the answer is lost, the wait goes on
    /// through health polling and the list decides, by that name. The outcome is told in a
    /// toast; a refusal of the name is kept for the create dialog (see [`Jobs::name_refused`]).
    ///
    /// The create counts as running from this call on, before anything is awaited: a second
    /// click in the same moment finds [`Jobs::is_creating`] true and sends nothing.
    pub fn create(self, backup: NewBackup) -> Reply<CreateOutcome> {
        let typed = match &backup {
            NewBackup::Named(name) => name.clone(),
            NewBackup::Unnamed | NewBackup::PreRestore => String::new(),
        };
        self.name_refused.set(None);
        let made = self.make(backup);
        self.list.tasks.run(move |answer| async move {
            let outcome = made.await;
            let name_refused = match &outcome {
                CreateOutcome::Refused(error) => error.field("name").is_some(),
                CreateOutcome::Taken(_) => true,
                _ => false,
            };
            if name_refused {
                self.name_refused.set(Some((typed, outcome.clone())));
            } else {
                self.toasts.tell(Notice::Create(outcome.clone()));
            }
            let _ = answer.send(outcome);
        })
    }

    /// The create itself, untold: its outcome is for the caller (a restore's backup first).
    pub(super) fn make(
        self,
        backup: NewBackup,
    ) -> impl std::future::Future<Output = CreateOutcome> {
        let mut job = Pending::Create(None);
        self.pending.update(|p| p.push(job.clone()));
        async move {
            let outcome = self.send_create(backup, &mut job).await;
            self.finish(&job);
            if matches!(outcome, CreateOutcome::Made(_)) {
                self.list.announce_change();
            }
            self.list.refresh();
            outcome
        }
    }

    /// The create itself; `job` is renamed in the table once its name is chosen.
    async fn send_create(&self, backup: NewBackup, job: &mut Pending) -> CreateOutcome {
        let client = match self.list.client() {
            Ok(client) => client,
            Err(error) => return CreateOutcome::Refused(error),
        };
        let name = match self.choose_name(&client, backup).await {
            Ok(name) => name,
            Err(outcome) => return outcome,
        };
        // Busy already (the automatic job, another admin): said at once, nothing sent. A
        // "busy" answer to the request itself could meet a resent copy of it, and is waited on.
        if self.watch.check_server().await == ServerStatus::Busy {
            return CreateOutcome::ServerBusy;
        }
        let named = Pending::Create(Some(name.clone()));
        self.pending.update(|p| {
            if let Some(at) = p.iter().position(|j| j == job) {
                p[at] = named.clone();
            }
        });
        *job = named;
        let answer = self
            .list
            .session
            .screen(&client, client.create(Some(&name)).await);
        let listed_after = match &answer {
            Err(error) if answer_is_unsure(error) => self.list_once_idle(&client, &name).await,
            _ => None,
        };
        create_outcome(&name, answer, listed_after)
    }

    /// The name to send: the admin's if the server does not have it yet, else one made the way
    /// PocketBase would (tagged), moved on by a second while it is taken.
    async fn choose_name(
        &self,
        client: &PocketBase,
        backup: NewBackup,
    ) -> Result<String, CreateOutcome> {
        let keys = self
            .list
            .session
            .screen(client, client.list(Some("key")).await)
            .map_err(CreateOutcome::Refused)?;
        let taken: BTreeSet<String> = keys.into_iter().map(|b| b.key).collect();
        let now = js_sys::Date::now() as i64;
        let tag = name_tag(js_sys::Math::random());
        Ok(match backup {
            NewBackup::Named(name) if taken.contains(&name) => {
                return Err(CreateOutcome::Taken(name));
            }
            NewBackup::Named(name) => name,
            NewBackup::PreRestore => free_name(|at| pre_restore_backup_name(at, &tag), now, &taken),
            NewBackup::Unnamed => {
                let settings = self.list.session.screen(client, client.settings().await);
                let app = settings.map_err(CreateOutcome::Refused)?.meta.app_name;
                free_name(|at| unnamed_backup_name(&app, at, &tag), now, &taken)
            }
        })
    }

    /// Waits until the server no longer holds its backup lock, then whether it lists `name`.
    /// `None` when the server stays unreachable for a minute or its list cannot be read.
    async fn list_once_idle(&self, client: &PocketBase, name: &str) -> Option<bool> {
        let mut unreachable_since = None;
        loop {
            match self.watch.check_server().await {
                ServerStatus::Busy => unreachable_since = None,
                ServerStatus::Unreachable => {
                    let now = js_sys::Date::now();
                    if now - *unreachable_since.get_or_insert(now) > 60_000.0 {
                        return None;
                    }
                }
                ServerStatus::Idle | ServerStatus::Unknown => break,
            }
            sleep(2_000).await;
        }
        let list = client.list(Some("key")).await.ok()?;
        Some(list.iter().any(|b| b.key == name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::FieldError;

    fn refusal(message: &str, field: Option<&str>) -> ApiError {
        ApiError::Server {
            status: 400,
            message: message.into(),
            fields: field
                .map(|code| FieldError {
                    field: "name".into(),
                    code: code.into(),
                    message: "The backup file name is invalid or already exists.".into(),
                })
                .into_iter()
                .collect(),
        }
    }

    #[test]
    fn a_confirmed_create_is_made_and_a_plain_refusal_is_refused() {
        let made = create_outcome("a.zip", Ok(()), None);
        assert_eq!(made, CreateOutcome::Made("a.zip".into()));
        let invalid = refusal("", Some("validation_match_invalid"));
        assert_eq!(
            create_outcome("a.zip", Err(invalid.clone()), Some(true)),
            CreateOutcome::Refused(invalid)
        );
        let forbidden = ApiError::Server {
            status: 403,
            message: "x".into(),
            fields: Vec::new(),
        };
        assert_eq!(
            create_outcome("a.zip", Err(forbidden.clone()), None),
            CreateOutcome::Refused(forbidden)
        );
    }

    #[test]
    fn a_lost_answer_is_decided_by_the_name_alone() {
        let busy = refusal(
            "Try again later - another backup/restore process has already been started.",
            None,
        );
        let exists = refusal("", Some("validation_backup_name_exists"));
        for unsure in [
            ApiError::Network("dropped".into()),
            ApiError::Server {
                status: 504,
                message: String::new(),
                fields: Vec::new(),
            },
            busy,
            exists,
        ] {
            let name = "pb_backup_acme_20261124042423_k3x9.zip";
            assert_eq!(
                create_outcome(name, Err(unsure.clone()), Some(true)),
                CreateOutcome::Made(name.into()),
                "{unsure:?}"
            );
            // Another admin's backup made meanwhile has another name: it does not count.
            assert_eq!(
                create_outcome(name, Err(unsure.clone()), Some(false)),
                CreateOutcome::NotMade {
                    name: name.into(),
                    error: unsure.clone()
                }
            );
            assert_eq!(
                create_outcome(name, Err(unsure), None),
                CreateOutcome::Unknown(name.into())
            );
        }
    }

    #[test]
    fn a_chosen_name_moves_on_by_a_second_while_taken() {
        let at = 1_795_494_263_578;
        let named = |ms| unnamed_backup_name("Acme", ms, "k3x9");
        let none = BTreeSet::new();
        assert_eq!(
            free_name(named, at, &none),
            "pb_backup_acme_20261124042423_k3x9.zip"
        );
        let taken: BTreeSet<String> = [
            "pb_backup_acme_20261124042423_k3x9.zip".to_owned(),
            "pb_backup_acme_20261124042424_k3x9.zip".to_owned(),
        ]
        .into();
        assert_eq!(
            free_name(named, at, &taken),
            "pb_backup_acme_20261124042425_k3x9.zip"
        );
        let pre = |ms| pre_restore_backup_name(ms, "k3x9");
        assert_eq!(
            free_name(pre, at, &taken),
            "pre_restore_20261124042423_k3x9.zip"
        );
    }
}
