//! The record ledgers (③④⑤⑦) and the cost estimate read back cell by cell with
//! calamine: real dates, text that looks like a formula kept as text, the
//! fiscal-year switch sheet, and the cost estimate's live formulas with their
//! cached values. Also the file-server layout of the deliverables.

mod common;

use calamine::{Data, DataType, Range, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use common::TestProject;

fn built() -> TestProject {
    let p = TestProject::fixture("records");
    p.run_with(&["build", "--no-pdf"], &[("TEBIKI_TODAY", "2027-01-26")])
        .assert_ok();
    p
}

fn open(p: &TestProject, file: &str) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(p.path().join("output/xlsx").join(file)).expect("workbook opens")
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        Some(Data::String(s)) => s.clone(),
        None | Some(Data::Empty) => String::new(),
        Some(other) => panic!("expected text, found {other:?}"),
    }
}

/// The row whose first cell is `header`, and the rows after it.
fn table(range: &Range<Data>, header: &str) -> Vec<Vec<Data>> {
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let at = rows
        .iter()
        .position(|r| text(r.first()) == header)
        .unwrap_or_else(|| panic!("no header row {header}"));
    rows[at..].to_vec()
}

/// The index of the column headed `header` in a table's first row.
fn column(t: &[Vec<Data>], header: &str) -> usize {
    t[0].iter()
        .position(|h| text(Some(h)) == header)
        .unwrap_or_else(|| panic!("no column {header}"))
}

fn date(cell: &Data) -> NaiveDate {
    assert!(cell.is_datetime(), "not a date: {cell:?}");
    cell.as_datetime().unwrap().date()
}

#[test]
fn the_master_update_ledger_has_one_row_per_update_with_real_dates() {
    let p = built();
    let mut wb = open(&p, "マスタ更新記録.xlsx");
    assert_eq!(wb.sheet_names(), ["マスタ更新記録", "マスタ更新記録_詳細"]);
    let range = wb.worksheet_range("マスタ更新記録").unwrap();
    assert_eq!(text(range.get_value((0, 0))), "③ マスタ更新記録");
    let t = table(&range, "No.");
    let header: Vec<String> = t[0].iter().map(|c| text(Some(c))).collect();
    assert_eq!(header[..5], ["No.", "ID", "更新日", "マスタ", "反映方法"]);
    assert_eq!(t.len(), 2);
    let row = &t[1];
    assert_eq!(row[0], Data::Float(1.0));
    assert_eq!(text(Some(&row[1])), "M1");
    assert_eq!(date(&row[2]), NaiveDate::from_ymd_opt(2027, 1, 7).unwrap());
    assert_eq!(text(Some(&row[3])), "端末・プリンタ紐づけ");
    // Starts with `+`: stays text.
    assert_eq!(text(Some(&row[5])), "+端末3台をプリンタに関連付け");
    assert_eq!(text(Some(&row[7])), "架空 二郎");
}

#[test]
fn text_that_looks_like_a_formula_is_written_as_text() {
    let p = built();
    let mut wb = open(&p, "問合せ・障害対応記録.xlsx");
    assert_eq!(
        wb.sheet_names(),
        [
            "問合せ・依頼",
            "問合せ・依頼_詳細",
            "障害",
            "障害_詳細",
            "障害対応経過"
        ]
    );
    let range = wb.worksheet_range("問合せ・依頼").unwrap();
    let t = table(&range, "ID");
    let q1 = &t[1];
    assert_eq!(text(Some(&q1[0])), "Q1");
    assert_eq!(
        text(Some(&q1[5])),
        "=HYPERLINK(\"http://example.invalid\",\"x\")"
    );
    // Nothing in the sheet is a formula.
    let formulas = wb.worksheet_formula("問合せ・依頼").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formulas expected"
    );
    // Received at: a real date-time.
    let at = q1[1].as_datetime().expect("a date-time");
    assert_eq!(at.to_string(), "2027-01-05 10:00:00");
    // The ledger's 状態 is one of the list's values; the overdue row is shaded
    // (the sheet's note says what yellow means).
    let status = column(&t, "状態");
    assert_eq!(text(Some(&t[2][status])), "対応中");
    // The answer is on the detail sheet, in the row of its ID.
    let detail = wb.worksheet_range("問合せ・依頼_詳細").unwrap();
    let d = table(&detail, "ID");
    assert_eq!(text(Some(&d[1][0])), "Q1");
    assert_eq!(d[0].len(), 3, "ID, 回答・対応, 備考");
    let incidents = wb.worksheet_range("障害").unwrap();
    let t = table(&incidents, "ID");
    assert_eq!(t.len(), 3);
    assert_eq!(text(Some(&t[1][1])), "ログイン不可");
    let done = column(&t, "完了報告");
    assert_eq!(
        date(&t[1][done]),
        NaiveDate::from_ymd_opt(2027, 1, 19).unwrap()
    );
    assert_eq!(t[2][done], Data::Empty, "I2 has no completion report");
    // Several status reports: a real date in a column each, not one text cell.
    let first = column(&t, "状況報告1");
    assert!(t[1][first].is_datetime(), "{:?}", t[1][first]);
    assert!(t[0].iter().all(|h| text(Some(h)) != "状況報告"));
}

