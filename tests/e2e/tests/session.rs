//! Signing in and out, and what happens when the server stops accepting the token.

use std::time::{Duration, Instant};

use e2e::{Browser, PocketBase, ADMIN_EMAIL, ADMIN_PASSWORD};
use serde_json::json;
const SESSION_KEY: &str = "pb-backups-panel.session";

async fn sign_in(browser: &Browser, email: &str, password: &str) {
    browser.fill("Email", email).await;
    browser.fill("Password", password).await;
    browser.click("Sign in").await;
}

#[tokio::test]
async fn signs_in_keeps_the_session_over_a_reload_and_signs_out() {
    let server = PocketBase::start();
    let browser = Browser::start().await;
    browser.open(server.url()).await;

    // Served by PocketBase itself, the panel offers its own origin as the server.
    assert_eq!(browser.field_value("Server URL").await, server.url());
    sign_in(&browser, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    browser.wait_for_heading("Backups").await;
    browser.wait_for_text("No backups yet").await;

    let stored = browser
        .local_storage(SESSION_KEY)
        .await
        .expect("session stored");
    let token = serde_json::from_str::<serde_json::Value>(&stored).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(!token.is_empty());
    assert!(
        !browser.current_url().await.contains(&token),
        "token leaked into the URL"
    );

    browser.reload().await;
    browser.wait_for_heading("Backups").await;
    browser.wait_for_text(ADMIN_EMAIL).await;

    browser.click("Sign out").await;
    browser.field("Password").await;
    assert_eq!(browser.local_storage(SESSION_KEY).await, None);
    browser.reload().await;
    browser.field("Password").await;
}

#[tokio::test]
async fn wrong_password_shows_the_servers_reason_and_stays() {
    let server = PocketBase::start();
    let browser = Browser::start().await;
    browser.open(server.url()).await;

    sign_in(&browser, ADMIN_EMAIL, "not-the-password").await;
    assert_eq!(browser.alert().await, "Failed to authenticate.");
    assert_eq!(
        browser.field_value("Email").await,
        ADMIN_EMAIL,
        "input was lost"
    );
    assert_eq!(browser.local_storage(SESSION_KEY).await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_input_is_explained_before_anything_is_sent() {
    let server = PocketBase::start();
    let browser = Browser::start().await;
    browser.open(server.url()).await;

    browser.fill("Server URL", "pocketbase.local").await;
    browser.click("Sign in").await;
    browser
        .wait_for_text("starting with http:// or https://")
        .await;
    browser.wait_for_text("Enter the superuser's email.").await;
    browser.wait_for_text("Enter the password.").await;
    // With the right address, empty fields are still caught before anything is sent.
    browser.fill("Server URL", server.url()).await;
    browser.click("Sign in").await;
    browser.wait_for_text("Enter the superuser's email.").await;
    // (The server's own helper signs in to read its log: not counted.)
    let sign_ins = "data.url~'auth-with-password' && data.userAgent!~'ureq'";
    let sent = tokio::task::block_in_place(|| server.settled_requests(sign_ins));
    assert_eq!(sent, 0, "invalid input was sent");
    assert!(browser.alerts().await.is_empty(), "a request was answered");
}

#[tokio::test]
async fn a_revoked_token_returns_to_sign_in_with_a_message() {
    let server = PocketBase::start();
    server.upsert_superuser("second@example.com", "second-password");
    let browser = Browser::start().await;
    browser.open(server.url()).await;
    sign_in(&browser, "second@example.com", "second-password").await;
    browser.wait_for_text("No backups yet").await;

    // Another admin deletes this superuser: its token is no longer accepted (401).
    let admin = server.admin_token();
    let second = server.auth("_superusers", "second@example.com", "second-password");
    let id = second["record"]["id"].as_str().unwrap();
    let deleted = server.delete(
        &format!("/api/collections/_superusers/records/{id}"),
        &admin,
    );
    assert_eq!(deleted.status, 204, "{}", deleted.body);

    browser.click("Refresh").await;
    assert_eq!(
        browser.alert().await,
        "Your session has expired or is no longer valid. Sign in again."
    );
    browser.field("Password").await;
    assert_eq!(browser.local_storage(SESSION_KEY).await, None);
}

#[tokio::test]
async fn a_token_that_is_not_a_superusers_is_told_so() {
    let server = PocketBase::start();
    let admin = server.admin_token();
    let created = server.post_json(
        "/api/collections/users/records",
        Some(&admin),
        json!({"email": "user@example.com", "password": "user-password", "passwordConfirm": "user-password"}),
    );
    assert_eq!(created.status, 200, "{}", created.body);
    let user = server.auth("users", "user@example.com", "user-password");

    let browser = Browser::start().await;
    browser.open(server.url()).await;
    let session =
        json!({"server_url": server.url(), "email": "user@example.com", "token": user["token"]});
    browser
        .set_local_storage(SESSION_KEY, &session.to_string())
        .await;
    browser.reload().await;

    browser.wait_for_heading("Backups").await;
    assert_eq!(
        browser.alert().await,
        "This account is not a superuser. Only superusers can manage backups."
    );
}

/// How long an e-mailed code lasts in these tests, in seconds (PocketBase's shortest).
const CODE_LIFE_S: u64 = 10;

/// Requires a second factor of the server's superusers: an e-mailed one-time code, sent to
/// `mail` (a sink on loopback).
fn require_mfa(server: &PocketBase, mail: &e2e::MailSink) {
    let admin = server.admin_token();
    let smtp = server.patch_json(
        "/api/settings",
        &admin,
        json!({"smtp": {"enabled": true, "host": "127.0.0.1", "port": mail.port(), "tls": false}}),
    );
    assert_eq!(smtp.status, 200, "{}", smtp.body);
    let patched = server.patch_json(
        "/api/collections/_superusers",
        &admin,
        // Codes last PocketBase's shortest time, so that one can be seen expire.
        json!({"mfa": {"enabled": true}, "otp": {"enabled": true, "duration": CODE_LIFE_S}}),
    );
    assert_eq!(patched.status, 200, "{}", patched.body);
}

/// The code in the `nth` e-mail (from 1) that reached `mail`, once it has.
async fn nth_code(mail: &e2e::MailSink, nth: usize) -> String {
    e2e::eventually("the e-mailed code", || async {
        let messages = mail.messages();
        e2e::one_time_password(messages.get(nth - 1)?)
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_with_mfa_signs_in_with_the_emailed_code() {
    let server = PocketBase::start();
    let mail = e2e::MailSink::start().await;
    require_mfa(&server, &mail);
    let browser = Browser::start().await;
    browser.open(server.url()).await;

    sign_in(&browser, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    browser
        .wait_for_text(&format!("A code was sent to {ADMIN_EMAIL}."))
        .await;
    let first = nth_code(&mail, 1).await;
    let sent_at = Instant::now();
    assert!(first.len() >= 6, "{first}");

    // Nothing typed: said in the browser. A wrong code: the server's reason.
    browser.click("Sign in").await;
    browser
        .wait_for_text("Enter the code from the e-mail.")
        .await;
    let wrong = if first.starts_with('1') { "2" } else { "1" }.repeat(first.len());
    browser.fill("One-time code", &wrong).await;
    browser.click("Sign in").await;
    let said = browser.alert().await;
    assert!(said.contains("wrong or has expired"), "{said}");
    assert!(
        said.contains("Invalid or expired OTP"),
        "not the server's words: {said}"
    );
    assert_eq!(browser.local_storage(SESSION_KEY).await, None);

    // The right code, once it has expired (a window of time to let pass, no condition).
    let expired_at = sent_at + Duration::from_secs(CODE_LIFE_S + 1);
    tokio::time::sleep(expired_at.saturating_duration_since(Instant::now())).await;
    browser.fill("One-time code", &first).await;
    browser.click("Sign in").await;
    browser
        .wait_for_alert(e2e::PATIENCE, "send a new one")
        .await;

    // A new code, and the panel checks against it.
    browser.click("Send a new code").await;
    let second = nth_code(&mail, 2).await;
    browser.fill("One-time code", &second).await;
    browser.click("Sign in").await;
    browser.wait_for_heading("Backups").await;
    browser.wait_for_text("No backups yet").await;
    assert!(browser.local_storage(SESSION_KEY).await.is_some());
}

/// The token the panel keeps in `localStorage`.
async fn stored_token(browser: &Browser) -> Option<String> {
    let stored = browser.local_storage(SESSION_KEY).await?;
    let session: serde_json::Value = serde_json::from_str(&stored).ok()?;
    session["token"].as_str().map(str::to_owned)
}

/// Makes the server's superuser tokens last 10 s (PocketBase's shortest).
fn short_tokens(server: &PocketBase) {
    let token = server.admin_token();
    let changed = server.patch_json(
        "/api/collections/_superusers",
        &token,
        json!({"authToken": {"duration": 10}}),
    );
    assert_eq!(changed.status, 200, "{}", changed.body);
}

#[tokio::test]
async fn an_open_panel_renews_its_session_before_it_expires() {
    let server = PocketBase::start();
    server.create_backup("a.zip");
    short_tokens(&server);
    let browser = e2e::signed_in(&server).await;
    browser.wait_for_keys(&["a.zip"]).await;
    let first = stored_token(&browser).await.expect("token");

    // Renewed at half its life, three times: well past the first token's 10 s.
    let seen = std::cell::RefCell::new(vec![first.clone()]);
    e2e::eventually_within(
        std::time::Duration::from_secs(40),
        "three renewals",
        || async {
            let now = stored_token(&browser).await?;
            let mut seen = seen.borrow_mut();
            if seen.last() != Some(&now) {
                seen.push(now);
            }
            (seen.len() >= 4).then_some(())
        },
    )
    .await;
    let expired = server.get("/api/backups", Some(&first)).expect("answer");
    assert_eq!(expired.status, 401, "the first token still works");

    browser.click("Refresh").await;
    browser.wait_for_keys(&["a.zip"]).await;
    assert!(!browser.has_alert().await, "{}", browser.alert().await);
}

#[tokio::test]
async fn a_session_that_cannot_be_renewed_returns_to_sign_in_keeping_the_place() {
    let server = PocketBase::start();
    server.seed_backup_files(6);
    short_tokens(&server);
    let browser = e2e::signed_in(&server).await;
    browser.wait_for_text("6 backups").await;
    browser.fill("Search backups", "auto").await;
    browser.wait_for_text("Showing 2 of 6 backups").await;

    // A new password invalidates the superuser's tokens: the next renewal is refused.
    server.upsert_superuser(ADMIN_EMAIL, "a-new-password");
    browser
        .wait_for_alert(Duration::from_secs(20), "Your session has expired")
        .await;
    assert!(browser.current_url().await.ends_with("?q=auto"));
    sign_in(&browser, ADMIN_EMAIL, "a-new-password").await;
    browser.wait_for_text("Showing 2 of 6 backups").await;
    assert_eq!(browser.field_value("Search backups").await, "auto");
}

#[tokio::test]
async fn a_corrupt_stored_session_is_discarded_without_a_crash() {
    let server = PocketBase::start();
    let browser = Browser::start().await;
    browser.open(server.url()).await;
    browser.field("Password").await;
    for junk in ["{not json", "[1,2,3]", "{\"token\":5}", "null"] {
        browser.set_local_storage(SESSION_KEY, junk).await;
        browser.reload().await;
        browser.field("Password").await;
        assert_eq!(
            browser.local_storage(SESSION_KEY).await,
            None,
            "{junk} was kept"
        );
    }
    sign_in(&browser, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    browser.wait_for_text("No backups yet").await;
}
