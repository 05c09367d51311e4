//! What a server can do. PocketBase publishes no version, so this is found from what it answers
//! — once per server, at sign-in — and kept with its session:
//! - 0.22 and older keep their admins in `/api/admins`; 0.23 moved them to the `_superusers`
//!   collection, which also brought MFA and one-time codes.
//! - `/api/crons`, which runs the automatic backup job now, came with 0.24.
//! - 0.22 logs a failed automatic backup at debug level; 0.23 and later as an error.

use serde::{Deserialize, Serialize};

/// Where a server keeps the accounts that may manage its backups.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Accounts {
    /// The `_superusers` collection (0.23 and later).
    #[default]
    Superusers,
    /// `/api/admins` (0.22 and older).
    Admins,
}

/// Kept as `"admins": true|false`: a bool costs the wasm less to read and write than a
/// named variant.
impl Serialize for Accounts {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(*self == Accounts::Admins)
    }
}

impl<'de> Deserialize<'de> for Accounts {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match bool::deserialize(deserializer)? {
            true => Accounts::Admins,
            false => Accounts::Superusers,
        })
    }
}

impl Accounts {
    /// The path under which this kind of account signs in and renews its token.
    pub(super) fn auth_path(self) -> &'static str {
        match self {
            Accounts::Superusers => "/api/collections/_superusers",
            Accounts::Admins => "/api/admins",
        }
    }
}

/// The versions of PocketBase a server's answers place it among.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Admins, not superusers: 0.22 or older.
    Before0_23,
    /// Superusers, no cron API.
    V0_23,
    /// Superusers and the cron API.
    Since0_24,
}

/// The log levels PocketBase writes (slog's): a failure at a level below a server's
/// `logs.minLevel` is never kept.
const DEBUG: i64 = -4;
const ERROR: i64 = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capabilities {
    #[serde(default, rename = "admins")]
    pub accounts: Accounts,
    /// `/api/crons` answers (0.24 and later): the automatic backup job can be run now.
    /// A session saved before capabilities were kept counts as having it, as the panel then
    /// assumed; a refusal that says otherwise corrects it.
    #[serde(default = "yes")]
    pub crons: bool,
}

fn yes() -> bool {
    true
}

impl Default for Capabilities {
    fn default() -> Self {
        Self {
            accounts: Accounts::Superusers,
            crons: true,
        }
    }
}

impl Capabilities {
    /// The level at which the server logs a failed automatic backup.
    pub fn auto_failure_level(self) -> i64 {
        match self.accounts {
            Accounts::Admins => DEBUG,
            Accounts::Superusers => ERROR,
        }
    }

    pub fn family(self) -> Family {
        match (self.accounts, self.crons) {
            (Accounts::Admins, _) => Family::Before0_23,
            (Accounts::Superusers, false) => Family::V0_23,
            (Accounts::Superusers, true) => Family::Since0_24,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{decode, encode};

    #[test]
    fn a_session_saved_before_capabilities_were_kept_reads_as_a_superusers_server_with_crons() {
        let read: Capabilities = decode("{}").unwrap();
        assert_eq!(read, Capabilities::default());
        assert_eq!(read.family(), Family::Since0_24);
    }

    #[test]
    fn capabilities_are_kept_as_json_and_read_back() {
        let admins = Capabilities {
            accounts: Accounts::Admins,
            crons: false,
        };
        assert_eq!(encode(&admins), r#"{"admins":true,"crons":false}"#);
        assert_eq!(decode::<Capabilities>(&encode(&admins)).unwrap(), admins);
    }

    #[test]
    fn each_family_has_what_its_versions_have() {
        let old = Capabilities {
            accounts: Accounts::Admins,
            crons: false,
        };
        assert_eq!(old.family(), Family::Before0_23);
        assert_eq!(old.auto_failure_level(), DEBUG);
        let v0_23 = Capabilities {
            accounts: Accounts::Superusers,
            crons: false,
        };
        assert_eq!(v0_23.family(), Family::V0_23);
        assert_eq!(v0_23.auto_failure_level(), ERROR);
        assert_eq!(Accounts::Admins.auth_path(), "/api/admins");
    }
}
