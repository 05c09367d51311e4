//! The server's backup settings as last confirmed by it, and the form that edits them — the
//! signed-in server's, made at sign-in, so another server's never shows in it. The form is only
//! ever replaced by what the server answered (its newest answer: loads and saves are numbered);
//! "unsaved changes" is derived from the two.

use leptos::prelude::*;

use super::latest::Latest;
use super::settings_form::SettingsForm;
use super::storage;
use super::task::{Reply, Tasks};
use super::toasts::{Notice, Toasts};
use super::SessionState;
use crate::api::{ApiError, PocketBase, ServerSettings};

/// Where the schedule first seen for a server is remembered: PocketBase does not say since when
/// a schedule is set, and "no automatic backup yet" is only a problem a period after that.
const SCHEDULE_SEEN_KEY: &str = "schedule-seen";

/// The form's inputs, one signal each, bound to the page's fields.
#[derive(Clone, Copy)]
pub struct FormFields {
    pub auto: RwSignal<bool>,
    pub cron: RwSignal<String>,
    pub max_keep: RwSignal<String>,
    pub s3: RwSignal<bool>,
    pub bucket: RwSignal<String>,
    pub region: RwSignal<String>,
    pub endpoint: RwSignal<String>,
    pub access_key: RwSignal<String>,
    pub secret: RwSignal<String>,
    pub force_path_style: RwSignal<bool>,
}

impl FormFields {
    fn new() -> Self {
        let text = || RwSignal::new(String::new());
        Self {
            auto: RwSignal::new(false),
            cron: text(),
            max_keep: text(),
            s3: RwSignal::new(false),
            bucket: text(),
            region: text(),
            endpoint: text(),
            access_key: text(),
            secret: text(),
            force_path_style: RwSignal::new(false),
        }
    }

    fn set(&self, form: SettingsForm) {
        self.auto.set(form.auto);
        self.cron.set(form.cron);
        self.max_keep.set(form.max_keep);
        self.s3.set(form.s3);
        self.bucket.set(form.bucket);
        self.region.set(form.region);
        self.endpoint.set(form.endpoint);
        self.access_key.set(form.access_key);
        self.secret.set(form.secret);
        self.force_path_style.set(form.force_path_style);
    }

    /// The form as typed (tracked: a memo over it follows every keystroke).
    fn read(&self) -> SettingsForm {
        SettingsForm {
            auto: self.auto.get(),
            cron: self.cron.get(),
            max_keep: self.max_keep.get(),
            s3: self.s3.get(),
            bucket: self.bucket.get(),
            region: self.region.get(),
            endpoint: self.endpoint.get(),
            access_key: self.access_key.get(),
            secret: self.secret.get(),
            force_path_style: self.force_path_style.get(),
        }
    }
}

#[derive(Clone, Copy)]
pub struct SettingsState {
    session: SessionState,
    /// The settings as the server last sent them.
    saved: RwSignal<Option<ServerSettings>>,
    /// Why the last read failed. (Signals of types the panel has anyway: each new signal type
    /// costs the wasm its own code.)
    load_error: RwSignal<Option<ApiError>>,
    fields: FormFields,
    saving: RwSignal<bool>,
    unsaved: Memo<bool>,
    /// The server's refusal of the last save, with the form it refused: its words stand beside
    /// the fields until the form differs from it.
    refused: RwSignal<Option<ApiError>>,
    refused_form: StoredValue<Option<SettingsForm>>,
    /// A save was tried: empty required fields are pointed out from then on.
    tried: RwSignal<bool>,
    /// Reads and saves, numbered: only the newest answer fills the form.
    answers: Latest,
    tasks: Tasks,
    toasts: Toasts,
}

impl SettingsState {
    pub(super) fn new(session: SessionState, tasks: Tasks, toasts: Toasts) -> Self {
        let saved = RwSignal::new(None::<ServerSettings>);
        let fields = FormFields::new();
        let form = Memo::new(move |_| fields.read());
        let unsaved = Memo::new(move |_| {
            saved.with(|saved| {
                saved
                    .as_ref()
                    .is_some_and(|saved| form.with(|form| !form.patch(&saved.backups).is_empty()))
            })
        });
        Self {
            session,
            saved,
            load_error: RwSignal::new(None),
            fields,
            saving: RwSignal::new(false),
            unsaved,
            refused: RwSignal::new(None),
            refused_form: StoredValue::new(None),
            tried: RwSignal::new(false),
            answers: Latest::new(),
            tasks,
            toasts,
        }
    }

    pub fn saved(&self) -> Signal<Option<ServerSettings>> {
        self.saved.into()
    }

