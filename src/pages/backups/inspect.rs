use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::{open_for, BackupContents, ConfirmDialog};
use crate::state::{BackupsState, Inspected};
use crate::text;

/// What the stored backup in `target` holds, read from its end without downloading it, and
/// whether it is a PocketBase backup at all.
#[component]
pub fn InspectBackup(target: RwSignal<Option<String>>) -> impl IntoView {
    let backups = expect_context::<BackupsState>();
    let open = RwSignal::new(false);
    let inspected = RwSignal::new(None::<Inspected>);
    open_for(target, open, move || {
        inspected.set(None);
        if let Some(key) = target.get_untracked() {
            spawn_local(async move {
                let found = backups.inspect(key.clone()).await;
                if target.get_untracked().as_ref() == Some(&key) {
                    inspected.set(Some(found));
                }
            });
        }
    });
    view! {
        <ConfirmDialog
            id="inspect-dialog"
            open
            title={text::p().inspect_title}
            confirm_label={text::p().close}
            only_close=true
            on_confirm=Callback::new(move |()| open.set(false))
        >
            <p class="subject">{move || target.get()}</p>
            <BackupContents inspected verdict=true />
        </ConfirmDialog>
    }
}
