use leptos::html;
use leptos::prelude::*;

use super::ErrorNotice;
use crate::api::ApiError;
use crate::text;

/// A modal confirmation on the native `<dialog>`: the browser traps focus inside it, closes it
/// on Escape and gives focus back to the control that opened it. The confirm button sends
/// nothing while a request is pending or `can_confirm` is false, so nothing fires twice.
#[component]
pub fn ConfirmDialog(
    /// Unique in the page: ties the title to the dialog.
    id: &'static str,
    open: RwSignal<bool>,
    #[prop(into)] title: TextProp,
    #[prop(into)] confirm_label: Signal<&'static str>,
    /// Destructive: an `alertdialog` with a red confirm button.
    #[prop(optional)]
    danger: bool,
    #[prop(into, optional)] pending: Signal<bool>,
    #[prop(into, default = Signal::stored(true))] can_confirm: Signal<bool>,
    /// The server's refusal of the last attempt, shown inside the dialog.
    #[prop(into, optional)]
    error: Signal<Option<ApiError>>,
    /// A dialog that only tells: one button, Close (the same view, so no code of its own).
    #[prop(optional)]
    only_close: bool,
    on_confirm: Callback<()>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    Effect::new(move || {
        let Some(element) = dialog.get() else { return };
        if open.get() {
            if !element.open() {
                let _ = element.show_modal();
            }
        } else if element.open() {
            element.close();
        }
    });
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if !pending.get_untracked() && can_confirm.get_untracked() {
            on_confirm.run(());
        }
    };
    view! {
        <dialog
            node_ref=dialog
            id=id
            class="dialog"
            role=if danger { "alertdialog" } else { "dialog" }
            aria-labelledby=labelled_by
            on:close=move |_| open.set(false)
            on:cancel=move |event: leptos::ev::Event| {
                if pending.get_untracked() {
                    event.prevent_default();
                }
            }
        >
            <form on:submit=submit>
                <h2 id=title_id>{move || title.get()}</h2>
                {children()}
                <ErrorNotice error />
                <div class="dialog-actions">
                    <button type="button" on:click=move |_| open.set(false) disabled=pending>
                        {if only_close { text::p().close } else { text::p().cancel }}
                    </button>
                    <button
                        type="submit"
                        hidden=only_close
                        class=if danger { "danger" } else { "primary" }
                        disabled=move || pending.get() || !can_confirm.get()
                    >
                        {confirm_label}
                    </button>
                </div>
            </form>
        </dialog>
    }
}

/// Wires a dialog to the thing it is about: when `target` turns from nothing to something (a
/// row asked for the dialog), `reset` runs and the dialog opens; when the dialog closes, the
/// target is cleared. A target that changes while open (e.g. to the keys the server refused)
/// keeps what the dialog shows.
pub fn open_for<T: Send + Sync + 'static>(
    target: RwSignal<Option<T>>,
    open: RwSignal<bool>,
    reset: impl Fn() + 'static,
) {
    Effect::new(move |was_set: Option<bool>| {
        let is_set = target.with(Option::is_some);
        if is_set && was_set != Some(true) {
            reset();
            open.set(true);
        }
        is_set
    });
    Effect::new(move || {
        if !open.get() {
            target.set(None);
        }
    });
}
