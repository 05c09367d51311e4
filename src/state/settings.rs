//! The server's backup settings as last confirmed by it, and the form that edits them. The form
//! is only ever replaced by what the server answered; "unsaved changes" is derived from the two.

use leptos::prelude::*;

use super::settings_form::SettingsForm;
use super::storage;
use super::SessionState;
use crate::api::{ApiError, ServerSettings};

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
}

impl SettingsState {
    pub(super) fn new(session: SessionState) -> Self {
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
        leptos::task::spawn_local(self.fetch());
    }

    /// [`Self::load`], awaited.
    pub async fn fetch(self) {
        let Some(client) = self.session.client() else {
            return;
        };
        self.load_error.set(None);
        match self.session.screen(&client, client.backup_settings().await) {
            Ok(settings) => self.take(settings, false),
            Err(error) => {
                self.load_error.try_set(Some(error));
            }
        }
    }

    /// Drops the unsaved changes.
    pub fn reset(&self) {
        if let Some(saved) = self.saved.get_untracked() {
            self.fields.set(SettingsForm::from_saved(&saved.backups));
        }
    }

    /// Sends what changed; the form then shows what the server saved. A refusal is returned
    /// as it came, the form kept as typed.
    pub async fn save(self) -> Result<(), ApiError> {
        let client = self.session.signed_in_client()?;
        let Some(saved) = self.saved.get_untracked() else {
            return Ok(());
        };
        let patch = untrack(|| self.fields.read()).patch(&saved.backups);
        if patch.is_empty() || self.saving.get_untracked() {
            return Ok(());
        }
        self.saving.set(true);
        let result = client.save_backup_settings(&patch).await;
        self.saving.try_set(false);
        let settings = self.session.screen(&client, result)?;
        self.take(settings, true);
        Ok(())
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
