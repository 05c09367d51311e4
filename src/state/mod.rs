//! Application state: signals provided through context, and the only callers of `api`.

mod address;
mod auto_backups;
mod auto_health;
mod browser;
mod create;
mod files;
mod fleet;
mod health;
mod inspect;
mod jobs;
mod list;
mod list_view;
mod navigation;
mod preferences;
mod restore;
mod session;
mod settings;
mod settings_form;
mod shown;
mod storage;
mod toasts;
mod upload;
mod verify;

pub use address::Page;
pub use auto_backups::{AutoBackups, AutoRunOutcome, FailureHistory};
pub use auto_health::{newest_auto, staleness, Staleness};
pub use browser::BufferReleaser;
pub use create::{CreateOutcome, NewBackup};
pub use files::{BackupFiles, DownloadCommand};
pub use fleet::{Fleet, ServerCheck, ServerSummary};
pub use health::{ServerStatus, ServerWatch};
pub use inspect::{Compared, Inspected, Inspection, NotCompared};
pub use jobs::{Deleted, Jobs, NewNameProblem, Pending};
pub use list::{BackupList, ListStatus};
pub use list_view::{ListView, SortKey};
pub use navigation::{AtStake, Leave, Navigation};
pub use preferences::{Preferences, Theme};
pub use restore::{RestorePhase, RestoreRefusal, Restores, Unconfirmed};
pub use session::{Session, SessionState, SignedOut};
pub use settings::{FormFields, SettingsState};
pub use settings_form::{FieldProblem, FormField, SettingsForm};
pub use shown::ShownBackups;
pub use toasts::{Toast, ToastKind, Toasts};
pub use upload::{
    UploadCheck, UploadNameProblem, UploadOutcome, UploadProgress, UploadRefusal, Uploads,
    SERVER_TIMEOUT_SECONDS,
};
pub use verify::{Damage, Verified};

use leptos::prelude::{expect_context, provide_context, RwSignal, Signal, With};

/// Forgets every backup-page thing of an earlier session, for a new sign-in (another account or
/// server may follow): a running upload is stopped; the list, the work under way, a restore
/// followed, the server's health and the toasts are cleared.
pub fn reset_backups_page() {
    expect_context::<Uploads>().reset();
    expect_context::<BackupList>().reset();
    expect_context::<Jobs>().reset();
    expect_context::<Restores>().reset();
    expect_context::<ServerWatch>().reset();
    expect_context::<Toasts>().clear();
}

/// Creates the state once, at the root, for every page below it.
pub fn provide_app_state() {
    provide_context(Preferences::restore());
    let session = SessionState::restore();
    let toasts = Toasts::new();
    provide_context(session);
    provide_context(Fleet::new(session));
    provide_context(toasts);
    let settings = SettingsState::new(session);
    provide_context(settings);
    let list = BackupList::new(session);
    provide_context(list);
    provide_context(BackupFiles::new(list));
    // The restore's phase, read by the health checks, which stay quiet while one runs.
    let restore_phase = RwSignal::new(None);
    let watch = ServerWatch::new(list, restore_phase.read_only());
    provide_context(watch);
    let jobs = Jobs::new(list, watch);
    provide_context(jobs);
    provide_context(Restores::new(jobs, restore_phase));
    let uploads = Uploads::new(list);
    provide_context(uploads);
    let progress = uploads.progress();
    let uploading = Signal::derive(move || progress.with(Option::is_some));
    let navigation = Navigation::new(settings.has_unsaved_changes(), uploading);
    provide_context(navigation);
    provide_context(ShownBackups::new(list.rows, navigation));
    provide_context(AutoBackups::new(jobs, settings));
}
