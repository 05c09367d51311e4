//! Every backup action through the panel, checked against what the real server then holds.

use std::time::Duration;

use e2e::{signed_in, PocketBase, HOSTILE_KEYS};

const NAME_RULE: &str = "Use only lowercase letters, digits, _ and -, and end the name with .zip.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creates_backups_with_and_without_a_name() {
    let server = PocketBase::start();
    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;

    browser.click("Create backup").await;
    assert_eq!(
        browser.open_dialog().await,
        ("dialog".into(), "Create backup".into())
    );
    assert_eq!(
        browser.focused().await,
        "backup-name",
        "focus is not in the dialog"
    );

    // Refused in the browser, with the reason, before anything is sent.
    browser.fill("Backup name", "Nightly Backup.zip").await;
    browser.wait_for_text(NAME_RULE).await;
    assert!(!browser
        .dialog_button("Create")
        .await
        .is_enabled()
        .await
        .unwrap());
    browser.press_enter_in("Backup name").await;
    assert_eq!(
        browser.open_dialog().await.1,
        "Create backup",
        "Enter closed the dialog"
    );
    let creates = "data.method='POST' && data.url='/api/backups' && data.userAgent!~'ureq'";
    let sent = tokio::task::block_in_place(|| server.settled_requests(creates));
    assert_eq!(sent, 0, "an invalid name was sent");
    browser.fill("Backup name", "nightly_1.zip").await;
    assert!(server.keys().is_empty());

    browser.click_in_dialog("Create").await;
    browser.wait_for_keys(&["nightly_1.zip"]).await;
    browser.wait_for_text("Backup nightly_1.zip created.").await;
    assert_eq!(server.keys(), ["nightly_1.zip"]);

    // Marks the row: a row rebuilt when rows are added above it would lose the mark (and the
    // focus a keyboard user had in it).
    let row_of = "[...document.querySelectorAll('tbody tr.row')]\
        .find(r => r.querySelector('.key-text').textContent === 'nightly_1.zip')";
    browser
        .script(&format!("{row_of}.kept = true;"), vec![])
        .await;

    // Empty: the server chooses the name.
    browser.click("Create backup").await;
    browser.fill("Backup name", "").await;
    browser.click_in_dialog("Create").await;
    // PocketBase lists a backup being written under a `.tmp` name first.
    let keys = e2e::eventually("a second backup", || async {
        let keys = server.keys();
        (keys.len() == 2 && keys.iter().all(|k| k.ends_with(".zip"))).then_some(keys)
    })
    .await;
    // Named by the panel the way PocketBase names it, tagged: `pb_backup_<app>_<UTC>_<tag>.zip`.
    let generated = keys.iter().find(|k| *k != "nightly_1.zip").unwrap();
    let (stamp, tag) = generated
        .strip_prefix("pb_backup_acme_")
        .and_then(|rest| rest.strip_suffix(".zip"))
        .and_then(|rest| rest.split_once('_'))
        .unwrap_or_default();
    assert!(
        stamp.len() == 14 && stamp.bytes().all(|b| b.is_ascii_digit()) && tag.len() == 4,
        "{generated}"
    );
    browser
        .wait_for_text(&format!("Backup {generated} created."))
        .await;
    let row = browser
        .script(
            &format!(
                "const r = {row_of}; return [r.kept === true, r.getAttribute('aria-rowindex')];"
            ),
            vec![],
        )
        .await;
    assert_eq!(
        row,
        serde_json::json!([true, "3"]),
        "moved down a row, not rebuilt"
    );
}

