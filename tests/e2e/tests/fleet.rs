//! A fleet of servers: two real PocketBase servers watched from one panel, each with its own
//! session; one stopped or signed out holds up no other, and no token reaches the wrong one.

use std::time::Duration;

use e2e::{eventually, jwt_claims, signed_in, Browser, PocketBase, ADMIN_EMAIL, ADMIN_PASSWORD};
use serde_json::json;

/// The overview's row of `server`, as shown.
async fn row_of(browser: &Browser, server: &PocketBase) -> Option<String> {
    browser
        .texts("table.servers tbody tr")
        .await
        .into_iter()
        .find(|row| row.contains(server.url()))
}

/// Waits until the row of `server` reads `words`; answers the whole row.
async fn wait_for_row(browser: &Browser, server: &PocketBase, words: &str) -> String {
    eventually(&format!("{} to read {words:?}", server.url()), || async {
        row_of(browser, server)
            .await
            .filter(|row| row.contains(words))
    })
    .await
}

/// The superuser's record id, which each of the server's auth tokens names.
fn superuser_id(server: &PocketBase) -> String {
    let auth = server.auth("_superusers", ADMIN_EMAIL, ADMIN_PASSWORD);
    auth["record"]["id"].as_str().expect("record id").to_owned()
}

#[tokio::test]
async fn two_servers_are_watched_apart_and_each_receives_only_its_own_tokens() {
    let first = PocketBase::start_logging_authorization();
    let mut second = PocketBase::start_logging_authorization();
    let (first_id, second_id) = (superuser_id(&first), superuser_id(&second));
    assert_ne!(first_id, second_id);
    first.create_backup("first_only.zip");
    second.create_backup("second_a.zip");
    second.create_backup("second_b.zip");
    // Hourly automatic backups, the newest of them five hours old: the stale warning.
    second.seed_backup_file_aged("@auto_pb_backup_old.zip", Duration::from_secs(5 * 3_600));
    second.set_settings(json!({"backups": {"cron": "0 * * * *"}}));

    let browser = signed_in(&first).await;
    browser.click_link("Servers").await;
    browser.wait_for_heading("Servers").await;
    let row = wait_for_row(&browser, &first, "1 backup").await;
    assert!(row.contains("first_only.zip"), "{row}");

    // Added without leaving the first server.
    browser.fill("Server URL", second.url()).await;
    browser.fill("Email", ADMIN_EMAIL).await;
    browser.fill("Password", ADMIN_PASSWORD).await;
    browser.click("Add server").await;
    let row = wait_for_row(&browser, &second, "3 backups").await;
    assert!(
        row.contains("older than two of the schedule's runs"),
        "{row}"
    );
    assert!(
        row.contains("second_b.zip") || row.contains("second_a.zip"),
        "{row}"
    );
    let row = wait_for_row(&browser, &first, "1 backup").await;
    assert!(row.contains("Open in the panel now"), "{row}");
    assert!(row.contains("nothing to warn of"), "{row}");

    // One server down: the other still answers.
    second.stop();
    browser.click("Refresh").await;
    wait_for_row(&browser, &second, "Cannot reach the server").await;
    wait_for_row(&browser, &first, "1 backup").await;

    // Signed out on one (a new password ends its sessions): the other still answers, and the
    // signed-out one asks for its password only.
    second.start_again();
    second.upsert_superuser(ADMIN_EMAIL, "a-new-password");
    browser.click("Refresh").await;
    wait_for_row(&browser, &second, "Signed out").await;
    wait_for_row(&browser, &first, "1 backup").await;
    browser
        .click_labelled(&format!("Sign in again to {}", second.url()))
        .await;
    assert_eq!(browser.field_value("Server URL").await, second.url());
    assert_eq!(browser.field_value("Email").await, ADMIN_EMAIL);
    browser.fill("Password", "a-new-password").await;
    browser.click("Add server").await;
    wait_for_row(&browser, &second, "3 backups").await;

    // Switching needs no sign-in: the page starts over on the other server.
    browser
        .click_labelled(&format!("Open {}", second.url()))
        .await;
    eventually("the second server's backups", || async {
        let mut keys = browser.keys().await;
        keys.sort();
        (keys == ["@auto_pb_backup_old.zip", "second_a.zip", "second_b.zip"]).then_some(())
    })
    .await;
    let who = browser.texts(".topbar .who").await.join(" ");
    assert!(who.contains(second.url()), "{who}");

    // Signing out of the second keeps the first signed in: the sign-in page offers it.
    browser.click("Sign out").await;
    browser.click(&format!("Open {}", first.url())).await;
    browser.wait_for_keys(&["first_only.zip"]).await;
    assert_eq!(
        browser
            .buttons_named(&format!("Open {}", second.url()))
            .await,
        0
    );

    // The signed-out server stays listed until removed; removing forgets it.
    browser.click_link("Servers").await;
    wait_for_row(&browser, &second, "Signed out").await;
    browser
        .click_labelled(&format!("Remove {}", second.url()))
        .await;
    eventually("the second server to be gone", || async {
        row_of(&browser, &second).await.is_none().then_some(())
    })
    .await;
    let saved = browser
        .local_storage("pb-backups-panel.servers")
        .await
        .expect("the fleet is saved");
    assert!(!saved.contains(second.url()), "{saved}");
    assert!(saved.contains(first.url()), "{saved}");
    wait_for_row(&browser, &first, "1 backup").await;

    // On a shared browser: signed out of one, out of all with one more click.
    browser.fill("Server URL", second.url()).await;
    browser.fill("Email", ADMIN_EMAIL).await;
    browser.fill("Password", "a-new-password").await;
    browser.click("Add server").await;
    wait_for_row(&browser, &second, "3 backups").await;
    browser.click("Sign out").await;
    // What it does, and what it cannot: PocketBase has no revocation.
    let said = browser.texts("#sign-out-everywhere-hint").await.join(" ");
    assert!(said.contains("cannot revoke a token"), "{said}");
    assert!(said.contains("change its password"), "{said}");
    browser.click("Sign out of these too").await;
    eventually("no server offered", || async {
        let shown = browser.texts("main.sign-in section").await;
        shown.is_empty().then_some(())
    })
    .await;
    let saved = browser
        .local_storage("pb-backups-panel.servers")
        .await
        .expect("the fleet is saved");
    let saved: serde_json::Value = serde_json::from_str(&saved).expect("JSON");
    let tokens: Vec<&serde_json::Value> = saved
        .as_array()
        .expect("a list")
        .iter()
        .map(|s| &s["token"])
        .collect();
    assert_eq!(tokens, [&json!(""), &json!("")], "{saved}");
    browser.reload().await;
    browser.button("Sign in").await;
    assert_eq!(browser.buttons_named("Sign out of these too").await, 0);

    // Each server's own log of the Authorization headers it received: every token is one of
    // its own superuser's, none the other's.
    for (server, own_id, other_id) in [
        (&first, &first_id, &second_id),
        (&second, &second_id, &first_id),
    ] {
        let seen = server.authorizations_seen();
        assert!(
            seen.len() >= 3,
            "{}: too few tokens seen: {seen:?}",
            server.url()
        );
        for token in &seen {
            let claims = jwt_claims(token);
            assert_eq!(&claims["id"], own_id.as_str(), "{}: {claims}", server.url());
            assert_ne!(&claims["id"], other_id.as_str());
        }
    }
}
