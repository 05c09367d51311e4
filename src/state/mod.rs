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
mod latest;
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
mod task;
mod toasts;
mod upload;
mod verify;

pub use address::Page;
pub use auto_backups::{AutoBackups, AutoRunOutcome, FailureHistory};
pub use auto_health::{newest_auto, staleness, Staleness};
pub use browser::{idle, page_hidden, sleep, BufferReleaser};
pub use create::{CreateOutcome, NewBackup};
pub use files::{BackupFiles, DownloadCommand};
pub use fleet::{Fleet, ServerCheck, ServerSummary};
pub use health::{ServerStatus, ServerWatch};
pub use inspect::{Compared, Inspected, Inspection, NotCompared};
pub use jobs::{Deleted, Jobs, NewNameProblem, NotDeleted, Pending};
pub use latest::Latest;
pub use list::{BackupList, ListStatus};
pub use list_view::{ListView, SortKey};
pub use navigation::{AtStake, Leave, Navigation, Stakes};
pub use preferences::{Preferences, Theme};
pub use restore::{RestorePhase, RestoreRefusal, Restores, Unconfirmed, RESTORE_FOLLOWER};
pub use session::{Session, SessionState, SignedOut};
pub use settings::{FormFields, SettingsState};
pub use settings_form::{FieldProblem, FormField, SettingsForm};
pub use shown::ShownBackups;
pub use task::{Answer, Reply, Tasks};
pub use toasts::{Notice, Toast, Toasts};
pub use upload::{
    UploadCheck, UploadNameProblem, UploadOutcome, UploadProgress, UploadRefusal, Uploads,
    SERVER_TIMEOUT_SECONDS,
};
pub use verify::{Damage, Verified};

use leptos::prelude::*;

/// Creates the panel's own state, whoever is signed in: the language and theme, the sessions of
/// every server, the fleet's overview, which page is shown.
pub fn provide_app_state() {
    let tasks = Tasks::here();
    provide_context(Preferences::restore(tasks));
    let session = SessionState::restore(tasks);
    provide_context(session);
    provide_context(Fleet::new(session, tasks));
    provide_context(Navigation::new(tasks));
}

/// Creates the signed-in server's state in the owner being built — the signed-in view, made
/// at each sign-in and dropped at sign-out or a switch of server, never by a page. Everything
/// a sign-in starts starts here, once: the list and the automatic job's health are read, a
/// restore being followed is picked up, health is polled, the other tabs are followed. A page
/// only shows this state; arriving at one reads again what it shows.
pub fn provide_server_state() {
    let session = expect_context::<SessionState>();
    let navigation = expect_context::<Navigation>();
    let tasks = Tasks::here();
    let toasts = Toasts::new(tasks);
    provide_context(toasts);
    let settings = SettingsState::new(session, tasks, toasts);
    provide_context(settings);
    let list = BackupList::new(session, tasks);
    provide_context(list);
    provide_context(BackupFiles::new(list));
    // The restore's phase, read by the health checks, which stay quiet while one runs.
    let restore_phase = RwSignal::new(None);
    let watch = ServerWatch::new(list, restore_phase.read_only());
    provide_context(watch);
    let jobs = Jobs::new(list, watch, toasts);
    provide_context(jobs);
    let restores = Restores::new(jobs, restore_phase, toasts);
    provide_context(restores);
    let uploads = Uploads::new(list, toasts);
    provide_context(uploads);
    let shown = ShownBackups::new(list.rows, navigation);
    provide_context(shown);
    let auto = AutoBackups::new(jobs, settings, toasts);
    provide_context(auto);

    let progress = uploads.progress();
    navigation.guard(Stakes {
        unsaved: settings.has_unsaved_changes(),
        uploading: Signal::derive(move || progress.with(Option::is_some)),
    });
    // Signed out, or another server: an upload must not go on unseen.
    on_cleanup(move || {
        navigation.unguard();
        uploads.cancel();
    });

    list.follow_other_tabs();
    restores.follow_other_tabs();
    watch.watch_server();
    restores.resume_restore();
    list.refresh();
    auto.refresh();
    // Arriving at a page (not drawing it again in another language) reads anew what it shows.
    let page = navigation.page();
    Effect::new(move |shown: Option<Page>| {
        let now = page.get();
        if shown.is_some_and(|shown| shown != now) {
            match now {
                Page::Backups => {
                    list.refresh();
                    auto.refresh();
                }
                // What is stored now, for the warning that changing the storage leaves behind.
                Page::Settings => {
                    settings.load();
                    list.refresh();
                }
                Page::Servers => {}
            }
        }
        now
    });
}