#[tokio::test]
async fn a_name_taken_behind_the_panels_back_is_caught_before_sending() {
    let server = PocketBase::start();
    let browser = signed_in(&server).await;
    browser.wait_for_text("No backups yet").await;
    // Made behind the panel's back: its list does not know the name yet, the server's does.
    server.create_backup("taken.zip");

    browser.click("Create backup").await;
    browser.fill("Backup name", "taken.zip").await;
    browser.click_in_dialog("Create").await;
    browser
        .wait_for_text("A backup named taken.zip already exists.")
        .await;
    assert_eq!(browser.open_dialog().await.1, "Create backup");
    assert_eq!(
        browser.field_value("Backup name").await,
        "taken.zip",
        "input lost"
    );
    assert_eq!(server.keys(), ["taken.zip"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_a_real_backup_and_refuses_what_is_not_a_zip() {
    let server = PocketBase::start();
    server.create_backup("source.zip");
    let bytes = server.download("source.zip");
    let files = tempfile::tempdir().unwrap();
    let copy = files.path().join("uploaded_copy.zip");
    std::fs::write(&copy, &bytes).unwrap();
    let not_zip = files.path().join("notes.zip");
    std::fs::write(&not_zip, "just some notes").unwrap();

    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["source.zip"]).await;

    // A name the server has: offered under another, editable, never over the stored one.
    server.create_backup("other.zip");
    let other_bytes = server.download("other.zip");
    let token = server.admin_token();
    assert_eq!(server.delete("/api/backups/other.zip", &token).status, 204);
    assert_ne!(other_bytes, bytes);
    let same_name = files.path().join("source.zip");
    std::fs::write(&same_name, &other_bytes).unwrap();
    browser.choose_file("Upload backup", &same_name).await;
    browser
        .wait_for_text("A backup named source.zip already exists.")
        .await;
    assert_eq!(browser.field_value("Upload as").await, "source_2.zip");
    browser.fill("Upload as", "source.zip").await;
    assert!(!browser
        .dialog_button("Upload")
        .await
        .is_enabled()
        .await
        .unwrap());
    browser.fill("Upload as", "renamed.zip").await;
    browser.click_in_dialog("Upload").await;
    browser.wait_for_keys(&["renamed.zip", "source.zip"]).await;
    assert_eq!(server.download("renamed.zip"), other_bytes);
    assert_eq!(server.download("source.zip"), bytes);
    let token = server.admin_token();
    assert_eq!(
        server.delete("/api/backups/renamed.zip", &token).status,
        204
    );

    browser.choose_file("Upload backup", &not_zip).await;
    assert_eq!(
        browser.alert().await,
        "This file is not a zip archive. PocketBase only accepts .zip backups."
    );
    assert_eq!(server.keys(), ["source.zip"]);

    // A zip, but not a PocketBase backup: a warning, and only sent if the admin insists.
    let other_zip = files.path().join("photos.zip");
    let made = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; zipfile.ZipFile(sys.argv[1], 'w').writestr('a.txt', 'x')",
        ])
        .arg(&other_zip)
        .status()
        .expect("python3 makes a zip");
    assert!(made.success());
    browser.choose_file("Upload backup", &other_zip).await;
    assert_eq!(browser.open_dialog().await.1, "Upload this backup?");
    assert!(browser.dialog_text().await.contains("has no data.db"));
    browser.dialog_button("Upload anyway").await;
    browser.click_in_dialog("Cancel").await;
    browser.wait_for_no_dialog().await;
    let uploads = "data.method='POST' && data.url='/api/backups/upload' && data.userAgent!~'ureq'";
    let sent = tokio::task::block_in_place(|| server.settled_requests(uploads));
    assert_eq!(
        sent, 1,
        "a cancelled upload was sent (only the renamed one was)"
    );
    assert_eq!(server.keys(), ["source.zip"]);

    browser.choose_file("Upload backup", &copy).await;
    assert_eq!(browser.open_dialog().await.1, "Upload this backup?");
    assert!(
        !browser.dialog_text().await.contains("data.db"),
        "a real backup was doubted"
    );
    let size = format!("{:.1} kB", bytes.len() as f64 / 1000.0);
    assert!(browser
        .dialog_text()
        .await
        .contains(&format!("uploaded_copy.zip ({size})")));
    browser.click_in_dialog("Upload").await;
    browser
        .wait_for_keys(&["uploaded_copy.zip", "source.zip"])
        .await;
    let stored = server.backups();
    let uploaded = stored
        .iter()
        .find(|(k, ..)| k == "uploaded_copy.zip")
        .unwrap();
    assert_eq!(uploaded.1, bytes.len() as u64);
    assert_eq!(server.download("uploaded_copy.zip"), bytes);
}

#[tokio::test]
async fn an_upload_the_server_refuses_shows_its_reason() {
    let server = PocketBase::start();
    server.create_backup("source.zip");
    let bytes = server.download("source.zip");
    let files = tempfile::tempdir().unwrap();
    let late = files.path().join("late.zip");
    std::fs::write(&late, &bytes).unwrap();

    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["source.zip"]).await;
    assert_eq!(server.upload("late.zip", &bytes).status, 204);

    browser.choose_file("Upload backup", &late).await;
    browser.click_in_dialog("Upload").await;
    assert_eq!(
        browser.alert().await,
        "Backup file with the specified name already exists."
    );
}

