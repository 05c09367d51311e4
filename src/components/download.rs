use wasm_bindgen::JsCast;
use web_sys::HtmlAnchorElement;

/// Lets the browser download `url` natively: the bytes go to disk, never into this page, so a
/// backup of many gigabytes downloads like any file.
pub fn start_download(url: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(link), Some(body)) = (document.create_element("a"), document.body()) else {
        return;
    };
    let link: HtmlAnchorElement = link.unchecked_into();
    link.set_href(url);
    // Empty: keep the file name the server sends in Content-Disposition.
    link.set_download("");
    if body.append_child(&link).is_ok() {
        link.click();
        link.remove();
    }
}
