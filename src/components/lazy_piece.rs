use std::future::Future;

use leptos::either::Either;
use leptos::prelude::*;

use crate::split::{ready_now, ChunkMissing, Preload};
use crate::state::Tasks;
use crate::text;

/// Draws a piece kept in a chunk of its own (see `split`): at once when the chunk is loaded,
/// else a short "Loading…" while it is fetched, and when that fails a plain notice with
/// Retry — never a broken page. Drawn again (another language), it is drawn at once.
pub fn lazy_piece<Draw, Drawing>(preload: Preload, draw: Draw) -> impl IntoView
where
    Draw: Fn() -> Drawing + Send + Sync + 'static,
    Drawing: Future<Output = Result<AnyView, ChunkMissing>> + 'static,
{
    piece_or_notice(preload, draw_if_loaded(draw), "")
}

/// Only this is made for each piece; the rest is shared.
fn draw_if_loaded<Draw, Drawing>(draw: Draw) -> DrawIfLoaded
where
    Draw: Fn() -> Drawing + Send + Sync + 'static,
    Drawing: Future<Output = Result<AnyView, ChunkMissing>> + 'static,
{
    Box::new(move || ready_now(draw()).and_then(Result::ok))
}

/// The piece if its chunk is loaded (its first poll is ready), else `None`.
type DrawIfLoaded = Box<dyn Fn() -> Option<AnyView> + Send + Sync>;

/// `place` is the notices' class: "in-sight" keeps them in view however the page is scrolled.
fn piece_or_notice(preload: Preload, draw: DrawIfLoaded, place: &'static str) -> impl IntoView {
    let tasks = Tasks::here();
    // Counts the fetches: each one that ends (or a Retry) draws again.
    let fetched = RwSignal::new(0u32);
    let failed = RwSignal::new(false);
    move || {
        fetched.track();
        // Untracked like any component's body: what the piece reads is its own business.
        if let Some(view) = untrack(&draw) {
            return Either::Left(view);
        }
        if !failed.get_untracked() {
            tasks.spawn(async move {
                match preload().await {
                    Ok(()) => fetched.update(|n| *n += 1),
                    Err(ChunkMissing) => failed.set(true),
                }
            });
        }
        Either::Right(view! {
            <div class=place>
                <p class="notice" role="status" hidden=failed>
                    <span class="spinner" aria-hidden="true"></span>
                    {text::p().piece_loading}
                </p>
                <div class="notice error" role="alert" hidden=move || !failed.get()>
                    <p>{text::p().piece_missing}</p>
                    <button
                        type="button"
                        on:click=move |_| {
                            failed.set(false);
                            fetched.update(|n| *n += 1);
                        }
                    >
                        {text::p().retry}
                    </button>
                </div>
            </div>
        })
    }
}

/// Where a lazy piece's notices ("Loading…", or Retry) are drawn.
#[derive(Clone, Copy)]
pub enum Notices {
    /// In sight however far the page is scrolled from where a dialog was asked for.
    InSight,
    /// In the piece's own place: a section of the page.
    InPlace,
}

/// [`lazy_piece`] from the first time `wanted` holds (a dialog is asked for), kept from then on;
/// its notices are drawn where `notices` says.
pub fn lazy_when<Draw, Drawing>(
    wanted: impl Fn() -> bool + Send + Sync + 'static,
    preload: Preload,
    draw: Draw,
    notices: Notices,
) -> impl IntoView
where
    Draw: Fn() -> Drawing + Clone + Send + Sync + 'static,
    Drawing: Future<Output = Result<AnyView, ChunkMissing>> + 'static,
{
    let place = match notices {
        Notices::InSight => "in-sight",
        Notices::InPlace => "",
    };
    let asked = Memo::new(move |was: Option<&bool>| was.copied() == Some(true) || wanted());
    move || {
        asked.get().then(|| {
            let draw = draw.clone();
            piece_or_notice(preload, draw_if_loaded(draw), place)
        })
    }
}

/// Fetches `pieces` one after another while the browser is idle, so a first click on any of
/// them draws at once; a fetch that fails is tried again on that click.
pub fn prefetch(tasks: Tasks, pieces: &'static [Preload]) {
    tasks.spawn(async move {
        for preload in pieces {
            crate::state::idle(2_000).await;
            let _ = preload().await;
        }
    });
}
