//! A mail sink on loopback that speaks just enough SMTP for PocketBase to deliver to it, and
//! keeps every message, so a test can read what an admin would find in the inbox.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub struct MailSink {
    port: u16,
    messages: Arc<Mutex<Vec<String>>>,
    accept: JoinHandle<()>,
}

impl MailSink {
    /// Listens on a free local port.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("mail port");
        let port = listener.local_addr().expect("address").port();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let kept = messages.clone();
        let accept = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let kept = kept.clone();
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut lines = BufReader::new(read).lines();
                    let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                    while let Ok(Some(line)) = lines.next_line().await {
                        let verb = line.split_whitespace().next().unwrap_or("").to_uppercase();
                        let answer: &[u8] = match verb.as_str() {
                            "DATA" => {
                                let _ = write.write_all(b"354 end with .\r\n").await;
                                let mut message = String::new();
                                while let Ok(Some(line)) = lines.next_line().await {
                                    if line == "." {
                                        break;
                                    }
                                    message.push_str(&line);
                                    message.push('\n');
                                }
                                kept.lock().expect("messages").push(message);
                                b"250 kept\r\n"
                            }
                            "QUIT" => {
                                let _ = write.write_all(b"221 bye\r\n").await;
                                return;
                            }
                            _ => b"250 ok\r\n",
                        };
                        if write.write_all(answer).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
        Self {
            port,
            messages,
            accept,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Every message received so far, headers and body, as sent.
    pub fn messages(&self) -> Vec<String> {
        self.messages.lock().expect("messages").clone()
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// The one-time password in a PocketBase OTP e-mail ("Your one-time password is:
/// <strong>…</strong>"), undoing quoted-printable soft line breaks first.
pub fn one_time_password(message: &str) -> Option<String> {
    let text = message.replace("=\n", "").replace("=3D", "=");
    let after = text.split("one-time password is:").nth(1)?;
    let digits: String = after
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then_some(digits)
}
