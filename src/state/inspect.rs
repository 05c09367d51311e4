//! What a stored backup holds, read from its end through byte ranges — never the whole file.

use leptos::prelude::*;

use super::backups::BackupsState;
use crate::api::zip;

impl BackupsState {
    /// Whether the stored backup `key` lists `data.db`, which every PocketBase backup has and
    /// a restore needs. `None` when that cannot be told (unreadable, or a huge directory).
    pub async fn lists_data_db(self, key: String) -> Option<bool> {
        let client = self.client().ok()?;
        let size = self
            .rows
            .with_untracked(|rows| rows.iter().find(|r| r.key == key).map(|r| r.size))?;
        let token = self
            .session
            .screen(&client, client.file_token().await)
            .ok()?;
        let read = |start, end| {
            let (client, token, key) = (&client, &token, &key);
            Box::pin(async move { client.read_range(token, key, start, end).await.ok() }) as _
        };
        match zip::lists_file(size, "data.db", &read).await {
            Ok(listed) => listed,
            // Not a zip at all: it has no data.db either.
            Err(zip::ZipProblem::NotZip) => Some(false),
            Err(zip::ZipProblem::Unreadable) => None,
        }
    }
}
