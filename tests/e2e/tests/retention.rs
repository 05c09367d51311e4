//! The retention planner over a real list: a seeded calendar of automatic backups, a policy
//! previewed, then applied as one confirmed bulk delete that deletes exactly the predicted ones.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use e2e::{signed_in, PocketBase};

const HOUR: u64 = 3_600;

#[tokio::test]
async fn a_policy_previewed_on_a_calendar_of_backups_deletes_exactly_the_predicted_ones() {
    let server = PocketBase::start();
    // Automatic backups every 11 hours for six days, and one made by hand a week ago.
    let ages: Vec<u64> = (0..13).map(|i| 1 + i * 11).collect();
    for (i, age) in ages.iter().enumerate() {
        let name = format!("@auto_pb_backup_{i:02}.zip");
        server.seed_backup_file_aged(&name, Duration::from_secs(age * HOUR));
    }
    server.seed_backup_file_aged("by_hand.zip", Duration::from_secs(7 * 24 * HOUR));
    let browser = signed_in(&server).await;
    browser.wait_for_text("14 backups").await;

    // The prediction: the 2 newest, then the newest of each of the last 3 local days.
    let offset = browser
        .script("return new Date().getTimezoneOffset();", vec![])
        .await;
    let offset_s = -offset.as_i64().expect("minutes") * 60;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let day = |age: u64| (now - (age * HOUR) as i64 + offset_s).div_euclid(86_400);
    let mut kept: Vec<String> = vec!["by_hand.zip".into()];
    let mut days_seen = Vec::new();
    for (i, age) in ages.iter().enumerate() {
        let within = day(*age) > day(0) - 3 && !days_seen.contains(&day(*age));
        if i < 2 || within {
            kept.push(format!("@auto_pb_backup_{i:02}.zip"));
        }
        if within {
            days_seen.push(day(*age));
        }
    }
    kept.sort();
    let deleted = 14 - kept.len();

    browser.click("Plan retention").await;
    assert_eq!(browser.open_dialog().await.1, "Which backups to keep");
    browser.fill("Keep the newest", "2").await;
    browser.fill("One a day, for days", "3").await;
    browser.fill("One a week, for weeks", "0").await;
    browser.fill("One a month, for months", "0").await;
    let summary = format!("Keeps {}, deletes {deleted} (", kept.len());
    browser.wait_for_status(e2e::PATIENCE, &summary).await;
    let lines = browser.texts("dialog[open] .compare-list li").await;
    assert!(
        lines.contains(&"Keeps by_hand.zip: not an automatic backup".to_owned()),
        "{lines:?}"
    );
    assert!(lines.contains(&"Keeps @auto_pb_backup_00.zip: among the newest".to_owned()));
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("Deletes ")).count(),
        deleted
    );
    // Nothing is deleted by the preview itself.
    assert_eq!(server.keys().len(), 14);

    browser.click_in_dialog("Delete those backups…").await;
    assert_eq!(
        browser.open_dialog().await.1,
        format!("Delete these {deleted} backups?")
    );
    browser.click_in_dialog("Delete").await;
    let kept_refs: Vec<&str> = kept.iter().map(String::as_str).collect();
    e2e::eventually("only the kept backups on the server", || async {
        (server.keys() == kept).then_some(())
    })
    .await;
    browser
        .wait_for_text(&format!("{} backups", kept.len()))
        .await;
    let mut shown = browser.keys().await;
    shown.sort();
    assert_eq!(shown, kept_refs);
}
