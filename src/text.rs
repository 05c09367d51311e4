//! Every string a person reads, in one module, so the 简体中文 translation can replace it whole.

use crate::api::cron::{CronField, CronProblem, PartProblem, Schedule, Slots};
use crate::api::{utc_stamp, ApiError, BadServerUrl, NameProblem, NAME_MAX_CHARS};
use crate::format::{duration, human_size};

pub const APP_TITLE: &str = "PocketBase backups";

pub const SERVER_URL: &str = "Server URL";
pub const EMAIL: &str = "Email";
pub const PASSWORD: &str = "Password";
pub const SIGN_IN: &str = "Sign in";
pub const SIGNING_IN: &str = "Signing in…";
pub const SIGN_IN_HINT: &str = "Sign in with a PocketBase superuser account.";
pub const SIGN_OUT: &str = "Sign out";
pub const EMAIL_REQUIRED: &str = "Enter the superuser's email.";
pub const PASSWORD_REQUIRED: &str = "Enter the password.";
pub const ONE_TIME_CODE: &str = "One-time code";
pub const CODE_REQUIRED: &str = "Enter the code from the e-mail.";
pub const SEND_NEW_CODE: &str = "Send a new code";
pub const START_OVER: &str = "Start over";
pub const SESSION_EXPIRED: &str = "Your session has expired or is no longer valid. Sign in again.";
pub const SIGNED_OUT_ELSEWHERE: &str = "You signed out in another tab.";
pub const IP_NOT_ALLOWED: &str = "This server accepts superusers only from the IP addresses listed in its settings (superuserIPs), and this browser's address is not one of them. Use the panel from an allowed address, or have yours added.";
pub const TOO_LARGE: &str = "The request is larger than the server, or a proxy in front of it, accepts (HTTP 413). Raise the proxy's body limit (client_max_body_size in nginx), or copy the file into pb_data/backups on the server.";

pub const BACKUPS: &str = "Backups";
pub const REFRESH: &str = "Refresh";
pub const LOADING_BACKUPS: &str = "Loading backups…";
pub const NO_BACKUPS: &str = "No backups yet";
pub const COLUMN_NAME: &str = "Name";
pub const COLUMN_SIZE: &str = "Size";
pub const COLUMN_MODIFIED: &str = "Modified";
pub const UNKNOWN_DATE: &str = "—";

pub const CANCEL: &str = "Cancel";
pub const DISMISS: &str = "Dismiss";
pub const COLUMN_ACTIONS: &str = "Actions";

pub const CREATE_BACKUP: &str = "Create backup";
pub const CREATE: &str = "Create";
pub const BACKUP_NAME: &str = "Backup name";
pub const CREATING: &str = "Creating a backup…";
pub const BACKUP_NAME_HINT: &str =
    "Optional. Lowercase letters, digits, _ and -, ending in .zip. Leave empty to let PocketBase name it.";

pub const UPLOAD_BACKUP: &str = "Upload backup";
pub const UPLOAD: &str = "Upload";
pub const DROP_HINT: &str = "or drop a .zip file here";
pub const UPLOAD_TITLE: &str = "Upload this backup?";
pub const EMPTY_FILE: &str = "This file is empty.";
pub const NOT_A_ZIP: &str = "This file is not a zip archive. PocketBase only accepts .zip backups.";
pub const NO_DATA_DB: &str = "This zip has no data.db, so it is probably not a PocketBase backup: restoring it would fail. Upload it anyway only if you are sure.";
pub const CANCEL_UPLOAD: &str = "Cancel upload";
pub const FINISHING: &str =
    "Finishing… every byte is sent; PocketBase is storing the file and cannot be stopped now.";
pub const UPLOAD_AS: &str = "Upload as";
pub const UPLOAD_NAME_EMPTY: &str = "Enter a name to store the backup under.";
pub const UPLOAD_NAME_SLASH: &str = "A name cannot contain / or \\.";
pub const CANCELLED: &str = "Cancelled. The server did not store anything.";
pub const UPLOAD_TOO_SLOW: &str = "At this speed the upload takes longer than PocketBase's 5-minute request limit and will probably be cut off. Upload over a faster connection, or copy the file into pb_data/backups on the server.";
pub const UPLOAD_ANYWAY: &str = "Upload anyway";
pub const UNREADABLE_FILE: &str = "This file cannot be read.";

