//! The backups list: rows sorted newest first, and whether the latest load worked.

use std::cmp::Reverse;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::SessionState;
use crate::api::{ApiError, BackupInfo};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListStatus {
    Loading,
    Ready,
    Failed(ApiError),
}

#[derive(Clone, Copy)]
pub struct BackupsState {
    session: SessionState,
    rows: RwSignal<Vec<BackupInfo>>,
    status: RwSignal<ListStatus>,
    /// Numbers each load; only the newest may write, so a slow old answer cannot win.
    latest_load: StoredValue<u64>,
}

impl BackupsState {
    pub fn new(session: SessionState) -> Self {
        Self {
            session,
            rows: RwSignal::new(Vec::new()),
            status: RwSignal::new(ListStatus::Loading),
            latest_load: StoredValue::new(0),
        }
    }

    /// The last list the server sent, newest first. Kept while a refresh runs or fails.
    pub fn rows(&self) -> Signal<Vec<BackupInfo>> {
        self.rows.into()
    }

    pub fn status(&self) -> Signal<ListStatus> {
        self.status.into()
    }

    /// Loads the list from the server again.
    pub fn refresh(&self) {
        let Some(client) = self.session.client() else {
            return;
        };
        let this = *self;
        let load = self.latest_load.get_value() + 1;
        self.latest_load.set_value(load);
        self.status.set(ListStatus::Loading);
        spawn_local(async move {
            let result = this.session.screen(client.list(None).await);
            if this.latest_load.try_get_value() != Some(load) {
                return;
            }
            match result {
                Ok(mut rows) => {
                    sort_newest_first(&mut rows);
                    this.rows.set(rows);
                    this.status.set(ListStatus::Ready);
                }
                Err(error) => this.status.set(ListStatus::Failed(error)),
            }
        });
    }
}

/// The server does not sort. Newest first; undated rows last; ties by key for a stable order.
pub fn sort_newest_first(rows: &mut [BackupInfo]) {
    rows.sort_by(|a, b| {
        let newest = Reverse(a.modified_ms()).cmp(&Reverse(b.modified_ms()));
        newest.then_with(|| a.key.cmp(&b.key))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backup(key: &str, modified: &str) -> BackupInfo {
        BackupInfo {
            key: key.into(),
            size: 1,
            modified: modified.into(),
        }
    }

    #[test]
    fn sorts_newest_first_with_undated_last() {
        let mut rows = vec![
            backup("old.zip", "2023-05-18 16:25:57.542Z"),
            backup("undated.zip", ""),
            backup("new.zip", "2023-05-19 16:25:57.542Z"),
            backup("b.zip", "2023-05-18 16:25:57.600Z"),
            backup("a.zip", "2023-05-18 16:25:57.600Z"),
        ];
        sort_newest_first(&mut rows);
        let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(
            keys,
            ["new.zip", "a.zip", "b.zip", "old.zip", "undated.zip"]
        );
    }
}
