//! Signing in and out, and what happens when the server stops accepting the token.

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

#[tokio::test]
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
    assert!(!browser.has_alert().await, "a request was answered");
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

#[tokio::test]
async fn an_account_with_mfa_is_told_it_is_not_supported_yet() {
    let server = PocketBase::start();
    let admin = server.admin_token();
    let patched = server.patch_json(
        "/api/collections/_superusers",
        &admin,
        json!({"mfa": {"enabled": true}, "otp": {"enabled": true}}),
    );
    assert_eq!(patched.status, 200, "{}", patched.body);
    let browser = Browser::start().await;
    browser.open(server.url()).await;

    sign_in(&browser, ADMIN_EMAIL, ADMIN_PASSWORD).await;
    assert!(
        browser
            .alert()
            .await
            .contains("requires multi-factor authentication"),
        "MFA refusal not explained"
    );
    assert_eq!(browser.local_storage(SESSION_KEY).await, None);
}
