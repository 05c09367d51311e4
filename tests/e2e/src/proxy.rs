//! A TCP proxy in front of PocketBase that can cut every open connection on demand — a dropped
//! network or a proxy giving up, as the browser sees it — while it keeps accepting new ones.
//! Optionally it misbehaves as real proxies do: a request body limit answered the way nginx
//! does (413 with an HTML page), or a gateway that passes a request on but loses the answer
//! (504 with an HTML page).

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub struct Proxy {
    url: String,
    cuts: watch::Sender<u64>,
    accept: JoinHandle<()>,
}

/// How the proxy treats requests beyond passing them on.
#[derive(Clone)]
enum Rule {
    PassAll,
    /// Bodies over this many bytes are refused with 413.
    BodyLimit(u64),
    /// Requests whose request line contains this reach the server, but the client gets 504.
    LoseAnswerTo(String),
}

impl Proxy {
    /// Listens on a free local port and forwards to `target` (`host:port`).
    pub async fn start(target: &str) -> Self {
        Self::listen(target, Rule::PassAll).await
    }

    /// Like [`Proxy::start`], refusing request bodies over `limit` bytes with 413.
    pub async fn with_body_limit(target: &str, limit: u64) -> Self {
        Self::listen(target, Rule::BodyLimit(limit)).await
    }

    /// Like [`Proxy::start`], but a request whose request line contains `fragment` reaches the
    /// server and the client gets a 504 instead of the server's answer, as from a gateway that
    /// gave up waiting.
    pub async fn losing_the_answer_to(target: &str, fragment: &str) -> Self {
        Self::listen(target, Rule::LoseAnswerTo(fragment.to_owned())).await
    }

    async fn listen(target: &str, rule: Rule) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy port");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let (cuts, _) = watch::channel(0u64);
        let target = target.to_owned();
        let watcher = cuts.clone();
        let accept = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let mut cut = watcher.subscribe();
                let (target, rule) = (target.clone(), rule.clone());
                tokio::spawn(async move {
                    let Ok(mut server) = TcpStream::connect(&target).await else {
                        return;
                    };
                    let mut client = client;
                    if !matches!(rule, Rule::PassAll)
                        && !pass_request_head(&mut client, &mut server, &rule).await
                    {
                        return;
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

/// An error page the way proxies send them.
async fn answer_with_page(client: &mut TcpStream, status: &str) {
    let page = format!(
        "<html><head><title>{status}</title></head>\
         <body><center><h1>{status}</h1></center></body></html>"
    );
    let answer = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html\r\nAccess-Control-Allow-Origin: *\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{page}",
        page.len()
    );
    let _ = client.write_all(answer.as_bytes()).await;
}

/// Reads the request head from `client` and applies `rule`. Returns whether the rest of the
/// exchange passes through; if so the head has gone on to `server` with `Connection: close`,
/// so that every request comes on a new connection, checked again.
async fn pass_request_head(client: &mut TcpStream, server: &mut TcpStream, rule: &Rule) -> bool {
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
    if let Rule::BodyLimit(limit) = rule {
        if length > *limit {
            let mut left = length;
            let mut chunk = vec![0u8; 64 * 1024];
            while left > 0 {
                match client.read(&mut chunk).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => left = left.saturating_sub(n as u64),
                }
            }
            answer_with_page(client, "413 Request Entity Too Large").await;
            return false;
        }
    }
    lines.retain(|line| {
        !line
            .split_once(':')
            .is_some_and(|(name, _)| name.eq_ignore_ascii_case("connection"))
    });
    let forwarded = format!("{}\r\nConnection: close\r\n\r\n", lines.join("\r\n"));
    if server.write_all(forwarded.as_bytes()).await.is_err() {
        return false;
    }
    if let Rule::LoseAnswerTo(fragment) = rule {
        if lines
            .first()
            .is_some_and(|line| line.contains(fragment.as_str()))
        {
            // The body (if any) goes on; the server's answer is read and dropped.
            let mut body = vec![0u8; length as usize];
            if client.read_exact(&mut body).await.is_err() || server.write_all(&body).await.is_err()
            {
                return false;
            }
            let mut answer = Vec::new();
            let _ = server.read_to_end(&mut answer).await;
            answer_with_page(client, "504 Gateway Time-out").await;
            return false;
        }
    }
    true
}
