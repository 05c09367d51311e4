use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::{open_for, BackupContents, ConfirmDialog};
use crate::state::{sleep, BackupFiles, DownloadCommand, Inspected, Tasks};
use crate::text;

crate::split::split_piece! {
    /// The inspect dialog with its verify, fetched when first asked for.
    pub mod inspect_dialog in inspect = fn(target: RwSignal<Option<String>>) -> AnyView {
        InspectBackup(InspectBackupProps { target }).into_any()
    }
}

/// What the stored backup in `target` holds, read from its end without downloading it, and
/// whether it is a PocketBase backup at all; and a `curl` line to pull it onto a server.
#[component]
pub fn InspectBackup(target: RwSignal<Option<String>>) -> impl IntoView {
    let files = expect_context::<BackupFiles>();
    let tasks = Tasks::here();
    let open = RwSignal::new(false);
    let inspected = RwSignal::new(None::<Inspected>);
    let command = RwSignal::new(None::<DownloadCommand>);
    let refused = RwSignal::new(None::<ApiError>);
    let now_ms = RwSignal::new(0.0);
    open_for(target, open, move || {
        inspected.set(None);
        command.set(None);
        refused.set(None);
        if let Some(key) = target.get_untracked() {
            tasks.spawn(async move {
                let found = files.inspect(key.clone()).await;
                if target.get_untracked().as_ref() == Some(&key) {
                    inspected.set(Some(found));
                }
            });
        }
    });
    let copy = move |_| {
        let Some(key) = target.get_untracked() else {
            return;
        };
        tasks.spawn(async move {
            let result = files.copy_download_command(&key).await;
            if target.get_untracked().as_ref() != Some(&key) {
                return;
            }
            let first = command.with_untracked(Option::is_none);
            match result {
                Ok(made) => {
                    refused.set(None);
                    command.set(Some(made));
                    if first {
                        tasks.spawn(count_down(now_ms, open));
                    }
                }
                Err(error) => refused.set(Some(error)),
            }
        });
    };
    let shown_command = move || {
        command.get().map(|command| {
            let said = move || {
                let left = command
                    .expires_ms
                    .map(|at| ((at - now_ms.get()) / 1000.0).max(0.0));
                match left.map(|s| s as u64) {
                    Some(0) => text::p().command_expired.to_owned(),
                    left => text::t().command_ready(command.copied, left),
                }
            };
            view! {
                <p class="notice" role="status">{said}</p>
                <pre class="command"><code>{command.line}</code></pre>
            }
        })
    };
    view! {
        <ConfirmDialog
            id="inspect-dialog"
            open
            title={text::p().inspect_title}
            confirm_label={text::p().close}
            only_close=true
            error=refused
            on_confirm=Callback::new(move |()| open.set(false))
        >
            <p class="subject">{move || target.get()}</p>
            <BackupContents inspected verdict=true />
            <div class="row-actions">
                <button type="button" on:click=copy>{text::p().copy_command}</button>
            </div>
            {shown_command}
            <super::verify::VerifyBackup target open />
        </ConfirmDialog>
    }
}

/// Moves `now_ms` on every second while the dialog is open, for the seconds left to show.
async fn count_down(now_ms: RwSignal<f64>, open: RwSignal<bool>) {
    while open.get_untracked() {
        now_ms.set(js_sys::Date::now());
        sleep(1_000).await;
    }
}