pub const DOWNLOAD: &str = "Download";
pub const DELETE: &str = "Delete";
pub const DELETE_TITLE: &str = "Delete this backup?";
pub const DELETE_EXPLAINED: &str =
    "This permanently removes the files from the server. It cannot be undone.";
pub const SELECT_ALL: &str = "Select all shown backups";

pub const SERVER_BUSY: &str = "A backup or restore is running on the server. Creating and restoring wait until it ends; the list refreshes then.";
pub const SERVER_UNREACHABLE: &str = "The server is unreachable. This page keeps trying.";
pub const RESTORE: &str = "Restore";
pub const RESTORE_TITLE: &str = "Restore this backup?";
pub const RESTORE_EXPLAINED: &str = "Restoring replaces the whole database, the settings, the uploaded files and the superusers with the content of this backup. Everything changed since it was made is lost. PocketBase then restarts, and you may have to sign in again with a superuser of the restored data.";
pub const RESTORE_CONFIRM_LABEL: &str = "Type the backup name to confirm";
pub const RESTORE_NO_DATA_DB: &str = "This backup has no data.db, so it is not a PocketBase backup: PocketBase will refuse to restore it and keep its current data.";
pub const RESTORE_WAITS: &str =
    "A backup or restore is running on the server: restoring waits until it ends.";
pub const RESTORE_SLOW: &str =
    "PocketBase has not answered for 10 minutes after the restore. Check the server and its logs.";
pub const BACKUP_FIRST: &str = "Back up current data first";
pub const RESTORED_SIGN_IN: &str = "PocketBase was restored from a backup and no longer accepts your session. Sign in with a superuser of the restored data.";

pub fn delete_label(key: &str) -> String {
    format!("Delete {key}")
}

pub fn download_label(key: &str) -> String {
    format!("Download {key}")
}

pub fn restore_label(key: &str) -> String {
    format!("Restore {key}")
}

pub fn creating(name: &str) -> String {
    format!("Creating {name}… PocketBase writes the whole database; this can take minutes.")
}

pub fn uploading(name: &str) -> String {
    format!("Uploading {name}")
}

/// `12.3 MB of 250.0 MB · 4% · 3.2 MB/s · 1 min 15 s left`
pub fn upload_status(
    sent: u64,
    total: u64,
    percent: u64,
    bytes_per_second: Option<u64>,
    seconds_left: Option<u64>,
) -> String {
    let mut status = format!("{} of {} · {percent}%", human_size(sent), human_size(total));
    if let Some(speed) = bytes_per_second {
        status.push_str(&format!(" · {}/s", human_size(speed)));
    }
    if let Some(left) = seconds_left {
        status.push_str(&format!(" · {} left", duration(left)));
    }
    status
}

pub fn file_summary(name: &str, size: u64) -> String {
    format!("{name} ({})", human_size(size))
}

pub fn created(name: &str) -> String {
    format!("Backup {name} created.")
}

/// The answer to a create was lost, and the server, answering again, does not have it.
pub fn create_lost(name: &str) -> String {
    format!("The connection was lost during the create, and {name} was not made. Try again once the server answers.")
}

/// The answer to a create was lost and the list could not be read after it.
pub fn create_unknown(name: &str) -> String {
    format!("The server's answer was lost: it may have made {name}, or not. Check the list before relying on it.")
}

pub fn uploaded(name: &str) -> String {
    format!("Uploaded {name}.")
}

pub fn upload_name_taken(name: &str) -> String {
    format!("A backup named {name} already exists. Upload this file under another name:")
}

pub fn stored_despite_cancel(name: &str) -> String {
    format!("The cancel came too late: PocketBase stored {name}, and the list shows it. Delete it if you do not want it.")
}

pub fn cancel_unconfirmed(name: &str) -> String {
    format!("The upload was cancelled, but whether PocketBase stored {name} could not be checked. Look at the list before uploading it again.")
}

pub fn deleted(keys: &[String]) -> String {
    match keys {
        [key] => format!("Deleted {key}."),
        _ => format!("Deleted {} backups.", keys.len()),
    }
}

/// Ends a list of keys cut short.
pub fn and_more(count: usize) -> String {
    format!("… and {count} more")
}

