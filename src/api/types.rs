//! The shapes PocketBase sends back.

use serde::Deserialize;

/// One backup file as `GET /api/backups` lists it. `?fields=` may trim any field but the key.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct BackupInfo {
    pub key: String,
    #[serde(default)]
    pub size: u64,
    /// UTC, like `2026-11-24 04:24:23.578Z`.
    #[serde(default)]
    pub modified: String,
}

impl BackupInfo {
    /// Milliseconds since the Unix epoch, if `modified` is in PocketBase's format.
    pub fn modified_ms(&self) -> Option<i64> {
        parse_modified(&self.modified)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AuthRecord {
    pub id: String,
    #[serde(default)]
    pub email: String,
}

#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct AuthResponse {
    pub token: String,
    pub record: AuthRecord,
}

/// Leaves the token out: it must never reach a log.
impl std::fmt::Debug for AuthResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthResponse")
            .field("record", &self.record)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct HealthData {
    /// Only sent to superusers; `false` while a backup or restore is running.
    #[serde(rename = "canBackup")]
    pub can_backup: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Health {
    pub code: u16,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub data: HealthData,
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_list_answer() {
        let body = r#"[{"key":"pb_backup_20230519162514.zip","modified":"2023-05-19 16:25:57.542Z","size":251316185},
                       {"key":"trimmed.zip"}]"#;
        let list: Vec<BackupInfo> = crate::api::decode(body).unwrap();
        assert_eq!(list[0].size, 251_316_185);
        assert_eq!(list[0].modified_ms(), Some(1_684_513_557_542));
        assert_eq!(
            list[1],
            BackupInfo {
                key: "trimmed.zip".into(),
                size: 0,
                modified: String::new()
            }
        );
        assert_eq!(list[1].modified_ms(), None);
    }

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
    fn parses_auth_and_health() {
        let auth: AuthResponse = crate::api::decode(
            r#"{"token":"t","record":{"id":"r1","email":"a@b.c","collectionName":"_superusers"}}"#,
        )
        .unwrap();
        assert_eq!(
            (auth.token.as_str(), auth.record.email.as_str()),
            ("t", "a@b.c")
        );
        let health: Health = crate::api::decode(
            r#"{"code":200,"message":"API is healthy.","data":{"canBackup":false}}"#,
        )
        .unwrap();
        assert_eq!(health.data.can_backup, Some(false));
        let anonymous: Health =
            crate::api::decode(r#"{"code":200,"message":"ok","data":{}}"#).unwrap();
        assert_eq!(anonymous.data.can_backup, None);
    }
}
