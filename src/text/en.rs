//! English.

use super::{Phrases, Words};
use crate::api::cron::{CronField, CronProblem, PartProblem, Schedule, Slots};
use crate::api::{utc_stamp, BadServerUrl, NameProblem, NAME_MAX_CHARS};
use crate::format::human_size;

pub const PHRASES: Phrases = Phrases {
    language: "Language",
    theme: "Theme",
    theme_system: "System",
    theme_light: "Light",
    theme_dark: "Dark",
    language_waits: "The language can be changed once the work running now has ended.",
    cannot_reach: "Cannot reach the server. Check the address and that PocketBase is running.",
    not_superuser: "This account is not a superuser. Only superusers can manage backups.",
    needs_second_factor: "This account needs a second factor: sign in again to receive a code.",
    not_understood: "The server sent an answer this panel does not understand. Is this a PocketBase server?",
    sign_in_unauthorized: "The server refused the sign-in (HTTP 401). Is a proxy asking for its own login?",
    app_title: "PocketBase backups",
    server_url: "Server URL",
    email: "Email",
    password: "Password",
    sign_in: "Sign in",
    signing_in: "Signing in…",
    sign_in_hint: "Sign in with a PocketBase superuser account.",
    sign_out: "Sign out",
    email_required: "Enter the superuser's email.",
    password_required: "Enter the password.",
    one_time_code: "One-time code",
    code_required: "Enter the code from the e-mail.",
    send_new_code: "Send a new code",
    start_over: "Start over",
    session_expired: "Your session has expired or is no longer valid. Sign in again.",
    signed_out_elsewhere: "You signed out in another tab.",
    ip_not_allowed: "This server accepts superusers only from the IP addresses listed in its settings (superuserIPs), and this browser's address is not one of them. Use the panel from an allowed address, or have yours added.",
    too_large: "The request is larger than the server, or a proxy in front of it, accepts (HTTP 413). Raise the proxy's body limit (client_max_body_size in nginx), or copy the file into pb_data/backups on the server.",
    backups: "Backups",
    refresh: "Refresh",
    loading_backups: "Loading backups…",
    piece_loading: "Loading…",
    piece_missing: "This part of the panel could not be loaded: the connection dropped, or the panel was updated on the server (then reload the page). Nothing was sent to PocketBase.",
    retry: "Retry",
    no_backups: "No backups yet",
    column_name: "Name",
    column_size: "Size",
    column_modified: "Modified",
    unknown_date: "—",
    cancel: "Cancel",
    dismiss: "Dismiss",
    column_actions: "Actions",
    create_backup: "Create backup",
    create: "Create",
    backup_name: "Backup name",
    creating_unnamed: "Creating a backup…",
    backup_name_hint: "Optional. Lowercase letters, digits, _ and -, ending in .zip. Leave empty to let PocketBase name it.",
    upload_backup: "Upload backup",
    upload: "Upload",
    drop_hint: "or drop a .zip file here",
    upload_title: "Upload this backup?",
    empty_file: "This file is empty.",
    not_a_zip: "This file is not a zip archive. PocketBase only accepts .zip backups.",
    no_data_db: "This zip has no data.db, so it is probably not a PocketBase backup: restoring it would fail. Upload it anyway only if you are sure.",
    cancel_upload: "Cancel upload",
    finishing: "Finishing… every byte is sent; PocketBase is storing the file and cannot be stopped now.",
    upload_as: "Upload as",
    upload_name_empty: "Enter a name to store the backup under.",
    upload_name_slash: "A name cannot contain / or \\.",
    cancelled: "Cancelled. The server did not store anything.",
    upload_too_slow: "At this speed the upload takes longer than PocketBase's 5-minute request limit and will probably be cut off. Upload over a faster connection, or copy the file into pb_data/backups on the server.",
    upload_anyway: "Upload anyway",
    unreadable_file: "This file cannot be read.",
    download: "Download",
    delete: "Delete",
    delete_title_one: "Delete this backup?",
    delete_explained: "This permanently removes the files from the server. It cannot be undone.",
    select_all: "Select all shown backups",
    server_busy: "A backup or restore is running on the server. Creating and restoring wait until it ends; the list refreshes then.",
    server_unreachable: "The server is unreachable. This page keeps trying.",
    restore: "Restore",
    restore_title: "Restore this backup?",
    restore_explained: "Restoring replaces the whole database, the settings, the uploaded files and the superusers with the content of this backup. Everything changed since it was made is lost. PocketBase then restarts, and you may have to sign in again with a superuser of the restored data.",
    restore_confirm_label: "Type the backup name to confirm",
    restore_no_data_db: "This backup has no data.db, so it is not a PocketBase backup: PocketBase will refuse to restore it and keep its current data.",
    inspect: "Inspect",
    inspect_title: "What this backup holds",
    inspect_reading: "Reading the backup's table of contents from its end…",
    inspect_is_backup: "A PocketBase backup: it has data.db.",
    inspect_no_data_db: "Not a PocketBase backup: it has no data.db, so restoring it will fail.",
    inspect_not_zip: "Not a zip archive, so not a PocketBase backup: restoring it will fail.",
    inspect_too_large: "Its table of contents is over 16 MB: the panel does not read that much.",
    inspect_unreadable: "What it holds could not be read: the server did not give the bytes asked for.",
    close: "Close",
    contents_files: "Files",
    contents_uploaded: "Uploaded files (storage/)",
    contents_archive: "Size",
    contents_read: "Read to show this",
    contents_missing: "missing",
    copy_command: "Copy download command",
    compare_selected: "Compare the two selected",
    plan_retention: "Plan retention",
    verify: "Verify",
    verify_cancel: "Cancel verifying",
    verify_cancelled: "Verifying was cancelled: nothing was judged.",
    verify_unreadable: "The backup could not be read to its end: nothing was judged.",
    damage_header: "has no entry header where the table of contents says it starts",
    damage_truncated: "is cut off: the file ends before it does",
    damage_inflate: "does not inflate: its compressed data is damaged",
    damage_checksum: "does not match its recorded CRC-32",
    damage_size: "is not as long as recorded",
    damage_not_sqlite: "is not an SQLite database",
    damage_sqlite_length: "has pages that do not add up to its length",
    retention_title: "Which backups to keep",
    retention_apply: "Delete those backups…",
    retention_numbers: "Each field takes a whole number, 0 or more.",
    retention_manual_too: "Also backups not made by the schedule (not @auto_)",
    keep_last: "Keep the newest",
    keep_days: "One a day, for days",
    keep_weeks: "One a week, for weeks",
    keep_months: "One a month, for months",
    kept_not_automatic: "not an automatic backup",
    kept_last: "among the newest",
    kept_day: "the newest of its day",
    kept_week: "the newest of its week",
    kept_month: "the newest of its month",
    kept_undated: "its date is unknown",
    compare_title: "What changed between two backups",
    command_expired: "Its file token has expired: copy a new command.",
    restore_waits: "A backup or restore is running on the server: restoring waits until it ends.",
    restore_slow: "PocketBase has not answered for 10 minutes after the restore. Check the server and its logs.",
    backup_first: "Back up current data first",
    restored_sign_in: "PocketBase was restored from a backup and no longer accepts your session. Sign in with a superuser of the restored data.",
    search_backups: "Search backups",
    no_matches: "No backups match the search.",
    auto_badge: "auto",
    auto_badge_title: "Made by the server's automatic backups",
    settings: "Settings",
    backup_settings: "Backup settings",
    back_to_backups: "Back to backups",
    loading_settings: "Loading the backup settings…",
    auto_backups: "Automatic backups",
    enable_auto_backups: "Enable automatic backups",
    schedule: "Schedule (cron expression)",
    presets: "Presets",
    preset_custom: "Custom",
    schedule_hint: "PocketBase runs it in UTC. Five fields separated by single spaces — minute, hour, day of the month, month, day of the week (0–6, Sunday is 0) — with *, lists (1,15), ranges (1-5) and steps (*/6); or @hourly, @daily, @weekly, @monthly, @yearly.",
    next_runs: "Next runs",
    never_runs: "This schedule never comes round: no date matches it (PocketBase requires every field to match, the day of the month and the day of the week both).",
    max_keep: "Max automatic backups to keep",
    max_keep_hint: "After each automatic backup the oldest automatic (@auto_) ones beyond this number are deleted. Backups you made or uploaded are never touched.",
    store_in_s3: "Store backups in S3",
    s3_storage: "Storage",
    s3_hint: "Off: backups are kept on the server's disk, in pb_data/backups.",
    s3_files_not_in_backups: "Uploaded files that PocketBase keeps in S3 file storage (its Files storage setting) are not part of a backup: back them up separately.",
    endpoint: "Endpoint",
    bucket: "Bucket",
    region: "Region",
    access_key: "Access key",
    secret: "Secret",
    secret_hint: "Never shown: PocketBase does not send it back. Leave empty to keep the stored secret.",
    force_path_style: "Force path style",
    force_path_style_hint: "Address the bucket as endpoint/bucket rather than bucket.endpoint — what most self-hosted S3 servers need.",
    test_connection: "Test connection",
    test_uses_saved: "The test tries the saved settings, from the server.",
    testing: "Testing the saved S3 settings…",
    s3_test_ok: "Connected: PocketBase stored and removed a test file in the bucket with the saved settings.",
    save_first_title: "Save before testing?",
    save_first_explained: "The connection test uses the saved settings, not the changes on this page. Save the changes, then test them?",
    save_and_test: "Save and test",
    save: "Save",
    saving: "Saving…",
    reset: "Reset",
    unsaved_changes: "Unsaved changes.",
    settings_saved: "Backup settings saved.",
    fix_fields: "Some fields need attention before saving.",
    leave_title: "Leave without saving?",
    leave_explained: "The backup settings have changes that are not saved. Leaving drops them.",
    leave: "Leave without saving",
    leave_upload_title: "Sign out and cancel the upload?",
    leave_upload_explained: "An upload is running. Signing out cancels it: PocketBase stores nothing it has not received whole. (The other pages of the panel do not stop it.)",
    leave_upload: "Cancel the upload and sign out",
    run_now: "Run automatic backup now",
    run_now_hint: "Runs the server's own job with the saved schedule's settings: a new @auto_ backup, then the oldest automatic ones pruned to the kept number.",
    running_auto: "Running the server's automatic backup…",
    not_scheduled: "The server has no automatic backup job: save a schedule first.",
    run_now_unsupported: "Run now needs PocketBase 0.24 or newer: this server has no cron API (/api/crons). Its schedule still runs.",
    required_while_s3: "Required while S3 storage is on.",
    cron_required: "Enter a schedule, or switch automatic backups off.",
    max_keep_number: "Enter a whole number, 1 or more.",
    max_keep_too_few: "Keep at least 1 automatic backup.",
    not_an_endpoint: "Enter the server's address, e.g. https://s3.example.com: http:// or https:// (or none), no spaces.",
    auto_failures: "Latest failures of automatic backups (the server's log):",
    auto_history_unknown: "The server keeps no log of errors (its logs are off), so whether automatic backups failed is unknown.",
    auto_history_not_logged: "PocketBase 0.22 logs a failed automatic backup only at debug level, and this server's log keeps no debug entries (its minimum level is higher): whether automatic backups failed is unknown.",
    family_before_0_23: "PocketBase 0.22 or older (admins): no Run now, no two-factor sign-in; failed automatic backups are logged at debug level",
    family_0_23: "PocketBase 0.23: no Run now",
    family_since_0_24: "PocketBase 0.24 or newer",
    storage_unreachable: "The backup storage cannot be reached, so the backups cannot be listed.",
    check_storage_settings: "Check the storage settings",
    servers: "Servers",
    servers_hint: "Every PocketBase server this browser is signed in to, each asked with its own session: one that is down or signed out holds up no other.",
    server_column: "Server",
    newest_column: "Newest backup",
    state_column: "State",
    add_server: "Add server",
    add_server_hint: "Sign in to another PocketBase server to watch it here too. The panel stays on the server it shows; Open switches it, in every tab of the panel.",
    checking: "Checking…",
    signed_out_state: "Signed out: the server no longer accepts this browser's session.",
    server_fine: "Answering; nothing to warn of.",
    shown_here: "Open in the panel now",
    open: "Open",
    sign_in_again: "Sign in again",
    remove: "Remove",
    still_signed_in: "Still signed in to",
    sign_out_everywhere: "Sign out of these too",
    sign_out_everywhere_hint: "This makes this browser forget their tokens. PocketBase cannot revoke a token: one copied elsewhere stays valid until it expires. To end every session of a superuser, change its password, or its collection's token secret (Dashboard → Collections → _superusers → Options).",
    create_server_busy: "Not created: PocketBase is busy with another backup or restore right now (its automatic backup, another admin or another tab). Try again when it is done; Create backup is free again then.",
    restore_already_running: "A restore is being followed already. Wait for its end before starting another.",
    upload_lost_not_stored: "The connection was lost before PocketBase answered, and its list does not hold the file: it was not stored. Upload it again.",
};

