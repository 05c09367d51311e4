//! A restore, followed until the server shows how it ended. PocketBase answers 204 at once and
//! restores a second later: a good restore restarts the process (and brings back the backup's
//! own log); a failed one does not, and only logs `Failed to restore backup` with the key and
//! the error. So "restored" is said only on evidence that this restore ran: the server's log,
//! replaced by the backup's own (an entry written after the backup was made, read before the
//! request, is gone), or — where there is no such entry — a 204 answer, then the server going
//! away and coming back with no failure logged. Going away is no evidence when the answer was
//! lost: a dropped connection looks the same, and the request may never have arrived. A failure
//! is shown in the server's own words; anything else is said as unknown.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::browser::sleep;
use super::create::{CreateOutcome, NewBackup};
use super::jobs::Jobs;
use super::list::BackupList;
use super::session::SignedOut;
use super::storage;
use super::task::Reply;
use super::toasts::{Notice, Toasts};
use crate::api::{decode, encode, parse_modified, ApiError, LogEntry, PocketBase, RealtimeLink};
use crate::split::{ChunkMissing, Preload};

/// The server allows a restore 10 minutes; after that the panel stops waiting and says so.
const PATIENCE_MS: f64 = 10.0 * 60.0 * 1000.0;
/// PocketBase starts restoring a second after it answers, and holds its backup lock until the
/// restore ends: free after this long, it has either failed or restarted already.
const FIRST_SIGN_MS: f64 = 3_000.0;
/// PocketBase writes its log 3 s after the last entry: the panel stays silent this long before
/// it reads an entry it waits for.
const LOG_FLUSH_MS: i32 = 3_500;
/// Reads of the log before a restore without a restart nor a failure is called unknown: other
/// clients' requests can hold the log back.
const LOG_READS: usize = 3;
const POLL_MS: i32 = 400;
/// Where a restore being followed is kept, so a reload picks it up again.
const TRACK_KEY: &str = "restore";

/// What the panel knows of a restore it started.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestorePhase {
    /// Making a backup of the current data first, as asked.
    BackingUp(String),
    /// Sent; no sign of the server working on it yet. `answer_lost`: the request may not even
    /// have arrived.
    Started { key: String, answer_lost: bool },
    /// The server is busy restoring, or went away to restart.
    Restarting(String),
    /// The server answers again; its log is being read.
    Checking(String),
    /// Its log was replaced by the backup's, or it went away after a 204, came back, and
    /// logged no failure.
    Restored(String),
    /// It came back with its log as it was before, and logged no failure: no restore ran (the
    /// request may never have reached it).
    NotRestored(String),
    /// The server logged this failure; it kept its current data.
    Failed { key: String, error: String },
    /// Neither a failure nor a restart could be seen.
    Unconfirmed { key: String, why: Unconfirmed },
}

/// Why the end of a restore is not known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unconfirmed {
    /// The server was not seen restarting and logged no failure. `answer_lost`: the request may
    /// never have arrived.
    NoRestart { answer_lost: bool },
    /// It restarted, but keeps no logs: a failure cannot be ruled out.
    LogsOff,
    /// It restarted, but its log could not be read.
    LogUnreadable,
    /// It has not answered for the server's own 10 minutes.
    NotBack,
    /// The answer was lost and the server could not be reached for a while, and its log holds
    /// nothing that tells whether this restore ran.
    NoEvidence,
}

impl RestorePhase {
    /// Still in progress: other actions, and the page's own polling, wait.
    pub fn is_running(&self) -> bool {
        matches!(
            self,
            Self::BackingUp(_) | Self::Started { .. } | Self::Restarting(_) | Self::Checking(_)
        )
    }
}

/// Why a restore was not sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestoreRefusal {
    /// The server refused it, or what had to be read first.
    Server(ApiError),
    /// The backup of the current data was asked for and not confirmed made.
    BackupFirst(CreateOutcome),
    /// A restore is being followed already (from this tab or another).
    AlreadyRunning,
}

