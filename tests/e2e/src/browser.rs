//! Headless Chromium driven through chromedriver. Elements are found the way a person finds
//! them — by label, by button text, by heading — never by sleeping.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use crate::eventually;
use crate::process::{free_port, ProcessGroup};

pub struct Browser {
    client: Client,
    // After the client: dropping the driver's group also ends Chromium and its helpers.
    _driver: ProcessGroup,
    downloads: PathBuf,
    _profile: tempfile::TempDir,
}

/// Quotes text for an XPath string literal, also when it holds both kinds of quotes.
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        return format!("'{text}'");
    }
    let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
    format!("concat({})", parts.join(", \"'\", "))
}

impl Browser {
    /// A browser set to American English, whatever the machine's locale.
    pub async fn start() -> Self {
        Self::launch(false, "en-US").await
    }

    /// A browser whose languages (`navigator.languages`) are `languages`, e.g. `zh-CN,en`.
    pub async fn start_in(languages: &str) -> Self {
        Self::launch(false, languages).await
    }

    /// A browser whose every network request is recorded (Chromium's performance log), for
    /// [`Browser::requests_sent`].
    pub async fn start_recording() -> Self {
        Self::launch(true, "en-US").await
    }

    async fn launch(recording: bool, languages: &str) -> Self {
        let port = free_port();
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let mut command = Command::new(chromedriver);
        command
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut driver = ProcessGroup::spawn("chromedriver", command);
        let profile = tempfile::tempdir().expect("profile dir");
        let downloads = profile.path().join("downloads");
        std::fs::create_dir_all(&downloads).expect("downloads dir");
        let capabilities = json!({
            "goog:chromeOptions": {
                "prefs": {
                    "download.default_directory": downloads,
                    "download.prompt_for_download": false,
                    "intl.accept_languages": languages,
                },
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--window-size=1200,900",
                    format!("--lang={}", languages.split(',').next().unwrap_or("en-US")),
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        });
        let Value::Object(mut capabilities) = capabilities else {
            unreachable!()
        };
        // The console always (a crash of the app shows there); the network when recording.
        let logs = match recording {
            true => json!({"browser": "ALL", "performance": "ALL"}),
            false => json!({"browser": "ALL"}),
        };
        capabilities.insert("goog:loggingPrefs".into(), logs);
        let webdriver = format!("http://127.0.0.1:{port}");
        let client = eventually("chromedriver to accept a session", || {
            driver.assert_running(String::new);
            let mut builder =
                ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
            builder.capabilities(capabilities.clone());
            let webdriver = webdriver.clone();
            async move { builder.connect(&webdriver).await.ok() }
        })
        .await;
        Self {
            client,
            _driver: driver,
            downloads,
            _profile: profile,
        }
    }

    pub async fn open(&self, url: &str) {
        self.client.goto(url).await.expect("navigate");
    }

    /// The browser's Back button: it works whatever the page shows, a modal dialog included.
    pub async fn back(&self) {
        self.client.back().await.expect("back");
    }

    pub async fn reload(&self) {
        self.client.refresh().await.expect("reload");
    }

    pub async fn current_url(&self) -> String {
        self.client.current_url().await.expect("url").to_string()
    }

    async fn wait_for(&self, what: &str, xpath: &str) -> Element {
        eventually(what, || async {
            let found = self.client.find(Locator::XPath(xpath)).await.ok()?;
            found.is_displayed().await.ok()?.then_some(found)
        })
        .await
    }

    async fn is_present(&self, xpath: &str) -> bool {
        self.client.find(Locator::XPath(xpath)).await.is_ok()
    }

    /// The input whose `<label>` reads `label`.
    pub async fn field(&self, label: &str) -> Element {
        let xpath = format!(
            "//input[@id=//label[normalize-space()={}]/@for]",
            xpath_literal(label)
        );
        self.wait_for(&format!("field labelled {label:?}"), &xpath)
            .await
    }

    pub async fn field_value(&self, label: &str) -> String {
        self.field(label)
            .await
            .prop("value")
            .await
            .expect("value")
            .unwrap_or_default()
    }

    pub async fn fill(&self, label: &str, value: &str) {
        let field = self.field(label).await;
        field.clear().await.expect("clear");
        field.send_keys(value).await.expect("type");
    }

    /// [`Self::fill`] for the field matching `css`, whatever the page's language.
    pub async fn fill_css(&self, css: &str, value: &str) {
        let field = eventually(&format!("field {css:?}"), || async {
            self.client.find(Locator::Css(css)).await.ok()
        })
        .await;
        field.clear().await.expect("clear");
        field.send_keys(value).await.expect("type");
    }

    /// Turns the switch (or checkbox) labelled `label` on or off, as a click would.
    pub async fn set_switch(&self, label: &str, on: bool) {
        let switch = self.field(label).await;
        if switch.is_selected().await.expect("checked") != on {
            switch.click().await.expect("click");
        }
    }

    /// Whether the switch (or checkbox) labelled `label` is on.
    pub async fn is_on(&self, label: &str) -> bool {
        self.field(label)
            .await
            .is_selected()
            .await
            .expect("checked")
    }

    /// Waits up to `patience` for a toast containing `words`; returns its whole text.
    pub async fn wait_for_toast(&self, patience: std::time::Duration, words: &str) -> String {
        crate::eventually_within(patience, &format!("a toast {words:?}"), || async {
            self.texts(".toast")
                .await
                .into_iter()
                .find(|said| said.contains(words))
        })
        .await
    }

    /// Picks the option reading `option` in the drop-down labelled `label`.
    pub async fn select_option(&self, label: &str, option: &str) {
        let xpath = format!(
            "//select[@id=//label[normalize-space()={}]/@for]/option[normalize-space()={}]",
            xpath_literal(label),
            xpath_literal(option)
        );
        self.wait_for(&format!("option {option:?} of {label:?}"), &xpath)
            .await
            .click()
            .await
            .expect("choose option");
    }

    /// The problem shown for the field labelled `label` (tied to it by `aria-describedby`), if
    /// any; a problem must also mark the field `aria-invalid`.
    pub async fn field_problem(&self, label: &str) -> Option<String> {
        let script = "const label = [...document.querySelectorAll('label')]
                .find(l => l.textContent.trim() === arguments[0]);
            const input = label && document.getElementById(label.htmlFor);
            if (!input) throw new Error('no field labelled ' + arguments[0]);
            const ids = (input.getAttribute('aria-describedby') || '').split(' ');
            const problem = ids.map(id => document.getElementById(id))
                .find(e => e && e.classList.contains('field-problem'));
            if (!problem) return null;
            if (input.getAttribute('aria-invalid') !== 'true') throw new Error('not aria-invalid');
            return problem.innerText.trim();";
        let value = self.script(script, vec![json!(label)]).await;
        value.as_str().map(str::to_owned)
    }

    /// Waits until the field labelled `label` shows a problem containing `words`.
    pub async fn wait_for_field_problem(&self, label: &str, words: &str) -> String {
        eventually(&format!("a problem {words:?} at {label:?}"), || async {
            self.field_problem(label)
                .await
                .filter(|problem| problem.contains(words))
        })
        .await
    }

    /// Whether leaving the page now would ask first: a `beforeunload` event sent to the page
    /// is cancelled by it.
    pub async fn leaving_asks_first(&self) -> bool {
        let script = "const event = new Event('beforeunload', {cancelable: true});
            window.dispatchEvent(event);
            return event.defaultPrevented;";
        self.script(script, vec![])
            .await
            .as_bool()
            .expect("a boolean")
    }

    /// Clicks the link reading `text`.
    pub async fn click_link(&self, text: &str) {
        let xpath = format!("//a[normalize-space()={}]", xpath_literal(text));
        self.wait_for(&format!("link {text:?}"), &xpath)
            .await
            .click()
            .await
            .expect("click link");
    }

    /// The shown text of every element matching `css`, in page order.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let script = "return [...document.querySelectorAll(arguments[0])]
            .filter(element => element.checkVisibility())
            .map(element => element.innerText.trim());";
        serde_json::from_value(self.script(script, vec![json!(css)]).await).expect("texts")
    }

