//! URL building. Backup keys are data chosen by whoever uploaded the file (`a#b?c.zip`,
//! `中文.zip`, `../x.zip`), so every key is percent-encoded as one path segment.

/// Why a typed server address cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadServerUrl {
    Empty,
    /// Only `http://` and `https://` servers can be reached with `fetch`.
    NotHttp,
    /// Query strings and fragments would end up in the middle of every API path.
    HasQueryOrFragment,
}

/// Trims the address an admin typed and drops trailing slashes, so that paths can be appended.
pub fn normalize_server_url(input: &str) -> Result<String, BadServerUrl> {
    let url = input.trim();
    if url.is_empty() {
        return Err(BadServerUrl::Empty);
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))
        .ok_or(BadServerUrl::NotHttp)?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(BadServerUrl::NotHttp);
    }
    if url.contains(['?', '#']) {
        return Err(BadServerUrl::HasQueryOrFragment);
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// Percent-encodes everything but RFC 3986 unreserved characters, byte by byte of the UTF-8.
pub fn encode_segment(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for byte in raw.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
    out
}

pub(crate) fn backups_url(base: &str) -> String {
    format!("{base}/api/backups")
}

pub(crate) fn backup_url(base: &str, key: &str) -> String {
    format!("{base}/api/backups/{}", encode_segment(key))
}

/// A browser-native download link. It carries a short-lived *file* token, never the auth token.
pub fn download_url(base: &str, key: &str, file_token: &str) -> String {
    format!(
        "{}?token={}",
        backup_url(base, key),
        encode_segment(file_token)
    )
}

/// A shell line that downloads `url` into a file named `key` with curl, for an admin to run on
/// another machine: `curl -fLo '<key>' '<url>'`. Both are single-quoted, so nothing in a key
/// (spaces, `$`, `;`, quotes) reaches the shell as syntax.
pub fn download_command(key: &str, url: &str) -> String {
    format!("curl -fLo {} {}", shell_quote(key), shell_quote(url))
}

/// `text` as one POSIX shell word: inside single quotes, where only `'` needs care (`'\''`).
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_hostile_keys_as_one_segment() {
        assert_eq!(encode_segment("pb_backup_1.zip"), "pb_backup_1.zip");
        assert_eq!(encode_segment("a#b?c%20d.zip"), "a%23b%3Fc%2520d.zip");
        assert_eq!(encode_segment("../x.zip"), "..%2Fx.zip");
        assert_eq!(
            encode_segment("My Backup (1).zip"),
            "My%20Backup%20%281%29.zip"
        );
        assert_eq!(
            encode_segment("@auto_pb_backup_x.zip"),
            "%40auto_pb_backup_x.zip"
        );
        assert_eq!(
            encode_segment("中文备份.zip"),
            "%E4%B8%AD%E6%96%87%E5%A4%87%E4%BB%BD.zip"
        );
        assert_eq!(
            encode_segment("<img src=x onerror=alert(1)>.zip"),
            "%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.zip"
        );
    }

    #[test]
    fn builds_endpoint_urls() {
        let base = "http://127.0.0.1:8090";
        assert_eq!(backups_url(base), "http://127.0.0.1:8090/api/backups");
        assert_eq!(
            backup_url(base, "a b.zip"),
            "http://127.0.0.1:8090/api/backups/a%20b.zip"
        );
        assert_eq!(
            download_url(base, "a#b.zip", "t.k+n="),
            "http://127.0.0.1:8090/api/backups/a%23b.zip?token=t.k%2Bn%3D"
        );
    }

    #[test]
    fn quotes_download_commands_for_the_shell() {
        assert_eq!(
            download_command("a.zip", "http://h/api/backups/a.zip?token=t"),
            "curl -fLo 'a.zip' 'http://h/api/backups/a.zip?token=t'"
        );
        assert_eq!(
            download_command("it's $HOME; rm -rf x.zip", "u"),
            "curl -fLo 'it'\\''s $HOME; rm -rf x.zip' 'u'"
        );
    }

    #[test]
    fn normalizes_server_urls() {
        assert_eq!(
            normalize_server_url(" http://127.0.0.1:8090/ "),
            Ok("http://127.0.0.1:8090".into())
        );
        assert_eq!(
            normalize_server_url("https://pb.example.com/sub//"),
            Ok("https://pb.example.com/sub".into())
        );
        assert_eq!(
            normalize_server_url("HTTPS://PB.example.com"),
            Ok("HTTPS://PB.example.com".into())
        );
        assert_eq!(normalize_server_url("   "), Err(BadServerUrl::Empty));
        assert_eq!(
            normalize_server_url("pb.example.com"),
            Err(BadServerUrl::NotHttp)
        );
        assert_eq!(
            normalize_server_url("ftp://pb.example.com"),
            Err(BadServerUrl::NotHttp)
        );
        assert_eq!(normalize_server_url("http://"), Err(BadServerUrl::NotHttp));
        assert_eq!(
            normalize_server_url("http://x/?a=1"),
            Err(BadServerUrl::HasQueryOrFragment)
        );
        assert_eq!(
            normalize_server_url("http://x/#/"),
            Err(BadServerUrl::HasQueryOrFragment)
        );
    }
}
