//! How the panel speaks and looks in this browser: the language and the theme, remembered.

use leptos::prelude::*;

use super::latest::Latest;
use super::storage;
use super::task::Tasks;
use crate::split::ChunkMissing;
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
    /// The words of the language chosen last could not be fetched (offline, or a deploy
    /// replaced the files); choosing it again tries again.
    lang_missing: RwSignal<bool>,
    /// The panel's own tasks: fetching a language's words.
    tasks: Tasks,
    /// Numbers each choice of language, so words fetched late never undo a newer choice.
    choices: Latest,
}

impl Preferences {
    /// The language remembered in this browser; on a first visit, the browser's own. Its words
    /// are loaded before the panel is first drawn (`mount`).
    pub fn remembered_lang() -> Lang {
        storage::read(LANG_KEY)
            .and_then(|tag| Lang::from_tag(&tag))
            .unwrap_or_else(|| Lang::preferred(browser_languages().iter().map(String::as_str)))
    }

    /// The choices remembered in this browser: the language if its words could be loaded,
    /// else English.
    pub fn restore(tasks: Tasks) -> Self {
        let lang = Some(Self::remembered_lang())
            .filter(|lang| text::is_ready(*lang))
            .unwrap_or_default();
        let theme = storage::read(THEME_KEY)
            .and_then(|tag| Theme::from_tag(&tag))
            .unwrap_or_default();
        text::choose(lang);
        let this = Self {
            lang: RwSignal::new(lang),
            theme: RwSignal::new(theme),
            lang_missing: RwSignal::new(false),
            tasks,
            choices: Latest::new(),
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

    /// Whether the words of the language chosen last could not be fetched.
    pub fn lang_missing(&self) -> Signal<bool> {
        self.lang_missing.into()
    }

    /// Writes in `lang` from now on — at once if its words are here, else once their chunk
    /// is fetched; the page is drawn again in its words. Only the view is: the state, and the
    /// work it runs, stay as they are.
    pub fn set_lang(&self, lang: Lang) {
        self.lang_missing.set(false);
        let choice = self.choices.start();
        if text::is_ready(lang) {
            return self.apply_lang(lang);
        }
        let this = *self;
        self.tasks.spawn(async move {
            let loaded = text::load(lang).await;
            if !this.choices.is_newest(choice) {
                return;
            }
            match loaded {
                Ok(()) => this.apply_lang(lang),
                Err(ChunkMissing) => {
                    this.lang_missing.set(true);
                    // The control shows the language the page is written in again.
                    this.lang.update(|_| {});
                }
            }
        });
    }

    fn apply_lang(&self, lang: Lang) {
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
