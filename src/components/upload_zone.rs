use leptos::ev::{DragEvent, Event};
use leptos::prelude::*;
use web_sys::{File, HtmlInputElement};

use crate::text;

/// A file picker labelled "Upload backup" that also takes a file dropped on it. It hands the
/// `File` handle on; nothing here reads the file.
#[component]
pub fn UploadZone(on_file: Callback<File>, #[prop(into)] disabled: Signal<bool>) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let picked = move |event: Event| {
        let input: HtmlInputElement = event_target(&event);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            on_file.run(file);
        }
        // Lets the same file be picked again after a refusal.
        input.set_value("");
    };
    let dropped = move |event: DragEvent| {
        event.prevent_default();
        dragging.set(false);
        if disabled.get_untracked() {
            return;
        }
        let file = event
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            on_file.run(file);
        }
    };
    view! {
        <div
            class="drop-zone"
            class:dragging=dragging
            on:dragover=move |event: DragEvent| {
                event.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=dropped
        >
            <input
                type="file"
                id="upload-file"
                class="visually-hidden"
                accept=".zip,application/zip"
                disabled=disabled
                on:change=picked
            />
            <label for="upload-file" class="button">
                {text::p().upload_backup}
            </label>
            <span class="hint">{text::p().drop_hint}</span>
        </div>
    }
}
