//! Usable by keyboard, screen reader and phone: axe-core's audit, a walk-through without a
//! mouse, and the page at 360 and 1440 px wide.

use e2e::{sign_in, write_backup_like_zip, Browser, PocketBase};

/// Fails with every violation axe-core finds in the page as it is now, naming `where_`.
async fn assert_accessible(browser: &Browser, where_: &str) {
    let violations = browser.accessibility_violations().await;
    assert!(
        violations.is_empty(),
        "axe-core on {where_}:\n{}",
        violations.join("\n")
    );
}

const COMBINATIONS: [(&str, &str); 4] = [
    ("en", "light"),
    ("en", "dark"),
    ("zh-CN", "light"),
    ("zh-CN", "dark"),
];

async fn choose(browser: &Browser, lang: &str, theme: &str) {
    browser
        .set_local_storage("pb-backups-panel.lang", lang)
        .await;
    browser
        .set_local_storage("pb-backups-panel.theme", theme)
        .await;
    browser.reload().await;
    let shown = format!("return document.documentElement.lang === '{lang}'");
    e2e::eventually("the chosen language", || async {
        (browser.script(&shown, vec![]).await == serde_json::Value::Bool(true)).then_some(())
    })
    .await;
}

#[tokio::test]
async fn axe_finds_no_violation_in_either_language_or_theme() {
    let server = PocketBase::start();
    server.create_backup("first.zip");
    server.create_backup("second.zip");
    server.seed_hostile_keys();
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("slow_upload.zip");
    write_backup_like_zip(&file, 3_000_000);

    let browser = Browser::start().await;
    browser.open(server.url()).await;
    // The audit itself sees faults: a control without a name, low contrast.
    browser
        .script(
            "document.body.insertAdjacentHTML('beforeend', '<button id=faulty></button>' +
                '<p id=faint style=\"color:#bbb;background:#fff\">faint</p>');",
            vec![],
        )
        .await;
    let found = browser.accessibility_violations().await;
    for rule in ["button-name", "color-contrast"] {
        assert!(
            found.iter().any(|v| v.starts_with(rule)),
            "axe missed {rule}: {found:?}"
        );
    }
    for (lang, theme) in COMBINATIONS {
        choose(&browser, lang, theme).await;
        browser.click_css("form button[type=submit]").await;
        // The refused, empty form: its messages tied to their fields.
        browser.wait_for_css(".field-problem").await;
        assert_accessible(&browser, &format!("sign-in ({lang}, {theme})")).await;
    }

    choose(&browser, "en", "light").await;
    sign_in(&browser, &server).await;
    for (lang, theme) in COMBINATIONS {
        let at = format!("({lang}, {theme})");
        choose(&browser, lang, theme).await;
        // Eight, or nine if a cancel below came after the whole upload (a loaded machine).
        e2e::eventually("the list", || async {
            (browser.keys().await.len() >= 8).then_some(())
        })
        .await;
        assert_accessible(&browser, &format!("the backups list {at}")).await;

        browser
            .click_css("tr.row td.actions button.danger-text")
            .await;
        browser.wait_for_css("dialog[open]").await;
        assert_accessible(&browser, &format!("the delete dialog {at}")).await;
        browser.press_escape().await;
        browser.wait_for_no_dialog().await;

        // A minute on the wire: the audit runs while it is sent.
        browser.throttle(50_000, 100).await;
        browser.choose_file_anyhow(&file).await;
        browser.click_css("dialog[open] button[type=submit]").await;
        browser.wait_for_css(".upload-progress progress").await;
        assert_accessible(&browser, &format!("the backups list during an upload {at}")).await;
        browser.click_css(".upload-progress button").await;
        browser.throttle(1_000_000_000, 0).await;
        e2e::eventually("the cancelled upload to go", || async {
            browser.progress().await.is_none().then_some(())
        })
        .await;

        browser.click_css(".topbar nav a").await;
        browser.wait_for_css("form.settings").await;
        assert_accessible(&browser, &format!("the settings {at}")).await;
        browser.click_css(".topbar nav a").await;

        // The fleet, and its form refusing a server that cannot be reached.
        browser.click_css(".topbar nav a:last-child").await;
        browser.wait_for_css("table.servers .state.ok").await;
        browser.fill_css("#server-url", "http://127.0.0.1:9").await;
        browser.fill_css("#email", e2e::ADMIN_EMAIL).await;
        browser.fill_css("#password", e2e::ADMIN_PASSWORD).await;
        browser.click_css("form button[type=submit]").await;
        browser.wait_for_css("form [role=alert]").await;
        assert_accessible(&browser, &format!("the servers {at}")).await;
        browser.click_css(".topbar nav a").await;
    }
}

