//! Uploads: a check of the file before any byte is sent, then the upload with its progress and
//! a way to cancel it.

use leptos::prelude::*;
use web_sys::File;

use super::backups::BackupsState;
use super::browser::read_slice;
use crate::api::zip::{self, ZipProblem};
use crate::api::ApiError;

/// PocketBase cuts requests that take longer than this.
pub const SERVER_TIMEOUT_SECONDS: u64 = 5 * 60;

/// What the browser can tell about a file before uploading it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadCheck {
    Fine,
    /// The server would refuse it: not sent.
    Refused(UploadRefusal),
    /// The server accepts it, but its zip lists no `data.db`, so it is unlikely to be a backup
    /// and restoring it would fail: sent only if the admin insists.
    NoDataDb,
}

/// Why a file would be refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadRefusal {
    Empty,
    NotZip,
    Unreadable,
    /// The server has a backup of this name.
    NameTaken(String),
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

impl BackupsState {
    /// Checks a file before any byte is sent, reading only its first bytes and its zip central
    /// directory: the server's own refusals (empty, not a zip, name taken), and whether it holds
    /// `data.db` like every PocketBase backup.
    pub async fn check_upload(self, file: &File) -> UploadCheck {
        let size = file.size() as u64;
        if size == 0 {
            return UploadCheck::Refused(UploadRefusal::Empty);
        }
        if self.has_key(&file.name()) {
            return UploadCheck::Refused(UploadRefusal::NameTaken(file.name()));
        }
        let read = |start, end| Box::pin(read_slice(file, start, end)) as _;
        match zip::lists_file(size, "data.db", &read).await {
            Err(ZipProblem::NotZip) => UploadCheck::Refused(UploadRefusal::NotZip),
            Err(ZipProblem::Unreadable) => UploadCheck::Refused(UploadRefusal::Unreadable),
            Ok(Some(false)) => UploadCheck::NoDataDb,
            Ok(_) => UploadCheck::Fine,
        }
    }

    pub fn upload_progress(&self) -> Signal<Option<UploadProgress>> {
        self.upload.into()
    }

    /// `POST /api/backups/upload`: the browser streams the file; its key is the file's name.
    /// One upload at a time.
    pub async fn upload(self, file: File) -> Result<(), ApiError> {
        let client = self.client()?;
        let name = file.name();
        let total = file.size() as u64;
        self.upload.set(Some(UploadProgress::new(
            name.clone(),
            total,
            js_sys::Date::now(),
        )));
        let progress = self.upload;
        let started = client.start_upload(&file, move |sent, body| {
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
                self.upload_canceller.set_value(Some(request.canceller()));
                let answer = request.finish().await;
                self.upload_canceller.set_value(None);
                self.session.screen(&client, answer)
            }
            Err(error) => Err(error),
        };
        self.upload.try_set(None);
        if result.is_ok() {
            self.refresh();
        }
        result
    }

    /// Aborts the running upload; the server stores nothing of an incomplete request.
    pub fn cancel_upload(&self) {
        if let Some(canceller) = self.upload_canceller.get_value() {
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
