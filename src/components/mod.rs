//! Small view pieces that take signals and callbacks; none of them calls the server.

mod backup_contents;
mod backup_table;
mod dialog;
mod download;
mod error_notice;
mod focus;
mod lazy_piece;
mod preference_controls;
mod row_window;
mod switch;
mod text_field;
mod toaster;
mod upload_progress;
mod upload_zone;

pub use backup_contents::BackupContents;
pub use backup_table::{BackupTable, RowAction};
pub use dialog::{open_for, ConfirmDialog};
pub use download::start_download;
pub use error_notice::ErrorNotice;
pub use focus::{
    focus_first, focus_row_at, focus_row_of, focus_when_drawn, focus_within_frames,
    focused_row_index,
};
pub use lazy_piece::{lazy_piece, lazy_when, prefetch, Notices};
pub use preference_controls::PreferenceControls;
pub use switch::Switch;
pub use text_field::TextField;
pub use toaster::{create_words, not_deleted_words, notice_words, refusal_words, Toaster};
pub use upload_progress::UploadProgressView;
pub use upload_zone::UploadZone;
