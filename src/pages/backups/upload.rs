use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::File;

use crate::components::{ConfirmDialog, TextField, UploadProgressView, UploadZone};
use crate::state::{
    BackupsState, Toasts, UploadCheck, UploadNameProblem, UploadOutcome, UploadRefusal,
};
use crate::text;

/// Pick or drop a file, check it in the browser, confirm it by name and size — under another
/// name if the server has its name already — then send it.
#[component]
pub fn UploadBackup(#[prop(into)] locked: Signal<bool>) -> impl IntoView {
    let backups = expect_context::<BackupsState>();
    let toasts = expect_context::<Toasts>();
    let open = RwSignal::new(false);
    // A `File` is a browser handle (not Send): kept in local storage of the reactive system.
    let chosen = RwSignal::new_local(None::<File>);
    let problem = RwSignal::new(None::<String>);
    let no_data_db = RwSignal::new(false);
    // The name to store it under: the file's, unless the server has that one already.
    let taken_name = RwSignal::new(None::<String>);
    let store_as = RwSignal::new(String::new());
    let ended = RwSignal::new(None::<String>);
    let progress = backups.upload_progress();
    let uploading = Signal::derive(move || progress.with(Option::is_some));
    // (Leaving the page while it uploads asks first: see `Navigation`.)

    // Numbers each pick: only the latest file's check may open the dialog.
    let latest_pick = StoredValue::new(0u32);
    let on_file = Callback::new(move |file: File| {
        problem.set(None);
        ended.set(None);
        let pick = latest_pick.get_value().wrapping_add(1);
        latest_pick.set_value(pick);
        spawn_local(async move {
            let check = backups.check_upload(&file).await;
            if latest_pick.try_get_value() != Some(pick) {
                return;
            }
            let (doubtful, taken) = match check {
                UploadCheck::Refused(refusal) => {
                    return problem.set(Some(
                        match refusal {
                            UploadRefusal::Empty => text::EMPTY_FILE,
                            UploadRefusal::NotZip => text::NOT_A_ZIP,
                            UploadRefusal::Unreadable => text::UNREADABLE_FILE,
                        }
                        .to_owned(),
                    ));
                }
                UploadCheck::Fine {
                    no_data_db,
                    name_taken,
                } => (no_data_db, name_taken),
            };
            no_data_db.set(doubtful);
            let name = file.name();
            store_as.set(if taken {
                backups.free_upload_name(&name)
            } else {
                name.clone()
            });
            taken_name.set(taken.then_some(name));
            chosen.set(Some(file));
            open.set(true);
        });
    });
    let name_problem = Signal::derive(move || {
        let name = store_as.get();
        backups
            .upload_name_problem(&name)
            .map(|problem| match problem {
                UploadNameProblem::Empty => text::UPLOAD_NAME_EMPTY.to_owned(),
                UploadNameProblem::HasSlash => text::UPLOAD_NAME_SLASH.to_owned(),
                UploadNameProblem::Taken => text::name_taken(&name),
            })
    });
    let confirm = Callback::new(move |()| {
        let Some(file) = chosen.get_untracked() else {
            return;
        };
        if name_problem.get_untracked().is_some() {
            return;
        }
        chosen.set(None);
        open.set(false);
        let name = store_as.get_untracked();
        spawn_local(async move {
            match backups.upload(file, name).await {
                UploadOutcome::Uploaded(name) => toasts.success(text::uploaded(&name)),
                UploadOutcome::Cancelled => ended.set(Some(text::CANCELLED.to_owned())),
                UploadOutcome::StoredDespiteCancel(name) => {
                    toasts.error(text::stored_despite_cancel(&name))
                }
                UploadOutcome::CancelUnconfirmed(name) => {
                    toasts.error(text::cancel_unconfirmed(&name))
                }
                UploadOutcome::Failed(error) => problem.set(Some(text::error_message(&error))),
            }
        });
    });
    let summary = move || {
        chosen.with(|file| {
            file.as_ref()
                .map(|f| text::file_summary(&f.name(), f.size() as u64))
        })
    };

    view! {
        <UploadZone on_file disabled=Signal::derive(move || locked.get() || uploading.get()) />
        <UploadProgressView progress on_cancel=Callback::new(move |()| backups.cancel_upload()) />
        {move || problem.get().map(|p| view! { <p class="notice error" role="alert">{p}</p> })}
        {move || ended.get().map(|said| view! { <p class="notice" role="status">{said}</p> })}
        <ConfirmDialog
            id="upload-dialog"
            open
            title=text::UPLOAD_TITLE
            confirm_label=Signal::derive(move || {
                if no_data_db.get() { text::UPLOAD_ANYWAY } else { text::UPLOAD }
            })
            can_confirm=Signal::derive(move || {
                chosen.with(Option::is_some) && name_problem.with(Option::is_none)
            })
            on_confirm=confirm
        >
            <p class="subject">{summary}</p>
            {move || {
                no_data_db
                    .get()
                    .then(|| view! { <p class="notice warn" role="alert">{text::NO_DATA_DB}</p> })
            }}
            {move || {
                taken_name
                    .get()
                    .map(|taken| {
                        view! {
                            <p class="notice warn">{text::upload_name_taken(&taken)}</p>
                            <TextField
                                id="upload-as"
                                label=text::UPLOAD_AS
                                value=store_as
                                problem=name_problem
                            />
                        }
                    })
            }}
        </ConfirmDialog>
    }
}
