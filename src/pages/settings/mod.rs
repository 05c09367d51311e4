//! The backup settings: automatic backups and where backups are stored. Saving sends only what
//! changed; leaving with unsaved changes asks first.

mod schedule;
mod storage;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::components::{focus_when_drawn, ErrorNotice, Toaster};
use crate::pages::{LeaveDialog, TopBar};
use crate::state::{
    BackupList, FieldProblem, FormField, Preferences, SettingsForm, SettingsState, Toasts,
};
use crate::text;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = expect_context::<SettingsState>();
    let toasts = expect_context::<Toasts>();
    let list = expect_context::<BackupList>();
    if !expect_context::<Preferences>().redrawing() {
        settings.load();
        // What is stored now, for the warning that changing the storage leaves it behind.
        list.refresh();
    }

    // Leaving with unsaved changes asks first: see `Navigation`.
    let unsaved = settings.has_unsaved_changes();

    let saving = settings.is_saving();
    let editing = Editing::new(settings, toasts);
    let s3_test = storage::S3Test::new();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        if let Some(saving) = editing.save() {
            spawn_local(async move {
                saving.await;
            });
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
            <LeaveDialog />
        </main>
        <Toaster toasts=toasts.list() on_dismiss=Callback::new(move |id| toasts.dismiss(id)) />
    }
}

/// The form being edited: what is wrong with each field, and saving it.
#[derive(Clone, Copy)]
pub struct Editing {
    settings: SettingsState,
    toasts: Toasts,
    /// The server's refusal of the last save; its words stand beside the fields until the form
    /// differs from `refused_form`, the form it refused.
    refused: RwSignal<Option<ApiError>>,
    refused_form: StoredValue<Option<SettingsForm>>,
    /// A save was tried: empty required fields are pointed out from then on.
    tried: RwSignal<bool>,
}

impl Editing {
    fn new(settings: SettingsState, toasts: Toasts) -> Self {
        Self {
            settings,
            toasts,
            refused: RwSignal::new(None),
            refused_form: StoredValue::new(None),
            tried: RwSignal::new(false),
        }
    }

    /// The server's refusal, while the form is still the one it refused.
    fn refusal(self) -> Option<ApiError> {
        let error = self.refused.get()?;
        let form = self.settings.form();
        self.refused_form
            .with_value(|refused| refused.as_ref() == Some(&form))
            .then_some(error)
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
                let shown = self.tried.get() || problem != FieldProblem::Required;
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
        self.tried.get() && !self.problems().is_empty()
    }

    fn reset(self) {
        self.refused.set(None);
        self.tried.set(false);
        self.settings.reset();
    }

    /// Saves, unless the browser already sees a problem (then focus goes to it); the future
    /// answers whether the server saved.
    pub fn save(self) -> Option<impl std::future::Future<Output = bool>> {
        self.tried.set(true);
        if untrack(|| !self.problems().is_empty()) {
            focus_first_problem();
            return None;
        }
        let typed = untrack(|| self.settings.form());
        Some(async move {
            match self.settings.save().await {
                Ok(()) => {
                    self.refused.set(None);
                    self.tried.set(false);
                    self.toasts.success(text::p().settings_saved.into());
                    true
                }
                Err(error) => {
                    self.refused_form.set_value(Some(typed));
                    self.refused.set(Some(error));
                    focus_first_problem();
                    false
                }
            }
        })
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
