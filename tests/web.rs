//! Component tests in a real browser (headless Chromium via wasm-bindgen-test), no server.

#![cfg(target_arch = "wasm32")]

use leptos::mount::mount_to;
use leptos::prelude::*;
use pb_backups_panel::api::BackupInfo;
use pb_backups_panel::components::{BackupTable, RowAction, UploadZone};
use pb_backups_panel::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const SESSION_KEY: &str = "pb-backups-panel.session";

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element in the page to mount one test's view into.
fn host() -> HtmlElement {
    let host: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

fn texts(host: &HtmlElement, selector: &str) -> Vec<String> {
    let nodes = host.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|i| nodes.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

fn input(host: &HtmlElement, id: &str) -> HtmlInputElement {
    host.query_selector(&format!("#{id}"))
        .unwrap()
        .unwrap()
        .unchecked_into()
}

fn type_into(field: &HtmlInputElement, value: &str) {
    field.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    field.dispatch_event(&event).unwrap();
}

/// Lets the browser run timers and network callbacks, then Leptos its effects.
async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits until `check` holds, for at most five seconds.
async fn eventually(what: &str, check: impl Fn() -> bool) {
    for _ in 0..100 {
        if check() {
            return;
        }
        pause(50).await;
    }
    panic!("timed out waiting for {what}");
}

fn backup(key: &str, size: u64, modified: &str) -> BackupInfo {
    BackupInfo {
        key: key.into(),
        size,
        modified: modified.into(),
    }
}

fn table(rows: Vec<BackupInfo>) -> impl IntoView {
    table_at(rows, Signal::stored(js_sys::Date::now()))
}

/// The table with its ages measured from `now_ms`.
fn table_at(rows: Vec<BackupInfo>, now_ms: Signal<f64>) -> impl IntoView {
    view! {
        <BackupTable
            total=Signal::stored(rows.len())
            rows_in=Callback::new(move |range: std::ops::Range<usize>| rows[range].to_vec())
            pending=Signal::stored(vec![])
            busy_keys=Signal::stored(vec![])
            locked=Signal::stored(false)
            selected=RwSignal::new(Default::default())
            now_ms
            all_selected=Signal::stored(false)
            on_select_all=Callback::new(|_: bool| {})
            on_action=Callback::new(|_: RowAction| {})
        />
    }
}

#[wasm_bindgen_test]
async fn hostile_keys_render_as_plain_text() {
    let keys = [
        "<img src=x onerror=alert(1)>.zip",
        "a#b?c%20d.zip",
        "中文备份.zip",
        "My Backup (1).zip",
        "@auto_pb_backup_x.zip",
    ];
    let rows: Vec<BackupInfo> = keys
        .iter()
        .map(|k| backup(k, 1_550, "2026-11-24 04:24:23.578Z"))
        .collect();
    let host = host();
    let _mounted = mount_to(host.clone(), move || table(rows.clone()));

    assert_eq!(texts(&host, "tbody th .key-text"), keys);
    assert_eq!(
        texts(&host, "tbody th .badge"),
        ["auto"],
        "only @auto_ backups are badged"
    );
    assert!(
        host.query_selector("img").unwrap().is_none(),
        "a key became markup"
    );
    assert_eq!(texts(&host, "tbody td.num"), vec!["1.6 kB"; keys.len()]);
    let time = host.query_selector("tbody time").unwrap().unwrap();
    assert_eq!(
        time.get_attribute("datetime").as_deref(),
        Some("2026-11-24T04:24:23.578Z")
    );
    let shown = time.text_content().unwrap();
    assert!(shown.contains("2026"), "local date {shown:?}");
}

#[wasm_bindgen_test]
async fn undated_and_malformed_dates_are_shown_honestly() {
    let host = host();
    let rows = vec![
        backup("x.zip", 10, ""),
        backup("y.zip", 20, "yesterday-ish"),
    ];
    let _mounted = mount_to(host.clone(), move || table(rows.clone()));
    assert_eq!(texts(&host, "tbody td.num"), ["10 B", "20 B"]);
    // Missing: a dash. Not PocketBase's format: the value as sent, and no made-up age.
    assert_eq!(texts(&host, "tbody time"), ["—", "yesterday-ish"]);
    assert!(texts(&host, "tbody .age").is_empty());
}

#[wasm_bindgen_test]
async fn dates_show_their_age_and_the_exact_utc_value() {
    let host = host();
    let rows = vec![backup("old.zip", 1, "2020-01-02 03:04:05.678Z")];
    let _mounted = mount_to(host.clone(), move || table(rows.clone()));
    let ages = texts(&host, "tbody .age");
    assert_eq!(ages.len(), 1);
    assert!(ages[0].ends_with("years ago"), "{ages:?}");
    let time = host.query_selector("tbody time").unwrap().unwrap();
    assert_eq!(
        time.get_attribute("title").as_deref(),
        Some("2020-01-02 03:04:05.678 UTC")
    );
    // Not a tab stop: a row has one per action.
    assert_eq!(time.get_attribute("tabindex"), None);
}

/// This page's `localStorage`, emptied: the tests share one page, and what one test's panel
/// saved (a session, the fleet, a language) must not steer the next one. In English, whatever
/// this browser's own languages.
fn fresh_storage() -> web_sys::Storage {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    storage.set_item("pb-backups-panel.lang", "en").unwrap();
    storage
}

#[wasm_bindgen_test]
async fn sign_in_offers_this_origin_and_explains_bad_input() {
    let _storage = fresh_storage();
    let host = host();
    let _mounted = mount_to(host.clone(), App);

    let labels = texts(&host, "label");
    assert_eq!(
        labels,
        ["Server URL", "Email", "Password", "Language", "Theme"]
    );
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let server = input(&host, "server-url");
    eventually("the origin in Server URL", || server.value() == origin).await;

    type_into(&server, "pocketbase.local");
    let button: HtmlElement = host
        .query_selector("button[type=submit]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Sign in");
    button.click();
    eventually("field problems", || {
        texts(&host, ".field-problem").len() == 3
    })
    .await;
    let problems = texts(&host, ".field-problem");
    assert!(problems[0].contains("http://"), "{problems:?}");
    assert_eq!(
        server.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    assert_eq!(
        server.get_attribute("aria-describedby").as_deref(),
        Some("server-url-problem")
    );
    // Nothing was sent: no answer, no session, and the typed text is kept.
    assert!(host.query_selector("[role=alert]").unwrap().is_none());
    assert_eq!(server.value(), "pocketbase.local");
    assert!(web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(SESSION_KEY)
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn a_stored_session_opens_the_list_and_shows_a_network_failure() {
    // Port 9 (discard) on loopback: nothing listens, so fetch fails at once.
    let session = r#"{"server_url":"http://127.0.0.1:9","email":"a@example.com","token":"t"}"#;
    let storage = fresh_storage();
    storage.set_item(SESSION_KEY, session).unwrap();
    let host = host();
    let _mounted = mount_to(host.clone(), App);

    assert_eq!(texts(&host, "h1"), ["Backups"]);
    // Health polling fails too; one message says it, not two.
    let expected = ["Cannot reach the server. Check the address and that PocketBase is running."];
    eventually("the error", || texts(&host, "[role=alert]") == expected).await;
    assert!(
        texts(&host, ".empty").is_empty(),
        "an error is not an empty list"
    );
    storage.clear().unwrap();
}

#[wasm_bindgen_test]
async fn ages_stay_true_while_the_page_stays_open() {
    let made = js_sys::Date::parse("2026-11-24T04:24:23.578Z");
    let now = RwSignal::new(made + 30_000.0);
    let rows = vec![backup("a.zip", 1, "2026-11-24 04:24:23.578Z")];
    let host = host();
    let _mounted = mount_to(host.clone(), move || table_at(rows.clone(), now.into()));
    assert_eq!(texts(&host, ".age"), ["just now"]);
    now.set(made + 3.0 * 3_600_000.0 + 1.0);
    eventually("the age to follow the clock", || {
        texts(&host, ".age") == ["3 hours ago"]
    })
    .await;
}

#[wasm_bindgen_test]
async fn row_actions_name_their_key_and_report_it() {
    let key = "<img src=x onerror=alert(1)>.zip";
    let clicked = RwSignal::new(Vec::<RowAction>::new());
    let host = host();
    let rows = vec![backup(key, 1, "2026-11-24 04:24:23.578Z")];
    let busy = RwSignal::new(Vec::<String>::new());
    let selected = RwSignal::new(std::collections::BTreeSet::<String>::new());
    let select_all_asks = RwSignal::new(Vec::<bool>::new());
    let _mounted = mount_to(host.clone(), move || {
        let rows = rows.clone();
        view! {
            <BackupTable
                total=Signal::stored(1)
                rows_in=Callback::new(move |range: std::ops::Range<usize>| rows[range].to_vec())
                pending=Signal::stored(vec!["Creating x.zip…".to_owned()])
                busy_keys=busy
                locked=Signal::stored(false)
                selected
                now_ms=Signal::stored(js_sys::Date::now())
                all_selected=Signal::stored(false)
                on_select_all=Callback::new(move |all| select_all_asks.update(|a| a.push(all)))
                on_action=Callback::new(move |a| clicked.update(|c| c.push(a)))
            />
        }
    });

    let buttons = host.query_selector_all("tbody button").unwrap();
    let names: Vec<String> = (0..buttons.length())
        .map(|i| {
            let b: web_sys::Element = buttons.item(i).unwrap().unchecked_into();
            b.get_attribute("aria-label").unwrap_or_default()
        })
        .collect();
    assert_eq!(
        names,
        [
            format!("Inspect {key}"),
            format!("Download {key}"),
            format!("Restore {key}"),
            format!("Delete {key}")
        ]
    );
    for i in 0..buttons.length() {
        buttons
            .item(i)
            .unwrap()
            .unchecked_into::<HtmlElement>()
            .click();
    }
    assert_eq!(
        clicked.get_untracked(),
        [
            RowAction::Inspect(key.into()),
            RowAction::Download(key.into()),
            RowAction::Restore(key.into()),
            RowAction::Delete(key.into())
        ]
    );
    assert_eq!(texts(&host, "tr.pending td"), ["Creating x.zip…"]);

    let select_all: HtmlElement = host
        .query_selector("thead input[type=checkbox]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        select_all.get_attribute("aria-label").as_deref(),
        Some("Select all shown backups")
    );
    select_all.click();
    assert_eq!(select_all_asks.get_untracked(), [true]);
    let row_box: HtmlElement = host
        .query_selector("tbody input[type=checkbox]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        row_box.get_attribute("aria-label"),
        Some(format!("Select {key}"))
    );
    row_box.click();
    assert!(selected.get_untracked().contains(key));
    row_box.click();
    assert!(selected.get_untracked().is_empty());

    busy.set(vec![key.to_owned()]);
    eventually("buttons disabled while busy", || {
        host.query_selector_all("tbody button:disabled")
            .unwrap()
            .length()
            == 4
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_dropped_file_is_handed_on_as_is() {
    let received = RwSignal::new_local(Vec::<web_sys::File>::new());
    let host = host();
    let _mounted = mount_to(host.clone(), move || {
        view! {
            <UploadZone
                on_file=Callback::new(move |f| received.update(|r| r.push(f)))
                disabled=Signal::stored(false)
            />
        }
    });
    assert_eq!(texts(&host, "label"), ["Upload backup"]);
    let input = input(&host, "upload-file");
    assert_eq!(input.accept(), ".zip,application/zip");

    let parts = js_sys::Array::of1(&"PK\u{3}\u{4}".into());
    let file = web_sys::File::new_with_str_sequence(&parts, "dropped.zip").unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let init = web_sys::DragEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_data_transfer(Some(&transfer));
    let drop = web_sys::DragEvent::new_with_event_init_dict("drop", &init).unwrap();
    let zone = host.query_selector(".drop-zone").unwrap().unwrap();
    let not_cancelled = zone.dispatch_event(&drop).unwrap();

    assert!(
        !not_cancelled,
        "the browser would open the dropped file instead"
    );
    let names: Vec<String> = received.with_untracked(|r| r.iter().map(|f| f.name()).collect());
    assert_eq!(names, ["dropped.zip"]);
}

#[wasm_bindgen_test]
async fn a_read_chunk_is_let_go_of_unless_it_shares_its_buffer() {
    use pb_backups_panel::state::BufferReleaser;
    let releaser = BufferReleaser::default();
    // A verify runs for minutes: the port must still take buffers once the closing of its other
    // end has had time to reach it.
    pause(50).await;
    let whole = js_sys::Uint8Array::new_with_length(65_536);
    let shared = js_sys::Uint8Array::new_with_length(1_024);
    let part = shared.subarray(0, 512);

    releaser.release(&whole);
    releaser.release(&part);

    assert_eq!(whole.length(), 0, "the chunk's memory is still held");
    assert_eq!(whole.buffer().byte_length(), 0);
    assert_eq!(part.length(), 512, "a view of a shared buffer was emptied");
    assert_eq!(shared.length(), 1_024);
}
