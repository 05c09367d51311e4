//! Checking a whole backup as it streams past, storing nothing: the walk through a zip's local
//! entries in file order, CRC-32, and what `data.db`'s first bytes say of its length. Inflating
//! is `state::verify`'s (miniz_oxide); everything here is pure and tested natively.

use std::ops::Range;

use super::zip::Entry;

const LOCAL_SIGNATURE: u32 = 0x0403_4b50;
const LOCAL_HEADER_LEN: usize = 30;

/// CRC-32 (IEEE 802.3), as zip records it.
#[derive(Clone, Copy, Debug)]
pub struct Crc32(u32);

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

impl Default for Crc32 {
    fn default() -> Self {
        Self(0xFFFF_FFFF)
    }
}

impl Crc32 {
    pub fn update(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = CRC_TABLE[((self.0 ^ u32::from(byte)) & 0xFF) as usize] ^ (self.0 >> 8);
        }
    }

    pub fn value(self) -> u32 {
        !self.0
    }
}

/// What a stretch of the stream is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// These bytes of the chunk are entry `entry`'s stored (maybe compressed) data.
    Data { entry: usize, range: Range<usize> },
    /// Entry `entry`'s data has ended.
    End { entry: usize },
}

/// Where the walk found the archive broken, by the entry's position in [`Walker::entries`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Broken {
    /// No local header where the directory says the entry starts.
    Header(usize),
    /// The file ended before this entry did.
    Truncated(usize),
}

#[derive(Clone, Debug)]
enum Phase {
    Before,
    Header(Vec<u8>),
    Data(u64),
}

/// Walks the bytes of a whole zip, in order, into each entry's data, by the central directory
/// (read first): a local header at each entry's offset, then its compressed size in bytes.
pub struct Walker {
    pub entries: Vec<Entry>,
    at: usize,
    position: u64,
    phase: Phase,
}

impl Walker {
    /// `entries` in any order; walked in file order.
    pub fn new(mut entries: Vec<Entry>) -> Self {
        entries.sort_unstable_by_key(|entry| entry.offset);
        Self {
            entries,
            at: 0,
            position: 0,
            phase: Phase::Before,
        }
    }

    /// The pieces of the next `chunk` of the file.
    pub fn feed(&mut self, chunk: &[u8]) -> Result<Vec<Piece>, Broken> {
        let mut pieces = Vec::new();
        let mut i = 0;
        while i < chunk.len() && self.at < self.entries.len() {
            let left = chunk.len() - i;
            let entry = &self.entries[self.at];
            match &mut self.phase {
                Phase::Before => {
                    if self.position > entry.offset {
                        return Err(Broken::Header(self.at));
                    }
                    let skip = (entry.offset - self.position).min(left as u64) as usize;
                    i += skip;
                    self.position += skip as u64;
                    if self.position == entry.offset {
                        self.phase = Phase::Header(Vec::with_capacity(LOCAL_HEADER_LEN));
                    }
                }
                Phase::Header(header) => {
                    let need = if header.len() < LOCAL_HEADER_LEN {
                        LOCAL_HEADER_LEN
                    } else {
                        LOCAL_HEADER_LEN + u16_at(header, 26) + u16_at(header, 28)
                    };
                    let take = (need - header.len()).min(left);
                    header.extend_from_slice(&chunk[i..i + take]);
                    i += take;
                    self.position += take as u64;
                    if header.len() == LOCAL_HEADER_LEN {
                        let signature =
                            u32::from_le_bytes([header[0], header[1], header[2], header[3]]);
                        if signature != LOCAL_SIGNATURE {
                            return Err(Broken::Header(self.at));
                        }
                    }
                    let full = header.len() >= LOCAL_HEADER_LEN
                        && header.len()
                            == LOCAL_HEADER_LEN + u16_at(header, 26) + u16_at(header, 28);
                    if full {
                        self.phase = Phase::Data(entry.compressed);
                        if entry.compressed == 0 {
                            pieces.push(self.end());
                        }
                    }
                }
                Phase::Data(remaining) => {
                    let take = (*remaining).min(left as u64) as usize;
                    *remaining -= take as u64;
                    let done = *remaining == 0;
                    pieces.push(Piece::Data {
                        entry: self.at,
                        range: i..i + take,
                    });
                    i += take;
                    self.position += take as u64;
                    if done {
                        pieces.push(self.end());
                    }
                }
            }
        }
        Ok(pieces)
    }

    fn end(&mut self) -> Piece {
        let piece = Piece::End { entry: self.at };
        self.at += 1;
        self.phase = Phase::Before;
        piece
    }

    /// Once the file has ended: every entry must have been walked.
    pub fn finish(&self) -> Result<(), Broken> {
        if self.at < self.entries.len() {
            return Err(Broken::Truncated(self.at));
        }
        Ok(())
    }
}