    pub async fn button(&self, name: &str) -> Element {
        let xpath = format!("//button[normalize-space()={}]", xpath_literal(name));
        self.wait_for(&format!("button {name:?}"), &xpath).await
    }

    pub async fn click(&self, name: &str) {
        let button = self.button(name).await;
        eventually(&format!("button {name:?} to be enabled"), || async {
            button.is_enabled().await.ok()?.then_some(())
        })
        .await;
        button.click().await.expect("click");
    }

    pub async fn wait_for_heading(&self, text: &str) {
        let xpath = format!("//h1[normalize-space()={}]", xpath_literal(text));
        self.wait_for(&format!("heading {text:?}"), &xpath).await;
    }

    pub async fn wait_for_text(&self, text: &str) {
        let xpath = format!(
            "//body//*[contains(normalize-space(text()), {})]",
            xpath_literal(text)
        );
        self.wait_for(&format!("text {text:?}"), &xpath).await;
    }

    /// The text of every element with `role=alert`, waiting until there is one.
    pub async fn alert(&self) -> String {
        self.wait_for("an alert", "//*[@role='alert']")
            .await
            .text()
            .await
            .expect("text")
    }

    /// The text of every element shown with `role=alert` right now (none is a fine answer; a
    /// WebDriver failure fails the test).
    pub async fn alerts(&self) -> Vec<String> {
        let script = "return [...document.querySelectorAll('[role=alert]')]
            .filter(element => element.checkVisibility())
            .map(element => element.innerText.trim());";
        serde_json::from_value(self.script(script, vec![]).await).expect("alerts as text")
    }

