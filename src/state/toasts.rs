//! Short messages about finished work. Successes fade after a while; failures stay until
//! dismissed, so nothing the server refused goes unseen.

use std::time::Duration;

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub id: u32,
    pub kind: ToastKind,
    pub text: String,
}

#[derive(Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u32>,
}

const SUCCESS_LIFETIME: Duration = Duration::from_secs(8);

impl Toasts {
    pub fn new() -> Self {
        Self {
            list: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    pub fn list(&self) -> Signal<Vec<Toast>> {
        self.list.into()
    }

    pub fn success(&self, text: String) {
        let id = self.push(ToastKind::Success, text);
        let this = *self;
        set_timeout(move || this.dismiss(id), SUCCESS_LIFETIME);
    }

    pub fn error(&self, text: String) {
        self.push(ToastKind::Error, text);
    }

    pub fn clear(&self) {
        self.list.set(Vec::new());
    }

    pub fn dismiss(&self, id: u32) {
        self.list.try_update(|list| list.retain(|t| t.id != id));
    }

    fn push(&self, kind: ToastKind, text: String) -> u32 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id.wrapping_add(1));
        self.list.update(|list| list.push(Toast { id, kind, text }));
        id
    }
}

impl Default for Toasts {
    fn default() -> Self {
        Self::new()
    }
}
