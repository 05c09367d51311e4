//! Where keyboard focus goes when what it was on disappears or something new appears.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Moves focus to the first element matching `selector`, if there is one.
pub fn focus_first(selector: &str) -> bool {
    let first = document().query_selector(selector).ok().flatten();
    first
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|element| element.focus().is_ok())
}

/// [`focus_first`] once the page has drawn what the last change shows.
pub fn focus_when_drawn(selector: &'static str) {
    focus_within_frames(move || focus_first(selector));
}

/// Tries `focus` on each of the next frames until it succeeds, for about a second: what it
/// looks for may be drawn a few frames after the change that asks for it.
pub fn focus_within_frames(focus: impl Fn() -> bool + 'static) {
    fn attempt(focus: std::rc::Rc<dyn Fn() -> bool>, left: u32) {
        request_animation_frame(move || {
            if !focus() && left > 0 {
                attempt(focus, left - 1);
            }
        });
    }
    attempt(std::rc::Rc::new(focus), 60);
}

/// The table's rows in the page, with the key each shows.
fn drawn_rows() -> Vec<(web_sys::Element, Option<String>)> {
    let Ok(rows) = document().query_selector_all("tbody tr.row") else {
        return Vec::new();
    };
    (0..rows.length())
        .filter_map(|at| rows.item(at)?.dyn_into::<web_sys::Element>().ok())
        .map(|row| {
            let key = row.query_selector(".key-text").ok().flatten();
            let key = key.and_then(|k| k.text_content());
            (row, key)
        })
        .collect()
}

/// Focuses a row's first control (its checkbox).
fn focus_in(row: &web_sys::Element) -> bool {
    let control = row.query_selector("input").ok().flatten();
    control
        .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|control| control.focus().is_ok())
}

/// Focuses the first control of the row showing `key`, if it is drawn — unless focus has moved
/// on to something else meanwhile (only from nowhere or `from_id`).
pub fn focus_row_of(key: &str, from_id: &str) -> bool {
    let active = document().active_element();
    let body = document().body().map(web_sys::Element::from);
    if active
        .as_ref()
        .is_some_and(|a| Some(a) != body.as_ref() && a.id() != from_id)
    {
        return true;
    }
    drawn_rows()
        .iter()
        .find(|(_, shown)| shown.as_deref() == Some(key))
        .is_some_and(|(row, _)| focus_in(row))
}

/// The `aria-rowindex` of the table row holding focus, if any.
pub fn focused_row_index() -> Option<u32> {
    document()
        .active_element()?
        .closest("tr.row")
        .ok()??
        .get_attribute("aria-rowindex")?
        .parse()
        .ok()
}

/// After the rows of `removed` keys are gone: focus goes to the row now at `row_index` (the one
/// after them), else the last row, else the list's heading.
pub fn focus_row_at(row_index: Option<u32>, removed: Vec<String>) {
    focus_within_frames(move || {
        let rows = drawn_rows();
        // Until the removed rows have left the page, wait.
        if rows
            .iter()
            .any(|(_, key)| key.as_ref().is_some_and(|key| removed.contains(key)))
        {
            return false;
        }
        let index = |row: &web_sys::Element| row.get_attribute("aria-rowindex")?.parse().ok();
        // Without a row it was asked from (a bulk delete), the list's heading: the last row in
        // the page may be far below the screen.
        let next = row_index.and_then(|at| {
            let next = rows.iter().find(|(row, _)| index(row) == Some(at));
            next.or(rows.last())
        });
        match next {
            Some((row, _)) => focus_in(row),
            None => focus_first("main h1"),
        }
    });
}
