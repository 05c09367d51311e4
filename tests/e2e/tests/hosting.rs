//! The same `dist/` in every hosting mode: from PocketBase's public dir with the panel's hook
//! (compressed, cached, under a strict CSP), under a sub-path of it, and from another origin
//! (the server entered at sign-in, CORS). In each: sign in, list, download.

use e2e::{eventually, panel_dist, sign_in, Browser, PocketBase, StaticHost};
use serde_json::json;

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; connect-src 'self'; img-src 'self' data:";

/// An answer as sent on the wire: nothing decoded.
struct Raw {
    status: u16,
    headers: ureq::http::HeaderMap,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

fn get_raw(url: &str, headers: &[(&str, &str)]) -> Raw {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = agent.get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.call().unwrap_or_else(|e| panic!("GET {url}: {e}"));
    Raw {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_vec()
            .expect("body"),
    }
}

/// The name of the release build's file that ends with `suffix`, e.g. `_bg.wasm`.
fn dist_file(suffix: &str) -> String {
    let entries = std::fs::read_dir(panel_dist()).expect("dist/");
    entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .find(|name| name.ends_with(suffix))
        .unwrap_or_else(|| panic!("no *{suffix} in dist/"))
}

/// Clicks `Download <key>` and returns the downloaded bytes once the file is complete.
async fn download_in_browser(browser: &Browser, key: &str, size: usize) -> Vec<u8> {
    browser.click_labelled(&format!("Download {key}")).await;
    let file = browser.wait_for_download(&[]).await;
    eventually("the download to be complete", || async {
        let got = std::fs::read(&file).ok()?;
        (got.len() >= size).then_some(got)
    })
    .await
}

#[test]
fn content_named_files_are_cached_for_a_year_whatever_the_length_of_their_hash() {
    // Trunk names a file by a 64-bit hash written without its leading zeros: 15 hex digits or
    // fewer about one build in sixteen (a fresh clone's build was named `…-80b09fdd3a6bd5e`);
    // under 8, one in billions, so shorter ones are taken for a version, not a hash.
    let server = PocketBase::start_serving("admin/backups", true);
    let cached = [
        ("app-80b09fdd3a6bd5e_bg.wasm", true),
        ("app-7f1c0a2b.js", true),
        ("app-0123456789abcdef.css", true),
        ("app.js", false),
        ("app-2.js", false),
        ("app-v2.js", false),
    ];
    for (name, _) in cached {
        let file = server.public_dir().join(name);
        std::fs::write(&file, "0").expect("a built file");
        std::fs::write(format!("{}.gz", file.display()), "0").expect("its .gz");
    }
    for (name, content_named) in cached {
        let answer = get_raw(&format!("{}/{name}", server.url()), &[]);
        assert_eq!(answer.status, 200, "{name}");
        let expected = if content_named {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        assert_eq!(answer.header("cache-control"), Some(expected), "{name}");
    }
}

#[tokio::test]
async fn from_the_public_dir_the_hook_sends_the_panel_compressed_cached_and_under_a_strict_csp() {
    let server = PocketBase::start_serving("", true);
    server.create_backup("source.zip");
    let bytes = server.download("source.zip");
    // Brotli, which the hook prefers, is tested below with the other codings.
    let gzip = [("Accept-Encoding", "gzip, deflate")];

    // The page: compressed, never cached stale, under the policy.
    let page = get_raw(&format!("{}/", server.url()), &gzip);
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-encoding"), Some("gzip"));
    assert_eq!(page.header("cache-control"), Some("no-cache"));
    assert_eq!(page.header("content-security-policy"), Some(CSP));
    assert_eq!(
        page.body,
        std::fs::read(panel_dist().join("index.html.gz")).unwrap()
    );

    // The wasm: compressed, cached for a year, the build's own bytes.
    let wasm = dist_file("_bg.wasm");
    let url = format!("{}/{wasm}", server.url());
    let packed = get_raw(&url, &gzip);
    assert_eq!(packed.status, 200);
    assert_eq!(packed.header("content-encoding"), Some("gzip"));
    assert_eq!(packed.header("content-type"), Some("application/wasm"));
    assert_eq!(
        packed.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let on_disk = std::fs::read(panel_dist().join(&wasm)).unwrap();
    assert_eq!(
        packed.body,
        std::fs::read(panel_dist().join(format!("{wasm}.gz"))).unwrap()
    );
    assert!(
        packed.body.len() < on_disk.len() / 2,
        "the wasm was hardly compressed"
    );
    // A client that takes no gzip gets the file itself.
    assert_eq!(get_raw(&url, &[]).body, on_disk);
    assert_eq!(get_raw(&url, &[]).header("content-encoding"), None);

    // The API and the backups are left alone: no encoding, and Range reads still work.
    let health = get_raw(&format!("{}/api/health", server.url()), &gzip);
    assert_eq!(health.status, 200);
    assert_eq!(health.header("content-encoding"), None);
    let token = server.post_json("/api/files/token", Some(&server.admin_token()), json!({}));
    let token = token.json()["token"]
        .as_str()
        .expect("file token")
        .to_owned();
    let download = format!("{}/api/backups/source.zip?token={token}", server.url());
    let part = get_raw(&download, &[gzip[0], ("Range", "bytes=100-1099")]);
    assert_eq!(part.status, 206, "a Range read of a backup");
    assert_eq!(part.header("content-encoding"), None);
    let range = format!("bytes 100-1099/{}", bytes.len());
    assert_eq!(part.header("content-range"), Some(range.as_str()));
    assert_eq!(part.body, bytes[100..1100]);
    let whole = get_raw(&download, &gzip);
    assert_eq!(
        (whole.header("content-encoding"), &whole.body),
        (None, &bytes)
    );

    // In the browser, under that policy: sign in, list, upload, download, and no violation.
    let browser = Browser::start().await;
    browser.record_csp_violations().await;
    browser.open(server.url()).await;
    sign_in(&browser, &server).await;
    browser.wait_for_keys(&["source.zip"]).await;
    let sizes = browser.resource_sizes("_bg.wasm").await;
    assert!(
        matches!(sizes[..], [(sent, decoded)] if sent * 2 < decoded),
        "the wasm did not arrive compressed: {sizes:?}"
    );

    let folder = tempfile::tempdir().unwrap();
    let copy = folder.path().join("uploaded_copy.zip");
    std::fs::write(&copy, &bytes).unwrap();
    browser.choose_file("Upload backup", &copy).await;
    browser.open_dialog().await;
    browser.click_in_dialog("Upload").await;
    browser
        .wait_for_keys(&["uploaded_copy.zip", "source.zip"])
        .await;
    assert_eq!(server.download("uploaded_copy.zip"), bytes);

    assert_eq!(
        download_in_browser(&browser, "source.zip", bytes.len()).await,
        bytes
    );
    assert_eq!(browser.csp_violations().await, Vec::<String>::new());
}

#[tokio::test]
async fn under_a_sub_path_of_the_public_dir_the_panel_signs_in_lists_and_downloads() {
    let server = PocketBase::start_serving("admin/backups", true);
    server.create_backup("source.zip");
    server.seed_backup_files(2);
    let bytes = server.download("source.zip");

    let browser = Browser::start().await;
    browser.record_csp_violations().await;
    // Without the slash the hook sends the browser to the folder, where relative URLs work.
    browser
        .open(&format!("{}/admin/backups", server.url()))
        .await;
    sign_in(&browser, &server).await;
    browser.wait_for_text("3 backups").await;
    let mut keys = browser.keys().await;
    keys.sort();
    assert_eq!(
        keys,
        [
            "@auto_pb_backup_00000.zip",
            "pb_backup_00001.zip",
            "source.zip"
        ]
    );
    let base = format!("{}/admin/backups/", server.url());
    assert!(browser.current_url().await.starts_with(&base));
    assert!(!browser.resource_sizes("_bg.wasm").await.is_empty());

    // The view's own address stays under the base, also across a reload.
    browser.fill("Search backups", "source").await;
    browser.wait_for_keys(&["source.zip"]).await;
    assert_eq!(browser.current_url().await, format!("{base}?q=source"));
    browser.reload().await;
    browser.wait_for_keys(&["source.zip"]).await;

    assert_eq!(
        download_in_browser(&browser, "source.zip", bytes.len()).await,
        bytes
    );
    assert_eq!(browser.csp_violations().await, Vec::<String>::new());
    // PocketBase's own dashboard is still where it was.
    assert_eq!(get_raw(&format!("{}/_/", server.url()), &[]).status, 200);
}

#[tokio::test]
async fn from_another_origin_the_panel_signs_in_lists_and_downloads_through_cors() {
    let server = PocketBase::start();
    server.create_backup("source.zip");
    let bytes = server.download("source.zip");
    let host = StaticHost::start();
    assert_ne!(host.url(), server.url());

    let browser = Browser::start().await;
    browser.open(&format!("{}/", host.url())).await;
    sign_in(&browser, &server).await;
    browser.wait_for_keys(&["source.zip"]).await;
    assert_eq!(
        download_in_browser(&browser, "source.zip", bytes.len()).await,
        bytes
    );
    assert!(browser.current_url().await.starts_with(host.url()));
}

#[test]
fn every_path_that_answers_with_the_panel_gets_its_policy_and_no_cache() {
    let gzip = [("Accept-Encoding", "gzip")];
    let page = std::fs::read(panel_dist().join("index.html.gz")).unwrap();
    let at_root = PocketBase::start_serving("", true);
    let under = PocketBase::start_serving("admin/backups", true);
    let paths = [
        (&at_root, "/"),
        (&at_root, "/index.html"),
        // A reload, or a shared link, of the panel's own pages.
        (&at_root, "/backups?q=auto&sort=-size"),
        (&at_root, "/settings"),
        (&at_root, "/servers"),
        (&under, "/admin/backups/"),
        (&under, "/admin/backups/index.html"),
    ];
    for (server, path) in paths {
        let answer = get_raw(&format!("{}{path}", server.url()), &gzip);
        assert_eq!(answer.status, 200, "{path}");
        assert_eq!(
            answer.header("content-security-policy"),
            Some(CSP),
            "{path}"
        );
        assert_eq!(answer.header("cache-control"), Some("no-cache"), "{path}");
        assert_eq!(answer.header("content-encoding"), Some("gzip"), "{path}");
        assert_eq!(answer.body, page, "{path}: not the panel");
    }
    // The API and the dashboard are left alone.
    let health = get_raw(&format!("{}/api/health", at_root.url()), &gzip);
    assert_eq!(health.header("content-security-policy"), None);
}

/// A browser signed in to `home`, adding `other` on its Servers page.
async fn adding_from(home: &PocketBase, other: &PocketBase) -> Browser {
    let browser = Browser::start().await;
    browser.open(home.url()).await;
    sign_in(&browser, home).await;
    browser.click_link("Servers").await;
    browser.wait_for_heading("Servers").await;
    browser.fill("Server URL", other.url()).await;
    browser.fill("Email", e2e::ADMIN_EMAIL).await;
    browser.fill("Password", e2e::ADMIN_PASSWORD).await;
    browser.click("Add server").await;
    browser
}

#[tokio::test]
async fn the_policy_refusing_another_server_is_said_with_how_to_allow_it() {
    let home = PocketBase::start_serving("", true);
    let other = PocketBase::start();
    let browser = adding_from(&home, &other).await;
    let said = browser
        .wait_for_alert(
            std::time::Duration::from_secs(20),
            "Content-Security-Policy",
        )
        .await;
    assert!(said.contains(other.url()), "{said}");
    assert!(said.contains("PB_PANEL_CONNECT_SRC"), "{said}");
    browser.assert_no_crash().await;

    // Allowed by PB_PANEL_CONNECT_SRC, the same server is added.
    let home = PocketBase::start_serving_connecting_to(other.url());
    let browser = adding_from(&home, &other).await;
    e2e::eventually("the other server's row", || async {
        let rows = browser.texts("table.servers tbody tr").await;
        rows.into_iter()
            .find(|row| row.contains(other.url()) && row.contains("backup"))
    })
    .await;
}

/// `bytes` gunzipped by the system's `gzip`, as a browser would decode them.
fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gzip = std::process::Command::new("gzip")
        .arg("-dc")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("gzip");
    gzip.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = gzip.wait_with_output().expect("gzip -dc");
    assert!(out.status.success(), "not gzip");
    out.stdout
}

/// What the browser received for the URL containing `part`, and how it was encoded.
fn encoding_of<'a>(responses: &'a [(String, Option<String>)], part: &str) -> Option<&'a str> {
    let found = responses.iter().rev().find(|(url, _)| url.contains(part));
    let (_, encoding) = found.unwrap_or_else(|| panic!("no answer for {part}: {responses:?}"));
    encoding.as_deref()
}