#[tokio::test]
async fn downloads_exactly_the_servers_bytes_also_for_hostile_keys() {
    let server = PocketBase::start();
    server.create_backup("source.zip");
    let bytes = server.download("source.zip");
    for (i, key) in HOSTILE_KEYS.iter().enumerate() {
        // Different content per key, so a download of the wrong key cannot pass.
        let mut content = bytes.clone();
        content.extend(std::iter::repeat_n(b' ', i + 1));
        assert_eq!(server.upload(key, &content).status, 204, "upload {key}");
    }
    let browser = signed_in(&server).await;

    let mut known = Vec::new();
    for key in ["source.zip"].iter().chain(HOSTILE_KEYS.iter()) {
        browser.click_labelled(&format!("Download {key}")).await;
        let file = browser.wait_for_download(&known).await;
        let downloaded = e2e::eventually("the download to be complete", || async {
            let got = std::fs::read(&file).ok()?;
            (got.len() >= bytes.len()).then_some(got)
        })
        .await;
        assert_eq!(downloaded, server.download(key), "bytes of {key}");
        known.push(file);
    }
    let page = browser.current_url().await;
    assert!(
        !page.contains("token"),
        "the page navigated to a download URL: {page}"
    );
}

#[tokio::test]
async fn deletes_only_after_confirmation_also_hostile_keys() {
    let server = PocketBase::start();
    server.seed_hostile_keys();
    let browser = signed_in(&server).await;
    browser.wait_for_text("source.zip").await;

    for key in HOSTILE_KEYS {
        let trigger = format!("Delete {key}");
        browser.click_labelled(&trigger).await;
        assert_eq!(
            browser.open_dialog().await,
            ("alertdialog".into(), "Delete this backup?".into())
        );
        assert!(browser.dialog_text().await.contains(key));
        browser.click_in_dialog("Cancel").await;
        browser.wait_for_no_dialog().await;
        assert_eq!(browser.focused().await, trigger, "focus did not return");

        browser.click_labelled(&trigger).await;
        browser.open_dialog().await;
        browser.press_escape().await;
        browser.wait_for_no_dialog().await;
        assert!(
            server.keys().contains(&key.to_string()),
            "cancelled, yet {key} is gone"
        );

        browser.click_labelled(&trigger).await;
        browser.click_in_dialog("Delete").await;
        browser.wait_for_no_dialog().await;
        e2e::eventually(&format!("{key} gone from the server"), || async {
            (!server.keys().contains(&key.to_string())).then_some(())
        })
        .await;
        browser.wait_for_text(&format!("Deleted {key}.")).await;
    }
    browser.wait_for_keys(&["source.zip"]).await;
    assert_eq!(server.keys(), ["source.zip"]);
}

#[tokio::test]
async fn restores_after_typing_the_name_backing_up_first_through_every_phase() {
    let mut server = PocketBase::start();
    // Backing up and restoring a large backup take seconds: long enough to see each phase.
    server.add_ballast(500);
    server.create_backup("before.zip");
    // Exists only after the backup: gone again once the backup is restored.
    server.upsert_superuser("later@example.com", "later-password");
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["before.zip"]).await;

    browser.click_labelled("Restore before.zip").await;
    assert_eq!(
        browser.open_dialog().await,
        ("alertdialog".into(), "Restore this backup?".into())
    );
    assert!(browser
        .dialog_text()
        .await
        .contains("replaces the whole database"));
    let restore = browser.dialog_button("Restore").await;
    assert!(!restore.is_enabled().await.unwrap());
    browser
        .fill("Type the backup name to confirm", "before")
        .await;
    assert!(!restore.is_enabled().await.unwrap());
    browser
        .fill("Type the backup name to confirm", "before.zip")
        .await;
    browser.check("Back up current data first").await;
    browser.click_in_dialog("Restore").await;

    // Each phase in turn, never "restored" before the server restarted and its log was read.
    let phases = std::cell::RefCell::new(Vec::new());
    e2e::eventually_within(Duration::from_secs(90), "the restore's end", || async {
        for status in browser.statuses().await {
            for (phase, words) in [
                ("backing up", "Backing up the current data"),
                ("restarting", "PocketBase is working on it or restarting"),
                ("checking", "Reading its log"),
                ("restored", "Restored before.zip: PocketBase restarted"),
            ] {
                let mut phases = phases.borrow_mut();
                if status.contains(words) && phases.last() != Some(&phase) {
                    phases.push(phase);
                }
            }
        }
        (phases.borrow().last() == Some(&"restored")).then_some(())
    })
    .await;
    // The backup first lasts seconds and the end stays: those two cannot be missed. The short
    // phases between may pass between two reads, but never out of their order.
    let phases = phases.into_inner();
    let order = ["backing up", "restarting", "checking", "restored"];
    assert_eq!(phases.first(), Some(&"backing up"), "{phases:?}");
    assert_eq!(phases.last(), Some(&"restored"), "{phases:?}");
    let places: Vec<usize> = phases
        .iter()
        .map(|phase| order.iter().position(|o| o == phase).unwrap())
        .collect();
    assert!(
        places.windows(2).all(|w| w[0] < w[1]),
        "out of order: {phases:?}"
    );
    server.wait_until_healthy();
    let later = server.post_json(
        "/api/collections/_superusers/auth-with-password",
        None,
        serde_json::json!({"identity": "later@example.com", "password": "later-password"}),
    );
    assert_eq!(
        later.status, 400,
        "the restore did not replace the superusers"
    );
    // The backup made first survives the restore: one more backup than before.
    let keys = server.keys();
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(
        keys.iter().any(|k| k.starts_with("pre_restore_")),
        "the backup made first does not say what it is: {keys:?}"
    );
    browser.wait_for_text("before.zip").await;
}

