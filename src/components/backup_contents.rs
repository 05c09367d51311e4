use leptos::prelude::*;

use crate::api::Contents;
use crate::format::human_size;
use crate::state::{Inspected, Inspection};
use crate::text;

/// What a stored backup holds, from its zip directory: the databases, the uploaded files, its
/// sizes and how much was read to tell. With `verdict`, also whether it is a PocketBase backup
/// (the restore dialog words that itself).
#[component]
pub fn BackupContents(
    #[prop(into)] inspected: Signal<Option<Inspected>>,
    #[prop(optional)] verdict: bool,
) -> impl IntoView {
    move || {
        // One list of (term, value) lines, drawn by one loop: a typed element per line would
        // each be code of its own.
        let (said, lines) = match inspected.get() {
            None => (
                Some((text::p().inspect_reading, "contents-reading")),
                Vec::new(),
            ),
            Some(inspected) => (
                verdict.then(|| judged(&inspected.inspection)),
                lines(&inspected),
            ),
        };
        let said = said.map(|(words, class)| {
            let role = if class == "notice error" {
                "alert"
            } else {
                "status"
            };
            view! { <p class=class role=role>{words}</p> }
        });
        let lines = lines
            .into_iter()
            .map(|(term, value)| view! { <dt>{term}</dt><dd>{value}</dd> })
            .collect_view();
        view! {
            {said}
            <dl class="contents">{lines}</dl>
        }
    }
}

/// The verdict's words and class.
fn judged(inspection: &Inspection) -> (&'static str, &'static str) {
    match inspection {
        Inspection::Read(contents) if contents.is_backup() => {
            (text::p().inspect_is_backup, "notice")
        }
        Inspection::Read(_) => (text::p().inspect_no_data_db, "notice error"),
        Inspection::NotZip => (text::p().inspect_not_zip, "notice error"),
        Inspection::TooLarge => (text::p().inspect_too_large, "notice warn"),
        Inspection::Unreadable => (text::p().inspect_unreadable, "notice warn"),
    }
}

fn lines(inspected: &Inspected) -> Vec<(&'static str, String)> {
    let mut lines = match &inspected.inspection {
        Inspection::Read(contents) => listing(contents),
        _ => Vec::new(),
    };
    let read = text::t().read_of(
        &human_size(inspected.bytes_read),
        &human_size(inspected.size),
    );
    lines.push((text::p().contents_read, read));
    lines
}

fn listing(contents: &Contents) -> Vec<(&'static str, String)> {
    let size = |bytes: Option<u64>| bytes.map_or(text::p().contents_missing.to_owned(), human_size);
    let largest = contents
        .largest_storage
        .as_ref()
        .map(|(name, bytes)| (name.as_str(), human_size(*bytes)));
    let uploaded = text::t().uploaded_files(
        contents.storage_files,
        &human_size(contents.storage_bytes),
        largest
            .as_ref()
            .map(|(name, bytes)| (*name, bytes.as_str())),
    );
    let sizes = text::t().stored_extracted(
        &human_size(contents.compressed),
        &human_size(contents.extracted),
    );
    vec![
        (text::p().contents_files, contents.files.to_string()),
        ("data.db", size(contents.data_db)),
        ("auxiliary.db", size(contents.auxiliary_db)),
        (text::p().contents_uploaded, uploaded),
        (text::p().contents_archive, sizes),
    ]
}
