//! The PocketBase client for the backups API: types, URLs, requests and errors.
//!
//! Nothing here knows about Leptos or the DOM: pages reach the server through `state`, and
//! `state` reaches it through this module, so the HTTP rules live in exactly one place.

mod capabilities;
mod client;
mod compare;
mod contents;
pub mod cron;
mod early;
mod error;
mod json;
mod policy;
mod realtime;
pub mod retention;
mod rules;
mod time;
mod token;
mod types;
mod upload;
mod url;
pub mod verify;
pub mod zip;

pub use capabilities::{Accounts, Capabilities, Family};
pub use client::PocketBase;
pub use compare::{Changed, Comparison};
pub use contents::Contents;
pub use error::{ApiError, FieldError};
pub use json::{decode, encode};
pub use realtime::RealtimeLink;
pub use rules::{
    check_backup_name, looks_like_zip, name_tag, pre_restore_backup_name, unnamed_backup_name,
    NameProblem, NAME_MAX_CHARS,
};
pub use time::{parse_modified, utc_stamp};
pub use token::token_expiry;
pub use types::{
    AuthRecord, AuthResponse, BackupInfo, BackupSettings, BackupsPatch, Health, HealthData,
    LogData, LogEntry, S3Patch, S3Settings, ServerSettings, SettingsLogs,
};
pub use upload::{UploadCanceller, UploadRequest};
pub use url::{download_command, download_url, encode_segment, normalize_server_url, BadServerUrl};
