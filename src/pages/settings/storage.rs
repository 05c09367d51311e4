use leptos::prelude::*;

use super::Editing;
use crate::api::ApiError;
use crate::components::{ConfirmDialog, Switch, TextField};
use crate::state::{BackupList, FormField, SettingsState, Tasks};
use crate::text;

/// Keys named in the warning that changing the storage leaves backups behind.
const KEYS_SHOWN: usize = 20;

/// Where backups are stored: the server's disk, or S3-compatible storage — with the connection
/// test (of the saved settings), and what stays behind when the storage changes.
#[component]
pub fn StorageSection(editing: Editing, test: S3Test) -> impl IntoView {
    let settings = expect_context::<SettingsState>();
    let list = expect_context::<BackupList>();
    let fields = settings.fields();
    let saved = settings.saved();
    let rows = list.rows();

    let moves = move || {
        saved.with(|saved| {
            let saved = &saved.as_ref()?.backups;
            let form = settings.form();
            form.moves_storage(saved).then_some(())?;
            let keys: Vec<String> = rows.with(|rows| rows.iter().map(|r| r.key.clone()).collect());
            let count = keys.len();
            let mut items: Vec<_> = keys
                .into_iter()
                .take(KEYS_SHOWN)
                .map(|key| view! { <li>{key}</li> })
                .collect();
            if count > KEYS_SHOWN {
                items.push(view! { <li>{text::t().and_more(count - KEYS_SHOWN)}</li> });
            }
            let to_s3 = form.s3 && !saved.s3.enabled;
            Some(view! {
                <div class="notice warn" role="status">
                    <p>{text::t().storage_moves(count, to_s3)}</p>
                    <ul class="subject">{items}</ul>
                </div>
            })
        })
    };

    let S3Test {
        testing,
        passed,
        failed,
        save_first,
        ..
    } = test;
    let start_test = move |_| {
        if testing.get_untracked() {
            return;
        }
        let changed = saved.with_untracked(|saved| {
            saved
                .as_ref()
                .is_some_and(|saved| untrack(|| settings.form()).s3_changed(&saved.backups))
        });
        if changed {
            save_first.set(true);
        } else {
            test.run(settings);
        }
    };
    let test_outcome = move || {
        if testing.get() {
            return Some(
                view! { <p class="notice" role="status">{text::p().testing}</p> }.into_any(),
            );
        }
        if passed.get() {
            return Some(
                view! { <p class="notice ok" role="status">{text::p().s3_test_ok}</p> }.into_any(),
            );
        }
        let error = failed.get()?;
        let reason = error
            .backup_storage_trouble()
            .unwrap_or_else(|| text::error_message(&error));
        Some(
            view! { <p class="notice error" role="alert">{text::t().s3_test_failed(&reason)}</p> }
                .into_any(),
        )
    };

    view! {
        <section class="settings-section" aria-labelledby="storage-heading">
            <h2 id="storage-heading">{text::p().s3_storage}</h2>
            <Switch id="s3" label={text::p().store_in_s3} checked=fields.s3 hint={text::p().s3_hint} />
            <div class="settings-fields" hidden=move || !fields.s3.get()>
                <TextField
                    id="s3-endpoint"
                    label={text::p().endpoint}
                    kind="url"
                    value=fields.endpoint
                    problem=editing.problem_of(FormField::Endpoint)
                />
                <TextField
                    id="s3-bucket"
                    label={text::p().bucket}
                    value=fields.bucket
                    problem=editing.problem_of(FormField::Bucket)
                />
                <TextField
                    id="s3-region"
                    label={text::p().region}
                    value=fields.region
                    problem=editing.problem_of(FormField::Region)
                />
                <TextField
                    id="s3-access-key"
                    label={text::p().access_key}
                    value=fields.access_key
                    problem=editing.problem_of(FormField::AccessKey)
                />
                <TextField
                    id="s3-secret"
                    label={text::p().secret}
                    kind="password"
                    autocomplete="new-password"
                    value=fields.secret
                    hint={text::p().secret_hint}
                    problem=editing.problem_of(FormField::Secret)
                />
                <Switch
                    id="s3-path-style"
                    label={text::p().force_path_style}
                    checked=fields.force_path_style
                    hint={text::p().force_path_style_hint}
                />
            </div>
            {moves}
            <p class="hint">{text::p().s3_files_not_in_backups}</p>
            <div class="row-actions" hidden=move || !fields.s3.get()>
                <button type="button" on:click=start_test disabled=testing aria-describedby="test-hint">
                    {text::p().test_connection}
                </button>
                <span class="hint" id="test-hint">{text::p().test_uses_saved}</span>
            </div>
            {test_outcome}
        </section>
    }
}

/// The connection test of the saved S3 settings: running, and how it went.
#[derive(Clone, Copy)]
pub struct S3Test {
    testing: RwSignal<bool>,
    /// How the last test went (two signals of types the panel has anyway, rather than one of a
    /// type of its own: each costs the wasm its own code).
    passed: RwSignal<bool>,
    failed: RwSignal<Option<ApiError>>,
    /// Asking whether to save unsaved S3 changes first.
    save_first: RwSignal<bool>,
    tasks: Tasks,
}

impl S3Test {
    pub fn new() -> Self {
        Self {
            testing: RwSignal::new(false),
            passed: RwSignal::new(false),
            failed: RwSignal::new(None),
            save_first: RwSignal::new(false),
            tasks: Tasks::here(),
        }
    }

    /// The server is trying the saved settings.
    pub fn is_testing(&self) -> Signal<bool> {
        self.testing.into()
    }

    fn run(self, settings: SettingsState) {
        self.testing.set(true);
        self.passed.set(false);
        self.failed.set(None);
        // This page's: the test is the server's answer to it, and stops if the page is left.
        self.tasks.spawn(async move {
            let result = settings.test_s3().await;
            self.testing.set(false);
            self.passed.set(result.is_ok());
            self.failed.set(result.err());
        });
    }
}

/// Asks to save the S3 changes before testing: the test reads the saved settings. Outside the
/// settings form (a form cannot hold another).
#[component]
pub fn SaveFirstDialog(editing: Editing, test: S3Test) -> impl IntoView {
    let settings = expect_context::<SettingsState>();
    let save_and_test = Callback::new(move |()| {
        test.save_first.set(false);
        editing.save_then(move |saved| {
            if saved {
                test.run(settings);
            }
        });
    });
    view! {
        <ConfirmDialog
            id="save-first-dialog"
            open=test.save_first
            title={text::p().save_first_title}
            confirm_label={text::p().save_and_test}
            on_confirm=save_and_test
        >
            <p>{text::p().save_first_explained}</p>
        </ConfirmDialog>
    }
}
