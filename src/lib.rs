//! A Leptos admin panel for PocketBase backups.
//!
//! Layers, data flowing one way: [`api`] (PocketBase over HTTP, no UI) → [`state`] (signals in
//! context) → [`components`] (reusable view pieces) → [`pages`] (screens).

pub mod api;
pub mod components;
pub mod format;
pub mod pages;
pub mod state;
pub mod text;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;

use leptos::prelude::*;

use pages::{BackupsPage, SignInPage};
use state::{provide_app_state, SessionState};

/// The whole panel: the backups page for a signed-in superuser, the sign-in page otherwise.
#[component]
pub fn App() -> impl IntoView {
    provide_app_state();
    let session = expect_context::<SessionState>();
    session.follow_other_tabs();
    session.keep_fresh();
    view! {
        <Show when=move || session.is_signed_in() fallback=SignInPage>
            <BackupsPage />
        </Show>
    }
}

pub fn mount() {
    leptos::mount::mount_to_body(App);
}
