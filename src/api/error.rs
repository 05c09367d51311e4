//! One error type for every call, carrying what the server said so the UI can show its reason.

use serde::Deserialize;
use serde_json::{Map, Value};

/// A refusal of one request field, e.g. `name` → `validation_match_invalid`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// No answer at all: the server is down or restarting, the address is wrong, or CORS refused.
    Network(String),
    /// The server answered with an error status. `message` is PocketBase's own reason; it is
    /// empty when the body was not PocketBase's JSON (e.g. an HTML page from a reverse proxy).
    Server {
        status: u16,
        message: String,
        fields: Vec<FieldError>,
    },
    /// A success status whose body is not what the API documents.
    UnexpectedBody(String),
    /// The admin cancelled the request before the server answered.
    Cancelled,
    /// The password was right, but the account needs a second factor (PocketBase answered 401
    /// with an `mfaId`).
    MfaRequired,
}

/// PocketBase's error body: `{"status": N, "message": "…", "data": {field: {code, message}}}`.
#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    message: String,
    #[serde(default)]
    data: Map<String, Value>,
    #[serde(default, rename = "mfaId")]
    mfa_id: Option<String>,
}

impl ApiError {
    /// Builds the error for an answer with status ≥ 400 from whatever its body holds.
    pub fn from_response(status: u16, body: &str) -> Self {
        let Ok(parsed) = serde_json::from_str::<ErrorBody>(body) else {
            return ApiError::Server {
                status,
                message: String::new(),
                fields: Vec::new(),
            };
        };
        if status == 401 && parsed.mfa_id.is_some() {
            return ApiError::MfaRequired;
        }
        let mut fields: Vec<FieldError> = parsed
            .data
            .iter()
            .filter_map(|(field, value)| {
                let text = |name: &str| value.get(name)?.as_str().map(str::to_owned);
                Some(FieldError {
                    field: field.clone(),
                    code: text("code").unwrap_or_default(),
                    message: text("message")?,
                })
            })
            .collect();
        fields.sort_by(|a, b| a.field.cmp(&b.field));
        ApiError::Server {
            status,
            message: parsed.message.trim().to_owned(),
            fields,
        }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Server { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The token is missing, expired or was issued by a database that a restore replaced.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }

    /// Signed in, but not as a superuser.
    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(403)
    }

    /// The request may have reached the server and still be running there: no answer at all,
    /// or a proxy in between gave up waiting (502, 503, 504).
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, ApiError::Network(_)) || matches!(self.status(), Some(502..=504))
    }

    /// The server's refusal of one request field, if it named one.
    pub fn field(&self, name: &str) -> Option<&FieldError> {
        match self {
            ApiError::Server { fields, .. } => fields.iter().find(|f| f.field == name),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pocketbase_error_with_field_errors() {
        let body = r#"{"status":400,"message":"Failed to create backup.","data":{
            "name":{"code":"validation_match_invalid","message":"Must be in a valid format."}}}"#;
        let err = ApiError::from_response(400, body);
        assert_eq!(err.status(), Some(400));
        assert_eq!(
            err.field("name"),
            Some(&FieldError {
                field: "name".into(),
                code: "validation_match_invalid".into(),
                message: "Must be in a valid format.".into(),
            })
        );
        assert!(err.field("file").is_none());
        match err {
            ApiError::Server { message, .. } => assert_eq!(message, "Failed to create backup."),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn copes_with_non_json_and_empty_bodies() {
        for body in [
            "<html><h1>413 Request Entity Too Large</h1></html>",
            "",
            "null",
            "[1]",
        ] {
            assert_eq!(
                ApiError::from_response(413, body),
                ApiError::Server {
                    status: 413,
                    message: String::new(),
                    fields: vec![]
                },
                "body {body:?}"
            );
        }
    }

    #[test]
    fn ignores_malformed_field_entries() {
        let body = r#"{"message":"x","data":{"a":"str","b":{"code":"c"},"c":{"message":"m"}}}"#;
        let err = ApiError::from_response(400, body);
        assert!(err.field("a").is_none());
        assert!(err.field("b").is_none());
        assert_eq!(err.field("c").map(|f| f.message.as_str()), Some("m"));
    }

    #[test]
    fn tells_a_second_factor_from_a_bad_token() {
        assert_eq!(
            ApiError::from_response(401, r#"{"mfaId":"abc"}"#),
            ApiError::MfaRequired
        );
        assert!(!ApiError::MfaRequired.is_unauthorized());
        assert!(ApiError::from_response(401, "<html>proxy login</html>").is_unauthorized());
    }

    #[test]
    fn classifies_auth_statuses() {
        assert!(ApiError::from_response(401, "{}").is_unauthorized());
        assert!(ApiError::from_response(403, "{}").is_forbidden());
        assert!(!ApiError::Network("down".into()).is_unauthorized());
        assert_eq!(ApiError::Network("down".into()).status(), None);
        assert!(ApiError::Network("down".into()).outcome_unknown());
        assert!(ApiError::from_response(504, "<html>Gateway Timeout</html>").outcome_unknown());
        assert!(!ApiError::from_response(400, "{}").outcome_unknown());
    }
}
