//! Who is signed in, to which server, and the other servers this browser is signed in to (the
//! fleet). Tokens live in `localStorage` so a reload keeps them; each is kept with its own
//! server's address and sent only to it, only in the `Authorization` header, never printed.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::browser::sleep;
use super::storage;
use super::task::Tasks;
use crate::api::{
    decode, encode, token_expiry, Accounts, ApiError, AuthResponse, Capabilities, PocketBase,
};

/// The longest the refresh loop sleeps at a time (it sends nothing when it wakes early): a new
/// sign-in, or a token renewed by another tab, is planned for this soon.
const CHECK_EVERY_MS: f64 = 1_000.0;
/// After a refresh that did not get through.
const RETRY_MS: i32 = 15_000;

/// Also read, under its full key, by `src/api/early-list.js` (which cannot import it): a
/// rename there only loses the early list request, never the session.
const SESSION_KEY: &str = "session";
/// Every server signed in to from this browser, the current one included: a JSON list of
/// sessions. One signed out keeps its address and e-mail, with an empty token.
const SERVERS_KEY: &str = "servers";
/// Remembered after sign-out, to pre-fill the next sign-in.
const SERVER_KEY: &str = "server-url";

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub server_url: String,
    pub email: String,
    pub token: String,
    /// What this server can do, found at sign-in.
    #[serde(default)]
    pub capabilities: Capabilities,
}

impl Session {
    /// The session a sign-in answered; the server's spelling of the e-mail wins. Then asks the
    /// server what it can do beyond its accounts (a question that does not get through leaves
    /// the panel's usual assumption: the cron API is there).
    async fn of(server_url: &str, email: &str, auth: AuthResponse, accounts: Accounts) -> Self {
        let client = PocketBase::new(server_url)
            .with_token(&auth.token)
            .with_accounts(accounts);
        let crons = client.has_crons().await.unwrap_or(true);
        Self {
            server_url: server_url.to_owned(),
            email: if auth.record.email.is_empty() {
                email.to_owned()
            } else {
                auth.record.email
            },
            token: auth.token,
            capabilities: Capabilities { accounts, crons },
        }
    }

    pub fn client(&self) -> PocketBase {
        PocketBase::new(&self.server_url)
            .with_token(&self.token)
            .with_accounts(self.capabilities.accounts)
    }

    /// The same superuser on the same server (the token may have been renewed).
    fn same_account(&self, other: &Session) -> bool {
        self.server_url == other.server_url && self.email == other.email
    }

    pub fn is_signed_in(&self) -> bool {
        !self.token.is_empty()
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
    /// The fleet: one session per server, in the order they were added.
    servers: RwSignal<Vec<Session>>,
    /// Why the admin was sent back to the sign-in page, shown there.
    notice: RwSignal<Option<SignedOut>>,
    /// The panel's own tasks (renewing the token), for as long as the app lives.
    tasks: Tasks,
}

impl SessionState {
    /// The session saved by an earlier visit, if any. A value that is not one (corrupt, or
    /// written by something else) is discarded.
    pub fn restore(tasks: Tasks) -> Self {
        let current = saved_session();
        let mut servers = saved_servers();
        // The current session is the fleet's for its server (also one saved before the panel
        // kept a fleet).
        if let Some(session) = &current {
            if !servers.contains(session) {
                remember(&mut servers, session.clone());
                save_servers(&servers);
            }
        }
        Self {
            current: RwSignal::new(current),
            servers: RwSignal::new(servers),
            notice: RwSignal::new(None),
            tasks,
        }
    }

    /// Who is signed in where, without the token: what the signed-in server's state belongs
    /// to. A renewed token is the same account; another e-mail or server is not.
    pub fn account(&self) -> Option<(String, String)> {
        self.current
            .with(|s| s.as_ref().map(|s| (s.server_url.clone(), s.email.clone())))
    }

