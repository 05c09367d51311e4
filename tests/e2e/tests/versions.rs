//! The version matrix: the core journey through the panel against each older release of
//! PocketBase that `scripts/setup.sh` installs (the rest of the suite runs against 0.40.6), and
//! one panel watching servers of three versions at once.

use std::time::Duration;

use e2e::{signed_in, Browser, PocketBase, S3Server, ADMIN_EMAIL, ADMIN_PASSWORD, BUCKET};

const RESTORE_PATIENCE: Duration = Duration::from_secs(90);

#[tokio::test]
async fn the_core_journey_works_on_0_22() {
    core_journey("0.22.27").await;
}

#[tokio::test]
async fn the_core_journey_works_on_0_23() {
    core_journey("0.23.12").await;
}

#[tokio::test]
async fn the_core_journey_works_on_0_28() {
    core_journey("0.28.4").await;
}

#[tokio::test]
async fn the_core_journey_works_on_0_36() {
    core_journey("0.36.9").await;
}

/// Sign in, list, create, upload, download byte-exact, delete, a restore that fails and one
/// that succeeds (each told truthfully), the schedule saved, and Run now — or, where the
/// server has no cron API, why not.
async fn core_journey(version: &'static str) {
    let server = PocketBase::start_release(version);
    server.create_backup("source.zip");
    let bytes = server.download("source.zip");
    assert!(bytes.starts_with(b"PK"), "{version} made no zip");
    let mut known = Vec::new();

    // Sign-in: as an admin before 0.23, as a superuser after, with the same form.
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["source.zip"]).await;

    browser.click("Create backup").await;
    browser.fill("Backup name", "made_here.zip").await;
    browser.click_in_dialog("Create").await;
    browser.wait_for_text("Backup made_here.zip created.").await;
    assert_eq!(server.keys(), ["made_here.zip", "source.zip"]);

    let files = tempfile::tempdir().expect("temp dir");
    let copy = files.path().join("uploaded.zip");
    std::fs::write(&copy, &bytes).expect("a copy");
    browser.choose_file("Upload backup", &copy).await;
    browser.click_in_dialog("Upload").await;
    browser.wait_for_text("Uploaded uploaded.zip.").await;
    assert_eq!(server.download("uploaded.zip"), bytes, "{version}: upload");

    browser.click_labelled("Download source.zip").await;
    let file = browser.wait_for_download(&known).await;
    let downloaded = e2e::eventually("the download to be complete", || async {
        let got = std::fs::read(&file).ok()?;
        (got.len() >= bytes.len()).then_some(got)
    })
    .await;
    assert_eq!(downloaded, bytes, "{version}: download");
    known.push(file);

    // Inspect and Verify: `Range` reads and a download through a file token.
    browser.click_labelled("Inspect source.zip").await;
    browser
        .wait_for_text("A PocketBase backup: it has data.db.")
        .await;
    browser.click_labelled("Verify source.zip").await;
    browser.wait_for_status(e2e::PATIENCE, "Intact: all ").await;
    browser.click_in_dialog("Close").await;
    browser.wait_for_no_dialog().await;

    browser.click_labelled("Delete uploaded.zip").await;
    browser.click_in_dialog("Delete").await;
    browser.wait_for_text("Deleted uploaded.zip.").await;
    assert_eq!(server.keys(), ["made_here.zip", "source.zip"]);

    // A backup that cannot be restored: the server stays up, and its log says why.
    let no_data = e2e::zip_without_data_db();
    assert_eq!(server.upload("no_data.zip", &no_data).status, 204);
    browser.click("Refresh").await;
    restore(&browser, "no_data.zip").await;
    browser
        .wait_for_text("The restore of no_data.zip failed")
        .await;

    restore(&browser, "made_here.zip").await;
    e2e::eventually_within(RESTORE_PATIENCE, "the restore's end", || async {
        let statuses = browser.statuses().await;
        statuses
            .iter()
            .any(|s| s.contains("Restored made_here.zip: PocketBase restarted"))
            .then_some(())
    })
    .await;

    // The schedule, saved on the server.
    browser.open(&format!("{}/settings", server.url())).await;
    browser.wait_for_heading("Backup settings").await;
    browser.set_switch("Enable automatic backups", true).await;
    browser.select_option("Presets", "Every 6 hours").await;
    browser.click("Save").await;
    browser
        .wait_for_toast(e2e::PATIENCE, "Backup settings saved.")
        .await;
    assert_eq!(server.settings()["backups"]["cron"], "0 */6 * * *");
    browser.click_link("Back to backups").await;
    browser.wait_for_heading("Backups").await;
    browser.wait_for_text("Next automatic backup:").await;

    let run_now = browser.button("Run automatic backup now").await;
    if version.starts_with("0.22.") || version.starts_with("0.23.") {
        browser
            .wait_for_text("Run now needs PocketBase 0.24 or newer")
            .await;
        assert!(
            !run_now.is_enabled().await.expect("enabled"),
            "{version}: Run now offered as if it worked"
        );
    } else {
        run_now.click().await.expect("click");
        let made = browser
            .wait_for_toast(Duration::from_secs(60), "Automatic backup @auto_pb_backup_")
            .await;
        assert!(made.contains(" made"), "{made}");
        let autos = server.keys();
        assert!(
            autos.iter().any(|k| k.starts_with("@auto_pb_backup_")),
            "{version}: {autos:?}"
        );
    }
    if version.starts_with("0.22.") {
        // Its failed automatic backups are debug entries, which its default log level drops.
        browser
            .wait_for_text("PocketBase 0.22 logs a failed automatic backup only at debug level")
            .await;
    }
    browser.assert_no_crash().await;
}