    /// Why the settings could not be read, while none were.
    pub fn load_error(&self) -> Option<ApiError> {
        self.load_error
            .get()
            .filter(|_| self.saved.with(Option::is_none))
    }

    /// Being read for the first time.
    pub fn is_loading(&self) -> bool {
        self.saved.with(Option::is_none) && self.load_error.with(Option::is_none)
    }

    /// The inputs, edited by the settings page.
    pub fn fields(&self) -> FormFields {
        self.fields
    }

    /// The form as typed (tracked).
    pub fn form(&self) -> SettingsForm {
        self.fields.read()
    }

    pub fn is_saving(&self) -> Signal<bool> {
        self.saving.into()
    }

    /// The form differs from what the server has.
    pub fn has_unsaved_changes(&self) -> Signal<bool> {
        self.unsaved.into()
    }

    /// Reads the settings again. The form follows unless it holds unsaved changes.
    pub fn load(&self) {
        self.tasks.spawn(self.fetch());
    }

    /// [`Self::load`], awaited. An answer overtaken by a newer read or a save is dropped.
    pub async fn fetch(self) {
        let Some(client) = self.session.client() else {
            return;
        };
        let read = self.answers.start();
        self.load_error.set(None);
        let answer = self.session.screen(&client, client.backup_settings().await);
        if !self.answers.is_newest(read) {
            return;
        }
        match answer {
            Ok(settings) => self.take(settings, false),
            Err(error) => self.load_error.set(Some(error)),
        }
    }

    /// Drops the unsaved changes, and what the server said of them.
    pub fn reset(&self) {
        self.refused.set(None);
        self.tried.set(false);
        if let Some(saved) = self.saved.get_untracked() {
            self.fields.set(SettingsForm::from_saved(&saved.backups));
        }
    }

    /// The server's refusal, while the form is still the one it refused.
    pub fn refusal(&self) -> Option<ApiError> {
        let error = self.refused.get()?;
        let form = self.form();
        self.refused_form
            .with_value(|refused| refused.as_ref() == Some(&form))
            .then_some(error)
    }

    /// A save was tried since the last one that worked.
    pub fn was_tried(&self) -> bool {
        self.tried.get()
    }

    /// Marks that a save is being tried (empty required fields are pointed out).
    pub fn try_save(&self) {
        self.tried.set(true);
    }

    /// Sends what changed, with the signed-in server's state (leaving the page does not stop
    /// it); the form then shows what the server saved, and a toast says so. A refusal is kept
    /// beside the form, the form kept as typed. The reply is whether it saved.
    pub fn save(self) -> Reply<bool> {
        self.tasks.run(move |answer| async move {
            let saved = self.send_save().await;
            let _ = answer.send(saved);
        })
    }

    async fn send_save(self) -> bool {
        let Some(saved) = self.saved.get_untracked() else {
            return false;
        };
        let typed = untrack(|| self.fields.read());
        let patch = typed.patch(&saved.backups);
        if patch.is_empty() || self.saving.get_untracked() {
            return patch.is_empty();
        }
        let Some(client) = self.session.client() else {
            return false;
        };
        // Any read still out must not overwrite what this save answers.
        let number = self.answers.start();
        self.saving.set(true);
        let mut result = client.save_backup_settings(&patch).await;
        if matches!(&result, Err(error) if error.outcome_unknown()) {
            let visible_change = !SettingsForm {
                secret: String::new(),
                ..typed.clone()
            }
            .patch(&saved.backups)
            .is_empty();
            result = self
                .read_back(&client, &typed, visible_change, result)
                .await;
        }
        self.saving.set(false);
        match self.session.screen(&client, result) {
            Ok(settings) => {
                if self.answers.is_newest(number) {
                    self.take(settings, true);
                }
                self.refused.set(None);
                self.tried.set(false);
                self.toasts.tell(Notice::SettingsSaved);
                true
            }
            Err(error) => {
                self.refused_form.set_value(Some(typed));
                self.refused.set(Some(error));
                false
            }
        }
    }

    /// A save whose answer was lost: the settings read back tell whether the server has what
    /// was typed — when a value it sends back changed (a secret alone cannot be told: the
    /// server never sends it; a save takes all or nothing). Saved, that is the answer;
    /// otherwise the lost answer stands, and the form is compared with what the server has now.
    async fn read_back(
        &self,
        client: &PocketBase,
        typed: &SettingsForm,
        visible_change: bool,
        lost: Result<ServerSettings, ApiError>,
    ) -> Result<ServerSettings, ApiError> {
        let Ok(now) = client.backup_settings().await else {
            return lost;
        };
        let visible = SettingsForm {
            secret: String::new(),
            ..typed.clone()
        };
        if visible_change && visible.patch(&now.backups).is_empty() {
            return Ok(now);
        }
        self.answers.start();
        self.take(now, false);
        lost
    }