pub fn delete_title(count: usize) -> String {
    match count {
        1 => DELETE_TITLE.into(),
        _ => format!("Delete these {count} backups?"),
    }
}

pub fn delete_selected(count: usize) -> String {
    format!("Delete selected ({count})")
}

pub fn select_label(key: &str) -> String {
    format!("Select {key}")
}

pub fn not_deleted(key: &str, reason: &str) -> String {
    format!("{key} was not deleted: {reason}")
}

pub fn restore_backing_up(key: &str) -> String {
    format!("Backing up the current data before restoring {key}…")
}

pub fn restore_started(key: &str) -> String {
    format!("PocketBase accepted the restore of {key}; it starts within a second.")
}

pub fn restore_answer_lost(key: &str) -> String {
    format!("The answer to the restore of {key} was lost. Watching whether PocketBase restores it…")
}

pub fn restore_restarting(key: &str) -> String {
    format!("Restoring {key}: PocketBase is working on it or restarting. This page waits until it answers again.")
}

pub fn restore_checking(key: &str) -> String {
    format!("PocketBase answers. Reading its log for the outcome of the restore of {key}…")
}

pub fn restored(key: &str) -> String {
    format!("Restored {key}: PocketBase restarted with it and logged no error. Check that the data is what you expected.")
}

pub fn restore_failed(key: &str, error: &str) -> String {
    format!("The restore of {key} failed; PocketBase kept its current data. Its log says: {error}")
}

pub fn restore_not_seen(key: &str, answer_lost: bool) -> String {
    if answer_lost {
        format!("The answer to the restore of {key} was lost, and PocketBase was not seen restarting nor logged a failure: it may never have received it. Check the server's logs before trying again.")
    } else {
        format!("PocketBase was not seen restarting and logged no failure for {key}: whether it restored it is unknown. Check the server's logs.")
    }
}

pub fn restore_logs_off(key: &str) -> String {
    format!("PocketBase restarted after the restore of {key}, but it keeps no logs, so a failure cannot be ruled out. Check that the data is what you expected.")
}

pub fn restore_log_unreadable(key: &str) -> String {
    format!("PocketBase restarted after the restore of {key}, but its log could not be read to confirm it. Check the server's logs.")
}

pub fn backup_first_refused(reason: &str) -> String {
    format!("The backup of the current data was not made, so nothing was restored. {reason}")
}

pub fn backup_first_unknown(name: &str) -> String {
    format!("The answer to the backup of the current data was lost: the server may have made {name}, or not. Nothing was restored; check the list first.")
}

pub fn name_taken(name: &str) -> String {
    format!("A backup named {name} already exists.")
}

pub fn name_problem(problem: NameProblem) -> String {
    match problem {
        NameProblem::TooLong => format!("Use at most {NAME_MAX_CHARS} characters."),
        NameProblem::Pattern => {
            "Use only lowercase letters, digits, _ and -, and end the name with .zip.".into()
        }
    }
}

pub const SEARCH_BACKUPS: &str = "Search backups";
pub const NO_MATCHES: &str = "No backups match the search.";
pub const AUTO_BADGE: &str = "auto";
pub const AUTO_BADGE_TITLE: &str = "Made by the server's automatic backups";

/// How long ago, in words: `just now`, `1 minute ago`, `3 hours ago`, `2 days ago`, … A time
/// in the future (a clock ahead of this one) reads as `just now`.
pub fn relative_age(seconds_ago: i64) -> String {
    let plural = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    match seconds_ago {
        ..60 => "just now".into(),
        60..3_600 => plural(seconds_ago / 60, "minute"),
        3_600..86_400 => plural(seconds_ago / 3_600, "hour"),
        86_400..2_592_000 => plural(seconds_ago / 86_400, "day"),
        2_592_000..31_536_000 => plural(seconds_ago / 2_592_000, "month"),
        _ => plural(seconds_ago / 31_536_000, "year"),
    }
}

