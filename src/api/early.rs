//! The list asked for by the page's loader (`early-list.js`) while the wasm downloaded: on a
//! slow link it arrives with the wasm instead of a round trip after it.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::client::read_json;
use super::url::backups_url;
use super::{ApiError, BackupInfo, PocketBase};

/// Where `early-list.js` leaves its request: `{ url, token, answer }`.
const EARLY_LIST: &str = "pbEarlyList";

impl PocketBase {
    /// The loader's answer to `GET /api/backups`, taken once: `None` when there is none, it was
    /// asked of another address or with another token, or it is not a 2xx (the caller asks
    /// again, and reads the server's refusal from its own request).
    pub async fn early_list(&self) -> Option<Result<Vec<BackupInfo>, ApiError>> {
        let window: JsValue = web_sys::window()?.into();
        let key = JsValue::from_str(EARLY_LIST);
        let early = js_sys::Reflect::get(&window, &key).ok()?;
        if !early.is_object() {
            return None;
        }
        let _ = js_sys::Reflect::delete_property(window.unchecked_ref::<js_sys::Object>(), &key);
        let field = |name: &str| js_sys::Reflect::get(&early, &JsValue::from_str(name)).ok();
        let asked_of = field("url")?.as_string()?;
        let asked_with = field("token")?.as_string()?;
        if asked_of != backups_url(self.base_url()) || Some(asked_with.as_str()) != self.token() {
            return None;
        }
        let answer = field("answer")?.dyn_into::<js_sys::Promise>().ok()?;
        let response = JsFuture::from(answer)
            .await
            .ok()?
            .dyn_into::<web_sys::Response>()
            .ok()?;
        if !response.ok() {
            return None;
        }
        Some(read_json(response.into()).await)
    }
}
