use leptos::prelude::*;

use crate::components::TextField;
use crate::state::ShownBackups;
use crate::text;

/// The search box (kept in the URL with the sort) and the totals of what is shown.
#[component]
pub fn ListTools() -> impl IntoView {
    let shown = expect_context::<ShownBackups>();
    let view = shown.view();
    let query = RwSignal::new(view.with_untracked(|v| v.query.clone()));
    Effect::new(move || {
        let typed = query.get();
        if view.with_untracked(|v| v.query != typed) {
            let mut next = view.get_untracked();
            next.query = typed;
            shown.set_view(next);
        }
    });
    let summary = move || {
        let (matching, all) = shown.totals();
        text::t().totals(matching, all)
    };
    view! {
        <div class="list-tools">
            <TextField id="search" label={text::p().search_backups} kind="search" value=query />
            <p class="totals" role="status">{summary}</p>
        </div>
    }
}
