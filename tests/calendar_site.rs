//! The calendar on the site: a page per fiscal year and per month with holidays,
//! stops, extensions and their reasons, and the home page's "today" panel fed by
//! a data file that works from file://.

mod common;

use common::{TestProject, list_files};
use scraper::{Html, Selector};

fn build(today: &str) -> TestProject {
    let p = TestProject::fixture("calendar");
    p.run_with(&["build"], &[("TEBIKI_TODAY", today)])
        .assert_ok();
    p
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel).collect()
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

#[test]
fn a_page_per_fiscal_year_and_per_month_in_service() {
    let p = build("2026-11-25");
    let files = list_files(&p.path().join("output/site/calendar"));
    let mut expected = vec!["2027-01.html".to_string()];
    for m in 2..=12 {
        expected.push(format!("2027-{m:02}.html"));
    }
    for m in 1..=3 {
        expected.push(format!("2028-{m:02}.html"));
    }
    expected.extend(
        [
            "fy2026.html",
            "fy2027.html",
            "index.html",
            "online-schedule.ics",
        ]
        .map(String::from),
    );
    assert_eq!(files, expected);
    let index = Html::parse_document(&p.read("output/site/calendar/index.html"));
    assert_eq!(
        texts(&index, ".listing .card > a")[..2],
        ["令和8年度".to_string(), "令和9年度".to_string()]
    );
}

#[test]
fn month_grid_shows_holidays_stops_and_reasons() {
    let p = build("2026-11-25");
    let doc = Html::parse_document(&p.read("output/site/calendar/2027-05.html"));
    assert_eq!(texts(&doc, "h1"), ["令和9年5月のオンライン稼働"]);
    assert_eq!(select(&doc, "td[data-date]").len(), 31);
    let cell = |date: &str| {
        let sel = format!("td[data-date=\"{date}\"]");
        let el = select(&doc, &sel)[0];
        (
            el.value().attr("class").unwrap().to_string(),
            el.text()
                .collect::<Vec<_>>()
                .iter()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("|"),
        )
    };
    assert_eq!(
        cell("2027-05-03"),
        ("holiday closed".into(), "3|憲法記念日|休止".into())
    );
    assert_eq!(
        cell("2027-05-02"),
        ("sun closed".into(), "2|休止|（日曜日）".into())
    );
    assert_eq!(cell("2027-05-06"), ("".into(), "6|8:00〜20:00".into()));
    assert_eq!(
        cell("2027-05-15"),
        (
            "sat closed change".into(),
            "15|オンライン停止|富士通Japan 定期保守; 基盤更新, 再起動".into()
        )
    );
    let entry = texts(&doc, "#entry-2027-05-15 dd");
    assert_eq!(
        entry,
        [
            "オンライン停止",
            "富士通Japan 定期保守; 基盤更新, 再起動",
            "富士通Japan",
            "案1 土曜日に終日停止する案2 平日夜間に実施する（夜間日次バッチと重なる）",
            "案1",
        ]
    );
    assert_eq!(
        texts(&doc, ".plan-fixed"),
        ["月次計画（稼働時間）の決定日: 令和9年4月14日"]
    );
}

#[test]
fn extension_day_is_marked_with_its_reason() {
    let p = build("2026-11-25");
    let doc = Html::parse_document(&p.read("output/site/calendar/2027-04.html"));
    let sel = "td[data-date=\"2027-04-05\"]";
    let el = select(&doc, sel)[0];
    assert!(el.value().attr("class").unwrap().contains("extension"));
    let text: String = el.text().collect();
    assert!(text.contains("8:00〜21:00"), "{text}");
    assert!(text.contains("延長 21:00 まで（計画）"), "{text}");
    assert!(text.contains("年度当初の窓口混雑"), "{text}");
    let summary = texts(&doc, ".summary").join("");
    assert!(summary.contains("延長 1 回"), "{summary}");
}

#[test]
fn holidays_after_the_next_year_are_labelled_as_projections() {
    let p = build("2026-11-25");
    let jan = Html::parse_document(&p.read("output/site/calendar/2028-01.html"));
    assert!(texts(&jan, ".holiday-name").contains(&"成人の日（予測）".to_string()));
    assert_eq!(select(&jan, ".projection-note").len(), 1);
    let year = Html::parse_document(&p.read("output/site/calendar/fy2027.html"));
    assert_eq!(select(&year, ".projection-note").len(), 1);
    let jan_2027 = Html::parse_document(&p.read("output/site/calendar/2027-01.html"));
    assert!(texts(&jan_2027, ".holiday-name").contains(&"成人の日".to_string()));
    assert!(select(&jan_2027, ".projection-note").is_empty());

    // A year later, 2028 is official.
    let p = build("2027-02-10");
    let jan = Html::parse_document(&p.read("output/site/calendar/2028-01.html"));
    assert!(texts(&jan, ".holiday-name").contains(&"成人の日".to_string()));
    assert!(select(&jan, ".projection-note").is_empty());
}

