//! One error type for every call, carrying what the server said so the UI can show its reason.

use std::fmt;

use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

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
    /// The page's Content-Security-Policy does not let it connect to this origin: nothing was
    /// sent.
    BlockedByPolicy(String),
    /// The password was right, but the account needs a second factor: PocketBase answered 401
    /// with this `mfaId`, which the second step sends along.
    MfaRequired(String),
}

/// PocketBase's error body: `{"status": N, "message": "…", "data": {field: {code, message}}}`.
#[derive(Deserialize)]
struct ErrorBody {
    #[serde(default)]
    message: String,
    #[serde(default)]
    data: Fields,
    #[serde(default, rename = "mfaId")]
    mfa_id: Option<String>,
}

/// `data`, read like a JSON object into a map: sorted by field, the last of duplicate keys
/// wins, and entries that are not `{"message": "…"}` are skipped. Nested objects are the
/// errors of nested settings (`{"backups": {"cron": {…}}}`), named by their path
/// (`backups.cron`). Typed rather than `serde_json::Value`, which would add its own parser,
/// map and drop code to the wasm.
#[derive(Default)]
struct Fields(Vec<FieldError>);

impl Fields {
    /// Adds the entry `field` of `data` (or of a nested object).
    fn put(&mut self, field: String, entry: Loose) {
        let Loose::Object {
            code,
            message,
            nested,
        } = entry
        else {
            return self.remove(&field);
        };
        let Some(message) = message else {
            self.remove(&field);
            for (name, entry) in nested {
                self.put(format!("{field}.{name}"), entry);
            }
            return;
        };
        let at = match self.0.binary_search_by(|f| f.field.cmp(&field)) {
            Ok(at) => {
                self.0.remove(at);
                at
            }
            Err(at) => at,
        };
        let code = code.unwrap_or_default();
        self.0.insert(
            at,
            FieldError {
                field,
                code,
                message,
            },
        );
    }

    /// A later duplicate that is no error replaces the earlier one, as in a JSON map.
    fn remove(&mut self, field: &str) {
        self.0.retain(|f| f.field != field);
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldsVisitor;
        impl<'de> Visitor<'de> for FieldsVisitor {
            type Value = Fields;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
                let mut fields = Fields::default();
                while let Some(field) = map.next_key::<String>()? {
                    fields.put(field, map.next_value::<Loose>()?);
                }
                Ok(fields)
            }
        }
        // `any`, not `map`: a browser-side deserializer would take an array for a map.
        deserializer.deserialize_any(FieldsVisitor)
    }
}

/// Any JSON value, keeping only the strings an entry of `data` may hold.
enum Loose {
    Text(String),
    /// An object's `code` and `message`, each when it is a string, and its other entries that
    /// are objects.
    Object {
        code: Option<String>,
        message: Option<String>,
        nested: Vec<(String, Loose)>,
    },
    Other,
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_unit<E>(self) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_str<E>(self, text: &str) -> Result<Loose, E> {
        Ok(Loose::Text(text.to_owned()))
    }
    fn visit_string<E>(self, text: String) -> Result<Loose, E> {
        Ok(Loose::Text(text))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        let (mut code, mut message, mut nested) = (None, None, Vec::new());
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value::<Loose>()?;
            let text = match &value {
                Loose::Text(text) => Some(text.clone()),
                _ => None,
            };
            match key.as_str() {
                "code" => code = text,
                "message" => message = text,
                _ if matches!(value, Loose::Object { .. }) => nested.push((key, value)),
                _ => {}
            }
        }
        Ok(Loose::Object {
            code,
            message,
            nested,
        })
    }
}

