//! A TCP proxy in front of PocketBase that can cut every open connection on demand — a dropped
//! network or a proxy giving up, as the browser sees it — while it keeps accepting new ones;
//! optionally with a request body limit, answered the way nginx does (413 with an HTML page).

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub struct Proxy {
    url: String,
    cuts: watch::Sender<u64>,
    accept: JoinHandle<()>,
}

impl Proxy {
    /// Listens on a free local port and forwards to `target` (`host:port`).
    pub async fn start(target: &str) -> Self {
        Self::listen(target, None).await
    }

    /// Like [`Proxy::start`], refusing request bodies over `limit` bytes with 413.
    pub async fn with_body_limit(target: &str, limit: u64) -> Self {
        Self::listen(target, Some(limit)).await
    }

    async fn listen(target: &str, limit: Option<u64>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy port");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let (cuts, _) = watch::channel(0u64);
        let target = target.to_owned();
        let watcher = cuts.clone();
        let accept = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let mut cut = watcher.subscribe();
                let target = target.clone();
                tokio::spawn(async move {
                    let Ok(mut server) = TcpStream::connect(&target).await else {
                        return;
                    };
                    let mut client = client;
                    if let Some(limit) = limit {
                        if !pass_request_head(&mut client, &mut server, limit).await {
                            return;
                        }
                    }
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut.changed() => {}
                    }
                });
            }
        });
        Self { url, cuts, accept }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Closes every connection open now, mid-request if need be.
    pub fn cut(&self) {
        self.cuts.send_modify(|n| *n += 1);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.accept.abort();
        self.cut();
    }
}

/// Reads the request head from `client`. A body over `limit` is read and answered with 413
/// (false: the connection is done); otherwise the head goes on to `server` with
/// `Connection: close`, so that every request comes on a new, checked connection.
async fn pass_request_head(client: &mut TcpStream, server: &mut TcpStream, limit: u64) -> bool {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match client.read(&mut byte).await {
            Ok(1) => head.push(byte[0]),
            _ => return false,
        }
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    let length = lines
        .iter()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<u64>().ok())?
        })
        .unwrap_or(0);
    if length > limit {
        let mut left = length;
        let mut chunk = vec![0u8; 64 * 1024];
        while left > 0 {
            match client.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => left = left.saturating_sub(n as u64),
            }
        }
        let page = "<html><head><title>413 Request Entity Too Large</title></head>\
            <body><center><h1>413 Request Entity Too Large</h1></center></body></html>";
        let answer = format!(
            "HTTP/1.1 413 Request Entity Too Large\r\nContent-Type: text/html\r\n\
             Access-Control-Allow-Origin: *\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
            page.len()
        );
        let _ = client.write_all(answer.as_bytes()).await;
        return false;
    }
    lines.retain(|line| {
        !line
            .split_once(':')
            .is_some_and(|(name, _)| name.eq_ignore_ascii_case("connection"))
    });
    let forwarded = format!("{}\r\nConnection: close\r\n\r\n", lines.join("\r\n"));
    server.write_all(forwarded.as_bytes()).await.is_ok()
}
