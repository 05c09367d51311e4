use leptos::prelude::*;

use crate::state::{
    AutoRunOutcome, CreateOutcome, NotDeleted, Notice, RestoreRefusal, Toast, UploadOutcome,
};
use crate::text;

/// The messages about finished work, in a polite live region; failures as alerts. Each is worded
/// as it is drawn, so it reads in the language of the moment.
#[component]
pub fn Toaster(
    #[prop(into)] toasts: Signal<Vec<Toast>>,
    on_dismiss: Callback<u32>,
) -> impl IntoView {
    view! {
        <div class="toasts" aria-live="polite">
            <For each=move || toasts.get() key=|toast| toast.id let:toast>
                <div
                    class=if toast.notice.is_success() { "toast" } else { "toast error" }
                    role=(!toast.notice.is_success()).then_some("alert")
                >
                    <span>{notice_words(&toast.notice)}</span>
                    <button
                        type="button"
                        class="dismiss"
                        aria-label={text::p().dismiss}
                        on:click=move |_| on_dismiss.run(toast.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}

/// What a toast says: the one place the outcomes of finished work become words.
pub fn notice_words(notice: &Notice) -> String {
    let t = text::t();
    match notice {
        Notice::Create(outcome) => create_words(outcome),
        Notice::Upload(UploadOutcome::Uploaded(name)) => t.uploaded(name),
        Notice::Upload(UploadOutcome::StoredDespiteCancel(name)) => t.stored_despite_cancel(name),
        Notice::Upload(UploadOutcome::CancelUnconfirmed(name)) => t.cancel_unconfirmed(name),
        Notice::Upload(UploadOutcome::LostUnknown(name)) => t.upload_lost_unknown(name),
        Notice::Upload(UploadOutcome::Cancelled) => text::p().cancelled.to_owned(),
        Notice::Upload(UploadOutcome::LostNotStored(_)) => {
            text::p().upload_lost_not_stored.to_owned()
        }
        Notice::Upload(UploadOutcome::Failed(error)) | Notice::Failed(error) => {
            text::error_message(error)
        }
        Notice::AutoRun(AutoRunOutcome::Made { key, pruned }) => t.auto_run_made(key, pruned),
        Notice::AutoRun(AutoRunOutcome::Failed { name, error }) => t.auto_run_failed(name, error),
        Notice::AutoRun(AutoRunOutcome::NotScheduled) => text::p().not_scheduled.to_owned(),
        Notice::AutoRun(AutoRunOutcome::Unsupported) => text::p().run_now_unsupported.to_owned(),
        Notice::AutoRun(AutoRunOutcome::Refused(error)) => text::error_message(error),
        Notice::AutoRun(AutoRunOutcome::Unknown { logs_off }) => {
            t.auto_run_unknown(*logs_off).to_owned()
        }
        Notice::Deleted(keys) => t.deleted(keys),
        Notice::NotDeleted(key, why) => not_deleted_words(key, why),
        Notice::DeleteUnknown(keys) => t.delete_unknown(keys),
        Notice::RestoreRefused(refusal) => refusal_words(refusal),
        Notice::SettingsSaved => text::p().settings_saved.to_owned(),
    }
}

/// Why `key` was not deleted, in words.
pub fn not_deleted_words(key: &str, why: &NotDeleted) -> String {
    let t = text::t();
    match why {
        NotDeleted::Refused(error) => t.not_deleted(key, &text::error_message(error)),
        NotDeleted::StillListed => t.still_listed(key),
        NotDeleted::UnderWay => t.delete_under_way(key),
    }
}

/// How a create ended, in words.
pub fn create_words(outcome: &CreateOutcome) -> String {
    let t = text::t();
    match outcome {
        CreateOutcome::Made(name) => t.created(name),
        CreateOutcome::NotMade { error, .. } if error.is_busy_refusal() => {
            text::error_message(error)
        }
        CreateOutcome::NotMade { name, .. } => t.create_lost(name),
        CreateOutcome::Refused(error) => text::error_message(error),
        CreateOutcome::Taken(name) => t.name_taken(name),
        CreateOutcome::ServerBusy => text::p().create_server_busy.to_owned(),
        CreateOutcome::Unknown(name) => t.create_unknown(name),
    }
}

/// Why a restore was not sent, in words (in its dialog, or a toast).
pub fn refusal_words(refusal: &RestoreRefusal) -> String {
    let t = text::t();
    match refusal {
        RestoreRefusal::Server(error) => text::error_message(error),
        RestoreRefusal::AlreadyRunning => text::p().restore_already_running.to_owned(),
        RestoreRefusal::BackupFirst(CreateOutcome::Unknown(name)) => t.backup_first_unknown(name),
        // Not a refusal; listed so that a new outcome cannot be missed here.
        RestoreRefusal::BackupFirst(CreateOutcome::Made(name)) => t.created(name),
        RestoreRefusal::BackupFirst(outcome) => t.backup_first_refused(&create_words(outcome)),
    }
}