#[tokio::test]
async fn each_file_goes_as_brotli_gzip_or_raw_as_asked_and_the_list_goes_gzipped() {
    let server = PocketBase::start_serving("", true);
    server.seed_backup_files(200);
    let wasm = dist_file("_bg.wasm");
    let url = format!("{}/{wasm}", server.url());
    let built = |suffix: &str| std::fs::read(panel_dist().join(format!("{wasm}{suffix}"))).unwrap();

    // Brotli where the request takes it, else gzip, else the file itself.
    for (accept, encoding, body) in [
        ("gzip, deflate, br, zstd", Some("br"), built(".br")),
        ("br;q=1.0, gzip;q=0.5", Some("br"), built(".br")),
        ("gzip, deflate", Some("gzip"), built(".gz")),
        ("br;q=0, gzip", Some("gzip"), built(".gz")),
        ("identity", None, built("")),
    ] {
        let answer = get_raw(&url, &[("Accept-Encoding", accept)]);
        assert_eq!(answer.header("content-encoding"), encoding, "{accept}");
        assert_eq!(answer.header("vary"), Some("Accept-Encoding"), "{accept}");
        assert!(answer.body == body, "{accept}: not the build's own bytes");
    }
    assert!(
        built(".br").len() < built(".gz").len(),
        "brotli is no smaller"
    );

    // The list: gzipped for a client that takes it, the same JSON once decoded.
    let token = server.admin_token();
    let list = format!("{}/api/backups", server.url());
    let auth = ("Authorization", token.as_str());
    let plain = get_raw(&list, &[auth]);
    assert_eq!(
        (plain.status, plain.header("content-encoding")),
        (200, None)
    );
    let packed = get_raw(&list, &[auth, ("Accept-Encoding", "gzip, deflate, br")]);
    assert_eq!(packed.header("content-encoding"), Some("gzip"));
    assert!(
        packed.body.len() * 4 < plain.body.len(),
        "the list was hardly compressed"
    );
    let decoded: serde_json::Value = serde_json::from_slice(&gunzip(&packed.body)).unwrap();
    let listed: serde_json::Value = serde_json::from_slice(&plain.body).unwrap();
    assert_eq!(decoded, listed);
    assert_eq!(decoded.as_array().map(Vec::len), Some(200));

    // In the browser: brotli on 127.0.0.1; then gzip, then nothing, as a browser asking for
    // those would get them — decoded each time, the panel signed in and listing.
    let browser = Browser::start_recording().await;
    browser.devtools("Network.enable", json!({})).await;
    browser
        .devtools("Network.setCacheDisabled", json!({"cacheDisabled": true}))
        .await;
    browser.open(server.url()).await;
    sign_in(&browser, &server).await;
    browser.wait_for_text("200 backups").await;
    let responses = browser.responses_encoded().await;
    assert_eq!(encoding_of(&responses, "_bg.wasm"), Some("br"));
    assert_eq!(encoding_of(&responses, "/api/backups"), Some("gzip"));
    for (accept, encoding) in [("gzip", Some("gzip")), ("identity", None)] {
        let headers = json!({"headers": {"Accept-Encoding": accept}});
        browser
            .devtools("Network.setExtraHTTPHeaders", headers)
            .await;
        browser.open(server.url()).await;
        browser.wait_for_text("200 backups").await;
        let responses = browser.responses_encoded().await;
        assert_eq!(encoding_of(&responses, "_bg.wasm"), encoding, "{accept}");
        assert_eq!(
            encoding_of(&responses, "/api/backups"),
            encoding,
            "{accept}"
        );
    }
    browser.assert_no_crash().await;
}
