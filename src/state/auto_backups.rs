//! PocketBase's own automatic backup job: what its log says of its failures, and running it now.
//! `POST /api/crons/__pbAutoBackup__` answers at once and runs the job in the background, so the
//! outcome is read from the list (a new `@auto_` backup, the oldest pruned) or from the log.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::auto_health::AUTO_PREFIX;
use super::browser::sleep;
use super::health::ServerStatus;
use super::jobs::{Jobs, Pending};
use super::latest::Latest;
use super::settings::SettingsState;
use super::toasts::{Notice, Toasts};
use crate::api::{ApiError, BackupInfo, LogEntry, PocketBase, SettingsLogs};

/// The job's end is looked for this often.
const POLL_MS: i32 = 1_000;
/// Free this long after the request without a new backup: the job has ended (it takes the
/// backup lock within milliseconds).
const FIRST_SIGN_MS: f64 = 3_000.0;
/// PocketBase writes its log 3 s after the last entry: silent this long before reading it.
const LOG_FLUSH_MS: i32 = 3_500;
/// A job still running after this long is left to the list and the log.
const PATIENCE_MS: f64 = 10.0 * 60.0 * 1000.0;

/// What the server's log says of the automatic job's failures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FailureHistory {
    /// Not read (no schedule, or not yet).
    Unread,
    /// The server keeps no log of errors: whether runs failed cannot be known.
    Unknown,
    /// The server (0.22) logs these failures at debug level, which its log does not keep.
    NotLogged,
    Unreadable(ApiError),
    /// The newest failures, newest first (none is a real answer).
    Read(Vec<LogEntry>),
}

/// How a run started from the panel ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AutoRunOutcome {
    /// `key` appeared; `pruned` are the automatic backups the job removed to keep its count.
    Made {
        key: String,
        pruned: Vec<String>,
    },
    /// The server logged this failure.
    Failed {
        name: String,
        error: String,
    },
    /// No schedule is saved, so the server has no such job.
    NotScheduled,
    /// The server has no cron API (before 0.24): nothing was sent.
    Unsupported,
    Refused(ApiError),
    /// No new backup appeared and no failure was logged, or `logs_off` (none can be).
    Unknown {
        logs_off: bool,
    },
}

#[derive(Clone, Copy)]
pub struct AutoBackups {
    jobs: Jobs,
    settings: SettingsState,
    failures: RwSignal<FailureHistory>,
    reads: Latest,
    toasts: Toasts,
}

impl AutoBackups {
    pub(super) fn new(jobs: Jobs, settings: SettingsState, toasts: Toasts) -> Self {
        Self {
            jobs,
            settings,
            failures: RwSignal::new(FailureHistory::Unread),
            reads: Latest::new(),
            toasts,
        }
    }

    pub fn failures(&self) -> Signal<FailureHistory> {
        self.failures.into()
    }

    /// A run started from this panel is under way.
    pub fn is_running(&self) -> bool {
        self.jobs
            .pending
            .with(|jobs| jobs.contains(&Pending::AutoRun))
    }

    /// Reads the settings, then what the log says of the job, and — while a schedule is saved
    /// — whether the server has the cron API Run now needs: a server upgraded in place keeps
    /// its sessions, so what the sign-in found may be out of date.
    pub fn refresh(&self) {
        let this = *self;
        self.jobs.list.tasks.spawn(async move {
            this.settings.fetch().await;
            this.load_failures();
            let scheduled = this
                .settings
                .saved()
                .with_untracked(|s| s.as_ref().is_some_and(|s| !s.backups.cron.is_empty()));
            let Ok(client) = this.jobs.list.client() else {
                return;
            };
            if scheduled {
                if let Ok(crons) = client.has_crons().await {
                    this.jobs.list.session.found_crons(client.base_url(), crons);
                }
            }
        });
    }

    /// Reads the job's newest failures from the server's log, if it keeps one and a schedule is
    /// saved (the settings must be loaded).
    pub fn load_failures(&self) {
        let Some(saved) = self.settings.saved().get_untracked() else {
            return;
        };
        if saved.backups.cron.is_empty() {
            self.failures.set(FailureHistory::Unread);
            return;
        }
        if !self.log_keeps_failures(&saved.logs) {
            let debug_only = saved.logs.max_days > 0 && saved.logs.keeps(8);
            self.failures.set(match debug_only {
                true => FailureHistory::NotLogged,
                false => FailureHistory::Unknown,
            });
            return;
        }
        let Ok(client) = self.jobs.list.client() else {
            return;
        };
        let this = *self;
        let number = self.reads.start();
        self.jobs.list.tasks.spawn(async move {
            let read = this
                .jobs
                .list
                .session
                .screen(&client, client.auto_backup_failures().await);
            if !this.reads.is_newest(number) {
                return;
            }
            this.failures.set(match read {
                Ok(entries) => FailureHistory::Read(entries),
                Err(error) => FailureHistory::Unreadable(error),
            });
        });
    }

