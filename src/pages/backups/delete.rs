use leptos::prelude::*;

use crate::components::{
    focus_row_at, focused_row_index, not_deleted_words, open_for, ConfirmDialog,
};
use crate::state::{Deleted, Jobs, NotDeleted, Notice, Tasks, Toasts};
use crate::text;

/// Keys named in the question; a longer selection ends with "and N more".
const KEYS_LISTED: usize = 50;

crate::split::split_piece! {
    /// The delete dialog, fetched when first asked for.
    pub mod delete_dialog in delete = fn(target: RwSignal<Option<Vec<String>>>) -> AnyView {
        DeleteBackups(DeleteBackupsProps { target }).into_any()
    }
}

/// Asks once before deleting the backups in `target` (one row's, or the selected ones);
/// cancelling sends nothing. Keys the server refuses — or, its answer lost, still lists — stay
/// in the dialog with the reason; nothing is sent again without a new click.
#[component]
pub fn DeleteBackups(target: RwSignal<Option<Vec<String>>>) -> impl IntoView {
    let jobs = expect_context::<Jobs>();
    let toasts = expect_context::<Toasts>();
    let tasks = Tasks::here();
    let open = RwSignal::new(false);
    let pending = RwSignal::new(false);
    // Why the first key left was not deleted, in words.
    let error = RwSignal::new(None::<String>);
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
        let done = jobs.delete(keys);
        tasks.spawn(async move {
            let Deleted {
                deleted,
                refused,
                unknown,
            } = done.await;
            pending.set(false);
            if !unknown.is_empty() {
                toasts.tell(Notice::DeleteUnknown(unknown.clone()));
            }
            let Some((first_key, first)) = refused.first() else {
                open.set(false);
                return focus_row_at(asked_from.get_value(), deleted);
            };
            if refused.len() > 1 {
                for (key, why) in &refused {
                    toasts.tell(Notice::NotDeleted(key.clone(), why.clone()));
                }
            }
            error.set(Some(match first {
                NotDeleted::Refused(reason) => text::error_message(reason),
                why => not_deleted_words(first_key, why),
            }));
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
            {move || error.get().map(|why| view! { <p class="notice error" role="alert">{why}</p> })}
        </ConfirmDialog>
    }
}
