//! JSON in and out. In the browser the browser's own `JSON.parse`/`JSON.stringify` do the text
//! work and serde only maps values, which keeps a JSON parser out of the wasm; native builds
//! (unit tests) use serde_json, so the same `Deserialize` impls are tested natively.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Parses `text` into `T`; the error says what did not fit.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    #[cfg(target_arch = "wasm32")]
    {
        let value = js_sys::JSON::parse(text).map_err(|_| "not JSON".to_owned())?;
        serde_wasm_bindgen::from_value(value).map_err(|error| error.to_string())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_str(text).map_err(|error| error.to_string())
    }
}

/// `value` as JSON text.
pub fn encode<T: Serialize>(value: &T) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        value
            .serialize(&serializer)
            .ok()
            .and_then(|value| js_sys::JSON::stringify(&value).ok())
            .and_then(|text| text.as_string())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::to_string(value).unwrap_or_default()
    }
}
