//! Child processes in their own process group, stopped with the whole group (a browser's
//! helpers included) when the guard is dropped.

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

pub struct ProcessGroup {
    child: Child,
    name: &'static str,
}

impl ProcessGroup {
    pub fn spawn(name: &'static str, mut command: Command) -> Self {
        command.process_group(0);
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {name} ({command:?}): {e}"));
        Self { child, name }
    }

    /// Panics with `log` if the process has already ended.
    pub fn assert_running(&mut self, log: impl FnOnce() -> String) {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!("{} exited with {status}:\n{}", self.name, log());
        }
    }

    fn signal_group(&self, signal: i32) {
        // SAFETY: kill(2) with a negative pid signals the group this guard created; no memory
        // is shared with the callee.
        unsafe {
            libc::kill(-(self.child.id() as i32), signal);
        }
    }
}

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        self.signal_group(libc::SIGTERM);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                // The leader is gone; make sure no helper of it lingers either.
                self.signal_group(libc::SIGKILL);
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.signal_group(libc::SIGKILL);
        let _ = self.child.wait();
    }
}

/// A port nobody listens on right now, chosen by the kernel.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("no free local port")
}
