//! The page's Content-Security-Policy may forbid connecting to a server (`connect-src`, e.g. the
//! PocketBase hook's `'self'` for a panel that watches other servers). The browser then fails
//! the request exactly like a network error and says why only in a `securitypolicyviolation`
//! event, so those events are recorded here from the first request on, to tell the two apart.

use std::cell::{Cell, RefCell};

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static LISTENING: Cell<bool> = const { Cell::new(false) };
    /// The origins a request to was refused by the policy.
    static BLOCKED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// `https://host:port` of `url`; `url` itself if it has no scheme.
pub fn origin_of(url: &str) -> &str {
    let Some(scheme_end) = url.find("://") else {
        return url;
    };
    let rest = &url[scheme_end + 3..];
    let end = rest
        .find(['/', '?', '#'])
        .map_or(url.len(), |at| scheme_end + 3 + at);
    &url[..end]
}

/// Starts recording the policy's refusals, once.
pub fn listen() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let record = Closure::<dyn Fn(JsValue)>::new(|event: JsValue| {
        let field = |name: &str| js_sys::Reflect::get(&event, &name.into()).ok()?.as_string();
        let directive = field("effectiveDirective").unwrap_or_default();
        if let (true, Some(blocked)) = (directive == "connect-src", field("blockedURI")) {
            let origin = origin_of(&blocked).to_owned();
            BLOCKED.with(|b| b.borrow_mut().push(origin));
        }
    });
    let _ = document.add_event_listener_with_callback(
        "securitypolicyviolation",
        record.as_ref().unchecked_ref(),
    );
    // For the page's whole life.
    record.forget();
}

/// The origin of `url` if the page's policy refused a request to it. The browser may report the
/// refusal a moment after failing the request: asked after a failure, this waits for that.
pub async fn blocked(url: &str) -> Option<String> {
    let origin = origin_of(url);
    let known = || BLOCKED.with(|b| b.borrow().iter().any(|o| o == origin));
    if !known() {
        let tick = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
            }
        });
        let _ = JsFuture::from(tick).await;
    }
    known().then(|| origin.to_owned())
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn the_origin_is_the_scheme_host_and_port() {
        assert_eq!(
            origin_of("http://127.0.0.1:8090/api/health"),
            "http://127.0.0.1:8090"
        );
        assert_eq!(
            origin_of("https://pb.example.com"),
            "https://pb.example.com"
        );
        assert_eq!(origin_of("https://a.example?x=1"), "https://a.example");
        assert_eq!(origin_of("self"), "self");
    }
}
