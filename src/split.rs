//! Pieces of the panel that the first screen does not show, each in a wasm chunk of its own in
//! the split release build (`--cfg panel_split`, `scripts/build.sh`), fetched on first use.
//! Every other build (unit and browser tests, `cargo check`) draws them in place: a build the
//! splitter did not rewrite could not load a chunk at all.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

/// A chunk could not be fetched (offline, or a deploy replaced the files): nothing of the
/// piece ran, and asking again fetches it anew (a failure is not remembered).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkMissing;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkMissing
    }
}

/// Fetches a piece's chunk without running it (for prefetching, and before drawing it).
pub type Preload = fn() -> Pin<Box<dyn Future<Output = Result<(), ChunkMissing>>>>;

/// What a future gives at its first poll, if it is ready then: a piece whose chunk is loaded
/// is drawn at once, in the same tick, rather than one tick late through a task.
pub fn ready_now<T>(future: impl Future<Output = T>) -> Option<T> {
    let mut future = std::pin::pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(value) => Some(value),
        Poll::Pending => None,
    }
}

/// Declares a piece that its own chunk holds: a module `$name` with `draw(args)` (a future of
/// the body's value, or [`ChunkMissing`]) and `preload()`. The body may name the enclosing
/// module's items. All pieces declared with the same `chunk` share one file.
macro_rules! split_piece {
    (
        $(#[$doc:meta])*
        $vis:vis mod $name:ident in $chunk:ident =
            fn($($arg:ident: $ty:ty),* $(,)?) -> $out:ty $body:block
    ) => {
        $(#[$doc])*
        $vis mod $name {
            #[allow(unused_imports)]
            use super::*;
            #[allow(unused_imports)]
            use $crate::split::{ChunkMissing, Preload};

            #[cfg(panel_split)]
            #[::leptos::wasm_split::wasm_split(
                $chunk,
                wasm_split_path = ::leptos::wasm_split,
                fallible,
                preload(#[doc(hidden)] load_chunk)
            )]
            fn split($($arg: $ty),*) -> Result<$out, ChunkMissing> {
                Ok($body)
            }

            /// Fetches the chunk if need be, then runs the piece.
            #[cfg(panel_split)]
            pub fn draw($($arg: $ty),*) -> impl ::std::future::Future<Output = Result<$out, ChunkMissing>> {
                split($($arg),*)
            }

            #[cfg(panel_split)]
            pub const PRELOAD: Preload =
                || Box::pin(async { load_chunk().await.map_err(ChunkMissing::from) });

            #[cfg(not(panel_split))]
            pub async fn draw($($arg: $ty),*) -> Result<$out, ChunkMissing> {
                Ok($body)
            }

            #[cfg(not(panel_split))]
            pub const PRELOAD: Preload = || Box::pin(async { Ok(()) });
        }
    };
}

pub(crate) use split_piece;

/// Room at the end of the wasm's data: wasm-split-cli moves each chunk's own data (its strings
/// and tables) out of the first chunk by packing the data segment again, module by module,
/// aligned — and when that packing comes out longer than the segment it read (by 16 B here) it
/// keeps the whole segment in the first chunk instead. These bytes, which no code reads, are
/// the room the packing needs.
#[cfg(panel_split)]
#[used]
static DATA_ROOM: [u8; 64] = [0x5a; 64];
