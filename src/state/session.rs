//! Who is signed in, to which server. The token lives in `localStorage` so a reload keeps the
//! session; it is sent only in the `Authorization` header and never printed.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::browser::sleep;
use super::storage;
use crate::api::{decode, encode, token_expiry, ApiError, AuthResponse, PocketBase};

/// The longest the refresh loop sleeps at a time (it sends nothing when it wakes early): a new
/// sign-in, or a token renewed by another tab, is planned for this soon.
const CHECK_EVERY_MS: f64 = 1_000.0;
/// After a refresh that did not get through.
const RETRY_MS: i32 = 15_000;

const SESSION_KEY: &str = "session";
/// Remembered after sign-out, to pre-fill the next sign-in.
const SERVER_KEY: &str = "server-url";

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub server_url: String,
    pub email: String,
    pub token: String,
}

impl Session {
    /// The session a sign-in answered; the server's spelling of the e-mail wins.
    fn of(server_url: &str, email: &str, auth: AuthResponse) -> Self {
        Self {
            server_url: server_url.to_owned(),
            email: if auth.record.email.is_empty() {
                email.to_owned()
            } else {
                auth.record.email
            },
            token: auth.token,
        }
    }

    pub fn client(&self) -> PocketBase {
        PocketBase::new(&self.server_url).with_token(&self.token)
    }

    /// The same superuser on the same server (the token may have been renewed).
    fn same_account(&self, other: &Session) -> bool {
        self.server_url == other.server_url && self.email == other.email
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("server_url", &self.server_url)
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// Why the admin was sent back to the sign-in page without choosing to sign out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignedOut {
    /// The server no longer accepts the token (expired, or revoked).
    Expired,
    /// A restore replaced the superusers, and this one is not among them.
    Restored,
    /// Signed out in another tab.
    ElsewhereSignedOut,
}

#[derive(Clone, Copy)]
pub struct SessionState {
    current: RwSignal<Option<Session>>,
    /// Why the admin was sent back to the sign-in page, shown there.
    notice: RwSignal<Option<SignedOut>>,
}

impl SessionState {
    /// The session saved by an earlier visit, if any. A value that is not one (corrupt, or
    /// written by something else) is discarded.
    pub fn restore() -> Self {
        Self {
            current: RwSignal::new(saved_session()),
            notice: RwSignal::new(None),
        }
    }

