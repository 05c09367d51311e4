use leptos::prelude::*;

/// An on/off setting: a checkbox announced as a switch, its label beside it.
#[component]
pub fn Switch(
    /// Unique in the page.
    id: &'static str,
    label: &'static str,
    checked: RwSignal<bool>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described_by = hint.map(|_| hint_id.clone());
    view! {
        <div class="switch-field">
            <input
                id=id
                type="checkbox"
                role="switch"
                bind:checked=checked
                aria-describedby=described_by
            />
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="hint field-hint" id=hint_id>{hint}</p> })}
        </div>
    }
}
