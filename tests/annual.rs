//! `tebiki report --year` and the full build: 年間実績報告書 as PDF (its
//! summary figures read back with pdftotext) and as a workbook read back cell by
//! cell, months before the service-in shown as such, and a year without records
//! refused.

mod common;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use common::{TestProject, pdf, require_pdf_tools};

const AFTER_THE_MONTHS: &str = "2027-03-01";

#[test]
fn report_year_writes_the_pdf_and_the_workbook_of_the_fiscal_year() {
    require_pdf_tools();
    let p = TestProject::fixture("reports");
    let run = p.run_with(
        &["report", "--year", "2026"],
        &[("TEBIKI_TODAY", AFTER_THE_MONTHS)],
    );
    run.assert_ok();
    let text = pdf::squeeze(&pdf::raw_text(
        &p.path().join("output/pdf/annual/fy2026.pdf"),
    ));
    for expected in [
        "年間実績報告書令和8年度",
        "問合せ期限内解決率は目標値がないため判定していません（年度1/2（50.00%））",
        "令和8年度の2か月（1月・2月）を報告します",
        "4月〜12月サービスイン前",
        "3月記録なし",
        // The hand-worked hours of the fixture (see tests/work_log.rs): 1100 + 570 minutes.
        "作業時間27:50（うちオンコール対応0:20）",
        "合計18:209:3027:50",
        "運用保守定例会",
        // Inquiries by channel and category, incidents with their notification time.
        "問合せ・依頼（窓口別・分類別）",
        "自治体コミュニティ基盤（チャットボット）",
        "障害（通報時間）",
        "検知から",
        // ⑧ and what became of it, from the proposal's front matter.
        "延長判断チェックリストの導入—オンライン延長の可否判断をチェックリストで標準化する。結果:採用（令和9年2月の業務担当者会議で決定）",
    ] {
        assert!(text.contains(expected), "{expected} missing in:\n{text}");
    }
    let mut wb: Xlsx<_> =
        open_workbook(p.path().join("output/xlsx/年間実績報告書_令和8年度.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["月別実績", "月別件数", "サービスレベル", "作業時間"]
    );
    let months = wb.worksheet_range("月別実績").unwrap();
    let rows: Vec<Vec<Data>> = months.rows().map(|r| r.to_vec()).collect();
    let at = rows.iter().position(|r| r[0] == "月").unwrap();
    assert_eq!(rows.len() - at - 1, 12, "April to March");
    let april = &rows[at + 1];
    assert_eq!(april[1], "サービスイン前");
    assert_eq!(april[2], Data::Empty, "not a zero");
    assert_eq!(rows[at + 10][1], Data::Empty, "January is in service");
    assert_eq!(rows[at + 12][1], "記録なし");
    let counts = wb.worksheet_range("月別件数").unwrap();
    let january = counts
        .rows()
        .find(|r| {
            r[0].as_datetime()
                .is_some_and(|d| d.date().to_string() == "2027-01-01")
        })
        .expect("January")
        .to_vec();
    assert_eq!(january[9], Data::Float(1100.0), "minutes of January");
    let hours = wb.worksheet_range("作業時間").unwrap();
    let total = hours
        .rows()
        .find(|r| r[0] == "合計")
        .expect("a total row")
        .to_vec();
    assert_eq!(
        total[1..],
        [Data::Float(1100.0), Data::Float(570.0), Data::Float(1670.0)]
    );
}

#[test]
fn the_build_makes_one_annual_report_per_fiscal_year_with_records() {
    require_pdf_tools();
    let p = TestProject::fixture("reports");
    p.run_with(&["build"], &[("TEBIKI_TODAY", AFTER_THE_MONTHS)])
        .assert_ok();
    assert!(p.path().join("output/pdf/annual/fy2026.pdf").is_file());
    assert!(!p.path().join("output/pdf/annual/fy2027.pdf").exists());
    assert!(
        p.path()
            .join("output/xlsx/年間実績報告書_令和8年度.xlsx")
            .is_file()
    );
}

#[test]
fn a_year_without_records_is_refused_and_month_and_year_do_not_mix() {
    let p = TestProject::fixture("reports");
    let run = p.run_with(
        &["report", "--year", "2025"],
        &[("TEBIKI_TODAY", AFTER_THE_MONTHS)],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("令和7年度（2025）にはサービスイン後の記録がない"),
        "{}",
        run.stderr
    );
    let both = p.run(&["report", "--year", "2026", "--month", "2027-01"]);
    assert_eq!(both.code, 2, "{}", both.stderr);
}
