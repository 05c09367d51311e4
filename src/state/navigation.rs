//! Which page is shown, kept in the address bar so a page can be reloaded, linked to, and left
//! with the browser's Back button — and not left by accident: leaving the settings with unsaved
//! changes asks first, and so does signing out, reloading or closing the tab while an upload
//! runs (work in progress stays with the signed-in server, whichever page shows).

use leptos::prelude::*;

use super::address::{address_of, at_root, page_at, Page, LIST_PATH, SERVERS_PATH, SETTINGS_PATH};
use super::browser::{current_path, current_query, host_serves, push_address, replace_address};
use super::task::Tasks;

/// Where the admin asked to go while leaving would lose something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leave {
    To(Page),
    SignOut,
}

/// What leaving would lose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AtStake {
    UnsavedSettings,
    /// The upload running: signing out, reloading or closing the tab cancels it.
    Upload,
}

/// What the signed-in server's state has at stake, registered with [`Navigation::guard`] for as
/// long as it lives.
#[derive(Clone, Copy)]
pub struct Stakes {
    /// The settings' unsaved changes.
    pub unsaved: Signal<bool>,
    /// An upload runs.
    pub uploading: Signal<bool>,
}

#[derive(Clone, Copy)]
pub struct Navigation {
    page: RwSignal<Page>,
    /// Whether the host answers the pages' own paths with this page: `None` until asked.
    paths_served: StoredValue<Option<bool>>,
    /// The signed-in server's, while one is signed in.
    stakes: StoredValue<Option<Stakes>>,
    tasks: Tasks,
    /// A move that waits for the admin's answer, because of what it would lose.
    asking: RwSignal<Option<Leave>>,
    /// The list's search and sort as last shown, to put back when a move is not made.
    list_query: StoredValue<String>,
}

impl Navigation {
    /// Starts on the page the address names (a reload, or a link opened before sign-in).
    pub(super) fn new(tasks: Tasks) -> Self {
        Self {
            page: RwSignal::new(page_at(&current_path(), &current_query())),
            paths_served: StoredValue::new(None),
            stakes: StoredValue::new(None),
            tasks,
            asking: RwSignal::new(None),
            list_query: StoredValue::new(String::new()),
        }
    }

    /// Registers what the signed-in server's state would lose; [`Self::unguard`] when it ends.
    pub(super) fn guard(&self, stakes: Stakes) {
        self.stakes.set_value(Some(stakes));
    }

    pub(super) fn unguard(&self) {
        self.stakes.set_value(None);
        // A question left open at a sign-out made elsewhere must not be asked of the next one.
        self.asking.set(None);
    }

    /// What `leave` would lose, if anything: another page only the settings' unsaved changes
    /// (work in progress goes on), signing out (or reloading, closing the tab) everything.
    pub fn at_stake(&self, leave: Leave) -> Option<AtStake> {
        let stakes = self.stakes.try_get_value().flatten()?;
        let unsaved = || stakes.unsaved.try_get().unwrap_or(false);
        match leave {
            Leave::To(_) => {
                (self.page.get() == Page::Settings && unsaved()).then_some(AtStake::UnsavedSettings)
            }
            Leave::SignOut if unsaved() => Some(AtStake::UnsavedSettings),
            Leave::SignOut => stakes
                .uploading
                .try_get()
                .unwrap_or(false)
                .then_some(AtStake::Upload),
        }
    }

    pub fn page(&self) -> Signal<Page> {
        self.page.into()
    }

    /// The move waiting for an answer, if any; clearing it is answering "stay".
    pub fn asking(&self) -> RwSignal<Option<Leave>> {
        self.asking
    }

    /// Goes to `page`, with a history entry; asks first when leaving would lose something.
    pub fn go(&self, page: Page) {
        if self.page.get_untracked() == page {
            return;
        }
        if self.would_lose(Leave::To(page)) {
            self.asking.set(Some(Leave::To(page)));
            return;
        }
        self.show(page);
    }

