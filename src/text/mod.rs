//! Every string a person reads. Each language is one [`Phrases`] value and one `impl Words`
//! ([`en`], [`zh`]): a phrase missing from either is a compile error, never a blank or a
//! fallback to English.

mod en;
mod zh;

use std::cell::Cell;

use crate::api::cron::{CronProblem, Schedule};
use crate::api::{ApiError, BadServerUrl, Family, NameProblem};
use crate::split::ChunkMissing;

/// The languages the panel is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The BCP 47 tag, for the page's `lang` and for dates in the browser's formats.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's name in itself, so each reader finds their own.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.tag() == tag)
    }

    /// The first of the browser's languages written here: any Chinese but the traditional
    /// scripts and regions (`zh`, `zh-CN`, `zh-Hans-…`, `zh-SG`) reads Simplified Chinese.
    pub fn preferred<'a>(browser: impl IntoIterator<Item = &'a str>) -> Lang {
        browser
            .into_iter()
            .find_map(|tag| {
                let tag = tag.to_ascii_lowercase();
                let mut parts = tag.split(['-', '_']);
                match parts.next() {
                    Some("en") => Some(Lang::En),
                    Some("zh") => {
                        let traditional = tag
                            .split(['-', '_'])
                            .skip(1)
                            .any(|part| matches!(part, "hant" | "tw" | "hk" | "mo"));
                        (!traditional || tag.contains("hans")).then_some(Lang::Zh)
                    }
                    _ => None,
                }
            })
            .unwrap_or_default()
    }
}

thread_local! {
    static CHOSEN: Cell<Lang> = const { Cell::new(Lang::En) };
    /// The Chinese words, once their chunk is loaded ([`load`]).
    static ZH: Cell<Option<Language>> = const { Cell::new(ZH_AT_START) };
}

/// A build that is not split has every language from the start.
#[cfg(not(panel_split))]
const ZH_AT_START: Option<Language> = Some(Language {
    phrases: &zh::PHRASES,
    words: &zh::Zh,
});
#[cfg(panel_split)]
const ZH_AT_START: Option<Language> = None;

/// One language's words: its phrases and its words with parameters.
#[derive(Clone, Copy)]
pub struct Language {
    phrases: &'static Phrases,
    words: &'static dyn Words,
}

crate::split::split_piece! {
    /// The Chinese words, in a chunk of their own: fetched when that language is first chosen
    /// (or before the first screen, for a reader who chose it before), not by every visit.
    pub mod zh_words in zh = fn() -> Language {
        Language { phrases: &zh::PHRASES, words: &zh::Zh }
    }
}

/// Whether `lang`'s words are here to be chosen (English always is).
pub fn is_ready(lang: Lang) -> bool {
    lang == Lang::En || ZH.with(Cell::get).is_some()
}

/// Makes `lang`'s words ready, fetching their chunk the first time.
pub async fn load(lang: Lang) -> Result<(), ChunkMissing> {
    if !is_ready(lang) {
        let words = zh_words::draw().await?;
        ZH.with(|zh| zh.set(Some(words)));
    }
    Ok(())
}

/// Writes from now on in `lang`, once [`load`]ed; the pages are drawn again after it.
pub fn choose(lang: Lang) {
    CHOSEN.with(|chosen| chosen.set(lang));
}

pub fn chosen() -> Lang {
    CHOSEN.with(Cell::get)
}

/// The schedules offered as presets, labelled by [`Words::cron_preset_labels`].
pub const CRON_PRESETS: [&str; 4] = ["0 0 * * *", "0 0 * * 0", "0 0 1 * *", "0 */6 * * *"];

/// The chosen language's words; English until another one is loaded.
fn language() -> Language {
    let english = Language {
        phrases: &en::PHRASES,
        words: &en::En,
    };
    match chosen() {
        Lang::En => english,
        Lang::Zh => ZH.with(Cell::get).unwrap_or(english),
    }
}

/// The phrases of the chosen language.
pub fn p() -> &'static Phrases {
    language().phrases
}

/// The words with parameters of the chosen language.
pub fn t() -> &'static dyn Words {
    language().words
}

/// Declares [`Phrases`]: the words without parameters, as data. Each language is one value of
/// it; a phrase missing from either is a compile error (E0063).
macro_rules! phrases {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        pub struct Phrases {
            $($(#[$doc])* pub $name: &'static str,)*
        }

        #[cfg(test)]
        impl Phrases {
            /// Every phrase, named, for the tests that compare the languages.
            pub fn list(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name)),*]
            }
        }
    };
}

