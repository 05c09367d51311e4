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

/// The first `count` bytes of a file — to sniff its type — without reading the rest.
pub async fn first_bytes(file: &File, count: i32) -> Option<Vec<u8>> {
    let head = file.slice_with_i32_and_i32(0, count).ok()?;
    let buffer = JsFuture::from(head.array_buffer()).await.ok()?;
    let buffer: js_sys::ArrayBuffer = buffer.dyn_into().ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}
