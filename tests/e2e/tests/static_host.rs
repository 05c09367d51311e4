//! The panel on a plain static host, on another origin than PocketBase: the host has no fallback
//! to `index.html`, so the page must keep its own path for a reload or a link to work.

use e2e::{sign_in, Browser, PocketBase, StaticHost};

#[tokio::test]
async fn on_a_static_host_a_reload_and_a_shared_link_show_the_same_view() {
    let server = PocketBase::start();
    server.seed_backup_files(6);
    let host = StaticHost::start();
    // What a wrong move to `/backups` would meet on a reload.
    assert_eq!(host.status_of("/backups"), 404);

    let browser = Browser::start().await;
    browser.open(&format!("{}/", host.url())).await;
    sign_in(&browser, &server).await;
    browser.wait_for_text("6 backups").await;
    browser.click("Name").await;
    browser.fill("Search backups", "auto").await;
    let searched = ["@auto_pb_backup_00000.zip", "@auto_pb_backup_00003.zip"];
    browser.wait_for_keys(&searched).await;
    let url = format!("{}/?q=auto&sort=name", host.url());
    assert_eq!(browser.current_url().await, url);

    // A reload shows the same view: the host still finds the page.
    browser.reload().await;
    browser.wait_for_keys(&searched).await;
    assert_eq!(browser.field_value("Search backups").await, "auto");
    assert_eq!(browser.current_url().await, url);

    // Opened at `/index.html`, the page keeps that path too.
    let at_index = format!("{}/index.html?sort=name", host.url());
    browser.open(&at_index).await;
    browser
        .wait_for_keys(&[
            "@auto_pb_backup_00000.zip",
            "@auto_pb_backup_00003.zip",
            "pb_backup_00001.zip",
            "pb_backup_00002.zip",
            "pb_backup_00004.zip",
            "pb_backup_00005.zip",
        ])
        .await;
    browser.fill("Search backups", "00004").await;
    browser.wait_for_keys(&["pb_backup_00004.zip"]).await;
    let url = browser.current_url().await;
    assert_eq!(url, format!("{}/index.html?q=00004&sort=name", host.url()));
    browser.reload().await;
    browser.wait_for_keys(&["pb_backup_00004.zip"]).await;

    // A link shared with someone who signs in first shows what it names.
    let elsewhere = Browser::start().await;
    let link = format!("{}/?q=auto&sort=-name", host.url());
    elsewhere.open(&link).await;
    sign_in(&elsewhere, &server).await;
    elsewhere
        .wait_for_keys(&["@auto_pb_backup_00003.zip", "@auto_pb_backup_00000.zip"])
        .await;
    assert_eq!(elsewhere.field_value("Search backups").await, "auto");
    assert_eq!(
        elsewhere.sort_of("Name").await.as_deref(),
        Some("descending")
    );
    assert_eq!(elsewhere.current_url().await, link);
}

#[tokio::test]
async fn on_a_static_host_the_settings_keep_the_pages_path() {
    let server = PocketBase::start();
    server.seed_backup_files(3);
    let host = StaticHost::start();
    assert_eq!(host.status_of("/settings"), 404);

    let browser = Browser::start().await;
    browser.open(&format!("{}/?q=auto", host.url())).await;
    sign_in(&browser, &server).await;
    browser.click_link("Backup settings").await;
    browser.wait_for_heading("Backup settings").await;
    let url = format!("{}/?page=settings", host.url());
    assert_eq!(browser.current_url().await, url);
    // Back to the list, with its search.
    browser.click_link("Back to backups").await;
    browser.wait_for_heading("Backups").await;
    assert_eq!(browser.field_value("Search backups").await, "auto");
    assert_eq!(
        browser.current_url().await,
        format!("{}/?q=auto", host.url())
    );
    // A reload of the settings finds the page, on the settings.
    browser.click_link("Backup settings").await;
    browser.wait_for_heading("Backup settings").await;
    browser.reload().await;
    browser.wait_for_heading("Backup settings").await;
    assert_eq!(browser.current_url().await, url);
}
