//! The release build served by a plain static file server (Python's `http.server`) on its own
//! free port: no fallback to `index.html`, so an unknown path gets a real 404, as on many hosts.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::process::{free_port, ProcessGroup};
use crate::server::panel_dist;
use crate::PATIENCE;

pub struct StaticHost {
    _process: ProcessGroup,
    url: String,
}

impl StaticHost {
    /// Serves the panel's `dist/` and waits until the server answers.
    pub fn start() -> Self {
        let port = free_port();
        let mut command = Command::new("python3");
        command
            .args([
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
            ])
            .arg("--directory")
            .arg(panel_dist())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut process = ProcessGroup::spawn("python3 -m http.server", command);
        let url = format!("http://127.0.0.1:{port}");
        let start = Instant::now();
        while ureq::get(&format!("{url}/index.html")).call().is_err() {
            process.assert_running(String::new);
            assert!(
                start.elapsed() < PATIENCE,
                "the static server never answered"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            _process: process,
            url,
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// The status this host answers `GET path` with.
    pub fn status_of(&self, path: &str) -> u16 {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let answer = agent.get(&format!("{}{path}", self.url)).call();
        answer.map(|a| a.status().as_u16()).expect("static server")
    }
}
