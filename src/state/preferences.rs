//! How the panel speaks and looks in this browser: the language and the theme, remembered.

use leptos::prelude::*;

use super::storage;
use crate::text::{self, Lang};

/// Light or dark, or as the system says (`prefers-color-scheme`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The value stored, and the page's `data-theme` (none for the system's).
    pub fn tag(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|theme| theme.tag() == tag)
    }
}

const LANG_KEY: &str = "lang";
const THEME_KEY: &str = "theme";

#[derive(Clone, Copy)]
pub struct Preferences {
    lang: RwSignal<Lang>,
    theme: RwSignal<Theme>,
}

impl Preferences {
    /// The choices remembered in this browser; on a first visit, the browser's own languages.
    pub fn restore() -> Self {
        let lang = storage::read(LANG_KEY)
            .and_then(|tag| Lang::from_tag(&tag))
            .unwrap_or_else(|| Lang::preferred(browser_languages().iter().map(String::as_str)));
        let theme = storage::read(THEME_KEY)
            .and_then(|tag| Theme::from_tag(&tag))
            .unwrap_or_default();
        text::choose(lang);
        let this = Self {
            lang: RwSignal::new(lang),
            theme: RwSignal::new(theme),
        };
        // The document's attributes are outside the view: kept in step here.
        Effect::new(move || set_root_attribute("lang", Some(this.lang.get().tag())));
        Effect::new(move || {
            let theme = this.theme.get();
            set_root_attribute("data-theme", (theme != Theme::System).then(|| theme.tag()));
        });
        this
    }

    pub fn lang(&self) -> Signal<Lang> {
        self.lang.into()
    }

    pub fn theme(&self) -> Signal<Theme> {
        self.theme.into()
    }

    /// Writes in `lang` from now on; the page is drawn again in its words. Only the view is:
    /// the state, and the work it runs, stay as they are.
    pub fn set_lang(&self, lang: Lang) {
        storage::write(LANG_KEY, lang.tag());
        text::choose(lang);
        self.lang.set(lang);
    }

    pub fn set_theme(&self, theme: Theme) {
        storage::write(THEME_KEY, theme.tag());
        self.theme.set(theme);
    }
}

fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let listed: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    if listed.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        listed
    }
}

fn set_root_attribute(name: &str, value: Option<&str>) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match value {
        Some(value) => root.set_attribute(name, value),
        None => root.remove_attribute(name),
    };
}
