//! Display formatting for sizes and dates, the same in every language.

/// Bytes in decimal SI units with one decimal, e.g. `251.3 MB`. Integer arithmetic only:
/// float formatting would add ~10 KB to the wasm.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["kB", "MB", "GB", "TB", "PB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    // Tenths of the unit, rounded half up; move to the next unit while it would show ≥ 1000.0.
    // u64 only (no overflow: bytes / tenth, never bytes * 10): u128 would add its own division
    // and formatting code.
    let tenths = |divisor: u64| {
        let tenth = divisor / 10;
        bytes / tenth + u64::from(bytes % tenth >= tenth / 2)
    };
    let mut divisor: u64 = 1000;
    let mut unit = 0;
    while unit + 1 < UNITS.len() && tenths(divisor) >= 10_000 {
        divisor *= 1000;
        unit += 1;
    }
    let tenths = tenths(divisor);
    format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
}

/// The browser's own format where it speaks `lang` (`en-GB` dates for a British English
/// browser), else the language's plain one.
fn date_locale(lang: &str) -> String {
    let browser = web_sys::window().and_then(|w| w.navigator().language());
    let primary = |tag: &str| {
        tag.split('-')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    match browser {
        Some(browser) if primary(&browser) == primary(lang) => browser,
        _ => lang.to_owned(),
    }
}

/// A UTC instant in the browser's own time zone, written for `lang`.
pub fn local_datetime(epoch_ms: i64, lang: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(epoch_ms as f64));
    date.to_locale_string(&date_locale(lang), &wasm_bindgen::JsValue::UNDEFINED)
        .into()
}

/// A UTC instant in the browser's own time zone, short: `Thu, Dec 3, 2026, 01:00`.
pub fn local_datetime_short(epoch_ms: i64, lang: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(epoch_ms as f64));
    let options = js_sys::Object::new();
    for (name, value) in [
        ("weekday", "short"),
        ("year", "numeric"),
        ("month", "short"),
        ("day", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
    ] {
        let _ = js_sys::Reflect::set(&options, &name.into(), &value.into());
    }
    date.to_locale_string(&date_locale(lang), &options).into()
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn formats_sizes() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(1000), "1.0 kB");
        assert_eq!(human_size(1_550), "1.6 kB");
        assert_eq!(human_size(999_949), "999.9 kB");
        assert_eq!(human_size(999_999), "1.0 MB");
        assert_eq!(human_size(251_316_185), "251.3 MB");
        assert_eq!(human_size(5_000_000_000), "5.0 GB");
        assert_eq!(human_size(u64::MAX), "18446.7 PB");
        assert_eq!(human_size(1_049), "1.0 kB");
        assert_eq!(human_size(1_050), "1.1 kB");
        assert_eq!(human_size(999_950_000_000_000), "1.0 PB");
        assert_eq!(human_size(999_949_999_999_999), "999.9 TB");
    }
}
