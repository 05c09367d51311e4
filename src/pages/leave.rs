use leptos::prelude::*;

use crate::components::{open_for, ConfirmDialog};
use crate::state::{AtStake, Leave, Navigation, SessionState, SettingsState, Uploads};
use crate::text;

/// Asks before a move that would lose something: the settings' unsaved changes (to another
/// page, Back, or signing out), or the upload running (signing out). Drawn once for every page.
#[component]
pub fn LeaveDialog() -> impl IntoView {
    let navigation = expect_context::<Navigation>();
    let settings = expect_context::<SettingsState>();
    let uploads = expect_context::<Uploads>();
    let session = expect_context::<SessionState>();
    let open = RwSignal::new(false);
    open_for(navigation.asking(), open, || {});
    // What is at stake when the question was asked: the dialog keeps its words while closing.
    let asking = navigation.asking();
    let upload = Memo::new(move |was: Option<&bool>| {
        match asking.get().and_then(|leave| navigation.at_stake(leave)) {
            Some(stake) => stake == AtStake::Upload,
            None => was.copied().unwrap_or(false),
        }
    });
    let leave = Callback::new(move |()| {
        if upload.get_untracked() {
            uploads.cancel();
        } else {
            settings.reset();
        }
        let asked = navigation.answer(true);
        open.set(false);
        if asked == Some(Leave::SignOut) {
            session.sign_out(None);
        }
    });
    view! {
        <ConfirmDialog
            id="leave-dialog"
            open
            title=move || if upload.get() { text::p().leave_upload_title } else { text::p().leave_title }
            confirm_label=Signal::derive(move || {
                if upload.get() { text::p().leave_upload } else { text::p().leave }
            })
            danger=true
            on_confirm=leave
        >
            <p>
                {move || if upload.get() { text::p().leave_upload_explained } else { text::p().leave_explained }}
            </p>
        </ConfirmDialog>
    }
}