#[test]
fn the_account_ledger_holds_the_history_and_the_fiscal_year_switch() {
    let p = built();
    let mut wb = open(&p, "アカウント・組織・権限管理台帳.xlsx");
    assert_eq!(
        wb.sheet_names(),
        ["台帳", "登録・更新・削除履歴", "年度切替_令和9年度"]
    );
    let ledger = wb.worksheet_range("台帳").unwrap();
    let t = table(&ledger, "ユーザーID");
    let ids: Vec<String> = t[1..].iter().map(|r| text(r.first())).collect();
    assert_eq!(ids, ["U001", "U002"]);
    assert_eq!(text(Some(&t[1][1])), "架空 花子");
    let history = wb.worksheet_range("登録・更新・削除履歴").unwrap();
    let t = table(&history, "日付");
    let ops: Vec<String> = t[1..].iter().map(|r| text(Some(&r[1]))).collect();
    assert_eq!(ops, ["登録", "登録", "更新"]);
    let switch = wb.worksheet_range("年度切替_令和9年度").unwrap();
    let t = table(&switch, "操作");
    let lines: Vec<(String, String, String)> = t[1..]
        .iter()
        .map(|r| (text(Some(&r[0])), text(Some(&r[1])), text(Some(&r[3]))))
        .collect();
    assert_eq!(
        lines,
        [
            ("登録".into(), "U003".into(), "資格係".into()),
            ("更新".into(), "U001".into(), "給付係".into()),
            ("削除".into(), "U002".into(), "給付係".into()),
        ]
    );
}

#[test]
fn the_meeting_list_tracks_action_items_across_meetings() {
    let p = built();
    let mut wb = open(&p, "会議一覧・アクションアイテム.xlsx");
    let meetings = wb.worksheet_range("会議一覧").unwrap();
    let t = table(&meetings, "ID");
    assert_eq!(t.len(), 3);
    assert_eq!(text(Some(&t[1][4])), "運用保守定例会");
    let actions = wb.worksheet_range("アクションアイテム").unwrap();
    let t = table(&actions, "ID");
    let status: Vec<(String, String)> = t[1..]
        .iter()
        .map(|r| (text(Some(&r[0])), text(Some(&r[4]))))
        .collect();
    assert_eq!(
        status,
        [
            // Overdue: a value of the list, the row shaded yellow (the sheet's note).
            ("AI-1".into(), "未完了".into()),
            ("AI-2".into(), "完了".into())
        ]
    );
    // Each later meeting's word on an item is a row of its own, with a real date.
    assert_eq!(
        wb.sheet_names(),
        [
            "会議一覧",
            "会議一覧_詳細",
            "アクションアイテム",
            "アクションアイテム経過"
        ]
    );
    let followups = wb.worksheet_range("アクションアイテム経過").unwrap();
    let t = table(&followups, "ID");
    assert!(t.len() > 1, "{t:?}");
    assert!(t[1..].iter().all(|r| r[1].is_datetime()), "{t:?}");
    assert_eq!(text(Some(&t[1][0])), "AI-2");
}