/// `Showing 3 of 10 backups · 1.2 GB of 4.5 GB`, or `10 backups · 4.5 GB` when all are shown.
pub fn totals(shown: (usize, u64), all: (usize, u64)) -> String {
    let noun = |n: usize| if n == 1 { "backup" } else { "backups" };
    if shown.0 == all.0 {
        return format!("{} {} · {}", all.0, noun(all.0), human_size(all.1));
    }
    format!(
        "Showing {} of {} {} · {} of {}",
        shown.0,
        all.0,
        noun(all.0),
        human_size(shown.1),
        human_size(all.1)
    )
}

/// The server's exact value, e.g. `2026-11-24 04:24:23.578 UTC`.
pub fn utc_title(modified: &str) -> String {
    match modified.strip_suffix('Z') {
        Some(utc) => format!("{utc} UTC"),
        None => modified.to_owned(),
    }
}

pub fn sort_by_label(column: &str) -> String {
    format!("Sort by {column}")
}

/// The second step of a sign-in with multi-factor authentication.
pub fn second_factor(email: &str) -> String {
    format!("This account also needs a one-time code. PocketBase sends it to {email}; it is valid for a few minutes.")
}

pub fn code_sent(email: &str) -> String {
    format!("A code was sent to {email}.")
}

pub fn signed_in_as(email: &str, server: &str) -> String {
    format!("{email} on {server}")
}

pub fn bad_server_url(reason: BadServerUrl) -> &'static str {
    match reason {
        BadServerUrl::Empty => "Enter the address of your PocketBase server.",
        BadServerUrl::NotHttp => {
            "Enter a full address starting with http:// or https://, e.g. http://127.0.0.1:8090."
        }
        BadServerUrl::HasQueryOrFragment => "Enter the server's address without ? or # parts.",
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
        } if message.contains("OTP") => {
            format!("The code is wrong or has expired: check it, or send a new one. (PocketBase: {message})")
        }
        ApiError::Server { status: 401, .. } => {
            "The server refused the sign-in (HTTP 401). Is a proxy asking for its own login?".into()
        }
        _ => error_message(error),
    }
}

