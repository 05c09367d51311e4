//! A real S3-compatible server on loopback: moto's `moto_server` (from PyPI, installed by
//! `scripts/setup.sh`), on its own free port, stopped with the guard. It checks no credentials;
//! a bucket that does not exist is refused as on AWS (`NoSuchBucket`).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::process::{free_port, ProcessGroup};
use crate::PATIENCE;

pub struct S3Server {
    process: Option<ProcessGroup>,
    url: String,
    agent: ureq::Agent,
}

/// Fills the S3 fields of the open settings page for `endpoint` and `bucket`.
pub async fn fill_s3(browser: &crate::Browser, endpoint: &str, bucket: &str) {
    browser.set_switch("Store backups in S3", true).await;
    browser.fill("Endpoint", endpoint).await;
    browser.fill("Bucket", bucket).await;
    browser.fill("Region", "us-east-1").await;
    browser.fill("Access key", "test-key").await;
    browser.fill("Secret", "test-secret").await;
    browser.set_switch("Force path style", true).await;
}

/// The bucket every test server starts with.
pub const BUCKET: &str = "pb-backups";

impl S3Server {
    /// Starts the server and creates [`BUCKET`].
    pub fn start() -> Self {
        let port = free_port();
        let binary = std::env::var("MOTO_SERVER_BIN").unwrap_or_else(|_| "moto_server".into());
        let mut command = Command::new(binary);
        command
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut process = ProcessGroup::spawn("moto_server (set MOTO_SERVER_BIN)", command);
        let url = format!("http://127.0.0.1:{port}");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let start = Instant::now();
        while agent.get(&format!("{url}/")).call().is_err() {
            process.assert_running(String::new);
            assert!(start.elapsed() < PATIENCE, "moto_server never answered");
            std::thread::sleep(Duration::from_millis(100));
        }
        let server = Self {
            process: Some(process),
            url,
            agent,
        };
        let created = server
            .agent
            .put(&format!("{}/{BUCKET}", server.url))
            .send_empty()
            .expect("create bucket");
        assert_eq!(created.status().as_u16(), 200, "create bucket");
        server
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Stops the server, as an outage would.
    pub fn stop(&mut self) {
        self.process = None;
    }

    /// The keys in `bucket`, read through the S3 API (`ListObjectsV2`), sorted.
    pub fn keys(&self, bucket: &str) -> Vec<String> {
        let mut answer = self
            .agent
            .get(&format!("{}/{bucket}?list-type=2", self.url))
            .call()
            .expect("list objects");
        assert_eq!(answer.status().as_u16(), 200, "list objects");
        let xml = answer.body_mut().read_to_string().expect("listing");
        let mut keys: Vec<String> = xml
            .split("<Key>")
            .skip(1)
            .filter_map(|rest| rest.split("</Key>").next())
            .map(|key| key.replace("&amp;", "&"))
            .collect();
        keys.sort();
        keys
    }
}
