use leptos::prelude::*;

use crate::state::{Toast, ToastKind};
use crate::text;

/// The messages about finished work, in a polite live region; failures as alerts.
#[component]
pub fn Toaster(
    #[prop(into)] toasts: Signal<Vec<Toast>>,
    on_dismiss: Callback<u32>,
) -> impl IntoView {
    view! {
        <div class="toasts" aria-live="polite">
            <For each=move || toasts.get() key=|toast| toast.id let:toast>
                <div
                    class=if toast.kind == ToastKind::Error { "toast error" } else { "toast" }
                    role=(toast.kind == ToastKind::Error).then_some("alert")
                >
                    <span>{toast.text.clone()}</span>
                    <button
                        type="button"
                        class="dismiss"
                        aria-label={text::p().dismiss}
                        on:click=move |_| on_dismiss.run(toast.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
