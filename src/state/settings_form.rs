//! The backup settings form: what the admin typed, checked like PocketBase checks it, and the
//! `PATCH` that sends only what differs from the saved settings. Pure functions.

use crate::api::cron::{CronProblem, Schedule};
use crate::api::{BackupSettings, BackupsPatch, S3Patch};

/// The schedule offered when automatic backups are switched on: every day at 00:00 UTC.
pub const DEFAULT_CRON: &str = "0 0 * * *";
/// How many automatic backups are kept when nothing else was saved (PocketBase's default).
pub const DEFAULT_MAX_KEEP: i64 = 3;

/// The form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SettingsForm {
    pub auto: bool,
    /// Kept while automatic backups are switched off, so switching on again restores it.
    pub cron: String,
    pub max_keep: String,
    pub s3: bool,
    pub bucket: String,
    pub region: String,
    pub endpoint: String,
    pub access_key: String,
    /// Empty: keep the stored secret (the server never sends it back).
    pub secret: String,
    pub force_path_style: bool,
}

/// A field of the form that can be refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormField {
    Cron,
    MaxKeep,
    Endpoint,
    Bucket,
    Region,
    AccessKey,
    Secret,
}

impl FormField {
    pub const ALL: [FormField; 7] = [
        FormField::Cron,
        FormField::MaxKeep,
        FormField::Endpoint,
        FormField::Bucket,
        FormField::Region,
        FormField::AccessKey,
        FormField::Secret,
    ];

    /// The path under which PocketBase names this field in a refusal.
    pub fn server_name(self) -> &'static str {
        match self {
            FormField::Cron => "backups.cron",
            FormField::MaxKeep => "backups.cronMaxKeep",
            FormField::Endpoint => "backups.s3.endpoint",
            FormField::Bucket => "backups.s3.bucket",
            FormField::Region => "backups.s3.region",
            FormField::AccessKey => "backups.s3.accessKey",
            FormField::Secret => "backups.s3.secret",
        }
    }
}

/// Why a field would be refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    Required,
    Cron(CronProblem),
    /// Not a whole number.
    NotANumber,
    /// Below 1.
    TooFew,
    /// Has spaces, or a scheme other than `http://` or `https://`.
    NotAnAddress,
}

impl SettingsForm {
    /// The form for these saved settings.
    pub fn from_saved(saved: &BackupSettings) -> Self {
        let s3 = &saved.s3;
        Self {
            auto: !saved.cron.is_empty(),
            cron: if saved.cron.is_empty() {
                DEFAULT_CRON.to_owned()
            } else {
                saved.cron.clone()
            },
            max_keep: if saved.cron_max_keep >= 1 {
                saved.cron_max_keep
            } else {
                DEFAULT_MAX_KEEP
            }
            .to_string(),
            s3: s3.enabled,
            bucket: s3.bucket.clone(),
            region: s3.region.clone(),
            endpoint: s3.endpoint.clone(),
            access_key: s3.access_key.clone(),
            secret: String::new(),
            force_path_style: s3.force_path_style,
        }
    }

    /// The schedule as it would be saved: empty while automatic backups are off.
    pub fn saved_cron(&self) -> &str {
        if self.auto {
            &self.cron
        } else {
            ""
        }
    }

    /// What PocketBase would refuse, field by field, in the form's order. Only what is in use is
    /// checked: the schedule while automatic backups are on, S3 while it is on.
    pub fn problems(&self) -> Vec<(FormField, FieldProblem)> {
        let mut problems = Vec::new();
        if self.auto {
            if self.cron.is_empty() {
                problems.push((FormField::Cron, FieldProblem::Required));
            } else if let Err(problem) = Schedule::parse(&self.cron) {
                problems.push((FormField::Cron, FieldProblem::Cron(problem)));
            }
            match self.max_keep.trim().parse::<i64>() {
                Err(_) => problems.push((FormField::MaxKeep, FieldProblem::NotANumber)),
                Ok(keep) if keep < 1 => problems.push((FormField::MaxKeep, FieldProblem::TooFew)),
                Ok(_) => {}
            }
        }
        if self.s3 {
            let required = [
                (FormField::Endpoint, &self.endpoint),
                (FormField::Bucket, &self.bucket),
                (FormField::Region, &self.region),
                (FormField::AccessKey, &self.access_key),
            ];
            for (field, value) in required {
                if value.trim().is_empty() {
                    problems.push((field, FieldProblem::Required));
                } else if field == FormField::Endpoint && !is_endpoint(value) {
                    problems.push((field, FieldProblem::NotAnAddress));
                }
            }
        }
        problems
    }

