//! PocketBase's UTC datetimes: read from the list, and written into backup names.

/// Parses PocketBase's UTC datetime, `YYYY-MM-DD HH:MM:SS[.fff]Z` (a `T` is accepted too).
pub fn parse_modified(text: &str) -> Option<i64> {
    let text = text.trim().strip_suffix('Z')?;
    let (date, time) = text.split_once([' ', 'T'])?;
    let mut date_parts = date.splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (year, month, day) = (
        date_parts.next()??,
        date_parts.next()??,
        date_parts.next()??,
    );
    let (hms, fraction) = time.split_once('.').unwrap_or((time, ""));
    let mut time_parts = hms.splitn(3, ':').map(|p| p.parse::<i64>().ok());
    let (hour, minute, second) = (
        time_parts.next()??,
        time_parts.next()??,
        time_parts.next()??,
    );
    let valid = (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && (0..24).contains(&hour)
        && (0..60).contains(&minute)
        && (0..=60).contains(&second);
    if !valid || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Milliseconds from the first three fraction digits, padded: ".5" is 500 ms.
    let millis = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(3)
        .fold(0, |ms, digit| ms * 10 + i64::from(digit - b'0'));
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
    Some(seconds * 1_000 + millis)
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day counted from 1970-01-01: `(year, month, day)` (Howard Hinnant's algorithm).
pub(super) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `yyyymmddhhmmss` of an instant in UTC, as PocketBase stamps the names of backups.
pub fn utc_stamp(epoch_ms: i64) -> String {
    let seconds = epoch_ms.div_euclid(1_000);
    let (days, in_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}{:02}{:02}{:02}",
        in_day / 3_600,
        in_day / 60 % 60,
        in_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_datetimes() {
        assert_eq!(parse_modified("1970-01-01 00:00:00.000Z"), Some(0));
        assert_eq!(parse_modified("1970-01-01 00:00:01Z"), Some(1_000));
        assert_eq!(
            parse_modified("2000-03-01T00:00:00.5Z"),
            Some(951_868_800_500)
        );
        assert_eq!(
            parse_modified("2026-11-24 04:24:23.578123Z"),
            Some(1_795_494_263_578)
        );
        for bad in [
            "",
            "2026-11-24 04:24:23.578",
            "2026-13-01 00:00:00Z",
            "x-y-z 1:2:3Z",
            "2026-11-24Z",
            "2026-11-24 04:24:23.5a8Z",
        ] {
            assert_eq!(parse_modified(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn stamps_utc_instants_and_reads_them_back() {
        assert_eq!(utc_stamp(0), "19700101000000");
        assert_eq!(utc_stamp(1_795_494_263_578), "20261124042423");
        // A leap day, the last second of a year, and an instant before 1970.
        assert_eq!(utc_stamp(951_868_799_999), "20000229235959");
        assert_eq!(utc_stamp(1_798_761_599_000), "20261231235959");
        assert_eq!(utc_stamp(-1_000), "19691231235959");
        for ms in [0, 951_782_400_000, 1_795_494_263_000, 4_102_444_800_000] {
            let stamp = utc_stamp(ms);
            let text = format!(
                "{}-{}-{} {}:{}:{}Z",
                &stamp[0..4],
                &stamp[4..6],
                &stamp[6..8],
                &stamp[8..10],
                &stamp[10..12],
                &stamp[12..14]
            );
            assert_eq!(parse_modified(&text), Some(ms), "{stamp}");
        }
    }
}
