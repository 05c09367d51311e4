use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{normalize_server_url, ApiError};
use crate::components::{ErrorNotice, TextField};
use crate::state::{SessionState, SignedOut};
use crate::text;

/// A sign-in whose password was right and that now needs the e-mailed one-time code.
#[derive(Clone, Debug, PartialEq, Eq)]
struct SecondStep {
    server_url: String,
    email: String,
    mfa_id: String,
    /// The id of the code last sent; `None` until one is.
    otp_id: Option<String>,
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let session = expect_context::<SessionState>();
    let server_url = RwSignal::new(session.suggested_server_url());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let second = RwSignal::new(None::<SecondStep>);

    let server_problem = RwSignal::new(None::<String>);
    let email_problem = RwSignal::new(None::<String>);
    let password_problem = RwSignal::new(None::<String>);
    let code_problem = RwSignal::new(None::<String>);
    let refusal = RwSignal::new(None::<ApiError>);
    let code_sent = RwSignal::new(false);
    let pending = RwSignal::new(false);

    // Sends a (new) code for the second step; each replaces the one before.
    let send_code = move || {
        let Some(step) = second.get_untracked() else {
            return;
        };
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        refusal.set(None);
        code_sent.set(false);
        spawn_local(async move {
            let sent = SessionState::request_code(&step.server_url, &step.email).await;
            pending.set(false);
            match sent {
                Ok(otp_id) => {
                    second.update(|s| {
                        if let Some(s) = s {
                            s.otp_id = Some(otp_id);
                        }
                    });
                    code_sent.set(true);
                }
                Err(error) => refusal.set(Some(error)),
            }
        });
    };

    let submit_code = move |step: SecondStep| {
        let typed = code.get_untracked().trim().to_owned();
        code_problem.set(typed.is_empty().then(|| text::CODE_REQUIRED.into()));
        let Some(otp_id) = step.otp_id.clone() else {
            return;
        };
        if typed.is_empty() {
            return;
        }
        refusal.set(None);
        pending.set(true);
        spawn_local(async move {
            let result = SessionState::authenticate_with_code(
                &step.server_url,
                &step.email,
                &otp_id,
                &typed,
                &step.mfa_id,
            )
            .await;
            pending.set(false);
            match result {
                Ok(signed_in) => session.sign_in(signed_in),
                Err(error) => refusal.set(Some(error)),
            }
        });
    };

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        if let Some(step) = second.get_untracked() {
            return submit_code(step);
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
            let email_value = email_value.trim().to_owned();
            let result = SessionState::authenticate(&url, &email_value, &password_value).await;
            pending.set(false);
            match result {
                Ok(signed_in) => session.sign_in(signed_in),
                // The password was right: on to the e-mailed code.
                Err(ApiError::MfaRequired(mfa_id)) => {
                    code.set(String::new());
                    second.set(Some(SecondStep {
                        server_url: url,
                        email: email_value,
                        mfa_id,
                        otp_id: None,
                    }));
                    send_code();
                }
                Err(error) => refusal.set(Some(error)),
            }
        });
    };

    let password_step = move || {
        view! {
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
        }
    };
    let code_step = move |step: SecondStep| {
        view! {
            <p class="hint">{text::second_factor(&step.email)}</p>
            <p class="notice" role="status" hidden=move || !code_sent.get()>
                {text::code_sent(&step.email)}
            </p>
            <TextField
                id="one-time-code"
                label=text::ONE_TIME_CODE
                autocomplete="one-time-code"
                value=code
                problem=code_problem
            />
            <div class="row-actions">
                <button type="button" on:click=move |_| send_code() disabled=pending>
                    {text::SEND_NEW_CODE}
                </button>
                <button type="button" on:click=move |_| second.set(None) disabled=pending>
                    {text::START_OVER}
                </button>
            </div>
        }
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
                {move || match second.get() {
                    Some(step) => code_step(step).into_any(),
                    None => password_step().into_any(),
                }}
                <ErrorNotice error=refusal describe=text::sign_in_error />
                <button type="submit" class="primary" disabled=pending>
                    {move || if pending.get() { text::SIGNING_IN } else { text::SIGN_IN }}
                </button>
            </form>
        </main>
    }
}
