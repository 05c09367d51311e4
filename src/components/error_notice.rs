use leptos::prelude::*;

use crate::api::ApiError;
use crate::text;

/// Shows an [`ApiError`] in words, announced to screen readers. Nothing when there is none.
#[component]
pub fn ErrorNotice(
    #[prop(into)] error: Signal<Option<ApiError>>,
    /// How to put the error in words where the context changes its meaning.
    #[prop(default = text::error_message)]
    describe: fn(&ApiError) -> String,
) -> impl IntoView {
    move || {
        error.with(|error| {
            error.as_ref().map(|error| {
                view! { <p class="notice error" role="alert">{describe(error)}</p> }
            })
        })
    }
}
