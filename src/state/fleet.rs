//! The fleet's overview: for every server this browser is signed in to, its backups at a
//! glance and whether its automatic backups keep up. Each server is asked on its own, with its
//! own session only: one that is down, slow or signed out holds up no other.

use leptos::prelude::*;

use super::auto_health::{newest_auto, staleness, Staleness};
use super::latest::Latest;
use super::session::{refresh_wait_ms, Session};
use super::settings::{remember_schedule_seen, schedule_seen_since};
use super::task::Tasks;
use super::SessionState;
use crate::api::cron::Schedule;
use crate::api::{token_expiry, ApiError, BackupInfo};

/// What a server answered when last asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServerCheck {
    Checking,
    /// It no longer accepts its token, or was signed out of.
    SignedOut,
    /// Unreachable, or it refused: the reason as the server gave it.
    Failed(ApiError),
    Checked(ServerSummary),
}

/// One server's backups at a glance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServerSummary {
    pub count: usize,
    pub bytes: u64,
    /// The newest backup: its key and time (ms).
    pub newest: Option<(String, i64)>,
    /// Whether automatic backups keep up; `Fine` also without a schedule.
    pub staleness: Staleness,
}

impl ServerSummary {
    /// Counts, total and newest of a list; `staleness` is judged apart, from the schedule.
    pub fn of(rows: &[BackupInfo]) -> Self {
        let newest = rows
            .iter()
            .filter_map(|row| Some((row.modified_ms()?, row)))
            .max_by_key(|(at, _)| *at)
            .map(|(at, row)| (row.key.clone(), at));
        Self {
            count: rows.len(),
            bytes: rows.iter().map(|row| row.size).sum(),
            newest,
            staleness: Staleness::Fine,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Fleet {
    session: SessionState,
    /// By server address: the number of the latest question asked, and the last answer; a
    /// server not in it has not been asked yet.
    checks: RwSignal<Vec<(String, u64, ServerCheck)>>,
    /// Numbers the questions, so that a slow old answer never replaces a newer one.
    asked: Latest,
    tasks: Tasks,
}

impl Fleet {
    pub(super) fn new(session: SessionState, tasks: Tasks) -> Self {
        Self {
            session,
            checks: RwSignal::new(Vec::new()),
            asked: Latest::new(),
            tasks,
        }
    }

    /// What `server_url` answered when last asked (`Checking` until it has).
    pub fn check_of(&self, server_url: &str) -> ServerCheck {
        self.checks.with(|checks| {
            checks
                .iter()
                .find(|(url, ..)| url == server_url)
                .map_or(ServerCheck::Checking, |(.., check)| check.clone())
        })
    }

    /// Asks every server of the fleet again, each on its own.
    pub fn check_all(self) {
        for session in self.session.servers().get_untracked() {
            self.check(session);
        }
    }

    /// Asks one server, with its own session: its list, then its schedule. The last answer
    /// stays shown until the new one comes.
    pub fn check(self, session: Session) {
        let server_url = session.server_url.clone();
        let number = self.asked.start();
        let asked_before = self
            .checks
            .with_untracked(|checks| checks.iter().position(|(url, ..)| *url == server_url));
        match asked_before {
            // Untracked: a new question alone changes nothing shown.
            Some(at) => self.checks.update_untracked(|checks| checks[at].1 = number),
            None => self
                .checks
                .update(|checks| checks.push((server_url.clone(), number, ServerCheck::Checking))),
        }
        self.tasks.spawn(async move {
            let check = self.ask(session).await;
            self.answer(&server_url, number, check);
        });
    }

    async fn ask(self, mut session: Session) -> ServerCheck {
        if !session.is_signed_in() {
            return ServerCheck::SignedOut;
        }
        // The refresh loop renews the current server's token only: the others are renewed
        // here, once half their life is gone.
        let now = js_sys::Date::now();
        let due = token_expiry(&session.token)
            .is_some_and(|expiry| refresh_wait_ms(expiry * 1_000.0, now) == 0.0);
        if due {
            match session.client().auth_refresh().await {
                Ok(auth) => {
                    self.session.renewed(&session, Some(auth.token.clone()));
                    session.token = auth.token;
                }
                Err(error) => return self.refused(&session, error),
            }
        }
        let client = session.client();
        let rows = match client.list(None).await {
            Ok(rows) => rows,
            Err(error) => return self.refused(&session, error),
        };
        // What the sign-in found out may be out of date (a server upgraded in place, a session
        // saved before the panel asked).
        if let Ok(crons) = client.has_crons().await {
            self.session.found_crons(&session.server_url, crons);
        }
        let mut summary = ServerSummary::of(&rows);
        // Without the schedule (a refusal, or none saved) nothing is stale.
        if let Ok(settings) = client.backup_settings().await {
            let cron = settings.backups.cron;
            if let Ok(schedule) = Schedule::parse(&cron) {
                remember_schedule_seen(&session.server_url, &cron, false);
                let since = schedule_seen_since(&session.server_url, &cron);
                let now = js_sys::Date::now() as i64;
                summary.staleness = staleness(schedule, newest_auto(&rows), since, now);
            }
        }
        ServerCheck::Checked(summary)
    }

    /// A refusal; a token no longer accepted is forgotten, and the server shows signed out.
    fn refused(&self, session: &Session, error: ApiError) -> ServerCheck {
        if error.is_unauthorized() {
            self.session.renewed(session, None);
            return ServerCheck::SignedOut;
        }
        ServerCheck::Failed(error)
    }

    /// Shows the answer to question `number`, unless a newer one was asked; an answer equal
    /// to the one shown changes nothing (the rows, and focus in them, stay).
    fn answer(&self, server_url: &str, number: u64, check: ServerCheck) {
        let at = self.checks.try_with_untracked(|checks| {
            checks.iter().position(|(url, asked, shown)| {
                url == server_url && *asked == number && *shown != check
            })
        });
        if let Some(Some(at)) = at {
            self.checks.update(|checks| checks[at].2 = check);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::parse_modified;

    fn row(key: &str, size: u64, modified: &str) -> BackupInfo {
        BackupInfo {
            key: key.into(),
            size,
            modified: modified.into(),
        }
    }

    #[test]
    fn a_summary_counts_totals_and_finds_the_newest_whatever_the_order() {
        let rows = [
            row("b.zip", 200, "2026-12-01 10:00:00.000Z"),
            row("newest.zip", 50, "2026-12-02 09:30:00.000Z"),
            row("odd.zip", 7, "not a time"),
            row("a.zip", 100, "2026-11-30 00:00:00.000Z"),
        ];
        let summary = ServerSummary::of(&rows);
        assert_eq!(summary.count, 4);
        assert_eq!(summary.bytes, 357);
        let newest_ms = parse_modified("2026-12-02 09:30:00.000Z").unwrap();
        assert_eq!(summary.newest, Some(("newest.zip".into(), newest_ms)));
        assert_eq!(ServerSummary::of(&[]), ServerSummary::default());
    }
}
