use leptos::prelude::*;

use crate::state::UploadProgress;
use crate::text;

/// The running upload: a progress bar, bytes, speed and time left, and a way to cancel it.
/// The block stays in place while figures change, so the Cancel button keeps its focus.
#[component]
pub fn UploadProgressView(
    #[prop(into)] progress: Signal<Option<UploadProgress>>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let show = move |part: fn(&UploadProgress) -> String| {
        move || progress.with(|p| p.as_ref().map(part).unwrap_or_default())
    };
    let finishing = move || progress.with(|p| p.as_ref().is_some_and(UploadProgress::finishing));
    let too_slow = move || {
        progress.with(|p| {
            p.as_ref()
                .is_some_and(UploadProgress::outlasts_server_timeout)
        })
    };
    view! {
        <Show when=move || progress.with(Option::is_some)>
            <div
                class="upload-progress"
                role="group"
                aria-label=show(|p| text::t().uploading(&p.name))
            >
                <span class="subject">{show(|p| text::t().uploading(&p.name))}</span>
                <progress
                    aria-label=show(|p| text::t().uploading(&p.name))
                    max=show(|p| p.total.to_string())
                    value=show(|p| p.sent.to_string())
                ></progress>
                <span class="status">
                    {show(|p| {
                        text::t().upload_status(
                            p.sent,
                            p.total,
                            p.percent(),
                            p.bytes_per_second(),
                            p.seconds_left(),
                        )
                    })}
                </span>
                {move || {
                    if finishing() {
                        view! { <p class="notice">{text::p().finishing}</p> }.into_any()
                    } else {
                        view! {
                            <button type="button" on:click=move |_| on_cancel.run(())>
                                {text::p().cancel_upload}
                            </button>
                        }
                            .into_any()
                    }
                }}
                <Show when=too_slow>
                    <p class="notice warn">{text::p().upload_too_slow}</p>
                </Show>
            </div>
        </Show>
    }
}
