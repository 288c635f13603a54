//! §9 体制: the 要員一覧 workbook read back (and its absence from the redacted
//! edition), the reporting structure drawn from `lead` and `reports_to`, and a
//! report target that does not exist.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::TestProject;

fn with_structure() -> TestProject {
    let p = TestProject::fixture("records");
    let staff = p
        .read("data/staff.yaml")
        .replace(
            "{id: op1, name: 架空 一郎, actor: contractor, role: 運用担当,",
            "{id: op1, name: 架空 一郎, actor: contractor, role: 業務統括者, lead: true, reports_to: w1, phone: 03-0000-9999, email: ichiro@example.jp, qualifications: [基本情報技術者試験, ITパスポート試験],",
        )
        .replace(
            "{id: op2, name: 架空 二郎, actor: contractor, role: 運用担当,",
            "{id: op2, name: 架空 二郎, actor: contractor, role: 運用担当, reports_to: op1,",
        );
    p.write("data/staff.yaml", &staff);
    p
}

#[test]
fn the_staff_list_holds_the_contractors_staff_with_their_contacts() {
    let p = with_structure();
    p.run_with(&["build", "--no-pdf"], &[("TEBIKI_TODAY", "2027-01-26")])
        .assert_ok();
    let mut wb: Xlsx<_> = open_workbook(p.path().join("output/xlsx/要員一覧.xlsx")).unwrap();
    let range = wb.worksheet_range("要員一覧").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][0], "要員一覧");
    let at = rows.iter().position(|r| r[0] == "No.").unwrap();
    assert_eq!(
        rows[at],
        [
            "No.",
            "氏名",
            "役割",
            "電話番号",
            "メールアドレス",
            "保有資格"
        ]
    );
    assert_eq!(
        rows[at + 1],
        [
            "1",
            "架空 一郎",
            "業務統括者",
            "03-0000-9999",
            "ichiro@example.jp",
            "基本情報技術者試験\nITパスポート試験"
        ]
    );
    assert_eq!(rows[at + 2][1], "架空 二郎");
    assert_eq!(rows.len(), at + 3, "only the contractor's staff: {rows:?}");
    assert!(matches!(
        range.get_value((at as u32 + 1, 0)),
        Some(Data::Float(_))
    ));

    let html = p.read("output/site/overview/structure.html");
    let doc = scraper::Html::parse_document(&html);
    let sel = scraper::Selector::parse("ul.structure > li > ul > li > ul > li").unwrap();
    let under_lead: Vec<String> = doc
        .select(&sel)
        .map(|li| li.text().collect::<String>().trim().to_string())
        .collect();
    assert_eq!(under_lead, ["架空 二郎（運用担当）"]);
    assert!(
        html.contains("<strong>架空 花子</strong>（職員）"),
        "the lead reports to w1"
    );
}

#[test]
fn the_redacted_edition_has_no_staff_list_and_says_so() {
    let p = with_structure();
    let run = p.run_with(
        &["build", "--no-pdf", "--redact"],
        &[("TEBIKI_TODAY", "2027-01-26")],
    );
    run.assert_ok();
    assert!(!p.path().join("output/xlsx/要員一覧.xlsx").exists());
    let said = format!("{}{}", run.stdout, run.stderr);
    assert!(
        said.contains("要員一覧.xlsx は個人情報だけの一覧のため、公開版では作りません"),
        "{said}"
    );
    let html = p.read("output/site/overview/structure.html");
    assert!(
        !html.contains("架空 一郎") && html.contains("窓口（9-①）"),
        "{html}"
    );
}

#[test]
fn a_report_target_that_does_not_exist_is_an_error_at_its_line() {
    let p = with_structure();
    let staff = p
        .read("data/staff.yaml")
        .replace("reports_to: op1", "reports_to: op9");
    p.write("data/staff.yaml", &staff);
    let run = p.run_with(&["check"], &[("TEBIKI_TODAY", "2027-01-26")]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("data/staff.yaml:2:")
            && run
                .stdout
                .contains("報告先 `op9` は data/staff.yaml の要員にも"),
        "{}",
        run.stdout
    );
}
