//! The fleet: every PocketBase server this browser is signed in to, at a glance — its backups,
//! the newest one's age, whether automatic backups keep up — with a way to open each without
//! signing in again, to add one, and to remove one.

use leptos::prelude::*;

use crate::format::local_datetime_short;
use crate::pages::{SignInDraft, SignInForm, TopBar};
use crate::state::{
    page_hidden, sleep, Fleet, Navigation, Page, ServerCheck, Session, SessionState, Staleness,
    Tasks,
};
use crate::text;

/// How often the open page asks every server again, while its tab is in front.
const CHECK_EVERY_MS: f64 = 60_000.0;

crate::split::split_piece! {
    /// The fleet's page, fetched when first shown.
    pub mod servers_page in servers = fn(draft: SignInDraft) -> AnyView {
        ServersPage(ServersPageProps { draft }).into_any()
    }
}

#[component]
pub fn ServersPage(
    /// The form that adds a server, kept across a redraw in another language.
    draft: SignInDraft,
) -> impl IntoView {
    let session = expect_context::<SessionState>();
    let fleet = expect_context::<Fleet>();
    // Every minute while the page shows and its tab is in front; a tab back in front after
    // a minute or more asks at once. Nothing is asked from a hidden tab.
    Tasks::here().spawn(async move {
        let mut next_check = 0.0;
        loop {
            if !page_hidden() && js_sys::Date::now() >= next_check {
                fleet.check_all();
                next_check = js_sys::Date::now() + CHECK_EVERY_MS;
            }
            sleep(500).await;
        }
    });
    let adding = RwSignal::new(false);
    let servers = session.servers();
    let rows = move || {
        servers
            .get()
            .into_iter()
            .map(|saved| {
                let check = fleet.check_of(&saved.server_url);
                server_row(saved, check, draft)
            })
            .collect_view()
    };
    let added = Callback::new(move |signed_in: Session| {
        draft.clear();
        session.add_server(signed_in.clone());
        fleet.check(signed_in);
    });
    view! {
        <TopBar busy=adding />
        <main class="servers-page">
            <div class="page-head">
                <h1>{text::p().servers}</h1>
                <button type="button" on:click=move |_| fleet.check_all()>
                    {text::p().refresh}
                </button>
            </div>
            <p class="hint">{text::p().servers_hint}</p>
            <div class="table-scroll">
                <table class="servers">
                    <thead>
                        <tr>
                            <th scope="col">{text::p().server_column}</th>
                            <th scope="col">{text::p().backups}</th>
                            <th scope="col">{text::p().newest_column}</th>
                            <th scope="col">{text::p().state_column}</th>
                            <th scope="col"><span class="visually-hidden">{text::p().column_actions}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <SignInForm
                draft
                pending=adding
                heading=text::p().add_server
                hint=text::p().add_server_hint
                submit_label=text::p().add_server
                on_signed_in=added
            />
        </main>
    }
}

/// One server: what it answered when last asked (`check`), and what can be done with it. Drawn
/// whole again when that changes: a few rows of plain elements cost less than a reactive cell
/// each.
fn server_row(saved: Session, check: ServerCheck, draft: SignInDraft) -> impl IntoView {
    let session = expect_context::<SessionState>();
    let navigation = expect_context::<Navigation>();
    let Session {
        server_url,
        email,
        capabilities,
        ..
    } = saved;
    let shown_here = session.server_url().as_ref() == Some(&server_url);
    let now = js_sys::Date::now() as i64;
    let lang = text::chosen().tag();
    let age = |at: i64| text::t().relative_age((now - at) / 1_000);
    let signed_out = check == ServerCheck::SignedOut;
    let (backups, newest, class, state) = match check {
        ServerCheck::Checking => (None, None, "", text::p().checking.to_owned()),
        ServerCheck::SignedOut => (None, None, "warn", text::p().signed_out_state.to_owned()),
        ServerCheck::Failed(error) => (None, None, "error", text::error_message(&error)),
        ServerCheck::Checked(summary) => {
            let all = (summary.count, summary.bytes);
            let newest = summary.newest.map(|(key, at)| {
                let title = local_datetime_short(at, lang);
                view! { <span title=title>{text::t().newest_backup(&key, &age(at))}</span> }
            });
            let (class, state) = match summary.staleness {
                Staleness::Fine => ("ok", text::p().server_fine.to_owned()),
                Staleness::Old { newest_ms, .. } => (
                    "warn",
                    text::t()
                        .auto_backup_stale(&local_datetime_short(newest_ms, lang), &age(newest_ms)),
                ),
                Staleness::NoneYet { since_ms } => (
                    "warn",
                    text::t().no_auto_backup_yet(&local_datetime_short(since_ms, lang)),
                ),
            };
            (Some(text::t().totals(all, all)), newest, class, state)
        }
    };
    let open = {
        let server_url = server_url.clone();
        move |_| {
            if session.switch_to(&server_url) {
                navigation.start_over_at(Page::Backups);
            }
        }
    };
    let sign_in_again = {
        let (server_url, email) = (server_url.clone(), email.clone());
        move |_| draft.prefill(&server_url, &email)
    };
    let remove = {
        let server_url = server_url.clone();
        // Removing the server shown here signs out of it: asked first like a sign-out.
        move |_| {
            if !shown_here || navigation.may_sign_out() {
                session.remove_server(&server_url)
            }
        }
    };
    view! {
        <tr>
            <th scope="row">
                <span class="key">{server_url.clone()}</span>
                <span class="hint">{email}</span>
                <span class="hint family">{text::family(capabilities.family())}</span>
                {shown_here.then(|| view! { <span class="hint">{text::p().shown_here}</span> })}
            </th>
            <td>{backups}</td>
            <td>{newest}</td>
            <td><span class=format!("state {class}")>{state}</span></td>
            <td class="actions">
                <button
                    type="button"
                    aria-label=text::t().open_server(&server_url)
                    hidden=shown_here || signed_out
                    on:click=open
                >
                    {text::p().open}
                </button>
                <button
                    type="button"
                    aria-label=text::t().sign_in_again(&server_url)
                    hidden=!signed_out
                    on:click=sign_in_again
                >
                    {text::p().sign_in_again}
                </button>
                <button
                    type="button"
                    aria-label=text::t().remove_server(&server_url)
                    on:click=remove
                >
                    {text::p().remove}
                </button>
            </td>
        </tr>
    }
}
