//! Looking inside a stored backup without downloading it: its zip directory is read from the
//! end through `Range` requests, and the summary is shown per row and in the restore dialog.

use e2e::{signed_in, Browser, PocketBase};

/// Bytes of the backup `key` the page fetched, summed from Resource Timing (bodies as sent),
/// and the largest single answer.
async fn bytes_fetched(browser: &Browser, key: &str) -> (u64, u64) {
    let sizes = browser
        .resource_sizes(&format!("/api/backups/{key}?"))
        .await;
    let total = sizes.iter().map(|(sent, _)| sent).sum();
    let largest = sizes.iter().map(|(sent, _)| *sent).max().unwrap_or(0);
    (total, largest)
}

fn random_bytes(len: usize) -> Vec<u8> {
    // Incompressible, so the backup is as large as the file: xorshift, no dependency.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect()
}

#[tokio::test]
async fn a_real_backup_shows_its_databases_and_uploaded_files_without_being_downloaded() {
    let server = PocketBase::start();
    let stored = server.add_uploaded_file("report.bin", &random_bytes(3_000_000));
    server.create_backup("with_files.zip");
    let size = server.backups()[0].1;
    assert!(size > 3_000_000, "the backup holds the upload: {size} B");

    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["with_files.zip"]).await;
    browser.click_labelled("Inspect with_files.zip").await;
    assert_eq!(browser.open_dialog().await.1, "What this backup holds");
    browser
        .wait_for_text("A PocketBase backup: it has data.db.")
        .await;
    assert!(browser.dialog_text().await.contains("with_files.zip"));
    // Files, data.db, auxiliary.db, uploaded files, sizes, what was read.
    let shown = browser.texts("dialog[open] dl.contents dd").await;
    assert_eq!(shown.len(), 6, "{shown:?}");
    assert!(
        shown[1].ends_with(" kB") || shown[1].ends_with(" MB"),
        "data.db: {shown:?}"
    );
    assert!(
        shown[2].ends_with(" kB") || shown[2].ends_with(" MB"),
        "auxiliary.db: {shown:?}"
    );
    assert_eq!(shown[3], format!("1 file: {stored} (3.0 MB)"));
    assert!(
        shown[5].contains(" kB of ") && shown[5].ends_with(" MB"),
        "read: {shown:?}"
    );

    // Read from the end: a few tens of KB of a 3 MB backup, no answer the whole file.
    let (fetched, largest) = bytes_fetched(&browser, "with_files.zip").await;
    assert!(fetched > 0, "nothing was read");
    assert!(fetched < 100_000, "read {fetched} B of {size} B");
    assert!(
        largest < size / 10,
        "one answer was {largest} B of {size} B"
    );
    browser.click_in_dialog("Close").await;
    browser.wait_for_no_dialog().await;

    // The restore dialog shows the same, before anything is restored.
    browser.click_labelled("Restore with_files.zip").await;
    browser.open_dialog().await;
    e2e::eventually("the summary in the restore dialog", || async {
        let said = browser.dialog_text().await;
        said.contains(&format!("1 file: {stored} (3.0 MB)"))
            .then_some(())
    })
    .await;
    assert!(!browser.dialog_text().await.contains("has no data.db"));
    browser.press_escape().await;
    browser.wait_for_no_dialog().await;
    assert_eq!(server.keys(), ["with_files.zip"]);
}

#[tokio::test]
async fn a_zip_without_data_db_is_judged_no_backup_that_restoring_it_will_fail() {
    let server = PocketBase::start();
    assert_eq!(
        server
            .upload("no_data.zip", &e2e::zip_without_data_db())
            .status,
        204
    );
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["no_data.zip"]).await;
    browser.click_labelled("Inspect no_data.zip").await;
    let verdict = browser
        .wait_for_alert(
            e2e::PATIENCE,
            "Not a PocketBase backup: it has no data.db, so restoring it will fail.",
        )
        .await;
    assert!(verdict.contains("restoring it will fail"));
    let shown = browser.texts("dialog[open] dl.contents dd").await;
    assert_eq!(shown[1..4], ["missing", "missing", "none"], "{shown:?}");
}

#[tokio::test]
async fn the_copied_download_command_run_with_curl_downloads_the_same_bytes() {
    let server = PocketBase::start();
    server.create_backup("source.zip");
    let bytes = server.download("source.zip");
    // Markup, shell syntax and quotes in a key must all reach curl as one file name.
    let key = "it's (a) $HOME; <b>.zip";
    assert_eq!(server.upload(key, &bytes).status, 204);
    let browser = signed_in(&server).await;
    browser.allow_clipboard(server.url()).await;
    browser.wait_for_keys(&[key, "source.zip"]).await;
    browser.click_labelled(&format!("Inspect {key}")).await;
    browser.click_in_dialog("Copy download command").await;
    let said = browser
        .wait_for_status(e2e::PATIENCE, "Copied: run it on any machine")
        .await;
    assert!(said.contains(" more."), "no time left shown: {said}");
    // The time left counts down while it is shown.
    e2e::eventually("the time left to count down", || async {
        let statuses = browser.statuses().await;
        let now = statuses.iter().find(|s| s.starts_with("Copied:"))?;
        (*now != said).then_some(())
    })
    .await;

    let copied = browser
        .script_async(
            "const done = arguments[arguments.length - 1];
             navigator.clipboard.readText().then(done, e => done(`unreadable: ${e}`));",
            vec![],
        )
        .await;
    let line = copied.as_str().expect("clipboard text").to_owned();
    assert!(line.starts_with("curl -fLo '"), "{line}");
    assert_eq!(
        browser.texts("dialog[open] pre.command").await,
        [line.as_str()]
    );
    assert!(
        !line.contains(&server.admin_token()),
        "the auth token is in the line"
    );
    let claims = e2e::jwt_claims(line.rsplit("token=").next().unwrap().trim_end_matches('\''));
    assert_eq!(claims["type"], "file");

    // Run by a shell, as an admin pastes it on another machine.
    let folder = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(&line)
        .current_dir(folder.path())
        .status()
        .expect("sh");
    assert!(status.success(), "the command failed: {line}");
    assert_eq!(std::fs::read(folder.path().join(key)).unwrap(), bytes);
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1);
}

