//! English and 简体中文, light and dark: chosen from the browser, switched in the panel,
//! remembered across reloads.

use e2e::{sign_in, Browser, PocketBase};
use serde_json::Value;

async fn page_lang(browser: &Browser) -> String {
    let lang = browser
        .script("return document.documentElement.lang;", vec![])
        .await;
    lang.as_str().unwrap_or_default().to_owned()
}

async fn focused_id(browser: &Browser) -> String {
    let id = browser
        .script("return document.activeElement.id;", vec![])
        .await;
    id.as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn a_chinese_browser_opens_in_chinese_and_an_english_one_in_english() {
    let server = PocketBase::start();

    let chinese = Browser::start_in("zh-CN,zh").await;
    chinese.open(server.url()).await;
    chinese.button("登录").await;
    assert_eq!(page_lang(&chinese).await, "zh-CN");
    chinese.wait_for_text("语言").await;

    let english = Browser::start_in("en-US,en").await;
    english.open(server.url()).await;
    english.button("Sign in").await;
    assert_eq!(page_lang(&english).await, "en");
    english.wait_for_text("Language").await;
}

#[tokio::test]
async fn switching_language_changes_the_words_keeps_what_is_typed_and_is_remembered() {
    let server = PocketBase::start();
    server.create_backup("first.zip");
    let browser = Browser::start().await;
    browser.open(server.url()).await;
    browser.fill("Email", "typed@example.com").await;

    browser.select_option("Language", "简体中文").await;
    browser.button("登录").await;
    assert_eq!(page_lang(&browser).await, "zh-CN");
    e2e::eventually("focus back on the language control", || async {
        (focused_id(&browser).await == "language").then_some(())
    })
    .await;
    let email = browser
        .script("return document.getElementById('email').value;", vec![])
        .await;
    assert_eq!(
        email,
        Value::from("typed@example.com"),
        "the typed email was lost"
    );

    browser.reload().await;
    browser.button("登录").await;
    browser.select_option("语言", "English").await;
    sign_in(&browser, &server).await;
    browser.wait_for_keys(&["first.zip"]).await;

    // Signed in: the list, its actions and relative ages in Chinese, the server's keys as sent.
    browser.select_option("Language", "简体中文").await;
    browser.wait_for_heading("备份").await;
    browser.button("创建备份").await;
    assert_eq!(browser.keys().await, ["first.zip"]);
    let age = browser.texts(".backups .age").await;
    assert!(
        age.iter().all(|a| a.ends_with('前') || a == "刚刚"),
        "{age:?}"
    );
    browser.reload().await;
    browser.wait_for_heading("备份").await;
    assert_eq!(page_lang(&browser).await, "zh-CN");

    browser.select_option("语言", "English").await;
    browser.wait_for_heading("Backups").await;
    browser.reload().await;
    browser.wait_for_heading("Backups").await;
    assert_eq!(page_lang(&browser).await, "en");
}

/// How light the page's background is, 0 (black) to 255 (white).
async fn background_lightness(browser: &Browser) -> u32 {
    let color = browser
        .script(
            "return getComputedStyle(document.documentElement).backgroundColor;",
            vec![],
        )
        .await;
    let color = color.as_str().unwrap_or_default().to_owned();
    let channels: Vec<u32> = color
        .trim_start_matches("rgb(")
        .trim_end_matches(')')
        .split(',')
        .filter_map(|c| c.trim().parse().ok())
        .collect();
    assert_eq!(channels.len(), 3, "not an rgb() color: {color}");
    channels.iter().sum::<u32>() / 3
}

#[tokio::test]
async fn follows_the_systems_theme_until_one_is_chosen_and_remembers_it() {
    let server = PocketBase::start();
    let browser = Browser::start().await;
    browser.prefer_color_scheme("dark").await;
    browser.open(server.url()).await;
    browser.button("Sign in").await;
    assert!(
        background_lightness(&browser).await < 60,
        "not dark as the system"
    );

    browser.select_option("Theme", "Light").await;
    e2e::eventually("the light theme", || async {
        (background_lightness(&browser).await > 200).then_some(())
    })
    .await;
    browser.reload().await;
    browser.button("Sign in").await;
    assert!(
        background_lightness(&browser).await > 200,
        "the choice was forgotten"
    );

    browser.prefer_color_scheme("light").await;
    browser.select_option("Theme", "Dark").await;
    e2e::eventually("the dark theme", || async {
        (background_lightness(&browser).await < 60).then_some(())
    })
    .await;
    browser.select_option("Theme", "System").await;
    e2e::eventually("the system's light theme", || async {
        (background_lightness(&browser).await > 200).then_some(())
    })
    .await;
}

/// Drawing the page again in another language loads nothing again and drops nothing: the list
/// is not fetched anew; an upload running goes on through it (it is the signed-in server's
/// work, not the page's) and tells its outcome in the new language.
#[tokio::test]
async fn another_language_reloads_nothing_and_work_goes_on_through_it() {
    let server = PocketBase::start();
    server.create_backup("first.zip");
    let browser = Browser::start_recording().await;
    browser.open(server.url()).await;
    sign_in(&browser, &server).await;
    browser.wait_for_keys(&["first.zip"]).await;
    browser.requests_sent().await;

    browser.select_option("Language", "简体中文").await;
    browser.wait_for_heading("备份").await;
    browser.wait_for_keys(&["first.zip"]).await;
    let lists: Vec<String> = browser
        .requests_sent()
        .await
        .into_iter()
        .map(|(url, _)| url)
        .filter(|url| url.ends_with("/api/backups"))
        .collect();
    assert_eq!(lists, Vec::<String>::new(), "the list was loaded again");

    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("slow.zip");
    e2e::write_backup_like_zip(&file, 3_000_000);
    browser.throttle(300_000, 50).await;
    browser.choose_file_anyhow(&file).await;
    browser.click_css("dialog[open] button[type=submit]").await;
    browser.wait_for_css(".upload-progress progress").await;
    browser.select_option("语言", "English").await;
    browser.wait_for_heading("Backups").await;
    let (sent, total) = e2e::eventually("the upload's progress", || browser.progress()).await;
    assert!(sent < total, "the upload ended before the language changed");
    browser.throttle(1_000_000_000, 0).await;
    browser
        .wait_for_toast(std::time::Duration::from_secs(60), "Uploaded slow.zip.")
        .await;
    assert_eq!(server.keys().len(), 2);
    browser.assert_no_crash().await;
}