#[tokio::test]
async fn a_keyboard_alone_signs_in_creates_a_backup_and_deletes_it() {
    let server = PocketBase::start();
    server.create_backup("older.zip");
    let browser = Browser::start().await;
    browser.open(server.url()).await;
    browser.button("Sign in").await;

    // Tab from the top of the page: the form's fields first, in order.
    browser.press_tab(1).await;
    assert_eq!(browser.focused().await, "server-url");
    browser.type_keys("\u{E009}a\u{E000}").await;
    browser.type_keys(server.url()).await;
    browser.press_tab(1).await;
    assert_eq!(browser.focused().await, "email");
    browser.type_keys(e2e::ADMIN_EMAIL).await;
    browser.press_tab(1).await;
    assert_eq!(browser.focused().await, "password");
    browser.type_keys("wrong password").await;
    browser.type_keys("\u{E007}").await;
    // A refused sign-in: focus goes to the field to fix.
    browser.alert().await;
    e2e::eventually("focus on the password", || async {
        (browser.focused().await == "password").then_some(())
    })
    .await;
    browser.type_keys("\u{E009}a\u{E000}").await;
    browser.type_keys(e2e::ADMIN_PASSWORD).await;
    browser.type_keys("\u{E007}").await;
    browser.wait_for_heading("Backups").await;
    browser.wait_for_keys(&["older.zip"]).await;

    let mut walked = Vec::new();
    while browser.focused().await != "Create backup" {
        assert!(
            walked.len() < 12,
            "no Create backup within 12 tabs: {walked:?}"
        );
        browser.press_tab(1).await;
        walked.push(browser.focused().await);
    }
    browser.type_keys("\u{E007}").await;
    browser.wait_for_css("dialog[open]").await;
    e2e::eventually("focus in the name field", || async {
        (browser.focused().await == "backup-name").then_some(())
    })
    .await;
    browser.type_keys("keyboard.zip\u{E007}").await;
    browser.wait_for_keys(&["keyboard.zip", "older.zip"]).await;
    // Focus lands on the new row, not on the page.
    e2e::eventually("focus on the new row", || async {
        (browser.focused().await == "Select keyboard.zip").then_some(())
    })
    .await;

    // One tab stop per action in a row.
    let mut stops = Vec::new();
    for _ in 0..5 {
        browser.press_tab(1).await;
        stops.push(browser.focused().await);
    }
    assert_eq!(
        stops,
        [
            "Inspect keyboard.zip",
            "Download keyboard.zip",
            "Restore keyboard.zip",
            "Delete keyboard.zip",
            "Select older.zip"
        ]
    );
    // Back to the new row's Delete, as a keyboard user would: Shift+Tab.
    browser.type_keys("\u{E008}\u{E004}\u{E000}").await;
    assert_eq!(browser.focused().await, "Delete keyboard.zip");
    browser.type_keys("\u{E007}").await;
    browser.wait_for_css("dialog[open]").await;
    while browser.focused().await != "Delete" {
        assert!(
            stops.len() < 12,
            "no Delete button in the dialog: {stops:?}"
        );
        browser.press_tab(1).await;
        stops.push(browser.focused().await);
    }
    browser.type_keys("\u{E007}").await;
    browser.wait_for_keys(&["older.zip"]).await;
    assert_eq!(server.keys(), ["older.zip"]);
    // Focus goes to the row now in the deleted one's place.
    e2e::eventually("focus on the next row", || async {
        (browser.focused().await == "Select older.zip").then_some(())
    })
    .await;
}

#[tokio::test]
async fn at_360_px_nothing_is_wider_than_the_screen_and_every_action_is_reachable() {
    let server = PocketBase::start();
    server.seed_hostile_keys();
    server.create_backup("a_backup_with_a_rather_long_and_descriptive_name_2026_12_02_0000.zip");
    server.create_backup("a_backup_with_a_rather_long_and_descriptive_name_2026_12_03_0000.zip");
    let browser = Browser::start().await;
    browser.set_viewport(360, 780).await;
    browser.open(server.url()).await;
    browser.button("Sign in").await;
    let width = browser
        .script("return document.documentElement.clientWidth;", vec![])
        .await;
    assert_eq!(
        width,
        serde_json::json!(360),
        "the viewport is not a phone's"
    );
    assert_eq!(
        browser.wider_than_viewport().await,
        Vec::<String>::new(),
        "sign-in"
    );
    sign_in(&browser, &server).await;
    e2e::eventually("the list", || async {
        (browser.keys().await.len() == 8).then_some(())
    })
    .await;
    assert_eq!(
        browser.wider_than_viewport().await,
        Vec::<String>::new(),
        "the list"
    );

    // Every action of every row can be seen and pressed on the screen.
    let outside = browser
        .script(
            "return [...document.querySelectorAll('tr.row button, tr.row input')].filter(b => {
                b.scrollIntoView({block: 'center'});
                const r = b.getBoundingClientRect();
                const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return r.left < 0 || r.right > document.documentElement.clientWidth
                    || r.width < 20 || !(at === b || b.contains(at));
            }).map(b => b.getAttribute('aria-label'));",
            vec![],
        )
        .await;
    assert_eq!(
        outside,
        serde_json::json!([]),
        "actions off screen or covered"
    );
    assert_accessible(&browser, "the list at 360 px").await;
    // The long keys stay apart: each row shows its key's distinct end.
    let keys = browser.keys().await;
    assert!(keys.iter().any(|k| k.ends_with("03_0000.zip")), "{keys:?}");
    browser
        .click_labelled(
            "Delete a_backup_with_a_rather_long_and_descriptive_name_2026_12_02_0000.zip",
        )
        .await;
    browser.wait_for_css("dialog[open]").await;
    assert_eq!(
        browser.wider_than_viewport().await,
        Vec::<String>::new(),
        "a dialog"
    );
    browser.press_escape().await;

    browser.click_css(".topbar nav a").await;
    browser.wait_for_css("form.settings").await;
    assert_eq!(
        browser.wider_than_viewport().await,
        Vec::<String>::new(),
        "settings"
    );

    // A wide screen: the table uses the room, still nothing sideways.
    browser.set_viewport(1440, 900).await;
    browser.click_css(".topbar nav a").await;
    browser.wait_for_css("tr.row").await;
    assert_eq!(
        browser.wider_than_viewport().await,
        Vec::<String>::new(),
        "1440 px"
    );
    let width = browser
        .script(
            "return document.querySelector('table.backups').getBoundingClientRect().width;",
            vec![],
        )
        .await;
    assert!(
        width.as_f64().unwrap_or_default() > 1000.0,
        "the table is {width} px wide"
    );
}
