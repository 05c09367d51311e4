//! The shapes PocketBase sends back.

use serde::Deserialize;

use super::time::parse_modified;

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

/// What the panel reads of `GET /api/settings`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct ServerSettings {
    #[serde(default)]
    pub meta: SettingsMeta,
    #[serde(default)]
    pub logs: SettingsLogs,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct SettingsMeta {
    #[serde(default, rename = "appName")]
    pub app_name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct SettingsLogs {
    /// 0: the server keeps no logs, so a failure it would log cannot be looked up.
    #[serde(default, rename = "maxDays")]
    pub max_days: u32,
}

/// One entry of the server's log (`GET /api/logs`), as far as the panel reads it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct LogEntry {
    pub id: String,
    /// UTC, on the server's clock.
    #[serde(default)]
    pub created: String,
    #[serde(default)]
    pub data: LogData,
}

/// The attributes PocketBase logs with a failed restore.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct LogData {
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub error: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Health {
    pub code: u16,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub data: HealthData,
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
        let settings: ServerSettings =
            crate::api::decode(r#"{"meta":{"appName":"Acme"},"logs":{"maxDays":5}}"#).unwrap();
        assert_eq!(
            (settings.meta.app_name.as_str(), settings.logs.max_days),
            ("Acme", 5)
        );
        let entry: LogEntry = crate::api::decode(
            r#"{"id":"l1","created":"2026-11-30 06:48:58.486Z","data":{"error":"data.db file is missing","key":"a.zip"}}"#,
        )
        .unwrap();
        assert_eq!(
            (entry.data.key.as_str(), entry.id.as_str()),
            ("a.zip", "l1")
        );
        let anonymous: Health =
            crate::api::decode(r#"{"code":200,"message":"ok","data":{}}"#).unwrap();
        assert_eq!(anonymous.data.can_backup, None);
    }
}
