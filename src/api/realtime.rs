//! PocketBase's realtime stream (`GET /api/realtime`, server-sent events), used only as a sign
//! of life: the server holds the connection open, so it breaks exactly when the process goes
//! away — a restore's restart included, however short — which polling could miss.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::EventSource;

/// A realtime connection that remembers whether it broke after it was open. Closed when
/// dropped.
pub struct RealtimeLink {
    source: EventSource,
    opened: Rc<Cell<bool>>,
    broke: Rc<Cell<bool>>,
    // Kept alive while the connection is: the browser calls them on every (re)connection and
    // break.
    _on_open: Closure<dyn FnMut()>,
    _on_error: Closure<dyn FnMut()>,
}

impl RealtimeLink {
    /// Connects to the server at `base` (no token needed: it subscribes to nothing).
    pub fn open(base: &str) -> Option<Self> {
        let source = EventSource::new(&format!("{base}/api/realtime")).ok()?;
        let (opened, broke) = (Rc::new(Cell::new(false)), Rc::new(Cell::new(false)));
        let on_open = Closure::<dyn FnMut()>::new({
            let opened = opened.clone();
            move || opened.set(true)
        });
        // A connection that never opened (refused, or a proxy that does not pass the stream)
        // says nothing about the server going away.
        let on_error = Closure::<dyn FnMut()>::new({
            let (opened, broke) = (opened.clone(), broke.clone());
            move || broke.set(broke.get() || opened.get())
        });
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Self {
            source,
            opened,
            broke,
            _on_open: on_open,
            _on_error: on_error,
        })
    }

    /// The connection has been open at least once.
    pub fn opened(&self) -> bool {
        self.opened.get()
    }

    /// The connection broke at least once after it was open (the browser reconnects after).
    pub fn broke(&self) -> bool {
        self.broke.get()
    }
}

impl Drop for RealtimeLink {
    fn drop(&mut self) {
        self.source.close();
    }
}
