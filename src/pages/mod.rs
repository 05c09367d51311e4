//! Whole screens that wire state to components. Without a router: which page shows follows
//! from whether a session exists, and that keeps the bundle small.

mod backups;
mod sign_in;

pub use backups::BackupsPage;
pub use sign_in::SignInPage;
