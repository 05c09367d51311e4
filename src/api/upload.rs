//! Upload with progress. `fetch` cannot report how much of a request body was sent, so this
//! one call uses `XMLHttpRequest`. The `File` still goes through `FormData`: the browser streams
//! it from disk, and its bytes never pass through this module.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, FormData, ProgressEvent, XmlHttpRequest};

use super::client::js_failure;
use super::url::backups_url;
use super::{ApiError, PocketBase};

/// An upload on its way. Await [`UploadRequest::finish`] for the server's answer.
pub struct UploadRequest {
    xhr: XmlHttpRequest,
    done: JsFuture,
    cancelled: Rc<Cell<bool>>,
    // Kept alive until the request ends: the browser calls it while bytes are sent.
    _on_progress: Closure<dyn FnMut(ProgressEvent)>,
}

/// Aborts an upload from anywhere, e.g. a "Cancel upload" button.
#[derive(Clone)]
pub struct UploadCanceller {
    xhr: XmlHttpRequest,
    cancelled: Rc<Cell<bool>>,
}

impl UploadCanceller {
    pub fn cancel(&self) {
        self.cancelled.set(true);
        let _ = self.xhr.abort();
    }
}

impl PocketBase {
    /// Starts `POST /api/backups/upload` of `file`, stored as `name` (the file name given to
    /// `FormData` is the key PocketBase stores it under); `on_progress(sent, total)` reports the
    /// bytes sent.
    pub fn start_upload(
        &self,
        file: &File,
        name: &str,
        mut on_progress: impl FnMut(f64, f64) + 'static,
    ) -> Result<UploadRequest, ApiError> {
        let xhr = XmlHttpRequest::new().map_err(js_failure)?;
        let url = format!("{}/upload", backups_url(self.base_url()));
        xhr.open("POST", &url).map_err(js_failure)?;
        if let Some(token) = self.token() {
            xhr.set_request_header("Authorization", token)
                .map_err(js_failure)?;
        }
        let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |event: ProgressEvent| {
            if event.length_computable() {
                on_progress(event.loaded(), event.total());
            }
        });
        xhr.upload()
            .map_err(js_failure)?
            .set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        // Settles on `loadend`, which follows success, failure and abort alike.
        let done = js_sys::Promise::new(&mut |resolve, _| xhr.set_onloadend(Some(&resolve)));

        let form = FormData::new().map_err(js_failure)?;
        form.append_with_blob_and_filename("file", file, name)
            .map_err(js_failure)?;
        xhr.send_with_opt_form_data(Some(&form))
            .map_err(js_failure)?;
        Ok(UploadRequest {
            xhr,
            done: JsFuture::from(done),
            cancelled: Rc::new(Cell::new(false)),
            _on_progress: on_progress,
        })
    }
}

impl UploadRequest {
    pub fn canceller(&self) -> UploadCanceller {
        UploadCanceller {
            xhr: self.xhr.clone(),
            cancelled: self.cancelled.clone(),
        }
    }

    /// The server's answer: `Ok` only for its 2xx.
    pub async fn finish(self) -> Result<(), ApiError> {
        let _ = self.done.await;
        let status = self.xhr.status().unwrap_or(0);
        if status == 0 {
            return Err(if self.cancelled.get() {
                ApiError::Cancelled
            } else {
                ApiError::Network("the upload was interrupted".into())
            });
        }
        if status >= 400 {
            let body = self.xhr.response_text().ok().flatten().unwrap_or_default();
            return Err(ApiError::from_response(status, &body));
        }
        Ok(())
    }
}