/// A restore being followed: kept in `localStorage` while it runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RestoreTrack {
    pub server_url: String,
    pub key: String,
    /// When the request was sent, on this browser's clock.
    pub sent_ms: f64,
    /// The backup's `modified` on the server's clock: a failure logged before it comes from the
    /// backup's own log, which a restore brings back.
    pub made_ms: Option<i64>,
    /// Restore failures already in the log before the request was sent.
    pub failures_before: Vec<String>,
    /// The request's answer was lost: it may never have reached the server.
    pub answer_lost: bool,
    /// The server keeps no logs (`logs.maxDays` is 0).
    pub logs_off: bool,
    /// The server was seen going away: its realtime stream broke, or it stopped answering.
    pub went_away: bool,
    /// An entry of the server's log written after the backup was made, read before the
    /// request: a restore that ran replaced the log with the backup's, and it is gone.
    #[serde(default)]
    pub marker: Option<String>,
}

/// What one health check while following a restore shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    Unreachable,
    /// It holds its backup lock.
    Busy,
    /// It answers and is free.
    Free,
}

/// What to do after a health check.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    Wait,
    /// The server works on it, or restarts.
    Working,
    /// Free again after it went away, or long enough after the request: read the log.
    ReadLog,
    GiveUp,
}

fn next_step(went_away: bool, seen: Seen, elapsed_ms: f64) -> Step {
    match seen {
        _ if elapsed_ms > PATIENCE_MS => Step::GiveUp,
        Seen::Unreachable | Seen::Busy => Step::Working,
        Seen::Free if went_away || elapsed_ms >= FIRST_SIGN_MS => Step::ReadLog,
        Seen::Free => Step::Wait,
    }
}

/// The failure this restore caused, if the log shows one: an entry for its key that was not
/// there before the request, and not older than the backup.
pub fn new_failure<'a>(entries: &'a [LogEntry], track: &RestoreTrack) -> Option<&'a LogEntry> {
    entries.iter().find(|entry| {
        let after_backup = match (parse_modified(&entry.created), track.made_ms) {
            (Some(logged), Some(made)) => logged >= made,
            _ => true,
        };
        entry.data.key == track.key && after_backup && !track.failures_before.contains(&entry.id)
    })
}

/// How the restore ended, from a read of the log (`None`: it could not be read) and of whether
/// it still holds the track's marker (`None`: no marker, or unreadable); `None` when it is too
/// early to say and the log should be read again.
fn verdict(
    track: &RestoreTrack,
    log: Option<&[LogEntry]>,
    marker_held: Option<bool>,
    last_read: bool,
) -> Option<RestorePhase> {
    let key = track.key.clone();
    let failure = log.and_then(|entries| new_failure(entries, track));
    let unconfirmed = |why| RestorePhase::Unconfirmed {
        key: key.clone(),
        why,
    };
    Some(match (failure, marker_held, track.went_away) {
        (Some(entry), ..) => RestorePhase::Failed {
            key,
            error: entry.data.error.clone(),
        },
        // The log is the backup's own now: it ran.
        (None, Some(false), _) => RestorePhase::Restored(key),
        // The log is as it was: nothing ran, once a failure has had time to be written.
        (None, Some(true), _) if !last_read => return None,
        (None, Some(true), _) => RestorePhase::NotRestored(key),
        (None, None, true) if track.logs_off => unconfirmed(Unconfirmed::LogsOff),
        (None, None, true) if log.is_none() => unconfirmed(Unconfirmed::LogUnreadable),
        // A lost answer and a server out of reach: the network may have failed, not the server.
        (None, None, true) if track.answer_lost => unconfirmed(Unconfirmed::NoEvidence),
        (None, None, true) => RestorePhase::Restored(key),
        (None, None, false) if !last_read => return None,
        (None, None, false) => unconfirmed(Unconfirmed::NoRestart {
            answer_lost: track.answer_lost,
        }),
    })
}

/// The restore sent from this panel (or picked up after a reload, or from another tab),
/// followed to its end with the signed-in server's state, whichever page shows.
#[derive(Clone, Copy)]
pub struct Restores {
    jobs: Jobs,
    list: BackupList,
    phase: RwSignal<Option<RestorePhase>>,
    /// A restore is being prepared or sent, before it has a phase to show: a second one waits.
    sending: StoredValue<bool>,
    toasts: Toasts,
}

impl Restores {
    /// `phase` is made by the caller, for the health checks to read before this exists.
    pub(super) fn new(jobs: Jobs, phase: RwSignal<Option<RestorePhase>>, toasts: Toasts) -> Self {
        Self {
            jobs,
            list: jobs.list,
            phase,
            sending: StoredValue::new(false),
            toasts,
        }
    }

    pub fn phase(&self) -> Signal<Option<RestorePhase>> {
        self.phase.into()
    }

