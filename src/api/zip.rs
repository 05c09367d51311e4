//! Just enough of the zip format to tell, from a few slices of a file, whether it is a
//! PocketBase backup: a zip archive whose central directory lists `data.db`. Nothing here reads
//! a whole file: [`lists_file`] asks for the tail, then the central directory, through a reader
//! that slices a `Blob` (a file about to be uploaded) or asks for a byte range (a stored backup).

use std::future::Future;

/// How many bytes at the end of a file can hold the end-of-central-directory record: 22 bytes
/// plus a comment of up to 65,535, plus the zip64 locator just before it.
pub const TAIL_LEN: u64 = 22 + 65_535 + 20;

/// The central directory is read whole; above this it is not checked (a huge storage folder).
pub const MAX_DIRECTORY_LEN: u64 = 16 * 1024 * 1024;

const EOCD_SIGNATURE: u32 = 0x0605_4b50;
const ZIP64_LOCATOR_SIGNATURE: u32 = 0x0706_4b50;
const ZIP64_EOCD_SIGNATURE: u32 = 0x0606_4b50;
const ENTRY_SIGNATURE: u32 = 0x0201_4b50;

/// Where the central directory lies in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Directory {
    pub offset: u64,
    pub len: u64,
}

/// What the tail of a file says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tail {
    /// No end-of-central-directory record: not a zip archive.
    NotZip,
    Directory(Directory),
    /// A zip64 archive: its directory is described by the record at this file offset (56 bytes).
    Zip64Record(u64),
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at + 2)?;
    Some(u64::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u64> {
    let b = bytes.get(at..at + 4)?;
    Some(u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
}

fn u64_at(bytes: &[u8], at: usize) -> Option<u64> {
    let b: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(b))
}

/// Reads the last `tail.len()` bytes of a file of `file_len` bytes.
pub fn read_tail(tail: &[u8], file_len: u64) -> Tail {
    let tail_start = file_len.saturating_sub(tail.len() as u64);
    // The record is the last one whose comment length matches the bytes after it.
    let found = (0..tail.len().saturating_sub(21)).rev().find(|&at| {
        u32_at(tail, at) == Some(u64::from(EOCD_SIGNATURE))
            && u16_at(tail, at + 20).map(|c| at as u64 + 22 + c) == Some(tail.len() as u64)
    });
    let Some(at) = found else {
        return Tail::NotZip;
    };
    let (Some(len), Some(offset)) = (u32_at(tail, at + 12), u32_at(tail, at + 16)) else {
        return Tail::NotZip;
    };
    if len == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
        let locator = at
            .checked_sub(20)
            .filter(|&l| u32_at(tail, l) == Some(u64::from(ZIP64_LOCATOR_SIGNATURE)));
        return match locator.and_then(|l| u64_at(tail, l + 8)) {
            Some(record) => Tail::Zip64Record(record),
            None => Tail::NotZip,
        };
    }
    if offset + len > tail_start + at as u64 {
        // (u32 values: these sums cannot overflow a u64.)
        return Tail::NotZip;
    }
    Tail::Directory(Directory { offset, len })
}

/// Reads the zip64 end-of-central-directory record.
pub fn read_zip64_record(record: &[u8]) -> Option<Directory> {
    if u32_at(record, 0)? != u64::from(ZIP64_EOCD_SIGNATURE) {
        return None;
    }
    Some(Directory {
        len: u64_at(record, 40)?,
        offset: u64_at(record, 48)?,
    })
}

/// One file of an archive, as its central directory describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// Bytes as stored in the archive.
    pub compressed: u64,
    /// Bytes once extracted.
    pub size: u64,
    pub crc32: u32,
    pub method: u16,
    /// Where the entry's local header starts in the file.
    pub offset: u64,
}

#[cfg(test)]
impl Entry {
    /// An empty deflated entry at offset 0, for tests to fill in.
    pub(crate) fn named(name: &str) -> Self {
        Entry {
            name: name.to_owned(),
            compressed: 0,
            size: 0,
            crc32: 0,
            method: 8,
            offset: 0,
        }
    }
}

const ZIP64_EXTRA_ID: u64 = 0x0001;
const SATURATED: u64 = 0xFFFF_FFFF;

