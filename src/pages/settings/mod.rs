//! The backup settings: automatic backups and where backups are stored. Saving sends only what
//! changed; leaving with unsaved changes asks first.

mod schedule;
mod storage;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::components::{focus_when_drawn, ErrorNotice};
use crate::pages::TopBar;
use crate::state::{FieldProblem, FormField, SettingsState, Tasks};
use crate::text;

crate::split::split_piece! {
    /// The settings page, fetched when first shown.
    pub mod settings_page in settings = fn() -> AnyView {
        SettingsPage().into_any()
    }
}

/// Shows the signed-in server's settings and their form, both kept by the state: reading them
/// happens on arrival here (see `state::provide_server_state`), not when this is drawn.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = expect_context::<SettingsState>();

    // Leaving with unsaved changes asks first: see `Navigation`.
    let unsaved = settings.has_unsaved_changes();

    let saving = settings.is_saving();
    let editing = Editing::new(settings);
    let s3_test = storage::S3Test::new();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !saving.get_untracked() {
            editing.save_then(|_| {});
        }
    };

    let saved = settings.saved();
    let ready = move || saved.with(Option::is_some);

    view! {
        <TopBar busy=s3_test.is_testing() />
        <main class="settings-page">
            <div class="page-head">
                <h1>{text::p().backup_settings}</h1>
            </div>
            <p class="notice" role="status" hidden=move || !settings.is_loading()>
                {text::p().loading_settings}
            </p>
            <ErrorNotice error=Signal::derive(move || settings.load_error()) />
            <form class="settings" on:submit=submit novalidate hidden=move || !ready()>
                <schedule::ScheduleSection editing />
                <storage::StorageSection editing test=s3_test />
                <ErrorNotice error=Signal::derive(move || editing.general_refusal()) />
                <p class="notice warn" role="alert" hidden=move || !editing.shows_problems()>
                    {text::p().fix_fields}
                </p>
                <div class="form-actions">
                    <span class="unsaved" role="status">
                        {move || unsaved.get().then_some(text::p().unsaved_changes)}
                    </span>
                    <button
                        type="button"
                        disabled=move || !unsaved.get() || saving.get()
                        on:click=move |_| editing.reset()
                    >
                        {text::p().reset}
                    </button>
                    <button type="submit" class="primary" disabled=move || !unsaved.get() || saving.get()>
                        {move || if saving.get() { text::p().saving } else { text::p().save }}
                    </button>
                </div>
            </form>
            <storage::SaveFirstDialog editing test=s3_test />
        </main>
    }
}

/// The form being edited: what is wrong with each field, and saving it. What the server said
/// of it is the state's, so it is still there after a visit to another page.
#[derive(Clone, Copy)]
pub struct Editing {
    settings: SettingsState,
    tasks: Tasks,
}

impl Editing {
    fn new(settings: SettingsState) -> Self {
        Self {
            settings,
            tasks: Tasks::here(),
        }
    }

    /// The server's refusal, while the form is still the one it refused.
    fn refusal(self) -> Option<ApiError> {
        self.settings.refusal()
    }

    /// The browser's own findings (the form is small: checked afresh on each read).
    fn problems(self) -> Vec<(FormField, FieldProblem)> {
        self.settings.form().problems()
    }

    /// What is wrong with `field`: the server's refusal of the form as it still is, else the
    /// browser's own check (an empty required field only once a save was tried).
    pub fn problem_of(self, field: FormField) -> Signal<Option<String>> {
        Signal::derive(move || {
            let server_said = self.refusal().and_then(|error| {
                let named = error.field(field.server_name())?;
                Some(text::t().server_refused_field(&named.message))
            });
            server_said.or_else(|| {
                let (_, problem) = self.problems().into_iter().find(|(f, _)| *f == field)?;
                let shown = self.settings.was_tried() || problem != FieldProblem::Required;
                shown.then(|| field_problem(field, &problem))
            })
        })
    }

    /// A refusal that names no field of the form, shown below it.
    fn general_refusal(self) -> Option<ApiError> {
        let error = self.refusal()?;
        let named = FormField::ALL
            .iter()
            .any(|field| error.field(field.server_name()).is_some());
        (!named).then_some(error)
    }

    fn shows_problems(self) -> bool {
        self.settings.was_tried() && !self.problems().is_empty()
    }

    fn reset(self) {
        self.settings.reset();
    }

    /// Saves, unless the browser already sees a problem (then focus goes to it); `then` is
    /// told whether the server saved, if this page is still here. The save itself is the
    /// state's: it goes on if the page is left, and its toast says how it went.
    pub fn save_then(self, then: impl FnOnce(bool) + 'static) {
        self.settings.try_save();
        if untrack(|| !self.problems().is_empty()) {
            focus_first_problem();
            return;
        }
        let saving = self.settings.save();
        self.tasks.spawn(async move {
            let saved = saving.await;
            if !saved {
                focus_first_problem();
            }
            then(saved);
        });
    }
}

fn field_problem(field: FormField, problem: &FieldProblem) -> String {
    match (field, problem) {
        (_, FieldProblem::Cron(problem)) => text::t().cron_problem(problem),
        (FormField::Cron, _) => text::p().cron_required.into(),
        (_, FieldProblem::NotANumber) => text::p().max_keep_number.into(),
        (_, FieldProblem::TooFew) => text::p().max_keep_too_few.into(),
        (_, FieldProblem::NotAnAddress) => text::p().not_an_endpoint.into(),
        (_, FieldProblem::Required) => text::p().required_while_s3.into(),
    }
}

/// Moves focus to the first field marked invalid, once the page shows the marks.
fn focus_first_problem() {
    focus_when_drawn("form.settings [aria-invalid=true]");
}
