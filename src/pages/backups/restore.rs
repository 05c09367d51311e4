use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::components::{open_for, ConfirmDialog, TextField};
use crate::state::{BackupsState, Toasts};
use crate::text;

/// Explains what a restore replaces and asks for the exact key to be typed before it can be
/// confirmed.
#[component]
pub fn RestoreBackup(target: RwSignal<Option<String>>) -> impl IntoView {
    let backups = expect_context::<BackupsState>();
    let toasts = expect_context::<Toasts>();
    let open = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let typed = RwSignal::new(String::new());
    let backup_first = RwSignal::new(false);
    open_for(target, open, move || {
        typed.set(String::new());
        backup_first.set(false);
        error.set(None);
    });
    let matches = Signal::derive(move || {
        target.with(|key| key.as_deref().is_some_and(|key| typed.with(|t| t == key)))
    });

    let confirm = Callback::new(move |()| {
        let Some(key) = target.get_untracked() else {
            return;
        };
        pending.set(true);
        spawn_local(async move {
            let result = backups.restore(key, backup_first.get_untracked()).await;
            pending.set(false);
            match result {
                Ok(()) => open.set(false),
                // The dialog may have been closed meanwhile: the refusal must still be seen.
                Err(refusal) if !open.get_untracked() => {
                    toasts.error(text::error_message(&refusal))
                }
                Err(refusal) => error.set(Some(refusal)),
            }
        });
    });

    view! {
        <ConfirmDialog
            id="restore-dialog"
            open
            title=text::RESTORE_TITLE
            confirm_label=text::RESTORE
            danger=true
            pending
            can_confirm=matches
            error
            on_confirm=confirm
        >
            <p class="subject">{move || target.get()}</p>
            <p>{text::RESTORE_EXPLAINED}</p>
            <label class="check">
                <input type="checkbox" bind:checked=backup_first />
                {text::BACKUP_FIRST}
            </label>
            <TextField id="restore-confirm" label=text::RESTORE_CONFIRM_LABEL value=typed />
        </ConfirmDialog>
    }
}
