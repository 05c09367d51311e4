use leptos::prelude::*;

use crate::components::{BackupTable, ErrorNotice};
use crate::state::{BackupsState, ListStatus, SessionState};
use crate::text;

#[component]
pub fn BackupsPage() -> impl IntoView {
    let session = expect_context::<SessionState>();
    let backups = expect_context::<BackupsState>();
    backups.refresh();

    let status = backups.status();
    let rows = backups.rows();
    let loading = move || status.with(|s| *s == ListStatus::Loading);
    let failure = Signal::derive(move || match status.get() {
        ListStatus::Failed(error) => Some(error),
        _ => None,
    });
    let empty = move || status.with(|s| *s == ListStatus::Ready) && rows.with(Vec::is_empty);
    let signed_in_as = move || {
        session.current().with(|s| {
            s.as_ref()
                .map(|s| text::signed_in_as(&s.email, &s.server_url))
        })
    };

    view! {
        <header class="topbar">
            <span class="brand">{text::APP_TITLE}</span>
            <span class="who">{signed_in_as}</span>
            <button type="button" on:click=move |_| session.sign_out(None)>
                {text::SIGN_OUT}
            </button>
        </header>
        <main class="backups-page">
            <div class="page-head">
                <h1>{text::BACKUPS}</h1>
                <button type="button" on:click=move |_| backups.refresh() disabled=loading>
                    {text::REFRESH}
                </button>
            </div>
            <ErrorNotice error=failure />
            <Show when=loading>
                <p class="notice" role="status">{text::LOADING_BACKUPS}</p>
            </Show>
            <Show when=empty>
                <p class="empty">{text::NO_BACKUPS}</p>
            </Show>
            <Show when=move || !rows.with(Vec::is_empty)>
                <BackupTable rows />
            </Show>
        </main>
    }
}