    /// Runs the server's automatic backup job now and follows it to its end, with the signed-in
    /// server's state; the outcome is a toast. Counts as running from this call on, before
    /// anything is awaited: a second click finds it running.
    pub fn run_now(self) {
        let claimed = !self.is_running() && !self.jobs.is_creating();
        if !claimed {
            return;
        }
        self.jobs.pending.update(|jobs| jobs.push(Pending::AutoRun));
        self.jobs.list.tasks.spawn(async move {
            let outcome = match self.jobs.list.client() {
                Ok(client) => self.follow_run(&client).await,
                Err(error) => AutoRunOutcome::Refused(error),
            };
            self.jobs
                .pending
                .update(|jobs| jobs.retain(|job| *job != Pending::AutoRun));
            if matches!(outcome, AutoRunOutcome::Made { .. }) {
                self.jobs.list.announce_change();
            }
            self.jobs.list.refresh();
            self.load_failures();
            self.toasts.tell(Notice::AutoRun(outcome));
        });
    }

    /// Whether the server's log keeps what it writes when its automatic job fails.
    fn log_keeps_failures(&self, logs: &SettingsLogs) -> bool {
        let capabilities = self.jobs.list.session.capabilities_untracked();
        logs.keeps(capabilities.unwrap_or_default().auto_failure_level())
    }

    async fn follow_run(self, client: &PocketBase) -> AutoRunOutcome {
        let session = self.jobs.list.session;
        if session
            .capabilities_untracked()
            .is_some_and(|capabilities| !capabilities.crons)
        {
            return AutoRunOutcome::Unsupported;
        }
        // Unreadable (storage that cannot be reached, say): the job may still run and fail, and
        // its log tells; only a new backup cannot be told from an old one then.
        let before = match session.screen(client, client.list(None).await) {
            Ok(rows) => Some(auto_keys(&rows)),
            Err(error) if error.is_unauthorized() => return AutoRunOutcome::Refused(error),
            Err(_) => None,
        };
        let logs_off = self
            .settings
            .saved()
            .with_untracked(|s| !s.as_ref().is_some_and(|s| self.log_keeps_failures(&s.logs)));
        let failures_before: Vec<String> = match logs_off {
            true => Vec::new(),
            false => client
                .auto_backup_failures()
                .await
                .map(|entries| entries.into_iter().map(|e| e.id).collect())
                .unwrap_or_default(),
        };
        match session.screen(client, client.run_auto_backup().await) {
            // No such job, or no cron API at all: only the server's list of jobs tells.
            Err(error) if error.status() == Some(404) => {
                return match client.has_crons().await {
                    Ok(false) => {
                        session.found_crons(client.base_url(), false);
                        AutoRunOutcome::Unsupported
                    }
                    _ => AutoRunOutcome::NotScheduled,
                };
            }
            Err(error) => return AutoRunOutcome::Refused(error),
            Ok(()) => {}
        }
        let started = js_sys::Date::now();
        let mut seen_busy = false;
        while js_sys::Date::now() - started < PATIENCE_MS {
            sleep(POLL_MS).await;
            match self.jobs.watch.check_server().await {
                ServerStatus::Busy => seen_busy = true,
                ServerStatus::Idle => {
                    if let Some(made) = made_by_run(client, &before).await {
                        return made;
                    }
                    if seen_busy || js_sys::Date::now() - started > FIRST_SIGN_MS {
                        break;
                    }
                }
                _ => {}
            }
        }
        if logs_off {
            return AutoRunOutcome::Unknown { logs_off };
        }
        sleep(LOG_FLUSH_MS).await;
        let failed = client
            .auto_backup_failures()
            .await
            .ok()
            .and_then(|entries| {
                entries
                    .into_iter()
                    .find(|entry| !failures_before.contains(&entry.id))
            });
        if let Some(entry) = failed {
            return AutoRunOutcome::Failed {
                name: entry.data.name,
                error: entry.data.error,
            };
        }
        made_by_run(client, &before)
            .await
            .unwrap_or(AutoRunOutcome::Unknown { logs_off })
    }
}

fn auto_keys(rows: &[BackupInfo]) -> BTreeSet<String> {
    rows.iter()
        .filter(|row| row.key.starts_with(AUTO_PREFIX))
        .map(|row| row.key.clone())
        .collect()
}

/// The run's backup, if the list now has an automatic backup it did not have `before`.
async fn made_by_run(
    client: &PocketBase,
    before: &Option<BTreeSet<String>>,
) -> Option<AutoRunOutcome> {
    let before = before.as_ref()?;
    let rows = client.list(None).await.ok()?;
    let after = auto_keys(&rows);
    let key = rows
        .iter()
        .filter(|row| row.key.starts_with(AUTO_PREFIX) && !before.contains(&row.key))
        .max_by_key(|row| row.modified_ms())?
        .key
        .clone();
    let pruned = before.difference(&after).cloned().collect();
    Some(AutoRunOutcome::Made { key, pruned })
}
