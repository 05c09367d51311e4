//! Requests, one method per endpoint. Each returns `Result<_, ApiError>`; nothing panics on what
//! the server or the network does.

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::url::{backup_url, backups_url, download_url};
use super::{ApiError, AuthResponse, BackupInfo, Health};

/// A PocketBase server, optionally with a superuser's auth token.
#[derive(Clone, PartialEq, Eq)]
pub struct PocketBase {
    base: String,
    token: Option<String>,
}

impl PocketBase {
    /// `base` is an address already checked by [`super::normalize_server_url`].
    pub fn new(base: impl Into<String>) -> Self {
        Self {
            base: base.into(),
            token: None,
        }
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

    /// `POST /api/collections/_superusers/auth-with-password`.
    pub async fn auth_with_password(
        &self,
        identity: &str,
        password: &str,
    ) -> Result<AuthResponse, ApiError> {
        let url = format!(
            "{}/api/collections/_superusers/auth-with-password",
            self.base
        );
        let body = Credentials { identity, password };
        let request = json_body(self.authorized(Request::post(&url)), &body);
        read_json(send(request).await?).await
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

    /// The link that downloads `key` natively in the browser, authorized by a file token.
    pub fn download_url(&self, file_token: &str, key: &str) -> String {
        download_url(&self.base, key, file_token)
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
    let response = request?.send().await?;
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
    builder
        .header("Content-Type", "application/json")
        .body(super::json::encode(body))
}

async fn read_json<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    let body = response.text().await?;
    super::json::decode(&body).map_err(ApiError::UnexpectedBody)
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
