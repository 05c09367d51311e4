use leptos::prelude::*;

use crate::components::{
    focus_row_of, focus_within_frames, lazy_when, ConfirmDialog, Notices, TextField,
};
use crate::state::{CreateOutcome, Jobs, NewBackup, NewNameProblem, Tasks};
use crate::text;

/// The "Create backup" button and its dialog. The dialog closes once the request is sent: the
/// table shows the backup being made, and a refused name reopens the dialog with the reason —
/// also when the refusal came while another page showed.
#[component]
pub fn CreateBackup(#[prop(into)] locked: Signal<bool>) -> impl IntoView {
    let jobs = expect_context::<Jobs>();
    let open = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    // The server's refusal, with the name it refused: it no longer applies once edited.
    let refused = RwSignal::new(None::<(String, String)>);
    // A name the server refused, kept by the state until a dialog shows it.
    let name_refused = jobs.name_refused();
    Effect::new(move || {
        if name_refused.with(Option::is_none) {
            return;
        }
        let Some((typed, outcome)) = jobs.take_name_refusal() else {
            return;
        };
        let reason = match &outcome {
            CreateOutcome::Taken(taken) => text::t().name_taken(taken),
            CreateOutcome::Refused(error) => error
                .field("name")
                .map(|field| field.message.clone())
                .unwrap_or_else(|| text::error_message(error)),
            _ => return,
        };
        name.set(typed.clone());
        refused.set(Some((typed, reason)));
        open.set(true);
    });

    view! {
        <button
            type="button"
            id="create-backup"
            class="primary"
            disabled=move || locked.get() || jobs.is_creating()
            on:click=move |_| open.set(true)
        >
            {text::p().create_backup}
        </button>
        {lazy_when(
            move || open.get(),
            create_dialog::PRELOAD,
            move || create_dialog::draw(open, name, refused),
            Notices::InSight,
        )}
    }
}

crate::split::split_piece! {
    /// The create dialog, fetched when first asked for.
    pub mod create_dialog in create = fn(
        open: RwSignal<bool>,
        name: RwSignal<String>,
        refused: RwSignal<Option<(String, String)>>,
    ) -> AnyView {
        CreateDialog(CreateDialogProps { open, name, refused }).into_any()
    }
}

/// The name of the new backup, checked as the server checks it, and the request sent once.
#[component]
fn CreateDialog(
    open: RwSignal<bool>,
    name: RwSignal<String>,
    refused: RwSignal<Option<(String, String)>>,
) -> impl IntoView {
    let jobs = expect_context::<Jobs>();
    let tasks = Tasks::here();
    // The server's own words first, while the name it refused is still the one typed.
    let problem = Signal::derive(move || {
        let typed = name.get();
        let server_said = refused.with(|r| {
            r.as_ref()
                .filter(|(name, _)| *name == typed)
                .map(|(_, reason)| reason.clone())
        });
        server_said.or_else(|| {
            jobs.name_problem(&typed).map(|problem| match problem {
                NewNameProblem::Rule(rule) => text::t().name_problem(rule),
                NewNameProblem::Taken => text::t().name_taken(&typed),
            })
        })
    });

    let confirm = Callback::new(move |()| {
        let typed = name.get_untracked();
        // One create per intent: a double click or a held Enter finds the first one running.
        if problem.get_untracked().is_some() || jobs.is_creating() {
            return;
        }
        open.set(false);
        let backup = match typed.is_empty() {
            true => NewBackup::Unnamed,
            false => NewBackup::Named(typed),
        };
        // The state tells the outcome; this page, if still here, moves focus to the new row.
        let created = jobs.create(backup);
        tasks.spawn(async move {
            if let CreateOutcome::Made(made) = created.await {
                name.set(String::new());
                // Focus, left on the button disabled while creating, goes to the new row.
                focus_within_frames(move || focus_row_of(&made, "create-backup"));
            }
        });
    });

    view! {
        <ConfirmDialog
            id="create-dialog"
            open
            title={text::p().create_backup}
            confirm_label={text::p().create}
            can_confirm=Signal::derive(move || problem.with(Option::is_none))
            on_confirm=confirm
        >
            <TextField id="backup-name" label={text::p().backup_name} value=name problem />
            <p class="hint">{text::p().backup_name_hint}</p>
        </ConfirmDialog>
    }
}
