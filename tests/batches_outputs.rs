//! What the batch data builds: ② the external parameter file (byte for byte, in
//! UTF-8 and CP932), ② the setting workbook and ①'s nightly-batch sheet read
//! back with calamine, and the site pages (catalog, job, deadlines, notices,
//! backup log) parsed as HTML.

mod common;

use std::io::Read;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use chrono::NaiveDate;
use common::TestProject;
use scraper::{Html, Selector};

const TODAY: &str = "2027-01-20";
const PARAM_FILE: &str = "output/params/yakan-param-2027-01.txt";
const SHEET_BOOK: &str = "output/xlsx/外部パラメータファイル設定シート_令和9年1月分.xlsx";
const SCHEDULE_BOOK: &str = "output/xlsx/スケジュール管理ファイル_令和8年度.xlsx";

/// The fixture's parameter file with the default template.
const EXPECTED: &str = "H,202701,令和9年1月分,テスト区,20270120,3
D,1,20270104,N-LINK,住民記録連携,KUBUN=1,\"MEMO=初回, 確認\"
D,2,20270105,N-LINK,住民記録連携,KUBUN=2,\"MEMO=初回, 確認\"
D,3,20270130,N-UPDATE,日次更新,KIJUNBI=20270130,GETSUMATSU=1
T,3
";

fn build(p: &TestProject) {
    p.run_with(&["build", "--no-pdf"], &[("TEBIKI_TODAY", TODAY)])
        .assert_ok();
}

fn bytes(p: &TestProject, rel: &str) -> Vec<u8> {
    std::fs::read(p.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn use_cp932(p: &TestProject) {
    let config = p.read("tebiki.yaml");
    p.write(
        "tebiki.yaml",
        &config
            .replace("encoding: utf-8", "encoding: cp932")
            .replace("line_ending: lf", "line_ending: crlf"),
    );
}

#[test]
fn the_parameter_file_is_written_byte_for_byte_in_utf8_with_lf() {
    let p = TestProject::fixture("batches");
    build(&p);
    assert_eq!(String::from_utf8(bytes(&p, PARAM_FILE)).unwrap(), EXPECTED);
    assert_eq!(bytes(&p, PARAM_FILE), EXPECTED.as_bytes());
}

#[test]
fn the_parameter_file_is_written_byte_for_byte_in_cp932_with_crlf() {
    let p = TestProject::fixture("batches");
    use_cp932(&p);
    build(&p);
    let actual = bytes(&p, PARAM_FILE);
    let golden = common::repo_root().join("tests/golden/batches/yakan-param-2027-01.cp932.txt");
    if std::env::var_os("TEBIKI_BLESS").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &actual).unwrap();
    }
    let expected = std::fs::read(&golden).expect("golden file; run with TEBIKI_BLESS=1");
    assert_eq!(actual, expected);
    // The golden file itself is CP932 with CRLF: it decodes to the text above…
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(&expected);
    assert!(!had_errors);
    assert_eq!(text, EXPECTED.replace('\n', "\r\n"));
    // …and holds 日次更新 as its four double-byte codes.
    let nichiji_koshin = [0x93, 0xFA, 0x8E, 0x9F, 0x8D, 0x58, 0x90, 0x56];
    assert!(expected.windows(8).any(|w| w == nichiji_koshin));
    assert!(!expected.contains(&b'?'), "nothing was replaced by ?");
}

#[test]
fn a_fixed_width_template_pads_by_bytes_of_the_encoding() {
    let p = TestProject::fixture("batches");
    use_cp932(&p);
    p.write(
        "templates/batch-params/param-file.txt",
        "{% for run in runs %}{{ run.date }}{{ run.job.id | pad(width=10) }}{{ run.job.name | pad(width=14) }}{{ run.seq | pad(width=4, align=\"right\", fill=\"0\") }}\n{% endfor %}",
    );
    build(&p);
    let mut expected = Vec::new();
    for (date, id, name, n) in [
        ("20270104", "N-LINK    ", "住民記録連携  ", "0001"),
        ("20270105", "N-LINK    ", "住民記録連携  ", "0002"),
        ("20270130", "N-UPDATE  ", "日次更新      ", "0003"),
    ] {
        let line = format!("{date}{id}{name}{n}\r\n");
        expected.extend_from_slice(&encoding_rs::SHIFT_JIS.encode(&line).0);
    }
    let actual = bytes(&p, PARAM_FILE);
    assert_eq!(actual, expected);
    // 8 + 10 + 14 + 4 bytes and CRLF on every record.
    assert!(
        actual
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .all(|l| l.len() == 37)
    );

    // In UTF-8 the same name takes 18 bytes and no longer fits its 14.
    let config = p.read("tebiki.yaml");
    p.write(
        "tebiki.yaml",
        &config.replace("encoding: cp932", "encoding: utf-8"),
    );
    let run = p.run_with(&["build", "--no-pdf"], &[("TEBIKI_TODAY", TODAY)]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("templates/batch-params/param-file.txt")
            && run
                .stderr
                .contains("`住民記録連携` は 18 バイトで、幅 14 バイトに収まりません"),
        "{}",
        run.stderr
    );
}

