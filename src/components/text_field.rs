use leptos::prelude::*;

/// A labelled input bound to a string signal, with its problem shown beside it.
#[component]
pub fn TextField(
    /// Unique in the page: ties the label and the problem text to the input.
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(into, optional)] problem: Signal<Option<String>>,
) -> impl IntoView {
    let problem_id = format!("{id}-problem");
    let described_by = {
        let problem_id = problem_id.clone();
        move || problem.with(|p| p.as_ref().map(|_| problem_id.clone()))
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type=kind
                autocomplete=autocomplete
                bind:value=value
                aria-invalid=move || problem.with(|p| p.is_some().then_some("true"))
                aria-describedby=described_by
            />
            {move || {
                problem
                    .get()
                    .map(|p| view! { <p class="field-problem" id=problem_id.clone()>{p}</p> })
            }}
        </div>
    }
}
