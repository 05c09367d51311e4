//! Whole screens that wire state to components. Without a router crate: which page shows
//! follows from whether a session exists and from `Navigation`, and that keeps the bundle small.

mod backups;
mod leave;
mod servers;
mod settings;
mod sign_in;
mod top_bar;

pub use backups::BackupsPage;
pub use leave::LeaveDialog;
pub use servers::servers_page;
pub use settings::settings_page;
pub use sign_in::{SignInDraft, SignInForm, SignInPage, SignInPageProps};
pub use top_bar::{Choices, PageLink, TopBar};
