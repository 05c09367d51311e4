//! A whole backup checked as it streams through the page once, storing nothing: each entry
//! inflated by the browser's own `DecompressionStream('deflate-raw')`, its CRC-32 and size
//! checked against the central directory, and `data.db`'s header against its length. A verify
//! belongs to the dialog that runs it: dropped with it (its page left, the dialog closed, the
//! language switched), it cancels the download and aborts the browser's decompressor.

use std::cell::{Cell, RefCell};
use std::ops::Range;
use std::rc::Rc;

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, WritableStreamDefaultWriter};

use super::browser::BufferReleaser;
use super::files::BackupFiles;
use super::inspect::Inspection;
use super::task::Tasks;
use crate::api::verify::{sqlite_header, Broken, Crc32, Piece, Sqlite, Walker};
use crate::api::zip::Entry;
use crate::api::ApiError;

// web-sys has `DecompressionStream` only behind `--cfg=web_sys_unstable_apis`; these few
// bindings are all the panel uses of it.
#[wasm_bindgen]
extern "C" {
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

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

/// The inflater's input end, aborted when dropped before it was closed, so the browser's
/// decompressor stops with the verify.
struct Inflater {
    writer: WritableStreamDefaultWriter,
    closed: bool,
}

impl Drop for Inflater {
    fn drop(&mut self) {
        if !self.closed {
            // Settled or not, its callbacks stay until the promise settles.
            drop(JsFuture::from(self.writer.abort()));
        }
    }
}

/// The download's reader, cancelled when dropped: the rest of the backup is not fetched.
struct Download(ReadableStreamDefaultReader);

impl Drop for Download {
    fn drop(&mut self) {
        drop(JsFuture::from(self.0.cancel()));
    }
}

/// One entry being checked: stored bytes are counted as they come; deflated ones go through a
/// `DecompressionStream`, drained by a task of their own so that writes never wait on a full
/// output queue.
enum Check {
    Stored(Tally),
    Deflated {
        inflater: Inflater,
        tally: Rc<RefCell<Tally>>,
        drained: Promise,
    },
}

impl Check {
    /// `None` when this browser cannot inflate: the backup is then not judged at all. The
    /// drain runs in `tasks`, the verify's own.
    fn start(entry: &Entry, release: &BufferReleaser, tasks: Tasks) -> Option<Check> {
        if entry.method != 8 {
            return Some(Check::Stored(Tally::default()));
        }
        let stream = DecompressionStream::new("deflate-raw").ok()?;
        let writer = stream.writable().get_writer().ok()?;
        let tally = Rc::new(RefCell::new(Tally::default()));
        let reader: ReadableStreamDefaultReader = stream.readable().get_reader().unchecked_into();
        let resolve = Rc::new(Cell::new(None::<js_sys::Function>));
        let drained = Promise::new(&mut |done, _| resolve.set(Some(done)));
        let counted = tally.clone();
        let release = release.clone();
        tasks.spawn(async move {
            let mut copy = Vec::new();
            while let Some(chunk) = next_chunk(reader.read()).await {
                match chunk {
                    Ok(bytes) => {
                        copy.resize(bytes.length() as usize, 0);
                        bytes.copy_to(&mut copy);
                        release.release(&bytes);
                        counted.borrow_mut().add(&copy);
                    }
                    Err(()) => {
                        counted.borrow_mut().failed = true;
                        break;
                    }
                }
            }
            if let Some(done) = resolve.take() {
                let _ = done.call0(&JsValue::NULL);
            }
        });
        Some(Check::Deflated {
            inflater: Inflater {
                writer,
                closed: false,
            },
            tally,
            drained,
        })
    }

    /// Adds bytes `range` of the stream's `chunk`, whose copy in wasm is `bytes`. Deflated data
    /// goes to the inflater as a view of the stream's own chunk: no second copy.
    async fn add(&mut self, chunk: &Uint8Array, bytes: &[u8], range: Range<usize>) {
        match self {
            Check::Stored(tally) => tally.add(&bytes[range]),
            Check::Deflated {
                inflater, tally, ..
            } => {
                let part = chunk.subarray(range.start as u32, range.end as u32);
                if JsFuture::from(inflater.writer.write_with_chunk(&part))
                    .await
                    .is_err()
                {
                    tally.borrow_mut().failed = true;
                }
            }
        }
    }

    async fn finish(self) -> Tally {
        match self {
            Check::Stored(tally) => tally,
            Check::Deflated {
                mut inflater,
                tally,
                drained,
            } => {
                inflater.closed = true;
                let closed = JsFuture::from(inflater.writer.close()).await.is_ok();
                let _ = JsFuture::from(drained).await;
                let mut tally = Rc::try_unwrap(tally)
                    .map(RefCell::into_inner)
                    .unwrap_or_else(|shared| std::mem::take(&mut shared.borrow_mut()));
                tally.failed |= !closed;
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
    /// told the bytes that came (once a MiB), and `cancelled` answering true stops it. `tasks`
    /// are the caller's: the inflaters' drains stop with it.
    pub async fn verify(
        self,
        key: String,
        tasks: Tasks,
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
        // Every chunk read is let go of at once, the inflater's too (see `BufferReleaser`).
        let release = BufferReleaser::default();
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
                        if current.is_none() {
                            current = Check::start(&walker.entries[entry], &release, tasks);
                        }
                        let Some(check) = current.as_mut() else {
                            return Verified::Unreadable(None);
                        };
                        check.add(&chunk, &bytes, range).await;
                    }
                    Piece::End { entry } => {
                        let started = current
                            .take()
                            .or_else(|| Check::start(&walker.entries[entry], &release, tasks));
                        let Some(check) = started else {
                            return Verified::Unreadable(None);
                        };
                        let tally = check.finish().await;
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