phrases! {
    /// The word "Language" itself, beside the language control.
    language,
    theme,
    theme_system,
    theme_light,
    theme_dark,
    /// Why the language cannot be changed now.
    language_waits,
    cannot_reach,
    not_superuser,
    needs_second_factor,
    not_understood,
    sign_in_unauthorized,
    app_title,
    server_url,
    email,
    password,
    sign_in,
    signing_in,
    sign_in_hint,
    sign_out,
    email_required,
    password_required,
    one_time_code,
    code_required,
    send_new_code,
    start_over,
    session_expired,
    signed_out_elsewhere,
    ip_not_allowed,
    too_large,
    backups,
    refresh,
    loading_backups,
    /// A part of the panel being fetched on its first use.
    piece_loading,
    /// That part could not be fetched.
    piece_missing,
    retry,
    no_backups,
    column_name,
    column_size,
    column_modified,
    unknown_date,
    cancel,
    dismiss,
    column_actions,
    create_backup,
    create,
    backup_name,
    creating_unnamed,
    backup_name_hint,
    upload_backup,
    upload,
    drop_hint,
    upload_title,
    empty_file,
    not_a_zip,
    no_data_db,
    cancel_upload,
    finishing,
    upload_as,
    upload_name_empty,
    upload_name_slash,
    cancelled,
    upload_too_slow,
    upload_anyway,
    unreadable_file,
    download,
    delete,
    delete_title_one,
    delete_explained,
    select_all,
    server_busy,
    server_unreachable,
    restore,
    restore_title,
    restore_explained,
    restore_confirm_label,
    restore_no_data_db,
    inspect,
    inspect_title,
    inspect_reading,
    inspect_is_backup,
    inspect_no_data_db,
    inspect_not_zip,
    inspect_too_large,
    inspect_unreadable,
    close,
    contents_files,
    contents_uploaded,
    contents_archive,
    contents_read,
    contents_missing,
    copy_command,
    compare_selected,
    plan_retention,
    verify,
    verify_cancel,
    verify_cancelled,
    verify_unreadable,
    damage_header,
    damage_truncated,
    damage_inflate,
    damage_checksum,
    damage_size,
    damage_not_sqlite,
    damage_sqlite_length,
    retention_title,
    retention_apply,
    retention_numbers,
    retention_manual_too,
    keep_last,
    keep_days,
    keep_weeks,
    keep_months,
    kept_not_automatic,
    kept_last,
    kept_day,
    kept_week,
    kept_month,
    kept_undated,
    compare_title,
    command_expired,
    restore_waits,
    restore_slow,
    backup_first,
    restored_sign_in,
    search_backups,
    no_matches,
    auto_badge,
    auto_badge_title,
    settings,
    backup_settings,
    back_to_backups,
    loading_settings,
    auto_backups,
    enable_auto_backups,
    schedule,
    presets,
    preset_custom,
    schedule_hint,
    next_runs,
    never_runs,
    max_keep,
    max_keep_hint,
    store_in_s3,
    s3_storage,
    s3_hint,
    s3_files_not_in_backups,
    endpoint,
    bucket,
    region,
    access_key,
    secret,
    secret_hint,
    force_path_style,
    force_path_style_hint,
    test_connection,
    test_uses_saved,
    testing,
    s3_test_ok,
    save_first_title,
    save_first_explained,
    save_and_test,
    save,
    saving,
    reset,
    unsaved_changes,
    settings_saved,
    fix_fields,
    leave_title,
    leave_explained,
    leave,
    leave_upload_title,
    leave_upload_explained,
    leave_upload,
    run_now,
    run_now_hint,
    running_auto,
    not_scheduled,
    run_now_unsupported,
    required_while_s3,
    cron_required,
    max_keep_number,
    max_keep_too_few,
    not_an_endpoint,
    auto_failures,
    auto_history_unknown,
    auto_history_not_logged,
    family_before_0_23,
    family_0_23,
    family_since_0_24,
    storage_unreachable,
    check_storage_settings,
    servers,
    servers_hint,
    server_column,
    newest_column,
    state_column,
    add_server,
    add_server_hint,
    checking,
    /// A server of the fleet that no longer accepts its token.
    signed_out_state,
    /// A server that answered, with nothing to warn of.
    server_fine,
    /// Beside the server whose backups this tab shows.
    shown_here,
    open,
    sign_in_again,
    remove,
    /// Above the servers still signed in, on the sign-in page.
    still_signed_in,
    sign_out_everywhere,
    /// What "Sign out of these too" does, and what it cannot do.
    sign_out_everywhere_hint,
    /// A create not sent: the server was busy already.
    create_server_busy,
    restore_already_running,
    /// An upload's answer was lost, and the list does not hold it.
    upload_lost_not_stored,
}

