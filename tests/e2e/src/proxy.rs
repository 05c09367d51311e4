//! A TCP proxy in front of PocketBase that can cut every open connection on demand — a dropped
//! network or a proxy giving up, as the browser sees it — while it keeps accepting new ones.
//! It misbehaves as real networks and proxies do, on demand: a request body limit answered the
//! way nginx does (413 with an HTML page); a gateway that passes a request on but loses the
//! answer (504 with an HTML page); a request dropped before it reaches the server, or after
//! the server answered it (the connection closed, no answer); an outage (every connection
//! refused until it ends). Every request line it sees is counted.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub struct Proxy {
    url: String,
    cuts: watch::Sender<u64>,
    rules: Arc<Mutex<Rules>>,
    seen: Arc<Mutex<Vec<String>>>,
    accept: JoinHandle<()>,
}

/// How the proxy treats requests beyond passing them on; changed while it runs.
#[derive(Clone, Default)]
struct Rules {
    /// Bodies over this many bytes are refused with 413.
    body_limit: Option<u64>,
    /// Requests whose request line contains this reach the server, but the client gets 504.
    lose_answer_to: Option<String>,
    /// Requests whose request line contains this never reach the server: the connection closes.
    drop_request_to: Option<String>,
    /// Requests whose request line contains this reach the server; its answer is dropped and
    /// the connection closed.
    drop_answer_to: Option<String>,
    /// Every connection is refused (closed at once), as when the network is down.
    down: bool,
    /// Requests whose request line contains this reach the server only after this long: a
    /// slow answer.
    delay: Option<(String, std::time::Duration)>,
}

impl Proxy {
    /// Listens on a free local port and forwards to `target` (`host:port`).
    pub async fn start(target: &str) -> Self {
        Self::listen(target, Rules::default()).await
    }

    /// Like [`Proxy::start`], refusing request bodies over `limit` bytes with 413.
    pub async fn with_body_limit(target: &str, limit: u64) -> Self {
        let rules = Rules {
            body_limit: Some(limit),
            ..Rules::default()
        };
        Self::listen(target, rules).await
    }

    /// Like [`Proxy::start`], but a request whose request line contains `fragment` reaches the
    /// server and the client gets a 504 instead of the server's answer, as from a gateway that
    /// gave up waiting.
    pub async fn losing_the_answer_to(target: &str, fragment: &str) -> Self {
        let rules = Rules {
            lose_answer_to: Some(fragment.to_owned()),
            ..Rules::default()
        };
        Self::listen(target, rules).await
    }

    async fn listen(target: &str, rules: Rules) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy port");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let (cuts, _) = watch::channel(0u64);
        let rules = Arc::new(Mutex::new(rules));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let target = target.to_owned();
        let watcher = cuts.clone();
        let (shared_rules, shared_seen) = (rules.clone(), seen.clone());
        let accept = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let mut cut = watcher.subscribe();
                let target = target.clone();
                let (rules, seen) = (shared_rules.clone(), shared_seen.clone());
                tokio::spawn(async move {
                    if rules.lock().unwrap().down {
                        return; // Dropping the client's socket closes it.
                    }
                    let Ok(mut server) = TcpStream::connect(&target).await else {
                        return;
                    };
                    let mut client = client;
                    let handled = tokio::select! {
                        passed = pass_request_head(&mut client, &mut server, &rules, &seen) => passed,
                        _ = cut.changed() => false,
                    };
                    if !handled {
                        return;
                    }
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut client, &mut server) => {}
                        _ = cut.changed() => {}
                    }
                });
            }
        });
        Self {
            url,
            cuts,
            rules,
            seen,
            accept,
        }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Closes every connection open now, mid-request if need be.
    pub fn cut(&self) {
        self.cuts.send_modify(|n| *n += 1);
    }

    /// From now on (until `None`), requests whose request line contains `fragment` are dropped
    /// before they reach the server: the browser sees the connection close, with no answer.
    pub fn drop_requests_to(&self, fragment: Option<&str>) {
        self.rules.lock().unwrap().drop_request_to = fragment.map(str::to_owned);
    }

    /// From now on (until `None`), requests whose request line contains `fragment` reach the
    /// server, which answers; the answer is dropped and the connection closed.
    pub fn drop_answers_to(&self, fragment: Option<&str>) {
        self.rules.lock().unwrap().drop_answer_to = fragment.map(str::to_owned);
    }

    /// From now on (until `None`), requests whose request line contains `fragment` are held
    /// for `delay` before they go on to the server, so their answers come that much later.
    pub fn delay_answers_to(&self, fragment: Option<&str>, delay: std::time::Duration) {
        self.rules.lock().unwrap().delay = fragment.map(|f| (f.to_owned(), delay));
    }

    /// Takes the network down (every connection cut and refused) or up again.
    pub fn set_down(&self, down: bool) {
        self.rules.lock().unwrap().down = down;
        if down {
            self.cut();
        }
    }

    /// How many requests whose request line contains `fragment` the proxy was sent (passed on
    /// or not).
    pub fn requests_seen(&self, fragment: &str) -> usize {
        let seen = self.seen.lock().unwrap();
        seen.iter().filter(|line| line.contains(fragment)).count()
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

/// Reads the request head from `client` and applies the rules. Returns whether the rest of the
/// exchange passes through; if so the head has gone on to `server` with `Connection: close`,
/// so that every request comes on a new connection, checked again.
async fn pass_request_head(
    client: &mut TcpStream,
    server: &mut TcpStream,
    rules: &Mutex<Rules>,
    seen: &Mutex<Vec<String>>,
) -> bool {
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
    let request_line = lines.first().copied().unwrap_or_default().to_owned();
    seen.lock().unwrap().push(request_line.clone());
    let rules = rules.lock().unwrap().clone();
    let matches = |fragment: &Option<String>| {
        fragment
            .as_deref()
            .is_some_and(|fragment| request_line.contains(fragment))
    };
    if rules.down || matches(&rules.drop_request_to) {
        return false;
    }
    if let Some((fragment, delay)) = &rules.delay {
        if request_line.contains(fragment.as_str()) {
            tokio::time::sleep(*delay).await;
        }
    }
    let length = lines
        .iter()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<u64>().ok())?
        })
        .unwrap_or(0);
    if let Some(limit) = rules.body_limit {
        if length > limit {
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
    let lose = matches(&rules.lose_answer_to);
    if lose || matches(&rules.drop_answer_to) {
        // The body (if any) goes on; the server's answer is read and dropped.
        if tokio::io::copy(&mut (&mut *client).take(length), server)
            .await
            .is_err()
        {
            return false;
        }
        let mut answer = Vec::new();
        let _ = server.read_to_end(&mut answer).await;
        if lose {
            answer_with_page(client, "504 Gateway Time-out").await;
        }
        return false;
    }
    true
}
