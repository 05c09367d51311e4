//! A whole backup checked as it streams through the page once, storing nothing: each entry
//! inflated in wasm (miniz_oxide, into one reused buffer), its CRC-32 and size checked against
//! the central directory, and `data.db`'s header against its length. The work is cut in slices
//! of a few milliseconds, each followed by a turn of the page's own (input, paint), so the page
//! stays responsive. A verify belongs to the dialog that runs it: dropped with it (its page
//! left, the dialog closed, the language switched), it cancels the download.

use std::cell::Cell;

use js_sys::{Promise, Uint8Array};
use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::ReadableStreamDefaultReader;

use super::browser::{next_frame, yield_to_page, BufferReleaser};
use super::files::BackupFiles;
use super::inspect::Inspection;
use crate::api::verify::{sqlite_header, Broken, Crc32, Piece, Sqlite, Walker};
use crate::api::zip::Entry;
use crate::api::ApiError;

/// How long the verify works before the page gets a turn (input first): well under a frame.
const SLICE_MS: f64 = 6.0;

/// How long it goes on before it waits for a frame to be drawn: a turn (`scheduler.yield()`)
/// lets input in at once, but the browser may put off drawing for up to 100 ms.
const FRAME_MS: f64 = 40.0;

/// Compressed bytes inflated between two looks at the clock.
const SLICE_INPUT: usize = 16 * 1024;

/// How an entry was found damaged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Damage {
    /// No local header where the directory says the entry starts.
    Header,
    /// The file ended before the entry did.
    Truncated,
    /// Its compressed data does not inflate.
    Inflate,
    Checksum,
    Size,
    /// `data.db` is no SQLite database, or its pages do not add up to its length.
    NotSqlite,
    SqliteLength,
}

/// How a verify ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Verified {
    Intact {
        files: usize,
        /// `data.db`'s page size and pages, when the backup has one.
        database: Option<(u64, u64)>,
        seconds: f64,
    },
    Damaged {
        entry: String,
        damage: Damage,
    },
    Cancelled,
    /// Its directory or its bytes could not be read.
    Unreadable(Option<ApiError>),
    NoZip(Inspection),
}

/// What one entry's data came to.
#[derive(Default)]
struct Tally {
    crc: Crc32,
    size: u64,
    /// The first 100 bytes, for a database's header.
    head: Vec<u8>,
    failed: bool,
}

impl Tally {
    fn add(&mut self, bytes: &[u8]) {
        self.crc.update(bytes);
        self.size += bytes.len() as u64;
        let room = 100usize.saturating_sub(self.head.len()).min(bytes.len());
        self.head.extend_from_slice(&bytes[..room]);
    }
}

/// The download's reader, cancelled when dropped: the rest of the backup is not fetched.
struct Download(ReadableStreamDefaultReader);

impl Drop for Download {
    fn drop(&mut self) {
        drop(JsFuture::from(self.0.cancel()));
    }
}

/// One entry being checked: stored bytes are counted as they come; deflated ones are inflated
/// into `out`, the verify's one output buffer, and counted from there.
enum Check {
    Stored(Tally),
    Deflated {
        inflater: Box<InflateState>,
        tally: Tally,
        ended: bool,
    },
}

/// The output buffer's size: a slice of inflating is at most this much.
const OUT_BYTES: usize = 256 * 1024;

impl Check {
    fn start(entry: &Entry) -> Check {
        match entry.method {
            8 => Check::Deflated {
                inflater: InflateState::new_boxed(DataFormat::Raw),
                tally: Tally::default(),
                ended: false,
            },
            _ => Check::Stored(Tally::default()),
        }
    }

    /// Adds `bytes` of the entry's data; `out` is scratch space.
    fn add(&mut self, bytes: &[u8], out: &mut [u8]) {
        match self {
            Check::Stored(tally) => tally.add(bytes),
            Check::Deflated {
                inflater,
                tally,
                ended,
            } => {
                let mut input = bytes;
                while !tally.failed && !input.is_empty() {
                    if *ended {
                        // Data after the deflate stream's end: not what the directory says.
                        tally.failed = true;
                        break;
                    }
                    let step = inflate(inflater, input, out, MZFlush::None);
                    tally.add(&out[..step.bytes_written]);
                    input = &input[step.bytes_consumed..];
                    match step.status {
                        Ok(MZStatus::StreamEnd) => *ended = true,
                        Ok(_) => {}
                        // No progress: it wants more input than this.
                        Err(MZError::Buf) if input.is_empty() => {}
                        Err(_) => tally.failed = true,
                    }
                }
            }
        }
    }

