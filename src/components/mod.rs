//! Small view pieces that take signals and callbacks; none of them calls the server.

mod backup_table;
mod error_notice;
mod text_field;

pub use backup_table::BackupTable;
pub use error_notice::ErrorNotice;
pub use text_field::TextField;