async fn restore(browser: &Browser, key: &str) {
    browser.click_labelled(&format!("Restore {key}")).await;
    browser.fill("Type the backup name to confirm", key).await;
    browser.click_in_dialog("Restore").await;
}

/// On 0.22 an admin's token is renewed where admins renew theirs (`/api/admins/auth-refresh`),
/// before it expires, and the renewed one is kept with the server's capabilities.
#[tokio::test]
async fn an_admins_session_is_renewed_before_it_expires_on_0_22() {
    let server = PocketBase::start_release("0.22.27");
    server.create_backup("a.zip");
    // Admin tokens of 10 s (0.22 takes 5 s and more).
    let changed = server.patch_json(
        "/api/settings",
        &server.admin_token(),
        serde_json::json!({"adminAuthToken": {"duration": 10}}),
    );
    assert_eq!(changed.status, 200, "{}", changed.body);
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["a.zip"]).await;
    let stored = || async {
        let stored = browser.local_storage("pb-backups-panel.session").await?;
        serde_json::from_str::<serde_json::Value>(&stored).ok()
    };
    let first = stored().await.expect("a stored session");
    // The session's capabilities, never the whole session: it holds the token.
    assert_eq!(
        first["capabilities"]["admins"], true,
        "{}",
        first["capabilities"]
    );

    // Renewed twice at half its life: past the first token's 10 s.
    let seen = std::cell::RefCell::new(vec![first["token"].clone()]);
    e2e::eventually_within(Duration::from_secs(30), "two renewals", || async {
        let now = stored().await?;
        let mut seen = seen.borrow_mut();
        if seen.last() != Some(&now["token"]) {
            assert_eq!(
                now["capabilities"]["admins"], true,
                "{}",
                now["capabilities"]
            );
            seen.push(now["token"].clone());
        }
        (seen.len() >= 3).then_some(())
    })
    .await;
    // Once the first token's second of expiry is over: then only a renewal lets the panel on.
    let first_token = first["token"].as_str().expect("a token");
    let expiry = e2e::jwt_claims(first_token)["exp"].as_u64().expect("exp");
    let unix_now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("after 1970")
            .as_secs()
    };
    while unix_now() <= expiry + 1 {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let expired = server
        .get("/api/backups", Some(first_token))
        .expect("an answer");
    assert_eq!(expired.status, 401, "the first token still works");
    browser.click("Refresh").await;
    browser.wait_for_keys(&["a.zip"]).await;
    assert!(!browser.has_alert().await, "{}", browser.alert().await);
}

/// A session saved before the panel asked what a server can do reads as a server with the
/// cron API; a 0.23 server's is corrected as soon as its schedule is read, and in the fleet.
#[tokio::test]
async fn a_session_saved_before_capabilities_learns_them_on_0_23() {
    let server = PocketBase::start_release("0.23.12");
    server.set_settings(serde_json::json!({"backups": {"cron": "0 3 * * *"}}));
    let browser = signed_in(&server).await;
    browser.wait_for_text("Next automatic backup:").await;
    let key = "pb-backups-panel.session";
    let mut saved: serde_json::Value =
        serde_json::from_str(&browser.local_storage(key).await.expect("a session")).unwrap();
    assert_eq!(saved["capabilities"]["crons"], false);
    // As a panel without capabilities kept it, in the fleet too.
    saved.as_object_mut().unwrap().remove("capabilities");
    browser.set_local_storage(key, &saved.to_string()).await;
    let fleet = format!("[{saved}]");
    browser
        .set_local_storage("pb-backups-panel.servers", &fleet)
        .await;
    browser.reload().await;
    browser
        .wait_for_text("Run now needs PocketBase 0.24 or newer")
        .await;
    let run_now = browser.button("Run automatic backup now").await;
    assert!(!run_now.is_enabled().await.expect("enabled"));
    let kept = e2e::eventually("the correction kept", || async {
        let stored = browser.local_storage(key).await?;
        let stored: serde_json::Value = serde_json::from_str(&stored).ok()?;
        (stored["capabilities"]["crons"] == false).then_some(())
    });
    kept.await;
    browser.click_link("Servers").await;
    row_reading(&browser, &server, "PocketBase 0.23: no Run now").await;
}

