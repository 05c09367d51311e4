//! Reading a listed backup's file without changing it: download links with a short-lived file
//! token, its zip directory (`inspect.rs`) and a check of every byte (`verify.rs`).

use super::list::BackupList;
use crate::api::{ApiError, PocketBase};

/// A download command for another machine.
#[derive(Clone, Debug, PartialEq)]
pub struct DownloadCommand {
    pub line: String,
    /// When its file token stops working, from the token's `exp` claim.
    pub expires_ms: Option<f64>,
    /// Whether the browser let it onto the clipboard (else it is shown to copy by hand).
    pub copied: bool,
}

/// Reads stored backups' files for the pages: links, contents, checks.
#[derive(Clone, Copy)]
pub struct BackupFiles {
    pub(super) list: BackupList,
}

impl BackupFiles {
    pub(super) fn new(list: BackupList) -> Self {
        Self { list }
    }

    /// The signed-in client and a fresh, short-lived file token from it.
    pub(super) async fn fresh_token(self) -> Result<(PocketBase, String), ApiError> {
        let client = self.list.client()?;
        let token = self
            .list
            .session
            .screen(&client, client.file_token().await)?;
        Ok((client, token))
    }

    /// A download link for `key` with a fresh file token, and that token.
    async fn fresh_link(self, key: &str) -> Result<(String, String), ApiError> {
        let (client, token) = self.fresh_token().await?;
        Ok((client.download_url(&token, key), token))
    }

    /// A download link for `key` with a fresh, short-lived file token.
    pub async fn download_link(self, key: &str) -> Result<String, ApiError> {
        Ok(self.fresh_link(key).await?.0)
    }

    /// A `curl` line that downloads `key` on any machine, with a fresh file token, put on the
    /// clipboard.
    pub async fn copy_download_command(self, key: &str) -> Result<DownloadCommand, ApiError> {
        let (url, token) = self.fresh_link(key).await?;
        let line = crate::api::download_command(key, &url);
        let copied = super::browser::copy_text(&line).await;
        Ok(DownloadCommand {
            expires_ms: crate::api::token_expiry(&token).map(|s| s * 1000.0),
            line,
            copied,
        })
    }

    /// The listed size of `key`; 0 when it is not listed.
    pub fn size_of(self, key: &str) -> u64 {
        self.list.size_of(key)
    }
}
