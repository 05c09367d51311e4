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
    let Ok(rows) = document().query_selector_all("tbody tr.row") else {
        return false;
    };
    (0..rows.length())
        .filter_map(|at| rows.item(at)?.dyn_into::<web_sys::Element>().ok())
        .find(|row| {
            row.query_selector(".key-text")
                .ok()
                .flatten()
                .and_then(|k| k.text_content())
                .is_some_and(|text| text == key)
        })
        .and_then(|row| row.query_selector("input, button").ok().flatten())
        .and_then(|control| control.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|control| control.focus().is_ok())
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
        let rows = document().query_selector_all("tbody tr.row").ok();
        let rows: Vec<web_sys::Element> = rows.map_or(Vec::new(), |rows| {
            (0..rows.length())
                .filter_map(|at| rows.item(at)?.dyn_into::<web_sys::Element>().ok())
                .collect()
        });
        let key_of = |row: &web_sys::Element| {
            row.query_selector(".key-text")
                .ok()
                .flatten()?
                .text_content()
        };
        // Until the removed rows have left the page, wait.
        if rows
            .iter()
            .any(|row| key_of(row).is_some_and(|key| removed.contains(&key)))
        {
            return false;
        }
        let index = |row: &web_sys::Element| row.get_attribute("aria-rowindex")?.parse().ok();
        // Without a row it was asked from (a bulk delete), the list's heading: the last row in
        // the page may be far below the screen.
        let next = row_index.and_then(|at| {
            let next = rows.iter().find(|row| index(row) == Some(at));
            next.or(rows.last())
        });
        match next.and_then(|row| row.query_selector("input").ok().flatten()) {
            Some(control) => control
                .dyn_into::<web_sys::HtmlElement>()
                .is_ok_and(|control| control.focus().is_ok()),
            None => focus_first("main h1"),
        }
    });
}