impl ApiError {
    /// Builds the error for an answer with status ≥ 400 from whatever its body holds.
    pub fn from_response(status: u16, body: &str) -> Self {
        let Ok(parsed) = super::json::decode::<ErrorBody>(body) else {
            return ApiError::Server {
                status,
                message: String::new(),
                fields: Vec::new(),
            };
        };
        if let (401, Some(mfa_id)) = (status, &parsed.mfa_id) {
            return ApiError::MfaRequired(mfa_id.clone());
        }
        ApiError::Server {
            status,
            message: parsed.message.trim().to_owned(),
            fields: parsed.data.0,
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

    /// The server accepts superusers only from the addresses in its `superuserIPs` setting,
    /// and this browser's is not among them. PocketBase says so only in words (sign-in
    /// included): `403 You are not allowed to perform this request.`
    pub fn is_ip_refusal(&self) -> bool {
        matches!(self, ApiError::Server { status: 403, message, .. }
            if message.contains("not allowed to perform this request"))
    }

    /// An error status without PocketBase's JSON explanation: a proxy or another server in
    /// between answered (an HTML page, or nothing).
    pub fn is_foreign_refusal(&self) -> bool {
        matches!(self, ApiError::Server { message, fields, .. }
            if message.is_empty() && fields.is_empty())
    }

    /// The request may have reached the server and still be running there: no answer at all,
    /// or a proxy in between gave up waiting (502, 503, 504).
    pub fn outcome_unknown(&self) -> bool {
        matches!(self, ApiError::Network(_)) || matches!(self.status(), Some(502..=504))
    }

    /// PocketBase refused because a backup or restore is already running. It says so only in
    /// words: `400 Try again later - another backup/restore process has already been started.`
    pub fn is_busy_refusal(&self) -> bool {
        matches!(self, ApiError::Server { status: 400, message, fields }
            if fields.is_empty() && message.contains("another backup/restore process"))
    }

    /// Where the list (or an S3 connection test) failed because the server cannot reach its
    /// backup storage — S3 settings that do not work: the storage's own reason, readably, as
    /// PocketBase passes on the raw S3 error, XML included. `None` for any other error.
    pub fn backup_storage_trouble(&self) -> Option<String> {
        let ApiError::Server {
            status: 400,
            message,
            ..
        } = self
        else {
            return None;
        };
        let raw = [
            "Failed to retrieve backup items.",
            "Failed to load backups filesystem.",
            "Failed to test the S3 filesystem.",
        ]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))?;
        let raw = raw.trim_start().strip_prefix("Raw error:").unwrap_or(raw);
        Some(readable_storage_error(raw))
    }

    /// The server's refusal of one request field, if it named one.
    pub fn field(&self, name: &str) -> Option<&FieldError> {
        match self {
            ApiError::Server { fields, .. } => fields.iter().find(|f| f.field == name),
            _ => None,
        }
    }
}

