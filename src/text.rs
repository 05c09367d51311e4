//! Every string a person reads, in one module, so the 简体中文 translation can replace it whole.

use crate::api::{ApiError, BadServerUrl};

pub const APP_TITLE: &str = "PocketBase backups";

pub const SERVER_URL: &str = "Server URL";
pub const EMAIL: &str = "Email";
pub const PASSWORD: &str = "Password";
pub const SIGN_IN: &str = "Sign in";
pub const SIGNING_IN: &str = "Signing in…";
pub const SIGN_IN_HINT: &str = "Sign in with a PocketBase superuser account.";
pub const SIGN_OUT: &str = "Sign out";
pub const EMAIL_REQUIRED: &str = "Enter the superuser's email.";
pub const PASSWORD_REQUIRED: &str = "Enter the password.";
pub const SESSION_EXPIRED: &str = "Your session has expired or is no longer valid. Sign in again.";

pub const BACKUPS: &str = "Backups";
pub const REFRESH: &str = "Refresh";
pub const LOADING_BACKUPS: &str = "Loading backups…";
pub const NO_BACKUPS: &str = "No backups yet";
pub const COLUMN_NAME: &str = "Name";
pub const COLUMN_SIZE: &str = "Size";
pub const COLUMN_MODIFIED: &str = "Modified";
pub const UNKNOWN_DATE: &str = "—";

pub fn signed_in_as(email: &str, server: &str) -> String {
    format!("{email} on {server}")
}

pub fn bad_server_url(reason: BadServerUrl) -> &'static str {
    match reason {
        BadServerUrl::Empty => "Enter the address of your PocketBase server.",
        BadServerUrl::NotHttp => {
            "Enter a full address starting with http:// or https://, e.g. http://127.0.0.1:8090."
        }
        BadServerUrl::HasQueryOrFragment => "Enter the server's address without ? or # parts.",
    }
}

/// The one place where an [`ApiError`] becomes words. The server's own reason wins whenever it
/// gave one: it is more precise than anything guessed here.
pub fn error_message(error: &ApiError) -> String {
    match error {
        ApiError::Network(_) => {
            "Cannot reach the server. Check the address and that PocketBase is running.".into()
        }
        ApiError::Server { status: 401, .. } => SESSION_EXPIRED.into(),
        ApiError::Server { status: 403, .. } => {
            "This account is not a superuser. Only superusers can manage backups.".into()
        }
        ApiError::Server {
            status,
            message,
            fields,
        } => {
            let mut text = if message.is_empty() {
                format!("The server refused the request (HTTP {status}).")
            } else {
                message.clone()
            };
            for field in fields {
                text.push_str(&format!(" {}: {}", field.field, field.message));
            }
            text
        }
        ApiError::UnexpectedBody(_) => {
            "The server sent an answer this panel does not understand. Is this a PocketBase server?"
                .into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_servers_reason_and_field_messages() {
        let error = ApiError::from_response(
            400,
            r#"{"message":"Something went wrong.","data":{"file":{"code":"validation_invalid_mime_type","message":"Invalid file type."}}}"#,
        );
        assert_eq!(
            error_message(&error),
            "Something went wrong. file: Invalid file type."
        );
    }

    #[test]
    fn explains_statuses_without_a_reason() {
        assert_eq!(
            error_message(&ApiError::from_response(413, "<html>too big</html>")),
            "The server refused the request (HTTP 413)."
        );
        assert_eq!(
            error_message(&ApiError::from_response(401, "{}")),
            SESSION_EXPIRED
        );
        assert!(error_message(&ApiError::from_response(403, "{}")).contains("not a superuser"));
        assert!(error_message(&ApiError::Network("x".into())).contains("Cannot reach"));
    }
}