#[test]
fn the_cost_estimate_totals_are_live_formulas_with_the_right_cached_values() {
    let p = built();
    let mut wb = open(&p, "費用見積.xlsx");
    let values = wb.worksheet_range("費用見積").unwrap();
    let formulas = wb.worksheet_formula("費用見積").unwrap();
    let t = table(&values, "項目");
    let header: Vec<String> = t[0].iter().map(|c| text(Some(c))).collect();
    assert_eq!(header[0..2], ["項目", "内容"]);
    assert!(header[2].starts_with("令和8年度") && header[3].starts_with("令和9年度"));
    assert_eq!(header[4], "2か年度合計");
    // Rows are data: 人件費, then a row whose name starts with `=` (kept as text).
    assert_eq!(text(Some(&t[1][0])), "人件費");
    assert_eq!(text(Some(&t[2][0])), "=教育費");
    assert_eq!(t[1][2], Data::Float(1_000_000.0));
    assert_eq!(t[1][3], Data::Float(4_000_000.0));
    // Cached values of the formulas.
    assert_eq!(t[1][4], Data::Float(5_000_000.0));
    assert_eq!(t[2][4], Data::Float(70_000.0));
    assert_eq!(text(Some(&t[3][0])), "合計");
    assert_eq!(t[3][2], Data::Float(1_050_000.0));
    assert_eq!(t[3][3], Data::Float(4_020_000.0));
    assert_eq!(t[3][4], Data::Float(5_070_000.0));
    // The formulas themselves, by Excel's 1-based row numbers.
    let header_row = values
        .rows()
        .position(|r| text(r.first()) == "項目")
        .unwrap() as u32;
    let f = |row: u32, col: u32| formulas.get_value((row, col)).cloned().unwrap_or_default();
    let first = header_row + 2; // 1-based Excel row of the first amount row
    assert_eq!(f(header_row + 1, 4), format!("SUM(C{first}:D{first})"));
    assert_eq!(
        f(header_row + 3, 2),
        format!("SUM(C{first}:C{})", first + 1)
    );
    assert_eq!(
        f(header_row + 3, 4),
        format!("SUM(E{first}:E{})", first + 1)
    );
    // The RFI's breakdown: first year, later years, total, pointing at the totals.
    let total_row = header_row + 4; // 1-based row of 合計
    let summary: Vec<(String, String, Data)> = (header_row + 5..header_row + 8)
        .map(|r| {
            (
                text(values.get_value((r, 0))),
                f(r, 1),
                values.get_value((r, 1)).cloned().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "初年度経費".into(),
                format!("C{total_row}"),
                Data::Float(1_050_000.0)
            ),
            (
                "2年度目以降の年額経費".into(),
                format!("D{total_row}"),
                Data::Float(4_020_000.0)
            ),
            (
                "トータル2か年度の経費".into(),
                format!("E{total_row}"),
                Data::Float(5_070_000.0)
            ),
        ]
    );
}

#[test]
fn file_server_deliverables_are_laid_out_in_its_folders() {
    let p = built();
    let files = common::list_files(&p.path().join("output/fileserver"));
    assert_eq!(files, ["運用/台帳/アカウント・組織・権限管理台帳.xlsx"]);
    let a = std::fs::read(
        p.path()
            .join("output/fileserver/運用/台帳/アカウント・組織・権限管理台帳.xlsx"),
    )
    .unwrap();
    let b = std::fs::read(
        p.path()
            .join("output/xlsx/アカウント・組織・権限管理台帳.xlsx"),
    )
    .unwrap();
    assert_eq!(a, b);
}

#[test]
fn ledgers_are_set_up_for_a4_printing_with_a_frozen_filtered_header() {
    use std::io::Read;
    let p = built();
    let file = std::fs::File::open(p.path().join("output/xlsx/問合せ・障害対応記録.xlsx")).unwrap();
    let mut zip = zip_entry(file, "xl/worksheets/sheet1.xml");
    let mut xml = String::new();
    zip.read_to_string(&mut xml).unwrap();
    assert!(xml.contains("paperSize=\"9\""), "A4");
    assert!(xml.contains("<autoFilter"), "autofilter");
    assert!(xml.contains("state=\"frozen\""), "frozen header");
    assert!(xml.contains("orientation=\"landscape\""));
}

fn zip_entry(file: std::fs::File, name: &str) -> std::io::Cursor<Vec<u8>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut bytes = Vec::new();
    entry.read_to_end(&mut bytes).unwrap();
    std::io::Cursor::new(bytes)
}

