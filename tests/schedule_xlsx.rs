//! ① スケジュール管理ファイル read back cell by cell (calamine) and its print
//! settings read from the workbook's XML: real dates, A4 fitted to the width,
//! a repeated and frozen header, autofilter, a Windows Office font.

mod common;

use std::io::Read;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use chrono::{Datelike, NaiveDate, Weekday};
use common::TestProject;

const BOOK: &str = "output/xlsx/スケジュール管理ファイル_令和9年度.xlsx";

fn build(p: &TestProject) {
    p.run_with(&["build"], &[("TEBIKI_TODAY", "2026-11-25")])
        .assert_ok();
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn open(p: &TestProject) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(p.path().join(BOOK)).expect("workbook opens")
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("expected text, found {other:?}"),
    }
}

#[track_caller]
fn date(cell: &Data) -> NaiveDate {
    assert!(cell.is_datetime(), "not an Excel date: {cell:?}");
    cell.as_datetime().unwrap().date()
}

/// hh:mm of an Excel time cell, or "" for an empty cell.
fn time(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::DateTime(t) => {
            let minutes = (t.as_f64() * 24.0 * 60.0).round() as u32;
            format!("{}:{:02}", minutes / 60, minutes % 60)
        }
        other => panic!("expected a time, found {other:?}"),
    }
}

fn num(cell: &Data) -> f64 {
    match cell {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("expected a number, found {other:?}"),
    }
}

fn sheet_xml(p: &TestProject, name: &str) -> String {
    let file = std::fs::File::open(p.path().join(BOOK)).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut out).unwrap();
    out
}

#[test]
fn workbook_per_fiscal_year_with_days_summary_and_request_sheets() {
    let p = TestProject::fixture("calendar");
    build(&p);
    let files = common::list_files(&p.path().join("output/xlsx"));
    assert_eq!(
        files,
        [
            "スケジュール管理ファイル_令和8年度.xlsx",
            "スケジュール管理ファイル_令和9年度.xlsx"
        ]
    );
    let wb = open(&p);
    assert_eq!(
        wb.sheet_names(),
        [
            "オンライン稼働表",
            "月別集計",
            "作業依頼票_R9.4.5",
            "作業依頼票_R9.6.7"
        ]
    );
}

