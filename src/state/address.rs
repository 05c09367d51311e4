//! Which page the address bar shows, and how: pure functions over the page's path and query.
//!
//! At the root of a host known to answer any path with the panel (PocketBase's public dir
//! answers unknown paths with the root `index.html`; the panel asks once with `HEAD /backups`)
//! each page has its own path: `/backups?q=auto`, `/settings`. Anywhere else — a plain static
//! host would answer a reload of `/settings` with 404, and in a sub-folder not even
//! PocketBase's fallback would find the panel — the page keeps its own path, and the settings
//! are `?page=settings` on it.

/// The screens a signed-in admin moves between.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Page {
    #[default]
    Backups,
    Settings,
    /// The fleet: every server signed in to, at a glance.
    Servers,
}

/// The list's own path.
pub const LIST_PATH: &str = "/backups";
/// The settings' own path.
pub const SETTINGS_PATH: &str = "/settings";
/// The fleet's own path.
pub const SERVERS_PATH: &str = "/servers";
/// The settings where the page keeps its path.
const SETTINGS_QUERY: &str = "page=settings";
/// The fleet where the page keeps its path.
const SERVERS_QUERY: &str = "page=servers";

/// The page an address shows.
pub fn page_at(pathname: &str, query: &str) -> Page {
    let asks = |wanted: &str| {
        query
            .trim_start_matches('?')
            .split('&')
            .any(|pair| pair == wanted)
    };
    if pathname == SETTINGS_PATH || asks(SETTINGS_QUERY) {
        Page::Settings
    } else if pathname == SERVERS_PATH || asks(SERVERS_QUERY) {
        Page::Servers
    } else {
        Page::Backups
    }
}

/// The address of `page`, from the page's current path; `list_query` is the list's search and
/// sort (`?q=auto`, or empty), kept on the list's address only.
pub fn address_of(page: Page, pathname: &str, host_serves_paths: bool, list_query: &str) -> String {
    let own_paths = host_serves_paths && at_root(pathname);
    match (page, own_paths) {
        (Page::Backups, true) => format!("{LIST_PATH}{list_query}"),
        (Page::Backups, false) => format!("{pathname}{list_query}"),
        (Page::Settings, true) => SETTINGS_PATH.to_owned(),
        (Page::Settings, false) => format!("{pathname}?{SETTINGS_QUERY}"),
        (Page::Servers, true) => SERVERS_PATH.to_owned(),
        (Page::Servers, false) => format!("{pathname}?{SERVERS_QUERY}"),
    }
}

/// Whether the page is in its host's root folder, where the pages' own paths lead back to it.
pub fn at_root(pathname: &str) -> bool {
    pathname.rfind('/').is_none_or(|at| at == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_have_their_own_paths_only_at_the_root_of_a_host_that_serves_them() {
        for root in ["/", "/index.html", "/backups", "/settings", "/servers", ""] {
            assert!(at_root(root), "{root}");
            assert_eq!(
                address_of(Page::Backups, root, true, "?q=a"),
                "/backups?q=a"
            );
            assert_eq!(address_of(Page::Settings, root, true, "?q=a"), "/settings");
        }
        assert_eq!(address_of(Page::Backups, "/", false, ""), "/");
        assert_eq!(
            address_of(Page::Backups, "/index.html", false, "?q=a"),
            "/index.html?q=a"
        );
        for nested in ["/admin/", "/admin/index.html", "/a/b/"] {
            assert!(!at_root(nested), "{nested}");
            assert_eq!(address_of(Page::Backups, nested, true, ""), nested);
            assert_eq!(
                address_of(Page::Settings, nested, true, "?q=a"),
                format!("{nested}?page=settings")
            );
        }
    }

    #[test]
    fn an_address_names_its_page() {
        assert_eq!(page_at("/settings", ""), Page::Settings);
        assert_eq!(page_at("/admin/", "?page=settings"), Page::Settings);
        assert_eq!(page_at("/index.html", "q=x&page=settings"), Page::Settings);
        assert_eq!(page_at("/backups", "?q=page=settings"), Page::Backups);
        assert_eq!(page_at("/", ""), Page::Backups);
        assert_eq!(page_at("/admin/settings", ""), Page::Backups);
        assert_eq!(page_at("/servers", ""), Page::Servers);
        assert_eq!(page_at("/admin/", "?page=servers"), Page::Servers);
        for page in [Page::Backups, Page::Settings, Page::Servers] {
            for (path, served) in [("/", true), ("/", false), ("/admin/", true)] {
                let address = address_of(page, path, served, "");
                let (path, query) = address.split_once('?').unwrap_or((&address, ""));
                assert_eq!(page_at(path, query), page, "{address}");
            }
        }
    }
}
