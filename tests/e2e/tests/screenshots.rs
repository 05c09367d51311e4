//! The README's pictures, taken from the real panel against a real PocketBase. Not part of the
//! test run: `scripts/screenshots.sh` runs it (`--ignored`) and writes `docs/screenshots/`.

use std::path::PathBuf;

use e2e::{sign_in, write_backup_like_zip, Browser, PocketBase};

fn folder() -> PathBuf {
    let folder = std::env::var_os("PANEL_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| e2e::repo_root().join("docs/screenshots"));
    std::fs::create_dir_all(&folder).expect("screenshots folder");
    folder
}

async fn save(browser: &Browser, name: &str) {
    // Nothing mid-animation or mid-focus: the picture shows the page at rest.
    browser
        .script(
            "document.activeElement && document.activeElement.blur();",
            vec![],
        )
        .await;
    let path = folder().join(format!("{name}.png"));
    std::fs::write(&path, browser.screenshot().await).expect("write screenshot");
    println!("wrote {}", path.display());
}

#[tokio::test]
#[ignore = "writes the README's pictures: scripts/screenshots.sh"]
async fn readme_screenshots() {
    let server = PocketBase::start();
    server.create_backup("before_upgrade.zip");
    server.add_uploaded_file("invoice_2026_11.pdf", &vec![b'%'; 180_000]);
    server.create_backup("pb_backup_20261201000000.zip");
    server.seed_backup_file_aged(
        "@auto_pb_backup_20261130000000.zip",
        std::time::Duration::from_secs(2 * 86_400),
    );
    server.seed_backup_file_aged(
        "nightly_2026_11_15.zip",
        std::time::Duration::from_secs(17 * 86_400),
    );
    // A second server for the fleet's picture, whose hourly automatic backups stopped.
    let staging = PocketBase::start();
    staging.create_backup("staging_before_migration.zip");
    staging.seed_backup_file_aged(
        "@auto_pb_backup_20261202180000.zip",
        std::time::Duration::from_secs(9 * 3_600),
    );
    staging.set_settings(serde_json::json!({"backups": {"cron": "0 * * * *"}}));
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("staging_copy.zip");
    write_backup_like_zip(&file, 4_000_000);

    let browser = Browser::start().await;
    browser.set_viewport(1280, 720).await;
    browser.open(server.url()).await;
    sign_in(&browser, &server).await;
    browser.wait_for_css("tr.row").await;
    e2e::eventually("every row", || async {
        (browser.keys().await.len() == 4).then_some(())
    })
    .await;
    save(&browser, "backups-list").await;

    browser.click_labelled("Restore before_upgrade.zip").await;
    browser.wait_for_css("dialog[open]").await;
    save(&browser, "restore-dialog").await;
    browser.press_escape().await;
    browser.wait_for_no_dialog().await;

    browser
        .click_labelled("Inspect pb_backup_20261201000000.zip")
        .await;
    browser
        .wait_for_text("A PocketBase backup: it has data.db.")
        .await;
    save(&browser, "inspect").await;
    // The same dialog once the backup is verified and its download command copied.
    browser.allow_clipboard(server.url()).await;
    browser.set_viewport(1280, 900).await;
    browser.click_in_dialog("Copy download command").await;
    browser
        .wait_for_status(e2e::PATIENCE, "Copied: run it on any machine")
        .await;
    browser
        .click_labelled("Verify pb_backup_20261201000000.zip")
        .await;
    browser.wait_for_status(e2e::PATIENCE, "Intact: ").await;
    save(&browser, "verify").await;
    browser.set_viewport(1280, 720).await;
    browser.press_escape().await;
    browser.wait_for_no_dialog().await;

    let pair = ["before_upgrade.zip", "pb_backup_20261201000000.zip"];
    for key in pair {
        browser.click_labelled(&format!("Select {key}")).await;
    }
    browser.click("Compare the two selected").await;
    browser.wait_for_status(e2e::PATIENCE, " added, ").await;
    save(&browser, "compare").await;
    browser.press_escape().await;
    browser.wait_for_no_dialog().await;
    for key in pair {
        browser.click_labelled(&format!("Select {key}")).await;
    }

    browser.click("Plan retention").await;
    browser.fill("Keep the newest", "1").await;
    browser.fill("One a day, for days", "2").await;
    browser
        .check("Also backups not made by the schedule (not @auto_)")
        .await;
    browser.wait_for_status(e2e::PATIENCE, "Keeps ").await;
    save(&browser, "retention").await;
    browser.press_escape().await;
    browser.wait_for_no_dialog().await;

    browser.throttle(150_000, 100).await;
    browser.choose_file_anyhow(&file).await;
    browser.click_css("dialog[open] button[type=submit]").await;
    e2e::eventually("some progress", || async {
        browser.progress().await.filter(|(sent, _)| *sent > 300_000)
    })
    .await;
    save(&browser, "upload-progress").await;
    browser.click_css(".upload-progress button").await;
    browser.throttle(1_000_000_000, 0).await;

    browser.click_css(".topbar nav a").await;
    browser.wait_for_css("form.settings").await;
    browser.set_switch("Enable automatic backups", true).await;
    save(&browser, "settings").await;
    browser.click("Reset").await;
    browser.click_css(".topbar nav a").await;

    browser.click_link("Servers").await;
    browser.fill("Server URL", staging.url()).await;
    browser.fill("Email", e2e::ADMIN_EMAIL).await;
    browser.fill("Password", e2e::ADMIN_PASSWORD).await;
    browser.click("Add server").await;
    browser.wait_for_text("2 backups").await;
    browser.wait_for_text("4 backups").await;
    save(&browser, "servers").await;
    browser.click_link("Back to backups").await;

    browser.select_option("Language", "简体中文").await;
    browser.wait_for_heading("备份").await;
    save(&browser, "chinese").await;
    browser.select_option("语言", "English").await;

    browser.select_option("Theme", "Dark").await;
    browser.wait_for_heading("Backups").await;
    save(&browser, "dark").await;
    browser.select_option("Theme", "System").await;

    browser.set_viewport(360, 780).await;
    browser.wait_for_css("tr.row").await;
    save(&browser, "phone").await;
}
