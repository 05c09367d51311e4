//! What a stored backup holds, read from its end through byte ranges — never the whole file.

use std::cell::Cell;

use super::files::BackupFiles;
use crate::api::zip::{self, Entry};
use crate::api::{Comparison, Contents};

/// What reading a stored backup's zip directory told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inspection {
    Read(Contents),
    /// Not a zip archive: no PocketBase backup either.
    NotZip,
    /// Its directory is larger than the panel reads ([`zip::MAX_DIRECTORY_LEN`]).
    TooLarge,
    /// The bytes could not be read: the server, the network, or a range it refused.
    Unreadable,
}

impl Inspection {
    /// Whether restoring it is bound to fail: it is not a PocketBase backup. `None`: unknown.
    pub fn restore_fails(&self) -> Option<bool> {
        match self {
            Inspection::Read(contents) => Some(!contents.is_backup()),
            Inspection::NotZip => Some(true),
            Inspection::TooLarge | Inspection::Unreadable => None,
        }
    }
}

/// An inspection, and how many of the backup's bytes it took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inspected {
    pub key: String,
    pub inspection: Inspection,
    pub bytes_read: u64,
    pub size: u64,
}

/// Why two backups could not be compared: the first of them that could not be read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotCompared {
    pub key: String,
    pub why: Inspection,
}

/// Two backups compared, older first (by their modified time).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compared {
    pub older: String,
    pub newer: String,
    pub comparison: Comparison,
}

impl BackupFiles {
    /// Reads what the stored backup `key` holds from its zip directory: its first bytes, its
    /// tail and the directory, through a file token and `Range` requests.
    pub async fn inspect(self, key: String) -> Inspected {
        let size = self.list.size_of(&key);
        let bytes_read = Cell::new(0);
        let inspection = match self.read_entries(&key, size, &bytes_read).await {
            Ok(entries) => Inspection::Read(Contents::of(&entries)),
            Err(problem) => problem,
        };
        Inspected {
            key,
            inspection,
            bytes_read: bytes_read.get(),
            size,
        }
    }

    /// What changed between the stored backups `a` and `b`, from their zip directories alone.
    pub async fn compare(self, a: String, b: String) -> Result<Compared, NotCompared> {
        let modified = |key: &str| self.list.modified_ms(key);
        let (older, newer) = if modified(&b) < modified(&a) {
            (b, a)
        } else {
            (a, b)
        };
        let unused = Cell::new(0);
        let mut read = Vec::new();
        for key in [&older, &newer] {
            let entries = self
                .read_entries(key, self.list.size_of(key), &unused)
                .await;
            read.push(entries.map_err(|why| NotCompared {
                key: key.clone(),
                why,
            })?);
        }
        Ok(Compared {
            comparison: Comparison::of(&read[0], &read[1]),
            older,
            newer,
        })
    }

    /// The zip entries of `key`, counting the bytes read into `bytes_read`; the problem as an
    /// [`Inspection`] when there are none to show.
    pub(super) async fn read_entries(
        self,
        key: &str,
        size: u64,
        bytes_read: &Cell<u64>,
    ) -> Result<Vec<Entry>, Inspection> {
        let (client, token) = self
            .fresh_token()
            .await
            .map_err(|_| Inspection::Unreadable)?;
        let read = |start, end| {
            let (client, token) = (&client, &token);
            Box::pin(async move {
                let part = client.read_range(token, key, start, end).await.ok()?;
                bytes_read.set(bytes_read.get() + part.len() as u64);
                Some(part)
            }) as _
        };
        match zip::read_entries(size, &read).await {
            Ok(Some(entries)) => Ok(entries),
            Ok(None) => Err(Inspection::TooLarge),
            Err(zip::ZipProblem::NotZip) => Err(Inspection::NotZip),
            Err(zip::ZipProblem::Unreadable) => Err(Inspection::Unreadable),
        }
    }
}