    /// Follows sign-ins and sign-outs made in the panel's other tabs (`storage` events fire
    /// only for changes made elsewhere).
    pub fn follow_other_tabs(self) {
        let key = storage::full_key(SESSION_KEY);
        let servers_key = storage::full_key(SERVERS_KEY);
        let listener = leptos::prelude::window_event_listener(leptos::ev::storage, move |event| {
            if event.key().as_deref() == Some(servers_key.as_str()) {
                return self.servers.set(saved_servers());
            }
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

    /// Every server this browser signed in to, signed out ones included.
    /// (A read signal, not a `Signal`: the wrapper's generic code would cost more wasm.)
    pub fn servers(&self) -> ReadSignal<Vec<Session>> {
        self.servers.read_only()
    }

    /// The address to offer on the sign-in page: the last one used, else this page's origin
    /// (the panel is usually served by PocketBase itself).
    pub fn suggested_server_url(&self) -> String {
        storage::read(SERVER_KEY)
            .or_else(|| web_sys::window()?.location().origin().ok())
            .unwrap_or_default()
    }

    /// Checks the credentials against the server's superusers (its admins, before 0.23).
    /// Changes nothing until [`Self::sign_in`] is given the result.
    pub async fn authenticate(
        server_url: &str,
        email: &str,
        password: &str,
    ) -> Result<Session, ApiError> {
        let (auth, accounts) = PocketBase::new(server_url)
            .auth_with_password(email, password)
            .await?;
        Ok(Session::of(server_url, email, auth, accounts).await)
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
        // Multi-factor sign-in came with the superusers.
        Ok(Session::of(server_url, email, auth, Accounts::Superusers).await)
    }

    pub fn sign_in(&self, session: Session) {
        let json = encode(&session);
        if !json.is_empty() {
            storage::write(SESSION_KEY, &json);
        }
        storage::write(SERVER_KEY, &session.server_url);
        self.keep(session.clone());
        self.notice.set(None);
        self.current.set(Some(session));
    }

    /// Adds a server to the fleet (or renews its session) without leaving the current one;
    /// a new session of the current server becomes current.
    pub fn add_server(&self, session: Session) {
        if self.server_url().as_ref() == Some(&session.server_url) {
            return self.sign_in(session);
        }
        self.keep(session);
    }

    /// Makes a signed-in server of the fleet the current one, as a reload would find it: the
    /// caller starts the page over, so nothing of the last server's is shown or sent.
    pub fn switch_to(&self, server_url: &str) -> bool {
        let Some(session) = self.servers.with_untracked(|servers| {
            servers
                .iter()
                .find(|s| s.server_url == server_url && s.is_signed_in())
                .cloned()
        }) else {
            return false;
        };
        storage::write(SESSION_KEY, &encode(&session));
        storage::write(SERVER_KEY, &session.server_url);
        true
    }

    /// Forgets a server's session: its token and e-mail (the address stays suggested for the
    /// next sign-in if it was the last used).
    pub fn remove_server(&self, server_url: &str) {
        if self.server_url().as_deref() == Some(server_url) {
            self.sign_out(None);
        }
        self.servers
            .update(|servers| servers.retain(|s| s.server_url != server_url));
        self.servers.with_untracked(|servers| save_servers(servers));
    }

    /// A server of the fleet renewed the token of `sent` (`Some`) or no longer accepts it
    /// (`None`). Nothing changes when that session was replaced meanwhile (signed in again,
    /// or renewed elsewhere): a late answer about an old token must not undo a newer one.
    pub fn renewed(&self, sent: &Session, token: Option<String>) {
        let is_current = self.current.with_untracked(|c| c.as_ref() == Some(sent));
        match (is_current, token) {
            (true, Some(token)) => self.sign_in(Session {
                token,
                ..sent.clone()
            }),
            (true, None) => self.sign_out(Some(SignedOut::Expired)),
            (false, token) => {
                let at = self
                    .servers
                    .with_untracked(|servers| servers.iter().position(|s| s == sent));
                if let Some(at) = at {
                    self.servers
                        .update(|servers| servers[at].token = token.unwrap_or_default());
                    self.servers.with_untracked(|servers| save_servers(servers));
                }
            }
        }
    }

    /// Forgets the token; `notice` tells the sign-in page why, when it was not the admin's choice.
    /// The server stays in the fleet, signed out.
    pub fn sign_out(&self, notice: Option<SignedOut>) {
        storage::remove(SESSION_KEY);
        if let Some(server_url) = self.server_url() {
            self.servers.update(|servers| {
                for saved in servers.iter_mut().filter(|s| s.server_url == server_url) {
                    saved.token.clear();
                }
            });
            self.servers.with_untracked(|servers| save_servers(servers));
        }
        self.notice.set(notice);
        self.current.set(None);
    }

    /// Forgets every server's token (the servers stay listed, signed out).
    pub fn sign_out_everywhere(&self) {
        if self.current.with_untracked(Option::is_some) {
            self.sign_out(None);
        }
        self.servers
            .update(|servers| servers.iter_mut().for_each(|s| s.token.clear()));
        self.servers.with_untracked(|servers| save_servers(servers));
    }

    /// Saves `session` in the fleet, in place of its server's earlier one.
    fn keep(&self, session: Session) {
        self.servers.update(|servers| remember(servers, session));
        self.servers.with_untracked(|servers| save_servers(servers));
    }

    /// Renews the token while the panel is open, at half its remaining life, so an open panel
    /// never meets an expired session. A refusal (the account changed or was removed) signs
    /// out with the reason; the page keeps its place (search and sort live in the URL).
    pub fn keep_fresh(self) {
        self.tasks.spawn(async move {
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
                    // Only the token is new: the session as it is now keeps the rest (its
                    // capabilities may have been learnt meanwhile).
                    Ok(auth) if self.client().as_ref() == Some(&client) => {
                        if let Some(now) = self.current.with_untracked(Clone::clone) {
                            self.sign_in(Session {
                                token: auth.token,
                                ..now
                            });
                        }
                    }
                    Ok(_) => {}
                    Err(error) if error.is_unauthorized() => {
                        self.sign_out_if_current(&client, SignedOut::Expired);
                    }
                    // Unreachable (restarting, say), or refused from this address for now (the
                    // IP allow-list): the session itself is fine; try again a little later,
                    // soon enough that it does not run out meanwhile.
                    Err(_) => {
                        let left_ms = token_expiry(&session.token)
                            .map_or(f64::from(RETRY_MS), |expiry| expiry * 1_000.0 - now);
                        sleep(retry_wait_ms(left_ms)).await
                    }
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

    /// What the signed-in server can do (tracked).
    pub fn capabilities(&self) -> Option<Capabilities> {
        self.current.with(|s| s.as_ref().map(|s| s.capabilities))
    }

    pub fn capabilities_untracked(&self) -> Option<Capabilities> {
        self.current
            .with_untracked(|s| s.as_ref().map(|s| s.capabilities))
    }

    /// What `server_url` answered to the question whether it has the cron API, kept with its
    /// session (current or in the fleet) when it differs from what was known: a session saved
    /// before the panel asked, or a server upgraded in place since the sign-in. Nothing else of
    /// the session changes.
    pub fn found_crons(&self, server_url: &str, crons: bool) {
        let differs = |s: &Session| s.server_url == server_url && s.capabilities.crons != crons;
        if self
            .current
            .with_untracked(|c| c.as_ref().is_some_and(differs))
        {
            self.current.update(|current| {
                if let Some(current) = current {
                    current.capabilities.crons = crons;
                    storage::write(SESSION_KEY, &encode(&*current));
                }
            });
        }
        if self
            .servers
            .with_untracked(|servers| servers.iter().any(differs))
        {
            self.servers.update(|servers| {
                for saved in servers.iter_mut().filter(|s| s.server_url == server_url) {
                    saved.capabilities.crons = crons;
                }
            });
            self.servers.with_untracked(|servers| save_servers(servers));
        }
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

/// The fleet in `localStorage`; a value that does not read as one counts as none.
fn saved_servers() -> Vec<Session> {
    storage::read(SERVERS_KEY)
        .and_then(|json| decode::<Vec<Session>>(&json).ok())
        .unwrap_or_default()
}

fn save_servers(servers: &[Session]) {
    let json = encode(&servers);
    if !json.is_empty() {
        storage::write(SERVERS_KEY, &json);
    }
}

/// Puts `session` in place of its server's earlier one, or last when the server is new.
fn remember(servers: &mut Vec<Session>, session: Session) {
    match servers
        .iter_mut()
        .find(|s| s.server_url == session.server_url)
    {
        Some(saved) => *saved = session,
        None => servers.push(session),
    }
}

/// How long to wait before trying again to renew a token with `left_ms` of life left, after
/// a try that did not get through: a quarter of what is left, between half a second and
/// [`RETRY_MS`].
pub fn retry_wait_ms(left_ms: f64) -> i32 {
    (left_ms / 4.0).clamp(500.0, f64::from(RETRY_MS)) as i32
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

    impl Session {
        fn with_email(self, email: &str) -> Self {
            Self {
                email: email.into(),
                ..self
            }
        }
    }

    fn session(server_url: &str, token: &str) -> Session {
        Session {
            server_url: server_url.into(),
            email: "admin@example.com".into(),
            token: token.into(),
            capabilities: Capabilities::default(),
        }
    }

    #[test]
    fn a_server_is_kept_once_with_its_newest_session() {
        let mut servers = vec![session("http://a", "a1"), session("http://b", "b1")];
        remember(&mut servers, session("http://a", "a2"));
        remember(&mut servers, session("http://c", "c1"));
        let tokens: Vec<_> = servers
            .iter()
            .map(|s| (s.server_url.as_str(), s.token.as_str()))
            .collect();
        assert_eq!(
            tokens,
            [("http://a", "a2"), ("http://b", "b1"), ("http://c", "c1")]
        );
        assert!(!session("http://a", "").is_signed_in());
    }

    #[test]
    fn a_session_saved_before_capabilities_were_kept_is_still_read() {
        let json = r#"{"server_url":"http://a","email":"e@x.y","token":"t"}"#;
        let read: Session = decode(json).unwrap();
        assert_eq!(read, session("http://a", "t").with_email("e@x.y"));
        assert_eq!(read.capabilities, Capabilities::default());
    }

    #[test]
    fn a_renewal_that_failed_is_tried_again_before_the_token_runs_out() {
        assert_eq!(retry_wait_ms(3_600_000.0), 15_000);
        assert_eq!(retry_wait_ms(4_000.0), 1_000);
        assert_eq!(retry_wait_ms(0.0), 500);
    }

    #[test]
    fn renews_at_half_the_remaining_life() {
        assert_eq!(refresh_wait_ms(10_000.0, 0.0), 5_000.0);
        assert_eq!(refresh_wait_ms(86_400_000.0, 0.0), 43_200_000.0);
        assert_eq!(refresh_wait_ms(1_000.0, 2_000.0), 0.0);
    }
}
