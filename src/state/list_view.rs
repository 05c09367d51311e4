//! How the list is shown: the search text and the sort, kept in the page's URL
//! (`?q=auto&sort=-size`) so a reload or a shared link shows the same view. Pure functions.

use crate::api::{encode_segment, BackupInfo};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    Name,
    #[default]
    Date,
    Size,
}

impl SortKey {
    fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Date => "date",
            SortKey::Size => "size",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListView {
    pub query: String,
    pub sort: SortKey,
    pub descending: bool,
}

impl Default for ListView {
    /// Newest first, everything shown.
    fn default() -> Self {
        Self {
            query: String::new(),
            sort: SortKey::Date,
            descending: true,
        }
    }
}

impl ListView {
    /// Reads `?q=…&sort=-size` (the leading `?` is optional); unknown parts are ignored.
    pub fn from_query_string(search: &str) -> Self {
        let mut view = Self::default();
        for pair in search.trim_start_matches('?').split('&') {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode_component(value);
            match name {
                "q" => view.query = value,
                "sort" => {
                    let (descending, key) = match value.strip_prefix('-') {
                        Some(key) => (true, key),
                        None => (false, value.as_str()),
                    };
                    let key = match key {
                        "name" => SortKey::Name,
                        "date" => SortKey::Date,
                        "size" => SortKey::Size,
                        _ => continue,
                    };
                    view.sort = key;
                    view.descending = descending;
                }
                _ => {}
            }
        }
        view
    }

    /// The query string for this view, `""` for the default view.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.query.is_empty() {
            parts.push(format!("q={}", encode_segment(&self.query)));
        }
        if (self.sort, self.descending) != (SortKey::Date, true) {
            let sign = if self.descending { "-" } else { "" };
            parts.push(format!("sort={sign}{}", self.sort.as_str()));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }

    /// Clicking a column header: that column, or the same column the other way round. Dates and
    /// sizes start with the largest, names with A.
    pub fn sorted_by(&self, key: SortKey) -> Self {
        let descending = if self.sort == key {
            !self.descending
        } else {
            key != SortKey::Name
        };
        Self {
            sort: key,
            descending,
            ..self.clone()
        }
    }

    /// The rows that match the search, in this order: the three steps below, which the page
    /// keeps apart (so a keystroke neither sorts nor lowercases again), composed for the tests.
    #[cfg(test)]
    pub fn apply(&self, rows: &[BackupInfo]) -> Vec<BackupInfo> {
        let order = sort_order(rows, self.sort, self.descending);
        let matches = matching(&order, &search_keys(rows), &search_needle(&self.query));
        matches
            .iter()
            .map(|&at| rows[at as usize].clone())
            .collect()
    }
}

/// Positions in `rows`, in the order of that column (ties by key). Lists can hold 10,000 rows:
/// each date is parsed once, not once per comparison.
pub fn sort_order(rows: &[BackupInfo], sort: SortKey, descending: bool) -> Vec<u32> {
    let dates: Vec<Option<i64>> = match sort {
        SortKey::Date => rows.iter().map(BackupInfo::modified_ms).collect(),
        _ => Vec::new(),
    };
    let mut order: Vec<u32> = (0..rows.len() as u32).collect();
    // Keys are unique, so ties broken by key leave nothing for a stable sort to keep.
    order.sort_unstable_by(|&a, &b| {
        let (ra, rb) = (&rows[a as usize], &rows[b as usize]);
        let by_column = match sort {
            SortKey::Name => ra.key.cmp(&rb.key),
            // Undated rows sort as the oldest.
            SortKey::Date => dates[a as usize].cmp(&dates[b as usize]),
            SortKey::Size => ra.size.cmp(&rb.size),
        };
        let by_column = if descending {
            by_column.reverse()
        } else {
            by_column
        };
        by_column.then_with(|| ra.key.cmp(&rb.key))
    });
    order
}

/// Each key lowercased, once per list.
pub fn search_keys(rows: &[BackupInfo]) -> Vec<String> {
    rows.iter().map(|row| lowercase(&row.key)).collect()
}

/// What the search box holds, as the keys are compared with it.
pub fn search_needle(query: &str) -> String {
    lowercase(query.trim())
}