#[test]
fn days_sheet_holds_every_day_of_may_cell_by_cell() {
    let p = TestProject::fixture("calendar");
    build(&p);
    let mut wb = open(&p);
    let range = wb.worksheet_range("オンライン稼働表").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(text(&rows[0][0]), "オンライン稼働表（令和9年度）");
    assert_eq!(text(&rows[1][0]), "作成日: 令和8年11月25日");
    assert!(
        rows.iter()
            .any(|r| text(&r[0])
                == "2028年以降の祝日は予測です（正式な祝日は前年2月に公表されます）"),
        "projected holidays are labelled"
    );
    let header = rows.iter().position(|r| text(&r[0]) == "日付").unwrap();
    let headers: Vec<String> = rows[header].iter().map(text).collect();
    assert_eq!(
        headers,
        [
            "日付",
            "曜日",
            "オンライン",
            "休止理由",
            "開始",
            "終了",
            "延長",
            "受託者 開始",
            "受託者 終了",
            "備考"
        ]
    );
    // The date is shown in 和暦 by the cell's number format, not a text column.
    let styles = {
        use std::io::Read;
        let file = std::fs::File::open(
            p.path()
                .join("output/xlsx/スケジュール管理ファイル_令和9年度.xlsx"),
        )
        .unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/styles.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    };
    assert!(styles.contains("[$-411]ggge"), "{styles}");
    let days = &rows[header + 1..];
    assert_eq!(days.len(), 366);
    let weekdays = ["月", "火", "水", "木", "金", "土", "日"];
    let holidays = [(3, "憲法記念日"), (4, "みどりの日"), (5, "こどもの日")];
    for day in 1..=31 {
        let date_ = d(2027, 5, day);
        let row = days[(date_ - d(2027, 4, 1)).num_days() as usize];
        assert_eq!(date(&row[0]), date_);
        assert_eq!(
            text(&row[1]),
            weekdays[date_.weekday().num_days_from_monday() as usize]
        );
        let holiday = holidays.iter().find(|(h, _)| *h == day).map(|(_, n)| *n);
        let sunday = date_.weekday() == Weekday::Sun;
        let (status, reason) = match (day, holiday) {
            (15, _) => ("休止", "停止"),
            (_, Some(name)) => ("休止", name),
            _ if sunday => ("休止", "日曜日"),
            _ => ("稼働", ""),
        };
        assert_eq!(text(&row[2]), status, "{date_}");
        assert_eq!(text(&row[3]), reason, "{date_}");
        let online = status == "稼働";
        assert_eq!(time(&row[4]), if online { "8:00" } else { "" }, "{date_}");
        assert_eq!(time(&row[5]), if online { "20:00" } else { "" }, "{date_}");
        assert_eq!(text(&row[6]), "", "{date_}");
        let weekday = !sunday && date_.weekday() != Weekday::Sat && holiday.is_none();
        assert_eq!(time(&row[7]), if weekday { "8:30" } else { "" }, "{date_}");
        assert_eq!(time(&row[8]), if weekday { "20:00" } else { "" }, "{date_}");
        let remarks = text(&row[9]);
        if day == 15 {
            assert_eq!(
                remarks,
                "オンライン停止: 富士通Japan 定期保守; 基盤更新, 再起動（要請: 富士通Japan(株)）\n対応: 案1"
            );
        } else {
            assert_eq!(remarks, "", "{date_}");
        }
    }
    let extension = days[4];
    assert_eq!(date(&extension[0]), d(2027, 4, 5));
    assert_eq!(time(&extension[5]), "21:00");
    assert_eq!(text(&extension[6]), "計画 21:00まで");
    assert_eq!(time(&extension[7]), "8:30");
    assert_eq!(time(&extension[8]), "21:00");
}

#[test]
fn monthly_summary_counts_days_hours_and_extensions() {
    let p = TestProject::fixture("calendar");
    build(&p);
    let mut wb = open(&p);
    let range = wb.worksheet_range("月別集計").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let header = rows.iter().position(|r| text(&r[0]) == "月").unwrap();
    let may = rows[header + 2];
    // The month is a real date shown in 和暦 by its format (one column).
    assert_eq!(date(&may[0]), d(2027, 5, 1));
    let numbers: Vec<f64> = may[1..9].iter().map(num).collect();
    assert_eq!(numbers, [31.0, 22.0, 9.0, 264.0, 0.0, 0.0, 1.0, 0.0]);
    assert_eq!(date(&may[9]), d(2027, 4, 14));
    let total = rows.last().unwrap();
    assert_eq!(text(&total[0]), "合計");
    assert_eq!(num(&total[2]), 293.0);
    assert_eq!(num(&total[4]), 3515.0);
    assert_eq!(num(&total[5]), 1.0);
}