#[tokio::test]
async fn a_restore_that_drops_this_superuser_ends_at_sign_in_with_the_reason() {
    let mut server = PocketBase::start();
    server.create_backup("without_later.zip");
    server.upsert_superuser("later@example.com", "later-password");
    let browser = e2e::Browser::start().await;
    browser.open(server.url()).await;
    browser.fill("Email", "later@example.com").await;
    browser.fill("Password", "later-password").await;
    browser.click("Sign in").await;
    browser.wait_for_keys(&["without_later.zip"]).await;

    browser.click_labelled("Restore without_later.zip").await;
    browser
        .fill("Type the backup name to confirm", "without_later.zip")
        .await;
    browser.click_in_dialog("Restore").await;

    let explained = "PocketBase was restored from a backup and no longer accepts your session.";
    e2e::eventually_within(
        Duration::from_secs(60),
        "sign-in with the reason",
        || async {
            browser.statuses().await;
            let alert = browser.alert().await;
            alert.starts_with(explained).then_some(())
        },
    )
    .await;
    browser.field("Password").await;
    server.wait_until_healthy();
}

#[tokio::test]
async fn bulk_deletes_the_selected_backups_after_one_confirmation() {
    let server = PocketBase::start();
    for name in ["keep.zip", "old_1.zip", "old_2.zip", "old_3.zip"] {
        server.create_backup(name);
    }
    let browser = signed_in(&server).await;
    browser.wait_for_text("keep.zip").await;
    let bar_shown = || async {
        let source = "return document.querySelector('.selection-bar').offsetParent !== null;";
        browser.script(source, vec![]).await == serde_json::json!(true)
    };
    assert!(
        !bar_shown().await,
        "a bulk action shown with nothing selected"
    );

    for name in ["old_1.zip", "old_2.zip", "old_3.zip"] {
        browser.click_labelled(&format!("Select {name}")).await;
    }
    assert!(bar_shown().await);
    browser.click("Delete selected (3)").await;
    assert_eq!(
        browser.open_dialog().await,
        ("alertdialog".into(), "Delete these 3 backups?".into())
    );
    let listed = browser.dialog_text().await;
    assert!(["old_1.zip", "old_2.zip", "old_3.zip"]
        .iter()
        .all(|k| listed.contains(k)));
    assert!(!listed.contains("keep.zip"));
    assert_eq!(server.keys().len(), 4, "sent before confirmation");

    browser.click_in_dialog("Delete").await;
    browser.wait_for_no_dialog().await;
    browser.wait_for_keys(&["keep.zip"]).await;
    browser.wait_for_text("Deleted 3 backups.").await;
    assert_eq!(server.keys(), ["keep.zip"]);
}

#[tokio::test]
async fn a_refusal_in_a_bulk_delete_is_shown_and_the_rest_are_deleted() {
    let server = PocketBase::start();
    for name in ["keep.zip", "old_1.zip", "gone.zip", "old_3.zip"] {
        server.create_backup(name);
    }
    let browser = signed_in(&server).await;
    browser.wait_for_text("keep.zip").await;
    for name in ["old_1.zip", "gone.zip", "old_3.zip"] {
        browser.click_labelled(&format!("Select {name}")).await;
    }
    // Deleted behind the panel's back: the server will refuse it.
    let admin = server.admin_token();
    assert_eq!(server.delete("/api/backups/gone.zip", &admin).status, 204);

    browser.click("Delete selected (3)").await;
    browser.click_in_dialog("Delete").await;
    browser
        .wait_for_text("Invalid or already deleted backup file.")
        .await;
    let (_, title) = browser.open_dialog().await;
    assert_eq!(
        title, "Delete this backup?",
        "only the refused key stays asked about"
    );
    assert!(browser.dialog_text().await.contains("gone.zip"));
    assert_eq!(server.keys(), ["keep.zip"], "the refusal stopped the rest");
}