pub struct En;

impl Words for En {
    fn wrong_code(&self, message: &str) -> String {
        format!("The code is wrong or has expired: check it, or send a new one. (PocketBase: {message})")
    }

    fn refused_without_reason(&self, status: u16) -> String {
        format!("The server refused the request (HTTP {status}) without PocketBase's usual explanation: a proxy in front of it may have answered. Check the proxy and the server's logs.")
    }

    fn duration(&self, seconds: u64) -> String {
        match seconds {
            0 => "under 1 s".to_owned(),
            1..60 => format!("{seconds} s"),
            60..3600 => format!("{} min {} s", seconds / 60, seconds % 60),
            _ => format!("{} h {} min", seconds / 3600, seconds % 3600 / 60),
        }
    }

    fn cron_preset_labels(&self) -> [&'static str; 4] {
        [
            "Every day at 00:00",
            "Every Sunday at 00:00",
            "The first of the month at 00:00",
            "Every 6 hours",
        ]
    }

    fn delete_label(&self, key: &str) -> String {
        format!("Delete {key}")
    }

    fn download_label(&self, key: &str) -> String {
        format!("Download {key}")
    }

    fn restore_label(&self, key: &str) -> String {
        format!("Restore {key}")
    }

    fn inspect_label(&self, key: &str) -> String {
        format!("Inspect {key}")
    }