/// The first line of an S3 error that says something, without the XML PocketBase appends
/// (`(RAW: <?xml …>)`); from the XML's `Code` and `Message` when nothing else is there.
fn readable_storage_error(raw: &str) -> String {
    let xml_tag = |name: &str| {
        let start = raw.find(&format!("<{name}>"))? + name.len() + 2;
        let end = start + raw[start..].find(&format!("</{name}>"))?;
        Some(raw[start..end].trim().to_owned())
    };
    let first_line = raw
        .lines()
        .map(|line| line.split("(RAW:").next().unwrap_or_default().trim())
        .find(|line| !line.is_empty() && !line.starts_with('<'));
    match (first_line, xml_tag("Code"), xml_tag("Message")) {
        (Some(line), ..) => line.to_owned(),
        (None, Some(code), Some(message)) => format!("{code}: {message}"),
        _ => raw.trim().to_owned(),
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
            ApiError::MfaRequired("abc".into())
        );
        assert!(!ApiError::MfaRequired("abc".into()).is_unauthorized());
        assert!(ApiError::from_response(401, "<html>proxy login</html>").is_unauthorized());
    }

    #[test]
    fn reads_data_like_a_json_map() {
        // Sorted by field; the last duplicate wins; nested and odd values are skipped.
        let body = r#"{"message":"m","data":{
            "z":{"message":"last","code":1},"a":{"message":"first","code":"c","x":[{"y":null}]},
            "d":{"message":"dup"},"d":{"message":2},"n":{"message":{"message":"deep"}},
            "f":[1,2.5e3,"s",true,null]}}"#;
        let ApiError::Server { fields, .. } = ApiError::from_response(400, body) else {
            panic!("not a server error");
        };
        let seen: Vec<(&str, &str, &str)> = fields
            .iter()
            .map(|f| (f.field.as_str(), f.code.as_str(), f.message.as_str()))
            .collect();
        assert_eq!(seen, [("a", "c", "first"), ("z", "", "last")]);
        for body in [
            r#"{"message":"m","data":null}"#,
            r#"{"message":"m","data":[]}"#,
        ] {
            assert_eq!(
                ApiError::from_response(400, body),
                ApiError::Server {
                    status: 400,
                    message: String::new(),
                    fields: vec![]
                },
                "body {body:?}"
            );
        }
    }

    #[test]
    fn names_errors_of_nested_settings_by_their_path() {
        // PocketBase 0.40.6's answer to a PATCH of /api/settings (tried).
        let body = r#"{"status":400,"message":"An error occurred while saving the new settings.",
            "data":{"backups":{"cron":{"code":"validation_invalid_cron","message":"Invalid segment value."},
            "s3":{"bucket":{"code":"validation_required","message":"Cannot be blank."},
                  "endpoint":{"code":"validation_is_url","message":"Must be a valid URL."}}}}}"#;
        let error = ApiError::from_response(400, body);
        let named: Vec<(&str, &str)> = match &error {
            ApiError::Server { fields, .. } => fields
                .iter()
                .map(|f| (f.field.as_str(), f.code.as_str()))
                .collect(),
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(
            named,
            [
                ("backups.cron", "validation_invalid_cron"),
                ("backups.s3.bucket", "validation_required"),
                ("backups.s3.endpoint", "validation_is_url"),
            ]
        );
        assert_eq!(
            error.field("backups.cron").map(|f| f.message.as_str()),
            Some("Invalid segment value.")
        );
    }

    #[test]
    fn explains_unreachable_backup_storage_without_the_xml() {
        // PocketBase 0.40.6's answers to GET /api/backups with S3 settings that do not work.
        let wrong_bucket = r#"{"data":{},"message":"Failed to retrieve backup items. Raw error: \n404 NoSuchBucket: The specified bucket does not exist\n(RAW: <?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>nope</BucketName></Error>)\nresource not found.","status":400}"#;
        assert_eq!(
            ApiError::from_response(400, wrong_bucket).backup_storage_trouble(),
            Some("404 NoSuchBucket: The specified bucket does not exist".into())
        );
        let stopped = r#"{"data":{},"message":"Failed to retrieve backup items. Raw error: \nGet \"http://127.0.0.1:5999/pb/?list-type=2\": dial tcp 127.0.0.1:5999: connect: connection refused.","status":400}"#;
        assert_eq!(
            ApiError::from_response(400, stopped).backup_storage_trouble(),
            Some("Get \"http://127.0.0.1:5999/pb/?list-type=2\": dial tcp 127.0.0.1:5999: connect: connection refused.".into())
        );
        assert_eq!(
            readable_storage_error(
                "\n<Error><Code>AccessDenied</Code><Message>No.</Message></Error>"
            ),
            "AccessDenied: No."
        );
        let other = r#"{"message":"Try again later - another backup/restore process has already been started."}"#;
        assert_eq!(
            ApiError::from_response(400, other).backup_storage_trouble(),
            None
        );
        assert_eq!(ApiError::Network("x".into()).backup_storage_trouble(), None);
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
        let busy = r#"{"status":400,"message":"Try again later - another backup/restore process has already been started.","data":{}}"#;
        assert!(ApiError::from_response(400, busy).is_busy_refusal());
        assert!(!ApiError::from_response(400, r#"{"message":"Failed."}"#).is_busy_refusal());
    }
}