/// Every entry of a central directory, in its order. `None`: malformed.
pub fn entries(directory: &[u8]) -> Option<Vec<Entry>> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < directory.len() {
        if u32_at(directory, at)? != u64::from(ENTRY_SIGNATURE) {
            return None;
        }
        let name_len = u16_at(directory, at + 28)? as usize;
        let extra_len = u16_at(directory, at + 30)? as usize;
        let comment_len = u16_at(directory, at + 32)? as usize;
        let name = directory.get(at + 46..at + 46 + name_len)?;
        let extra = directory.get(at + 46 + name_len..at + 46 + name_len + extra_len)?;
        let mut entry = Entry {
            name: String::from_utf8_lossy(name).into_owned(),
            compressed: u32_at(directory, at + 20)?,
            size: u32_at(directory, at + 24)?,
            crc32: u32_at(directory, at + 16)? as u32,
            method: u16_at(directory, at + 10)? as u16,
            offset: u32_at(directory, at + 42)?,
        };
        widen_from_zip64_extra(&mut entry, extra)?;
        found.push(entry);
        at += 46 + name_len + extra_len + comment_len;
    }
    Some(found)
}

/// A zip64 entry keeps its real sizes and offset in an extra field, in this order, for just
/// the values its directory record saturates.
fn widen_from_zip64_extra(entry: &mut Entry, mut extra: &[u8]) -> Option<()> {
    while extra.len() >= 4 {
        let (id, len) = (u16_at(extra, 0)?, u16_at(extra, 2)? as usize);
        let data = extra.get(4..4 + len)?;
        if id == ZIP64_EXTRA_ID {
            let mut at = 0;
            for value in [&mut entry.size, &mut entry.compressed, &mut entry.offset] {
                if *value == SATURATED {
                    *value = u64_at(data, at)?;
                    at += 8;
                }
            }
        }
        extra = &extra[4 + len..];
    }
    Some(())
}

/// Whether the central directory lists an entry named exactly `name`. `None`: malformed.
pub fn lists_entry(directory: &[u8], name: &str) -> Option<bool> {
    Some(entries(directory)?.iter().any(|entry| entry.name == name))
}

/// Reads bytes `start..end` of a file, `None` when it cannot. One type for every reader, so
/// the walk below is compiled once.
pub type ReadRange<'a> =
    dyn Fn(u64, u64) -> std::pin::Pin<Box<dyn Future<Output = Option<Vec<u8>>> + 'a>> + 'a;

/// Why a file's zip directory could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZipProblem {
    NotZip,
    /// The reader could not give the bytes asked for.
    Unreadable,
}

/// The central directory of the zip of `size` bytes, reading only its first bytes, its tail
/// and the directory itself through `read(start, end)`. `Ok(None)`: the directory is too large
/// to read.
pub async fn read_directory(
    size: u64,
    read: &ReadRange<'_>,
) -> Result<Option<Vec<u8>>, ZipProblem> {
    let bytes = |start: u64, end: u64| {
        let part = read(start, end);
        async move { part.await.ok_or(ZipProblem::Unreadable) }
    };
    let head = bytes(0, 4.min(size)).await?;
    if !super::looks_like_zip(&head) {
        return Err(ZipProblem::NotZip);
    }
    let tail = bytes(size.saturating_sub(TAIL_LEN), size).await?;
    let directory = match read_tail(&tail, size) {
        Tail::NotZip => return Err(ZipProblem::NotZip),
        Tail::Directory(directory) => directory,
        Tail::Zip64Record(at) => {
            let end = at.checked_add(56).filter(|&end| end <= size);
            let record = bytes(at, end.ok_or(ZipProblem::NotZip)?).await?;
            read_zip64_record(&record).ok_or(ZipProblem::NotZip)?
        }
    };
    if directory.len > MAX_DIRECTORY_LEN {
        return Ok(None);
    }
    // Offsets come from the file: a crafted one must not overflow or point past its end.
    let end = (directory.offset)
        .checked_add(directory.len)
        .filter(|&end| end <= size)
        .ok_or(ZipProblem::NotZip)?;
    bytes(directory.offset, end).await.map(Some)
}

/// Whether the zip of `size` bytes lists an entry named `name` (see [`read_directory`]).
pub async fn lists_file(
    size: u64,
    name: &str,
    read: &ReadRange<'_>,
) -> Result<Option<bool>, ZipProblem> {
    match read_directory(size, read).await? {
        Some(listing) => lists_entry(&listing, name)
            .map(Some)
            .ok_or(ZipProblem::NotZip),
        None => Ok(None),
    }
}

