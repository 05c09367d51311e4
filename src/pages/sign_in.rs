use leptos::either::Either;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api::{normalize_server_url, token_expiry, ApiError};
use crate::components::{focus_when_drawn, ErrorNotice, TextField};
use crate::pages::Choices;
use crate::state::{Navigation, Page, Session, SessionState, SignedOut, Tasks};
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

/// What is typed into the sign-in form. Made once, above the page, so that drawing the page
/// again in another language keeps it.
#[derive(Clone, Copy)]
pub struct SignInDraft {
    server_url: RwSignal<String>,
    email: RwSignal<String>,
    password: RwSignal<String>,
    code: RwSignal<String>,
    second: RwSignal<Option<SecondStep>>,
}

impl SignInDraft {
    pub fn new(suggested_server_url: String) -> Self {
        Self {
            server_url: RwSignal::new(suggested_server_url),
            email: RwSignal::new(String::new()),
            password: RwSignal::new(String::new()),
            code: RwSignal::new(String::new()),
            second: RwSignal::new(None),
        }
    }

    /// Starts over for `server_url` as `email`: only the password is left to type.
    pub fn prefill(&self, server_url: &str, email: &str) {
        self.server_url.set(server_url.to_owned());
        self.email.set(email.to_owned());
        self.signed_in();
        focus_when_drawn("#password");
    }

    /// Empty again, for the next server.
    pub fn clear(&self) {
        self.server_url.set(String::new());
        self.email.set(String::new());
        self.signed_in();
    }

    /// Forgets the secrets once they have served.
    fn signed_in(&self) {
        self.password.set(String::new());
        self.code.set(String::new());
        self.second.set(None);
    }
}

/// The sign-in page: the form, and the other servers of the fleet still signed in.
#[component]
pub fn SignInPage(draft: SignInDraft) -> impl IntoView {
    let session = expect_context::<SessionState>();
    let navigation = expect_context::<Navigation>();
    let pending = RwSignal::new(false);
    // Drawn once: this page is left by opening one of them, or by signing in.
    let open_elsewhere = {
        let now_s = js_sys::Date::now() / 1_000.0;
        let servers: Vec<Session> = session
            .servers()
            .get_untracked()
            .into_iter()
            .filter(|s| s.is_signed_in() && token_expiry(&s.token).is_none_or(|exp| exp > now_s))
            .collect();
        (!servers.is_empty()).then(|| {
            let buttons = servers
                .into_iter()
                .map(|saved| {
                    let url = saved.server_url;
                    let label = text::t().open_server(&url);
                    let open = move |_| {
                        if session.switch_to(&url) {
                            navigation.start_over_at(Page::Backups);
                        }
                    };
                    view! { <li><button type="button" on:click=open>{label}</button></li> }
                })
                .collect_view();
            // A shared browser: signing out of one server leaves the others open until this.
            let forgotten = RwSignal::new(false);
            let sign_out_all = move |_| {
                session.sign_out_everywhere();
                forgotten.set(true);
            };
            view! {
                <section class="card" hidden=forgotten>
                    <h2>{text::p().still_signed_in}</h2>
                    <ul class="plain">{buttons}</ul>
                    <p>
                        <button type="button" aria-describedby="sign-out-everywhere-hint" on:click=sign_out_all>
                            {text::p().sign_out_everywhere}
                        </button>
                    </p>
                    <p class="hint" id="sign-out-everywhere-hint">{text::p().sign_out_everywhere_hint}</p>
                </section>
            }
        })
    };
    view! {
        <main class="sign-in">
            <SignInForm
                draft
                pending
                heading=text::p().app_title
                page_heading=true
                hint=text::p().sign_in_hint
                submit_label=text::p().sign_in
                on_signed_in=Callback::new(move |signed_in| session.sign_in(signed_in))
            />
            {open_elsewhere}
            <Choices busy=pending />
        </main>
    }
}