/// The one place where an [`ApiError`] becomes words. The server's own reason wins whenever it
/// gave one: it is more precise than anything guessed here.
pub fn error_message(error: &ApiError) -> String {
    match error {
        ApiError::Network(_) => {
            "Cannot reach the server. Check the address and that PocketBase is running.".into()
        }
        ApiError::Server { status: 401, .. } => SESSION_EXPIRED.into(),
        error if error.is_ip_refusal() => IP_NOT_ALLOWED.into(),
        ApiError::Server { status: 403, .. } => {
            "This account is not a superuser. Only superusers can manage backups.".into()
        }
        ApiError::Server { status: 413, .. } if error.is_foreign_refusal() => TOO_LARGE.into(),
        // A field's message is the precise reason; the top message is then a generic
        // "An error occurred while validating the submitted data."
        ApiError::Server { fields, .. } if !fields.is_empty() => fields
            .iter()
            .map(|f| f.message.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        ApiError::Server {
            status, message, ..
        } if message.is_empty() => {
            format!("The server refused the request (HTTP {status}) without PocketBase's usual explanation: a proxy in front of it may have answered. Check the proxy and the server's logs.")
        }
        ApiError::Server { message, .. } => message.clone(),
        ApiError::Cancelled => CANCELLED.into(),
        // Handled by the sign-in page's second step; worded in case it shows elsewhere.
        ApiError::MfaRequired(_) => {
            "This account needs a second factor: sign in again to receive a code.".into()
        }
        ApiError::UnexpectedBody(_) => {
            "The server sent an answer this panel does not understand. Is this a PocketBase server?"
                .into()
        }
    }
}

// ---- Backup settings ----------------------------------------------------------------------

pub const SETTINGS: &str = "Settings";
pub const BACKUP_SETTINGS: &str = "Backup settings";
pub const BACK_TO_BACKUPS: &str = "Back to backups";
pub const LOADING_SETTINGS: &str = "Loading the backup settings…";
pub const AUTO_BACKUPS: &str = "Automatic backups";
pub const ENABLE_AUTO_BACKUPS: &str = "Enable automatic backups";
pub const SCHEDULE: &str = "Schedule (cron expression)";
pub const PRESETS: &str = "Presets";
pub const PRESET_CUSTOM: &str = "Custom";
/// The schedules offered, as (label, expression).
pub const CRON_PRESETS: [(&str, &str); 4] = [
    ("Every day at 00:00", "0 0 * * *"),
    ("Every Sunday at 00:00", "0 0 * * 0"),
    ("The first of the month at 00:00", "0 0 1 * *"),
    ("Every 6 hours", "0 */6 * * *"),
];
pub const SCHEDULE_HINT: &str = "PocketBase runs it in UTC. Five fields separated by single spaces — minute, hour, day of the month, month, day of the week (0–6, Sunday is 0) — with *, lists (1,15), ranges (1-5) and steps (*/6); or @hourly, @daily, @weekly, @monthly, @yearly.";
pub const NEXT_RUNS: &str = "Next runs";
pub const NEVER_RUNS: &str =
    "This schedule never comes round: no date matches it (PocketBase requires every field to match, the day of the month and the day of the week both).";
pub const MAX_KEEP: &str = "Max automatic backups to keep";
pub const MAX_KEEP_HINT: &str =
    "After each automatic backup the oldest automatic (@auto_) ones beyond this number are deleted. Backups you made or uploaded are never touched.";
pub const STORE_IN_S3: &str = "Store backups in S3";
pub const S3_STORAGE: &str = "Storage";
pub const S3_HINT: &str = "Off: backups are kept on the server's disk, in pb_data/backups.";
pub const S3_FILES_NOT_IN_BACKUPS: &str = "Uploaded files that PocketBase keeps in S3 file storage (its Files storage setting) are not part of a backup: back them up separately.";
pub const ENDPOINT: &str = "Endpoint";
pub const BUCKET: &str = "Bucket";
pub const REGION: &str = "Region";
pub const ACCESS_KEY: &str = "Access key";
pub const SECRET: &str = "Secret";
pub const SECRET_HINT: &str =
    "Never shown: PocketBase does not send it back. Leave empty to keep the stored secret.";
pub const FORCE_PATH_STYLE: &str = "Force path style";
pub const FORCE_PATH_STYLE_HINT: &str = "Address the bucket as endpoint/bucket rather than bucket.endpoint — what most self-hosted S3 servers need.";
pub const TEST_CONNECTION: &str = "Test connection";
pub const TEST_USES_SAVED: &str = "The test tries the saved settings, from the server.";
pub const TESTING: &str = "Testing the saved S3 settings…";
pub const S3_TEST_OK: &str =
    "Connected: PocketBase stored and removed a test file in the bucket with the saved settings.";
pub const SAVE_FIRST_TITLE: &str = "Save before testing?";
pub const SAVE_FIRST_EXPLAINED: &str = "The connection test uses the saved settings, not the changes on this page. Save the changes, then test them?";
pub const SAVE_AND_TEST: &str = "Save and test";
pub const SAVE: &str = "Save";
pub const SAVING: &str = "Saving…";
pub const RESET: &str = "Reset";
pub const UNSAVED_CHANGES: &str = "Unsaved changes.";
pub const SETTINGS_SAVED: &str = "Backup settings saved.";
pub const FIX_FIELDS: &str = "Some fields need attention before saving.";
pub const LEAVE_TITLE: &str = "Leave without saving?";
pub const LEAVE_EXPLAINED: &str =
    "The backup settings have changes that are not saved. Leaving drops them.";
pub const LEAVE: &str = "Leave without saving";
pub const LEAVE_UPLOAD_TITLE: &str = "Leave and cancel the upload?";
pub const LEAVE_UPLOAD_EXPLAINED: &str = "An upload is running. Leaving this page cancels it: PocketBase stores nothing it has not received whole.";
pub const LEAVE_UPLOAD: &str = "Cancel the upload and leave";
pub const RUN_NOW: &str = "Run automatic backup now";
pub const RUN_NOW_HINT: &str = "Runs the server's own job with the saved schedule's settings: a new @auto_ backup, then the oldest automatic ones pruned to the kept number.";
pub const RUNNING_AUTO: &str = "Running the server's automatic backup…";
pub const NOT_SCHEDULED: &str = "The server has no automatic backup job: save a schedule first.";
pub const REQUIRED_WHILE_S3: &str = "Required while S3 storage is on.";
pub const CRON_REQUIRED: &str = "Enter a schedule, or switch automatic backups off.";
pub const MAX_KEEP_NUMBER: &str = "Enter a whole number, 1 or more.";
pub const MAX_KEEP_TOO_FEW: &str = "Keep at least 1 automatic backup.";
pub const NOT_AN_ENDPOINT: &str =
    "Enter the server's address, e.g. https://s3.example.com: http:// or https:// (or none), no spaces.";

// ---- Health of automatic backups, on the backups page -------------------------------------

pub const AUTO_FAILURES: &str = "Latest failures of automatic backups (the server's log):";
pub const AUTO_HISTORY_UNKNOWN: &str = "The server keeps no log of errors (its logs are off), so whether automatic backups failed is unknown.";
pub const STORAGE_UNREACHABLE: &str =
    "The backup storage cannot be reached, so the backups cannot be listed.";
pub const CHECK_STORAGE_SETTINGS: &str = "Check the storage settings";

pub fn no_auto_failures(days: u32) -> String {
    format!("No failures in the server's log (kept for {days} days).")
}

pub fn auto_history_unreadable(reason: &str) -> String {
    format!("The server's log could not be read, so failures of automatic backups are unknown: {reason}")
}

pub fn storage_reason(reason: &str) -> String {
    format!("The storage said: {reason}")
}

pub fn next_auto_backup(utc: &str, local: &str) -> String {
    format!("Next automatic backup: {utc} ({local} your time).")
}

pub fn auto_backup_stale(newest: &str, age: &str) -> String {
    format!("The newest automatic backup, from {newest} ({age}), is older than two of the schedule's runs: automatic backups may be failing.")
}

pub fn no_auto_backup_yet(since: &str) -> String {
    format!("No automatic backup exists, though the schedule (known to this panel since {since}) should have run by now: automatic backups may be failing.")
}

pub fn auto_failure(when: &str, name: &str, error: &str) -> String {
    format!("{when} — {name}: {error}")
}

pub fn failure_after_success() -> &'static str {
    "An automatic backup was made after the latest failure."
}

