//! Application state: signals provided through context, and the only callers of `api`.

mod actions;
mod address;
mod auto_backups;
mod auto_health;
mod backups;
mod browser;
mod create;
mod fleet;
mod health;
mod inspect;
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

pub use actions::{Deleted, DownloadCommand, NewNameProblem};
pub use address::Page;
pub use auto_backups::{AutoBackups, AutoRunOutcome, FailureHistory};
pub use auto_health::{newest_auto, staleness, Staleness};
pub use backups::{BackupsState, ListStatus, Pending};
pub use browser::BufferReleaser;
pub use create::{CreateOutcome, NewBackup};
pub use fleet::{Fleet, ServerCheck, ServerSummary};
pub use health::ServerStatus;
pub use inspect::{Compared, Inspected, Inspection, NotCompared};
pub use list_view::{ListView, SortKey};
pub use navigation::{AtStake, Leave, Navigation};
pub use preferences::{Preferences, Theme};
pub use restore::{RestorePhase, RestoreRefusal, Unconfirmed};
pub use session::{Session, SessionState, SignedOut};
pub use settings::{FormFields, SettingsState};
pub use settings_form::{FieldProblem, FormField, SettingsForm};
pub use shown::ShownBackups;
pub use toasts::{Toast, ToastKind, Toasts};
pub use upload::{
    UploadCheck, UploadNameProblem, UploadOutcome, UploadProgress, UploadRefusal,
    SERVER_TIMEOUT_SECONDS,
};
pub use verify::{Damage, Verified};

use leptos::prelude::{provide_context, Signal, With};

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
    let backups = BackupsState::new(session, toasts);
    provide_context(backups);
    let progress = backups.upload_progress();
    let uploading = Signal::derive(move || progress.with(Option::is_some));
    let navigation = Navigation::new(settings.has_unsaved_changes(), uploading);
    provide_context(navigation);
    provide_context(ShownBackups::new(backups.rows, navigation));
    provide_context(AutoBackups::new(backups, settings));
}
