//! Short messages about finished work, kept with the signed-in server so they are still there
//! after a visit to another page. Each says a typed outcome (worded where it is shown, in the
//! language of the moment); successes fade after a while, failures stay until dismissed, so
//! nothing the server refused goes unseen.

use leptos::prelude::*;

use super::auto_backups::AutoRunOutcome;
use super::browser::sleep;
use super::create::CreateOutcome;
use super::jobs::NotDeleted;
use super::restore::RestoreRefusal;
use super::task::Tasks;
use super::upload::UploadOutcome;
use crate::api::ApiError;

/// What a toast says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    Create(CreateOutcome),
    Upload(UploadOutcome),
    AutoRun(AutoRunOutcome),
    Deleted(Vec<String>),
    NotDeleted(String, NotDeleted),
    /// Whether these were deleted is unknown: the answer was lost and the list unreadable.
    DeleteUnknown(Vec<String>),
    RestoreRefused(RestoreRefusal),
    SettingsSaved,
    Failed(ApiError),
}

impl Notice {
    /// Good news fades; anything else stays until dismissed.
    pub fn is_success(&self) -> bool {
        matches!(
            self,
            Notice::Create(CreateOutcome::Made(_))
                | Notice::Upload(UploadOutcome::Uploaded(_))
                | Notice::AutoRun(AutoRunOutcome::Made { .. })
                | Notice::Deleted(_)
                | Notice::SettingsSaved
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub id: u32,
    pub notice: Notice,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u32>,
    tasks: Tasks,
}

const SUCCESS_LIFETIME_MS: i32 = 8_000;

impl Toasts {
    pub(super) fn new(tasks: Tasks) -> Self {
        Self {
            list: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
            tasks,
        }
    }

    pub fn list(&self) -> Signal<Vec<Toast>> {
        self.list.into()
    }

    /// Shows `notice`; a success fades after a few seconds.
    pub fn tell(&self, notice: Notice) {
        let fades = notice.is_success();
        let id = self.next_id.get_value();
        self.next_id.set_value(id.wrapping_add(1));
        self.list.update(|list| list.push(Toast { id, notice }));
        if fades {
            let this = *self;
            self.tasks.spawn(async move {
                sleep(SUCCESS_LIFETIME_MS).await;
                this.dismiss(id);
            });
        }
    }

    pub fn dismiss(&self, id: u32) {
        self.list.update(|list| list.retain(|t| t.id != id));
    }
}
