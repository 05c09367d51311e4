//! Requests, one method per endpoint. Each returns `Result<_, ApiError>`; nothing panics on what
//! the server or the network does.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::url::{backup_url, backups_url, download_url};
use super::{
    Accounts, ApiError, AuthResponse, BackupInfo, BackupsPatch, Health, LogEntry, ServerSettings,
};

/// The parts of the settings the settings page shows and keeps.
const BACKUP_SETTINGS_FIELDS: &str = "backups,logs.maxDays,logs.minLevel";
/// PocketBase's own job for automatic backups, present while `backups.cron` is set.
const AUTO_BACKUP_JOB: &str = "__pbAutoBackup__";

/// A PocketBase server, optionally with a superuser's (or, before 0.23, an admin's) token.
#[derive(Clone, PartialEq, Eq)]
pub struct PocketBase {
    base: String,
    token: Option<String>,
    accounts: Accounts,
}

impl PocketBase {
    /// `base` is an address already checked by [`super::normalize_server_url`].
    pub fn new(base: impl Into<String>) -> Self {
        Self {
            base: base.into(),
            token: None,
            accounts: Accounts::Superusers,
        }
    }

    /// The token belongs to this kind of account (where it is renewed).
    pub fn with_accounts(mut self, accounts: Accounts) -> Self {
        self.accounts = accounts;
        self
    }

    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    pub(super) fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// `POST /api/collections/_superusers/auth-with-password`, or, where that collection does
    /// not exist (404: PocketBase 0.22 and older), `POST /api/admins/auth-with-password`.
    /// Answers which of the two signed in.
    pub async fn auth_with_password(
        &self,
        identity: &str,
        password: &str,
    ) -> Result<(AuthResponse, Accounts), ApiError> {
        let body = Credentials { identity, password };
        match self.auth_as(Accounts::Superusers, &body).await {
            Err(error) if error.status() == Some(404) => {
                match self.auth_as(Accounts::Admins, &body).await {
                    // Neither: not a PocketBase there; its first answer says more.
                    Err(again) if again.status() == Some(404) => Err(error),
                    other => other.map(|auth| (auth, Accounts::Admins)),
                }
            }
            other => other.map(|auth| (auth, Accounts::Superusers)),
        }
    }

    async fn auth_as(
        &self,
        accounts: Accounts,
        body: &Credentials<'_>,
    ) -> Result<AuthResponse, ApiError> {
        let url = format!("{}{}/auth-with-password", self.base, accounts.auth_path());
        let request = json_body(self.authorized(Request::post(&url)), body);
        read_json(send(request).await?).await
    }

