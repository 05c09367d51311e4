//! Whether automatic backups keep up with their schedule, from the schedule and the list alone.
//! Pure functions.

use crate::api::cron::Schedule;
use crate::api::BackupInfo;

/// PocketBase names the backups its job makes `@auto_pb_backup_…`.
pub const AUTO_PREFIX: &str = "@auto_";

/// A run counts as missed only this long after it was due: a large backup takes minutes.
pub const GRACE_MS: i64 = 15 * 60 * 1000;

/// What the list says about the schedule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Staleness {
    /// Keeping up.
    #[default]
    Fine,
    /// The newest automatic backup was made before `missed` (≥ 2) runs that came and went.
    Old { newest_ms: i64, missed: usize },
    /// No automatic backup exists, though the schedule, known since `since_ms`, had a run.
    NoneYet { since_ms: i64 },
}

/// The newest `@auto_` backup's time, if any.
pub fn newest_auto(rows: &[BackupInfo]) -> Option<i64> {
    rows.iter()
        .filter(|row| row.key.starts_with(AUTO_PREFIX))
        .filter_map(BackupInfo::modified_ms)
        .max()
}

/// Judges the schedule at `now_ms`: stale when the newest automatic backup is older than two of
/// its runs, or, with none at all, one run after the schedule was first known (`since_ms`).
pub fn staleness(
    schedule: Schedule,
    newest_ms: Option<i64>,
    since_ms: Option<i64>,
    now_ms: i64,
) -> Staleness {
    let until = now_ms - GRACE_MS;
    match (newest_ms, since_ms) {
        (Some(newest_ms), _) => match schedule.runs_between(newest_ms, until, 2) {
            missed @ 2.. => Staleness::Old { newest_ms, missed },
            _ => Staleness::Fine,
        },
        (None, Some(since_ms)) if schedule.runs_between(since_ms, until, 1) > 0 => {
            Staleness::NoneYet { since_ms }
        }
        (None, _) => Staleness::Fine,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::parse_modified;

    fn at(text: &str) -> i64 {
        parse_modified(text).unwrap()
    }

    fn row(key: &str, modified: &str) -> BackupInfo {
        BackupInfo {
            key: key.into(),
            size: 1,
            modified: modified.into(),
        }
    }

    #[test]
    fn the_newest_automatic_backup_counts_not_manual_ones() {
        let rows = [
            row("@auto_pb_backup_a_1.zip", "2026-11-30 00:00:05.000Z"),
            row("@auto_pb_backup_a_2.zip", "2026-12-01 00:00:05.000Z"),
            row("manual.zip", "2026-12-02 10:00:00.000Z"),
        ];
        assert_eq!(newest_auto(&rows), Some(at("2026-12-01 00:00:05Z")));
        assert_eq!(newest_auto(&rows[2..]), None);
    }

    #[test]
    fn stale_after_two_missed_runs_with_grace() {
        let daily = Schedule::parse("0 0 * * *").unwrap();
        let newest = Some(at("2026-12-01 00:00:05Z"));
        // One run missed (2 Dec): fine; the second (3 Dec) only counts 15 minutes after.
        assert_eq!(
            staleness(daily, newest, None, at("2026-12-02 23:00:00Z")),
            Staleness::Fine
        );
        assert_eq!(
            staleness(daily, newest, None, at("2026-12-03 00:10:00Z")),
            Staleness::Fine
        );
        assert_eq!(
            staleness(daily, newest, None, at("2026-12-03 00:16:00Z")),
            Staleness::Old {
                newest_ms: at("2026-12-01 00:00:05Z"),
                missed: 2
            }
        );
        // Hourly: two hours are enough.
        let hourly = Schedule::parse("@hourly").unwrap();
        assert!(matches!(
            staleness(hourly, newest, None, at("2026-12-01 02:20:00Z")),
            Staleness::Old { .. }
        ));
    }

    #[test]
    fn none_yet_is_stale_one_run_after_the_schedule_was_known() {
        let daily = Schedule::parse("0 0 * * *").unwrap();
        let since = Some(at("2026-12-01 12:00:00Z"));
        assert_eq!(
            staleness(daily, None, since, at("2026-12-01 23:59:00Z")),
            Staleness::Fine
        );
        assert_eq!(
            staleness(daily, None, since, at("2026-12-02 00:30:00Z")),
            Staleness::NoneYet {
                since_ms: at("2026-12-01 12:00:00Z")
            }
        );
        // Not known since when: nothing is claimed.
        assert_eq!(
            staleness(daily, None, None, at("2026-12-09 00:30:00Z")),
            Staleness::Fine
        );
    }
}
