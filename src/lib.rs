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

use pages::{BackupsPage, SettingsPage, SignInPage};
use state::{provide_app_state, Navigation, Page, SessionState};

/// The whole panel: for a signed-in superuser the page the address names (the backups, or
/// their settings), the sign-in page otherwise.
#[component]
pub fn App() -> impl IntoView {
    provide_app_state();
    let session = expect_context::<SessionState>();
    let navigation = expect_context::<Navigation>();
    session.follow_other_tabs();
    session.keep_fresh();
    navigation.follow_history();
    let page = navigation.page();
    // A memo: a renewed token changes the session, and must not draw the page again.
    let shown = Memo::new(move |_| (session.is_signed_in(), page.get()));
    move || match shown.get() {
        (false, _) => SignInPage().into_any(),
        (true, Page::Backups) => BackupsPage().into_any(),
        (true, Page::Settings) => SettingsPage().into_any(),
    }
}

pub fn mount() {
    leptos::mount::mount_to_body(App);
}
