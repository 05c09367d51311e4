//! Cron expressions exactly as PocketBase reads them (its `tools/cron` package), so the panel
//! refuses what the server would refuse, for the same reason, and predicts the runs it makes.
//!
//! PocketBase's dialect, tried against 0.40.6: a macro (`@daily`, case as written) or five
//! fields separated by single spaces — minute, hour, day of the month, month, day of the week
//! (0–6, Sunday is 0; 7 and names such as `SUN` or `JAN` are refused). A field is a list of
//! `*`, `n`, `a-b`, `*/s` or `a-b/s` parts, a step between 1 and the field's maximum. A moment
//! is due when **all five** fields match (unlike classic cron, which ORs the two day fields),
//! and the clock is UTC.

use super::time::civil_from_days;

/// One of the five fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CronField {
    Minute,
    Hour,
    Day,
    Month,
    Weekday,
}

impl CronField {
    pub const ALL: [CronField; 5] = [
        CronField::Minute,
        CronField::Hour,
        CronField::Day,
        CronField::Month,
        CronField::Weekday,
    ];

    /// The smallest and largest value PocketBase accepts in this field.
    pub fn bounds(self) -> (u32, u32) {
        match self {
            CronField::Minute => (0, 59),
            CronField::Hour => (0, 23),
            CronField::Day => (1, 31),
            CronField::Month => (1, 12),
            CronField::Weekday => (0, 6),
        }
    }
}

/// Why an expression would be refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CronProblem {
    /// Not a macro, and not five fields separated by single spaces; `fields` is what a split
    /// on single spaces gives (an extra space makes an empty field).
    Shape { fields: usize },
    /// One part of one field.
    Field {
        field: CronField,
        part: String,
        why: PartProblem,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartProblem {
    /// Empty, or not a whole number (PocketBase reads numbers only).
    NotANumber,
    /// A name such as `SUN` or `JAN`, which PocketBase does not read.
    Name,
    /// Outside the field's bounds.
    OutOfRange,
    /// `7` for Sunday, which PocketBase refuses (Sunday is 0).
    SundayAsSeven,
    /// A range whose end comes before its start.
    Backwards,
    /// A step below 1 or above the field's maximum.
    BadStep,
    /// A step after a single value (`5/10`): only `*` and ranges take one.
    StepWithoutRange,
    /// More than one `/` or `-`.
    Malformed,
}

/// The values one field lets through, as bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slots(u64);

impl Slots {
    pub fn has(self, value: u32) -> bool {
        value < 64 && self.0 & (1 << value) != 0
    }

    /// The values, ascending.
    pub fn values(self) -> impl Iterator<Item = u32> {
        (0..64).filter(move |&v| self.has(v))
    }

    pub fn count(self) -> u32 {
        self.0.count_ones()
    }

    /// Every value of the field's bounds.
    pub fn is_every(self, field: CronField) -> bool {
        let (min, max) = field.bounds();
        (min..=max).all(|v| self.has(v))
    }

    /// `Some(step)` when the values are `min, min + step, …` up to the bounds, as `*/step`
    /// writes them (step ≥ 2).
    pub fn every_nth(self, field: CronField) -> Option<u32> {
        let (min, max) = field.bounds();
        let mut values = self.values();
        let (first, second) = (values.next()?, values.next()?);
        let step = second - first;
        let expected = (min..=max).step_by(step as usize);
        (first == min && step >= 2 && self.values().eq(expected)).then_some(step)
    }
}

/// A parsed expression: the values each field lets through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub minutes: Slots,
    pub hours: Slots,
    pub days: Slots,
    pub months: Slots,
    pub weekdays: Slots,
}

/// How far ahead runs are looked for: a schedule such as `0 0 29 2 1` (29 February, when it is
/// a Monday) comes round only every few decades; `0 0 31 2 *` never does.
const HORIZON_DAYS: i64 = 50 * 366;

const MINUTE_MS: i64 = 60_000;
const DAY_MINUTES: i64 = 1_440;

/// PocketBase's macros, matched exactly (`@DAILY` and ` @daily` are refused).
const MACROS: [(&str, &str); 7] = [
    ("@yearly", "0 0 1 1 *"),
    ("@annually", "0 0 1 1 *"),
    ("@monthly", "0 0 1 * *"),
    ("@weekly", "0 0 * * 0"),
    ("@daily", "0 0 * * *"),
    ("@midnight", "0 0 * * *"),
    ("@hourly", "0 * * * *"),
];