#[tokio::test]
async fn two_backups_made_around_an_upload_compare_with_that_file_added() {
    let server = PocketBase::start();
    server.create_backup("before.zip");
    let stored = server.add_uploaded_file("added.bin", &random_bytes(200_000));
    server.create_backup("after.zip");
    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["after.zip", "before.zip"]).await;
    browser.click_labelled("Select after.zip").await;
    let shown = browser.texts("button").await;
    assert!(
        !shown.iter().any(|b| b == "Compare the two selected"),
        "{shown:?}"
    );
    browser.click_labelled("Select before.zip").await;
    browser.click("Compare the two selected").await;
    assert_eq!(
        browser.open_dialog().await.1,
        "What changed between two backups"
    );
    let totals = browser.wait_for_status(e2e::PATIENCE, " added, ").await;
    assert!(totals.starts_with("1 added, 0 removed, "), "{totals}");
    let said = browser.dialog_text().await;
    assert!(
        said.contains("From before.zip (older) to after.zip"),
        "{said}"
    );
    assert!(said.contains("Added: 1 (200.0 kB)"), "{said}");
    let lines = browser.texts("dialog[open] .compare-list li").await;
    let added = format!("/{stored} (200.0 kB)");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("storage/") && l.ends_with(&added)),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("data.db: ")),
        "data.db unchanged: {lines:?}"
    );
    // From the two directories alone.
    for key in ["before.zip", "after.zip"] {
        let (fetched, _) = bytes_fetched(&browser, key).await;
        assert!(fetched > 0 && fetched < 100_000, "{key}: read {fetched} B");
    }
}

/// `backup` with one byte flipped in the middle of `data.db`'s compressed data.
fn with_data_db_damaged(backup: &[u8]) -> Vec<u8> {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("backup.zip");
    std::fs::write(&path, backup).unwrap();
    let script = "import struct, sys, zipfile\n\
        path = sys.argv[1]\n\
        info = zipfile.ZipFile(path).getinfo('data.db')\n\
        data = bytearray(open(path, 'rb').read())\n\
        name_len, extra_len = struct.unpack('<HH', data[info.header_offset + 26:info.header_offset + 30])\n\
        start = info.header_offset + 30 + name_len + extra_len\n\
        data[start + info.compress_size // 2] ^= 0xFF\n\
        open(path, 'wb').write(data)";
    e2e::python(script, &[path.as_os_str()]);
    std::fs::read(&path).unwrap()
}

#[tokio::test]
async fn verify_passes_a_real_backup_and_names_data_db_in_a_copy_with_one_byte_flipped() {
    let server = PocketBase::start();
    server.add_uploaded_file("report.bin", &random_bytes(500_000));
    server.create_backup("good.zip");
    let bytes = server.download("good.zip");
    let damaged = with_data_db_damaged(&bytes);
    assert_eq!(damaged.len(), bytes.len());
    assert_ne!(damaged, bytes);
    assert_eq!(server.upload("damaged.zip", &damaged).status, 204);

    let browser = signed_in(&server).await;
    browser.wait_for_keys(&["damaged.zip", "good.zip"]).await;
    browser.click_labelled("Inspect good.zip").await;
    browser.click_labelled("Verify good.zip").await;
    let said = browser.wait_for_status(e2e::PATIENCE, "Intact: all ").await;
    assert!(said.contains("data.db is an SQLite database of "), "{said}");
    assert!(said.contains("Checked in "), "{said}");
    browser.click_in_dialog("Close").await;
    browser.wait_for_no_dialog().await;

    browser.click_labelled("Inspect damaged.zip").await;
    browser.click_labelled("Verify damaged.zip").await;
    let alert = browser
        .wait_for_alert(e2e::PATIENCE, "Damaged: data.db ")
        .await;
    // However the flip shows (an inflate error, a wrong length or a wrong CRC-32), the entry
    // is named.
    let why = [
        "does not inflate",
        "is not as long as recorded",
        "does not match",
    ];
    assert!(why.iter().any(|w| alert.contains(w)), "{alert}");
    // Nothing was stored or changed by verifying.
    let mut keys = server.keys();
    keys.sort();
    assert_eq!(keys, ["damaged.zip", "good.zip"]);
}