/// 対応者 is one entry of the inquiry declaration, shown by the site list, the
/// ledger and the monthly report alike: each output finds it under the same
/// header with the staff member's name.
#[test]
fn who_handled_an_inquiry_is_in_the_list_the_ledger_and_the_report() {
    let p = built();
    let mut wb = open(&p, "問合せ・障害対応記録.xlsx");
    let range = wb.worksheet_range("問合せ・依頼").unwrap();
    let t = table(&range, "ID");
    let col = t[0].iter().position(|h| text(Some(h)) == "対応者").unwrap();
    assert_eq!(text(Some(&t[2][col])), "架空 二郎");

    let html = p.read("output/site/records/inquiries/index.html");
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let headers: Vec<String> = doc
        .select(&sel("thead th"))
        .map(|e| e.text().collect::<String>())
        .collect();
    let col = headers.iter().position(|h| h == "対応者").unwrap();
    let q2 = doc.select(&sel("tbody tr")).nth(1).unwrap();
    let cell = q2.select(&sel("td")).nth(col).unwrap();
    assert_eq!(cell.text().collect::<String>(), "架空 二郎");

    let project = p.load();
    let report = tebiki::render::pdf::monthly::document(&project, 2027, 1);
    let notable = report.data["records"][0]["parts"][2]["table"].clone();
    let col = notable["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|h| h == "対応者")
        .unwrap();
    assert_eq!(notable["rows"][1][col], "架空 二郎");
}

/// Every sheet of every workbook says on each printed page which workbook
/// (`&F`, its file name) and sheet (`&A`) it is and when it was made, and
/// numbers its pages.
#[test]
fn every_printed_sheet_has_the_workbook_sheet_and_date_in_its_header() {
    use std::io::Read;
    let p = built();
    let dir = p.path().join("output/xlsx");
    let mut sheets = 0;
    for file in common::list_files(&dir) {
        let mut archive =
            zip::ZipArchive::new(std::fs::File::open(dir.join(&file)).unwrap()).unwrap();
        let names: Vec<String> = archive
            .file_names()
            .filter_map(Result::ok)
            .filter(|n| n.starts_with("xl/worksheets/sheet"))
            .map(|n| n.to_string())
            .collect();
        assert!(!names.is_empty(), "{file}");
        for name in names {
            let mut xml = String::new();
            archive
                .by_name(&name)
                .unwrap()
                .read_to_string(&mut xml)
                .unwrap();
            assert!(
                xml.contains(
                    "<oddHeader>&amp;L&amp;F&amp;C&amp;A&amp;R作成日 令和9年1月26日</oddHeader>"
                ),
                "{file} {name}: {xml}"
            );
            assert!(
                xml.contains("<oddFooter>&amp;C&amp;P / &amp;N</oddFooter>"),
                "{file} {name}"
            );
            sheets += 1;
        }
    }
    assert!(sheets >= 10, "{sheets} sheets");
}

/// A column whose values are a fixed set offers them as a drop-down list over
/// its data rows, the status columns of ⑤ and ⑦ included.
#[test]
fn fixed_value_columns_carry_a_list_of_their_values() {
    let p = built();
    let file = std::fs::File::open(p.path().join("output/xlsx/問合せ・障害対応記録.xlsx")).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip_entry(file, "xl/worksheets/sheet1.xml"), &mut xml)
        .unwrap();
    assert!(
        xml.contains("<formula1>\"自治体コミュニティ基盤（チャットボット）,コンタクトセンター,緊急連絡窓口,国保中央会サポートサイト,区職員\"</formula1>"),
        "{xml}"
    );
    assert!(
        xml.contains("<formula1>\"対応中,解決,取下げ\"</formula1>"),
        "{xml}"
    );
    let file = std::fs::File::open(
        p.path()
            .join("output/xlsx/会議一覧・アクションアイテム.xlsx"),
    )
    .unwrap();
    let mut actions = String::new();
    std::io::Read::read_to_string(
        &mut zip_entry(file, "xl/worksheets/sheet3.xml"),
        &mut actions,
    )
    .unwrap();
    assert!(
        actions.contains("<formula1>\"未完了,完了,取りやめ\"</formula1>"),
        "{actions}"
    );
}
