//! A Leptos admin panel for PocketBase backups.
//!
//! Layers, data flowing one way: [`api`] (PocketBase over HTTP, no UI) → [`state`] (signals in
//! context) → [`components`] (reusable view pieces) → [`pages`] (screens).

pub mod api;
pub mod components;
pub mod format;
pub mod pages;
mod split;
pub mod state;
pub mod text;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use components::{lazy_piece, Toaster};
use pages::{
    servers_page, settings_page, BackupsPage, LeaveDialog, SignInDraft, SignInPage, SignInPageProps,
};
use state::{
    provide_app_state, provide_server_state, Navigation, Page, Preferences, SessionState, Toasts,
};

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
    // A memo: a renewed token is the same account, and must not start its state over.
    let account = Memo::new(move |_| session.account());
    let lang = expect_context::<Preferences>().lang();
    Effect::new(move || {
        lang.track();
        document().set_title(text::p().app_title);
    });
    let draft = SignInDraft::new(session.suggested_server_url());
    let adding = SignInDraft::new(String::new());
    // Each sign-in (another account or server) gets state of its own, dropped at sign-out.
    move || match account.get() {
        None => Either::Left(move || {
            lang.track();
            SignInPage(SignInPageProps { draft })
        }),
        Some(_) => Either::Right(SignedIn(SignedInProps { adding })),
    }
}

/// What a signed-in superuser sees: the signed-in server's state, made here once and kept
/// while its pages come and go, and the page the address names. Another language draws the
/// page again, in its words; the state, and the work it runs, stay.
#[component]
fn SignedIn(
    /// The form that adds a server to the fleet, kept across a redraw in another language.
    adding: SignInDraft,
) -> impl IntoView {
    provide_server_state();
    let page = expect_context::<Navigation>().page();
    let lang = expect_context::<Preferences>().lang();
    let toasts = expect_context::<Toasts>();
    // `EitherOf3` rather than `into_any`: type erasure would cost each page its own wrappers.
    let shown = move || {
        lang.track();
        match page.get() {
            Page::Backups => EitherOf3::A(BackupsPage()),
            Page::Settings => EitherOf3::B(lazy_piece(settings_page::PRELOAD, settings_page::draw)),
            Page::Servers => EitherOf3::C(lazy_piece(servers_page::PRELOAD, move || {
                servers_page::draw(adding)
            })),
        }
    };
    // Beside the page, not in it: the toasts' live region outlives every page change.
    let around = move || {
        lang.track();
        view! {
            <LeaveDialog />
            <Toaster toasts=toasts.list() on_dismiss=Callback::new(move |id| toasts.dismiss(id)) />
        }
    };
    (shown, around)
}

pub fn mount() {
    let lang = Preferences::remembered_lang();
    if text::is_ready(lang) {
        return leptos::mount::mount_to_body(App);
    }
    // The reader's language first, so the first screen is never drawn in another one (if its
    // words cannot be fetched, it is drawn in English). Nothing exists yet that could stop
    // this task, nor anything it could outlive; nor Leptos' executor, which mounting sets up.
    #[allow(clippy::disallowed_methods)]
    wasm_bindgen_futures::spawn_local(async move {
        let _ = text::load(lang).await;
        leptos::mount::mount_to_body(App);
    });
}
