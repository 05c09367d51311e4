//! Which page is shown, kept in the address bar so a page can be reloaded, linked to, and left
//! with the browser's Back button — and not left by accident while the settings have unsaved
//! changes: going elsewhere then asks first.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::address::{address_of, at_root, page_at, Page, LIST_PATH, SETTINGS_PATH};
use super::browser::{current_path, current_query, host_serves, push_address, replace_address};

/// Where the admin asked to go while the settings have unsaved changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leave {
    To(Page),
    SignOut,
}

#[derive(Clone, Copy)]
pub struct Navigation {
    page: RwSignal<Page>,
    /// Whether the host answers the pages' own paths with this page: `None` until asked.
    paths_served: StoredValue<Option<bool>>,
    /// Changes that leaving would lose.
    unsaved: Signal<bool>,
    /// A move that waits for the admin's answer, because of unsaved changes.
    asking: RwSignal<Option<Leave>>,
}

impl Navigation {
    /// Starts on the page the address names (a reload, or a link opened before sign-in).
    pub(super) fn new(unsaved: Signal<bool>) -> Self {
        Self {
            page: RwSignal::new(page_at(&current_path(), &current_query())),
            paths_served: StoredValue::new(None),
            unsaved,
            asking: RwSignal::new(None),
        }
    }

    pub fn page(&self) -> Signal<Page> {
        self.page.into()
    }

    /// The move waiting for an answer, if any; clearing it is answering "stay".
    pub fn asking(&self) -> RwSignal<Option<Leave>> {
        self.asking
    }

    /// Goes to `page`, with a history entry; asks first when leaving unsaved settings.
    pub fn go(&self, page: Page) {
        if self.page.get_untracked() == page {
            return;
        }
        if self.would_lose_changes() {
            self.asking.set(Some(Leave::To(page)));
            return;
        }
        self.show(page);
    }

    /// Whether signing out may go ahead now; otherwise the admin is asked first.
    pub fn may_sign_out(&self) -> bool {
        if self.would_lose_changes() {
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

    /// Puts the list's search and sort (`?q=…`) in the address bar, without a history entry.
    pub fn show_list_query(&self, list_query: &str) {
        if self.page.get_untracked() == Page::Backups {
            replace_address(&self.address(Page::Backups, list_query));
        }
    }

    /// Follows the browser's Back and Forward buttons; asks before leaving unsaved settings
    /// (the address is put back while the question is open).
    pub fn follow_history(self) {
        let listener = window_event_listener(leptos::ev::popstate, move |_| {
            let page = page_at(&current_path(), &current_query());
            if page == self.page.get_untracked() {
                return;
            }
            if self.would_lose_changes() {
                push_address(&self.address(Page::Settings, ""));
                self.asking.set(Some(Leave::To(page)));
                return;
            }
            self.page.set(page);
        });
        on_cleanup(move || listener.remove());
        self.learn_whether_paths_are_served();
    }

    fn would_lose_changes(&self) -> bool {
        self.page.get_untracked() == Page::Settings && self.unsaved.get_untracked()
    }

    fn show(&self, page: Page) {
        self.page.set(page);
        push_address(&self.address(page, ""));
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
        if path == LIST_PATH || path == SETTINGS_PATH {
            self.paths_served.set_value(Some(true));
            return;
        }
        if !at_root(&path) {
            self.paths_served.set_value(Some(false));
            return;
        }
        spawn_local(async move {
            let served = host_serves(LIST_PATH).await;
            self.paths_served.set_value(Some(served));
            if served {
                // Moves the page to its own path now that it is known to reload.
                let page = self.page.get_untracked();
                let query = match page {
                    Page::Backups => current_query(),
                    Page::Settings => String::new(),
                };
                replace_address(&self.address(page, &query));
            }
        });
    }
}
