use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::components::ConfirmDialog;
use crate::state::BackupsState;
use crate::text;

/// Asks before deleting `target`; cancelling sends nothing.
#[component]
pub fn DeleteBackup(target: RwSignal<Option<String>>) -> impl IntoView {
    let backups = expect_context::<BackupsState>();
    let open = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    Effect::new(move || {
        if target.with(Option::is_some) {
            error.set(None);
            open.set(true);
        }
    });
    Effect::new(move || {
        if !open.get() {
            target.set(None);
        }
    });

    let confirm = Callback::new(move |()| {
        let Some(key) = target.get_untracked() else {
            return;
        };
        pending.set(true);
        spawn_local(async move {
            let result = backups.delete(key).await;
            pending.set(false);
            match result {
                Ok(()) => open.set(false),
                Err(refusal) => error.set(Some(refusal)),
            }
        });
    });

    view! {
        <ConfirmDialog
            id="delete-dialog"
            open
            title=text::DELETE_TITLE
            confirm_label=text::DELETE
            danger=true
            pending
            error
            on_confirm=confirm
        >
            <p class="subject">{move || target.get()}</p>
            <p>{text::DELETE_EXPLAINED}</p>
        </ConfirmDialog>
    }
}
