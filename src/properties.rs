//! Property tests over the pure logic that takes what the server, the network or an admin can
//! send: no input makes it panic, and what is encoded reads back the same.

use std::future::Future;

use proptest::prelude::*;

use crate::api::zip::lists_file;
use crate::api::{
    check_backup_name, encode_segment, parse_modified, utc_stamp, ApiError, NameProblem,
};
use crate::state::ListView;

/// Reverses [`encode_segment`]: `%XX` back to bytes.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let hex = std::str::from_utf8(bytes.get(at + 1..at + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            at += 3;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(out).ok()
}

proptest! {
    #[test]
    fn error_bodies_of_any_shape_never_panic(status in 100u16..600, body in ".*") {
        let error = ApiError::from_response(status, &body);
        let _ = crate::text::error_message(&error);
    }

    #[test]
    /// (Kept as it is, but for the whitespace around it.)
    fn the_servers_own_reason_is_kept_whatever_it_says(message in ".*", field in "[a-z]{1,12}") {
        let body = serde_json::json!({
            "status": 400,
            "message": message,
            "data": {field.clone(): {"code": "validation_x", "message": "bad"}},
        });
        let error = ApiError::from_response(400, &body.to_string());
        let ApiError::Server { message: read, fields, .. } = &error else {
            panic!("{error:?}");
        };
        prop_assert_eq!(read, message.trim());
        prop_assert_eq!(fields.len(), 1);
        prop_assert_eq!(&fields[0].field, &field);
    }

    #[test]
    fn keys_encode_to_url_safe_text_and_back(key in ".*") {
        let encoded = encode_segment(&key);
        let safe = |b: u8| b.is_ascii_alphanumeric() || b"-._~%".contains(&b);
        prop_assert!(encoded.bytes().all(safe), "{}", encoded);
        prop_assert_eq!(percent_decode(&encoded), Some(key));
    }

    #[test]
    fn names_are_judged_like_the_server_does(name in ".{0,160}") {
        let stem = name.strip_suffix(".zip");
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-';
        let valid = name.is_empty()
            || (name.chars().count() <= 150
                && stem.is_some_and(|stem| !stem.is_empty() && stem.chars().all(allowed)));
        prop_assert_eq!(check_backup_name(&name).is_ok(), valid);
    }

    #[test]
    fn names_of_the_allowed_characters_pass_up_to_150(stem in "[a-z0-9_-]{1,160}") {
        let name = format!("{stem}.zip");
        let expected = if name.chars().count() <= 150 { Ok(()) } else { Err(NameProblem::TooLong) };
        prop_assert_eq!(check_backup_name(&name), expected);
    }

    #[test]
    fn a_view_survives_the_url(query in ".*", sort in 0usize..3, descending: bool) {
        use crate::state::SortKey;
        let view = ListView {
            query,
            sort: [SortKey::Name, SortKey::Date, SortKey::Size][sort],
            descending,
        };
        prop_assert_eq!(ListView::from_query_string(&view.to_query_string()), view);
    }

    #[test]
    fn any_query_string_reads_without_panic(search in ".*") {
        let _ = ListView::from_query_string(&search);
    }

    #[test]
    fn utc_stamps_read_back(seconds in -2_000_000_000i64..8_000_000_000) {
        let stamp = utc_stamp(seconds * 1_000);
        let text = format!(
            "{}-{}-{} {}:{}:{}Z",
            &stamp[0..4], &stamp[4..6], &stamp[6..8], &stamp[8..10], &stamp[10..12], &stamp[12..14]
        );
        prop_assume!(seconds >= -62_135_596_800 && stamp.len() == 14);
        prop_assert_eq!(parse_modified(&text), Some(seconds * 1_000));
    }

    #[test]
    fn any_datetime_text_reads_without_panic(text in ".*") {
        let _ = parse_modified(&text);
    }

    #[test]
    fn any_file_is_read_as_a_zip_without_panic(file in proptest::collection::vec(any::<u8>(), 0..400)) {
        let read = |start: u64, end: u64| {
            let part = file.get(start as usize..end as usize).map(<[u8]>::to_vec);
            Box::pin(async move { part }) as _
        };
        let mut context = std::task::Context::from_waker(std::task::Waker::noop());
        let found = std::pin::pin!(lists_file(file.len() as u64, "data.db", &read)).poll(&mut context);
        prop_assert!(found.is_ready());
    }
}