    /// The tally once the entry's data has all come: a deflated entry must have ended, its
    /// last output drained.
    fn finish(self, out: &mut [u8]) -> Tally {
        match self {
            Check::Stored(tally) => tally,
            Check::Deflated {
                mut inflater,
                mut tally,
                mut ended,
            } => {
                while !ended && !tally.failed {
                    let step = inflate(&mut inflater, &[], out, MZFlush::Finish);
                    tally.add(&out[..step.bytes_written]);
                    match step.status {
                        Ok(MZStatus::StreamEnd) => ended = true,
                        Ok(_) if step.bytes_written > 0 => {}
                        _ => tally.failed = true,
                    }
                }
                tally
            }
        }
    }
}

/// The chunk a stream reader's `read()` gave; `None` at the stream's end.
async fn next_chunk(read: Promise) -> Option<Result<Uint8Array, ()>> {
    let Ok(result) = JsFuture::from(read).await else {
        return Some(Err(()));
    };
    let done = js_sys::Reflect::get(&result, &"done".into())
        .ok()?
        .as_bool()
        != Some(false);
    if done {
        return None;
    }
    let value = js_sys::Reflect::get(&result, &"value".into()).ok()?;
    Some(Ok(value.unchecked_into()))
}

fn judged(entry: &Entry, tally: &Tally) -> Result<Option<(u64, u64)>, Damage> {
    if tally.failed {
        return Err(Damage::Inflate);
    }
    if tally.size != entry.size {
        return Err(Damage::Size);
    }
    if tally.crc.value() != entry.crc32 {
        return Err(Damage::Checksum);
    }
    if entry.name != "data.db" {
        return Ok(None);
    }
    match sqlite_header(&tally.head, entry.size) {
        Sqlite::Whole { page_size, pages } => Ok(Some((page_size, pages))),
        Sqlite::NotSqlite => Err(Damage::NotSqlite),
        Sqlite::WrongLength { .. } => Err(Damage::SqliteLength),
    }
}

impl BackupFiles {
    /// Streams the stored backup `key` through the page once and checks every entry; `read` is
    /// told the bytes that came (once a MiB), and `cancelled` answering true stops it.
    pub async fn verify(
        self,
        key: String,
        read: impl Fn(u64),
        cancelled: impl Fn() -> bool,
    ) -> Verified {
        let started = js_sys::Date::now();
        let size = self.list.size_of(&key);
        let entries = match self.read_entries(&key, size, &Cell::new(0)).await {
            Ok(entries) => entries,
            Err(Inspection::Unreadable) => return Verified::Unreadable(None),
            Err(problem) => return Verified::NoZip(problem),
        };
        let stream = match self.stream(&key).await {
            Ok(stream) => Download(stream),
            Err(error) => return Verified::Unreadable(Some(error)),
        };
        let files = entries.iter().filter(|e| !e.name.ends_with('/')).count();
        let mut walker = Walker::new(entries);
        let mut current: Option<Check> = None;
        // Every chunk read is let go of at once (see `BufferReleaser`).
        let release = BufferReleaser::default();
        let mut out = vec![0; OUT_BYTES];
        let mut slice_began = js_sys::Date::now();
        let mut drawn_at = slice_began;
        let mut database = None;
        let mut streamed = 0;
        let mut told = 0;
        // One copy in wasm of the chunk at hand, reused.
        let mut bytes = Vec::new();
        let damaged = |walker: &Walker, at: usize, damage| Verified::Damaged {
            entry: walker.entries[at].name.clone(),
            damage,
        };
        loop {
            if cancelled() {
                return Verified::Cancelled;
            }
            let chunk = match next_chunk(stream.0.read()).await {
                None => break,
                Some(Ok(chunk)) => chunk,
                Some(Err(())) => return Verified::Unreadable(None),
            };
            bytes.resize(chunk.length() as usize, 0);
            chunk.copy_to(&mut bytes);
            // The page redraws on each change: once a megabyte is enough.
            streamed += bytes.len() as u64;
            if streamed - told >= 1 << 20 {
                told = streamed;
                read(streamed);
            }
            let pieces = match walker.feed(&bytes) {
                Ok(pieces) => pieces,
                Err(Broken::Header(at)) => return damaged(&walker, at, Damage::Header),
                Err(Broken::Truncated(at)) => return damaged(&walker, at, Damage::Truncated),
            };
            for piece in pieces {
                match piece {
                    Piece::Data { entry, range } => {
                        let check =
                            current.get_or_insert_with(|| Check::start(&walker.entries[entry]));
                        // In slices: the page gets a turn every few milliseconds.
                        for part in bytes[range].chunks(SLICE_INPUT) {
                            check.add(part, &mut out);
                            let now = js_sys::Date::now();
                            if now - drawn_at >= FRAME_MS {
                                next_frame().await;
                                (slice_began, drawn_at) = (js_sys::Date::now(), now);
                            } else if now - slice_began >= SLICE_MS {
                                yield_to_page().await;
                                slice_began = js_sys::Date::now();
                            }
                        }
                    }
                    Piece::End { entry } => {
                        let check = current
                            .take()
                            .unwrap_or_else(|| Check::start(&walker.entries[entry]));
                        let tally = check.finish(&mut out);
                        match judged(&walker.entries[entry], &tally) {
                            Ok(found) => database = database.or(found),
                            Err(damage) => return damaged(&walker, entry, damage),
                        }
                    }
                }
            }
            // Read into a buffer of ours instead (a BYOB reader), the browser still made one of
            // its own for each piece the network gave, which nothing could let go of.
            release.release(&chunk);
        }
        if let Err(Broken::Truncated(at) | Broken::Header(at)) = walker.finish() {
            return damaged(&walker, at, Damage::Truncated);
        }
        Verified::Intact {
            files,
            database,
            seconds: (js_sys::Date::now() - started) / 1000.0,
        }
    }

