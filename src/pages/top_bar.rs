use leptos::prelude::*;

use crate::components::PreferenceControls;
use crate::state::{Navigation, Page, Preferences, SessionState};
use crate::text;

/// The bar on every signed-in page: who is signed in where, the way to the other page, sign out.
#[component]
pub fn TopBar(
    /// Work of the page's own is running (see [`Choices`]).
    #[prop(into, optional)]
    busy: Signal<bool>,
) -> impl IntoView {
    let session = expect_context::<SessionState>();
    let navigation = expect_context::<Navigation>();
    let page = navigation.page();
    let signed_in_as = move || {
        session.current().with(|s| {
            s.as_ref()
                .map(|s| text::t().signed_in_as(&s.email, &s.server_url))
        })
    };
    // The pages this one is not; each page draws its own bar.
    let links = {
        let shown = page.get_untracked();
        [
            (Page::Backups, text::p().back_to_backups),
            (Page::Settings, text::p().backup_settings),
            (Page::Servers, text::p().servers),
        ]
        .into_iter()
        .filter(move |(to, _)| *to != shown)
        .map(|(to, label)| view! { <PageLink to label /> })
        .collect_view()
    };
    view! {
        <header class="topbar">
            <span class="brand">{text::p().app_title}</span>
            // Cut short on a narrow screen: the title holds it whole.
            <span class="who" title=signed_in_as>{signed_in_as}</span>
            <nav>{links}</nav>
            <Choices busy />
            <button
                type="button"
                on:click=move |_| {
                    if navigation.may_sign_out() {
                        session.sign_out(None)
                    }
                }
            >
                {text::p().sign_out}
            </button>
        </header>
    }
}

/// A link to one of the panel's pages: a real address (it can be opened in a new tab), followed
/// in the page itself on a plain click.
#[component]
pub fn PageLink(
    #[prop(into)] to: Signal<Page>,
    #[prop(into)] label: Signal<&'static str>,
) -> impl IntoView {
    let navigation = expect_context::<Navigation>();
    view! {
        <a
            href=move || navigation.href(to.get())
            on:click=move |event: leptos::ev::MouseEvent| {
                let modified = event.ctrl_key() || event.meta_key() || event.shift_key()
                    || event.alt_key() || event.button() != 0;
                if !modified {
                    event.prevent_default();
                    navigation.go(to.get_untracked());
                }
            }
        >
            {label}
        </a>
    }
}

/// The language and theme controls, wired to this browser's preferences. Another language
/// draws the page again; the state and the work it runs stay (a create, an upload, a save go
/// on and tell their outcome). Only while work of the page's own runs (`busy`: an S3 test, a
/// sign-in to another server) does the language wait, so no answer is dropped unseen.
#[component]
pub fn Choices(#[prop(into, optional)] busy: Signal<bool>) -> impl IntoView {
    let preferences = expect_context::<Preferences>();
    view! {
        <PreferenceControls
            lang=preferences.lang()
            on_lang=Callback::new(move |lang| preferences.set_lang(lang))
            lang_locked=busy
            lang_missing=preferences.lang_missing()
            theme=preferences.theme()
            on_theme=Callback::new(move |theme| preferences.set_theme(theme))
        />
    }
}