fn u16_at(bytes: &[u8], at: usize) -> usize {
    usize::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]))
}

/// What `data.db`'s header says against its real length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sqlite {
    /// `page_size` × `pages` bytes, as long as the file is.
    Whole { page_size: u64, pages: u64 },
    /// It does not start with `SQLite format 3\0`.
    NotSqlite,
    /// Its pages do not add up to its length.
    WrongLength { page_size: u64, pages: u64 },
}

/// Judges a database file from its first 100 bytes (its header) and its length.
pub fn sqlite_header(head: &[u8], len: u64) -> Sqlite {
    if head.len() < 100 || !head.starts_with(b"SQLite format 3\0") {
        return Sqlite::NotSqlite;
    }
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65_536,
        size => u64::from(size),
    };
    let pages = u64::from(u32::from_be_bytes([head[28], head[29], head[30], head[31]]));
    if page_size.checked_mul(pages) == Some(len) {
        Sqlite::Whole { page_size, pages }
    } else {
        Sqlite::WrongLength { page_size, pages }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_known_text() {
        let mut crc = Crc32::default();
        crc.update(b"123456789");
        assert_eq!(crc.value(), 0xCBF4_3926);
        let mut split = Crc32::default();
        split.update(b"1234");
        split.update(b"56789");
        assert_eq!(split.value(), 0xCBF4_3926);
        assert_eq!(Crc32::default().value(), 0);
    }

    fn local(name: &str, data: &[u8], extra: usize) -> Vec<u8> {
        let mut out = LOCAL_SIGNATURE.to_le_bytes().to_vec();
        out.extend_from_slice(&[0; 22]);
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&(extra as u16).to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend(std::iter::repeat_n(0xEE, extra));
        out.extend_from_slice(data);
        out
    }

    fn entry(name: &str, offset: u64, compressed: u64) -> Entry {
        Entry {
            compressed,
            size: compressed,
            method: 0,
            offset,
            ..Entry::named(name)
        }
    }

    /// Every entry's data, walked with the file cut into chunks of `size`.
    fn walk(file: &[u8], entries: Vec<Entry>, size: usize) -> Result<Vec<Vec<u8>>, Broken> {
        let mut walker = Walker::new(entries);
        let mut data = vec![Vec::new(); walker.entries.len()];
        let mut ended = Vec::new();
        for chunk in file.chunks(size) {
            for piece in walker.feed(chunk)? {
                match piece {
                    Piece::Data { entry, range } => data[entry].extend_from_slice(&chunk[range]),
                    Piece::End { entry } => ended.push(entry),
                }
            }
        }
        walker.finish()?;
        assert_eq!(ended, (0..data.len()).collect::<Vec<_>>());
        Ok(data)
    }

    #[test]
    fn walks_each_entrys_data_whatever_the_chunks() {
        let mut file = local("a.txt", b"hello", 0);
        let second = file.len() as u64;
        file.extend(local("data.db", b"0123456789", 4));
        let third = file.len() as u64;
        file.extend(local("empty", b"", 0));
        file.extend_from_slice(b"PK\x01\x02 the central directory");
        let entries = vec![
            entry("data.db", second, 10),
            entry("a.txt", 0, 5),
            entry("empty", third, 0),
        ];
        for size in [1, 2, 7, 30, 1000] {
            let data = walk(&file, entries.clone(), size).unwrap();
            assert_eq!(
                data,
                [b"hello".to_vec(), b"0123456789".to_vec(), Vec::new()],
                "chunks of {size}"
            );
        }
    }

    #[test]
    fn names_where_the_archive_is_broken() {
        let mut file = local("a.txt", b"hello", 0);
        let entries = vec![entry("a.txt", 0, 5), entry("b.txt", 40, 3)];
        assert_eq!(walk(&file, entries.clone(), 8), Err(Broken::Truncated(1)));
        file[0] = b'X';
        assert_eq!(walk(&file, entries, 8), Err(Broken::Header(0)));
    }

    #[test]
    fn reads_the_sqlite_header() {
        let mut head = b"SQLite format 3\0".to_vec();
        head.resize(100, 0);
        head[16..18].copy_from_slice(&4096u16.to_be_bytes());
        head[28..32].copy_from_slice(&3u32.to_be_bytes());
        assert_eq!(
            sqlite_header(&head, 12_288),
            Sqlite::Whole {
                page_size: 4096,
                pages: 3
            }
        );
        assert_eq!(
            sqlite_header(&head, 12_289),
            Sqlite::WrongLength {
                page_size: 4096,
                pages: 3
            }
        );
        head[16..18].copy_from_slice(&1u16.to_be_bytes());
        assert_eq!(
            sqlite_header(&head, 196_608),
            Sqlite::Whole {
                page_size: 65_536,
                pages: 3
            }
        );
        assert_eq!(sqlite_header(b"not a database", 14), Sqlite::NotSqlite);
    }
}
