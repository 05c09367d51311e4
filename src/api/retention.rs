//! A retention policy over a list of backups: which it keeps and why, which it would delete.
//! Days, weeks (Monday first) and months are the admin's own calendar: each backup's time is
//! moved by the time zone's offset at that instant, so a daylight-saving change is respected.

/// What to keep. Periods are calendar periods counted back from now, this one included; a
/// period without a backup still counts (a gap does not stretch the window).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// The newest N, whatever their dates.
    pub last: u32,
    /// The newest backup of each of the last D days.
    pub days: u32,
    pub weeks: u32,
    pub months: u32,
    /// Also judge backups not made by the schedule (`@auto_`); else they are always kept.
    pub manual_too: bool,
}

/// Why a backup is kept; the first that applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Not an automatic backup, and the policy leaves those alone.
    NotAutomatic,
    /// Among the newest N.
    Last,
    /// The newest of its day, week or month.
    Day,
    Week,
    Month,
    /// Its date is unknown: nothing is deleted on a guess.
    Undated,
}

/// A backup as the planner sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dated {
    pub automatic: bool,
    /// Milliseconds since the epoch; `None` when the server's date did not read.
    pub modified_ms: Option<i64>,
}

const DAY_MS: i64 = 86_400_000;

/// The period (day, week or month number) a local day falls in.
type PeriodOf = fn(i64) -> i64;

/// For each backup, in the order given: `Some(reason)` kept, `None` deleted. `offset_ms(t)` is
/// the local time zone's offset from UTC at instant `t` (east positive).
pub fn plan(
    backups: &[Dated],
    policy: &Policy,
    now_ms: i64,
    offset_ms: impl Fn(i64) -> i64,
) -> Vec<Option<Kept>> {
    let day_of = |ms: i64| (ms + offset_ms(ms)).div_euclid(DAY_MS);
    let today = day_of(now_ms);
    let periods: [(Kept, u32, PeriodOf); 3] = [
        (Kept::Day, policy.days, |day| day),
        (Kept::Week, policy.weeks, week_of),
        (Kept::Month, policy.months, month_of),
    ];
    let mut decisions: Vec<Option<Kept>> = vec![None; backups.len()];
    // Judged newest first; the rest wait for a reason.
    let mut judged: Vec<usize> = Vec::new();
    for (at, backup) in backups.iter().enumerate() {
        match backup.modified_ms {
            _ if !backup.automatic && !policy.manual_too => {
                decisions[at] = Some(Kept::NotAutomatic)
            }
            None => decisions[at] = Some(Kept::Undated),
            Some(_) => judged.push(at),
        }
    }
    judged.sort_unstable_by_key(|&at| std::cmp::Reverse(backups[at].modified_ms));
    for &at in judged.iter().take(policy.last as usize) {
        decisions[at] = Some(Kept::Last);
    }
    for (reason, count, period_of) in periods {
        let first = period_of(today) - i64::from(count) + 1;
        let mut last_period = None;
        for &at in &judged {
            let period = period_of(day_of(backups[at].modified_ms.unwrap_or_default()));
            // Newest first: the first of each period is its newest.
            if count == 0 || period < first || last_period == Some(period) {
                continue;
            }
            last_period = Some(period);
            decisions[at].get_or_insert(reason);
        }
    }
    decisions
}

/// Monday-first weeks: day 0 (1970-01-01) was a Thursday.
fn week_of(day: i64) -> i64 {
    (day + 3).div_euclid(7)
}

/// Months since year 0 of the civil (proleptic Gregorian) calendar.
fn month_of(day: i64) -> i64 {
    let (year, month) = civil_year_month(day);
    year * 12 + month - 1
}

