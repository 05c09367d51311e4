use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::File;

use crate::api::ApiError;
use crate::components::{ConfirmDialog, UploadProgressView, UploadZone};
use crate::state::{BackupsState, Toasts, UploadCheck, UploadRefusal};
use crate::text;

/// Pick or drop a file, check it in the browser, confirm it by name and size, then send it.
#[component]
pub fn UploadBackup(#[prop(into)] locked: Signal<bool>) -> impl IntoView {
    let backups = expect_context::<BackupsState>();
    let toasts = expect_context::<Toasts>();
    let open = RwSignal::new(false);
    // A `File` is a browser handle (not Send): kept in local storage of the reactive system.
    let chosen = RwSignal::new_local(None::<File>);
    let problem = RwSignal::new(None::<String>);
    let warning = RwSignal::new(None::<String>);
    let cancelled = RwSignal::new(false);
    let progress = backups.upload_progress();
    let uploading = Signal::derive(move || progress.with(Option::is_some));

    // Numbers each pick: only the latest file's check may open the dialog.
    let latest_pick = StoredValue::new(0u32);
    let on_file = Callback::new(move |file: File| {
        problem.set(None);
        cancelled.set(false);
        let pick = latest_pick.get_value().wrapping_add(1);
        latest_pick.set_value(pick);
        spawn_local(async move {
            let check = backups.check_upload(&file).await;
            if latest_pick.try_get_value() != Some(pick) {
                return;
            }
            let doubt = match check {
                UploadCheck::Refused(refusal) => {
                    return problem.set(Some(match refusal {
                        UploadRefusal::Empty => text::EMPTY_FILE.into(),
                        UploadRefusal::NotZip => text::NOT_A_ZIP.into(),
                        UploadRefusal::Unreadable => text::UNREADABLE_FILE.into(),
                        UploadRefusal::NameTaken(name) => text::name_taken(&name),
                    }));
                }
                UploadCheck::NoDataDb => Some(text::NO_DATA_DB.to_owned()),
                UploadCheck::Fine => None,
            };
            warning.set(doubt);
            chosen.set(Some(file));
            open.set(true);
        });
    });
    let confirm = Callback::new(move |()| {
        let Some(file) = chosen.get_untracked() else {
            return;
        };
        chosen.set(None);
        open.set(false);
        spawn_local(async move {
            let name = file.name();
            match backups.upload(file).await {
                Ok(()) => toasts.success(text::uploaded(&name)),
                Err(ApiError::Cancelled) => cancelled.set(true),
                Err(error) => problem.set(Some(text::error_message(&error))),
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
        <Show when=move || cancelled.get()>
            <p class="notice" role="status">{text::CANCELLED}</p>
        </Show>
        <ConfirmDialog
            id="upload-dialog"
            open
            title=text::UPLOAD_TITLE
            confirm_label=Signal::derive(move || {
                if warning.with(Option::is_some) { text::UPLOAD_ANYWAY } else { text::UPLOAD }
            })
            can_confirm=Signal::derive(move || chosen.with(Option::is_some))
            on_confirm=confirm
        >
            <p class="subject">{summary}</p>
            {move || warning.get().map(|w| view! { <p class="notice warn" role="alert">{w}</p> })}
        </ConfirmDialog>
    }
}