pub fn auto_run_made(key: &str, pruned: &[String]) -> String {
    match pruned {
        [] => format!("Automatic backup {key} made."),
        [one] => format!("Automatic backup {key} made; {one} removed to keep the set number."),
        _ => format!(
            "Automatic backup {key} made; {} older automatic backups removed to keep the set number.",
            pruned.len()
        ),
    }
}

pub fn auto_run_failed(name: &str, error: &str) -> String {
    format!("The automatic backup {name} failed. PocketBase's log says: {error}")
}

pub fn auto_run_unknown(logs_off: bool) -> &'static str {
    if logs_off {
        "No new automatic backup appeared, and the server keeps no log of errors to say why. Check the list and the server."
    } else {
        "No new automatic backup appeared, and the server logged no failure: whether the job ran is unknown. Check the server's logs."
    }
}

pub fn s3_test_failed(reason: &str) -> String {
    format!("The connection test failed: {reason}")
}

/// Warns that saving moves new backups elsewhere; the listed ones stay behind.
pub fn storage_moves(count: usize, to_s3: bool) -> String {
    let from = if to_s3 {
        "on the server's disk"
    } else {
        "in the current S3 bucket"
    };
    match count {
        0 => "New backups will be stored in the new place. Backups are not moved when the storage changes.".into(),
        1 => format!("Backups are not moved when the storage changes: the backup listed now stays {from} and will no longer be listed here:"),
        _ => format!("Backups are not moved when the storage changes: the {count} backups listed now stay {from} and will no longer be listed here:"),
    }
}

pub fn run_time(utc: &str, local: &str) -> String {
    format!("{utc} · {local} your time")
}

pub fn server_refused_field(message: &str) -> String {
    format!("PocketBase: {message}")
}

