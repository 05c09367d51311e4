//! The PocketBase client for the backups API: types, URLs, requests and errors.
//!
//! Nothing here knows about Leptos or the DOM: pages reach the server through `state`, and
//! `state` reaches it through this module, so the HTTP rules live in exactly one place.

mod client;
mod error;
mod json;
mod rules;
mod types;
mod upload;
mod url;
pub mod zip;

pub use client::PocketBase;
pub use error::{ApiError, FieldError};
pub use json::{decode, encode};
pub use rules::{check_backup_name, looks_like_zip, NameProblem, NAME_MAX_CHARS};
pub use types::{parse_modified, AuthRecord, AuthResponse, BackupInfo, Health, HealthData};
pub use upload::{UploadCanceller, UploadRequest};
pub use url::{download_url, encode_segment, normalize_server_url, BadServerUrl};
