//! A real `pocketbase` serving the release build of the panel from its public dir, on a free
//! port with its own temporary folders, plus direct API calls to arrange and check test data.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::process::{free_port, ProcessGroup};
use crate::PATIENCE;

pub const ADMIN_EMAIL: &str = "admin@example.com";
pub const ADMIN_PASSWORD: &str = "e2e-admin-password";

/// What the logging hook writes before each request's `Authorization` header.
const AUTHORIZATION_SEEN: &str = "authorization-seen:";
/// The server's own record of what it received, written before any handler runs.
const AUTHORIZATION_LOG: &str = r#"routerUse((e) => {
  console.log("authorization-seen: " + e.request.header.get("Authorization"));
  return e.next();
});
"#;

pub struct PocketBase {
    // Declared first so the server stops before its folders are removed.
    process: Option<ProcessGroup>,
    dir: tempfile::TempDir,
    url: String,
    agent: ureq::Agent,
    public_dir: PathBuf,
    /// `PB_PANEL_CONNECT_SRC` for the panel's hook, if set.
    connect_src: Option<String>,
    /// A release of the version matrix, or `None` for the suite's own ([`binary`]).
    release: Option<&'static str>,
}

/// An HTTP answer: status and body text.
pub struct Answer {
    pub status: u16,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

fn binary() -> String {
    std::env::var("POCKETBASE_BIN").unwrap_or_else(|_| "pocketbase".into())
}

/// The releases of PocketBase the version matrix runs against, beside the suite's own
/// (0.40.6): `scripts/setup.sh` installs each under `.tools/pocketbase-<version>/` (the list
/// is `POCKETBASE_RELEASES` in `scripts/env.sh`).
pub const RELEASES: [&str; 4] = ["0.22.27", "0.23.12", "0.28.4", "0.36.9"];

fn release_binary(version: &str) -> String {
    let path = format!(".tools/pocketbase-{version}/bin/pocketbase");
    crate::repo_root().join(path).display().to_string()
}

/// The release build; `scripts/test.sh` builds it before this suite runs.
pub fn panel_dist() -> PathBuf {
    let dist = std::env::var_os("PANEL_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::repo_root().join("dist"));
    assert!(
        dist.join("index.html").is_file(),
        "no release build at {} — run `trunk build --release` (scripts/test.sh does)",
        dist.display()
    );
    dist
}

impl PocketBase {
    /// Starts a server with one superuser ([`ADMIN_EMAIL`]) and waits until it answers; the
    /// panel is its whole public dir, without the panel's hook.
    pub fn start() -> Self {
        Self::start_serving("", false)
    }

    /// [`Self::start`] with the panel in the folder `sub_path` of the public dir (e.g.
    /// `admin/backups`; `""` for the root), and `pb_hooks/panel.pb.js` installed when `hook`.
    pub fn start_serving(sub_path: &str, hook: bool) -> Self {
        Self::start_with(sub_path, hook, false, None, None)
    }

    /// [`Self::start`] with PocketBase `version`, one of [`RELEASES`]: before 0.23 its account
    /// ([`ADMIN_EMAIL`]) is an admin, not a superuser.
    pub fn start_release(version: &'static str) -> Self {
        Self::start_with("", false, false, None, Some(version))
    }

    /// [`Self::start_serving`] at the root with the panel's hook, which lets the page connect
    /// to the origins `connect_src` too (`PB_PANEL_CONNECT_SRC`).
    pub fn start_serving_connecting_to(connect_src: &str) -> Self {
        Self::start_with("", true, false, Some(connect_src), None)
    }

    /// [`Self::start`], with a hook that writes each request's `Authorization` header to the
    /// server's log (see [`Self::authorizations_seen`]).
    pub fn start_logging_authorization() -> Self {
        Self::start_with("", false, true, None, None)
    }

    /// The folder PocketBase serves as its public dir.
    pub fn public_dir(&self) -> &Path {
        &self.public_dir
    }

    fn start_with(
        sub_path: &str,
        hook: bool,
        log_authorization: bool,
        connect_src: Option<&str>,
        release: Option<&'static str>,
    ) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let public_dir = if sub_path.is_empty() {
            panel_dist()
        } else {
            let public_dir = dir.path().join("public");
            let folder = public_dir.join(sub_path);
            std::fs::create_dir_all(folder.parent().expect("a folder")).expect("public dir");
            std::os::unix::fs::symlink(panel_dist(), &folder).expect("the panel in the public dir");
            public_dir
        };
        if hook {
            let hooks = dir.path().join("hooks");
            std::fs::create_dir_all(&hooks).expect("hooks dir");
            let source = crate::repo_root().join("pb_hooks/panel.pb.js");
            std::fs::copy(source, hooks.join("panel.pb.js")).expect("the panel's hook");
        }
        if log_authorization {
            let hooks = dir.path().join("hooks");
            std::fs::create_dir_all(&hooks).expect("hooks dir");
            std::fs::write(hooks.join("authorization-log.pb.js"), AUTHORIZATION_LOG)
                .expect("the logging hook");
        }
        let bin = release.map_or_else(binary, release_binary);
        let data = dir.path().join("data");
        if release.is_some_and(has_admins) {
            // Its CLI needs the database made first.
            let migrations = dir.path().join("migrations");
            let migrations = migrations.to_str().expect("a path");
            run_cli(
                &bin,
                &["migrate", "up", "--migrationsDir", migrations],
                &data,
            );
            run_cli(
                &bin,
                &["admin", "create", ADMIN_EMAIL, ADMIN_PASSWORD],
                &data,
            );
        } else {
            run_cli(
                &bin,
                &["superuser", "upsert", ADMIN_EMAIL, ADMIN_PASSWORD],
                &data,
            );
        }
        let url = format!("http://127.0.0.1:{}", free_port());
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let mut server = Self {
            process: Some(spawn_server(
                &bin,
                dir.path(),
                &url,
                &public_dir,
                connect_src,
            )),
            dir,
            url,
            agent,
            public_dir,
            connect_src: connect_src.map(str::to_owned),
            release,
        };
        server.wait_until_healthy();
        server
    }

    /// Stops the process, as a crash or an admin would; [`Self::start_again`] brings it back.
    pub fn stop(&mut self) {
        self.process = None;
    }

    /// Starts the server again on the same address, with the same data.
    pub fn start_again(&mut self) {
        let connect_src = self.connect_src.as_deref();
        self.process = Some(spawn_server(
            &self.binary(),
            self.dir.path(),
            &self.url,
            &self.public_dir,
            connect_src,
        ));
        self.wait_until_healthy();
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    fn binary(&self) -> String {
        self.release.map_or_else(binary, release_binary)
    }

    /// Whether this server's account is an admin (PocketBase before 0.23), not a superuser.
    pub fn has_admins(&self) -> bool {
        self.release.is_some_and(has_admins)
    }

    /// Every token sent to this server in an `Authorization` header, in order (only for a
    /// server from [`Self::start_logging_authorization`]).
    pub fn authorizations_seen(&self) -> Vec<String> {
        self.log()
            .lines()
            .filter_map(|line| line.split_once(AUTHORIZATION_SEEN))
            .map(|(_, token)| token.trim().to_owned())
            .filter(|token| !token.is_empty())
            .collect()
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// Waits until `/api/health` answers 200, e.g. after start-up or a restore's restart.
    pub fn wait_until_healthy(&mut self) {
        let start = Instant::now();
        loop {
            let log = self.log();
            if let Some(process) = &mut self.process {
                process.assert_running(|| log);
            }
            if self
                .get("/api/health", None)
                .is_some_and(|a| a.status == 200)
            {
                return;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "pocketbase never became healthy:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Puts `megabytes` of incompressible data into the server's storage folder, which every
    /// backup includes: a create then takes seconds instead of milliseconds.
    pub fn add_ballast(&self, megabytes: usize) {
        let storage = self.dir.path().join("data/storage");
        std::fs::create_dir_all(&storage).expect("storage dir");
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut bytes = Vec::with_capacity(megabytes << 20);
        while bytes.len() < megabytes << 20 {
            // xorshift64: fast, and deflate cannot shrink it.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            bytes.extend_from_slice(&state.to_le_bytes());
        }
        std::fs::write(storage.join("ballast.bin"), bytes).expect("ballast");
    }

    /// Writes `count` small backup files straight into the server's backups folder, as years
    /// of automatic backups would leave them.
    pub fn seed_backup_files(&self, count: usize) {
        let folder = self.dir.path().join("data/backups");
        std::fs::create_dir_all(&folder).expect("backups dir");
        for i in 0..count {
            let name = if i % 3 == 0 {
                format!("@auto_pb_backup_{i:05}.zip")
            } else {
                format!("pb_backup_{i:05}.zip")
            };
            std::fs::write(folder.join(name), vec![b'x'; 100 + i % 997]).expect("seed file");
        }
    }

    /// Writes a small file `name` into the server's backups folder, last modified `age` ago — an
    /// automatic backup from days before, say.
    pub fn seed_backup_file_aged(&self, name: &str, age: Duration) {
        let folder = self.dir.path().join("data/backups");
        std::fs::create_dir_all(&folder).expect("backups dir");
        let path = folder.join(name);
        std::fs::write(&path, b"PK\x05\x06 seeded").expect("seed file");
        let file = std::fs::File::options()
            .write(true)
            .open(&path)
            .expect("seed file");
        let modified = std::time::SystemTime::now() - age;
        file.set_modified(modified).expect("set mtime");
    }

    /// `GET /api/settings`, as the server has them.
    pub fn settings(&self) -> Value {
        let answer = self
            .get("/api/settings", Some(&self.admin_token()))
            .expect("settings");
        assert_eq!(answer.status, 200, "settings: {}", answer.body);
        answer.json()
    }

    /// `PATCH /api/settings` with `body`; it must be accepted.
    pub fn set_settings(&self, body: Value) {
        let answer = self.patch_json("/api/settings", &self.admin_token(), body);
        assert_eq!(answer.status, 200, "settings: {}", answer.body);
    }

    /// Adds or updates a superuser with the real CLI (as an admin would).
    pub fn upsert_superuser(&self, email: &str, password: &str) {
        run_cli(
            &self.binary(),
            &["superuser", "upsert", email, password],
            &self.dir.path().join("data"),
        );
    }

    /// Whether the server's data holds a superuser `email` — a mark of which data it runs on,
    /// before or after a restore.
    pub fn has_superuser(&self, email: &str) -> bool {
        let filter = encode(&format!("email='{email}'"));
        let path = format!("/api/collections/_superusers/records?filter={filter}");
        let answer = self
            .get(&path, Some(&self.admin_token()))
            .expect("superusers");
        assert_eq!(answer.status, 200, "superusers: {}", answer.body);
        answer.json()["totalItems"].as_u64().expect("a count") > 0
    }

    pub fn auth(&self, collection: &str, email: &str, password: &str) -> Value {
        self.auth_at(&format!("/api/collections/{collection}"), email, password)
    }

    /// `auth-with-password` under `base` (a collection's path, or `/api/admins`).
    fn auth_at(&self, base: &str, email: &str, password: &str) -> Value {
        let path = format!("{base}/auth-with-password");
        let answer = self.post_json(
            &path,
            None,
            json!({"identity": email, "password": password}),
        );
        assert_eq!(
            answer.status, 200,
            "sign-in of {email} failed: {}",
            answer.body
        );
        answer.json()
    }

    /// A token of [`ADMIN_EMAIL`]: a superuser's, or an admin's before 0.23.
    pub fn admin_token(&self) -> String {
        let auth = match self.has_admins() {
            true => self.auth_at("/api/admins", ADMIN_EMAIL, ADMIN_PASSWORD),
            false => self.auth("_superusers", ADMIN_EMAIL, ADMIN_PASSWORD),
        };
        auth["token"].as_str().expect("token").to_owned()
    }

    /// `POST /api/backups`, synchronous: the backup exists when this returns.
    pub fn create_backup(&self, name: &str) {
        let answer = self.post_json(
            "/api/backups",
            Some(&self.admin_token()),
            json!({"name": name}),
        );
        assert_eq!(answer.status, 204, "create {name}: {}", answer.body);
    }

    /// `source.zip`, made by the server, plus a copy of it under each of [`crate::HOSTILE_KEYS`].
    /// Returns its bytes.
    pub fn seed_hostile_keys(&self) -> Vec<u8> {
        self.create_backup("source.zip");
        let bytes = self.download("source.zip");
        for key in crate::HOSTILE_KEYS {
            assert_eq!(self.upload(key, &bytes).status, 204, "upload {key}");
        }
        bytes
    }

    /// How many requests the server's request log holds that match `filter` (PocketBase's
    /// filter syntax over log entries, e.g. `data.method='POST' && data.url='/api/backups'`),
    /// once it is written: PocketBase writes its log 3 s after the last entry, so this reads it
    /// only after quiet spells of 4 s (its own requests are logged too), until two reads agree.
    pub fn settled_requests(&self, filter: &str) -> u64 {
        let query = format!("/api/logs?perPage=1&filter={}", encode(filter));
        let token = self.admin_token();
        let count = || {
            std::thread::sleep(Duration::from_secs(4));
            let answer = self.get(&query, Some(&token)).expect("logs");
            assert_eq!(answer.status, 200, "{}", answer.body);
            answer.json()["totalItems"].as_u64().unwrap_or(0)
        };
        let mut last = count();
        loop {
            let now = count();
            if now == last {
                return now;
            }
            last = now;
        }
    }

    /// [`Self::settled_requests`] for `method` requests to a URL containing `path`.
    pub fn settled_request_count(&self, method: &str, path: &str) -> u64 {
        self.settled_requests(&format!("data.method='{method}' && data.url~'{path}'"))
    }

    /// Whether the server's request log holds a request to `path` (logged once it is handled).
    pub fn logged_requests(&self, path: &str) -> bool {
        let filter = format!("data.url~'{path}'");
        let query = format!("/api/logs?filter={}", encode(&filter));
        let Some(answer) = self.get(&query, Some(&self.admin_token())) else {
            return false;
        };
        answer.status == 200 && answer.json()["totalItems"].as_u64().unwrap_or(0) > 0
    }

    /// The backups as the server lists them: `(key, size, modified)`.
    pub fn backups(&self) -> Vec<(String, u64, String)> {
        let answer = self
            .get("/api/backups", Some(&self.admin_token()))
            .expect("list");
        assert_eq!(answer.status, 200, "list: {}", answer.body);
        let list = answer.json();
        list.as_array()
            .expect("array")
            .iter()
            .map(|b| {
                (
                    b["key"].as_str().expect("key").to_owned(),
                    b["size"].as_u64().expect("size"),
                    b["modified"].as_str().expect("modified").to_owned(),
                )
            })
            .collect()
    }

    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.backups().into_iter().map(|(key, ..)| key).collect();
        keys.sort();
        keys
    }

    /// A backup's bytes, through a file token as the panel's link gets them.
    pub fn download(&self, key: &str) -> Vec<u8> {
        let token = self.post_json("/api/files/token", Some(&self.admin_token()), json!({}));
        assert_eq!(token.status, 200, "file token: {}", token.body);
        let file_token = token.json()["token"].as_str().expect("token").to_owned();
        let url = format!(
            "{}/api/backups/{}?token={file_token}",
            self.url,
            encode(key)
        );
        let mut response = self.agent.get(url).call().expect("download");
        assert_eq!(response.status().as_u16(), 200, "download {key}");
        response
            .body_mut()
            .with_config()
            .limit(1 << 30)
            .read_to_vec()
            .expect("body")
    }

    /// `POST /api/backups/upload` with `bytes` as a file named `name` (the key it becomes).
    pub fn upload(&self, name: &str, bytes: &[u8]) -> Answer {
        self.post_file("/api/backups/upload", "file", name, bytes)
    }

    /// Stores `bytes` as an uploaded file named like `file_name` in a record of the collection
    /// `documents` (made with a file field when missing): what a backup keeps under
    /// `storage/`. Returns the name PocketBase stored it under (with its random suffix).
    pub fn add_uploaded_file(&self, file_name: &str, bytes: &[u8]) -> String {
        let token = self.admin_token();
        if self
            .get("/api/collections/documents", Some(&token))
            .is_none_or(|a| a.status != 200)
        {
            let collection = json!({
                "name": "documents",
                "type": "base",
                "fields": [{"name": "document", "type": "file", "maxSelect": 1, "maxSize": 50_000_000}],
            });
            let made = self.post_json("/api/collections", Some(&token), collection);
            assert_eq!(made.status, 200, "collection: {}", made.body);
        }
        let record = self.post_file(
            "/api/collections/documents/records",
            "document",
            file_name,
            bytes,
        );
        assert_eq!(record.status, 200, "record: {}", record.body);
        record.json()["document"]
            .as_str()
            .expect("stored file name")
            .to_owned()
    }

    /// A multipart `POST` of one file, as the superuser.
    fn post_file(&self, path: &str, field: &str, name: &str, bytes: &[u8]) -> Answer {
        let boundary = "e2e-boundary-7d1f0c";
        let kind = if name.ends_with(".zip") {
            "application/zip"
        } else {
            "application/octet-stream"
        };
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n\
             Content-Type: {kind}\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = self
            .agent
            .post(format!("{}{path}", self.url))
            .header("Authorization", &self.admin_token())
            .header(
                "Content-Type",
                &format!("multipart/form-data; boundary={boundary}"),
            );
        answer(request.send(&body[..]).expect("upload"))
    }

    /// Moves the file at `path` into the server's backups folder as `key`, as a backup copied
    /// there by hand would be (for files too large to send through the API in a test).
    pub fn seed_backup_from(&self, path: &Path, key: &str) {
        let folder = self.dir.path().join("data/backups");
        std::fs::create_dir_all(&folder).expect("backups dir");
        std::fs::rename(path, folder.join(key)).expect("move the backup in");
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> Option<Answer> {
        let mut request = self.agent.get(format!("{}{path}", self.url));
        if let Some(token) = token {
            request = request.header("Authorization", token);
        }
        request.call().ok().map(answer)
    }

    pub fn post_json(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        let mut request = self.agent.post(format!("{}{path}", self.url));
        if let Some(token) = token {
            request = request.header("Authorization", token);
        }
        answer(request.send_json(body).expect("request failed"))
    }

    pub fn patch_json(&self, path: &str, token: &str, body: Value) -> Answer {
        let request = self.agent.patch(format!("{}{path}", self.url));
        answer(
            request
                .header("Authorization", token)
                .send_json(body)
                .expect("request failed"),
        )
    }

    pub fn delete(&self, path: &str, token: &str) -> Answer {
        let request = self.agent.delete(format!("{}{path}", self.url));
        answer(
            request
                .header("Authorization", token)
                .call()
                .expect("request failed"),
        )
    }
}

fn answer(mut response: ureq::http::Response<ureq::Body>) -> Answer {
    let status = response.status().as_u16();
    let body = response.body_mut().read_to_string().unwrap_or_default();
    Answer { status, body }
}

/// Percent-encodes a path segment (everything but unreserved characters).
pub fn encode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Before 0.23, PocketBase kept admins, not superusers.
fn has_admins(version: &str) -> bool {
    version.starts_with("0.22.")
}

fn run_cli(bin: &str, args: &[&str], data: &Path) {
    let output = Command::new(bin)
        .args(args)
        .arg("--dir")
        .arg(data)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {bin} (set POCKETBASE_BIN, or run scripts/setup.sh): {e}")
        });
    let said = String::from_utf8_lossy(&output.stderr) + String::from_utf8_lossy(&output.stdout);
    // Older releases say "Error: …" and still exit with 0.
    assert!(
        output.status.success() && !said.contains("Error:"),
        "pocketbase {args:?} failed: {said}"
    );
}

/// `pocketbase serve` on `url` with the folders under `dir` and `public_dir`, its output appended to
/// `dir/server.log`.
fn spawn_server(
    bin: &str,
    dir: &Path,
    url: &str,
    public_dir: &Path,
    connect_src: Option<&str>,
) -> ProcessGroup {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("server.log"))
        .expect("log file");
    let mut command = Command::new(bin);
    command
        .arg("serve")
        .arg("--http")
        .arg(url.trim_start_matches("http://"))
        .arg("--dir")
        .arg(dir.join("data"))
        .arg("--migrationsDir")
        .arg(dir.join("migrations"))
        .arg("--hooksDir")
        .arg(dir.join("hooks"))
        .arg("--publicDir")
        .arg(public_dir)
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log file"))
        .stderr(log);
    match connect_src {
        Some(origins) => command.env("PB_PANEL_CONNECT_SRC", origins),
        None => command.env_remove("PB_PANEL_CONNECT_SRC"),
    };
    ProcessGroup::spawn("pocketbase", command)
}