    /// The change to send: only the values that differ from `saved` (a typed secret always
    /// does). Empty when nothing would change.
    pub fn patch(&self, saved: &BackupSettings) -> BackupsPatch {
        fn changed<T: PartialEq + Clone>(now: &T, before: &T) -> Option<T> {
            (now != before).then(|| now.clone())
        }
        let cron = self.saved_cron().to_owned();
        // Read only while a schedule is set; an unparsable count is refused before sending.
        let max_keep = self
            .max_keep
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|_| self.auto)
            .and_then(|keep| changed(&keep, &saved.cron_max_keep));
        let s3 = &saved.s3;
        BackupsPatch {
            cron: changed(&cron, &saved.cron),
            cron_max_keep: max_keep,
            s3: S3Patch {
                enabled: changed(&self.s3, &s3.enabled),
                bucket: changed(&self.bucket, &s3.bucket),
                region: changed(&self.region, &s3.region),
                endpoint: changed(&self.endpoint, &s3.endpoint),
                access_key: changed(&self.access_key, &s3.access_key),
                secret: (!self.secret.is_empty()).then(|| self.secret.clone()),
                force_path_style: changed(&self.force_path_style, &s3.force_path_style),
            },
        }
    }

    /// Whether saving would change where backups are stored: S3 switched on or off, or another
    /// endpoint or bucket while it is on. Backups already made stay where they are.
    pub fn moves_storage(&self, saved: &BackupSettings) -> bool {
        let s3 = &saved.s3;
        self.s3 != s3.enabled
            || (self.s3 && (self.endpoint != s3.endpoint || self.bucket != s3.bucket))
    }

    /// Whether the S3 part differs from the saved one (a connection test reads the saved one).
    pub fn s3_changed(&self, saved: &BackupSettings) -> bool {
        !self.patch(saved).s3.is_empty()
    }
}

/// An S3 endpoint as PocketBase takes it: a host, with or without `http://` or `https://`.
fn is_endpoint(value: &str) -> bool {
    let value = value.trim();
    if value.contains(char::is_whitespace) {
        return false;
    }
    match value.split_once("://") {
        Some((scheme, rest)) => {
            matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") && !rest.is_empty()
        }
        None => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::S3Settings;

    fn saved() -> BackupSettings {
        BackupSettings {
            cron: "0 0 * * *".into(),
            cron_max_keep: 3,
            s3: S3Settings {
                enabled: true,
                bucket: "b".into(),
                region: "r".into(),
                endpoint: "http://s3".into(),
                access_key: "k".into(),
                force_path_style: true,
            },
        }
    }

    #[test]
    fn an_untouched_form_changes_nothing() {
        let form = SettingsForm::from_saved(&saved());
        assert!(form.patch(&saved()).is_empty());
        assert!(form.problems().is_empty());
        assert!(!form.moves_storage(&saved()));
        // Saved off: the form offers a schedule, and still changes nothing until switched on.
        let off = BackupSettings {
            cron: String::new(),
            cron_max_keep: 0,
            ..BackupSettings::default()
        };
        let form = SettingsForm::from_saved(&off);
        assert_eq!((form.auto, form.cron.as_str()), (false, DEFAULT_CRON));
        assert_eq!(form.max_keep, "3");
        assert!(form.patch(&off).is_empty());
    }

    #[test]
    fn sends_only_what_changed() {
        let mut form = SettingsForm::from_saved(&saved());
        form.cron = "0 */6 * * *".into();
        form.bucket = "other".into();
        form.secret = "new secret".into();
        let patch = form.patch(&saved());
        assert_eq!(patch.cron.as_deref(), Some("0 */6 * * *"));
        assert_eq!(patch.cron_max_keep, None);
        assert_eq!(patch.s3.bucket.as_deref(), Some("other"));
        assert_eq!(patch.s3.secret.as_deref(), Some("new secret"));
        assert_eq!(patch.s3.region, None);
        assert!(form.moves_storage(&saved()));
        assert!(form.s3_changed(&saved()));
        // Switching automatic backups off sends an empty schedule, not the count.
        let mut form = SettingsForm::from_saved(&saved());
        form.auto = false;
        form.max_keep = "x".into();
        let patch = form.patch(&saved());
        assert_eq!(patch.cron.as_deref(), Some(""));
        assert_eq!(patch.cron_max_keep, None);
        assert!(form.problems().is_empty(), "unused fields are not checked");
        // Saved off with a count of 0: switching on sends the schedule and the count.
        let off = BackupSettings {
            cron: String::new(),
            cron_max_keep: 0,
            ..BackupSettings::default()
        };
        let mut form = SettingsForm::from_saved(&off);
        form.auto = true;
        let patch = form.patch(&off);
        assert_eq!(
            (patch.cron.as_deref(), patch.cron_max_keep),
            (Some(DEFAULT_CRON), Some(3))
        );
    }

    #[test]
    fn checks_each_field_like_the_server() {
        let mut form = SettingsForm::from_saved(&saved());
        form.cron = "0 0 * * 7".into();
        form.max_keep = "0".into();
        form.endpoint = "ftp://x".into();
        form.region = " ".into();
        let fields: Vec<FormField> = form.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            [
                FormField::Cron,
                FormField::MaxKeep,
                FormField::Endpoint,
                FormField::Region
            ]
        );
        form.max_keep = "three".into();
        assert!(form
            .problems()
            .contains(&(FormField::MaxKeep, FieldProblem::NotANumber)));
        form.cron = String::new();
        assert!(form
            .problems()
            .contains(&(FormField::Cron, FieldProblem::Required)));
        for endpoint in [
            "s3.example.com",
            "http://127.0.0.1:9000",
            "HTTPS://s3.example.com/",
        ] {
            assert!(is_endpoint(endpoint), "{endpoint}");
        }
        for endpoint in ["http://", "s3 example.com", "ftp://x"] {
            assert!(!is_endpoint(endpoint), "{endpoint}");
        }
    }
}
