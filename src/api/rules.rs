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

#[cfg(test)]
mod tests {
    use super::*;

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
