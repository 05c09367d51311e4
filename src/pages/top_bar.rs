use leptos::prelude::*;

use crate::state::{Navigation, Page, SessionState};
use crate::text;

/// The bar on every signed-in page: who is signed in where, the way to the other page, sign out.
#[component]
pub fn TopBar() -> impl IntoView {
    let session = expect_context::<SessionState>();
    let navigation = expect_context::<Navigation>();
    let page = navigation.page();
    let signed_in_as = move || {
        session.current().with(|s| {
            s.as_ref()
                .map(|s| text::signed_in_as(&s.email, &s.server_url))
        })
    };
    let other = move || match page.get() {
        Page::Backups => (Page::Settings, text::BACKUP_SETTINGS),
        Page::Settings => (Page::Backups, text::BACK_TO_BACKUPS),
    };
    view! {
        <header class="topbar">
            <span class="brand">{text::APP_TITLE}</span>
            <span class="who">{signed_in_as}</span>
            <nav>
                <PageLink to=Signal::derive(move || other().0) label=Signal::derive(move || other().1) />
            </nav>
            <button
                type="button"
                on:click=move |_| {
                    if navigation.may_sign_out() {
                        session.sign_out(None)
                    }
                }
            >
                {text::SIGN_OUT}
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
