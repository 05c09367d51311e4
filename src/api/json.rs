//! JSON in and out with serde_json, the same code in the browser and in the native unit tests.
//! Requests and answers go through gloo-net's `json` feature, which is serde_json too.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Parses `text` into `T`; the error says what did not fit.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|error| error.to_string())
}

/// `value` as JSON text.
pub fn encode<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