#[test]
fn year_page_sums_the_months() {
    let p = build("2026-11-25");
    let doc = Html::parse_document(&p.read("output/site/calendar/fy2027.html"));
    let total = texts(&doc, ".year-summary tfoot td");
    assert_eq!(total[..5], ["293", "73", "3515", "1", "1"]);
    assert_eq!(texts(&doc, ".year-summary tbody tr").len(), 12);
    assert_eq!(texts(&doc, ".entries tbody tr").len(), 3);
}

#[test]
fn home_page_today_panel_reads_an_embedded_schedule_without_fetch() {
    let p = build("2026-11-25");
    let home = Html::parse_document(&p.read("output/site/index.html"));
    assert_eq!(select(&home, "#today-panel").len(), 1);
    let scripts: Vec<_> = select(&home, "script[src]")
        .iter()
        .map(|s| s.value().attr("src").unwrap().to_string())
        .collect();
    // The schedule data comes right before the script that reads it.
    let data_at = scripts
        .iter()
        .position(|s| s == "assets/schedule-data.js")
        .unwrap_or_else(|| panic!("{scripts:?}"));
    assert_eq!(scripts[data_at + 1], "assets/today.js", "{scripts:?}");
    let js = p.read("output/site/assets/today.js");
    assert!(!js.contains("fetch(") && !js.contains("XMLHttpRequest"));

    let data = p.read("output/site/assets/schedule-data.js");
    let json = data
        .split_once("window.TEBIKI_SCHEDULE = ")
        .unwrap()
        .1
        .trim_end()
        .trim_end_matches(';');
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(value["from"], "2027-01-04");
    assert_eq!(value["to"], "2028-03-31");
    let days = value["days"].as_array().unwrap();
    assert_eq!(days.len(), 87 + 366);
    let row = |date: &str| {
        days.iter()
            .find(|d| d[0] == date)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        row("2027-04-05"),
        [
            "2027-04-05",
            "8:00",
            "21:00",
            "",
            "延長 21:00 まで（計画）: 年度当初の窓口混雑"
        ]
    );
    assert_eq!(
        row("2027-05-15")[1..],
        [
            "",
            "",
            "オンライン停止",
            "オンライン停止: 富士通Japan 定期保守; 基盤更新, 再起動"
        ]
    );
    assert_eq!(row("2027-12-29")[3], "年末年始");
}

#[test]
fn no_today_panel_without_schedule_files() {
    let p = TestProject::fixture("basic");
    p.run(&["build"]).assert_ok();
    let home = p.read("output/site/index.html");
    assert!(!home.contains("today-panel"));
    assert!(
        !p.path()
            .join("output/site/assets/schedule-data.js")
            .exists()
    );
    assert!(!p.path().join("output/xlsx").exists());
}

#[test]
fn calendar_pages_use_only_relative_urls() {
    let p = build("2026-11-25");
    let site = p.path().join("output/site");
    let attr = Selector::parse("[href], [src]").unwrap();
    for file in list_files(&site).iter().filter(|f| f.ends_with(".html")) {
        let doc = Html::parse_document(&std::fs::read_to_string(site.join(file)).unwrap());
        for el in doc.select(&attr) {
            for name in ["href", "src"] {
                if let Some(url) = el.value().attr(name) {
                    assert!(
                        !url.starts_with('/') && !url.contains("://"),
                        "{file}: {url}"
                    );
                    let target = url.split('#').next().unwrap();
                    if !target.is_empty() {
                        let base = std::path::Path::new(file).parent().unwrap();
                        assert!(
                            site.join(base).join(target).exists(),
                            "{file}: broken {url}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn rules_in_tebiki_yaml_change_the_derived_calendar() {
    let p = TestProject::fixture("calendar");
    let config = p.read("tebiki.yaml")
        + "schedule:\n  online_end: \"19:00\"\n  closed_weekdays: [sun, wed]\n";
    p.write("tebiki.yaml", &config);
    p.run_with(&["build"], &[("TEBIKI_TODAY", "2026-11-25")])
        .assert_ok();
    let doc = Html::parse_document(&p.read("output/site/calendar/2027-05.html"));
    let cell = |date: &str| {
        let sel = format!("td[data-date=\"{date}\"]");
        select(&doc, &sel)[0].text().collect::<String>()
    };
    assert!(cell("2027-05-06").contains("8:00〜19:00"));
    assert!(cell("2027-05-12").contains("休止"), "Wednesdays are closed");
}

#[test]
fn inconsistent_rules_in_tebiki_yaml_are_located() {
    let p = TestProject::fixture("calendar");
    let config =
        p.read("tebiki.yaml") + "schedule:\n  online_start: \"8:00\"\n  online_end: \"7:00\"\n";
    p.write("tebiki.yaml", &config);
    let run = p.run_with(&["check"], &[("TEBIKI_TODAY", "2026-11-25")]);
    run.assert_code(1);
    let line = config
        .lines()
        .position(|l| l.contains("online_end"))
        .unwrap()
        + 1;
    assert_eq!(
        run.stdout,
        format!(
            "1. tebiki.yaml:{line}:15: エラー: schedule.online_end は online_start より後にしてください\n\
             1 件の問題が見つかりました（エラー 1 件、警告 0 件）\n"
        )
    );
}