    fn uploaded_files(&self, count: usize, total: &str, largest: Option<(&str, &str)>) -> String {
        let files = if count == 1 { "file" } else { "files" };
        match largest {
            Some((name, size)) if count > 1 => {
                format!("{count} {files}, {total} in all; the largest: {name} ({size})")
            }
            Some((name, _)) => format!("1 file: {name} ({total})"),
            None => "none".to_owned(),
        }
    }

    fn stored_extracted(&self, stored: &str, extracted: &str) -> String {
        format!("{stored} stored, {extracted} extracted")
    }

    fn read_of(&self, read: &str, size: &str) -> String {
        format!("{read} of {size}")
    }

    fn compare_between(&self, older: &str, newer: &str) -> String {
        format!("From {older} (older) to {newer}")
    }

    fn compare_totals(&self, added: usize, removed: usize, changed: usize, same: usize) -> String {
        format!("{added} added, {removed} removed, {changed} changed, {same} the same")
    }

    fn compare_added(&self, count: usize, total: &str) -> String {
        format!("Added: {count} ({total})")
    }

    fn compare_removed(&self, count: usize, total: &str) -> String {
        format!("Removed: {count} ({total})")
    }

    fn retention_summary(&self, kept: usize, deleted: usize, freed: &str) -> String {
        format!("Keeps {kept}, deletes {deleted} ({freed} freed).")
    }

