use leptos::prelude::*;

/// A labelled input bound to a string signal, with its hint and its problem tied to it
/// (`aria-describedby`), the problem also as `aria-invalid`.
#[component]
pub fn TextField(
    /// Unique in the page: ties the label, hint and problem text to the input.
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(into, optional)] problem: Signal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let problem_id = format!("{id}-problem");
    let hint_id = format!("{id}-hint");
    let described_by = {
        let (problem_id, hint_id) = (problem_id.clone(), hint_id.clone());
        move || {
            let ids: Vec<&str> = [
                hint.map(|_| hint_id.as_str()),
                problem.with(|p| p.as_ref().map(|_| problem_id.as_str())),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type=kind
                autocomplete=autocomplete
                bind:value=value
                disabled=disabled
                aria-invalid=move || problem.with(|p| p.is_some().then_some("true"))
                aria-describedby=described_by
            />
            {hint.map(|hint| view! { <p class="hint field-hint" id=hint_id>{hint}</p> })}
            {move || {
                problem
                    .get()
                    .map(|p| view! { <p class="field-problem" id=problem_id.clone()>{p}</p> })
            }}
        </div>
    }
}
