//! Application state: signals provided through context, and the only callers of `api`.

mod backups;
mod session;
mod storage;

pub use backups::{sort_newest_first, BackupsState, ListStatus};
pub use session::{Session, SessionState};

use leptos::prelude::provide_context;

/// Creates the state once, at the root, for every page below it.
pub fn provide_app_state() {
    let session = SessionState::restore();
    provide_context(session);
    provide_context(BackupsState::new(session));
}