    /// Whether signing out may go ahead now; otherwise the admin is asked first.
    pub fn may_sign_out(&self) -> bool {
        if self.would_lose(Leave::SignOut) {
            self.asking.set(Some(Leave::SignOut));
            return false;
        }
        true
    }

    /// The admin's answer: stay, or go where they asked (the caller drops the changes first).
    pub fn answer(&self, leave: bool) -> Option<Leave> {
        let asked = self.asking.get_untracked();
        self.asking.set(None);
        match (leave, asked) {
            (true, Some(Leave::To(page))) => {
                self.show(page);
                asked
            }
            (true, asked) => asked,
            (false, _) => None,
        }
    }

    /// The link to `page` (for `href`), as the address bar would show it.
    pub fn href(&self, page: Page) -> String {
        address_of(page, &current_path(), self.serves_paths(), "")
    }

    /// Opens `page` afresh, as a reload would: after switching servers, so that nothing of the
    /// last server's (its list, its settings, its live updates) is kept.
    pub fn start_over_at(&self, page: Page) {
        if let Some(window) = web_sys::window() {
            let _ = window.location().assign(&self.href(page));
        }
    }

    /// Puts the list's search and sort (`?q=…`) in the address bar, without a history entry.
    pub fn show_list_query(&self, list_query: &str) {
        self.list_query.set_value(list_query.to_owned());
        if self.page.get_untracked() == Page::Backups {
            replace_address(&self.address(Page::Backups, list_query));
        }
    }

    /// Follows the browser's Back and Forward buttons; asks before a move that would lose
    /// something (the address is put back while the question is open). A reload or closing the
    /// tab then asks too, in the browser's own words.
    pub fn follow_history(self) {
        let unloading = window_event_listener_untyped("beforeunload", move |event| {
            if self.would_lose(Leave::SignOut) {
                event.prevent_default();
                let _ = js_sys::Reflect::set(&event, &"returnValue".into(), &"leave".into());
            }
        });
        on_cleanup(move || unloading.remove());
        let listener = window_event_listener(leptos::ev::popstate, move |_| {
            let page = page_at(&current_path(), &current_query());
            if page == self.page.get_untracked() {
                return;
            }
            if self.would_lose(Leave::To(page)) {
                let shown = self.page.get_untracked();
                let query = self.list_query.get_value();
                push_address(&self.address(shown, &query));
                self.asking.set(Some(Leave::To(page)));
                return;
            }
            self.page.set(page);
        });
        on_cleanup(move || listener.remove());
        self.learn_whether_paths_are_served();
    }

    fn would_lose(&self, leave: Leave) -> bool {
        untrack(|| self.at_stake(leave)).is_some()
    }

    fn show(&self, page: Page) {
        self.page.set(page);
        let query = match page {
            Page::Backups => self.list_query.get_value(),
            Page::Settings | Page::Servers => String::new(),
        };
        push_address(&self.address(page, &query));
    }

    fn serves_paths(&self) -> bool {
        self.paths_served.get_value() == Some(true)
    }

    fn address(&self, page: Page, list_query: &str) -> String {
        address_of(page, &current_path(), self.serves_paths(), list_query)
    }

    /// Asks the host once whether it serves the pages' own paths (PocketBase's public dir
    /// does); until it answers yes, the page keeps its path. A page loaded from one of them is
    /// served, evidently.
    fn learn_whether_paths_are_served(self) {
        let path = current_path();
        if [LIST_PATH, SETTINGS_PATH, SERVERS_PATH].contains(&path.as_str()) {
            self.paths_served.set_value(Some(true));
            return;
        }
        if !at_root(&path) {
            self.paths_served.set_value(Some(false));
            return;
        }
        self.tasks.spawn(async move {
            let served = host_serves(LIST_PATH).await;
            self.paths_served.set_value(Some(served));
            if served {
                // Moves the page to its own path now that it is known to reload.
                let page = self.page.get_untracked();
                let query = match page {
                    Page::Backups => current_query(),
                    Page::Settings | Page::Servers => String::new(),
                };
                replace_address(&self.address(page, &query));
            }
        });
    }
}