const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `Thu 2026-12-03 00:00 UTC`.
pub fn utc_run(epoch_ms: i64) -> String {
    let stamp = utc_stamp(epoch_ms);
    let weekday = (epoch_ms.div_euclid(86_400_000) + 4).rem_euclid(7) as usize;
    format!(
        "{} {}-{}-{} {}:{} UTC",
        &WEEKDAYS[weekday][..3],
        &stamp[0..4],
        &stamp[4..6],
        &stamp[6..8],
        &stamp[8..10],
        &stamp[10..12]
    )
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A field's values as words, runs of three or more as `from … to …`.
fn value_list(slots: Slots, name: impl Fn(u32) -> String) -> String {
    let values: Vec<u32> = slots.values().collect();
    let mut parts = Vec::new();
    let mut at = 0;
    while at < values.len() {
        let mut end = at;
        while end + 1 < values.len() && values[end + 1] == values[end] + 1 {
            end += 1;
        }
        if end - at >= 2 {
            parts.push(format!("{} to {}", name(values[at]), name(values[end])));
        } else {
            parts.extend(values[at..=end].iter().map(|&v| name(v)));
        }
        at = end + 1;
    }
    and_list(&parts)
}

/// An expression in plain words, e.g. `At 00:00 UTC, on Sunday.`
pub fn cron_reading(schedule: &Schedule) -> String {
    use CronField::*;
    let (minutes, hours) = (schedule.minutes, schedule.hours);
    let every_hour = hours.is_every(Hour);
    let time = if minutes.is_every(Minute) && every_hour {
        "Every minute".to_owned()
    } else if let (Some(step), true) = (minutes.every_nth(Minute), every_hour) {
        format!("Every {step} minutes")
    } else if minutes.count() == 1 && every_hour {
        format!(
            "At minute {} of every hour",
            value_list(minutes, |m| m.to_string())
        )
    } else if minutes.count() * hours.count() <= 6 {
        let times: Vec<String> = hours
            .values()
            .flat_map(|h| minutes.values().map(move |m| format!("{h:02}:{m:02}")))
            .collect();
        format!("At {} UTC", and_list(&times))
    } else {
        let hour_words = match hours.every_nth(Hour) {
            Some(step) => format!("every {step} hours"),
            None => format!("hours {}", value_list(hours, |h| format!("{h:02}"))),
        };
        format!(
            "At minutes {} of {hour_words} (UTC)",
            value_list(minutes, |m| m.to_string())
        )
    };
    let (days, weekdays) = (schedule.days, schedule.weekdays);
    let on_days = |slots: Slots| value_list(slots, |d| d.to_string());
    let weekday_words = value_list(weekdays, |d| WEEKDAYS[d as usize].to_owned());
    let day = match (days.is_every(Day), weekdays.is_every(Weekday)) {
        (true, true) => "every day".to_owned(),
        (true, false) => format!("on {weekday_words}"),
        (false, true) if days.count() == 1 => format!("on day {} of the month", on_days(days)),
        (false, true) => format!("on days {} of the month", on_days(days)),
        (false, false) => format!(
            "on day {} of the month, only when it is a {weekday_words}",
            on_days(days)
        ),
    };
    let month = if schedule.months.is_every(Month) {
        String::new()
    } else {
        format!(
            ", in {}",
            value_list(schedule.months, |m| MONTHS[m as usize - 1].to_owned())
        )
    };
    format!("{time}, {day}{month}.")
}

fn cron_field_name(field: CronField) -> &'static str {
    match field {
        CronField::Minute => "Minute",
        CronField::Hour => "Hour",
        CronField::Day => "Day of the month",
        CronField::Month => "Month",
        CronField::Weekday => "Day of the week",
    }
}

