//! Application state: signals provided through context, and the only callers of `api`.

mod actions;
mod backups;
mod browser;
mod create;
mod health;
mod inspect;
mod list_view;
mod restore;
mod session;
mod shown;
mod storage;
mod toasts;
mod upload;

pub use actions::{Deleted, NewNameProblem};
pub use backups::{BackupsState, ListStatus, Pending};
pub use create::{CreateOutcome, NewBackup};
pub use health::ServerStatus;
pub use list_view::{ListView, SortKey};
pub use restore::{RestorePhase, RestoreRefusal, Unconfirmed};
pub use session::{Session, SessionState, SignedOut};
pub use shown::ShownBackups;
pub use toasts::{Toast, ToastKind, Toasts};
pub use upload::{
    UploadCheck, UploadNameProblem, UploadOutcome, UploadProgress, UploadRefusal,
    SERVER_TIMEOUT_SECONDS,
};

use leptos::prelude::provide_context;

/// Creates the state once, at the root, for every page below it.
pub fn provide_app_state() {
    let session = SessionState::restore();
    let toasts = Toasts::new();
    provide_context(session);
    provide_context(toasts);
    let backups = BackupsState::new(session, toasts);
    provide_context(backups);
    provide_context(ShownBackups::new(backups.rows));
}