/// On 0.22 the S3 settings too: saved, tested by the server, and a backup stored in the bucket.
#[tokio::test]
async fn s3_storage_is_set_up_and_used_on_0_22() {
    let s3 = S3Server::start();
    let server = PocketBase::start_release("0.22.27");
    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;
    browser.click_link("Backup settings").await;
    browser.wait_for_heading("Backup settings").await;
    e2e::fill_s3(&browser, s3.url(), BUCKET).await;
    browser.click("Test connection").await;
    browser.open_dialog().await;
    browser.click_in_dialog("Save and test").await;
    browser
        .wait_for_status(
            Duration::from_secs(30),
            "Connected: PocketBase stored and removed",
        )
        .await;
    let saved = &server.settings()["backups"]["s3"];
    assert_eq!(saved["enabled"], true);
    assert_eq!(saved["bucket"], BUCKET);

    browser.click_link("Back to backups").await;
    browser.wait_for_text("No backups yet").await;
    browser.click("Create backup").await;
    browser.fill("Backup name", "in_s3.zip").await;
    browser.click_in_dialog("Create").await;
    browser.wait_for_keys(&["in_s3.zip"]).await;
    assert_eq!(s3.keys(BUCKET), ["in_s3.zip"], "checked through the S3 API");
}

/// The overview's row of `server` once it reads `words`.
async fn row_reading(browser: &Browser, server: &PocketBase, words: &str) -> String {
    let rows = || browser.texts("table.servers tbody tr");
    let row = e2e::within(e2e::PATIENCE, || async {
        rows()
            .await
            .into_iter()
            .find(|row| row.contains(server.url()) && row.contains(words))
    })
    .await;
    match row {
        Some(row) => row,
        None => panic!(
            "no row of {} with {words:?}: {:?}",
            server.url(),
            rows().await
        ),
    }
}

/// One panel, four servers of four versions: each row says which versions its server's
/// answers place it among, beside its backups.
#[tokio::test]
async fn one_panel_watches_a_0_22_a_0_23_a_0_28_and_a_0_40_server() {
    let newest = PocketBase::start();
    let older = PocketBase::start_release("0.28.4");
    let old = PocketBase::start_release("0.23.12");
    let oldest = PocketBase::start_release("0.22.27");
    older.create_backup("older_a.zip");
    oldest.create_backup("oldest_a.zip");
    oldest.create_backup("oldest_b.zip");

    let browser = signed_in(&newest).await;
    browser.click_link("Servers").await;
    browser.wait_for_heading("Servers").await;
    // Each added once the one before is.
    for (server, backups) in [
        (&older, "1 backup"),
        (&old, "0 backups"),
        (&oldest, "2 backups"),
    ] {
        browser.fill("Server URL", server.url()).await;
        browser.fill("Email", ADMIN_EMAIL).await;
        browser.fill("Password", ADMIN_PASSWORD).await;
        browser.click("Add server").await;
        row_reading(&browser, server, backups).await;
    }
    for (server, backups, family) in [
        (&newest, "0 backups", "PocketBase 0.24 or newer"),
        (&older, "1 backup", "PocketBase 0.24 or newer"),
        (&old, "0 backups", "PocketBase 0.23: no Run now"),
        (&oldest, "2 backups", "PocketBase 0.22 or older (admins)"),
    ] {
        let row = row_reading(&browser, server, backups).await;
        assert!(row.contains(family), "{row}");
    }

    // The oldest server's own page, opened from the overview, lists its backups.
    browser
        .click_labelled(&format!("Open {}", oldest.url()))
        .await;
    let listed = e2e::within(e2e::PATIENCE, || async {
        let mut keys = browser.keys().await;
        keys.sort();
        (keys == ["oldest_a.zip", "oldest_b.zip"]).then_some(())
    })
    .await;
    if listed.is_none() {
        let page = browser
            .script("return document.body.innerText;", vec![])
            .await;
        panic!("the oldest server's rows are not listed: {page}");
    }
}

/// The matrix here is the one `scripts/setup.sh` installs.
#[test]
fn the_matrix_is_the_set_up_one() {
    let env = std::fs::read_to_string(e2e::repo_root().join("scripts/env.sh")).expect("env.sh");
    let line = env
        .lines()
        .find_map(|line| line.strip_prefix("POCKETBASE_RELEASES="))
        .expect("POCKETBASE_RELEASES in env.sh");
    let installed: Vec<&str> = line.trim_matches('"').split_whitespace().collect();
    assert_eq!(installed, e2e::RELEASES);
}
