use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{normalize_server_url, ApiError};
use crate::components::{ErrorNotice, TextField};
use crate::state::{SessionState, SignedOut};
use crate::text;

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = expect_context::<SessionState>();
    let server_url = RwSignal::new(session.suggested_server_url());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());

    let server_problem = RwSignal::new(None::<String>);
    let email_problem = RwSignal::new(None::<String>);
    let password_problem = RwSignal::new(None::<String>);
    let refusal = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let url = normalize_server_url(&server_url.get_untracked());
        let (email_value, password_value) = (email.get_untracked(), password.get_untracked());
        server_problem.set(
            url.as_ref()
                .err()
                .map(|e| text::bad_server_url(*e).to_owned()),
        );
        email_problem.set(
            email_value
                .trim()
                .is_empty()
                .then(|| text::EMAIL_REQUIRED.into()),
        );
        password_problem.set(
            password_value
                .is_empty()
                .then(|| text::PASSWORD_REQUIRED.into()),
        );
        let Ok(url) = url else { return };
        if email_problem.with_untracked(Option::is_some)
            || password_problem.with_untracked(Option::is_some)
        {
            return;
        }
        refusal.set(None);
        pending.set(true);
        spawn_local(async move {
            let result =
                SessionState::authenticate(&url, email_value.trim(), &password_value).await;
            pending.set(false);
            match result {
                Ok(signed_in) => session.sign_in(signed_in),
                Err(error) => refusal.set(Some(error)),
            }
        });
    };

    view! {
        <main class="sign-in">
            <form class="card" on:submit=submit novalidate>
                <h1>{text::APP_TITLE}</h1>
                <p class="hint">{text::SIGN_IN_HINT}</p>
                {move || {
                    session
                        .notice()
                        .get()
                        .map(|notice| {
                            let words = match notice {
                                SignedOut::Expired => text::SESSION_EXPIRED,
                                SignedOut::Restored => text::RESTORED_SIGN_IN,
                                SignedOut::ElsewhereSignedOut => text::SIGNED_OUT_ELSEWHERE,
                            };
                            view! { <p class="notice warn" role="alert">{words}</p> }
                        })
                }}
                <TextField
                    id="server-url"
                    label=text::SERVER_URL
                    kind="url"
                    autocomplete="url"
                    value=server_url
                    problem=server_problem
                />
                <TextField
                    id="email"
                    label=text::EMAIL
                    kind="email"
                    autocomplete="username"
                    value=email
                    problem=email_problem
                />
                <TextField
                    id="password"
                    label=text::PASSWORD
                    kind="password"
                    autocomplete="current-password"
                    value=password
                    problem=password_problem
                />
                <ErrorNotice error=refusal describe=text::sign_in_error />
                <button type="submit" class="primary" disabled=pending>
                    {move || if pending.get() { text::SIGNING_IN } else { text::SIGN_IN }}
                </button>
            </form>
        </main>
    }
}