    /// The backup's bytes as a stream, through a file token.
    async fn stream(self, key: &str) -> Result<ReadableStreamDefaultReader, ApiError> {
        let url = self.download_link(key).await?;
        let response = gloo_net::http::Request::get(&url).send().await?;
        if response.status() != 200 {
            return Err(ApiError::from_response(
                response.status(),
                &response.text().await.unwrap_or_default(),
            ));
        }
        let body = response
            .body()
            .ok_or_else(|| ApiError::UnexpectedBody(String::new()))?;
        Ok(body.get_reader().unchecked_into())
    }
}

#[cfg(test)]
mod tests {
    use miniz_oxide::deflate::compress_to_vec;

    use super::*;

    fn deflated_entry() -> Entry {
        Entry {
            name: "data.db".into(),
            compressed: 0,
            size: 0,
            crc32: 0,
            method: 8,
            offset: 0,
        }
    }

    /// Feeds `data` in pieces of `piece` bytes, as the network might, and finishes.
    fn inflated(data: &[u8], piece: usize) -> Tally {
        let mut out = vec![0; 1000];
        let mut check = Check::start(&deflated_entry());
        for part in data.chunks(piece) {
            check.add(part, &mut out);
        }
        check.finish(&mut out)
    }

    fn text(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 7 % 251) as u8).collect()
    }

    #[test]
    fn inflates_whatever_the_pieces_into_a_small_buffer() {
        let plain = text(100_000);
        let mut expected = Crc32::default();
        expected.update(&plain);
        let packed = compress_to_vec(&plain, 6);
        for piece in [1, 7, 1000, packed.len()] {
            let tally = inflated(&packed, piece);
            assert!(!tally.failed, "piece {piece}");
            assert_eq!(tally.size, plain.len() as u64);
            assert_eq!(tally.crc.value(), expected.value());
            assert_eq!(tally.head, plain[..100]);
        }
    }

    #[test]
    fn a_cut_off_or_garbled_stream_fails() {
        let packed = compress_to_vec(&text(50_000), 6);
        assert!(inflated(&packed[..packed.len() / 2], 100).failed);
        let mut garbled = packed.clone();
        garbled[0] = 0xFF; // a reserved block type
        assert!(inflated(&garbled, 100).failed);
        let mut longer = packed;
        longer.extend_from_slice(b"more");
        assert!(inflated(&longer, 100).failed);
    }
}