impl Schedule {
    /// Reads `expression` as PocketBase does, or says which part it would refuse and why.
    pub fn parse(expression: &str) -> Result<Schedule, CronProblem> {
        let expression = MACROS
            .iter()
            .find(|(name, _)| *name == expression)
            .map_or(expression, |(_, fields)| fields);
        let segments: Vec<&str> = expression.split(' ').collect();
        let [minute, hour, day, month, weekday] = segments[..] else {
            return Err(CronProblem::Shape {
                fields: segments.len(),
            });
        };
        Ok(Schedule {
            minutes: parse_field(CronField::Minute, minute)?,
            hours: parse_field(CronField::Hour, hour)?,
            days: parse_field(CronField::Day, day)?,
            months: parse_field(CronField::Month, month)?,
            weekdays: parse_field(CronField::Weekday, weekday)?,
        })
    }

    pub fn slots(&self, field: CronField) -> Slots {
        match field {
            CronField::Minute => self.minutes,
            CronField::Hour => self.hours,
            CronField::Day => self.days,
            CronField::Month => self.months,
            CronField::Weekday => self.weekdays,
        }
    }

    /// The instants (ms since the epoch, UTC, on whole minutes) at which PocketBase runs the
    /// job, strictly after `after_ms`, ascending; ends after [`HORIZON_DAYS`].
    pub fn runs_after(self, after_ms: i64) -> impl Iterator<Item = i64> {
        let mut minute = after_ms.div_euclid(MINUTE_MS) + 1;
        let horizon = minute + HORIZON_DAYS * DAY_MINUTES;
        std::iter::from_fn(move || {
            while minute < horizon {
                let day = minute.div_euclid(DAY_MINUTES);
                let in_day = minute - day * DAY_MINUTES;
                let hour = (in_day / 60) as u32;
                if !self.day_matches(day) {
                    minute = (day + 1) * DAY_MINUTES;
                } else if !self.hours.has(hour) {
                    minute = day * DAY_MINUTES + (i64::from(hour) + 1) * 60;
                } else if !self.minutes.has((in_day % 60) as u32) {
                    minute += 1;
                } else {
                    minute += 1;
                    return Some((minute - 1) * MINUTE_MS);
                }
            }
            None
        })
    }

    /// How many runs fall in `(after_ms, until_ms]`, counting no further than `limit`.
    pub fn runs_between(self, after_ms: i64, until_ms: i64, limit: usize) -> usize {
        self.runs_after(after_ms)
            .take_while(|&at| at <= until_ms)
            .take(limit)
            .count()
    }

    /// Whether the day `day` (counted from 1970-01-01) matches the month, day and weekday.
    fn day_matches(&self, day: i64) -> bool {
        let (_, month, day_of_month) = civil_from_days(day);
        // 1970-01-01 was a Thursday (4).
        let weekday = (day + 4).rem_euclid(7);
        self.months.has(month as u32)
            && self.days.has(day_of_month as u32)
            && self.weekdays.has(weekday as u32)
    }
}

/// One field: `part[,part…]`, each `*`, `n`, `a-b`, `*/s` or `a-b/s`.
fn parse_field(field: CronField, segment: &str) -> Result<Slots, CronProblem> {
    let (min, max) = field.bounds();
    let mut slots = 0u64;
    for part in segment.split(',') {
        let problem = |why| CronProblem::Field {
            field,
            part: part.to_owned(),
            why,
        };
        let (range, step) = match part.split('/').collect::<Vec<_>>()[..] {
            [range] => (range, None),
            [range, step] => (range, Some(step)),
            _ => return Err(problem(PartProblem::Malformed)),
        };
        let step = match step {
            None => 1,
            Some(step) => match go_atoi(step) {
                Err(why) => return Err(problem(why)),
                Ok(step) if step < 1 || step > i64::from(max) => {
                    return Err(problem(PartProblem::BadStep))
                }
                Ok(step) => step as u32,
            },
        };
        let value = |text: &str| {
            let value = go_atoi(text).map_err(problem)?;
            if field == CronField::Weekday && value == 7 {
                return Err(problem(PartProblem::SundayAsSeven));
            }
            if value < i64::from(min) || value > i64::from(max) {
                return Err(problem(PartProblem::OutOfRange));
            }
            Ok(value as u32)
        };
        let (from, to) = if range == "*" {
            (min, max)
        } else {
            match range.split('-').collect::<Vec<_>>()[..] {
                [single] if step != 1 => {
                    // PocketBase checks this before it reads the number.
                    let _ = single;
                    return Err(problem(PartProblem::StepWithoutRange));
                }
                [single] => {
                    let at = value(single)?;
                    (at, at)
                }
                [from, to] => {
                    let from = value(from)?;
                    let to = go_atoi(to).map_err(problem)?;
                    if to < i64::from(from) {
                        return Err(problem(PartProblem::Backwards));
                    }
                    if to > i64::from(max) {
                        return Err(problem(PartProblem::OutOfRange));
                    }
                    (from, to as u32)
                }
                _ => return Err(problem(PartProblem::Malformed)),
            }
        };
        for at in (from..=to).step_by(step as usize) {
            slots |= 1 << at;
        }
    }
    Ok(Slots(slots))
}

