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

use leptos::either::EitherOf4;
use leptos::prelude::*;

use pages::{
    BackupsPage, ServersPage, ServersPageProps, SettingsPage, SignInDraft, SignInPage,
    SignInPageProps,
};
use state::{provide_app_state, Navigation, Page, Preferences, SessionState};

/// The whole panel: for a signed-in superuser the page the address names (the backups, their
/// settings, or the fleet of servers), the sign-in page otherwise.
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
    let signed_in = Memo::new(move |_| session.is_signed_in());
    let lang = expect_context::<Preferences>().lang();
    Effect::new(move || {
        lang.track();
        document().set_title(text::p().app_title);
    });
    let draft = SignInDraft::new(session.suggested_server_url());
    let adding = SignInDraft::new(String::new());
    // `EitherOf4` rather than `into_any`: type erasure would cost each page its own wrappers.
    // Another language draws the page again, in its words; what is typed lives in state.
    move || {
        lang.track();
        match (signed_in.get(), page.get()) {
            (false, _) => EitherOf4::A(SignInPage(SignInPageProps { draft })),
            (true, Page::Backups) => EitherOf4::B(BackupsPage()),
            (true, Page::Settings) => EitherOf4::C(SettingsPage()),
            (true, Page::Servers) => EitherOf4::D(ServersPage(ServersPageProps { draft: adding })),
        }
    }
}

pub fn mount() {
    leptos::mount::mount_to_body(App);
}