    /// A restore is being followed: the server is going away or coming back.
    pub fn running(&self) -> Signal<bool> {
        let phase = self.phase;
        Signal::derive(move || phase.with(|p| p.as_ref().is_some_and(RestorePhase::is_running)))
    }

    fn is_running_untracked(&self) -> bool {
        self.sending.get_value()
            || self
                .phase
                .with_untracked(|p| p.as_ref().is_some_and(RestorePhase::is_running))
    }

    /// `POST /api/backups/{key}/restore`, after a backup of the current data if `backup_first`,
    /// run with the signed-in server's state. Sent once; refused while another restore is
    /// followed; followed from then on, also when its answer is lost. The reply goes to the
    /// dialog that asked; without one, a refusal is told in a toast.
    pub fn restore(self, key: String, backup_first: bool) -> Reply<Result<(), RestoreRefusal>> {
        let running = self.is_running_untracked();
        if !running {
            self.sending.set_value(true);
            self.jobs.busy_keys.update(|k| k.push(key.clone()));
        }
        self.list.tasks.run(move |answer| async move {
            let result = match running {
                true => Err(RestoreRefusal::AlreadyRunning),
                false => self.send_restore(key, backup_first).await,
            };
            if let Err(Err(refusal)) = answer.send(result) {
                self.toasts.tell(Notice::RestoreRefused(refusal));
            }
        })
    }

    async fn send_restore(self, key: String, backup_first: bool) -> Result<(), RestoreRefusal> {
        let sent = self.prepare_and_send(&key, backup_first).await;
        self.sending.set_value(false);
        self.jobs.busy_keys.update(|k| k.retain(|k| *k != key));
        let (client, track, link) = match sent {
            Ok(sent) => sent,
            Err(refusal) => {
                self.phase.set(None);
                return Err(refusal);
            }
        };
        storage::write(TRACK_KEY, &encode(&track));
        self.phase.set(Some(RestorePhase::Started {
            key,
            answer_lost: track.answer_lost,
        }));
        let this = self;
        self.list
            .tasks
            .spawn(async move { this.follow_restore(client, track, link).await });
        Ok(())
    }

    async fn prepare_and_send(
        &self,
        key: &str,
        backup_first: bool,
    ) -> Result<(PocketBase, RestoreTrack, Option<RealtimeLink>), RestoreRefusal> {
        let client = self.list.client().map_err(RestoreRefusal::Server)?;
        let (track, link) = self.prepare_restore(&client, key, backup_first).await?;
        let answer = self.list.session.screen(&client, client.restore(key).await);
        match answer {
            Ok(()) => Ok((client, track, link)),
            Err(error) if error.outcome_unknown() => {
                let track = RestoreTrack {
                    answer_lost: true,
                    ..track
                };
                Ok((client, track, link))
            }
            Err(error) => Err(RestoreRefusal::Server(error)),
        }
    }

    /// Everything read before the request: the backup first if asked, whether the server keeps
    /// logs, the failures it logged already, and a realtime link open to see it go away.
    async fn prepare_restore(
        &self,
        client: &PocketBase,
        key: &str,
        backup_first: bool,
    ) -> Result<(RestoreTrack, Option<RealtimeLink>), RestoreRefusal> {
        if backup_first {
            self.phase
                .set(Some(RestorePhase::BackingUp(key.to_owned())));
            match self.jobs.make(NewBackup::PreRestore).await {
                CreateOutcome::Made(_) => {}
                outcome => return Err(RestoreRefusal::BackupFirst(outcome)),
            }
        }
        let session = self.list.session;
        let settings = session.screen(client, client.settings().await);
        let logs_off = settings.map_err(RestoreRefusal::Server)?.logs.max_days == 0;
        let failures_before = if logs_off {
            Vec::new()
        } else {
            let logged = session.screen(client, client.restore_failures().await);
            let logged = logged.map_err(RestoreRefusal::Server)?;
            logged.into_iter().map(|entry| entry.id).collect()
        };
        let made_ms = self.list.modified_ms(key);
        let marker = match logs_off {
            true => None,
            false => self.marker_after(client, key).await,
        };
        let link = open_link(client, 2_000).await;
        let track = RestoreTrack {
            server_url: client.base_url().to_owned(),
            key: key.to_owned(),
            sent_ms: js_sys::Date::now(),
            made_ms,
            failures_before,
            answer_lost: false,
            logs_off,
            went_away: false,
            marker,
        };
        Ok((track, link))
    }