/// Every entry of the zip of `size` bytes (see [`read_directory`]).
pub async fn read_entries(
    size: u64,
    read: &ReadRange<'_>,
) -> Result<Option<Vec<Entry>>, ZipProblem> {
    match read_directory(size, read).await? {
        Some(listing) => entries(&listing).map(Some).ok_or(ZipProblem::NotZip),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a future whose reads are all ready at once (slices of a byte array).
    fn ready<T>(future: impl Future<Output = T>) -> T {
        let mut context = std::task::Context::from_waker(std::task::Waker::noop());
        match std::pin::pin!(future).poll(&mut context) {
            std::task::Poll::Ready(value) => value,
            std::task::Poll::Pending => panic!("the reader was not ready"),
        }
    }

    /// `lists_file` over `file`, counting the bytes read.
    fn check(file: &[u8], name: &str) -> (Result<Option<bool>, ZipProblem>, u64) {
        let read_total = std::cell::Cell::new(0);
        let read = |start: u64, end: u64| {
            let part = file.get(start as usize..end as usize).map(<[u8]>::to_vec);
            read_total.set(read_total.get() + end - start);
            async move { part }
        };
        let read = |start, end| Box::pin(read(start, end)) as _;
        let result = ready(lists_file(file.len() as u64, name, &read));
        (result, read_total.get())
    }

    #[test]
    fn finds_an_entry_from_the_head_the_tail_and_the_directory_only() {
        let big = vec![7u8; 300_000];
        let backup = zip(&[("storage/a.png", &big), ("data.db", b"SQLite")], b"");
        let (found, read) = check(&backup, "data.db");
        assert_eq!(found, Ok(Some(true)));
        assert!(read < TAIL_LEN + 200, "read {read} bytes");
        assert_eq!(check(&backup, "auxiliary.db").0, Ok(Some(false)));
        assert_eq!(
            check(b"not a zip at all", "data.db").0,
            Err(ZipProblem::NotZip)
        );
        assert_eq!(check(b"PK", "data.db").0, Err(ZipProblem::NotZip));
        let mut cut = backup.clone();
        cut.truncate(backup.len() - 30);
        assert_eq!(check(&cut, "data.db").0, Err(ZipProblem::NotZip));
        let nothing = |_, _| Box::pin(async { None }) as _;
        let unreadable = ready(lists_file(100, "data.db", &nothing));
        assert_eq!(unreadable, Err(ZipProblem::Unreadable));
    }

    /// A stored (uncompressed) zip with the given entries, written the way zip writers do.
    fn zip(entries: &[(&str, &[u8])], comment: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut directory = Vec::new();
        for (name, data) in entries {
            let offset = out.len() as u32;
            out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
            out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(data);

            directory.extend_from_slice(&ENTRY_SIGNATURE.to_le_bytes());
            directory.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            directory.extend_from_slice(&(data.len() as u32).to_le_bytes());
            directory.extend_from_slice(&(data.len() as u32).to_le_bytes());
            directory.extend_from_slice(&(name.len() as u16).to_le_bytes());
            directory.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            directory.extend_from_slice(&offset.to_le_bytes());
            directory.extend_from_slice(name.as_bytes());
        }
        let directory_offset = out.len() as u32;
        out.extend_from_slice(&directory);
        out.extend_from_slice(&EOCD_SIGNATURE.to_le_bytes());
        out.extend_from_slice(&[0, 0, 0, 0]);
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        out.extend_from_slice(&(directory.len() as u32).to_le_bytes());
        out.extend_from_slice(&directory_offset.to_le_bytes());
        out.extend_from_slice(&(comment.len() as u16).to_le_bytes());
        out.extend_from_slice(comment);
        out
    }

    fn directory_of(file: &[u8]) -> Option<Vec<u8>> {
        let tail_len = (TAIL_LEN as usize).min(file.len());
        match read_tail(&file[file.len() - tail_len..], file.len() as u64) {
            Tail::Directory(d) => {
                Some(file[d.offset as usize..(d.offset + d.len) as usize].to_vec())
            }
            _ => None,
        }
    }

    #[test]
    fn finds_data_db_in_a_backup() {
        let file = zip(
            &[
                ("storage/a.txt", b"a"),
                ("data.db", b"sqlite"),
                ("auxiliary.db", b""),
            ],
            b"",
        );
        let directory = directory_of(&file).expect("directory");
        assert_eq!(lists_entry(&directory, "data.db"), Some(true));
        assert_eq!(lists_entry(&directory, "data"), Some(false));
    }

    #[test]
    fn a_zip_without_data_db_or_with_a_comment() {
        let file = zip(
            &[("notes/data.db.txt", b"x")],
            b"a comment PK\x05\x06 inside",
        );
        let directory = directory_of(&file).expect("directory");
        assert_eq!(lists_entry(&directory, "data.db"), Some(false));
        let empty = zip(&[], b"");
        assert_eq!(
            lists_entry(&directory_of(&empty).unwrap(), "data.db"),
            Some(false)
        );
    }

    #[test]
    fn not_a_zip() {
        assert_eq!(read_tail(b"just some notes", 15), Tail::NotZip);
        assert_eq!(read_tail(b"", 0), Tail::NotZip);
        // A truncated zip: the directory it points to lies beyond the record.
        let mut file = zip(&[("data.db", b"x")], b"");
        let len = file.len();
        file[len - 6] = 0xF0;
        assert_eq!(read_tail(&file, len as u64), Tail::NotZip);
        assert_eq!(lists_entry(b"garbage", "data.db"), None);
    }

    #[test]
    fn reads_only_the_tail_of_a_large_file() {
        let big = vec![7u8; 300_000];
        let file = zip(&[("storage/big.bin", &big), ("data.db", b"x")], b"");
        let tail = &file[file.len() - TAIL_LEN as usize..];
        let Tail::Directory(d) = read_tail(tail, file.len() as u64) else {
            panic!("no directory found in the tail");
        };
        assert!(d.offset > 300_000);
        let listing = &file[d.offset as usize..(d.offset + d.len) as usize];
        assert_eq!(lists_entry(listing, "data.db"), Some(true));
    }

    #[test]
    fn lists_every_entry_with_its_sizes() {
        let file = zip(&[("storage/a.txt", b"abc"), ("data.db", b"sqlite")], b"");
        let listed = entries(&directory_of(&file).unwrap()).unwrap();
        let names: Vec<_> = listed
            .iter()
            .map(|e| (e.name.as_str(), e.size, e.offset))
            .collect();
        assert_eq!(
            names,
            [("storage/a.txt", 3, 0), ("data.db", 6, 30 + 13 + 3)]
        );
        assert_eq!(entries(b"PK\x01\x02 too short"), None);
    }

    #[test]
    fn widens_sizes_from_a_zip64_extra_field() {
        let mut directory = ENTRY_SIGNATURE.to_le_bytes().to_vec();
        directory.extend_from_slice(&[45, 0, 45, 0, 0, 0, 8, 0, 0, 0, 0, 0]);
        directory.extend_from_slice(&0xDEAD_BEEFu32.to_le_bytes());
        directory.extend_from_slice(&[0xFF; 8]); // both sizes saturated
        directory.extend_from_slice(&7u16.to_le_bytes());
        directory.extend_from_slice(&20u16.to_le_bytes());
        directory.extend_from_slice(&[0; 10]); // comment, disk, attributes
        directory.extend_from_slice(&99u32.to_le_bytes()); // offset not saturated
        directory.extend_from_slice(b"data.db");
        directory.extend_from_slice(&1u16.to_le_bytes());
        directory.extend_from_slice(&16u16.to_le_bytes());
        directory.extend_from_slice(&6_000_000_000u64.to_le_bytes());
        directory.extend_from_slice(&5_000_000_000u64.to_le_bytes());
        let listed = entries(&directory).unwrap();
        assert_eq!(
            listed,
            [Entry {
                name: "data.db".into(),
                compressed: 5_000_000_000,
                size: 6_000_000_000,
                crc32: 0xDEAD_BEEF,
                method: 8,
                offset: 99,
            }]
        );
        // A saturated size with no extra field to widen it is malformed.
        let mut short = directory.clone();
        short.truncate(short.len() - 8);
        short[30] = 12;
        assert_eq!(entries(&short), None);
    }

    #[test]
    fn reads_zip64_records() {
        let mut tail = vec![0u8; 10];
        tail.extend_from_slice(&ZIP64_LOCATOR_SIGNATURE.to_le_bytes());
        tail.extend_from_slice(&0u32.to_le_bytes());
        tail.extend_from_slice(&5_000_000_000u64.to_le_bytes());
        tail.extend_from_slice(&1u32.to_le_bytes());
        tail.extend_from_slice(&EOCD_SIGNATURE.to_le_bytes());
        tail.extend_from_slice(&[0xFF; 16]);
        tail.extend_from_slice(&0u16.to_le_bytes());
        assert_eq!(
            read_tail(&tail, 6_000_000_000),
            Tail::Zip64Record(5_000_000_000)
        );

        let mut record = ZIP64_EOCD_SIGNATURE.to_le_bytes().to_vec();
        record.extend_from_slice(&[0; 36]);
        record.extend_from_slice(&1234u64.to_le_bytes());
        record.extend_from_slice(&4_999_000_000u64.to_le_bytes());
        assert_eq!(
            read_zip64_record(&record),
            Some(Directory {
                offset: 4_999_000_000,
                len: 1234
            })
        );
        assert_eq!(read_zip64_record(&[0; 56]), None);
    }
}
