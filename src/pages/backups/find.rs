use leptos::prelude::*;

use crate::components::TextField;
use crate::state::BackupsState;
use crate::text;

/// The search box (kept in the URL with the sort) and the totals of what is shown.
#[component]
pub fn ListTools() -> impl IntoView {
    let backups = expect_context::<BackupsState>();
    let view = backups.view();
    let query = RwSignal::new(view.with_untracked(|v| v.query.clone()));
    Effect::new(move || {
        let typed = query.get();
        if view.with_untracked(|v| v.query != typed) {
            let mut next = view.get_untracked();
            next.query = typed;
            backups.set_view(next);
        }
    });
    let summary = move || {
        let (shown, all) = backups.totals();
        text::totals(shown, all)
    };
    view! {
        <div class="list-tools">
            <TextField id="search" label=text::SEARCH_BACKUPS kind="search" value=query />
            <p class="totals" role="status">{summary}</p>
        </div>
    }
}