    /// `POST /api/settings/test/s3`: the saved S3 settings, tried by the server.
    pub async fn test_s3(self) -> Result<(), ApiError> {
        let client = self.session.signed_in_client()?;
        self.session.screen(&client, client.test_backups_s3().await)
    }

    /// Since when (ms, this browser's clock) the saved schedule is known to this panel: when it
    /// saved it, or first saw it.
    pub fn schedule_seen_since(&self, cron: &str) -> Option<i64> {
        schedule_seen_since(&self.session.server_url()?, cron)
    }

    fn take(&self, settings: ServerSettings, saved_here: bool) {
        let keep_form = !saved_here && self.unsaved.get_untracked();
        self.remember_schedule(&settings.backups.cron, saved_here);
        if !keep_form {
            self.fields.set(SettingsForm::from_saved(&settings.backups));
        }
        self.saved.set(Some(settings));
    }

    /// Notes when a schedule was first seen on this server (or set again by this panel).
    fn remember_schedule(&self, cron: &str, saved_here: bool) {
        let changed = self
            .saved
            .with_untracked(|s| s.as_ref().is_some_and(|s| s.backups.cron != cron));
        if let Some(server) = self.session.server_url() {
            remember_schedule_seen(&server, cron, saved_here && changed);
        }
    }
}

/// Since when (ms) this panel knows `server`'s schedule `cron`, if it is the one it last saw
/// there.
pub fn schedule_seen_since(server: &str, cron: &str) -> Option<i64> {
    seen_since(&storage::read(SCHEDULE_SEEN_KEY)?, server, cron)
}

/// Notes that `server` has the schedule `cron` from now, unless it was seen before (`anew`:
/// it was just set again, so the time counts from now).
pub fn remember_schedule_seen(server: &str, cron: &str, anew: bool) {
    if cron.is_empty() || (!anew && schedule_seen_since(server, cron).is_some()) {
        return;
    }
    let record = storage::read(SCHEDULE_SEEN_KEY).unwrap_or_default();
    let now = js_sys::Date::now() as i64;
    storage::write(SCHEDULE_SEEN_KEY, &with_seen(&record, server, cron, now));
}

/// The record holds a line `<ms> <server> <cron>` per server (addresses have no spaces).
fn seen_since(record: &str, server: &str, cron: &str) -> Option<i64> {
    let wanted = seen_key(server, cron);
    record
        .lines()
        .filter_map(decode_seen)
        .find_map(|(seen_on, since)| (seen_on == wanted).then_some(since))
}

/// `record` with `server`'s line replaced by one for `cron`, seen since `now_ms`.
fn with_seen(record: &str, server: &str, cron: &str, now_ms: i64) -> String {
    let others = record.lines().filter(|line| {
        decode_seen(line).is_some_and(|(seen_on, _)| seen_on.split(' ').next() != Some(server))
    });
    let mut lines: Vec<String> = others.map(str::to_owned).collect();
    lines.push(format!("{now_ms} {}", seen_key(server, cron)));
    lines.join("\n")
}

fn seen_key(server: &str, cron: &str) -> String {
    format!("{server} {cron}")
}

/// `<ms> <server> <cron>` → (`<server> <cron>`, ms). Whole milliseconds: parsing a float
/// would add its own code to the wasm.
fn decode_seen(value: &str) -> Option<(String, i64)> {
    let (since, seen_on) = value.split_once(' ')?;
    Some((seen_on.to_owned(), since.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_server_keeps_the_time_its_schedule_was_first_seen() {
        let record = with_seen("", "http://a", "0 0 * * *", 1_000);
        let record = with_seen(&record, "http://b", "0 * * * *", 2_000);
        assert_eq!(seen_since(&record, "http://a", "0 0 * * *"), Some(1_000));
        assert_eq!(seen_since(&record, "http://b", "0 * * * *"), Some(2_000));
        // Another schedule on a server replaces its line only.
        let record = with_seen(&record, "http://a", "@weekly", 3_000);
        assert_eq!(seen_since(&record, "http://a", "0 0 * * *"), None);
        assert_eq!(seen_since(&record, "http://a", "@weekly"), Some(3_000));
        assert_eq!(seen_since(&record, "http://b", "0 * * * *"), Some(2_000));
        // A record written before there was one line per server still reads.
        assert_eq!(
            seen_since("5 http://a 0 0 * * *", "http://a", "0 0 * * *"),
            Some(5)
        );
        assert_eq!(seen_since("garbage", "http://a", "0 0 * * *"), None);
    }
}