/// A whole number as Go's `strconv.Atoi` reads it: an optional sign, then decimal digits.
/// (A `-` never reaches it in a cron field: it separates ranges.)
fn go_atoi(text: &str) -> Result<i64, PartProblem> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.chars().any(|c| c.is_ascii_alphabetic()) {
        return Err(PartProblem::Name);
    }
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PartProblem::NotANumber);
    }
    // More digits than an i64 holds: Go refuses them too (out of range).
    let value: i64 = digits.parse().map_err(|_| PartProblem::OutOfRange)?;
    Ok(if text.starts_with('-') { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::parse_modified;

    fn at(text: &str) -> i64 {
        parse_modified(text).unwrap()
    }

    fn next(expression: &str, after: &str, count: usize) -> Vec<String> {
        let schedule = Schedule::parse(expression).unwrap();
        schedule
            .runs_after(at(after))
            .take(count)
            .map(crate::api::utc_stamp)
            .collect()
    }

    fn problem(expression: &str) -> (CronField, String, PartProblem) {
        match Schedule::parse(expression) {
            Err(CronProblem::Field { field, part, why }) => (field, part, why),
            other => panic!("{expression:?}: {other:?}"),
        }
    }

    #[test]
    fn reads_ranges_steps_lists_and_macros() {
        let s = Schedule::parse("*/15 0-6/2 1,15 * 1-5").unwrap();
        assert_eq!(s.minutes.values().collect::<Vec<_>>(), [0, 15, 30, 45]);
        assert_eq!(s.hours.values().collect::<Vec<_>>(), [0, 2, 4, 6]);
        assert_eq!(s.days.values().collect::<Vec<_>>(), [1, 15]);
        assert!(s.months.is_every(CronField::Month));
        assert_eq!(s.weekdays.values().collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
        assert_eq!(s.minutes.every_nth(CronField::Minute), Some(15));
        assert_eq!(s.hours.every_nth(CronField::Hour), None);
        assert_eq!(
            Schedule::parse("@daily"),
            Schedule::parse("0 0 * * *"),
            "a macro is its expression"
        );
        assert_eq!(Schedule::parse("@weekly"), Schedule::parse("0 0 * * 0"));
        // Accepted by PocketBase 0.40.6 (tried): a sign, leading zeros, a step of 1 after a value.
        for accepted in [
            "+5 * * * *",
            "007 * * * *",
            "1/1 * * * *",
            "0 0 * * 0-6/2",
            "0 0 31 2 *",
        ] {
            assert!(Schedule::parse(accepted).is_ok(), "{accepted:?}");
        }
    }

    #[test]
    fn refuses_what_pocketbase_refuses_and_says_where() {
        // Each refused by PocketBase 0.40.6 with `validation_invalid_cron` (tried).
        for shape in [
            "",
            "@DAILY",
            " @daily",
            "0  0 * * *",
            "0 0 * * * ",
            "0 0 * *",
            "0 0 0 * * *",
        ] {
            assert!(
                matches!(Schedule::parse(shape), Err(CronProblem::Shape { .. })),
                "{shape:?}"
            );
        }
        assert_eq!(
            problem("0 0 * * 7"),
            (CronField::Weekday, "7".into(), PartProblem::SundayAsSeven)
        );
        assert_eq!(
            problem("0 0 * * SUN"),
            (CronField::Weekday, "SUN".into(), PartProblem::Name)
        );
        assert_eq!(
            problem("0 0 * JAN *"),
            (CronField::Month, "JAN".into(), PartProblem::Name)
        );
        assert_eq!(
            problem("1/5 * * * *"),
            (
                CronField::Minute,
                "1/5".into(),
                PartProblem::StepWithoutRange
            )
        );
        assert_eq!(
            problem("*/60 * * * *"),
            (CronField::Minute, "*/60".into(), PartProblem::BadStep)
        );
        assert_eq!(problem("*/0 * * * *").2, PartProblem::BadStep);
        assert_eq!(problem("0 0 * * */7").2, PartProblem::BadStep);
        assert_eq!(
            problem("5-3 * * * *"),
            (CronField::Minute, "5-3".into(), PartProblem::Backwards)
        );
        assert_eq!(
            problem("0 24 * * *"),
            (CronField::Hour, "24".into(), PartProblem::OutOfRange)
        );
        assert_eq!(problem("0 0 0 * *").0, CronField::Day);
        assert_eq!(problem("0 0 * 13 *").0, CronField::Month);
        assert_eq!(problem("0 0 * 1-13 *").2, PartProblem::OutOfRange);
        assert_eq!(problem("1,,2 * * * *").2, PartProblem::NotANumber);
        assert_eq!(problem("-5 * * * *").2, PartProblem::NotANumber);
        assert_eq!(problem("1-2-3 * * * *").2, PartProblem::Malformed);
        assert_eq!(problem("*/2/2 * * * *").2, PartProblem::Malformed);
        assert_eq!(
            problem("99999999999999999999 * * * *").2,
            PartProblem::OutOfRange
        );
    }

    #[test]
    fn finds_the_next_runs_in_utc() {
        // 2026-12-02 is a Wednesday.
        assert_eq!(
            next("0 0 * * *", "2026-12-02 18:00:00Z", 3),
            ["20261203000000", "20261204000000", "20261205000000"]
        );
        // A run at this very minute has happened already.
        assert_eq!(
            next("0 0 * * *", "2026-12-03 00:00:30Z", 1),
            ["20261204000000"]
        );
        assert_eq!(
            next("0 */6 * * *", "2026-12-02 18:00:00Z", 3),
            ["20261203000000", "20261203060000", "20261203120000"]
        );
        // Sundays: 0 only.
        assert_eq!(
            next("0 0 * * 0", "2026-12-02 18:00:00Z", 2),
            ["20261206000000", "20261213000000"]
        );
        assert_eq!(
            next("@monthly", "2026-12-02 18:00:00Z", 2),
            ["20270101000000", "20270201000000"]
        );
        assert_eq!(
            next("30 9 * * 1-5", "2026-12-04 10:00:00Z", 2),
            ["20261207093000", "20261208093000"]
        );
    }

    #[test]
    fn both_day_fields_must_match_and_month_ends_are_respected() {
        // PocketBase ANDs the day of the month and the weekday: the 1st, when it is a Sunday.
        assert_eq!(
            next("0 0 1 * 0", "2026-01-01 00:00:00Z", 2),
            ["20260201000000", "20260301000000"]
        );
        assert_eq!(
            next("0 0 31 * *", "2026-01-31 12:00:00Z", 2),
            ["20260331000000", "20260531000000"]
        );
        assert_eq!(
            next("0 0 29 2 *", "2026-01-01 00:00:00Z", 1),
            ["20280229000000"]
        );
        let never = Schedule::parse("0 0 31 2 *").unwrap();
        assert_eq!(never.runs_after(at("2026-01-01 00:00:00Z")).next(), None);
    }

    #[test]
    fn counts_runs_between_two_instants() {
        let daily = Schedule::parse("0 0 * * *").unwrap();
        let from = at("2026-11-28 00:00:05Z");
        assert_eq!(daily.runs_between(from, at("2026-11-29 00:00:00Z"), 5), 1);
        assert_eq!(daily.runs_between(from, at("2026-11-28 23:59:59Z"), 5), 0);
        assert_eq!(daily.runs_between(from, at("2026-12-02 12:00:00Z"), 5), 4);
        assert_eq!(daily.runs_between(from, at("2026-12-02 12:00:00Z"), 2), 2);
        let minutely = Schedule::parse("* * * * *").unwrap();
        assert_eq!(minutely.runs_between(0, 10 * MINUTE_MS, 100), 10);
    }
}