pub trait Words {
    fn wrong_code(&self, message: &str) -> String;
    fn refused_without_reason(&self, status: u16) -> String;
    /// `45 s`, `3 min 20 s`, `1 h 5 min`.
    fn duration(&self, seconds: u64) -> String;
    /// The labels of the schedule presets, in the order of [`CRON_PRESETS`].
    fn cron_preset_labels(&self) -> [&'static str; 4];
    fn delete_label(&self, key: &str) -> String;
    fn download_label(&self, key: &str) -> String;
    fn restore_label(&self, key: &str) -> String;
    fn inspect_label(&self, key: &str) -> String;
    /// `3 files, 1.2 MB in all; the largest: photo.png (900.0 kB)`
    fn uploaded_files(&self, count: usize, total: &str, largest: Option<(&str, &str)>) -> String;
    /// `52.0 kB stored, 4.1 MB extracted`
    fn stored_extracted(&self, stored: &str, extracted: &str) -> String;
    /// `66.1 kB of 1.0 GB`
    fn read_of(&self, read: &str, size: &str) -> String;
    /// What to do with a download command, `copied` or to copy by hand, working for
    /// `seconds_left` more (unknown: `None`).
    fn command_ready(&self, copied: bool, seconds_left: Option<u64>) -> String;
    /// `From a.zip (older) to b.zip`
    fn compare_between(&self, older: &str, newer: &str) -> String;
    /// `1 added, 0 removed, 2 changed, 40 the same`
    fn compare_totals(&self, added: usize, removed: usize, changed: usize, same: usize) -> String;
    fn compare_added(&self, count: usize, total: &str) -> String;
    fn compare_removed(&self, count: usize, total: &str) -> String;
    fn compare_changed(&self, count: usize) -> String;
    /// `Keeps 12, deletes 30 (4.5 GB freed).`
    fn retention_summary(&self, kept: usize, deleted: usize, freed: &str) -> String;
    fn retention_deletes(&self, key: &str) -> String;
    fn verify_label(&self, key: &str) -> String;
    /// `Verifying… 120.0 MB of 1.0 GB`
    fn verifying(&self, read: &str, total: &str) -> String;
    /// Intact: how many files, `data.db`'s page size and pages if it has one, how long it took.
    fn verified(&self, files: usize, database: Option<(u64, u64)>, took: &str) -> String;
    /// `entry` and what is wrong with it (one of the `damage_*` phrases).
    fn damaged(&self, entry: &str, why: &str) -> String;
    fn retention_keeps(&self, key: &str, why: &str) -> String;
    fn creating(&self, name: &str) -> String;
    fn uploading(&self, name: &str) -> String;
    /// `12.3 MB of 250.0 MB · 4% · 3.2 MB/s · 1 min 15 s left`
    fn upload_status(
        &self,
        sent: u64,
        total: u64,
        percent: u64,
        bytes_per_second: Option<u64>,
        seconds_left: Option<u64>,
    ) -> String;
    fn file_summary(&self, name: &str, size: u64) -> String;
    fn created(&self, name: &str) -> String;
    /// The answer to a create was lost, and the server, answering again, does not have it.
    fn create_lost(&self, name: &str) -> String;
    /// The answer to a create was lost and the list could not be read after it.
    fn create_unknown(&self, name: &str) -> String;
    fn uploaded(&self, name: &str) -> String;
    fn upload_name_taken(&self, name: &str) -> String;
    fn stored_despite_cancel(&self, name: &str) -> String;
    fn cancel_unconfirmed(&self, name: &str) -> String;
    fn deleted(&self, keys: &[String]) -> String;
    /// Ends a list of keys cut short.
    fn and_more(&self, count: usize) -> String;
    fn delete_title(&self, count: usize) -> String;
    fn delete_selected(&self, count: usize) -> String;
    fn select_label(&self, key: &str) -> String;
    fn not_deleted(&self, key: &str, reason: &str) -> String;
    /// A delete's answer was lost, and the list read afterwards still holds `key`.
    fn still_listed(&self, key: &str) -> String;
    /// A delete of `key` was asked for while one (or its restore) was still in flight.
    fn delete_under_way(&self, key: &str) -> String;
    /// The answers to deleting `keys` were lost, and the list could not be read.
    fn delete_unknown(&self, keys: &[String]) -> String;
    /// An upload's answer was lost, and the list could not be read.
    fn upload_lost_unknown(&self, name: &str) -> String;
    /// The server came back with its log unchanged: the restore did not run.
    fn restore_not_restored(&self, key: &str) -> String;
    /// The answer was lost while the server was out of reach, and nothing tells what it did.
    fn restore_no_evidence(&self, key: &str) -> String;
    /// The page's Content-Security-Policy does not let it connect to `origin`.
    fn policy_blocks(&self, origin: &str) -> String;
    fn restore_backing_up(&self, key: &str) -> String;
    fn restore_started(&self, key: &str) -> String;
    fn restore_answer_lost(&self, key: &str) -> String;
    fn restore_restarting(&self, key: &str) -> String;
    fn restore_checking(&self, key: &str) -> String;
    fn restored(&self, key: &str) -> String;
    fn restore_failed(&self, key: &str, error: &str) -> String;
    fn restore_not_seen(&self, key: &str, answer_lost: bool) -> String;
    fn restore_logs_off(&self, key: &str) -> String;
    fn restore_log_unreadable(&self, key: &str) -> String;
    fn backup_first_refused(&self, reason: &str) -> String;
    fn backup_first_unknown(&self, name: &str) -> String;
    fn name_taken(&self, name: &str) -> String;
    fn name_problem(&self, problem: NameProblem) -> String;
    /// How long ago, in words: `just now`, `1 minute ago`, `3 hours ago`, `2 days ago`, … A time
    /// in the future (a clock ahead of this one) reads as `just now`.
    fn relative_age(&self, seconds_ago: i64) -> String;
    /// `Showing 3 of 10 backups · 1.2 GB of 4.5 GB`, or `10 backups · 4.5 GB` when all are shown.
    fn totals(&self, shown: (usize, u64), all: (usize, u64)) -> String;
    fn sort_by_label(&self, column: &str) -> String;
    /// The second step of a sign-in with multi-factor authentication.
    fn second_factor(&self, email: &str) -> String;
    fn code_sent(&self, email: &str) -> String;
    fn signed_in_as(&self, email: &str, server: &str) -> String;
    fn bad_server_url(&self, reason: BadServerUrl) -> &'static str;
    fn no_auto_failures(&self, days: u32) -> String;
    fn auto_history_unreadable(&self, reason: &str) -> String;
    fn storage_reason(&self, reason: &str) -> String;
    fn next_auto_backup(&self, utc: &str, local: &str) -> String;
    fn auto_backup_stale(&self, newest: &str, age: &str) -> String;
    fn no_auto_backup_yet(&self, since: &str) -> String;
    fn auto_failure(&self, when: &str, name: &str, error: &str) -> String;
    fn failure_after_success(&self) -> &'static str;
    fn auto_run_made(&self, key: &str, pruned: &[String]) -> String;
    fn auto_run_failed(&self, name: &str, error: &str) -> String;
    fn auto_run_unknown(&self, logs_off: bool) -> &'static str;
    fn s3_test_failed(&self, reason: &str) -> String;
    /// Warns that saving moves new backups elsewhere; the listed ones stay behind.
    fn storage_moves(&self, count: usize, to_s3: bool) -> String;
    fn run_time(&self, utc: &str, local: &str) -> String;
    fn server_refused_field(&self, message: &str) -> String;
    /// `Thu 2026-12-03 00:00 UTC`.
    fn utc_run(&self, epoch_ms: i64) -> String;
    /// An expression in plain words, e.g. `At 00:00 UTC, on Sunday.`
    fn cron_reading(&self, schedule: &Schedule) -> String;
    /// Which part of an expression PocketBase would refuse, and why.
    fn cron_problem(&self, problem: &CronProblem) -> String;
    fn open_server(&self, server: &str) -> String;
    fn sign_in_again(&self, server: &str) -> String;
    fn remove_server(&self, server: &str) -> String;
    /// `pb_backup_x.zip, 3 hours ago`
    fn newest_backup(&self, key: &str, age: &str) -> String;
}

/// The server's exact value, e.g. `2026-11-24 04:24:23.578 UTC`.
pub fn utc_title(modified: &str) -> String {
    match modified.strip_suffix('Z') {
        Some(utc) => format!("{utc} UTC"),
        None => modified.to_owned(),
    }
}

/// Which versions of PocketBase a server's answers place it among, and what they lack.
pub fn family(family: Family) -> &'static str {
    match family {
        Family::Before0_23 => p().family_before_0_23,
        Family::V0_23 => p().family_0_23,
        Family::Since0_24 => p().family_since_0_24,
    }
}

