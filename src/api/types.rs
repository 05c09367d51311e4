//! The shapes PocketBase sends back.

use serde::{Deserialize, Serialize};

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
    /// `admin` from PocketBase 0.22 and older.
    #[serde(alias = "admin")]
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

/// What the panel reads of `GET /api/settings` (each call asks for only the parts it uses).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct ServerSettings {
    #[serde(default)]
    pub meta: SettingsMeta,
    #[serde(default)]
    pub logs: SettingsLogs,
    #[serde(default)]
    pub backups: BackupSettings,
}

/// `backups` of the settings: automatic backups and where backups are stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct BackupSettings {
    /// Empty: no automatic backups.
    #[serde(default)]
    pub cron: String,
    /// How many `@auto_` backups the job keeps; only read while `cron` is set.
    #[serde(default, rename = "cronMaxKeep")]
    pub cron_max_keep: i64,
    #[serde(default)]
    pub s3: S3Settings,
}

/// S3-compatible storage for backups. The secret is never sent back by the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct S3Settings {
    #[serde(default)]
    pub enabled: bool,
    #[serde(default)]
    pub bucket: String,
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub endpoint: String,
    #[serde(default, rename = "accessKey")]
    pub access_key: String,
    #[serde(default, rename = "forcePathStyle")]
    pub force_path_style: bool,
}

/// A `PATCH /api/settings` of `backups`: only what is set is sent, so nothing else changes
/// (the server merges it into its settings; a missing `secret` keeps the stored one).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BackupsPatch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cron: Option<String>,
    #[serde(rename = "cronMaxKeep", skip_serializing_if = "Option::is_none")]
    pub cron_max_keep: Option<i64>,
    #[serde(skip_serializing_if = "S3Patch::is_empty")]
    pub s3: S3Patch,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct S3Patch {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bucket: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    #[serde(rename = "accessKey", skip_serializing_if = "Option::is_none")]
    pub access_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    #[serde(rename = "forcePathStyle", skip_serializing_if = "Option::is_none")]
    pub force_path_style: Option<bool>,
}

impl S3Patch {
    pub fn is_empty(&self) -> bool {
        *self == S3Patch::default()
    }
}

impl BackupsPatch {
    pub fn is_empty(&self) -> bool {
        *self == BackupsPatch::default()
    }
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
    /// The least level logged (slog's: -4 debug, 0 info, 8 error): nothing below it is kept.
    #[serde(default, rename = "minLevel")]
    pub min_level: i64,
}

impl SettingsLogs {
    /// Whether an entry PocketBase logs at `level` (8 for an error) can be read back from its
    /// log.
    pub fn keeps(&self, level: i64) -> bool {
        self.max_days > 0 && self.min_level <= level
    }
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

/// The attributes PocketBase logs with a failed restore (`key`) or a failed automatic backup
/// (`name`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct LogData {
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub name: String,
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
    fn a_settings_patch_sends_only_what_changed() {
        assert_eq!(crate::api::encode(&BackupsPatch::default()), "{}");
        let patch = BackupsPatch {
            cron: Some(String::new()),
            s3: S3Patch {
                secret: Some("s".into()),
                force_path_style: Some(false),
                ..S3Patch::default()
            },
            ..BackupsPatch::default()
        };
        assert_eq!(
            crate::api::encode(&patch),
            r#"{"cron":"","s3":{"secret":"s","forcePathStyle":false}}"#
        );
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
        // PocketBase 0.22's admins.
        let admin: AuthResponse =
            crate::api::decode(r#"{"admin":{"id":"a1","avatar":0,"email":"o@b.c"},"token":"t2"}"#)
                .unwrap();
        assert_eq!(admin.record.email, "o@b.c");
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
        let settings: ServerSettings = crate::api::decode(
            r#"{"backups":{"cron":"0 0 * * *","cronMaxKeep":3,"s3":{"enabled":true,"bucket":"b",
                "region":"r","endpoint":"http://s3","accessKey":"k","forcePathStyle":true}},
                "logs":{"maxDays":0,"minLevel":0}}"#,
        )
        .unwrap();
        assert_eq!(settings.backups.cron, "0 0 * * *");
        assert_eq!(settings.backups.cron_max_keep, 3);
        assert!(settings.backups.s3.enabled && settings.backups.s3.force_path_style);
        assert_eq!(settings.backups.s3.access_key, "k");
        assert!(!settings.logs.keeps(8));
        let kept = SettingsLogs {
            max_days: 5,
            min_level: 0,
        };
        // 0.22's failed automatic backups are debug entries (-4): not kept at the default level.
        assert!(kept.keeps(8) && !kept.keeps(-4));
        let anonymous: Health =
            crate::api::decode(r#"{"code":200,"message":"ok","data":{}}"#).unwrap();
        assert_eq!(anonymous.data.can_backup, None);
    }
}
