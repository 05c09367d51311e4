//! Which backups the page shows and in what order (search and sort), and where that view lives
//! in the address bar, so a reload or a shared link shows it again.

use std::collections::BTreeSet;
use std::ops::Range;

use leptos::prelude::*;

use super::browser::current_query;
use super::list_view::{matching, search_keys, search_needle, sort_order, totals, ListView};
use super::navigation::Navigation;
use crate::api::BackupInfo;

#[derive(Clone, Copy)]
pub struct ShownBackups {
    /// The list's rows, owned by `BackupList`: only read here.
    rows: RwSignal<Vec<BackupInfo>>,
    /// Search and sort, mirrored in the page's URL.
    view: RwSignal<ListView>,
    /// Positions in `rows` of what the search lets through, in the chosen order. Built from
    /// memos that sort only when the rows or the sort change, so a keystroke only filters.
    positions: Memo<Vec<u32>>,
    /// Owns the address bar.
    navigation: Navigation,
}

impl ShownBackups {
    /// The view starts from the page's query string (a reload, or a link opened before sign-in).
    pub(super) fn new(rows: RwSignal<Vec<BackupInfo>>, navigation: Navigation) -> Self {
        let view = RwSignal::new(ListView::from_query_string(&current_query()));
        Self {
            rows,
            view,
            positions: shown_positions(rows, view),
            navigation,
        }
    }

    pub fn view(&self) -> Signal<ListView> {
        self.view.into()
    }

    /// Shows the list this way, and puts it in the URL so a reload or a link shows it too.
    pub fn set_view(&self, view: ListView) {
        self.view.set(view);
        self.show_address();
    }

    /// Puts the view in the address bar (see `address.rs` for where).
    pub fn show_address(&self) {
        let query = self.view.with_untracked(ListView::to_query_string);
        self.navigation.show_list_query(&query);
    }

    /// Positions in the rows of those the search lets through, in the chosen order.
    pub fn positions(&self) -> Memo<Vec<u32>> {
        self.positions
    }

    /// The rows at these positions of `positions()` (clamped to it).
    pub fn between(&self, range: Range<usize>) -> Vec<BackupInfo> {
        self.rows.with(|rows| {
            self.positions.with(|shown| {
                let end = range.end.min(shown.len());
                let part = &shown[range.start.min(end)..end];
                part.iter().map(|&at| rows[at as usize].clone()).collect()
            })
        })
    }

    /// The keys of every row shown.
    pub fn keys(&self) -> BTreeSet<String> {
        self.rows.with(|rows| {
            self.positions.with(|shown| {
                shown
                    .iter()
                    .map(|&at| rows[at as usize].key.clone())
                    .collect()
            })
        })
    }

    /// Whether `keys` holds every row shown, and there is one.
    pub fn all_among(&self, keys: &BTreeSet<String>) -> bool {
        self.rows.with(|rows| {
            self.positions.with(|shown| {
                !shown.is_empty()
                    && keys.len() >= shown.len()
                    && shown
                        .iter()
                        .all(|&at| keys.contains(&rows[at as usize].key))
            })
        })
    }

    /// Count and total size of the rows shown, and of all rows.
    pub fn totals(&self) -> ((usize, u64), (usize, u64)) {
        self.rows.with(|rows| {
            let shown = self.positions.with(|shown| totals(rows, Some(shown)));
            (shown, totals(rows, None))
        })
    }
}

/// The `positions` memo, in steps that each run only when their own input changes.
fn shown_positions(rows: RwSignal<Vec<BackupInfo>>, view: RwSignal<ListView>) -> Memo<Vec<u32>> {
    let sort = Memo::new(move |_| view.with(|v| (v.sort, v.descending)));
    let order = Memo::new(move |_| {
        let (key, descending) = sort.get();
        rows.with(|rows| sort_order(rows, key, descending))
    });
    let keys = Memo::new(move |_| rows.with(|rows| search_keys(rows)));
    let needle = Memo::new(move |_| view.with(|v| search_needle(&v.query)));
    Memo::new(move |_| {
        order.with(|order| keys.with(|keys| needle.with(|needle| matching(order, keys, needle))))
    })
}
