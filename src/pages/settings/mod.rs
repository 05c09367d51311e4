//! The backup settings: automatic backups and where backups are stored. Saving sends only what
//! changed; leaving with unsaved changes asks first.

mod schedule;
mod storage;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::components::{open_for, ConfirmDialog, ErrorNotice, Toaster};
use crate::pages::TopBar;
use crate::state::{
    BackupsState, FieldProblem, FormField, Leave, Navigation, SessionState, SettingsForm,
    SettingsState, SettingsStatus, Toasts,
};
use crate::text;

/// The server's refusal of a save, with the form it refused: its words stand beside the fields
/// until the form is edited.
type Refusal = Option<(SettingsForm, ApiError)>;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let settings = expect_context::<SettingsState>();
    let toasts = expect_context::<Toasts>();
    let backups = expect_context::<BackupsState>();
    settings.load();
    // What is stored now, for the warning that changing the storage leaves it behind.
    backups.refresh();

    let unsaved = settings.has_unsaved_changes();
    let leaving = window_event_listener_untyped("beforeunload", move |event| {
        if unsaved.get_untracked() {
            event.prevent_default();
            let _ = js_sys::Reflect::set(&event, &"returnValue".into(), &"unsaved".into());
        }
    });
    on_cleanup(move || leaving.remove());

    let status = settings.status();
    let saved = settings.saved();
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

    let ready = move || status.with(|s| *s == SettingsStatus::Ready);
    let load_failure = Signal::derive(move || match status.get() {
        SettingsStatus::Failed(error) if saved.with(Option::is_none) => Some(error),
        _ => None,
    });

    view! {
        <TopBar />
        <main class="settings-page">
            <div class="page-head">
                <h1>{text::BACKUP_SETTINGS}</h1>
            </div>
            <p class="notice" role="status" hidden=move || !status.with(|s| *s == SettingsStatus::Loading)>
                {text::LOADING_SETTINGS}
            </p>
            <ErrorNotice error=load_failure />
            <form class="settings" on:submit=submit novalidate hidden=move || !ready()>
                <schedule::ScheduleSection editing />
                <storage::StorageSection editing test=s3_test />
                <ErrorNotice error=Signal::derive(move || editing.general_refusal()) />
                <p class="notice warn" role="alert" hidden=move || !editing.shows_problems()>
                    {text::FIX_FIELDS}
                </p>
                <div class="form-actions">
                    <span class="unsaved" role="status">
                        {move || unsaved.get().then_some(text::UNSAVED_CHANGES)}
                    </span>
                    <button
                        type="button"
                        disabled=move || !unsaved.get() || saving.get()
                        on:click=move |_| editing.reset()
                    >
                        {text::RESET}
                    </button>
                    <button type="submit" class="primary" disabled=move || !unsaved.get() || saving.get()>
                        {move || if saving.get() { text::SAVING } else { text::SAVE }}
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
    form: Memo<SettingsForm>,
    problems: Memo<Vec<(FormField, FieldProblem)>>,
    /// The server's refusal of the last save.
    refused: RwSignal<Refusal>,
    /// A save was tried: empty required fields are pointed out from then on.
    tried: RwSignal<bool>,
}

impl Editing {
    fn new(settings: SettingsState, toasts: Toasts) -> Self {
        let form = settings.form();
        Self {
            settings,
            toasts,
            form,
            problems: Memo::new(move |_| form.with(SettingsForm::problems)),
            refused: RwSignal::new(None),
            tried: RwSignal::new(false),
        }
    }

    /// What is wrong with `field`: the server's refusal of the form as it still is, else the
    /// browser's own check (an empty required field only once a save was tried).
    pub fn problem_of(self, field: FormField) -> Signal<Option<String>> {
        Signal::derive(move || {
            let server_said = self.refused.with(|refused| {
                let (refused_form, error) = refused.as_ref()?;
                let named = error.field(field.server_name())?;
                self.form
                    .with(|now| now == refused_form)
                    .then(|| text::server_refused_field(&named.message))
            });
            server_said.or_else(|| {
                self.problems.with(|problems| {
                    let (_, problem) = problems.iter().find(|(f, _)| *f == field)?;
                    let shown = self.tried.get() || *problem != FieldProblem::Required;
                    shown.then(|| field_problem(field, problem))
                })
            })
        })
    }

    /// A refusal that names no field of the form, shown below it.
    fn general_refusal(self) -> Option<ApiError> {
        self.refused.with(|refused| {
            let (refused_form, error) = refused.as_ref()?;
            let named = FormField::ALL
                .iter()
                .any(|field| error.field(field.server_name()).is_some());
            (!named && self.form.with(|now| now == refused_form)).then(|| error.clone())
        })
    }

    fn shows_problems(self) -> bool {
        self.tried.get() && self.problems.with(|p| !p.is_empty())
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
        if self.problems.with_untracked(|p| !p.is_empty()) {
            focus_first_problem();
            return None;
        }
        let typed = self.form.get_untracked();
        Some(async move {
            match self.settings.save().await {
                Ok(()) => {
                    self.refused.set(None);
                    self.tried.set(false);
                    self.toasts.success(text::SETTINGS_SAVED.into());
                    true
                }
                Err(error) => {
                    self.refused.set(Some((typed, error)));
                    focus_first_problem();
                    false
                }
            }
        })
    }
}

fn field_problem(field: FormField, problem: &FieldProblem) -> String {
    match (field, problem) {
        (_, FieldProblem::Cron(problem)) => text::cron_problem(problem),
        (FormField::Cron, _) => text::CRON_REQUIRED.into(),
        (_, FieldProblem::NotANumber) => text::MAX_KEEP_NUMBER.into(),
        (_, FieldProblem::TooFew) => text::MAX_KEEP_TOO_FEW.into(),
        (_, FieldProblem::NotAnAddress) => text::NOT_AN_ENDPOINT.into(),
        (_, FieldProblem::Required) => text::REQUIRED_WHILE_S3.into(),
    }
}

/// Moves focus to the first field marked invalid, once the page shows the marks.
fn focus_first_problem() {
    request_animation_frame(|| {
        use wasm_bindgen::JsCast;
        let first = document()
            .query_selector("form.settings [aria-invalid=true]")
            .ok()
            .flatten();
        if let Some(element) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
        }
    });
}

/// Asks before leaving the settings with unsaved changes (another page, or signing out).
#[component]
fn LeaveDialog() -> impl IntoView {
    let navigation = expect_context::<Navigation>();
    let settings = expect_context::<SettingsState>();
    let session = expect_context::<SessionState>();
    let open = RwSignal::new(false);
    open_for(navigation.asking(), open, || {});
    let leave = Callback::new(move |()| {
        settings.reset();
        let asked = navigation.answer(true);
        open.set(false);
        if asked == Some(Leave::SignOut) {
            session.sign_out(None);
        }
    });
    view! {
        <ConfirmDialog id="leave-dialog" open title=text::LEAVE_TITLE confirm_label=text::LEAVE danger=true on_confirm=leave>
            <p>{text::LEAVE_EXPLAINED}</p>
        </ConfirmDialog>
    }
}
