//! What a backup holds, summed up from its zip directory: the databases PocketBase restores and
//! the uploaded files under `storage/`.

use super::zip::Entry;

/// A backup's contents as an admin judges them before a restore.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contents {
    /// Files in the archive (folders left out).
    pub files: usize,
    /// The real size of `data.db`, if the archive has it: every PocketBase backup does.
    pub data_db: Option<u64>,
    pub auxiliary_db: Option<u64>,
    /// Uploaded files: those under `storage/`, without what PocketBase's file storage derives
    /// from them (a `<file>.attrs` beside each, thumbnails under `thumbs_<file>/`).
    pub storage_files: usize,
    pub storage_bytes: u64,
    /// The largest uploaded file and its size.
    pub largest_storage: Option<(String, u64)>,
    /// All files' bytes as stored in the archive, and once extracted.
    pub compressed: u64,
    pub extracted: u64,
}

impl Contents {
    pub fn of(entries: &[Entry]) -> Self {
        let mut previous = "";
        let mut contents = Self::default();
        for entry in entries.iter().filter(|entry| !entry.name.ends_with('/')) {
            let derived = is_derived(previous, &entry.name);
            previous = &entry.name;
            contents.files += 1;
            contents.compressed = contents.compressed.saturating_add(entry.compressed);
            contents.extracted = contents.extracted.saturating_add(entry.size);
            match entry.name.as_str() {
                "data.db" => contents.data_db = Some(entry.size),
                "auxiliary.db" => contents.auxiliary_db = Some(entry.size),
                name if name.starts_with("storage/") && !derived => {
                    contents.storage_files += 1;
                    contents.storage_bytes = contents.storage_bytes.saturating_add(entry.size);
                    let larger = contents
                        .largest_storage
                        .as_ref()
                        .is_none_or(|(_, largest)| entry.size > *largest);
                    if larger {
                        let short = name.rsplit('/').next().unwrap_or(name);
                        contents.largest_storage = Some((short.to_owned(), entry.size));
                    }
                }
                _ => {}
            }
        }
        contents
    }

    /// Whether PocketBase can restore it: a restore without `data.db` fails.
    pub fn is_backup(&self) -> bool {
        self.data_db.is_some()
    }
}

/// Whether `name` is something PocketBase's file storage derives from an upload: the
/// `<file>.attrs` sidecar, which its zip (walking the folder in name order) puts right after
/// the file named `previous`, or a thumbnail under `thumbs_<file>/`.
pub fn is_derived(previous: &str, name: &str) -> bool {
    name.strip_suffix(".attrs") == Some(previous) || name.contains("/thumbs_")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, compressed: u64, size: u64) -> Entry {
        Entry {
            compressed,
            size,
            ..Entry::named(name)
        }
    }

    #[test]
    fn sums_up_a_backup() {
        let contents = Contents::of(&[
            entry("data.db", 100, 4096),
            entry("auxiliary.db", 10, 512),
            entry("storage/", 0, 0),
            entry("storage/pbc_1/r1/photo_abc.png", 900, 1000),
            entry("storage/pbc_1/r1/photo_abc.png.attrs", 90, 100),
            entry(
                "storage/pbc_1/r1/thumbs_photo_abc.png/100x100_photo_abc.png",
                50,
                60,
            ),
            entry("storage/pbc_1/r2/notes.txt", 20, 30),
            // An uploaded file that only looks like a sidecar is counted.
            entry("storage/pbc_1/r2/settings.attrs", 3, 4),
            entry("types.d.ts", 5, 7),
        ]);
        assert_eq!(contents.files, 8);
        assert_eq!(contents.data_db, Some(4096));
        assert_eq!(contents.auxiliary_db, Some(512));
        assert_eq!(contents.storage_files, 3);
        assert_eq!(contents.storage_bytes, 1034);
        assert_eq!(
            contents.largest_storage,
            Some(("photo_abc.png".to_owned(), 1000))
        );
        assert_eq!((contents.compressed, contents.extracted), (1178, 5809));
        assert!(contents.is_backup());
    }

    #[test]
    fn a_zip_without_data_db_is_no_backup() {
        let contents = Contents::of(&[entry("notes/data.db", 1, 1), entry("storagex/a", 1, 1)]);
        assert!(!contents.is_backup());
        assert_eq!(contents.storage_files, 0);
        assert!(!Contents::of(&[]).is_backup());
    }
}
