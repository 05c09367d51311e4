//! Finding and judging backups: search, sort, deep links, the automatic badge.

use e2e::{signed_in, PocketBase};

fn sorted(mut keys: Vec<String>) -> Vec<String> {
    keys.sort();
    keys
}

#[tokio::test]
async fn search_narrows_the_rows_and_badges_automatic_backups() {
    let server = PocketBase::start();
    server.seed_hostile_keys();
    let browser = signed_in(&server).await;
    browser.wait_for_text("6 backups").await;

    assert_eq!(
        browser.badge("@auto_pb_backup_x.zip").await.as_deref(),
        Some("auto")
    );
    assert_eq!(browser.badge("source.zip").await, None);
    assert_eq!(browser.badge("My Backup (1).zip").await, None);

    browser.fill("Search backups", "BACKUP").await;
    let shown = e2e::eventually("the search to apply", || async {
        let keys = browser.keys().await;
        (keys.len() == 2).then_some(keys)
    })
    .await;
    assert_eq!(
        sorted(shown),
        ["@auto_pb_backup_x.zip", "My Backup (1).zip"]
    );
    browser.wait_for_text("Showing 2 of 6 backups").await;

    browser.fill("Search backups", "no such backup").await;
    browser.wait_for_text("No backups match the search.").await;
}

#[tokio::test]
async fn sorts_by_size_and_a_deep_link_reloads_into_the_same_view() {
    let server = PocketBase::start();
    server.create_backup("source.zip");
    let bytes = server.download("source.zip");
    for (name, extra) in [
        ("mid_b.zip", 2_000),
        ("big_b.zip", 9_000),
        ("small_b.zip", 1_000),
    ] {
        let mut content = bytes.clone();
        content.extend(std::iter::repeat_n(b' ', extra));
        assert_eq!(server.upload(name, &content).status, 204);
    }
    let browser = signed_in(&server).await;
    browser.wait_for_text("4 backups").await;
    assert_eq!(
        browser.sort_of("Modified").await.as_deref(),
        Some("descending")
    );

    browser.click("Size").await;
    browser
        .wait_for_keys(&["big_b.zip", "mid_b.zip", "small_b.zip", "source.zip"])
        .await;
    assert_eq!(browser.sort_of("Size").await.as_deref(), Some("descending"));
    assert_eq!(browser.sort_of("Modified").await, None);
    browser.click("Size").await;
    browser
        .wait_for_keys(&["source.zip", "small_b.zip", "mid_b.zip", "big_b.zip"])
        .await;
    assert_eq!(browser.sort_of("Size").await.as_deref(), Some("ascending"));

    browser.fill("Search backups", "_b").await;
    browser
        .wait_for_keys(&["small_b.zip", "mid_b.zip", "big_b.zip"])
        .await;
    let url = browser.current_url().await;
    assert!(url.ends_with("?q=_b&sort=size"), "{url}");

    // A reload, or the link opened elsewhere, shows the same view.
    browser.open(&url).await;
    browser
        .wait_for_keys(&["small_b.zip", "mid_b.zip", "big_b.zip"])
        .await;
    assert_eq!(browser.field_value("Search backups").await, "_b");
    assert_eq!(browser.sort_of("Size").await.as_deref(), Some("ascending"));
}

#[tokio::test]
async fn a_long_list_shows_its_first_rows_and_more_on_demand() {
    let server = PocketBase::start();
    server.seed_backup_files(150);
    let browser = signed_in(&server).await;
    browser.wait_for_text("150 backups").await;
    assert_eq!(browser.keys().await.len(), 100);

    browser.click("Show 50 more (50 not shown)").await;
    e2e::eventually("all rows", || async {
        (browser.keys().await.len() == 150).then_some(())
    })
    .await;
    // A search starts from the top again, and finds rows that were not in the page.
    browser.fill("Search backups", "00149").await;
    browser.wait_for_keys(&["pb_backup_00149.zip"]).await;
}