    fn verify_label(&self, key: &str) -> String {
        format!("Verify {key}")
    }

    fn verifying(&self, read: &str, total: &str) -> String {
        format!("Verifying… {read} of {total}")
    }

    fn verified(&self, files: usize, database: Option<(u64, u64)>, took: &str) -> String {
        let database = match database {
            Some((page_size, pages)) => {
                format!(" data.db is an SQLite database of {pages} pages of {page_size} B.")
            }
            None => " It has no data.db.".to_owned(),
        };
        format!("Intact: all {files} files inflate to their recorded sizes and CRC-32s.{database} Checked in {took}.")
    }

    fn damaged(&self, entry: &str, why: &str) -> String {
        format!("Damaged: {entry} {why}.")
    }

    fn retention_deletes(&self, key: &str) -> String {
        format!("Deletes {key}")
    }

    fn retention_keeps(&self, key: &str, why: &str) -> String {
        format!("Keeps {key}: {why}")
    }

    fn compare_changed(&self, count: usize) -> String {
        format!("Changed: {count}")
    }

    fn command_ready(&self, copied: bool, seconds_left: Option<u64>) -> String {
        let first = if copied {
            "Copied: run it on any machine to download this backup with curl."
        } else {
            "The browser did not allow copying: select the line below and copy it."
        };
        match seconds_left {
            Some(seconds) => format!("{first} It works for {} more.", self.duration(seconds)),
            None => first.to_owned(),
        }
    }