    /// The newest log entry written after `key` was made: one its restore would erase. The
    /// server writes its log 3 s after the last entry, so where none is there yet (the backup
    /// was just made) it is read once more after that silence.
    async fn marker_after(&self, client: &PocketBase, key: &str) -> Option<String> {
        let made = self.list.modified_of(key)?;
        for attempt in 0..2 {
            if attempt > 0 {
                sleep(LOG_FLUSH_MS).await;
            }
            match client.newest_log_after(&made).await {
                Ok(Some(entry)) => return Some(entry.id),
                Ok(None) => {}
                Err(_) => return None,
            }
        }
        None
    }

    /// Picks up a restore that was being followed before the page was reloaded, or that
    /// another tab of the panel has just sent.
    pub(super) fn resume_restore(self) {
        let Some(client) = self.list.session.client() else {
            return;
        };
        if self.is_running_untracked() {
            return;
        }
        let Some(track) = stored_track() else { return };
        // Another server's restore stays for when the panel is back on that server.
        if track.server_url != client.base_url() {
            return;
        }
        if js_sys::Date::now() - track.sent_ms >= PATIENCE_MS {
            storage::remove(TRACK_KEY);
            return;
        }
        self.phase.set(Some(if track.went_away {
            RestorePhase::Restarting(track.key.clone())
        } else {
            RestorePhase::Started {
                key: track.key.clone(),
                answer_lost: track.answer_lost,
            }
        }));
        self.list.tasks.spawn(async move {
            // Its code is fetched only now, from a server that may be restarting: asked again
            // until it comes or the restore is past the server's own patience.
            let sent_ms = track.sent_ms;
            loop {
                match restore_follower::draw(self, client.clone(), track.clone()).await {
                    Ok(follow) => return follow.await,
                    Err(ChunkMissing) if js_sys::Date::now() - sent_ms < PATIENCE_MS => {
                        sleep(POLL_MS * 5).await
                    }
                    Err(ChunkMissing) => {
                        let (key, why) = (track.key, Unconfirmed::NotBack);
                        return self.end_restore(RestorePhase::Unconfirmed { key, why });
                    }
                }
            }
        });
    }

    /// Follows a restore another tab of the panel sends, so this tab waits for it too (its
    /// Restore is locked meanwhile).
    pub(super) fn follow_other_tabs(self) {
        let key = storage::full_key(TRACK_KEY);
        let listener = window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() == Some(key.as_str()) && event.new_value().is_some() {
                self.resume_restore();
            }
        });
        on_cleanup(move || listener.remove());
    }

    async fn follow_restore(
        self,
        client: PocketBase,
        mut track: RestoreTrack,
        link: Option<RealtimeLink>,
    ) {
        let key = track.key.clone();
        loop {
            sleep(POLL_MS).await;
            // The session's token as it is now: it is renewed while the restore is followed,
            // and the one it started with may have expired meanwhile.
            let Some(client) = self
                .list
                .session
                .client()
                .filter(|now| now.base_url() == client.base_url())
            else {
                return; // Signed out, or on another server: this state is being dropped.
            };
            let seen = match client.health().await {
                Err(_) => Seen::Unreachable,
                Ok(health) if health.data.can_backup == Some(false) => Seen::Busy,
                Ok(_) => Seen::Free,
            };
            let broke = link.as_ref().is_some_and(RealtimeLink::broke);
            if (broke || seen == Seen::Unreachable) && !track.went_away {
                track.went_away = true;
                // Only while it is still stored: a tab that ended it removed it, and writing it
                // back would have the tabs follow it once more.
                if stored_track().is_some_and(|t| t.key == track.key && t.sent_ms == track.sent_ms)
                {
                    storage::write(TRACK_KEY, &encode(&track));
                }
            }
            match next_step(track.went_away, seen, js_sys::Date::now() - track.sent_ms) {
                Step::Wait => {}
                Step::Working => {
                    self.phase.set(Some(RestorePhase::Restarting(key.clone())));
                }
                Step::GiveUp => {
                    let why = Unconfirmed::NotBack;
                    return self.end_restore(RestorePhase::Unconfirmed { key, why });
                }
                Step::ReadLog => {
                    if let Some(end) = self.read_outcome(&client, &track).await {
                        return self.end_restore(end);
                    }
                }
            }
        }
    }

    /// Reads the server's log after a silence long enough for it to be written. `None` when
    /// the restore may still show itself, or this session ended meanwhile.
    async fn read_outcome(
        &self,
        client: &PocketBase,
        track: &RestoreTrack,
    ) -> Option<RestorePhase> {
        self.phase
            .set(Some(RestorePhase::Checking(track.key.clone())));
        for read in 1..=LOG_READS {
            // Without logs there is nothing to wait for; the call still tells whether the
            // restored data knows this superuser.
            let answer = if track.logs_off {
                client.settings().await.map(|_| Vec::new())
            } else {
                sleep(LOG_FLUSH_MS).await;
                client.restore_failures().await
            };
            let marker_held = match (&answer, &track.marker) {
                (Ok(_), Some(marker)) => Some(client.log_holds(marker).await),
                _ => None,
            };
            let refused = |read: Option<&ApiError>| read.is_some_and(ApiError::is_unauthorized);
            let marker_refused = marker_held.as_ref().and_then(|held| held.as_ref().err());
            // The restored data does not know this superuser: it ran; sign in again.
            if track.went_away && (refused(answer.as_ref().err()) || refused(marker_refused)) {
                storage::remove(TRACK_KEY);
                self.phase.set(None);
                self.list
                    .session
                    .sign_out_if_current(client, SignedOut::Restored);
                return None;
            }
            let log = answer.ok();
            let marker_held = marker_held.and_then(Result::ok);
            let last_read = read == LOG_READS || track.logs_off;
            if let Some(end) = verdict(track, log.as_deref(), marker_held, last_read) {
                return Some(end);
            }
            // Not restarted and nothing logged yet: the restore may still be starting.
            let health = client.health().await;
            if health.is_ok_and(|h| h.data.can_backup == Some(false)) {
                return None;
            }
        }
        None
    }

    fn end_restore(&self, end: RestorePhase) {
        storage::remove(TRACK_KEY);
        self.phase.set(Some(end));
        self.list.announce_change();
        self.list.refresh();
    }
}