fn open(p: &TestProject, rel: &str) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(p.path().join(rel)).expect("workbook opens")
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

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn rows(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<Vec<Data>> {
    let range = wb.worksheet_range(sheet).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

fn xml(p: &TestProject, book: &str, part: &str) -> String {
    let file = std::fs::File::open(p.path().join(book)).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut out = String::new();
    zip.by_name(part).unwrap().read_to_string(&mut out).unwrap();
    out
}

#[test]
fn the_setting_workbook_reads_back_with_real_dates_and_values() {
    let p = TestProject::fixture("batches");
    build(&p);
    let mut wb = open(&p, SHEET_BOOK);
    assert_eq!(
        wb.sheet_names(),
        ["表紙", "パラメータ設定", "実行日一覧", "ジョブ定義"]
    );

    let cover = rows(&mut wb, "表紙");
    let value = |label: &str| {
        cover
            .iter()
            .find(|r| text(&r[0]) == label)
            .unwrap_or_else(|| panic!("no {label}"))[1]
            .clone()
    };
    assert_eq!(text(&value("対象")), "令和9年1月分（2027-01）");
    assert_eq!(date(&value("確定期限")), d(2026, 12, 28));
    assert_eq!(date(&value("確定日")), d(2026, 12, 24));
    assert_eq!(date(&value("アップロード日")), d(2026, 12, 25));
    assert_eq!(text(&value("確定者")), "テスト区 国保年金課");
    assert_eq!(
        text(&value("外部パラメータファイル")),
        "yakan-param-2027-01.txt"
    );

    let settings = rows(&mut wb, "パラメータ設定");
    assert_eq!(
        text(&settings[0][0]),
        "夜間日次バッチ パラメータ設定（令和9年1月分）"
    );
    let header = settings.iter().position(|r| text(&r[0]) == "No").unwrap();
    let headers: Vec<String> = settings[header].iter().map(text).collect();
    assert_eq!(
        headers,
        [
            "No",
            "処理日",
            "曜日",
            "ジョブID",
            "ジョブ名",
            "業務",
            "パラメータ1",
            "値1",
            "パラメータ2",
            "値2",
            "設定内容"
        ]
    );
    let data = &settings[header + 1..];
    assert_eq!(data.len(), 3);
    assert_eq!(date(&data[0][1]), d(2027, 1, 4));
    assert_eq!(text(&data[0][2]), "月");
    assert_eq!(text(&data[1][3]), "N-LINK");
    // A numeric choice is a number, not text stored as a number.
    assert_eq!(text(&data[1][6]), "KUBUN");
    assert_eq!(data[1][7], Data::Float(2.0));
    assert_eq!(
        text(&data[1][10]),
        "連携区分: 2（再取込）\n備考: 初回, 確認"
    );
    // A date parameter is a real date too.
    assert_eq!(text(&data[2][6]), "KIJUNBI");
    assert_eq!(date(&data[2][7]), d(2027, 1, 30));

    // The editable cells carry validation lists: the job ids and a choice's values.
    let sheet = xml(&p, SHEET_BOOK, "xl/worksheets/sheet2.xml");
    assert!(
        sheet.contains("<formula1>\"F-NIGHT,N-UPDATE,N-LINK\"</formula1>"),
        "{sheet}"
    );
    assert!(sheet.contains("<formula1>\"1,2\"</formula1>"), "{sheet}");
    assert!(
        sheet.contains("<pane ") && sheet.contains("state=\"frozen\""),
        "frozen header"
    );

    let days = rows(&mut wb, "実行日一覧");
    let jan4 = days
        .iter()
        .find(|r| r[0].is_datetime() && date(&r[0]) == d(2027, 1, 4))
        .unwrap();
    assert_eq!(text(&jan4[3]), "○");
    let jan3 = days
        .iter()
        .find(|r| r[0].is_datetime() && date(&r[0]) == d(2027, 1, 3))
        .unwrap();
    assert!(text(&jan3[2]).starts_with("なし"), "{:?}", jan3);
}

#[test]
fn text_that_looks_like_a_formula_stays_text_in_the_setting_workbook() {
    let p = TestProject::fixture("batches");
    let catalog = p.read("data/batches/kyotsu.yaml");
    p.write(
        "data/batches/kyotsu.yaml",
        &catalog.replace("name: 日次更新", "name: \"=1+1 日次更新\""),
    );
    build(&p);
    let mut wb = open(&p, SHEET_BOOK);
    let settings = rows(&mut wb, "パラメータ設定");
    assert!(settings.iter().any(|r| text(&r[4]) == "=1+1 日次更新"));
    let formulas = wb.worksheet_formula("パラメータ設定").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formulas"
    );
}

#[test]
fn the_schedule_workbook_has_a_nightly_batch_sheet() {
    let p = TestProject::fixture("batches");
    build(&p);
    let mut wb = open(&p, SCHEDULE_BOOK);
    assert!(
        wb.sheet_names().contains(&"夜間日次バッチ".to_string()),
        "{:?}",
        wb.sheet_names()
    );
    let sheet = rows(&mut wb, "夜間日次バッチ");
    let header = sheet.iter().position(|r| text(&r[0]) == "日付").unwrap();
    let day = |date_: NaiveDate| {
        sheet[header + 1..]
            .iter()
            .find(|r| date(&r[0]) == date_)
            .unwrap_or_else(|| panic!("no row for {date_}"))
            .clone()
    };
    let jan5 = day(d(2027, 1, 5));
    assert_eq!(text(&jan5[4]), "N-LINK");
    let jan30 = day(d(2027, 1, 30));
    assert_eq!(text(&jan30[4]), "N-UPDATE");
    assert!(
        sheet
            .iter()
            .any(|r| text(&r[0])
                == "ジョブ: F-NIGHT 賦課日次／N-UPDATE 日次更新／N-LINK 住民記録連携"),
        "the legend names the jobs"
    );
    // Values other than the default: the night's KUBUN and the month's MEMO.
    assert_eq!(
        text(&jan5[5]),
        "N-LINK 連携区分=2（再取込）\nN-LINK 備考=初回, 確認"
    );
    assert_eq!(text(&jan5[6]), "2027-01");
    assert_eq!(text(&jan5[7]), "アップロード済み");
    let sunday = day(d(2027, 1, 10));
    assert_eq!(text(&sunday[7]), "実行なし（オンライン運用なし）");
    let feb = day(d(2027, 2, 1));
    assert_eq!(text(&feb[7]), "未作成");
    assert_eq!(date(&feb[8]), d(2027, 1, 29));
}

fn page(p: &TestProject, rel: &str) -> Html {
    Html::parse_document(&p.read(&format!("output/site/{rel}")))
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn the_catalog_page_lists_every_job_with_filter_data() {
    let p = TestProject::fixture("batches");
    build(&p);
    let doc = page(&p, "batches/catalog.html");
    let sel = Selector::parse("#batch-table tbody tr").unwrap();
    let rows: Vec<_> = doc.select(&sel).collect();
    assert_eq!(rows.len(), 6);
    let kinds: Vec<&str> = rows
        .iter()
        .map(|r| r.value().attr("data-kind").unwrap())
        .collect();
    // Sections in file-name order: fuka.yaml, then kyotsu.yaml.
    assert_eq!(
        kinds,
        [
            "nightly", "yearly", "monthly", "nightly", "nightly", "online"
        ]
    );
    assert_eq!(rows[1].value().attr("data-business"), Some("賦課"));
    assert_eq!(rows[5].value().attr("data-runner"), Some("受託者"));
    assert_eq!(texts(&doc, "select[name=kind] option").len(), 5);
    assert!(
        p.read("output/site/assets/batches.js")
            .contains("data-kind")
    );
    // Illustrative jobs are marked as such.
    assert_eq!(texts(&doc, "#batch-table .badge-illustrative").len(), 3);
}

#[test]
fn a_job_page_says_what_who_when_parameters_and_what_to_do_on_failure() {
    let p = TestProject::fixture("batches");
    build(&p);
    let doc = page(&p, "batches/jobs/N-LINK.html");
    let facts = texts(&doc, ".batch-facts div").join("\n");
    assert!(facts.contains("種類夜間日次バッチ"), "{facts}");
    assert!(
        facts.contains("実行者運用事業者（システムの自動運用）"),
        "{facts}"
    );
    let params = texts(&doc, "#params ~ .table-wrap tbody tr");
    assert_eq!(
        params,
        [
            "KUBUN連携区分選択1: 通常2: 再取込1（通常）",
            "MEMO備考文字列10 文字以内なし"
        ]
    );
    assert_eq!(texts(&doc, "#failure ~ ol li"), ["翌晩に再取込する。"]);
    assert_eq!(texts(&doc, "#order ~ ul a"), ["N-UPDATE 日次更新"]);
    // Nightly jobs hang under the parameters page (§4.4).
    assert_eq!(
        texts(&doc, ".breadcrumbs li")[1..],
        ["バッチ", "パラメータ", "N-LINK 住民記録連携"]
    );
    let backup = page(&p, "batches/jobs/BACKUP.html");
    let facts = texts(&backup, ".batch-facts div").join("\n");
    assert!(
        facts.contains("窓口業務終了後の 18:00〜20:00 に業務オンライン端末から実行"),
        "{facts}"
    );
}

#[test]
fn the_deadline_page_shows_each_month_and_where_it_stands() {
    let p = TestProject::fixture("batches");
    build(&p);
    let doc = page(&p, "batches/deadlines.html");
    let rows = texts(&doc, ".deadline-table tbody tr");
    assert_eq!(rows.len(), 15, "{rows:?}");
    assert_eq!(
        rows[0],
        "令和9年1月 令和8年12月28日（月） 月単位 アップロード済み"
    );
    assert_eq!(
        rows[1],
        "令和9年2月 令和9年1月29日（金） 期限が近い 月単位 未作成"
    );
    // January 2028: the year-end closure starts on the 29th.
    assert_eq!(rows[12], "令和10年1月 令和9年12月28日（火） 月単位 未作成");
    let period = page(&p, "batches/params/2027-01.html");
    assert_eq!(
        texts(&period, ".job-legend li"),
        ["N-LINK 住民記録連携", "N-UPDATE 日次更新"]
    );
    let nights = texts(&period, ".nights tbody tr");
    assert_eq!(
        nights[1],
        "令和9年1月5日（火）N-LINKN-LINK 連携区分: 2（再取込）N-LINK 備考: 初回, 確認"
    );
}

#[test]
fn each_planned_business_batch_gets_a_printable_notice() {
    let p = TestProject::fixture("batches");
    build(&p);
    let list = page(&p, "batches/notices.html");
    let coming = texts(&list, "#coming + .table-wrap tbody tr");
    assert_eq!(coming.len(), 1, "{coming:?}");
    assert!(
        coming[0].starts_with("令和9年2月9日（火） 当初賦課（本算定） F-HONSAN"),
        "{coming:?}"
    );
    let past = texts(&list, "#past + .table-wrap tbody tr");
    assert!(
        past[0].starts_with("令和9年1月12日（火） 月次更正"),
        "{past:?}"
    );

    let doc = page(&p, "batches/notices/2027-02-09-F-HONSAN.html");
    let notice = texts(&doc, ".notice").join("");
    for expected in [
        "業務バッチ実施のお知らせ当初賦課（本算定）",
        "国保年金課 賦課係・関係各係 職員各位",
        "実施日令和9年2月9日（火）",
        "18:00 開始予定",
        "賦課年度: 2026",
        "処理区分: 2（本番）",
        "実行日の 18:00 以降は、保険料の登録・変更を行わないでください。",
        "試算の結果を確認してから実行する。",
        "国保年金課（電話）: 03-1234-5678",
    ] {
        assert!(notice.contains(expected), "missing {expected} in {notice}");
    }
    // The notice goes out five business days before: 2/2 (Tue).
    assert_eq!(texts(&doc, ".notice-date"), ["令和9年2月2日（火）"]);
    // The print stylesheet hides the site around the notice.
    let css = p.read("output/site/assets/batches.css");
    assert!(
        css.contains("@media print") && css.contains(".site-nav"),
        "{css}"
    );
    assert!(
        p.read("output/site/batches/notices/2027-02-09-F-HONSAN.html")
            .contains("assets/batches.css")
    );
}

#[test]
fn the_backup_log_lists_the_newest_first_with_results() {
    let p = TestProject::fixture("batches");
    build(&p);
    let doc = page(&p, "batches/backups.html");
    let rows = texts(&doc, ".backup-table tbody tr");
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0]
            .starts_with("令和9年1月13日（水） 18:10〜 業務データ一式 試験 一郎 異常終了 容量不足"),
        "{rows:?}"
    );
    assert!(rows[0].contains("問合せ番号: INC-0001"), "{rows:?}");
    assert!(
        rows[1].contains("18:05〜18:40") && rows[1].contains("正常終了"),
        "{rows:?}"
    );
}

#[test]
fn a_handbook_without_a_catalog_has_no_batch_pages_or_deadlines() {
    let p = TestProject::fixture("basic");
    p.run_with(&["build", "--no-pdf"], &[("TEBIKI_TODAY", "2030-01-01")])
        .assert_ok();
    assert!(!p.path().join("output/site/batches").exists());
    assert!(!p.path().join("output/params").exists());
}