/// The year and month (1–12) of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
fn civil_year_month(day: i64) -> (i64, i64) {
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-01-01T00:00:00Z
    const JAN_1: i64 = 1_767_225_600_000;
    const HOUR: i64 = 3_600_000;

    fn auto(ms: i64) -> Dated {
        Dated {
            automatic: true,
            modified_ms: Some(ms),
        }
    }

    fn utc(_: i64) -> i64 {
        0
    }

    #[test]
    fn civil_months_across_month_ends_and_leap_years() {
        assert_eq!(civil_year_month(0), (1970, 1));
        let day = |ms: i64| ms.div_euclid(DAY_MS);
        assert_eq!(civil_year_month(day(JAN_1)), (2026, 1));
        assert_eq!(civil_year_month(day(JAN_1) - 1), (2025, 12));
        // 2028 is a leap year: Feb 29 is in February, Mar 1 in March.
        let feb_29_2028 = day(JAN_1) + 365 + 365 + 31 + 28;
        assert_eq!(civil_year_month(feb_29_2028), (2028, 2));
        assert_eq!(civil_year_month(feb_29_2028 + 1), (2028, 3));
        assert_eq!(week_of(day(JAN_1)), week_of(day(JAN_1) - 3)); // Thu and the Monday before
        assert_ne!(week_of(day(JAN_1)), week_of(day(JAN_1) - 4)); // ... and the Sunday before
    }

    #[test]
    fn keeps_the_newest_n_and_leaves_manual_backups_alone() {
        let backups = [
            auto(JAN_1),
            auto(JAN_1 + HOUR),
            Dated {
                automatic: false,
                modified_ms: Some(JAN_1 - 10 * DAY_MS),
            },
            auto(JAN_1 + 2 * HOUR),
            Dated {
                automatic: true,
                modified_ms: None,
            },
        ];
        let policy = Policy {
            last: 2,
            ..Policy::default()
        };
        let decided = plan(&backups, &policy, JAN_1 + 3 * HOUR, utc);
        assert_eq!(
            decided,
            [
                None,
                Some(Kept::Last),
                Some(Kept::NotAutomatic),
                Some(Kept::Last),
                Some(Kept::Undated)
            ]
        );
        let all = Policy {
            manual_too: true,
            ..policy
        };
        assert_eq!(plan(&backups, &all, JAN_1 + 3 * HOUR, utc)[2], None);
    }

    #[test]
    fn one_a_day_for_d_days_counting_gaps() {
        // Two a day at 01:00 and 13:00 for ten days, then a gap of three days, then today.
        let mut backups = Vec::new();
        for day in 0..10 {
            backups.push(auto(JAN_1 + day * DAY_MS + HOUR));
            backups.push(auto(JAN_1 + day * DAY_MS + 13 * HOUR));
        }
        let now = JAN_1 + 13 * DAY_MS + 14 * HOUR;
        backups.push(auto(now - HOUR));
        let policy = Policy {
            days: 7,
            ..Policy::default()
        };
        let decided = plan(&backups, &policy, now, utc);
        // Today and days 7, 8 and 9 (the gap's days 10–12 count toward the seven).
        let kept: Vec<usize> = (0..backups.len())
            .filter(|&i| decided[i].is_some())
            .collect();
        assert_eq!(kept, [15, 17, 19, 20]);
        assert!(decided.iter().flatten().all(|&k| k == Kept::Day));
    }

    #[test]
    fn weeks_start_on_monday_and_months_end_where_they_do() {
        // 2026-01-31 23:30 and 2026-02-01 00:30 UTC: two months, and (Sat, Sun) one week.
        let jan_31 = JAN_1 + 30 * DAY_MS + 23 * HOUR + HOUR / 2;
        let feb_1 = jan_31 + HOUR;
        let backups = [auto(jan_31 - DAY_MS), auto(jan_31), auto(feb_1)];
        let now = feb_1 + HOUR;
        let monthly = Policy {
            months: 2,
            ..Policy::default()
        };
        assert_eq!(
            plan(&backups, &monthly, now, utc),
            [None, Some(Kept::Month), Some(Kept::Month)]
        );
        let weekly = Policy {
            weeks: 1,
            ..Policy::default()
        };
        assert_eq!(
            plan(&backups, &weekly, now, utc),
            [None, None, Some(Kept::Week)]
        );
    }

    #[test]
    fn days_follow_the_local_time_zone() {
        // 23:30 and 00:30 UTC are two UTC days, but one day at UTC-2.
        let late = JAN_1 - HOUR / 2;
        let early = JAN_1 + HOUR / 2;
        let backups = [auto(late), auto(early)];
        let policy = Policy {
            days: 2,
            ..Policy::default()
        };
        let now = JAN_1 + HOUR;
        assert_eq!(
            plan(&backups, &policy, now, utc),
            [Some(Kept::Day), Some(Kept::Day)]
        );
        let west = |_: i64| -2 * HOUR;
        assert_eq!(plan(&backups, &policy, now, west), [None, Some(Kept::Day)]);
        // An offset that changes between the two (daylight saving) is read at each instant.
        let changing = |t: i64| if t < JAN_1 { -2 * HOUR } else { 0 };
        assert_eq!(
            plan(&backups, &policy, now, changing),
            [Some(Kept::Day), Some(Kept::Day)]
        );
    }
}
