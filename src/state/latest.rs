//! Numbered loads: every loader asks for a number before it sends, and takes its answer only if
//! no newer load (or save) was started meanwhile, so a slow old answer never overwrites a newer
//! one. The one mechanism every loader of the panel uses.

use leptos::prelude::*;

/// The loads of one thing (a list, the settings, a server of the fleet).
#[derive(Clone, Copy)]
pub struct Latest(StoredValue<u64>);

impl Latest {
    pub fn new() -> Latest {
        Latest(StoredValue::new(0))
    }

    /// Starts a load (or anything whose answer must win over older ones): its number.
    pub fn start(self) -> u64 {
        let number = self.0.get_value().wrapping_add(1);
        self.0.set_value(number);
        number
    }

    /// Whether the load numbered `number` is still the newest; `false` once its owner is gone.
    pub fn is_newest(self, number: u64) -> bool {
        self.0.try_get_value() == Some(number)
    }
}

impl Default for Latest {
    fn default() -> Latest {
        Latest::new()
    }
}