    /// Follows sign-ins and sign-outs made in the panel's other tabs (`storage` events fire
    /// only for changes made elsewhere).
    pub fn follow_other_tabs(self) {
        let key = storage::full_key(SESSION_KEY);
        let listener = leptos::prelude::window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() != Some(key.as_str()) {
                return;
            }
            match saved_session() {
                // Another account or server: start over with it, as a fresh page would.
                Some(session)
                    if self.current.with_untracked(|c| {
                        c.as_ref().is_some_and(|c| !c.same_account(&session))
                    }) =>
                {
                    if let Some(window) = web_sys::window() {
                        let _ = window.location().reload();
                    }
                }
                Some(session) => {
                    self.notice.set(None);
                    self.current.set(Some(session));
                }
                None if self.current.with_untracked(Option::is_some) => {
                    self.notice.set(Some(SignedOut::ElsewhereSignedOut));
                    self.current.set(None);
                }
                None => {}
            }
        });
        on_cleanup(move || listener.remove());
    }

    pub fn current(&self) -> Signal<Option<Session>> {
        self.current.into()
    }

    pub fn notice(&self) -> Signal<Option<SignedOut>> {
        self.notice.into()
    }

    pub fn is_signed_in(&self) -> bool {
        self.current.with(Option::is_some)
    }

    /// The address to offer on the sign-in page: the last one used, else this page's origin
    /// (the panel is usually served by PocketBase itself).
    pub fn suggested_server_url(&self) -> String {
        storage::read(SERVER_KEY)
            .or_else(|| web_sys::window()?.location().origin().ok())
            .unwrap_or_default()
    }

    /// Checks the credentials against the server's `_superusers` collection. Changes nothing
    /// until [`Self::sign_in`] is given the result.
    pub async fn authenticate(
        server_url: &str,
        email: &str,
        password: &str,
    ) -> Result<Session, ApiError> {
        let auth = PocketBase::new(server_url)
            .auth_with_password(email, password)
            .await?;
        Ok(Session::of(server_url, email, auth))
    }

    /// Second factor, first half: e-mails a one-time code to `email`; answers the code's id.
    pub async fn request_code(server_url: &str, email: &str) -> Result<String, ApiError> {
        PocketBase::new(server_url).request_otp(email).await
    }

    /// Second factor, second half: the e-mailed `code` for the sign-in whose password step
    /// answered `mfa_id`. Changes nothing until [`Self::sign_in`] is given the result.
    pub async fn authenticate_with_code(
        server_url: &str,
        email: &str,
        otp_id: &str,
        code: &str,
        mfa_id: &str,
    ) -> Result<Session, ApiError> {
        let auth = PocketBase::new(server_url)
            .auth_with_otp(otp_id, code, mfa_id)
            .await?;
        Ok(Session::of(server_url, email, auth))
    }

    pub fn sign_in(&self, session: Session) {
        let json = encode(&session);
        if !json.is_empty() {
            storage::write(SESSION_KEY, &json);
        }
        storage::write(SERVER_KEY, &session.server_url);
        self.notice.set(None);
        self.current.set(Some(session));
    }

    /// Forgets the token; `notice` tells the sign-in page why, when it was not the admin's choice.
    pub fn sign_out(&self, notice: Option<SignedOut>) {
        storage::remove(SESSION_KEY);
        self.notice.set(notice);
        self.current.set(None);
    }

    /// Renews the token while the panel is open, at half its remaining life, so an open panel
    /// never meets an expired session. A refusal (the account changed or was removed) signs
    /// out with the reason; the page keeps its place (search and sort live in the URL).
    pub fn keep_fresh(self) {
        leptos::task::spawn_local(async move {
            // When to renew which token: planned once per token (its expiry read once), when
            // it is first seen; `None` for a token without one.
            let mut planned: Option<(String, Option<f64>)> = None;
            loop {
                let Some(token) = self
                    .current
                    .try_with_untracked(|s| s.as_ref().map(|s| s.token.clone()))
                else {
                    return; // The app is gone.
                };
                let now = js_sys::Date::now();
                let refresh_at = match (&planned, token) {
                    (_, None) => None,
                    (Some((seen, at)), Some(token)) if *seen == token => *at,
                    (_, Some(token)) => {
                        let at = token_expiry(&token)
                            .map(|expiry| now + refresh_wait_ms(expiry * 1_000.0, now));
                        planned = Some((token, at));
                        at
                    }
                };
                if !refresh_at.is_some_and(|at| at <= now) {
                    let wait = refresh_at.map_or(CHECK_EVERY_MS, |at| at - now);
                    sleep(wait.min(CHECK_EVERY_MS) as i32).await;
                    continue;
                }
                let Some(session) = self.current.try_with_untracked(Clone::clone).flatten() else {
                    continue;
                };
                let client = session.client();
                match client.auth_refresh().await {
                    Ok(auth) if self.client().as_ref() == Some(&client) => {
                        self.sign_in(Session {
                            token: auth.token,
                            ..session
                        });
                    }
                    Ok(_) => {}
                    Err(error) if error.is_unauthorized() => {
                        self.sign_out_if_current(&client, SignedOut::Expired);
                    }
                    // Unreachable, or refused from this address for now (the IP allow-list):
                    // the session itself is fine; try again a little later, while it lasts.
                    Err(_) => sleep(RETRY_MS).await,
                }
            }
        });
    }

    /// A client for the signed-in server, untracked so that calling it subscribes to nothing.
    pub fn client(&self) -> Option<PocketBase> {
        self.current
            .with_untracked(|s| s.as_ref().map(Session::client))
    }

    /// [`Self::client`] for a request: signed out counts as unauthorized.
    pub fn signed_in_client(&self) -> Result<PocketBase, ApiError> {
        self.client().ok_or(ApiError::Server {
            status: 401,
            message: String::new(),
            fields: Vec::new(),
        })
    }

    /// The signed-in server's address, if any.
    pub fn server_url(&self) -> Option<String> {
        self.current
            .with_untracked(|s| s.as_ref().map(|s| s.server_url.clone()))
    }

    /// Every failed call passes through here: a 401 means the token is no longer accepted
    /// (expired, or replaced by a restore), so the admin goes back to sign-in — unless the
    /// request was made with an older session than the one signed in now.
    pub fn screen<T>(
        &self,
        sent_by: &PocketBase,
        result: Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        if let Err(error) = &result {
            if error.is_unauthorized() {
                self.sign_out_if_current(sent_by, SignedOut::Expired);
            }
        }
        result
    }

    /// Signs out with `notice` if `client` still holds the signed-in session's token.
    pub fn sign_out_if_current(&self, client: &PocketBase, notice: SignedOut) {
        if self.client().as_ref() == Some(client) {
            self.sign_out(Some(notice));
        }
    }
}

/// The session in `localStorage`; a value that does not read as one is removed.
fn saved_session() -> Option<Session> {
    let json = storage::read(SESSION_KEY)?;
    let session = decode::<Session>(&json).ok();
    if session.is_none() {
        storage::remove(SESSION_KEY);
    }
    session
}

/// How long to wait before renewing a token that expires at `expiry_ms`: until half its
/// remaining life is gone (a day-long token is renewed after half a day, a 10-second one after
/// five), `0` when that time has come.
pub fn refresh_wait_ms(expiry_ms: f64, now_ms: f64) -> f64 {
    ((expiry_ms - now_ms) / 2.0).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renews_at_half_the_remaining_life() {
        assert_eq!(refresh_wait_ms(10_000.0, 0.0), 5_000.0);
        assert_eq!(refresh_wait_ms(86_400_000.0, 0.0), 43_200_000.0);
        assert_eq!(refresh_wait_ms(1_000.0, 2_000.0), 0.0);
    }
}
