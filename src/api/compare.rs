//! What changed between two backups, from their zip directories alone: names, sizes and
//! CRC-32s, no byte of the files themselves.

use super::contents::is_derived;
use super::zip::Entry;

/// A file in both backups whose size or checksum differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changed {
    pub name: String,
    pub before: u64,
    pub after: u64,
}

/// The files added, removed and changed from an older backup to a newer one, each list in name
/// order. Folders and what PocketBase's storage derives from uploads are left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// Name and size.
    pub added: Vec<(String, u64)>,
    pub removed: Vec<(String, u64)>,
    pub changed: Vec<Changed>,
    pub unchanged: usize,
}

impl Comparison {
    pub fn of(older: &[Entry], newer: &[Entry]) -> Self {
        let (older, newer) = (own_files(older), own_files(newer));
        let mut comparison = Self::default();
        let (mut a, mut b) = (0, 0);
        while a < older.len() || b < newer.len() {
            let order = match (older.get(a), newer.get(b)) {
                (Some(old), Some(new)) => old.name.cmp(&new.name),
                (Some(_), None) => std::cmp::Ordering::Less,
                _ => std::cmp::Ordering::Greater,
            };
            match order {
                std::cmp::Ordering::Less => {
                    comparison
                        .removed
                        .push((older[a].name.clone(), older[a].size));
                    a += 1;
                }
                std::cmp::Ordering::Greater => {
                    comparison
                        .added
                        .push((newer[b].name.clone(), newer[b].size));
                    b += 1;
                }
                std::cmp::Ordering::Equal => {
                    let (old, new) = (older[a], newer[b]);
                    if old.size != new.size || old.crc32 != new.crc32 {
                        comparison.changed.push(Changed {
                            name: new.name.clone(),
                            before: old.size,
                            after: new.size,
                        });
                    } else {
                        comparison.unchanged += 1;
                    }
                    a += 1;
                    b += 1;
                }
            }
        }
        comparison
    }
}

/// The archive's own files, in name order.
fn own_files(entries: &[Entry]) -> Vec<&Entry> {
    let mut previous = "";
    let mut files = Vec::new();
    for entry in entries.iter().filter(|entry| !entry.name.ends_with('/')) {
        if !is_derived(previous, &entry.name) {
            files.push(entry);
        }
        previous = &entry.name;
    }
    files.sort_unstable_by(|a, b| a.name.cmp(&b.name));
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, size: u64, crc32: u32) -> Entry {
        Entry {
            compressed: size,
            size,
            crc32,
            ..Entry::named(name)
        }
    }

    #[test]
    fn lists_what_was_added_removed_and_changed() {
        let older = [
            entry("data.db", 4096, 1),
            entry("auxiliary.db", 512, 2),
            entry("storage/c/r/old.txt", 3, 3),
            entry("storage/c/r/old.txt.attrs", 90, 4),
            entry("storage/c/r/same.png", 1000, 5),
        ];
        let newer = [
            entry("auxiliary.db", 512, 2),
            // Same size, another checksum: changed all the same.
            entry("data.db", 4096, 9),
            entry("storage/", 0, 0),
            entry("storage/c/r/same.png", 1000, 5),
            entry("storage/c/r2/new.pdf", 2000, 6),
            entry("storage/c/r2/new.pdf.attrs", 90, 7),
            entry("storage/c/r2/thumbs_new.pdf/100x100_new.pdf", 50, 8),
        ];
        let comparison = Comparison::of(&older, &newer);
        assert_eq!(
            comparison.added,
            [("storage/c/r2/new.pdf".to_owned(), 2000)]
        );
        assert_eq!(comparison.removed, [("storage/c/r/old.txt".to_owned(), 3)]);
        assert_eq!(
            comparison.changed,
            [Changed {
                name: "data.db".into(),
                before: 4096,
                after: 4096
            }]
        );
        assert_eq!(comparison.unchanged, 2);
    }

    #[test]
    fn a_backup_compared_with_itself_changed_nothing() {
        let files = [entry("data.db", 10, 1), entry("storage/a", 2, 2)];
        let comparison = Comparison::of(&files, &files);
        assert_eq!(
            comparison,
            Comparison {
                unchanged: 2,
                ..Comparison::default()
            }
        );
        assert_eq!(Comparison::of(&[], &files).added.len(), 2);
        assert_eq!(Comparison::of(&files, &[]).removed.len(), 2);
    }
}