    /// `POST /api/collections/_superusers/request-otp`: e-mails a one-time code to `email`;
    /// answers the id the code is checked against. (PocketBase answers the same for an unknown
    /// address, so as not to tell who has an account.)
    pub async fn request_otp(&self, email: &str) -> Result<String, ApiError> {
        #[derive(Serialize)]
        struct Email<'a> {
            email: &'a str,
        }
        #[derive(serde::Deserialize)]
        struct Requested {
            #[serde(rename = "otpId")]
            otp_id: String,
        }
        let url = format!("{}/api/collections/_superusers/request-otp", self.base);
        let request = json_body(Request::post(&url), &Email { email });
        let answer: Requested = read_json(send(request).await?).await?;
        Ok(answer.otp_id)
    }

    /// `POST /api/collections/_superusers/auth-with-otp`: the second step of a sign-in with
    /// multi-factor authentication, the code from the e-mail with the password step's `mfaId`.
    pub async fn auth_with_otp(
        &self,
        otp_id: &str,
        code: &str,
        mfa_id: &str,
    ) -> Result<AuthResponse, ApiError> {
        #[derive(Serialize)]
        struct Code<'a> {
            #[serde(rename = "otpId")]
            otp_id: &'a str,
            password: &'a str,
            #[serde(rename = "mfaId")]
            mfa_id: &'a str,
        }
        let url = format!("{}/api/collections/_superusers/auth-with-otp", self.base);
        let body = Code {
            otp_id,
            password: code,
            mfa_id,
        };
        read_json(send(json_body(Request::post(&url), &body)).await?).await
    }

    /// `POST …/auth-refresh` (of the superusers or the admins): a new token for the same
    /// account, before this one expires.
    pub async fn auth_refresh(&self) -> Result<AuthResponse, ApiError> {
        let url = format!("{}{}/auth-refresh", self.base, self.accounts.auth_path());
        let request = self.authorized(Request::post(&url));
        read_json(send(Ok(request.build()?)).await?).await
    }

    /// `GET /api/backups`, optionally trimmed with `?fields=key,size`. The order is the server's.
    pub async fn list(&self, fields: Option<&str>) -> Result<Vec<BackupInfo>, ApiError> {
        let mut builder = self.authorized(Request::get(&backups_url(&self.base)));
        if let Some(fields) = fields {
            builder = builder.query([("fields", fields)]);
        }
        read_json(send(Ok(builder.build()?)).await?).await
    }

    /// `POST /api/backups`. Synchronous on the server: it answers once the zip is written.
    /// `None` lets the server choose the name.
    pub async fn create(&self, name: Option<&str>) -> Result<(), ApiError> {
        let body = NewBackup { name };
        let request = json_body(
            self.authorized(Request::post(&backups_url(&self.base))),
            &body,
        );
        send(request).await.map(drop)
    }

    /// `DELETE /api/backups/{key}`.
    pub async fn delete(&self, key: &str) -> Result<(), ApiError> {
        let request = self.authorized(Request::delete(&backup_url(&self.base, key)));
        send(Ok(request.build()?)).await.map(drop)
    }

    /// `POST /api/backups/{key}/restore`. The 204 only means the restore was *scheduled*: the
    /// server replaces its data and restarts itself a moment later.
    pub async fn restore(&self, key: &str) -> Result<(), ApiError> {
        let url = format!("{}/restore", backup_url(&self.base, key));
        let request = self.authorized(Request::post(&url));
        send(Ok(request.build()?)).await.map(drop)
    }

    /// `POST /api/files/token`: a short-lived token for one download link.
    pub async fn file_token(&self) -> Result<String, ApiError> {
        #[derive(serde::Deserialize)]
        struct FileToken {
            token: String,
        }
        let url = format!("{}/api/files/token", self.base);
        let request = self.authorized(Request::post(&url));
        let answer: FileToken = read_json(send(Ok(request.build()?)).await?).await?;
        Ok(answer.token)
    }

    /// Bytes `start..end` of the stored backup `key`, through a file token and an HTTP `Range`
    /// request: a few slices of a backup, never the whole file.
    pub async fn read_range(
        &self,
        file_token: &str,
        key: &str,
        start: u64,
        end: u64,
    ) -> Result<Vec<u8>, ApiError> {
        if start >= end {
            return Ok(Vec::new());
        }
        let url = download_url(&self.base, key, file_token);
        let range = format!("bytes={start}-{}", end - 1);
        let request = Request::get(&url).header("Range", &range).build()?;
        let response = send(Ok(request)).await?;
        // A server that ignores the range answers 200 with the whole file: not read.
        if response.status() != 206 {
            return Err(ApiError::UnexpectedBody(String::new()));
        }
        Ok(response.binary().await?)
    }

    /// The link that downloads `key` natively in the browser, authorized by a file token.
    pub fn download_url(&self, file_token: &str, key: &str) -> String {
        download_url(&self.base, key, file_token)
    }

    /// The settings the panel reads (`GET /api/settings`, trimmed): the app's name, which
    /// PocketBase puts in the names of backups, and how long it keeps its logs.
    pub async fn settings(&self) -> Result<ServerSettings, ApiError> {
        let url = format!("{}/api/settings", self.base);
        let request = self
            .authorized(Request::get(&url))
            .query([("fields", "meta.appName,logs.maxDays")]);
        read_json(send(Ok(request.build()?)).await?).await
    }

    /// The backup settings and whether the server keeps the log of errors.
    pub async fn backup_settings(&self) -> Result<ServerSettings, ApiError> {
        let url = format!("{}/api/settings", self.base);
        let request = self
            .authorized(Request::get(&url))
            .query([("fields", BACKUP_SETTINGS_FIELDS)]);
        read_json(send(Ok(request.build()?)).await?).await
    }

    /// `PATCH /api/settings` with `{"backups": patch}`; answers the settings as now saved.
    pub async fn save_backup_settings(
        &self,
        patch: &BackupsPatch,
    ) -> Result<ServerSettings, ApiError> {
        #[derive(Serialize)]
        struct Body<'a> {
            backups: &'a BackupsPatch,
        }
        let url = format!("{}/api/settings", self.base);
        let builder = self
            .authorized(Request::patch(&url))
            .query([("fields", BACKUP_SETTINGS_FIELDS)]);
        read_json(send(json_body(builder, &Body { backups: patch })).await?).await
    }

    /// `POST /api/settings/test/s3` for the backups storage: the server uploads and deletes a
    /// test file with its **saved** S3 settings.
    pub async fn test_backups_s3(&self) -> Result<(), ApiError> {
        #[derive(Serialize)]
        struct Filesystem {
            filesystem: &'static str,
        }
        let url = format!("{}/api/settings/test/s3", self.base);
        let body = Filesystem {
            filesystem: "backups",
        };
        send(json_body(self.authorized(Request::post(&url)), &body))
            .await
            .map(drop)
    }

    /// Whether the server has the cron API (`GET /api/crons`, PocketBase 0.24 and later): 404
    /// where it has none — or, from a server that serves a public dir, that dir's `index.html`
    /// (0.23 answers unknown paths with it), so only a JSON answer counts.
    pub async fn has_crons(&self) -> Result<bool, ApiError> {
        let url = format!("{}/api/crons", self.base);
        match send(Ok(self.authorized(Request::get(&url)).build()?)).await {
            Ok(response) => Ok(response
                .headers()
                .get("content-type")
                .is_some_and(|kind| kind.contains("json"))),
            Err(error) if error.status() == Some(404) => Ok(false),
            Err(error) => Err(error),
        }
    }

    /// `POST /api/crons/__pbAutoBackup__`: the server starts its automatic backup job now (it
    /// answers at once; the job, pruning included, runs in the background). 404 while no
    /// schedule is saved.
    pub async fn run_auto_backup(&self) -> Result<(), ApiError> {
        let url = format!("{}/api/crons/{AUTO_BACKUP_JOB}", self.base);
        let request = self.authorized(Request::post(&url));
        send(Ok(request.build()?)).await.map(drop)
    }

    /// The newest failures of the automatic backup job that PocketBase logged, newest first.
    pub async fn auto_backup_failures(&self) -> Result<Vec<LogEntry>, ApiError> {
        self.log_entries(
            "message=\"[Backup cron] Failed to create backup\"",
            "id,created,data.name,data.error",
            "5",
        )
        .await
    }

    /// The newest restore failures PocketBase logged (`Failed to restore backup`, for any key;
    /// the key is compared here, so it never has to be quoted into a filter).
    pub async fn restore_failures(&self) -> Result<Vec<LogEntry>, ApiError> {
        self.log_entries(
            "message=\"Failed to restore backup\"",
            "id,created,data.key,data.error",
            "100",
        )
        .await
    }

    /// The newest entry of the server's log written after `after` (a time as PocketBase writes
    /// them, `2026-11-30 06:00:00.000Z`): a restore of a backup made at `after` replaces the
    /// log with the backup's own, so such an entry is gone once one has run.
    pub async fn newest_log_after(&self, after: &str) -> Result<Option<LogEntry>, ApiError> {
        let filter = format!("created>\"{}\"", after.replace(['"', '\\'], ""));
        let entries = self.log_entries(&filter, "id,created", "1").await?;
        Ok(entries.into_iter().next())
    }

    /// Whether the server's log still holds the entry `id`.
    pub async fn log_holds(&self, id: &str) -> Result<bool, ApiError> {
        let id: String = id.chars().filter(char::is_ascii_alphanumeric).collect();
        let entries = self.log_entries(&format!("id=\"{id}\""), "id", "1").await?;
        Ok(!entries.is_empty())
    }

    /// `GET /api/logs`, newest first.
    async fn log_entries(
        &self,
        filter: &str,
        fields: &str,
        per_page: &str,
    ) -> Result<Vec<LogEntry>, ApiError> {
        #[derive(serde::Deserialize)]
        struct Page {
            items: Vec<LogEntry>,
        }
        let url = format!("{}/api/logs", self.base);
        let request = self.authorized(Request::get(&url)).query([
            ("filter", filter),
            ("sort", "-created"),
            ("perPage", per_page),
            ("fields", fields),
        ]);
        let page: Page = read_json(send(Ok(request.build()?)).await?).await?;
        Ok(page.items)
    }

    /// `GET /api/health`; with a superuser token it tells whether a backup may start now.
    pub async fn health(&self) -> Result<Health, ApiError> {
        let url = format!("{}/api/health", self.base);
        let request = self.authorized(Request::get(&url));
        read_json(send(Ok(request.build()?)).await?).await
    }

    fn authorized(&self, builder: RequestBuilder) -> RequestBuilder {
        match &self.token {
            Some(token) => builder.header("Authorization", token),
            None => builder,
        }
    }
}

