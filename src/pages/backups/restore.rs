use leptos::prelude::*;

use crate::components::{open_for, refusal_words, BackupContents, ConfirmDialog, TextField};
use crate::state::{
    BackupFiles, Inspected, Notice, RestorePhase, Restores, ServerWatch, Tasks, Toasts, Unconfirmed,
};
use crate::text;

crate::split::split_piece! {
    /// The restore dialog, fetched when first asked for.
    pub mod restore_dialog in restore = fn(target: RwSignal<Option<String>>, locked: Signal<bool>) -> AnyView {
        RestoreBackup(RestoreBackupProps { target, locked }).into_any()
    }
}

/// Explains what a restore replaces and asks for the exact key to be typed before it can be
/// confirmed. Confirming is impossible while the server is busy or out of reach or a restore is
/// followed, so a restore is never sent twice. Once confirmed it belongs to the signed-in
/// server's state: leaving the page (during the backup first, say) does not stop it.
#[component]
pub fn RestoreBackup(
    target: RwSignal<Option<String>>,
    #[prop(into)] locked: Signal<bool>,
) -> impl IntoView {
    let restores = expect_context::<Restores>();
    let watch = expect_context::<ServerWatch>();
    let files = expect_context::<BackupFiles>();
    let toasts = expect_context::<Toasts>();
    let tasks = Tasks::here();
    let open = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let refused = RwSignal::new(None::<String>);
    let typed = RwSignal::new(String::new());
    let backup_first = RwSignal::new(false);
    // What the backup holds, read from its end when the dialog opens.
    let inspected = RwSignal::new(None::<Inspected>);
    open_for(target, open, move || {
        typed.set(String::new());
        backup_first.set(false);
        refused.set(None);
        inspected.set(None);
        // At idle the page checks the server rarely: whether it is busy must be known now.
        watch.check_now();
        if let Some(key) = target.get_untracked() {
            tasks.spawn(async move {
                let found = files.inspect(key.clone()).await;
                if target.get_untracked().as_ref() == Some(&key) {
                    inspected.set(Some(found));
                }
            });
        }
    });
    let matches = Signal::derive(move || {
        target.with(|key| key.as_deref().is_some_and(|key| typed.with(|t| t == key)))
    });

    let confirm = Callback::new(move |()| {
        let Some(key) = target.get_untracked() else {
            return;
        };
        pending.set(true);
        let sent = restores.restore(key, backup_first.get_untracked());
        tasks.spawn(async move {
            let result = sent.await;
            pending.set(false);
            match result {
                Ok(()) => open.set(false),
                // The dialog may have been closed meanwhile: the refusal must still be seen.
                Err(refusal) if !open.get_untracked() => {
                    toasts.tell(Notice::RestoreRefused(refusal))
                }
                Err(refusal) => refused.set(Some(refusal_words(&refusal))),
            }
        });
    });

    view! {
        <ConfirmDialog
            id="restore-dialog"
            open
            title={text::p().restore_title}
            confirm_label={text::p().restore}
            danger=true
            pending
            can_confirm=Signal::derive(move || matches.get() && !locked.get())
            on_confirm=confirm
        >
            <p class="subject">{move || target.get()}</p>
            {move || {
                let fails = inspected.with(|i| i.as_ref().and_then(|i| i.inspection.restore_fails()));
                (fails == Some(true))
                    .then(|| view! { <p class="notice error" role="alert">{text::p().restore_no_data_db}</p> })
            }}
            <BackupContents inspected />
            <p>{text::p().restore_explained}</p>
            <label class="check">
                <input type="checkbox" bind:checked=backup_first />
                {text::p().backup_first}
            </label>
            <TextField id="restore-confirm" label={text::p().restore_confirm_label} value=typed />
            {move || {
                locked.get().then(|| view! { <p class="notice warn" role="status">{text::p().restore_waits}</p> })
            }}
            {move || {
                refused.get().map(|reason| view! { <p class="notice error" role="alert">{reason}</p> })
            }}
        </ConfirmDialog>
    }
}

/// Where a restore started from this page stands: working, then how it ended as far as the
/// server showed it — never "restored" on less than a restart with no failure logged.
#[component]
pub fn RestoreNotice() -> impl IntoView {
    let restores = expect_context::<Restores>();
    move || {
        restores.phase().get().map(|phase| match phase {
            RestorePhase::BackingUp(key) => working(text::t().restore_backing_up(&key)),
            RestorePhase::Started {
                key,
                answer_lost: false,
            } => working(text::t().restore_started(&key)),
            RestorePhase::Started {
                key,
                answer_lost: true,
            } => working(text::t().restore_answer_lost(&key)),
            RestorePhase::Restarting(key) => working(text::t().restore_restarting(&key)),
            RestorePhase::Checking(key) => working(text::t().restore_checking(&key)),
            RestorePhase::Restored(key) => {
                view! { <p class="notice" role="status">{text::t().restored(&key)}</p> }.into_any()
            }
            RestorePhase::Failed { key, error } => alert(text::t().restore_failed(&key, &error)),
            RestorePhase::NotRestored(key) => alert(text::t().restore_not_restored(&key)),
            RestorePhase::Unconfirmed { key, why } => alert(match why {
                Unconfirmed::NoRestart { answer_lost } => {
                    text::t().restore_not_seen(&key, answer_lost)
                }
                Unconfirmed::LogsOff => text::t().restore_logs_off(&key),
                Unconfirmed::LogUnreadable => text::t().restore_log_unreadable(&key),
                Unconfirmed::NotBack => text::p().restore_slow.to_owned(),
                Unconfirmed::NoEvidence => text::t().restore_no_evidence(&key),
            }),
        })
    }
}

fn working(message: String) -> AnyView {
    view! {
        <p class="notice warn" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {message}
        </p>
    }
    .into_any()
}

fn alert(message: String) -> AnyView {
    view! { <p class="notice error" role="alert">{message}</p> }.into_any()
}
