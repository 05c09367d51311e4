//! Windowing for long tables: only the rows on screen, and a few either side, are in the page,
//! so 10,000 backups cost what 30 do. Every row has the same height (set in CSS), which makes a
//! row's position plain arithmetic; gaps above and below the window keep the scroll bar true.

use std::ops::Range;

use leptos::html::Tbody;
use leptos::prelude::*;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::ResizeObserver;

/// Rows kept in the page beyond each edge of the screen, and the step the window moves by:
/// scrolling less than that changes nothing in the page.
const MARGIN: usize = 5;

/// A row's height until one is on the page to measure (about what the CSS gives).
const ROW_HEIGHT_GUESS: f64 = 60.0;

/// The rows to put in the page. `top` is where the first row would start, relative to the top of
/// the viewport (negative once scrolled past it), `viewport` is the viewport's height.
pub fn window_for(top: f64, viewport: f64, row_height: f64, total: usize) -> Range<usize> {
    let row_height = row_height.max(1.0);
    // `as usize` turns negatives and NaN into 0 and caps at usize::MAX.
    let first_seen = (-top / row_height) as usize;
    let last_seen = ((viewport - top) / row_height).ceil() as usize;
    let start = first_seen.saturating_sub(MARGIN) / MARGIN * MARGIN;
    let end = last_seen.saturating_add(MARGIN).div_ceil(MARGIN) * MARGIN;
    start.min(total)..end.min(total)
}

/// Where the table body is and how tall its rows are, kept up to date on scroll and resize.
#[derive(Clone, Copy)]
pub struct RowWindow {
    /// The rows of the list to render.
    pub range: Memo<Range<usize>>,
    pub row_height: ReadSignal<f64>,
}

/// Follows `body` through scrolling, resizing, and anything on the page changing height. In the
/// body, the list starts at the first row of class `gap` (the room for rows above the window;
/// rows before it are not part of the list) and its rows have class `row`.
pub fn row_window(body: NodeRef<Tbody>, total: Signal<usize>) -> RowWindow {
    let viewport = || {
        web_sys::window()
            .and_then(|w| w.inner_height().ok()?.as_f64())
            .unwrap_or(800.0)
    };
    let (row_height, set_row_height) = signal(ROW_HEIGHT_GUESS);
    // Where the list's first row would start on screen, and the screen's height.
    let (place, set_place) = signal((0.0, viewport()));
    let measure = move || {
        let Some(body) = body.get_untracked() else {
            return;
        };
        // From one row's top to the next's: what each row adds, borders included.
        let first = body.query_selector("tr.row").ok().flatten();
        let next = first.as_ref().and_then(|row| row.next_element_sibling());
        let height = match (first, next.filter(|row| row.class_name() == "row")) {
            (Some(first), Some(next)) => {
                next.get_bounding_client_rect().top() - first.get_bounding_client_rect().top()
            }
            (Some(only), None) => only.get_bounding_client_rect().height(),
            _ => 0.0,
        };
        let height = Some(height).filter(|h| *h > 0.0);
        if let Some(height) = height {
            if height != row_height.get_untracked() {
                set_row_height.set(height);
            }
        }
        let start = body.query_selector("tr.gap").ok().flatten();
        let top = start.map_or(body.get_bounding_client_rect().top(), |gap| {
            gap.get_bounding_client_rect().top()
        });
        let now = (top, viewport());
        if now != place.get_untracked() {
            set_place.set(now);
        }
    };
    // Once the body is in the page, then on every scroll and resize.
    Effect::new(move || {
        body.track();
        measure();
    });
    let scroll = window_event_listener(leptos::ev::scroll, move |_| measure());
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    // Content above growing or shrinking (a notice, the upload's progress, the table shown once
    // rows arrive) moves the rows without a scroll; so does a row height other than the guess.
    let on_change = Closure::<dyn FnMut()>::new(measure);
    let observer = ResizeObserver::new(on_change.as_ref().unchecked_ref()).ok();
    if let (Some(observer), Some(page)) = (&observer, document().body()) {
        observer.observe(&page);
    }
    let observing = StoredValue::new_local((observer, on_change));
    on_cleanup(move || {
        scroll.remove();
        resize.remove();
        observing.try_with_value(|(observer, _)| observer.as_ref().map(|o| o.disconnect()));
    });
    let range = Memo::new(move |_| {
        let (top, screen) = place.get();
        window_for(top, screen, row_height.get(), total.get())
    });
    RowWindow { range, row_height }
}

#[cfg(test)]
mod tests {
    use super::window_for;

    #[test]
    fn covers_the_screen_and_a_margin_in_steps() {
        // Body at the top of a 560 px screen, 56 px rows: rows 0–9 are seen.
        assert_eq!(window_for(0.0, 560.0, 56.0, 10_000), 0..15);
        // Scrolled by 100 rows: 100–109 seen, five more each side.
        assert_eq!(window_for(-5600.0, 560.0, 56.0, 10_000), 95..115);
        // Half a row further, the end moves by a step; the next rows need nothing redrawn.
        assert_eq!(window_for(-5628.0, 560.0, 56.0, 10_000), 95..120);
        assert_eq!(window_for(-5656.0, 560.0, 56.0, 10_000), 95..120);
        assert_eq!(window_for(-5880.0, 560.0, 56.0, 10_000), 100..120);
        // The body still below the screen: only the first rows.
        assert_eq!(window_for(2000.0, 560.0, 56.0, 10_000), 0..5);
    }

    #[test]
    fn stays_inside_the_list() {
        assert_eq!(window_for(-1e9, 560.0, 56.0, 120), 120..120);
        assert_eq!(window_for(0.0, 560.0, 56.0, 3), 0..3);
        assert_eq!(window_for(0.0, 560.0, 56.0, 0), 0..0);
        assert_eq!(window_for(f64::NAN, 560.0, 0.0, 50), 0..5);
    }
}
