//! Small wrappers over browser APIs that state needs.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::File;

/// Waits `ms` milliseconds without blocking the page.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Waits until the browser is idle (after the frame being drawn), or at most `most_ms`.
pub async fn idle(most_ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"timeout".into(), &most_ms.into());
            let ask = js_sys::Reflect::get(&window, &"requestIdleCallback".into());
            match ask.ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
                Some(ask) => {
                    let _ = ask.call2(&window, &resolve, &options);
                }
                None => {
                    let _ =
                        window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
                }
            }
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Gives the page a turn — input, rendering — in a long piece of work, and comes back as soon
/// as it is done: `scheduler.yield()` where the browser has it (Chromium), else a timeout.
/// (A message port would be as quick, but each message left garbage the page did not collect
/// in time: +60 to +120 MB over a 1 GB verify.)
pub async fn yield_to_page() {
    let scheduler = web_sys::window()
        .and_then(|window| js_sys::Reflect::get(&window, &"scheduler".into()).ok())
        .filter(|scheduler| scheduler.is_object());
    let turn = scheduler.and_then(|scheduler| {
        let give = js_sys::Reflect::get(&scheduler, &"yield".into()).ok()?;
        let give = give.dyn_into::<js_sys::Function>().ok()?;
        give.call0(&scheduler)
            .ok()?
            .dyn_into::<js_sys::Promise>()
            .ok()
    });
    match turn {
        Some(turn) => {
            let _ = JsFuture::from(turn).await;
        }
        None => sleep(0).await,
    }
}

/// Waits for the page's next frame to be drawn (its `requestAnimationFrame`).
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.request_animation_frame(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Whether the tab is in the background, where polling would only waste the server's time.
pub fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

/// The page's query string, e.g. `?q=auto&sort=-size`.
pub fn current_query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The page's path, e.g. `/backups`.
pub fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// Whether this page's host answers `path` (resolved against the page) with success rather than
/// an error such as 404. Asked with `HEAD`, so only headers travel.
pub async fn host_serves(path: &str) -> bool {
    use gloo_net::http::{Method, RequestBuilder};
    let Ok(request) = RequestBuilder::new(path).method(Method::HEAD).build() else {
        return false;
    };
    request.send().await.is_ok_and(|response| response.ok())
}

/// Shows `path_and_query` in the address bar without a reload or a history entry per keystroke.
pub fn replace_address(path_and_query: &str) {
    if let Some(Ok(history)) = web_sys::window().map(|w| w.history()) {
        let url = Some(path_and_query);
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", url);
    }
}

/// Shows `path_and_query` in the address bar as a new history entry (a move to another page),
/// so the browser's Back button returns.
pub fn push_address(path_and_query: &str) {
    if let Some(Ok(history)) = web_sys::window().map(|w| w.history()) {
        let url = Some(path_and_query);
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", url);
    }
}

/// Puts `text` on the clipboard; `false` when the browser did not allow it.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// Bytes `start..end` of a file, read without touching the rest of it.
pub async fn read_slice(file: &File, start: u64, end: u64) -> Option<Vec<u8>> {
    let part = file.slice_with_f64_and_f64(start as f64, end as f64).ok()?;
    let buffer = JsFuture::from(part.array_buffer()).await.ok()?;
    let buffer: js_sys::ArrayBuffer = buffer.dyn_into().ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Lets go of a stream's chunks as soon as they have been read. A chunk the browser made (an
/// inflater's output, a download's piece) is freed by Chromium only at a full garbage
/// collection, which at loopback speed comes every few hundred megabytes: verifying a 1 GB
/// backup peaked 350 MB above idle that way. A transferred buffer is detached at once, and one
/// transferred to a port whose other end is closed is never delivered (HTML's `postMessage`
/// steps end there), so its memory goes with it.
#[derive(Clone)]
pub struct BufferReleaser(Option<web_sys::MessagePort>);

impl Default for BufferReleaser {
    fn default() -> BufferReleaser {
        BufferReleaser(web_sys::MessageChannel::new().ok().map(|channel| {
            channel.port2().close();
            channel.port1()
        }))
    }
}

impl BufferReleaser {
    /// Empties `chunk`, once read, and frees its memory; a buffer it shares with other views
    /// is left alone.
    pub fn release(&self, chunk: &js_sys::Uint8Array) {
        let buffer = chunk.buffer();
        if let Some(port) = &self.0 {
            if chunk.byte_offset() == 0 && chunk.byte_length() == buffer.byte_length() {
                let moved = js_sys::Array::of1(&buffer);
                let _ =
                    port.post_message_with_transferable(&wasm_bindgen::JsValue::UNDEFINED, &moved);
            }
        }
    }
}
