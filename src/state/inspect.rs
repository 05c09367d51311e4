//! What a stored backup holds, read from its end through byte ranges — never the whole file.

use std::cell::Cell;

use leptos::prelude::*;

use super::backups::BackupsState;
use crate::api::{zip, Contents};

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

impl BackupsState {
    /// Reads what the stored backup `key` holds from its zip directory: its first bytes, its
    /// tail and the directory, through a file token and `Range` requests.
    pub async fn inspect(self, key: String) -> Inspected {
        let size = self
            .rows
            .with_untracked(|rows| rows.iter().find(|r| r.key == key).map(|r| r.size))
            .unwrap_or_default();
        let bytes_read = Cell::new(0);
        let inspection = self.read_contents(&key, size, &bytes_read).await;
        Inspected {
            key,
            inspection,
            bytes_read: bytes_read.get(),
            size,
        }
    }

    async fn read_contents(self, key: &str, size: u64, bytes_read: &Cell<u64>) -> Inspection {
        let Ok(client) = self.client() else {
            return Inspection::Unreadable;
        };
        let Ok(token) = self.session.screen(&client, client.file_token().await) else {
            return Inspection::Unreadable;
        };
        let read = |start, end| {
            let (client, token) = (&client, &token);
            Box::pin(async move {
                let part = client.read_range(token, key, start, end).await.ok()?;
                bytes_read.set(bytes_read.get() + part.len() as u64);
                Some(part)
            }) as _
        };
        match zip::read_entries(size, &read).await {
            Ok(Some(entries)) => Inspection::Read(Contents::of(&entries)),
            Ok(None) => Inspection::TooLarge,
            Err(zip::ZipProblem::NotZip) => Inspection::NotZip,
            Err(zip::ZipProblem::Unreadable) => Inspection::Unreadable,
        }
    }
}
