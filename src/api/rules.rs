//! The server's rules, checked in the browser first so a mistake is explained before anything
//! is sent. PocketBase remains the judge: its refusals are shown as well.

/// Why a name for a new backup would be refused (`POST /api/backups`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameProblem {
    /// More than 150 characters.
    TooLong,
    /// Not `^[a-z0-9_-]+\.zip$`.
    Pattern,
}

pub const NAME_MAX_CHARS: usize = 150;

/// Checks a backup name like PocketBase does. An empty name is fine: the server picks one.
pub fn check_backup_name(name: &str) -> Result<(), NameProblem> {
    if name.is_empty() {
        return Ok(());
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(NameProblem::TooLong);
    }
    let stem = name.strip_suffix(".zip").ok_or(NameProblem::Pattern)?;
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-';
    if stem.is_empty() || !stem.chars().all(allowed) {
        return Err(NameProblem::Pattern);
    }
    Ok(())
}

/// Whether a file starts like a zip archive (local file header, or the end record of an empty
/// archive). PocketBase sniffs uploads and accepts only `application/zip`.
pub fn looks_like_zip(first_bytes: &[u8]) -> bool {
    first_bytes.starts_with(b"PK\x03\x04") || first_bytes.starts_with(b"PK\x05\x06")
}

/// The name for a backup the admin left unnamed, made at `epoch_ms`: PocketBase's own
/// `pb_backup_<app name>_<yyyymmddhhmmss>` plus `_<tag>` (see [`name_tag`]), `.zip`. The panel
/// picks it itself, so that the outcome of a create whose answer is lost can be told from the
/// list by name alone — and the tag keeps it apart from an unnamed backup that the server
/// makes for anyone else in the same second. The app name is put in snake case the way
/// PocketBase's inflector does: words of ASCII letters and digits joined by `_`, a `_` before
/// a capital that follows a non-capital, lowercased, cut to 50 characters.
pub fn unnamed_backup_name(app_name: &str, epoch_ms: i64, tag: &str) -> String {
    let mut snake = String::new();
    let words = app_name.split(|c: char| !c.is_ascii_alphanumeric());
    for word in words.filter(|w| !w.is_empty()) {
        if !snake.is_empty() {
            snake.push('_');
        }
        let mut previous_upper = true;
        for c in word.chars() {
            if c.is_ascii_uppercase() && !previous_upper {
                snake.push('_');
            }
            previous_upper = c.is_ascii_uppercase();
            snake.push(c.to_ascii_lowercase());
        }
    }
    snake.truncate(50);
    format!("pb_backup_{snake}_{}_{tag}.zip", super::utc_stamp(epoch_ms))
}

/// The name of the backup made just before a restore, which says what it is.
pub fn pre_restore_backup_name(epoch_ms: i64, tag: &str) -> String {
    format!("pre_restore_{}_{tag}.zip", super::utc_stamp(epoch_ms))
}

/// Four characters of `[a-z0-9]` from `random` in `[0, 1)` (e.g. `Math.random()`).
pub fn name_tag(random: f64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut n = (random.clamp(0.0, 1.0) * 36f64.powi(4)) as u32;
    (0..4)
        .map(|_| {
            let digit = DIGITS[(n % 36) as usize] as char;
            n /= 36;
            digit
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_like_the_server_with_a_tag_and_obeys_its_own_rule() {
        let at = 1_795_494_263_578; // 2026-11-24 04:24:23 UTC
        for (app, expected) in [
            ("Acme", "pb_backup_acme_20261124042423_k3x9.zip"),
            ("My CRM", "pb_backup_my_crm_20261124042423_k3x9.zip"),
            ("myApp2Go", "pb_backup_my_app2_go_20261124042423_k3x9.zip"),
            ("HTTPServer", "pb_backup_httpserver_20261124042423_k3x9.zip"),
            (
                "  shop -- v2 __ EU ",
                "pb_backup_shop_v2_eu_20261124042423_k3x9.zip",
            ),
            ("中文 App", "pb_backup_app_20261124042423_k3x9.zip"),
            ("", "pb_backup__20261124042423_k3x9.zip"),
        ] {
            let name = unnamed_backup_name(app, at, "k3x9");
            assert_eq!(name, expected, "{app:?}");
            assert_eq!(check_backup_name(&name), Ok(()), "{name}");
        }
        let long = unnamed_backup_name(&"x".repeat(400), at, "0000");
        assert_eq!(
            long,
            format!("pb_backup_{}_20261124042423_0000.zip", "x".repeat(50))
        );
        let pre = pre_restore_backup_name(at, "k3x9");
        assert_eq!(pre, "pre_restore_20261124042423_k3x9.zip");
        assert_eq!(check_backup_name(&pre), Ok(()));
    }

    #[test]
    fn tags_are_four_name_safe_characters() {
        assert_eq!(name_tag(0.0), "0000");
        assert_eq!(name_tag(0.999_999_9), "zzzz");
        assert_eq!(name_tag(2.0), "0000");
        let tags: std::collections::BTreeSet<String> =
            (0..1000).map(|i| name_tag(f64::from(i) / 1000.0)).collect();
        assert_eq!(tags.len(), 1000);
        for tag in tags {
            assert!(tag
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
        }
    }

    #[test]
    fn accepts_what_the_server_accepts() {
        for name in [
            "",
            "a.zip",
            "pb_backup_20230519.zip",
            "nightly-1_b.zip",
            "0.zip",
        ] {
            assert_eq!(check_backup_name(name), Ok(()), "{name:?}");
        }
        let longest = format!("{}.zip", "a".repeat(146));
        assert_eq!(check_backup_name(&longest), Ok(()));
    }

    #[test]
    fn refuses_what_the_server_refuses() {
        for name in [
            ".zip",
            "a",
            "a.ZIP",
            "A.zip",
            "my backup.zip",
            "a.b.zip",
            "中文.zip",
            "@auto.zip",
            "../a.zip",
            "a.zip ",
            " a.zip",
            "a.zip.zip.",
            "a/b.zip",
        ] {
            assert_eq!(
                check_backup_name(name),
                Err(NameProblem::Pattern),
                "{name:?}"
            );
        }
        let too_long = format!("{}.zip", "a".repeat(147));
        assert_eq!(check_backup_name(&too_long), Err(NameProblem::TooLong));
    }

    #[test]
    fn sniffs_zip_signatures() {
        assert!(looks_like_zip(b"PK\x03\x04rest"));
        assert!(looks_like_zip(b"PK\x05\x06"));
        assert!(!looks_like_zip(b"hello"));
        assert!(!looks_like_zip(b"PK"));
        assert!(!looks_like_zip(b""));
    }
}