    fn creating(&self, name: &str) -> String {
        format!("Creating {name}… PocketBase writes the whole database; this can take minutes.")
    }

    fn uploading(&self, name: &str) -> String {
        format!("Uploading {name}")
    }

    fn upload_status(
        &self,
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
            status.push_str(&format!(" · {} left", self.duration(left)));
        }
        status
    }

    fn file_summary(&self, name: &str, size: u64) -> String {
        format!("{name} ({})", human_size(size))
    }

    fn created(&self, name: &str) -> String {
        format!("Backup {name} created.")
    }

    fn create_lost(&self, name: &str) -> String {
        format!("The connection was lost during the create, and {name} was not made. Try again once the server answers.")
    }

    fn create_unknown(&self, name: &str) -> String {
        format!("The server's answer was lost: it may have made {name}, or not. Check the list before relying on it.")
    }

    fn uploaded(&self, name: &str) -> String {
        format!("Uploaded {name}.")
    }

    fn upload_name_taken(&self, name: &str) -> String {
        format!("A backup named {name} already exists. Upload this file under another name:")
    }

    fn stored_despite_cancel(&self, name: &str) -> String {
        format!("The cancel came too late: PocketBase stored {name}, and the list shows it. Delete it if you do not want it.")
    }

    fn cancel_unconfirmed(&self, name: &str) -> String {
        format!("The upload was cancelled, but whether PocketBase stored {name} could not be checked. Look at the list before uploading it again.")
    }

    fn deleted(&self, keys: &[String]) -> String {
        match keys {
            [key] => format!("Deleted {key}."),
            _ => format!("Deleted {} backups.", keys.len()),
        }
    }

    fn and_more(&self, count: usize) -> String {
        format!("… and {count} more")
    }

    fn delete_title(&self, count: usize) -> String {
        match count {
            1 => PHRASES.delete_title_one.into(),
            _ => format!("Delete these {count} backups?"),
        }
    }

    fn delete_selected(&self, count: usize) -> String {
        format!("Delete selected ({count})")
    }

    fn select_label(&self, key: &str) -> String {
        format!("Select {key}")
    }

    fn not_deleted(&self, key: &str, reason: &str) -> String {
        format!("{key} was not deleted: {reason}")
    }

    fn still_listed(&self, key: &str) -> String {
        format!("The answer to deleting {key} was lost, and the server still lists it: it was not deleted.")
    }

    fn delete_under_way(&self, key: &str) -> String {
        format!(
            "{key} was not sent to be deleted again: a delete or restore of it is still under way."
        )
    }

    fn delete_unknown(&self, keys: &[String]) -> String {
        format!("The answer to deleting {} was lost and the list could not be read: it may have been deleted, or not. Refresh the list to see.", keys.join(", "))
    }

    fn upload_lost_unknown(&self, name: &str) -> String {
        format!("The answer to the upload of {name} was lost and the list could not be read: it may have been stored, or not. Refresh the list before uploading it again.")
    }

    fn restore_not_restored(&self, key: &str) -> String {
        format!("{key} was not restored: PocketBase answers with the same log as before, which a restore would have replaced, and logged no failure. The request may never have reached it; the data is as it was.")
    }

    fn restore_no_evidence(&self, key: &str) -> String {
        format!("Whether {key} was restored is unknown: the answer was lost while the server could not be reached, which a restart and a network failure both look like, and nothing in its log tells. Check the data, or the server's logs, before trying again.")
    }

    fn policy_blocks(&self, origin: &str) -> String {
        format!("This page's Content-Security-Policy does not let it connect to {origin}. Allow it where the panel is served: with PocketBase's hook, add it to PB_PANEL_CONNECT_SRC (e.g. PB_PANEL_CONNECT_SRC=\"{origin}\") and restart; on another web server, add it to connect-src.")
    }

    fn restore_backing_up(&self, key: &str) -> String {
        format!("Backing up the current data before restoring {key}…")
    }

    fn restore_started(&self, key: &str) -> String {
        format!("PocketBase accepted the restore of {key}; it starts within a second.")
    }

    fn restore_answer_lost(&self, key: &str) -> String {
        format!(
            "The answer to the restore of {key} was lost. Watching whether PocketBase restores it…"
        )
    }

    fn restore_restarting(&self, key: &str) -> String {
        format!("Restoring {key}: PocketBase is working on it or restarting. This page waits until it answers again.")
    }

    fn restore_checking(&self, key: &str) -> String {
        format!("PocketBase answers. Reading its log for the outcome of the restore of {key}…")
    }

    fn restored(&self, key: &str) -> String {
        format!("Restored {key}: PocketBase restarted with it and logged no error. Check that the data is what you expected.")
    }

    fn restore_failed(&self, key: &str, error: &str) -> String {
        format!(
            "The restore of {key} failed; PocketBase kept its current data. Its log says: {error}"
        )
    }

    fn restore_not_seen(&self, key: &str, answer_lost: bool) -> String {
        if answer_lost {
            format!("The answer to the restore of {key} was lost, and PocketBase was not seen restarting nor logged a failure: it may never have received it. Check the server's logs before trying again.")
        } else {
            format!("PocketBase was not seen restarting and logged no failure for {key}: whether it restored it is unknown. Check the server's logs.")
        }
    }

    fn restore_logs_off(&self, key: &str) -> String {
        format!("PocketBase restarted after the restore of {key}, but it keeps no logs, so a failure cannot be ruled out. Check that the data is what you expected.")
    }

    fn restore_log_unreadable(&self, key: &str) -> String {
        format!("PocketBase restarted after the restore of {key}, but its log could not be read to confirm it. Check the server's logs.")
    }

    fn backup_first_refused(&self, reason: &str) -> String {
        format!("The backup of the current data was not made, so nothing was restored. {reason}")
    }

    fn backup_first_unknown(&self, name: &str) -> String {
        format!("The answer to the backup of the current data was lost: the server may have made {name}, or not. Nothing was restored; check the list first.")
    }

    fn name_taken(&self, name: &str) -> String {
        format!("A backup named {name} already exists.")
    }

    fn name_problem(&self, problem: NameProblem) -> String {
        match problem {
            NameProblem::TooLong => format!("Use at most {NAME_MAX_CHARS} characters."),
            NameProblem::Pattern => {
                "Use only lowercase letters, digits, _ and -, and end the name with .zip.".into()
            }
        }
    }

    fn relative_age(&self, seconds_ago: i64) -> String {
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

    fn totals(&self, shown: (usize, u64), all: (usize, u64)) -> String {
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

    fn sort_by_label(&self, column: &str) -> String {
        format!("Sort by {column}")
    }

    fn second_factor(&self, email: &str) -> String {
        format!("This account also needs a one-time code. PocketBase sends it to {email}; it is valid for a few minutes.")
    }

    fn code_sent(&self, email: &str) -> String {
        format!("A code was sent to {email}.")
    }

    fn signed_in_as(&self, email: &str, server: &str) -> String {
        format!("{email} on {server}")
    }

    fn bad_server_url(&self, reason: BadServerUrl) -> &'static str {
        match reason {
            BadServerUrl::Empty => "Enter the address of your PocketBase server.",
            BadServerUrl::NotHttp => {
                "Enter a full address starting with http:// or https://, e.g. http://127.0.0.1:8090."
            }
            BadServerUrl::HasQueryOrFragment => "Enter the server's address without ? or # parts.",
        }
    }

    fn no_auto_failures(&self, days: u32) -> String {
        format!("No failures in the server's log (kept for {days} days).")
    }

    fn auto_history_unreadable(&self, reason: &str) -> String {
        format!("The server's log could not be read, so failures of automatic backups are unknown: {reason}")
    }

    fn storage_reason(&self, reason: &str) -> String {
        format!("The storage said: {reason}")
    }

    fn next_auto_backup(&self, utc: &str, local: &str) -> String {
        format!("Next automatic backup: {utc} ({local} your time).")
    }

    fn auto_backup_stale(&self, newest: &str, age: &str) -> String {
        format!("The newest automatic backup, from {newest} ({age}), is older than two of the schedule's runs: automatic backups may be failing.")
    }

    fn no_auto_backup_yet(&self, since: &str) -> String {
        format!("No automatic backup exists, though the schedule (known to this panel since {since}) should have run by now: automatic backups may be failing.")
    }

    fn auto_failure(&self, when: &str, name: &str, error: &str) -> String {
        format!("{when} — {name}: {error}")
    }

    fn failure_after_success(&self) -> &'static str {
        "An automatic backup was made after the latest failure."
    }

    fn auto_run_made(&self, key: &str, pruned: &[String]) -> String {
        match pruned {
            [] => format!("Automatic backup {key} made."),
            [one] => format!("Automatic backup {key} made; {one} removed to keep the set number."),
            _ => format!(
                "Automatic backup {key} made; {} older automatic backups removed to keep the set number.",
                pruned.len()
            ),
        }
    }

    fn auto_run_failed(&self, name: &str, error: &str) -> String {
        format!("The automatic backup {name} failed. PocketBase's log says: {error}")
    }

    fn auto_run_unknown(&self, logs_off: bool) -> &'static str {
        if logs_off {
            "No new automatic backup appeared, and the server keeps no log of errors to say why. Check the list and the server."
        } else {
            "No new automatic backup appeared, and the server logged no failure: whether the job ran is unknown. Check the server's logs."
        }
    }

    fn s3_test_failed(&self, reason: &str) -> String {
        format!("The connection test failed: {reason}")
    }

    fn storage_moves(&self, count: usize, to_s3: bool) -> String {
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

    fn run_time(&self, utc: &str, local: &str) -> String {
        format!("{utc} · {local} your time")
    }

    fn server_refused_field(&self, message: &str) -> String {
        format!("PocketBase: {message}")
    }

    fn utc_run(&self, epoch_ms: i64) -> String {
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

    fn cron_reading(&self, schedule: &Schedule) -> String {
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

    fn cron_problem(&self, problem: &CronProblem) -> String {
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

    fn open_server(&self, server: &str) -> String {
        format!("Open {server}")
    }

    fn sign_in_again(&self, server: &str) -> String {
        format!("Sign in again to {server}")
    }

    fn remove_server(&self, server: &str) -> String {
        format!("Remove {server}")
    }

    fn newest_backup(&self, key: &str, age: &str) -> String {
        format!("{key}, {age}")
    }
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

fn cron_field_name(field: CronField) -> &'static str {
    match field {
        CronField::Minute => "Minute",
        CronField::Hour => "Hour",
        CronField::Day => "Day of the month",
        CronField::Month => "Month",
        CronField::Weekday => "Day of the week",
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::cron::Schedule;

    #[test]
    fn reads_schedules_in_plain_words() {
        let read = |e: &str| En.cron_reading(&Schedule::parse(e).unwrap());
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
        let refused = |e: &str| En.cron_problem(&Schedule::parse(e).unwrap_err());
        assert_eq!(
            refused("0 0 * * 7"),
            "Day of the week field, “7”: Sunday is 0 here: PocketBase does not accept 7."
        );
        assert_eq!(refused("0 24 * * *"), "Hour field, “24”: outside 0–23.");
        assert!(refused("0  0 * * *").contains("this has 6"));
        assert_eq!(En.utc_run(0), "Thu 1970-01-01 00:00 UTC");
        assert_eq!(En.utc_run(1_796_256_000_000), "Thu 2026-12-03 00:00 UTC");
    }

    #[test]
    fn says_how_long_ago() {
        assert_eq!(En.relative_age(-5), "just now");
        assert_eq!(En.relative_age(59), "just now");
        assert_eq!(En.relative_age(60), "1 minute ago");
        assert_eq!(En.relative_age(3 * 3_600 + 5), "3 hours ago");
        assert_eq!(En.relative_age(86_400), "1 day ago");
        assert_eq!(En.relative_age(2 * 86_400), "2 days ago");
        assert_eq!(En.relative_age(70 * 86_400), "2 months ago");
        assert_eq!(En.relative_age(800 * 86_400), "2 years ago");
    }

    #[test]
    fn says_how_long_it_takes() {
        assert_eq!(En.duration(0), "under 1 s");
        assert_eq!(En.duration(45), "45 s");
        assert_eq!(En.duration(200), "3 min 20 s");
        assert_eq!(En.duration(3_900), "1 h 5 min");
    }

    #[test]
    fn sums_up_what_is_shown() {
        assert_eq!(En.totals((2, 2_000), (2, 2_000)), "2 backups · 2.0 kB");
        assert_eq!(En.totals((1, 500), (1, 500)), "1 backup · 500 B");
        assert_eq!(
            En.totals((1, 1_000), (3, 5_000)),
            "Showing 1 of 3 backups · 1.0 kB of 5.0 kB"
        );
    }
}
