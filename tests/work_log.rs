//! 作業日誌: the checks of §6 and §8 at their lines, the hours ⑥ prints against
//! a hand-worked month of the `reports` fixture, the list's filters and the
//! ledger read back.

mod common;

use common::TestProject;

const BAD_DAY: &str = "\
date: 2027-01-07
entries:
  - {staff: op1, start: \"8:30\", end: \"12:00\", area: online, place: honchosha, work: a}
  - staff: op1
    start: \"11:00\"
    end: \"13:00\"
    area: master
    place: office
    work: b
    records: [M1, NOPE-1]
  - {staff: nobody, start: \"13:00\", end: \"14:00\", area: document, place: office, work: c}
  - {staff: op2, start: \"15:00\", end: \"14:00\", area: document, place: office, work: d}
  - {staff: op2, start: \"19:00\", end: \"20:30\", area: online, place: honchosha, work: e}
  - {staff: op2, area: document, place: office, work: f}
";

fn check(p: &TestProject) -> (i32, String) {
    let run = p.run_with(&["check"], &[("TEBIKI_TODAY", "2027-01-26")]);
    (run.code, run.stdout)
}

#[test]
fn work_log_problems_are_reported_at_their_entries() {
    let p = TestProject::fixture("records");
    p.write("data/records/work-logs/W9.yaml", BAD_DAY);
    let (code, out) = check(&p);
    assert_eq!(code, 1, "{out}");
    let f = "data/records/work-logs/W9.yaml";
    assert_eq!(out.matches("`nobody`").count(), 1, "reported once: {out}");
    for expected in [
        format!(
            "{f}:8:12: エラー: 受託者の事業所で「4.8 マスタメンテナンス」の作業が記録されています"
        ),
        format!("{f}:10:19: エラー: 関連記録 `NOPE-1` は data/records/ のどの記録にもありません"),
        format!(
            "{f}:5:12: エラー: op1 の 2027-01-07 の作業 11:00〜13:00 が、同じ人の作業 8:30〜12:00 と重なっています"
        ),
        format!("{f}:11:13: エラー: `nobody` は data/staff.yaml の要員にありません"),
        format!("{f}:12:39: エラー: 終了時刻（14:00）が開始時刻（15:00）より後になっていません"),
        format!(
            "{f}:13:25: 警告: 作業 19:00〜20:30 が 2027-01-07 の作業時間 8:30〜20:00 の外です（§8）"
        ),
        format!(
            "{f}:14:13: エラー: 作業時間は start と end の両方か、minutes のどちらか一方で書いてください"
        ),
    ] {
        assert!(out.contains(&expected), "missing {expected} in\n{out}");
    }
    // The linked master update exists: no problem about M1; document work at the
    // office is allowed.
    assert!(!out.contains("`M1`"), "{out}");
    assert!(!out.contains("「ドキュメント作成」"), "{out}");
}

#[test]
fn an_extension_day_allows_work_to_21_and_on_call_work_any_time() {
    let p = TestProject::fixture("reports");
    // 2027-01-20 is extended in the fixture's schedule (§8 オンライン延長の場合は21時);
    // 2027-01-21 is not.
    let day = |date: &str| {
        format!(
            "date: {date}\nentries:\n  - {{staff: op1, start: \"19:00\", end: \"20:45\", area: online, place: honchosha, work: a}}\n  - {{staff: op2, start: \"22:00\", end: \"22:30\", area: monitoring, place: office, work: b, on_call: true}}\n"
        )
    };
    p.write("data/records/work-logs/W8.yaml", &day("2027-01-21"));
    p.write("data/records/work-logs/W9.yaml", &day("2027-01-20"));
    let (_, out) = check(&p);
    assert!(
        out.contains(
            "W8.yaml:3:25: 警告: 作業 19:00〜20:45 が 2027-01-21 の作業時間 8:30〜20:00 の外です"
        ),
        "{out}"
    );
    assert!(
        !out.contains("W9.yaml"),
        "the extension day runs to 21:00: {out}"
    );
    assert!(
        !out.contains("22:00"),
        "on-call is never out of hours: {out}"
    );
}

/// The `reports` fixture's work logs, worked by hand (minutes):
/// 2027-01: online 210, nightly_batch 240, master 150, document 45 + 330,
/// inquiry 105, monitoring 20 (on call) = 1100 = 18:20; honchosha 555,
/// nakamura_kita 150, office 395.
/// 2027-02: reports 540, online 30 = 570 = 9:30; the fiscal year to February
/// 1670 = 27:50, honchosha 1125 = 18:45.
#[test]
fn the_monthly_report_adds_up_the_hand_worked_months() {
    common::require_pdf_tools();
    let p = TestProject::fixture("reports");
    p.run_with(&["build"], &[("TEBIKI_TODAY", "2027-03-01")])
        .assert_ok();
    let text = |file: &str| {
        common::pdf::squeeze(&common::pdf::raw_text(
            &p.path().join("output/pdf/monthly").join(file),
        ))
    };
    let jan = text("2027-01.pdf");
    for row in [
        "4.1オンライン処理3:303:30",
        "4.4夜間日次バッチスケジュール管理4:004:00",
        "4.5問合せ・依頼対応1:451:45",
        "4.6システム監視対応0:200:20",
        "4.8マスタメンテナンス2:302:30",
        "ドキュメント作成6:156:15",
        "合計18:2018:20",
        "本庁舎3階9:159:15",
        "中村北分館2:302:30",
        "受託者の事業所6:356:35",
        "うちオンコール対応（§8②）:当月0:20、年度累計0:20",
    ] {
        assert!(jan.contains(row), "{row} missing in January:\n{jan}");
    }
    let feb = text("2027-02.pdf");
    for row in [
        "4.1オンライン処理0:304:00",
        "4.11会議体・報告資料対応9:009:00",
        "ドキュメント作成0:006:15",
        "合計9:3027:50",
        "本庁舎3階9:3018:45",
        "受託者の事業所0:006:35",
    ] {
        assert!(feb.contains(row), "{row} missing in February:\n{feb}");
    }
}

#[test]
fn the_list_filters_by_person_area_and_month_and_the_ledger_reads_back() {
    let p = TestProject::fixture("reports");
    p.run_with(&["build", "--no-pdf"], &[("TEBIKI_TODAY", "2027-03-01")])
        .assert_ok();
    let html = p.read("output/site/records/work-logs/index.html");
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let options = |name: &str| -> Vec<String> {
        doc.select(&sel(&format!("select[data-filter={name}] option")))
            .map(|o| o.text().collect())
            .collect()
    };
    assert_eq!(options("f1"), ["すべて", "架空 一郎", "架空 二郎"]);
    assert_eq!(
        options("f2")[1..3],
        [
            "4.1 オンライン処理".to_string(),
            "4.4 夜間日次バッチスケジュール管理".into()
        ]
    );
    assert_eq!(options("f3"), ["すべて", "2027-01", "2027-02"]);
    let rows: Vec<_> = doc.select(&sel("table.sortable tbody tr")).collect();
    assert_eq!(rows.len(), 9, "one row per entry");
    let q1 = rows
        .iter()
        .find(|r| r.text().any(|t| t.contains("<b>問合せ</b>")))
        .expect("the entry's text is escaped, not markup");
    assert_eq!(q1.value().attr("data-f1"), Some("架空 一郎"));
    assert_eq!(q1.value().attr("data-f3"), Some("2027-01"));
    let link = q1.select(&sel("a[href='../inquiries/Q1.html']")).count();
    assert_eq!(link, 1, "the linked record is a link");

    use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
    let mut wb: Xlsx<_> = open_workbook(p.path().join("output/xlsx/作業日誌.xlsx")).unwrap();
    let range = wb.worksheet_range("作業日誌").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let at = rows
        .iter()
        .position(|r| r.first() == Some(&Data::String("No.".into())))
        .expect("a header row");
    let header: Vec<String> = rows[at].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header,
        [
            "No.",
            "日付",
            "要員",
            "時間",
            "作業時間（分）",
            "作業区分",
            "作業場所",
            "作業内容",
            "関連記録",
            "オンコール"
        ]
    );
    let body = &rows[at + 1..];
    assert_eq!(body.len(), 9);
    let minutes: f64 = body.iter().map(|r| r[4].as_f64().unwrap()).sum();
    assert_eq!(minutes, 1670.0, "every minute of both months");
    let first = &body[0];
    assert_eq!(first[2].to_string(), "架空 一郎");
    assert_eq!(first[3].to_string(), "8:30〜12:00");
    assert_eq!(first[5].to_string(), "4.1 オンライン処理");
    assert_eq!(first[6].to_string(), "本庁舎3階");
    let on_call = body.iter().filter(|r| r[9] == "○").count();
    assert_eq!(on_call, 1);
}