/// The body of `auth-with-password`. Typed request bodies rather than `json!`, which would pull
/// `serde_json::Value` into the wasm.
#[derive(Serialize)]
struct Credentials<'a> {
    identity: &'a str,
    password: &'a str,
}

/// The body of `POST /api/backups`: `{}` lets the server choose the name.
#[derive(Serialize)]
struct NewBackup<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

/// Shows whether a token is set, never the token: it must not reach a log.
impl std::fmt::Debug for PocketBase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PocketBase")
            .field("base", &self.base)
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

impl From<gloo_net::Error> for ApiError {
    fn from(error: gloo_net::Error) -> Self {
        ApiError::Network(error.to_string())
    }
}

pub(super) fn js_failure(value: wasm_bindgen::JsValue) -> ApiError {
    ApiError::Network(format!("{value:?}"))
}

/// Sends the request; an answer with status ≥ 400 becomes [`ApiError::Server`].
async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiError> {
    let request = request?;
    let url = request.url();
    super::policy::listen();
    let response = match request.send().await {
        Ok(response) => response,
        Err(error) => {
            if let Some(origin) = super::policy::blocked(&url).await {
                return Err(ApiError::BlockedByPolicy(origin));
            }
            return Err(error.into());
        }
    };
    if response.status() >= 400 {
        let body = response.text().await.unwrap_or_default();
        return Err(ApiError::from_response(response.status(), &body));
    }
    Ok(response)
}

fn json_body(
    builder: RequestBuilder,
    body: &impl serde::Serialize,
) -> Result<Request, gloo_net::Error> {
    builder.json(body)
}

pub(super) async fn read_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    response.json().await.map_err(|error| match error {
        gloo_net::Error::SerdeError(error) => ApiError::UnexpectedBody(error.to_string()),
        other => other.into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_bodies_are_the_documented_json() {
        let credentials = Credentials {
            identity: "a@b.c",
            password: "p\"w\\\u{1}",
        };
        assert_eq!(
            crate::api::encode(&credentials),
            r#"{"identity":"a@b.c","password":"p\"w\\\u0001"}"#
        );
        let named = NewBackup {
            name: Some("a.zip"),
        };
        assert_eq!(crate::api::encode(&named), r#"{"name":"a.zip"}"#);
        let unnamed = NewBackup { name: None };
        assert_eq!(crate::api::encode(&unnamed), "{}");
    }
}
