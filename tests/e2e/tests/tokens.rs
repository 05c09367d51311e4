//! Tokens stay where they belong: every auth token of a session — the first and each renewed
//! one — only ever in an `Authorization` header, never in a URL nor the console; a download link
//! only ever with a short-lived file token.

use e2e::{sign_in, Browser, PocketBase};

#[tokio::test]
async fn the_auth_token_never_goes_into_a_url_and_downloads_carry_a_file_token() {
    let server = PocketBase::start();
    server.create_backup("restore_me.zip");
    let bytes = server.download("restore_me.zip");
    let files = tempfile::tempdir().expect("temp dir");
    let upload = files.path().join("uploaded.zip");
    std::fs::write(&upload, &bytes).expect("zip");
    // Tokens of 10 s (PocketBase's shortest): renewed every few seconds during the session.
    let changed = server.patch_json(
        "/api/collections/_superusers",
        &server.admin_token(),
        serde_json::json!({"authToken": {"duration": 10}}),
    );
    assert_eq!(changed.status, 200, "{}", changed.body);

    // A whole session: sign-in, list, create, upload, download, delete, restore.
    let browser = Browser::start_recording().await;
    browser.open(server.url()).await;
    sign_in(&browser, &server).await;
    browser.wait_for_keys(&["restore_me.zip"]).await;
    let stored = browser
        .local_storage("pb-backups-panel.session")
        .await
        .expect("session");
    let session: serde_json::Value = serde_json::from_str(&stored).expect("session JSON");
    let token = session["token"].as_str().expect("token").to_owned();

    browser.click("Create backup").await;
    browser.fill("Backup name", "made.zip").await;
    browser.click_in_dialog("Create").await;
    browser.wait_for_text("Backup made.zip created.").await;
    browser.choose_file("Upload backup", &upload).await;
    browser.click_in_dialog("Upload").await;
    browser.wait_for_text("Uploaded uploaded.zip.").await;
    // A download leaves the page as a navigation the browser handles, outside the page's
    // network events: the links the page follows are recorded in the page itself.
    let follow = "window.followed = []; const click = HTMLAnchorElement.prototype.click;
        HTMLAnchorElement.prototype.click = function () {
            followed.push(this.href); return click.call(this); };";
    browser.script(follow, vec![]).await;
    browser.click_labelled("Download uploaded.zip").await;
    let downloaded = browser.wait_for_download(&[]).await;
    assert_eq!(std::fs::read(downloaded).expect("download"), bytes);
    browser.click_labelled("Delete made.zip").await;
    browser.click_in_dialog("Delete").await;
    browser.wait_for_text("Deleted made.zip.").await;
    browser.restore("restore_me.zip").await;
    browser
        .wait_for_status(
            std::time::Duration::from_secs(40),
            "Restored restore_me.zip",
        )
        .await;

    let followed = browser.script("return window.followed;", vec![]).await;
    let followed: Vec<String> = serde_json::from_value(followed).expect("links followed");
    let requests = browser.requests_sent().await;
    assert!(requests.len() > 10, "too few requests seen: {requests:?}");
    // Every auth token the session used: the first, and those it was renewed to.
    let mut auth_tokens: Vec<String> = requests
        .iter()
        .filter_map(|(_, auth)| auth.clone())
        .filter(|auth| e2e::jwt_claims(auth)["type"] == "auth")
        .collect();
    auth_tokens.sort();
    auth_tokens.dedup();
    assert!(
        auth_tokens.len() >= 2,
        "the session was never renewed: {} token(s)",
        auth_tokens.len()
    );
    let console = browser.console().await;
    let urls = requests.iter().map(|(url, _)| url).chain(&followed);
    for auth_token in &auth_tokens {
        for url in urls.clone() {
            assert!(
                !url.contains(auth_token.as_str()),
                "an auth token in a URL: {url}"
            );
        }
        for (_, message) in &console {
            assert!(
                !message.contains(auth_token.as_str()),
                "an auth token in the console: {message}"
            );
        }
    }
    // Every token in a URL — the download's, and those of the ranges read from a backup's end
    // in the restore dialog — is a file token.
    let file_tokens: Vec<String> = urls
        .filter_map(|url| {
            let url = url::Url::parse(url).ok()?;
            url.query_pairs()
                .find(|(name, _)| name == "token")
                .map(|(_, value)| value.into_owned())
        })
        .collect();
    assert!(file_tokens.len() >= 2, "{file_tokens:?}");
    for file_token in &file_tokens {
        assert_eq!(e2e::jwt_claims(file_token)["type"], "file");
    }
    assert!(
        requests
            .iter()
            .any(|(_, auth)| auth.as_deref() == Some(token.as_str())),
        "the auth token was never sent as a header"
    );
    let download = followed
        .iter()
        .find_map(|url| {
            let url = url::Url::parse(url).ok()?;
            (url.path() == "/api/backups/uploaded.zip").then_some(url)
        })
        .expect("the download link");
    let file_token = download
        .query_pairs()
        .find(|(name, _)| name == "token")
        .map(|(_, value)| value.into_owned())
        .expect("a token on the download link");
    assert_ne!(file_token, token);
    assert_eq!(e2e::jwt_claims(&file_token)["type"], "file");
    assert_eq!(e2e::jwt_claims(&token)["type"], "auth");
}