/// Which part of an expression PocketBase would refuse, and why.
pub fn cron_problem(problem: &CronProblem) -> String {
    let CronProblem::Field { field, part, why } = problem else {
        let CronProblem::Shape { fields } = problem else {
            unreachable!()
        };
        return format!("PocketBase reads five fields separated by single spaces (minute hour day month weekday), or a lowercase macro such as @daily; this has {fields}. Check for extra spaces.");
    };
    let (min, max) = field.bounds();
    let why = match why {
        PartProblem::NotANumber => "not a whole number.".to_owned(),
        PartProblem::Name => {
            "PocketBase reads numbers only, not names: months 1–12, days of the week 0–6 (Sunday is 0).".to_owned()
        }
        PartProblem::OutOfRange => format!("outside {min}–{max}."),
        PartProblem::SundayAsSeven => "Sunday is 0 here: PocketBase does not accept 7.".to_owned(),
        PartProblem::Backwards => "the range ends before it starts.".to_owned(),
        PartProblem::BadStep => format!("the step must be between 1 and {max}."),
        PartProblem::StepWithoutRange => {
            "a step needs * or a range before it, e.g. */5 or 0-30/5.".to_owned()
        }
        PartProblem::Malformed => "write n, a-b, */s or a-b/s.".to_owned(),
    };
    format!("{} field, “{part}”: {why}", cron_field_name(*field))
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
    fn reads_schedules_in_plain_words() {
        let read = |e: &str| cron_reading(&Schedule::parse(e).unwrap());
        assert_eq!(read("0 0 * * *"), "At 00:00 UTC, every day.");
        assert_eq!(read("@weekly"), "At 00:00 UTC, on Sunday.");
        assert_eq!(read("0 0 1 * *"), "At 00:00 UTC, on day 1 of the month.");
        assert_eq!(
            read("0 */6 * * *"),
            "At 00:00, 06:00, 12:00 and 18:00 UTC, every day."
        );
        assert_eq!(read("*/15 * * * *"), "Every 15 minutes, every day.");
        assert_eq!(read("* * * * *"), "Every minute, every day.");
        assert_eq!(read("5 * * * *"), "At minute 5 of every hour, every day.");
        assert_eq!(read("30 9 * * 1-5"), "At 09:30 UTC, on Monday to Friday.");
        assert_eq!(
            read("0 0 1 * 0"),
            "At 00:00 UTC, on day 1 of the month, only when it is a Sunday."
        );
        assert_eq!(
            read("0 3 1,15 1,7 *"),
            "At 03:00 UTC, on days 1 and 15 of the month, in January and July."
        );
        assert_eq!(
            read("0,30 */2 * * 0,6"),
            "At minutes 0 and 30 of every 2 hours (UTC), on Sunday and Saturday."
        );
    }

    #[test]
    fn names_the_refused_part_of_a_schedule() {
        let refused = |e: &str| cron_problem(&Schedule::parse(e).unwrap_err());
        assert_eq!(
            refused("0 0 * * 7"),
            "Day of the week field, “7”: Sunday is 0 here: PocketBase does not accept 7."
        );
        assert_eq!(refused("0 24 * * *"), "Hour field, “24”: outside 0–23.");
        assert!(refused("0  0 * * *").contains("this has 6"));
        assert_eq!(utc_run(0), "Thu 1970-01-01 00:00 UTC");
        assert_eq!(utc_run(1_796_256_000_000), "Thu 2026-12-03 00:00 UTC");
    }

    #[test]
    fn says_how_long_ago() {
        assert_eq!(relative_age(-5), "just now");
        assert_eq!(relative_age(59), "just now");
        assert_eq!(relative_age(60), "1 minute ago");
        assert_eq!(relative_age(3 * 3_600 + 5), "3 hours ago");
        assert_eq!(relative_age(86_400), "1 day ago");
        assert_eq!(relative_age(2 * 86_400), "2 days ago");
        assert_eq!(relative_age(70 * 86_400), "2 months ago");
        assert_eq!(relative_age(800 * 86_400), "2 years ago");
    }

    #[test]
    fn sums_up_what_is_shown() {
        assert_eq!(totals((2, 2_000), (2, 2_000)), "2 backups · 2.0 kB");
        assert_eq!(totals((1, 500), (1, 500)), "1 backup · 500 B");
        assert_eq!(
            totals((1, 1_000), (3, 5_000)),
            "Showing 1 of 3 backups · 1.0 kB of 5.0 kB"
        );
    }

    #[test]
    fn explains_statuses_without_a_reason() {
        assert_eq!(
            error_message(&ApiError::from_response(413, "<html>too big</html>")),
            TOO_LARGE
        );
        assert!(error_message(&ApiError::from_response(502, ""))
            .starts_with("The server refused the request (HTTP 502) without PocketBase's"));
        let ip =
            r#"{"status":403,"message":"You are not allowed to perform this request.","data":{}}"#;
        assert_eq!(
            error_message(&ApiError::from_response(403, ip)),
            IP_NOT_ALLOWED
        );
        assert_eq!(
            error_message(&ApiError::from_response(401, "{}")),
            SESSION_EXPIRED
        );
        assert!(error_message(&ApiError::from_response(403, "{}")).contains("not a superuser"));
        assert!(error_message(&ApiError::Network("x".into())).contains("Cannot reach"));
    }
}