#[test]
fn request_sheet_says_what_when_why_and_who() {
    let p = TestProject::fixture("calendar");
    build(&p);
    let mut wb = open(&p);
    let range = wb.worksheet_range("作業依頼票_R9.4.5").unwrap();
    let fields: Vec<(String, Data)> = range
        .rows()
        .filter(|r| r.len() > 1)
        .map(|r| (text(&r[0]), r[1].clone()))
        .collect();
    let get = |label: &str| {
        fields
            .iter()
            .find(|(l, _)| l == label)
            .unwrap_or_else(|| panic!("no {label}"))
            .1
            .clone()
    };
    assert_eq!(text(&get("依頼番号")), "R9-01");
    assert_eq!(date(&get("依頼日")), d(2027, 3, 12));
    assert_eq!(
        text(&get("依頼先・経路")),
        "自治体コミュニティ基盤（チャットボット）"
    );
    assert_eq!(
        text(&get("依頼者")),
        "受託者（テスト区 国保年金課 の依頼による）"
    );
    assert_eq!(text(&get("依頼種別")), "オンライン時間帯変更");
    assert_eq!(date(&get("対象日")), d(2027, 4, 5));
    assert_eq!(
        text(&get("変更内容")),
        "オンライン終了時刻を 20:00 から 21:00 に延長する"
    );
    assert_eq!(text(&get("理由")), "年度当初の窓口混雑");
    assert_eq!(text(&get("要請元")), "テスト区 業務所管部門");
    assert_eq!(text(&get("区分")), "計画");
    assert_eq!(text(&get("受付番号")), "C-0001");
}

#[test]
fn print_settings_freeze_filter_and_font_are_in_the_file() {
    let p = TestProject::fixture("calendar");
    build(&p);
    let sheet = sheet_xml(&p, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"<pageSetUpPr fitToPage="1"/>"#),
        "{sheet:.400}"
    );
    assert!(sheet.contains(r#"paperSize="9""#), "A4");
    assert!(sheet.contains(r#"orientation="landscape""#));
    assert!(
        sheet.contains(r#"fitToHeight="0""#),
        "one page wide, any height"
    );
    assert!(
        sheet.contains(
            r#"<pane ySplit="8" topLeftCell="A9" activePane="bottomLeft" state="frozen"/>"#
        )
    );
    assert!(sheet.contains(r#"<autoFilter ref="A8:J374"/>"#));
    let workbook = sheet_xml(&p, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"name="_xlnm.Print_Titles" localSheetId="0">オンライン稼働表!$8:$8<"#),
        "header row repeated on every page: {workbook}"
    );
    let styles = sheet_xml(&p, "xl/styles.xml");
    assert!(styles.contains(r#"<name val="ＭＳ ゴシック"/>"#));
    assert!(
        !styles.contains("Calibri"),
        "every cell uses the Japanese font"
    );
    assert!(styles.contains(r#"formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;""#));
    // Sundays and holidays are shaded alike, and unlike a plain weekday.
    let style_of = |cell: &str| {
        let at = sheet.find(&format!(r#"<c r="{cell}""#)).unwrap();
        let rest = &sheet[at..];
        let s = rest.find(" s=\"").unwrap() + 4;
        rest[s..s + rest[s..].find('"').unwrap()].to_string()
    };
    // Row 9 is 2027-04-01 (Thursday), row 12 the Sunday 4/4, row 37 the 4/29 昭和の日.
    assert_ne!(style_of("A9"), style_of("A12"));
    assert_eq!(style_of("A12"), style_of("A37"));
}

#[test]
fn text_that_looks_like_a_formula_stays_text() {
    let p = TestProject::fixture("calendar");
    let yaml = p.read("data/schedule/2027.yaml");
    p.write(
        "data/schedule/2027.yaml",
        &yaml.replace(
            "reason: 年度当初の窓口混雑",
            "reason: \"=HYPERLINK(\\\"http://x\\\",\\\"x\\\")\"",
        ),
    );
    build(&p);
    let mut wb = open(&p);
    let range = wb.worksheet_range("作業依頼票_R9.4.5").unwrap();
    let reason = range
        .rows()
        .find(|r| text(&r[0]) == "理由")
        .map(|r| r[1].clone())
        .unwrap();
    assert_eq!(text(&reason), "=HYPERLINK(\"http://x\",\"x\")");
    let sheet = sheet_xml(&p, "xl/worksheets/sheet3.xml");
    assert!(!sheet.contains("<f>"), "no formula in the request sheet");
    assert!(sheet_xml(&p, "xl/styles.xml").contains(r#"quotePrefix="1""#));
}