/// The address, e-mail and password (then the e-mailed code, when the account asks for one),
/// checked here like the server checks them; `on_signed_in` gets the session the server gave.
/// On the sign-in page (the `<h1>`), why the admin was signed out heads the form.
#[component]
pub fn SignInForm(
    draft: SignInDraft,
    /// A request is in flight.
    pending: RwSignal<bool>,
    heading: &'static str,
    /// The heading is the page's own (`<h1>`), not a section's.
    #[prop(optional)]
    page_heading: bool,
    hint: &'static str,
    submit_label: &'static str,
    on_signed_in: Callback<Session>,
) -> impl IntoView {
    let session = expect_context::<SessionState>();
    let SignInDraft {
        server_url,
        email,
        password,
        code,
        second,
    } = draft;

    let server_problem = RwSignal::new(None::<String>);
    let email_problem = RwSignal::new(None::<String>);
    let password_problem = RwSignal::new(None::<String>);
    let code_problem = RwSignal::new(None::<String>);
    let refusal = RwSignal::new(None::<ApiError>);
    let code_sent = RwSignal::new(false);
    let tasks = Tasks::here();

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
        tasks.spawn(async move {
            let sent = SessionState::request_code(&step.server_url, &step.email).await;
            // The form may be gone meanwhile (the admin left the page): its answer with it.
            if pending.try_set(false).is_some() {
                return;
            }
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
        code_problem.set(typed.is_empty().then(|| text::p().code_required.into()));
        let Some(otp_id) = step.otp_id.clone() else {
            return;
        };
        if typed.is_empty() {
            return focus_when_drawn("#one-time-code");
        }
        refusal.set(None);
        pending.set(true);
        tasks.spawn(async move {
            let result = SessionState::authenticate_with_code(
                &step.server_url,
                &step.email,
                &otp_id,
                &typed,
                &step.mfa_id,
            )
            .await;
            // The form may be gone meanwhile (the admin left the page): its answer with it.
            if pending.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(signed_in) => {
                    draft.signed_in();
                    on_signed_in.try_run(signed_in);
                }
                Err(error) => {
                    refusal.set(Some(error));
                    focus_when_drawn("#one-time-code");
                }
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
                .map(|e| text::t().bad_server_url(*e).to_owned()),
        );
        email_problem.set(
            email_value
                .trim()
                .is_empty()
                .then(|| text::p().email_required.into()),
        );
        password_problem.set(
            password_value
                .is_empty()
                .then(|| text::p().password_required.into()),
        );
        let Ok(url) = url else {
            return focus_when_drawn("#server-url");
        };
        if email_problem.with_untracked(Option::is_some) {
            return focus_when_drawn("#email");
        }
        if password_problem.with_untracked(Option::is_some) {
            return focus_when_drawn("#password");
        }
        refusal.set(None);
        pending.set(true);
        tasks.spawn(async move {
            let email_value = email_value.trim().to_owned();
            let result = SessionState::authenticate(&url, &email_value, &password_value).await;
            // The form may be gone meanwhile (the admin left the page): its answer with it.
            if pending.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(signed_in) => {
                    draft.signed_in();
                    on_signed_in.try_run(signed_in);
                }
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
                    focus_when_drawn("#one-time-code");
                }
                Err(error) => {
                    // Focus goes to what most likely needs fixing.
                    focus_when_drawn(match error {
                        ApiError::Network(_) | ApiError::BlockedByPolicy(_) => "#server-url",
                        _ => "#password",
                    });
                    refusal.set(Some(error));
                }
            }
        });
    };

    let password_step = move || {
        view! {
            <TextField
                id="server-url"
                label={text::p().server_url}
                kind="url"
                autocomplete="url"
                value=server_url
                problem=server_problem
            />
            <TextField
                id="email"
                label={text::p().email}
                kind="email"
                autocomplete="username"
                value=email
                problem=email_problem
            />
            <TextField
                id="password"
                label={text::p().password}
                kind="password"
                autocomplete="current-password"
                value=password
                problem=password_problem
            />
        }
    };
    let code_step = move |step: SecondStep| {
        view! {
            <p class="hint">{text::t().second_factor(&step.email)}</p>
            <p class="notice" role="status" hidden=move || !code_sent.get()>
                {text::t().code_sent(&step.email)}
            </p>
            <TextField
                id="one-time-code"
                label={text::p().one_time_code}
                autocomplete="one-time-code"
                value=code
                problem=code_problem
            />
            <div class="row-actions">
                <button type="button" on:click=move |_| send_code() disabled=pending>
                    {text::p().send_new_code}
                </button>
                <button type="button" on:click=move |_| second.set(None) disabled=pending>
                    {text::p().start_over}
                </button>
            </div>
        }
    };

    view! {
        <form class="card" on:submit=submit novalidate>
            {if page_heading {
                Either::Left(view! { <h1>{heading}</h1> })
            } else {
                Either::Right(view! { <h2>{heading}</h2> })
            }}
            <p class="hint">{hint}</p>
            {move || {
                session
                    .notice()
                    .get()
                    .map(|notice| {
                        let words = match notice {
                            SignedOut::Expired => text::p().session_expired,
                            SignedOut::Restored => text::p().restored_sign_in,
                            SignedOut::ElsewhereSignedOut => text::p().signed_out_elsewhere,
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
                {move || if pending.get() { text::p().signing_in } else { submit_label }}
            </button>
        </form>
    }
}
