//! The iCalendar file is valid RFC 5545: CRLF line ends, lines of at most 75
//! octets, escaped text, a UID and DTSTAMP on every event. A parser crate reads
//! it back with the same events the schedule has.

mod common;

use common::TestProject;
use icalendar::parser::{read_calendar, unfold};

const ICS: &str = "output/site/calendar/online-schedule.ics";

fn build() -> TestProject {
    let p = TestProject::fixture("calendar");
    p.run_with(&["build"], &[("TEBIKI_TODAY", "2026-11-25")])
        .assert_ok();
    p
}

#[test]
fn every_line_ends_with_crlf_and_fits_75_octets() {
    let p = build();
    let text = p.read(ICS);
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
    assert!(!text.replace("\r\n", "").contains('\r'), "bare CR");
    let mut folded = 0;
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        if line.starts_with(' ') {
            folded += 1;
        }
    }
    assert!(
        folded > 0,
        "some Japanese descriptions are long enough to fold"
    );
}

#[test]
fn parser_reads_back_operating_days_extensions_and_stops() {
    let p = build();
    let text = p.read(ICS);
    let unfolded = unfold(&text);
    let cal = read_calendar(&unfolded).expect("valid iCalendar");
    let prop = |c: &icalendar::parser::Component<'_>, name: &str| {
        c.find_prop(name)
            .map(|p| p.val.clone().unescape_text().as_str().to_string())
    };
    assert_eq!(
        cal.properties
            .iter()
            .find(|p| p.name == "VERSION")
            .map(|p| p.val.as_str()),
        Some("2.0")
    );
    let events: Vec<_> = cal
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    // 71 online days in 令和8年度 (from 2027-01-04) and 294 − 1 stop in 令和9年度.
    let online = events
        .iter()
        .filter(|e| prop(e, "UID").unwrap().starts_with("online-"))
        .count();
    let stops: Vec<_> = events
        .iter()
        .filter(|e| prop(e, "UID").unwrap().starts_with("stop-"))
        .collect();
    assert_eq!(online, 71 + 293);
    assert_eq!(stops.len(), 1);
    for e in &events {
        assert!(prop(e, "DTSTAMP").unwrap().ends_with('Z'), "UTC stamp");
    }
    let uids: std::collections::HashSet<_> = events.iter().map(|e| prop(e, "UID")).collect();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");

    let extended = events
        .iter()
        .find(|e| prop(e, "UID").unwrap().starts_with("online-20270405@"))
        .unwrap();
    assert_eq!(
        prop(extended, "SUMMARY").unwrap(),
        "オンライン稼働 8:00〜21:00（計画延長）"
    );
    let start = extended.find_prop("DTSTART").unwrap();
    assert_eq!(start.val.as_str(), "20270405T080000");
    assert_eq!(
        start
            .params
            .iter()
            .find(|p| p.key == "TZID")
            .and_then(|p| p.val.as_ref())
            .map(|v| v.as_str()),
        Some("Asia/Tokyo")
    );
    assert_eq!(
        extended.find_prop("DTEND").unwrap().val.as_str(),
        "20270405T210000"
    );
    assert!(
        prop(extended, "DESCRIPTION")
            .unwrap()
            .contains("延長理由: 年度当初の窓口混雑（要請: 業務所管部門）")
    );

    let stop = stops[0];
    assert_eq!(stop.find_prop("DTSTART").unwrap().val.as_str(), "20270515");
    // ; and , in the reason are escaped in the file and come back unescaped.
    assert!(unfolded.contains("定期保守\\; 基盤更新\\, 再起動"));
    assert_eq!(
        prop(stop, "SUMMARY").unwrap(),
        "オンライン停止（富士通Japan 定期保守; 基盤更新, 再起動）"
    );
    let changed = events
        .iter()
        .find(|e| prop(e, "UID").unwrap().starts_with("online-20270607@"))
        .unwrap();
    assert_eq!(
        prop(changed, "SUMMARY").unwrap(),
        "オンライン稼働 9:00〜20:00（時間変更）"
    );
    // No event on a Sunday.
    assert!(
        !events
            .iter()
            .any(|e| prop(e, "UID").unwrap().contains("20270516"))
    );
}

#[test]
fn high_level_parser_accepts_the_file_and_sees_the_time_zone() {
    let p = build();
    let cal: icalendar::Calendar = p.read(ICS).parse().expect("parses");
    use icalendar::Component;
    let first = cal
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .next()
        .unwrap();
    assert_eq!(
        first.get_uid().map(|u| u.starts_with("online-20270104@")),
        Some(true)
    );
    match first.get_start() {
        Some(icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::WithTimezone {
            date_time,
            tzid,
        })) => {
            assert_eq!(tzid, "Asia/Tokyo");
            assert_eq!(date_time.to_string(), "2027-01-04 08:00:00");
        }
        other => panic!("unexpected DTSTART {other:?}"),
    }
    assert!(
        p.read(ICS)
            .contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n")
    );
}