/// A refused sign-in in words: there a 401 is the server's own refusal, not an expired
/// session.
pub fn sign_in_error(error: &ApiError) -> String {
    match error {
        ApiError::Server {
            status: 400,
            message,
            ..
        } if message.contains("OTP") => t().wrong_code(message),
        ApiError::Server { status: 401, .. } => p().sign_in_unauthorized.into(),
        _ => error_message(error),
    }
}

/// The one place where an [`ApiError`] becomes words. The server's own reason wins whenever it
/// gave one, in its own words: it is more precise than anything guessed here.
pub fn error_message(error: &ApiError) -> String {
    let p = p();
    match error {
        ApiError::Network(_) => p.cannot_reach.into(),
        ApiError::Server { status: 401, .. } => p.session_expired.into(),
        error if error.is_ip_refusal() => p.ip_not_allowed.into(),
        ApiError::Server { status: 403, .. } => p.not_superuser.into(),
        ApiError::Server { status: 413, .. } if error.is_foreign_refusal() => p.too_large.into(),
        // A field's message is the precise reason; the top message is then a generic
        // "An error occurred while validating the submitted data."
        ApiError::Server { fields, .. } if !fields.is_empty() => fields
            .iter()
            .map(|f| f.message.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        ApiError::Server {
            status, message, ..
        } if message.is_empty() => t().refused_without_reason(*status),
        ApiError::Server { message, .. } => message.clone(),
        ApiError::Cancelled => p.cancelled.into(),
        ApiError::BlockedByPolicy(origin) => t().policy_blocks(origin),
        // Handled by the sign-in page's second step; worded in case it shows elsewhere.
        ApiError::MfaRequired(_) => p.needs_second_factor.into(),
        ApiError::UnexpectedBody(_) => p.not_understood.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_servers_reason_and_field_messages() {
        let error = ApiError::from_response(
            400,
            r#"{"message":"An error occurred while validating the submitted data.","data":{"file":{"code":"validation_invalid_mime_type","message":"Invalid file type."}}}"#,
        );
        assert_eq!(error_message(&error), "Invalid file type.");
        let busy = r#"{"message":"Try again later - another backup/restore process has already been started.","data":{}}"#;
        assert_eq!(
            error_message(&ApiError::from_response(400, busy)),
            "Try again later - another backup/restore process has already been started."
        );
    }

    #[test]
    fn explains_statuses_without_a_reason() {
        assert_eq!(
            error_message(&ApiError::from_response(413, "<html>too big</html>")),
            en::PHRASES.too_large
        );
        assert!(error_message(&ApiError::from_response(502, ""))
            .starts_with("The server refused the request (HTTP 502) without PocketBase's"));
        let ip =
            r#"{"status":403,"message":"You are not allowed to perform this request.","data":{}}"#;
        assert_eq!(
            error_message(&ApiError::from_response(403, ip)),
            en::PHRASES.ip_not_allowed
        );
        assert_eq!(
            error_message(&ApiError::from_response(401, "{}")),
            en::PHRASES.session_expired
        );
        assert!(error_message(&ApiError::from_response(403, "{}")).contains("not a superuser"));
        assert!(error_message(&ApiError::Network("x".into())).contains("Cannot reach"));
    }

    /// The compiler checks that each language has every phrase; this checks that none was
    /// left in English or empty.
    #[test]
    fn every_phrase_is_written_in_chinese() {
        let english = en::PHRASES.list();
        let chinese = zh::PHRASES.list();
        assert_eq!(english.len(), chinese.len());
        // The same in both: a mark, not a word.
        let same_in_both = ["unknown_date"];
        for ((name, en), (_, zh)) in english.iter().zip(&chinese) {
            assert!(!zh.trim().is_empty(), "{name} is empty in Chinese");
            if !same_in_both.contains(name) {
                assert_ne!(en, zh, "{name} is still in English");
            }
        }
    }

    #[test]
    fn picks_the_browsers_first_written_language() {
        assert_eq!(Lang::preferred(["zh-CN", "en"]), Lang::Zh);
        assert_eq!(Lang::preferred(["zh"]), Lang::Zh);
        assert_eq!(Lang::preferred(["zh-Hans-HK"]), Lang::Zh);
        assert_eq!(Lang::preferred(["ZH_sg"]), Lang::Zh);
        assert_eq!(Lang::preferred(["en-US", "zh-CN"]), Lang::En);
        assert_eq!(Lang::preferred(["zh-TW", "en"]), Lang::En);
        assert_eq!(Lang::preferred(["zh-Hant", "zh-CN"]), Lang::Zh);
        assert_eq!(Lang::preferred(["fr", "de"]), Lang::En);
        assert_eq!(Lang::preferred(["fr", "zh"]), Lang::Zh);
        assert_eq!(Lang::preferred([]), Lang::En);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
    }
}
