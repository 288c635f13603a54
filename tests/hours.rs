//! One source for the usual operating hours: a weekday rule in tebiki.yaml
//! (online only to 19:00 on Saturdays, which the source document does not have)
//! and every output follows it — the calendar's cells and legend, a page that
//! writes `{{ rules.online }}`, ① the schedule workbook, the iCalendar file,
//! the planned hours of ⑥, and the scaffold's comment.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::TestProject;
use scraper::{Html, Selector};

const SATURDAY_TO_19: &str =
    "schedule:\n  online_by_weekday:\n    - {weekday: sat, end: \"19:00\"}\n";

const HOURS_PAGE: &str = "---\ntitle: 提供時間\narea: \"4.1\"\nowner: contractor\nreviewed: 2026-11-01\nreview_every: 6\norder: 9\n---\n\
オンラインは {{ rules.online }}、延長しても {{ rules.extended_end }} までです。\n\n\
`{{ rules.online }}` と書くと、tebiki.yaml の決まりの時間になります。\n";

fn with_rule(fixture: &str) -> TestProject {
    let p = TestProject::fixture(fixture);
    p.write("tebiki.yaml", &(p.read("tebiki.yaml") + SATURDAY_TO_19));
    p
}

fn text_of(doc: &Html, css: &str) -> String {
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_saturday_rule_reaches_the_calendar_a_page_the_workbook_and_the_ics() {
    let p = with_rule("calendar");
    p.write("content/ops/hours.md", HOURS_PAGE);
    p.run_with(&["build"], &[("TEBIKI_TODAY", "2026-11-25")])
        .assert_ok();

    // The calendar: Saturday 2027-05-08 ends at 19:00, Friday 05-07 at 20:00,
    // and the legend says so.
    let doc = Html::parse_document(&p.read("output/site/calendar/2027-05.html"));
    assert!(text_of(&doc, "td[data-date=\"2027-05-08\"]").contains("8:00〜19:00"));
    assert!(text_of(&doc, "td[data-date=\"2027-05-07\"]").contains("8:00〜20:00"));
    assert!(
        text_of(&doc, "p.legend").contains("8:00〜20:00（土曜日は 8:00〜19:00）"),
        "{}",
        text_of(&doc, "p.legend")
    );

    // The page: the placeholder is the rule's text; in code it stays as written.
    let page = Html::parse_document(&p.read("output/site/ops/hours.html"));
    let body = text_of(&page, "main");
    assert!(
        body.contains(
            "オンラインは 8:00〜20:00（土曜日は 8:00〜19:00）、延長しても 21:00 までです。"
        ),
        "{body}"
    );
    assert!(body.contains("{{ rules.online }} と書くと"), "{body}");

    // ① オンライン稼働表: the Saturday's end time is a real time, 19:00.
    let mut wb: Xlsx<_> = open_workbook(
        p.path()
            .join("output/xlsx/スケジュール管理ファイル_令和9年度.xlsx"),
    )
    .unwrap();
    let range = wb.worksheet_range("オンライン稼働表").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header = rows
        .iter()
        .position(|r| r[0] == Data::String("日付".into()))
        .unwrap();
    let end_col = rows[header]
        .iter()
        .position(|h| *h == Data::String("終了".into()))
        .unwrap();
    let end = |date: chrono::NaiveDate| {
        let row = rows[header + 1 + (date - day(2027, 4, 1)).num_days() as usize];
        match &row[end_col] {
            Data::DateTime(t) => (t.as_f64() * 24.0 * 60.0).round() as u32,
            other => panic!("expected a time, found {other:?}"),
        }
    };
    assert_eq!(end(day(2027, 5, 8)), 19 * 60);
    assert_eq!(end(day(2027, 5, 7)), 20 * 60);

    // The iCalendar file: the Saturday's event ends at 19:00.
    let ics = p.read("output/site/calendar/online-schedule.ics");
    let saturday = ics
        .split("BEGIN:VEVENT")
        .find(|e| e.contains("DTSTART;TZID=Asia/Tokyo:20270508T"))
        .expect("an event on 2027-05-08");
    assert!(
        saturday.contains("DTEND;TZID=Asia/Tokyo:20270508T190000"),
        "{saturday}"
    );
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// ⑥'s planned hours of January 2027: 23 online days of 12 hours and one hour of
/// the planned extension on 1月20日 (277 hours, see tests/reports.rs), less one
/// hour on each of the four Saturdays 9, 16, 23 and 30 = 273 hours.
#[test]
fn the_monthly_report_plans_saturdays_to_19_00() {
    let p = with_rule("reports");
    // SAFETY: the only test of this binary that loads a project in-process; the
    // others pass TEBIKI_TODAY to the child process they start. The fixture's
    // batch records must not lie in the future.
    unsafe { std::env::set_var("TEBIKI_TODAY", "2027-03-01") };
    let project = p.load();
    let report = tebiki::render::pdf::monthly::document(&project, 2027, 1);
    let figures = report.data["online"]["figures"]["rows"].to_string();
    assert!(
        figures.contains("\"オンライン稼働時間\",\"273時間\""),
        "{figures}"
    );
    let days = report.data["online"]["days"]["rows"].to_string();
    assert!(days.contains("\"1月9日\",\"土\",\"8:00〜19:00\""), "{days}");
}

#[test]
fn the_schedule_scaffold_states_the_rule_and_an_unknown_name_is_located() {
    let p = with_rule("calendar");
    let run = p.run_with(&["new", "schedule-year"], &[("TEBIKI_TODAY", "2026-11-25")]);
    run.assert_ok();
    let made = p.read(run.stdout.trim());
    assert!(
        made.contains("決まりどおりの日（8:00〜20:00（土曜日は 8:00〜19:00）、日曜日・祝休日・年末年始（12月29日〜1月3日）は休止）"),
        "{made}"
    );

    p.write(
        "content/ops/hours.md",
        &HOURS_PAGE.replace("{{ rules.extended_end }}", "{{ rules.extended }}"),
    );
    let run = p.run_with(&["check"], &[("TEBIKI_TODAY", "2026-11-25")]);
    run.assert_code(1);
    let line = HOURS_PAGE
        .lines()
        .position(|l| l.contains("extended_end"))
        .unwrap()
        + 1;
    let col = HOURS_PAGE.lines().nth(line - 1).unwrap()[..HOURS_PAGE
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("{{ rules.extended")
        .unwrap()]
        .chars()
        .count()
        + 1;
    assert!(
        run.stdout.starts_with(&format!(
            "1. content/ops/hours.md:{line}:{col}: エラー: `{{{{ rules.extended }}}}` はありません（書けるのは rules.online,"
        )),
        "{}",
        run.stdout
    );
}