/// In the browser, its own `toLowerCase` (the same Unicode rules), which keeps core's case
/// tables out of the wasm.
#[cfg(target_arch = "wasm32")]
fn lowercase(text: &str) -> String {
    js_sys::JsString::from(text).to_lower_case().into()
}

#[cfg(not(target_arch = "wasm32"))]
fn lowercase(text: &str) -> String {
    text.to_lowercase()
}

/// The positions of `order` whose key contains `needle` (from `search_keys` and
/// `search_needle`), still in that order.
pub fn matching(order: &[u32], search_keys: &[String], needle: &str) -> Vec<u32> {
    if needle.is_empty() {
        return order.to_vec();
    }
    let hits = |&&at: &&u32| search_keys[at as usize].contains(needle);
    order.iter().filter(hits).copied().collect()
}

/// Count and total size of the backups at `positions` (all of them for `None`).
pub fn totals(rows: &[BackupInfo], positions: Option<&[u32]>) -> (usize, u64) {
    match positions {
        None => (rows.len(), rows.iter().map(|r| r.size).sum()),
        Some(at) => (at.len(), at.iter().map(|&i| rows[i as usize].size).sum()),
    }
}

/// `%XX` sequences and `+` (a space in query strings) decoded; invalid UTF-8 replaced.
fn decode_component(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b'+', ..) => {
                out.push(b' ');
                i += 1;
            }
            (byte, ..) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backup(key: &str, size: u64, modified: &str) -> BackupInfo {
        BackupInfo {
            key: key.into(),
            size,
            modified: modified.into(),
        }
    }

    fn keys(rows: &[BackupInfo]) -> Vec<&str> {
        rows.iter().map(|r| r.key.as_str()).collect()
    }

    fn rows() -> Vec<BackupInfo> {
        vec![
            backup("@auto_pb_backup_a.zip", 300, "2026-11-20 10:00:00.000Z"),
            backup("manual.zip", 100, "2026-11-22 10:00:00.000Z"),
            backup("Upload (1).zip", 200, "2026-11-21 10:00:00.000Z"),
            backup("broken.zip", 50, "not a date"),
        ]
    }

    #[test]
    fn defaults_to_newest_first_with_undated_last() {
        let view = ListView::default();
        assert_eq!(
            keys(&view.apply(&rows())),
            [
                "manual.zip",
                "Upload (1).zip",
                "@auto_pb_backup_a.zip",
                "broken.zip"
            ]
        );
        assert_eq!(view.to_query_string(), "");
    }

    #[test]
    fn filters_case_insensitively_and_sorts_by_each_column() {
        let mut view = ListView::from_query_string("?q=UP&sort=size");
        assert_eq!(
            keys(&view.apply(&rows())),
            ["Upload (1).zip", "@auto_pb_backup_a.zip"]
        );
        view.query.clear();
        view = view.sorted_by(SortKey::Size);
        assert!(view.descending);
        assert_eq!(keys(&view.apply(&rows()))[0], "@auto_pb_backup_a.zip");
        view = view.sorted_by(SortKey::Name);
        assert!(!view.descending);
        assert_eq!(
            keys(&view.apply(&rows())),
            [
                "@auto_pb_backup_a.zip",
                "Upload (1).zip",
                "broken.zip",
                "manual.zip"
            ]
        );
        assert!(!ListView::default().sorted_by(SortKey::Date).descending);
    }

    #[test]
    fn round_trips_through_the_url() {
        let view = ListView {
            query: "a b&c=%".into(),
            sort: SortKey::Size,
            descending: true,
        };
        let search = view.to_query_string();
        assert_eq!(search, "?q=a%20b%26c%3D%25&sort=-size");
        assert_eq!(ListView::from_query_string(&search), view);
        assert_eq!(
            ListView::from_query_string("q=x+y&sort=bogus&z").query,
            "x y"
        );
        assert_eq!(
            ListView::from_query_string("sort=name").to_query_string(),
            "?sort=name"
        );
        assert_eq!(ListView::from_query_string("q=%E4%B8%AD%zz").query, "中%zz");
    }

    #[test]
    fn totals_count_and_bytes() {
        assert_eq!(totals(&rows(), None), (4, 650));
        assert_eq!(totals(&rows(), Some(&[0, 2])), (2, 500));
        assert_eq!(totals(&[], None), (0, 0));
    }
}
