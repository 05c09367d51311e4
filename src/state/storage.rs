//! `localStorage`, under this project's own prefix. A browser that refuses storage (private
//! mode, disabled cookies) still works: the session then lasts until the tab closes.

const PREFIX: &str = "pb-backups-panel.";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The key under which `name` is stored, as `storage` events name it.
pub fn full_key(name: &str) -> String {
    format!("{PREFIX}{name}")
}

pub fn read(name: &str) -> Option<String> {
    local_storage()?.get_item(&full_key(name)).ok()?
}

pub fn write(name: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(&full_key(name), value);
    }
}

pub fn remove(name: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&full_key(name));
    }
}
