//! Uploads: a check of the file before any byte is sent, then the upload with its progress and
//! a way to cancel it. The upload belongs to the signed-in server's state: it goes on whichever
//! page shows, and only signing out (or leaving the panel) stops it.

use leptos::prelude::*;
use web_sys::File;

use super::browser::{read_slice, sleep};
use super::list::BackupList;
use super::toasts::{Notice, Toasts};
use crate::api::zip::{self, ZipProblem};
use crate::api::{ApiError, PocketBase, UploadCanceller};

/// PocketBase cuts requests that take longer than this.
pub const SERVER_TIMEOUT_SECONDS: u64 = 5 * 60;

/// What the browser can tell about a file before uploading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadCheck {
    /// The server would refuse it: not sent.
    Refused(UploadRefusal),
    /// The server accepts it. `no_data_db`: its zip lists no `data.db`, so it is unlikely to be
    /// a backup and restoring it would fail (sent only if the admin insists); `name_taken`: the
    /// server has a backup of its name, so it goes under another.
    Fine { no_data_db: bool, name_taken: bool },
}

/// Why a file would be refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UploadRefusal {
    Empty,
    NotZip,
    Unreadable,
}

/// Why a name to upload a file under cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UploadNameProblem {
    Empty,
    /// `/` or `\`: the server would keep only the last part of it.
    HasSlash,
    Taken,
}

/// What became of an upload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadOutcome {
    Uploaded(String),
    /// Cancelled, and the list confirms that nothing was stored.
    Cancelled,
    /// Cancelled too late: the server stored it, and the list shows it.
    StoredDespiteCancel(String),
    /// Cancelled; whether the server stored it could not be read.
    CancelUnconfirmed(String),
    Failed(ApiError),
    /// The answer was lost (a dropped connection, a proxy giving up) and the list, read a few
    /// times afterwards, does not hold it: the server did not store it.
    LostNotStored(ApiError),
    /// The answer was lost and the list could not be read: it may have been stored.
    LostUnknown(String),
}

/// Waits (ms) before each read of the list after a cancel: the last bytes may have left, and
/// the server may be storing them.
const AFTER_CANCEL: &[i32] = &[1_000, 1_000, 1_000];
/// After a lost answer: a proxy gives up while the server may still be writing (to S3, say), so
/// "not stored" is said only when the list has lacked it for about half a minute.
const AFTER_LOSS: &[i32] = &[1_000, 2_000, 4_000, 8_000, 15_000];

/// Whether the server stored `name` after all, read from the list after each of `waits`;
/// `None` when the list could not be read.
async fn look_for(client: &PocketBase, name: &str, waits: &[i32]) -> Option<bool> {
    let mut read_once = false;
    for wait in waits {
        sleep(*wait).await;
        if let Ok(list) = client.list(Some("key")).await {
            if list.iter().any(|b| b.key == name) {
                return Some(true);
            }
            read_once = true;
        }
    }
    read_once.then_some(false)
}

