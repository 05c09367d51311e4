//! Property tests over the pure logic that takes what the server, the network or an admin can
//! send: no input makes it panic, and what is encoded reads back the same.

use std::future::Future;

use proptest::prelude::*;

use crate::api::cron::Schedule;
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

    #[test]
    fn any_schedule_text_is_judged_without_panic(text in ".*") {
        if let Ok(schedule) = Schedule::parse(&text) {
            let _ = crate::text::t().cron_reading(&schedule);
        } else if let Err(problem) = Schedule::parse(&text) {
            let _ = crate::text::t().cron_problem(&problem);
        }
    }

    #[test]
    fn every_run_found_matches_and_none_is_skipped(
        fields in (
            cron_field(0, 59), cron_field(0, 23), cron_field(1, 31), cron_field(1, 12),
            cron_field(0, 6),
        ),
        after in 0i64..4_000_000_000_000,
    ) {
        let expression = format!("{} {} {} {} {}", fields.0, fields.1, fields.2, fields.3, fields.4);
        let schedule = Schedule::parse(&expression).expect("built from valid parts");
        let runs: Vec<i64> = schedule.runs_after(after).take(5).collect();
        for pair in runs.windows(2) {
            prop_assert!(pair[0] < pair[1]);
        }
        for &run in &runs {
            prop_assert!(run > after && run % 60_000 == 0);
            prop_assert!(minute_matches(&schedule, run), "{expression}: {run}");
        }
        // Minute by minute, over two days: the first match is the first run found.
        let first_minute = after / 60_000 + 1;
        let brute = (first_minute..first_minute + 2 * 1_440)
            .map(|minute| minute * 60_000)
            .find(|&at| minute_matches(&schedule, at));
        if let Some(brute) = brute {
            prop_assert_eq!(runs.first().copied(), Some(brute));
        }
    }
}

/// One cron field built from valid parts: `*`, a value, a range, or a step, or a list of them.
fn cron_field(min: u32, max: u32) -> impl Strategy<Value = String> {
    let part = prop_oneof![
        Just("*".to_owned()),
        (min..=max).prop_map(|v| v.to_string()),
        (min..=max, min..=max).prop_map(|(a, b)| format!("{}-{}", a.min(b), a.max(b))),
        (1..=max.max(1)).prop_map(|s| format!("*/{s}")),
    ];
    proptest::collection::vec(part, 1..3).prop_map(|parts| parts.join(","))
}

/// Whether PocketBase would run at `at` (a whole minute): every field matches, in UTC.
fn minute_matches(schedule: &Schedule, at: i64) -> bool {
    let stamp = utc_stamp(at);
    let number = |range: std::ops::Range<usize>| stamp[range].parse::<u32>().unwrap();
    let weekday = ((at.div_euclid(86_400_000) + 4).rem_euclid(7)) as u32;
    schedule.minutes.has(number(10..12))
        && schedule.hours.has(number(8..10))
        && schedule.days.has(number(6..8))
        && schedule.months.has(number(4..6))
        && schedule.weekdays.has(weekday)
}
