use leptos::prelude::*;

use super::focus_when_drawn;
use crate::state::Theme;
use crate::text::{self, Lang};

/// The language and theme choices, on every screen. Each language is named in itself, so a
/// reader who does not know the current one still finds theirs.
#[component]
pub fn PreferenceControls(
    #[prop(into)] lang: Signal<Lang>,
    on_lang: Callback<Lang>,
    /// Work is running whose outcome the page would drop if drawn again in another language.
    #[prop(into)]
    lang_locked: Signal<bool>,
    /// The words of the language chosen last could not be fetched.
    #[prop(into)]
    lang_missing: Signal<bool>,
    #[prop(into)] theme: Signal<Theme>,
    on_theme: Callback<Theme>,
) -> impl IntoView {
    let t = text::p();
    let theme_name = move |theme: Theme| match theme {
        Theme::System => t.theme_system,
        Theme::Light => t.theme_light,
        Theme::Dark => t.theme_dark,
    };
    view! {
        <div class="preferences">
            <label for="language">{t.language}</label>
            <select
                id="language"
                prop:value=move || lang.get().tag()
                disabled=lang_locked
                title=move || lang_locked.get().then_some(t.language_waits)
                on:change=move |event| {
                    if let Some(chosen) = Lang::from_tag(&event_target_value(&event)) {
                        on_lang.run(chosen);
                        // The page is drawn again in the new language: focus stays here.
                        focus_when_drawn("#language");
                    }
                }
            >
                {Lang::ALL
                    .map(|lang| view! { <option value=lang.tag() lang=lang.tag()>{lang.own_name()}</option> })}
            </select>
            {move || {
                lang_missing.get().then(|| view! { <p class="notice error" role="alert">{t.piece_missing}</p> })
            }}
            <label for="theme">{t.theme}</label>
            <select
                id="theme"
                prop:value=move || theme.get().tag()
                on:change=move |event| {
                    if let Some(chosen) = Theme::from_tag(&event_target_value(&event)) {
                        on_theme.run(chosen);
                    }
                }
            >
                {Theme::ALL.map(|theme| view! { <option value=theme.tag()>{theme_name(theme)}</option> })}
            </select>
        </div>
    }
}
