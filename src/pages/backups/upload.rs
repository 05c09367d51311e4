use leptos::prelude::*;
use web_sys::File;

use crate::components::{
    lazy_when, ConfirmDialog, Notices, TextField, UploadProgressView, UploadZone,
};
use crate::state::{
    Latest, Tasks, UploadCheck, UploadNameProblem, UploadOutcome, UploadRefusal, Uploads,
};
use crate::text;

/// Pick or drop a file, check it in the browser, confirm it by name and size — under another
/// name if the server has its name already — then send it. The upload itself belongs to the
/// signed-in server's state: this page shows its progress, and how it ended, when it is here.
#[component]
pub fn UploadBackup(#[prop(into)] locked: Signal<bool>) -> impl IntoView {
    let uploads = expect_context::<Uploads>();
    // A `File` is a browser handle (not Send): kept in local storage of the reactive system.
    let picked = RwSignal::new_local(None::<File>);
    // Why the file picked last cannot be sent, found in the browser.
    let problem = RwSignal::new(None::<String>);
    let progress = uploads.progress();
    let uploading = Signal::derive(move || progress.with(Option::is_some));
    // (Signing out while it uploads asks first: see `Navigation`.)
    let on_file = Callback::new(move |file: File| picked.set(Some(file)));
    // How the last upload ended, where the zone is: a cancel, or a failure.
    let ended = uploads.ended();
    let said = move || {
        ended.with(|ended| match ended {
            Some(UploadOutcome::Cancelled) => Some((false, text::p().cancelled.to_owned())),
            Some(UploadOutcome::Failed(error)) => Some((true, text::error_message(error))),
            Some(UploadOutcome::LostNotStored(_)) => {
                Some((true, text::p().upload_lost_not_stored.to_owned()))
            }
            _ => None,
        })
    };

    view! {
        <UploadZone on_file disabled=Signal::derive(move || locked.get() || uploading.get()) />
        <UploadProgressView progress on_cancel=Callback::new(move |()| uploads.cancel()) />
        {move || {
            problem
                .get()
                .or_else(|| said().filter(|(failed, _)| *failed).map(|(_, words)| words))
                .map(|p| view! { <p class="notice error" role="alert">{p}</p> })
        }}
        {move || {
            said()
                .filter(|(failed, _)| !failed)
                .map(|(_, words)| view! { <p class="notice" role="status">{words}</p> })
        }}
        {lazy_when(
            move || picked.with(Option::is_some),
            upload_dialog::PRELOAD,
            move || upload_dialog::draw(picked, problem),
            Notices::InSight,
        )}
    }
}

crate::split::split_piece! {
    /// The check of a picked file and its dialog, fetched when a file is first picked.
    pub mod upload_dialog in upload = fn(
        picked: RwSignal<Option<File>, LocalStorage>,
        problem: RwSignal<Option<String>>,
    ) -> AnyView {
        UploadDialog(UploadDialogProps { picked, problem }).into_any()
    }
}

/// Checks each file picked (the newest wins), then asks to confirm it by name and size.
#[component]
fn UploadDialog(
    picked: RwSignal<Option<File>, LocalStorage>,
    problem: RwSignal<Option<String>>,
) -> impl IntoView {
    let uploads = expect_context::<Uploads>();
    let tasks = Tasks::here();
    let open = RwSignal::new(false);
    let chosen = RwSignal::new_local(None::<File>);
    let no_data_db = RwSignal::new(false);
    // The name to store it under: the file's, unless the server has that one already.
    let taken_name = RwSignal::new(None::<String>);
    let store_as = RwSignal::new(String::new());

    // Numbers each pick: only the latest file's check may open the dialog.
    let picks = Latest::new();
    Effect::new(move || {
        let Some(file) = picked.get() else {
            return;
        };
        problem.set(None);
        uploads.forget_ended();
        let pick = picks.start();
        tasks.spawn(async move {
            let check = uploads.check(&file).await;
            if !picks.is_newest(pick) {
                return;
            }
            let (doubtful, taken) = match check {
                UploadCheck::Refused(refusal) => {
                    return problem.set(Some(
                        match refusal {
                            UploadRefusal::Empty => text::p().empty_file,
                            UploadRefusal::NotZip => text::p().not_a_zip,
                            UploadRefusal::Unreadable => text::p().unreadable_file,
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
                uploads.free_name(&name)
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
        uploads.name_problem(&name).map(|problem| match problem {
            UploadNameProblem::Empty => text::p().upload_name_empty.to_owned(),
            UploadNameProblem::HasSlash => text::p().upload_name_slash.to_owned(),
            UploadNameProblem::Taken => text::t().name_taken(&name),
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
        uploads.upload(file, store_as.get_untracked());
    });
    let summary = move || {
        chosen.with(|file| {
            file.as_ref()
                .map(|f| text::t().file_summary(&f.name(), f.size() as u64))
        })
    };

    view! {
        <ConfirmDialog
            id="upload-dialog"
            open
            title={text::p().upload_title}
            confirm_label=Signal::derive(move || {
                if no_data_db.get() { text::p().upload_anyway } else { text::p().upload }
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
                    .then(|| view! { <p class="notice warn" role="alert">{text::p().no_data_db}</p> })
            }}
            {move || {
                taken_name
                    .get()
                    .map(|taken| {
                        view! {
                            <p class="notice warn">{text::t().upload_name_taken(&taken)}</p>
                            <TextField
                                id="upload-as"
                                label={text::p().upload_as}
                                value=store_as
                                problem=name_problem
                            />
                        }
                    })
            }}
        </ConfirmDialog>
    }
}