/// `name` with `_2`, `_3`, … before its extension: the first that `taken` does not hold.
pub fn free_upload_name(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => (stem, format!(".{extension}")),
        _ => (name, String::new()),
    };
    (2..)
        .map(|n| format!("{stem}_{n}{extension}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_default()
}

/// How far an upload has got. Times are milliseconds since the epoch.
#[derive(Clone, Debug, PartialEq)]
pub struct UploadProgress {
    pub name: String,
    pub total: u64,
    pub sent: u64,
    pub started_ms: f64,
    pub updated_ms: f64,
    /// Where the current speed measurement started: time and bytes.
    mark: (f64, u64),
    /// The speed over the last measurement window, once there is one.
    recent_speed: Option<u64>,
}

/// Speed is measured over windows this long: a burst into the network buffers at the start
/// must not keep the estimate optimistic for minutes, as an average since the start would.
const SPEED_WINDOW_MS: f64 = 3_000.0;

impl UploadProgress {
    pub fn new(name: String, total: u64, now_ms: f64) -> Self {
        Self {
            name,
            total,
            sent: 0,
            started_ms: now_ms,
            updated_ms: now_ms,
            mark: (now_ms, 0),
            recent_speed: None,
        }
    }

    /// Notes that `sent` bytes of the file have left the browser by `now_ms`.
    pub fn record(&mut self, sent: u64, now_ms: f64) {
        self.sent = sent;
        self.updated_ms = now_ms;
        let (mark_ms, mark_sent) = self.mark;
        if now_ms - mark_ms >= SPEED_WINDOW_MS {
            let seconds = (now_ms - mark_ms) / 1000.0;
            self.recent_speed = Some((sent.saturating_sub(mark_sent) as f64 / seconds) as u64);
            self.mark = (now_ms, sent);
        }
    }

    /// Every byte has left the browser: the server is storing the file, and cancelling could
    /// no longer stop it.
    pub fn finishing(&self) -> bool {
        self.total > 0 && self.sent >= self.total
    }

    pub fn percent(&self) -> u64 {
        if self.total == 0 {
            return 100;
        }
        (self.sent.min(self.total) * 100) / self.total
    }

    fn elapsed_seconds(&self) -> f64 {
        (self.updated_ms - self.started_ms) / 1000.0
    }

    /// The speed over the last few seconds, else the average so far; `None` until there is
    /// enough to measure.
    pub fn bytes_per_second(&self) -> Option<u64> {
        let seconds = self.elapsed_seconds();
        let average =
            (seconds >= 0.5 && self.sent > 0).then(|| (self.sent as f64 / seconds) as u64);
        self.recent_speed.or(average)
    }

    pub fn seconds_left(&self) -> Option<u64> {
        let speed = self.bytes_per_second().filter(|&s| s > 0)?;
        Some(self.total.saturating_sub(self.sent).div_ceil(speed))
    }

    /// At this speed the whole request would outlast the server's timeout.
    pub fn outlasts_server_timeout(&self) -> bool {
        self.seconds_left()
            .is_some_and(|left| self.elapsed_seconds() as u64 + left > SERVER_TIMEOUT_SECONDS)
    }
}

/// The upload running, one at a time: its progress, and how to cancel it.
#[derive(Clone, Copy)]
pub struct Uploads {
    list: BackupList,
    progress: RwSignal<Option<UploadProgress>>,
    canceller: StoredValue<Option<UploadCanceller>, LocalStorage>,
    /// How the last upload ended, where the upload zone says it (a cancel, a failure); the
    /// other outcomes are toasts.
    ended: RwSignal<Option<UploadOutcome>>,
    toasts: Toasts,
}

impl Uploads {
    pub(super) fn new(list: BackupList, toasts: Toasts) -> Self {
        Self {
            list,
            progress: RwSignal::new(None),
            canceller: StoredValue::new_local(None),
            ended: RwSignal::new(None),
            toasts,
        }
    }

    /// How the last upload ended, if the upload zone says it.
    pub fn ended(&self) -> Signal<Option<UploadOutcome>> {
        self.ended.into()
    }

    /// A new file is picked: what was said of the last one no longer applies.
    pub fn forget_ended(&self) {
        if self.ended.with_untracked(Option::is_some) {
            self.ended.set(None);
        }
    }

    /// Checks a file before any byte is sent, reading only its first bytes and its zip central
    /// directory: the server's own refusals (empty, not a zip, name taken), and whether it holds
    /// `data.db` like every PocketBase backup.
    pub async fn check(self, file: &File) -> UploadCheck {
        let size = file.size() as u64;
        if size == 0 {
            return UploadCheck::Refused(UploadRefusal::Empty);
        }
        let read = |start, end| Box::pin(read_slice(file, start, end)) as _;
        let no_data_db = match zip::lists_file(size, "data.db", &read).await {
            Err(ZipProblem::NotZip) => return UploadCheck::Refused(UploadRefusal::NotZip),
            Err(ZipProblem::Unreadable) => return UploadCheck::Refused(UploadRefusal::Unreadable),
            Ok(listed) => listed == Some(false),
        };
        UploadCheck::Fine {
            no_data_db,
            name_taken: self.list.is_listed_untracked(&file.name()),
        }
    }

    /// Why a file cannot be uploaded under `name`, if it cannot.
    pub fn name_problem(&self, name: &str) -> Option<UploadNameProblem> {
        if name.trim().is_empty() {
            Some(UploadNameProblem::Empty)
        } else if name.contains(['/', '\\']) {
            Some(UploadNameProblem::HasSlash)
        } else {
            self.list
                .is_listed(name)
                .then_some(UploadNameProblem::Taken)
        }
    }

    /// A name the list does not hold yet, made from `name`.
    pub fn free_name(&self, name: &str) -> String {
        free_upload_name(name, |candidate| self.list.is_listed_untracked(candidate))
    }

    pub fn progress(&self) -> Signal<Option<UploadProgress>> {
        self.progress.into()
    }

    /// `POST /api/backups/upload` of `file` under `name`: the browser streams the file, with
    /// the signed-in server's state. One upload at a time. A cancelled upload is reported as
    /// such, and a lost answer as anything, only once the list tells what the server stored.
    pub fn upload(self, file: File, name: String) {
        if self.progress.with_untracked(Option::is_some) {
            return;
        }
        self.ended.set(None);
        self.progress.set(Some(UploadProgress::new(
            name.clone(),
            file.size() as u64,
            js_sys::Date::now(),
        )));
        self.list.tasks.spawn(async move {
            let outcome = self.send(file, name).await;
            match outcome {
                UploadOutcome::Cancelled
                | UploadOutcome::Failed(_)
                | UploadOutcome::LostNotStored(_) => self.ended.set(Some(outcome)),
                outcome => self.toasts.tell(Notice::Upload(outcome)),
            }
        });
    }

    async fn send(self, file: File, name: String) -> UploadOutcome {
        let client = match self.list.client() {
            Ok(client) => client,
            Err(error) => {
                self.progress.set(None);
                return UploadOutcome::Failed(error);
            }
        };
        let progress = self.progress;
        let started = client.start_upload(&file, &name, move |sent, body| {
            progress.try_update(|p| {
                if let Some(p) = p {
                    // The request body is the file plus a little multipart framing: report
                    // the share of it sent, in the file's bytes.
                    let in_file = (sent / body.max(1.0) * p.total as f64) as u64;
                    p.record(in_file, js_sys::Date::now());
                }
            });
        });
        let result = match started {
            Ok(request) => {
                self.canceller.set_value(Some(request.canceller()));
                let answer = request.finish().await;
                self.canceller.set_value(None);
                self.list.session.screen(&client, answer)
            }
            Err(error) => Err(error),
        };
        // A lost answer is a question only once every byte had left: before, the server
        // cannot have the whole file. It stays shown as finishing until the list tells.
        let finishing = progress.with_untracked(|p| p.as_ref().is_some_and(|p| p.finishing()));
        let lost = finishing && matches!(&result, Err(error) if error.outcome_unknown());
        if !lost {
            progress.set(None);
        }
        let outcome = match result {
            Ok(()) => UploadOutcome::Uploaded(name),
            Err(ApiError::Cancelled) => match look_for(&client, &name, AFTER_CANCEL).await {
                Some(true) => UploadOutcome::StoredDespiteCancel(name),
                Some(false) => UploadOutcome::Cancelled,
                None => UploadOutcome::CancelUnconfirmed(name),
            },
            Err(error) if lost => match look_for(&client, &name, AFTER_LOSS).await {
                Some(true) => UploadOutcome::Uploaded(name),
                Some(false) => UploadOutcome::LostNotStored(error),
                None => UploadOutcome::LostUnknown(name),
            },
            Err(error) => UploadOutcome::Failed(error),
        };
        progress.set(None);
        if matches!(
            outcome,
            UploadOutcome::Uploaded(_) | UploadOutcome::StoredDespiteCancel(_)
        ) {
            self.list.announce_change();
        }
        self.list.refresh();
        outcome
    }

    /// Aborts the running upload, unless every byte has left already: the server is storing
    /// it then, and an abort would only lose its answer.
    pub fn cancel(&self) {
        let finishing = self
            .progress
            .with_untracked(|p| p.as_ref().is_some_and(UploadProgress::finishing));
        if finishing {
            return;
        }
        if let Some(canceller) = self.canceller.get_value() {
            canceller.cancel();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn progress(sent: u64, total: u64, elapsed_ms: f64) -> UploadProgress {
        let mut p = UploadProgress::new("a.zip".into(), total, 1_000.0);
        p.record(sent, 1_000.0 + elapsed_ms);
        p
    }

    #[test]
    fn a_taken_name_gets_the_first_free_number() {
        let taken = |name: &str| ["a.zip", "a_2.zip", "noext"].contains(&name);
        assert_eq!(free_upload_name("a.zip", taken), "a_3.zip");
        assert_eq!(free_upload_name("b.zip", taken), "b_2.zip");
        assert_eq!(free_upload_name("noext", taken), "noext_2");
        assert_eq!(free_upload_name(".zip", taken), ".zip_2");
        assert_eq!(free_upload_name("x.tar.zip", taken), "x.tar_2.zip");
    }

    #[test]
    fn finishing_once_every_byte_left() {
        assert!(!progress(9, 10, 100.0).finishing());
        assert!(progress(10, 10, 100.0).finishing());
    }

    #[test]
    fn measures_speed_and_time_left() {
        let p = progress(2_000_000, 10_000_000, 2_000.0);
        assert_eq!(p.percent(), 20);
        assert_eq!(p.bytes_per_second(), Some(1_000_000));
        assert_eq!(p.seconds_left(), Some(8));
        assert!(!p.outlasts_server_timeout());
    }

    #[test]
    fn waits_for_data_before_estimating() {
        // Stalled for a whole window: the speed is known to be zero, the time left is not.
        assert_eq!(progress(0, 10, 5_000.0).bytes_per_second(), Some(0));
        assert_eq!(progress(0, 10, 5_000.0).seconds_left(), None);
        assert_eq!(progress(0, 10, 400.0).bytes_per_second(), None);
        assert_eq!(progress(5, 10, 100.0).seconds_left(), None);
        assert_eq!(progress(0, 0, 0.0).percent(), 100);
        assert_eq!(progress(20, 10, 0.0).percent(), 100);
    }

    #[test]
    fn speed_follows_the_last_seconds_not_the_first_burst() {
        let mut p = UploadProgress::new("a.zip".into(), 10_000_000, 0.0);
        // 1 MB vanishes into buffers at once, then 10 kB/s.
        p.record(1_000_000, 100.0);
        assert_eq!(p.bytes_per_second(), None);
        p.record(1_030_000, 3_100.0);
        p.record(1_060_000, 6_100.0);
        assert_eq!(p.bytes_per_second(), Some(10_000));
        assert!(p.outlasts_server_timeout());
    }

    #[test]
    fn warns_when_the_server_would_cut_the_upload() {
        // 1 MB/s for 1 GB: about 17 minutes.
        assert!(progress(10_000_000, 1_000_000_000, 10_000.0).outlasts_server_timeout());
        assert!(!progress(10_000_000, 200_000_000, 10_000.0).outlasts_server_timeout());
    }
}
