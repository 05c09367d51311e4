use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::components::{focus_row_at, focused_row_index, open_for, ConfirmDialog};
use crate::state::{Deleted, Jobs, Toasts};
use crate::text;

/// Keys named in the question; a longer selection ends with "and N more".
const KEYS_LISTED: usize = 50;

/// Asks once before deleting the backups in `target` (one row's, or the selected ones);
/// cancelling sends nothing. Keys the server refuses stay listed with its reason.
#[component]
pub fn DeleteBackups(target: RwSignal<Option<Vec<String>>>) -> impl IntoView {
    let jobs = expect_context::<Jobs>();
    let toasts = expect_context::<Toasts>();
    let open = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    // The row the dialog was asked from: its place gets focus once it is gone.
    let asked_from = StoredValue::new(None::<u32>);
    open_for(target, open, move || {
        error.set(None);
        asked_from.set_value(focused_row_index());
    });
    let keys = move || target.get().unwrap_or_default();

    let confirm = Callback::new(move |()| {
        let keys = keys();
        if keys.is_empty() {
            return;
        }
        pending.set(true);
        spawn_local(async move {
            let Deleted { deleted, refused } = jobs.delete(keys).await;
            pending.set(false);
            if !deleted.is_empty() {
                toasts.success(text::t().deleted(&deleted));
            }
            let Some((_, first)) = refused.first() else {
                open.set(false);
                return focus_row_at(asked_from.get_value(), deleted);
            };
            if refused.len() > 1 {
                for (key, reason) in &refused {
                    toasts.error(text::t().not_deleted(key, &text::error_message(reason)));
                }
            }
            error.set(Some(first.clone()));
            target.set(Some(refused.into_iter().map(|(key, _)| key).collect()));
        });
    });

    view! {
        <ConfirmDialog
            id="delete-dialog"
            open
            title=move || text::t().delete_title(keys().len())
            confirm_label={text::p().delete}
            danger=true
            pending
            error
            on_confirm=confirm
        >
            <ul class="subject">
                {move || {
                    let keys = keys();
                    let more = keys.len().saturating_sub(KEYS_LISTED);
                    let listed = keys.into_iter().take(KEYS_LISTED);
                    let listed = listed.map(|key| view! { <li>{key}</li> }).collect_view();
                    let more = (more > 0).then(|| view! { <li>{text::t().and_more(more)}</li> });
                    (listed, more)
                }}
            </ul>
            <p>{text::p().delete_explained}</p>
        </ConfirmDialog>
    }
}