    /// Waits up to `patience` for a shown alert containing `words`; returns its whole text.
    pub async fn wait_for_alert(&self, patience: std::time::Duration, words: &str) -> String {
        crate::eventually_within(patience, &format!("an alert {words:?}"), || async {
            self.alerts()
                .await
                .into_iter()
                .find(|said| said.contains(words))
        })
        .await
    }

    /// Waits up to `patience` for a shown status containing `words`; returns its whole text.
    pub async fn wait_for_status(&self, patience: std::time::Duration, words: &str) -> String {
        let start = std::time::Instant::now();
        loop {
            let statuses = self.statuses().await;
            if let Some(said) = statuses.iter().find(|said| said.contains(words)) {
                return said.clone();
            }
            assert!(
                start.elapsed() < patience,
                "timed out waiting for a status {words:?}; the statuses were {statuses:?}"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    pub async fn has_alert(&self) -> bool {
        self.is_present("//*[@role='alert']").await
    }

    /// The backups table's rows: each row's cells as text (the selection box left out), top to
    /// bottom. Read in one script, so a row re-rendered meanwhile cannot half-count; a WebDriver
    /// failure fails the test rather than read as "no rows".
    pub async fn rows(&self) -> Vec<Vec<String>> {
        let script = "return [...document.querySelectorAll('table tbody tr:not(.gap)')]
            .map(row => [...row.querySelectorAll(':scope > th .key-text, :scope > td:not(.pick)')]
                .map(cell => cell.innerText.trim()));";
        serde_json::from_value(self.script(script, vec![]).await).expect("rows as text")
    }

    /// Waits until the table's first column lists exactly `keys`, in this order.
    pub async fn wait_for_keys(&self, keys: &[&str]) -> Vec<Vec<String>> {
        eventually(&format!("rows {keys:?}"), || async {
            let rows = self.rows().await;
            let shown: Vec<&str> = rows
                .iter()
                .filter_map(|r| r.first().map(String::as_str))
                .collect();
            (shown == keys).then_some(rows)
        })
        .await
    }

    /// The first column's keys, top to bottom.
    pub async fn keys(&self) -> Vec<String> {
        self.rows()
            .await
            .into_iter()
            .filter_map(|r| r.into_iter().next())
            .collect()
    }

    /// The `aria-sort` of the column whose header button reads `column`, if any.
    pub async fn sort_of(&self, column: &str) -> Option<String> {
        let xpath = format!("//th[button[normalize-space()={}]]", xpath_literal(column));
        let header = self
            .client
            .find(Locator::XPath(&xpath))
            .await
            .expect("column");
        header.attr("aria-sort").await.expect("attr")
    }

    /// The badge shown beside `key` in its row, if any.
    pub async fn badge(&self, key: &str) -> Option<String> {
        let xpath = format!(
            "//th/div[span[@class='key-text' and text()={}]]/span[@class='badge']",
            xpath_literal(key)
        );
        let badge = self.client.find(Locator::XPath(&xpath)).await.ok()?;
        badge.text().await.ok()
    }

    /// The `datetime` attribute of each row's time, top to bottom.
    pub async fn row_datetimes(&self) -> Vec<String> {
        let mut out = Vec::new();
        for time in self
            .client
            .find_all(Locator::XPath("//tbody//time"))
            .await
            .expect("times")
        {
            out.push(
                time.attr("datetime")
                    .await
                    .expect("attr")
                    .unwrap_or_default(),
            );
        }
        out
    }

    /// Opens a blank tab in front of this one and drives it; returns the handle of the tab
    /// that was in front before.
    pub async fn open_blank_tab(&self) -> fantoccini::wd::WindowHandle {
        let previous = self.client.window().await.expect("window");
        let tab = self.client.new_window(true).await.expect("new tab");
        self.client
            .switch_to_window(tab.handle)
            .await
            .expect("switch");
        previous
    }

    /// Drives the tab `handle` again.
    pub async fn switch_to(&self, handle: fantoccini::wd::WindowHandle) {
        self.client.switch_to_window(handle).await.expect("switch");
    }

    /// Runs an asynchronous script: it calls its last argument with the result.
    pub async fn script_async(&self, source: &str, args: Vec<Value>) -> Value {
        self.client
            .execute_async(source, args)
            .await
            .expect("script")
    }

    /// Runs a script in the page and returns its result.
    pub async fn script(&self, source: &str, args: Vec<Value>) -> Value {
        self.client.execute(source, args).await.expect("script")
    }

    pub async fn local_storage(&self, key: &str) -> Option<String> {
        let value = self
            .script(
                "return localStorage.getItem(arguments[0]);",
                vec![json!(key)],
            )
            .await;
        value.as_str().map(str::to_owned)
    }

    pub async fn set_local_storage(&self, key: &str, value: &str) {
        self.script(
            "localStorage.setItem(arguments[0], arguments[1]);",
            vec![json!(key), json!(value)],
        )
        .await;
    }

    /// How many `<img>` elements the page holds: a key rendered as markup would add one.
    pub async fn image_count(&self) -> usize {
        self.client
            .find_all(Locator::Css("img"))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    /// Clicks the button or checkbox whose accessible name (`aria-label`) is `label`, e.g.
    /// `Delete a.zip` or `Select a.zip`.
    pub async fn click_labelled(&self, label: &str) {
        let xpath = format!(
            "//*[self::button or self::input][@aria-label={}]",
            xpath_literal(label)
        );
        let button = self
            .wait_for(&format!("control labelled {label:?}"), &xpath)
            .await;
        button.click().await.expect("click");
    }

    /// The open modal dialog: its role and the text of the title it is labelled by.
    pub async fn open_dialog(&self) -> (String, String) {
        let dialog = self.wait_for("an open dialog", "//dialog[@open]").await;
        let role = dialog.attr("role").await.expect("role").unwrap_or_default();
        let title_id = dialog
            .attr("aria-labelledby")
            .await
            .expect("attr")
            .unwrap_or_default();
        let title = self
            .client
            .find(Locator::Id(&title_id))
            .await
            .expect("title");
        (role, title.text().await.expect("text"))
    }

    pub async fn wait_for_no_dialog(&self) {
        eventually("the dialog to close", || async {
            (!self.is_present("//dialog[@open]").await).then_some(())
        })
        .await;
    }

    /// The text of the open dialog.
    pub async fn dialog_text(&self) -> String {
        let dialog = self.wait_for("an open dialog", "//dialog[@open]").await;
        dialog.text().await.expect("text")
    }

    /// A button inside the open dialog.
    pub async fn dialog_button(&self, name: &str) -> Element {
        let xpath = format!(
            "//dialog[@open]//button[normalize-space()={}]",
            xpath_literal(name)
        );
        self.wait_for(&format!("dialog button {name:?}"), &xpath)
            .await
    }

    pub async fn click_in_dialog(&self, name: &str) {
        let button = self.dialog_button(name).await;
        eventually(&format!("dialog button {name:?} to be enabled"), || async {
            button.is_enabled().await.ok()?.then_some(())
        })
        .await;
        button.click().await.expect("click");
    }

    pub async fn press_escape(&self) {
        let focused = self.client.active_element().await.expect("focus");
        focused.send_keys("\u{E00C}").await.expect("escape");
    }

    /// Presses Tab `times` times, as a keyboard user moving on.
    pub async fn press_tab(&self, times: usize) {
        for _ in 0..times {
            let focused = self.client.active_element().await.expect("focus");
            focused.send_keys("\u{E004}").await.expect("tab");
        }
    }

    pub async fn press_enter_in(&self, label: &str) {
        self.field(label)
            .await
            .send_keys("\u{E007}")
            .await
            .expect("enter");
    }

    /// The focused element's accessible name: its `aria-label`, else its text, else its id.
    pub async fn focused(&self) -> String {
        let source = "const e = document.activeElement; \
            return e.getAttribute('aria-label') || e.textContent.trim() || e.id;";
        self.script(source, vec![])
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// Picks `path` in the file input labelled `label`, as the file dialog would.
    pub async fn choose_file(&self, label: &str, path: &Path) {
        let xpath = format!(
            "//input[@id=//label[normalize-space()={}]/@for]",
            xpath_literal(label)
        );
        self.send_file(Locator::XPath(&xpath), path).await;
    }

    /// Picks `path` in the page's file input, whatever its label says.
    pub async fn choose_file_anyhow(&self, path: &Path) {
        self.send_file(Locator::Css("input[type=file]"), path).await;
    }

    async fn send_file(&self, input: Locator<'_>, path: &Path) {
        let input = self.client.find(input).await.expect("file input");
        input
            .send_keys(&path.display().to_string())
            .await
            .expect("choose file");
    }

    /// Waits for a finished download besides the `known` ones and returns its path.
    pub async fn wait_for_download(&self, known: &[PathBuf]) -> PathBuf {
        eventually("a finished download", || async {
            let entries = std::fs::read_dir(&self.downloads).ok()?;
            let mut paths = entries.filter_map(|e| e.ok().map(|e| e.path()));
            paths.find(|p| {
                !known.contains(p)
                    && p.extension()
                        .is_none_or(|ext| ext != "crdownload" && ext != "tmp")
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
        })
        .await
    }

    /// Runs a Chrome DevTools Protocol command through chromedriver.
    pub async fn devtools(&self, command: &str, params: Value) -> Value {
        let command = Devtools {
            command: command.to_owned(),
            params,
        };
        self.client
            .issue_cmd(command)
            .await
            .expect("devtools command")
    }

    /// Lets pages of `origin` write and read the clipboard, as a user's "Allow" would.
    pub async fn allow_clipboard(&self, origin: &str) {
        let permissions = json!(["clipboardReadWrite", "clipboardSanitizedWrite"]);
        self.devtools(
            "Browser.grantPermissions",
            json!({ "origin": origin, "permissions": permissions }),
        )
        .await;
    }

    /// Makes the page see `prefers-color-scheme: dark` (or light), as a system setting would.
    pub async fn prefer_color_scheme(&self, scheme: &str) {
        let features = json!([{"name": "prefers-color-scheme", "value": scheme}]);
        self.devtools(
            "Emulation.setEmulatedMedia",
            json!({ "features": features }),
        )
        .await;
    }

    /// Makes the viewport `width` × `height` CSS pixels, as a phone's or a wide screen's.
    pub async fn set_viewport(&self, width: u32, height: u32) {
        let metrics = json!({
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600,
        });
        self.devtools("Emulation.setDeviceMetricsOverride", metrics)
            .await;
    }

    /// The accessibility violations axe-core finds in the page as it is now, each as
    /// `rule: help — selectors`. axe-core comes from npm (`AXE_CORE_JS`, set by scripts/env.sh).
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let path = std::env::var("AXE_CORE_JS").expect("AXE_CORE_JS: run scripts/env.sh");
        let axe = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let loaded = self.script("return typeof axe === 'object';", vec![]).await;
        if loaded != Value::Bool(true) {
            self.script(&axe, vec![]).await;
        }
        let run = "const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
                .then(r => done(r.violations.map(v => `${v.id}: ${v.help} — ` +
                    v.nodes.map(n => n.target.join(' ') + ' ' + (n.failureSummary || '')
                        .replace(/\\s+/g, ' ')).join(' | '))))
                .catch(e => done([`axe failed: ${e}`]));";
        serde_json::from_value(self.script_async(run, vec![]).await).expect("violations")
    }

    /// Elements of the page that reach past the viewport's sides, and the page's own width if
    /// it scrolls sideways; empty when the page fits.
    pub async fn wider_than_viewport(&self) -> Vec<String> {
        let script = "const width = document.documentElement.clientWidth;
            const wide = [...document.body.querySelectorAll('*')]
                .filter(e => e.checkVisibility() && !e.closest('.visually-hidden'))
                .filter(e => { const r = e.getBoundingClientRect();
                    return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5); })
                .map(e => `${e.tagName.toLowerCase()}.${e.className} ${Math.round(e.getBoundingClientRect().left)}..${Math.round(e.getBoundingClientRect().right)}`);
            if (document.documentElement.scrollWidth > width) {
                wide.push(`page scrolls: ${document.documentElement.scrollWidth} > ${width}`);
            }
            return wide;";
        serde_json::from_value(self.script(script, vec![]).await).expect("elements")
    }

    /// Types `keys` into the focused element, as a keyboard does (`\u{E007}` is Enter).
    pub async fn type_keys(&self, keys: &str) {
        let focused = self.client.active_element().await.expect("focus");
        focused.send_keys(keys).await.expect("keys");
    }

    /// Clicks the first shown element matching `css` once it is enabled, for places where the
    /// words differ between languages.
    pub async fn click_css(&self, css: &str) {
        let element = eventually(&format!("{css:?} shown and enabled"), || async {
            let found = self.client.find(Locator::Css(css)).await.ok()?;
            let ready = found.is_displayed().await.ok()? && found.is_enabled().await.ok()?;
            ready.then_some(found)
        })
        .await;
        element.click().await.expect("click");
    }

    /// Waits until an element matching `css` is shown.
    pub async fn wait_for_css(&self, css: &str) {
        eventually(&format!("{css:?} shown"), || async {
            let found = self.client.find(Locator::Css(css)).await.ok()?;
            found.is_displayed().await.ok()?.then_some(())
        })
        .await;
    }

    /// From now on, every page this browser opens records the Content-Security-Policy
    /// violations it reports, for [`Browser::csp_violations`]. Call before opening the page.
    pub async fn record_csp_violations(&self) {
        let source = "window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e =>
                window.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`));";
        self.devtools(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": source }),
        )
        .await;
    }

    /// The CSP violations the open page reported (`directive blocked-URL`).
    pub async fn csp_violations(&self) -> Vec<String> {
        let script = "return window.__cspViolations ?? ['not recording'];";
        serde_json::from_value(self.script(script, vec![]).await).expect("violations")
    }

    /// The page's loaded resources whose URL contains `part`, each as (bytes of the body as
    /// sent, bytes after decoding), from the browser's Resource Timing.
    pub async fn resource_sizes(&self, part: &str) -> Vec<(u64, u64)> {
        let script = "return performance.getEntriesByType('resource')
            .filter(r => r.name.includes(arguments[0]))
            .map(r => [r.encodedBodySize, r.decodedBodySize]);";
        serde_json::from_value(self.script(script, vec![json!(part)]).await).expect("sizes")
    }

    /// A PNG of the page, to look at what a person sees.
    pub async fn screenshot(&self) -> Vec<u8> {
        self.client.screenshot().await.expect("screenshot")
    }

    /// Slows the browser's network to `bytes_per_second` up and down, with `latency_ms` per
    /// request, through ChromeDriver's network conditions command.
    pub async fn throttle(&self, bytes_per_second: u64, latency_ms: u64) {
        let conditions = NetworkConditions {
            bytes_per_second,
            latency_ms,
            offline: false,
        };
        self.client
            .issue_cmd(conditions)
            .await
            .expect("network conditions");
    }

    /// The figures shown beside the upload's progress bar.
    pub async fn upload_status(&self) -> Option<String> {
        let status = self
            .client
            .find(Locator::Css(".upload-progress .status"))
            .await
            .ok()?;
        status.text().await.ok()
    }

    /// Cuts the browser off the network (in-flight requests fail), or connects it again.
    pub async fn set_offline(&self, offline: bool) {
        let conditions = NetworkConditions {
            bytes_per_second: 1_000_000_000,
            latency_ms: 0,
            offline,
        };
        self.client
            .issue_cmd(conditions)
            .await
            .expect("network conditions");
    }

    /// The value and maximum of the `<progress>` element, if one is shown.
    pub async fn progress(&self) -> Option<(u64, u64)> {
        let bar = self.client.find(Locator::Css("progress")).await.ok()?;
        let value = bar.attr("value").await.ok()??.parse::<f64>().ok()?;
        let max = bar.attr("max").await.ok()??.parse::<f64>().ok()?;
        Some((value as u64, max as u64))
    }

    /// Ticks the checkbox inside the `<label>` that reads `label`.
    pub async fn check(&self, label: &str) {
        let xpath = format!(
            "//label[normalize-space()={}]//input[@type='checkbox']",
            xpath_literal(label)
        );
        let checkbox = self.wait_for(&format!("checkbox {label:?}"), &xpath).await;
        if !checkbox.is_selected().await.expect("checked") {
            checkbox.click().await.expect("click");
        }
    }

    /// How many buttons reading `name` the page has now (0 is a fine answer).
    pub async fn buttons_named(&self, name: &str) -> usize {
        let xpath = format!("//button[normalize-space()={}]", xpath_literal(name));
        self.client
            .find_all(Locator::XPath(&xpath))
            .await
            .expect("find buttons")
            .len()
    }

    /// Every answer the page received since the last read of the network log — its URL, and
    /// its `Content-Encoding` as it came on the wire — from Chromium's network events. Only for
    /// a browser from [`Browser::start_recording`].
    pub async fn responses_encoded(&self) -> Vec<(String, Option<String>)> {
        let mut responses = Vec::new();
        for event in self.network_events().await {
            if event["method"] != "Network.responseReceived" {
                continue;
            }
            let response = &event["params"]["response"];
            let url = response["url"].as_str().unwrap_or_default().to_owned();
            let encoding = header_in(&response["headers"], "content-encoding");
            responses.push((url, encoding));
        }
        responses
    }

    /// Every request the page sent since the last read of the network log — its URL, and its
    /// `Authorization` header if it had one — from Chromium's network events (downloads and the
    /// realtime stream included). Only for a browser from [`Browser::start_recording`].
    pub async fn requests_sent(&self) -> Vec<(String, Option<String>)> {
        let mut requests = Vec::new();
        for event in self.network_events().await {
            if event["method"] != "Network.requestWillBeSent" {
                continue;
            }
            let request = &event["params"]["request"];
            let url = request["url"].as_str().unwrap_or_default().to_owned();
            let auth = header_in(&request["headers"], "authorization");
            requests.push((url, auth));
        }
        requests
    }

    /// Each request finished since the last read of the network log, as its URL and the bytes
    /// received for it on the wire (headers and body as sent, compressed or not). Only for a
    /// browser from [`Browser::start_recording`].
    pub async fn wire_bytes(&self) -> Vec<(String, u64)> {
        let timed = self.wire_bytes_timed().await;
        timed.into_iter().map(|r| (r.url, r.bytes)).collect()
    }

    /// [`Browser::wire_bytes`] with when each request started and finished (seconds on
    /// Chromium's monotonic clock), in the order they finished.
    pub async fn wire_bytes_timed(&self) -> Vec<Received> {
        let mut started = std::collections::HashMap::new();
        let mut received = Vec::new();
        for event in self.network_events().await {
            let params = &event["params"];
            let id = params["requestId"].as_str().unwrap_or_default().to_owned();
            let at = params["timestamp"].as_f64().unwrap_or_default();
            match event["method"].as_str() {
                Some("Network.requestWillBeSent") => {
                    let url = params["request"]["url"].as_str().unwrap_or_default();
                    started.entry(id).or_insert((url.to_owned(), at));
                }
                Some("Network.loadingFinished") => {
                    let bytes = params["encodedDataLength"].as_f64().unwrap_or_default();
                    received.push((id, bytes as u64, at));
                }
                _ => {}
            }
        }
        let received = received.into_iter().map(|(id, bytes, finished_s)| {
            let (url, started_s) = started.get(&id).cloned().unwrap_or((id, finished_s));
            Received {
                url,
                bytes,
                started_s,
                finished_s,
            }
        });
        received.collect()
    }

    /// What the page wrote to its console since the last read, as `(level, message)`: uncaught
    /// errors, failed loads, a wasm trap.
    pub async fn console(&self) -> Vec<(String, String)> {
        let log = self
            .client
            .issue_cmd(Log("browser"))
            .await
            .expect("console log");
        let entries = log.as_array().expect("log entries").iter();
        entries
            .map(|entry| {
                let field = |name: &str| entry[name].as_str().unwrap_or_default().to_owned();
                (field("level"), field("message"))
            })
            .collect()
    }

    /// Fails the test if the app crashed since the last read of the console: a panic (a wasm
    /// trap, `RuntimeError: unreachable`, with panics aborting at once) or an uncaught error.
    /// Failed requests, which the tests cause on purpose, are not crashes.
    pub async fn assert_no_crash(&self) {
        let crashes: Vec<String> = self
            .console()
            .await
            .into_iter()
            .map(|(_, message)| message)
            .filter(|message| {
                ["RuntimeError", "unreachable", "panicked", "Uncaught"]
                    .iter()
                    .any(|sign| message.contains(sign))
            })
            .collect();
        assert!(crashes.is_empty(), "the app crashed: {crashes:#?}");
    }

    /// The DevTools events logged since the last read (`{method, params}` each).
    async fn network_events(&self) -> Vec<Value> {
        let log = self
            .client
            .issue_cmd(Log("performance"))
            .await
            .expect("performance log");
        let entries = log.as_array().expect("log entries").iter();
        let messages = entries.filter_map(|entry| entry["message"].as_str());
        messages
            .map(|message| {
                let event: Value = serde_json::from_str(message).expect("a network event");
                event["message"].clone()
            })
            .collect()
    }

    /// Opens the restore dialog of `key` and confirms it, as an admin does.
    pub async fn restore(&self, key: &str) {
        self.click_labelled(&format!("Restore {key}")).await;
        self.confirm_restore(key).await;
    }

    /// In the open restore dialog: types the key and confirms.
    pub async fn confirm_restore(&self, key: &str) {
        self.fill("Type the backup name to confirm", key).await;
        self.click_in_dialog("Restore").await;
    }

    /// Every text shown with `role=status` right now, hidden ones left out (read in one script;
    /// a WebDriver failure fails the test).
    pub async fn statuses(&self) -> Vec<String> {
        let script = "return [...document.querySelectorAll('[role=status]')]
            .filter(element => element.checkVisibility())
            .map(element => element.innerText.trim());";
        serde_json::from_value(self.script(script, vec![]).await).expect("statuses as text")
    }
}

/// One answer as received: its URL, bytes on the wire, and when it started and finished.
#[derive(Clone, Debug)]
pub struct Received {
    pub url: String,
    pub bytes: u64,
    pub started_s: f64,
    pub finished_s: f64,
}

/// The header `name` (any case) of a DevTools event's `headers` object.
fn header_in(headers: &Value, name: &str) -> Option<String> {
    let headers = headers.as_object()?;
    let (_, value) = headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))?;
    value.as_str().map(str::to_owned)
}

#[derive(Debug)]
struct NetworkConditions {
    bytes_per_second: u64,
    latency_ms: u64,
    offline: bool,
}

impl fantoccini::wd::WebDriverCompatibleCommand for NetworkConditions {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/chromium/network_conditions",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({"network_conditions": {
            "offline": self.offline,
            "latency": self.latency_ms,
            "upload_throughput": self.bytes_per_second,
            "download_throughput": self.bytes_per_second,
        }});
        (http::Method::POST, Some(body.to_string()))
    }
}

/// chromedriver's pass-through to the Chrome DevTools Protocol.
#[derive(Debug)]
struct Devtools {
    command: String,
    params: Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for Devtools {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({"cmd": self.command, "params": self.params});
        (http::Method::POST, Some(body.to_string()))
    }
}

/// One of chromedriver's logs (`goog:loggingPrefs`): `performance` (Chromium's DevTools events)
/// or `browser` (the console).
#[derive(Debug)]
struct Log(&'static str);

impl fantoccini::wd::WebDriverCompatibleCommand for Log {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({"type": self.0}).to_string()),
        )
    }
}