crate::split::split_piece! {
    /// Following a restore picked up after a reload or from another tab (one sent from this
    /// tab is followed by the restore dialog's own chunk).
    mod restore_follower in restore_follow = fn(
        restores: Restores,
        client: PocketBase,
        track: RestoreTrack,
    ) -> Pin<Box<dyn Future<Output = ()>>> {
        Box::pin(async move {
            let link = open_link(&client, 0).await;
            restores.follow_restore(client, track, link).await;
        })
    }
}

/// Fetches the follower's chunk: it must be here before a restore another tab sends takes the
/// server (and the panel's files with it) down.
pub const RESTORE_FOLLOWER: Preload = restore_follower::PRELOAD;

/// The restore stored for the panel's tabs to follow, if any.
fn stored_track() -> Option<RestoreTrack> {
    storage::read(TRACK_KEY).and_then(|json| decode::<RestoreTrack>(&json).ok())
}

/// A realtime link to the server, waited for up to `patience_ms` to open; `None` if it cannot
/// be opened at all (then only health checks can tell that the server went away).
async fn open_link(client: &PocketBase, patience_ms: i32) -> Option<RealtimeLink> {
    let link = RealtimeLink::open(client.base_url())?;
    let mut waited = 0;
    while !link.opened() && waited < patience_ms {
        sleep(50).await;
        waited += 50;
    }
    Some(link)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::LogData;

    fn track() -> RestoreTrack {
        RestoreTrack {
            server_url: "http://127.0.0.1:8090".into(),
            key: "a.zip".into(),
            sent_ms: 0.0,
            made_ms: parse_modified("2026-11-30 06:00:00.000Z"),
            failures_before: vec!["old".into()],
            answer_lost: false,
            logs_off: false,
            went_away: false,
            marker: None,
        }
    }

    fn failure(id: &str, key: &str, created: &str) -> LogEntry {
        LogEntry {
            id: id.into(),
            created: created.into(),
            data: LogData {
                key: key.into(),
                error: format!("error {id}"),
                ..LogData::default()
            },
        }
    }

    #[test]
    fn waits_for_a_sign_and_gives_up_after_the_servers_ten_minutes() {
        // Free at once: the restore starts a second after the answer.
        assert_eq!(next_step(false, Seen::Free, 600.0), Step::Wait);
        assert_eq!(next_step(false, Seen::Busy, 1_200.0), Step::Working);
        assert_eq!(next_step(false, Seen::Unreachable, 1_300.0), Step::Working);
        // Back after going away: read the log at once, not after a fixed delay.
        assert_eq!(next_step(true, Seen::Free, 1_500.0), Step::ReadLog);
        // Never busy, never away: failed fast, so the log tells.
        assert_eq!(next_step(false, Seen::Free, 3_000.0), Step::ReadLog);
        assert_eq!(
            next_step(true, Seen::Busy, PATIENCE_MS - 1.0),
            Step::Working
        );
        assert_eq!(next_step(true, Seen::Busy, PATIENCE_MS + 1.0), Step::GiveUp);
        assert_eq!(PATIENCE_MS, 600_000.0);
    }

    #[test]
    fn only_a_new_failure_of_this_key_logged_after_the_backup_was_made_counts() {
        let track = track();
        let entries = [
            failure("old", "a.zip", "2026-11-30 06:30:00.000Z"),
            failure("other", "b.zip", "2026-11-30 06:31:00.000Z"),
            failure("from-backup", "a.zip", "2026-11-30 05:59:59.000Z"),
        ];
        assert_eq!(new_failure(&entries, &track), None);
        let mut with_new = entries.to_vec();
        with_new.insert(0, failure("new", "a.zip", "2026-11-30 06:31:00.000Z"));
        assert_eq!(
            new_failure(&with_new, &track).map(|e| e.id.as_str()),
            Some("new")
        );
    }

    #[test]
    fn says_restored_only_after_a_restart_with_no_failure_logged() {
        let mut track = track();
        let failed = [failure("new", "a.zip", "2026-11-30 06:31:00.000Z")];
        let failed_phase = RestorePhase::Failed {
            key: "a.zip".into(),
            error: "error new".into(),
        };
        assert_eq!(
            verdict(&track, Some(&failed), None, false),
            Some(failed_phase.clone())
        );
        // No restart, nothing logged: read again, then say it is unknown.
        assert_eq!(verdict(&track, Some(&[]), None, false), None);
        let unknown = |why| RestorePhase::Unconfirmed {
            key: "a.zip".into(),
            why,
        };
        assert_eq!(
            verdict(&track, Some(&[]), None, true),
            Some(unknown(Unconfirmed::NoRestart { answer_lost: false }))
        );
        assert_eq!(
            verdict(&track, None, None, true),
            Some(unknown(Unconfirmed::NoRestart { answer_lost: false }))
        );

        track.went_away = true;
        assert_eq!(
            verdict(&track, Some(&failed), None, false),
            Some(failed_phase)
        );
        assert_eq!(
            verdict(&track, Some(&[]), None, false),
            Some(RestorePhase::Restored("a.zip".into()))
        );
        assert_eq!(
            verdict(&track, None, None, false),
            Some(unknown(Unconfirmed::LogUnreadable))
        );
        track.logs_off = true;
        assert_eq!(
            verdict(&track, Some(&[]), None, false),
            Some(unknown(Unconfirmed::LogsOff))
        );
    }

    #[test]
    fn a_lost_answer_and_an_outage_are_no_evidence_of_a_restore() {
        let mut track = track();
        track.answer_lost = true;
        track.went_away = true;
        let unknown = |why| RestorePhase::Unconfirmed {
            key: "a.zip".into(),
            why,
        };
        // Without a marker: going away may have been the network.
        assert_eq!(
            verdict(&track, Some(&[]), None, false),
            Some(unknown(Unconfirmed::NoEvidence))
        );
        // The log as it was: nothing ran (once a failure could have been written).
        assert_eq!(verdict(&track, Some(&[]), Some(true), false), None);
        assert_eq!(
            verdict(&track, Some(&[]), Some(true), true),
            Some(RestorePhase::NotRestored("a.zip".into()))
        );
        // The log replaced by the backup's own: it ran, whatever was seen of the server.
        assert_eq!(
            verdict(&track, Some(&[]), Some(false), false),
            Some(RestorePhase::Restored("a.zip".into()))
        );
        track.went_away = false;
        assert_eq!(
            verdict(&track, Some(&[]), Some(false), false),
            Some(RestorePhase::Restored("a.zip".into()))
        );
        // A failure in the log wins over everything.
        let failed = [failure("new", "a.zip", "2026-11-30 06:31:00.000Z")];
        assert!(matches!(
            verdict(&track, Some(&failed), Some(false), false),
            Some(RestorePhase::Failed { .. })
        ));
    }
}
