use leptos::prelude::*;

use crate::api::BackupInfo;
use crate::format::{human_size, local_datetime};
use crate::text;

/// The backups as a table. Keys are rendered as text nodes: a key like `<img …>.zip` is data.
#[component]
pub fn BackupTable(#[prop(into)] rows: Signal<Vec<BackupInfo>>) -> impl IntoView {
    view! {
        <table class="backups">
            <thead>
                <tr>
                    <th scope="col">{text::COLUMN_NAME}</th>
                    <th scope="col" class="num">{text::COLUMN_SIZE}</th>
                    <th scope="col">{text::COLUMN_MODIFIED}</th>
                </tr>
            </thead>
            <tbody>
                <For
                    each=move || rows.get()
                    key=|backup| (backup.key.clone(), backup.modified.clone(), backup.size)
                    let:backup
                >
                    <BackupRow backup />
                </For>
            </tbody>
        </table>
    }
}

#[component]
fn BackupRow(backup: BackupInfo) -> impl IntoView {
    let modified = match backup.modified_ms() {
        Some(ms) => local_datetime(ms),
        None => text::UNKNOWN_DATE.to_owned(),
    };
    view! {
        <tr>
            <th scope="row" class="key">{backup.key.clone()}</th>
            <td class="num" title=backup.size.to_string()>{human_size(backup.size)}</td>
            <td>
                <time datetime=backup.modified.replacen(' ', "T", 1)>{modified}</time>
            </td>
        </tr>
    }
}
