use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::{open_for, BackupContents, ConfirmDialog, TextField};
use crate::state::{
    BackupFiles, CreateOutcome, Inspected, RestorePhase, RestoreRefusal, Restores, ServerWatch,
    Toasts, Unconfirmed,
};
use crate::text;

/// Explains what a restore replaces and asks for the exact key to be typed before it can be
/// confirmed. Confirming is impossible while the server is busy or a restore is followed, so a
/// restore is never sent twice.
#[component]
pub fn RestoreBackup(
    target: RwSignal<Option<String>>,
    #[prop(into)] locked: Signal<bool>,
) -> impl IntoView {
    let restores = expect_context::<Restores>();
    let watch = expect_context::<ServerWatch>();
    let files = expect_context::<BackupFiles>();
    let toasts = expect_context::<Toasts>();
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
            spawn_local(async move {
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
        spawn_local(async move {
            let result = restores.restore(key, backup_first.get_untracked()).await;
            pending.set(false);
            match result {
                Ok(()) => open.set(false),
                // The dialog may have been closed meanwhile: the refusal must still be seen.
                Err(refusal) if !open.get_untracked() => toasts.error(refusal_text(&refusal)),
                Err(refusal) => refused.set(Some(refusal_text(&refusal))),
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

fn refusal_text(refusal: &RestoreRefusal) -> String {
    match refusal {
        RestoreRefusal::Server(error) => text::error_message(error),
        RestoreRefusal::BackupFirst(
            CreateOutcome::Refused(error) | CreateOutcome::NotMade { error, .. },
        ) => text::t().backup_first_refused(&text::error_message(error)),
        RestoreRefusal::BackupFirst(CreateOutcome::Unknown(name)) => {
            text::t().backup_first_unknown(name)
        }
        RestoreRefusal::BackupFirst(CreateOutcome::Taken(name)) => {
            text::t().backup_first_refused(&text::t().name_taken(name))
        }
        // Not a refusal; listed so that a new outcome cannot be missed here.
        RestoreRefusal::BackupFirst(CreateOutcome::Made(name)) => text::t().created(name),
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
            RestorePhase::Unconfirmed { key, why } => alert(match why {
                Unconfirmed::NoRestart { answer_lost } => {
                    text::t().restore_not_seen(&key, answer_lost)
                }
                Unconfirmed::LogsOff => text::t().restore_logs_off(&key),
                Unconfirmed::LogUnreadable => text::t().restore_log_unreadable(&key),
                Unconfirmed::NotBack => text::p().restore_slow.to_owned(),
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
