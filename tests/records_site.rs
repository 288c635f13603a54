//! The record pages of the site: sortable lists, a page per record, the SLA
//! dashboard with its inline SVG charts, the action board, the fiscal-year switch
//! and the folder tree — parsed as HTML.

mod common;

use common::TestProject;
use scraper::{Html, Selector};

fn built() -> TestProject {
    let p = TestProject::fixture("records");
    p.run_with(&["build", "--no-pdf"], &[("TEBIKI_TODAY", "2027-01-26")])
        .assert_ok();
    p
}

fn page(p: &TestProject, url: &str) -> Html {
    Html::parse_document(&p.read(&format!("output/site/{url}")))
}

fn texts(doc: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

#[test]
fn each_kind_has_a_sortable_filterable_list_linking_to_its_records() {
    let p = built();
    let doc = page(&p, "records/inquiries/index.html");
    assert_eq!(
        texts(&doc, "table.sortable tbody tr td:first-child"),
        ["Q1", "Q2"]
    );
    assert_eq!(
        attrs(&doc, "table.sortable tbody tr", "data-status"),
        ["解決", "対応中"]
    );
    // Q2 is past its deadline on 2027-01-26.
    assert_eq!(
        attrs(
            &doc,
            "table.sortable tbody tr.warn td:first-child a",
            "href"
        ),
        ["Q2.html"]
    );
    assert_eq!(texts(&doc, "th button.sort").len(), 10);
    assert!(!texts(&doc, "select[data-filter=status] option").is_empty());
    // The script is local and relative, so the list works from file://.
    let scripts = attrs(&doc, "script", "src");
    assert!(
        scripts.contains(&"../../assets/records.js".to_string()),
        "{scripts:?}"
    );
    assert!(
        scripts.iter().all(|s| s.starts_with("../../assets/")),
        "{scripts:?}"
    );
    assert!(p.path().join("output/site/assets/records.js").is_file());
    for (kind, first) in [
        ("incidents", "I1"),
        ("master-updates", "M1"),
        ("log-investigations", "L1"),
        ("meetings", "MTG1"),
        ("data-transfers", "T1"),
    ] {
        let doc = page(&p, &format!("records/{kind}/index.html"));
        let links = attrs(&doc, "table.sortable tbody td:first-child a", "href");
        assert_eq!(
            links.first().map(String::as_str),
            Some(&*format!("{first}.html")),
            "{kind}"
        );
        assert!(
            p.path()
                .join(format!("output/site/records/{kind}/{first}.html"))
                .is_file()
        );
    }
}

#[test]
fn record_pages_show_names_from_staff_and_the_timeline_in_order() {
    let p = built();
    let doc = page(&p, "records/incidents/I1.html");
    let when = texts(&doc, "section:nth-of-type(1) table tbody td:first-child");
    assert_eq!(
        when,
        [
            "2027-01-12 10:00",
            "2027-01-12 10:20",
            "2027-01-12 10:30",
            "2027-01-12 10:30",
            "2027-01-12 10:45"
        ]
    );
    let all = texts(&doc, "main").join("");
    assert!(all.contains("架空 一郎"), "staff ids are shown as names");
    assert!(all.contains("検知から 20 分（所定時間 30 分以内）"));
    // The inquiry links back to its incident and its handbook page.
    let q1 = page(&p, "records/inquiries/Q1.html");
    let links = attrs(&q1, ".record-fields a", "href");
    assert_eq!(
        links,
        ["../incidents/I1.html", "../../records/inquiries.html"]
    );
    // A formula-looking summary is only text on the page.
    assert!(
        texts(&q1, ".record-fields dd")
            .iter()
            .any(|t| t.starts_with("=HYPERLINK"))
    );
}

#[test]
fn the_sla_dashboard_draws_inline_svg_charts_and_flags_differences() {
    let p = built();
    let html = p.read("output/site/records/sla/index.html");
    let doc = Html::parse_document(&html);
    assert_eq!(
        texts(&doc, "figure.chart-figure figcaption"),
        [
            "オンライン稼働率",
            "バッチ実行率",
            "問合せ期限内解決率",
            "所定時間内障害通報率"
        ]
    );
    assert_eq!(attrs(&doc, "figure svg", "role"), ["img"; 4]);
    // No chart library and nothing fetched from a network.
    assert!(!html.contains("<script src=\"http") && !html.contains("cdn"));
    let flagged = texts(&doc, "table.sla tr.warn th");
    assert_eq!(
        flagged,
        [
            "オンライン稼働率",
            "問合せ期限内解決率",
            "所定時間内障害通報率"
        ]
    );
    let month = page(&p, "records/sla/2027-01.html");
    let rows = texts(&month, "table.sla tbody tr");
    assert!(
        rows[0].contains("99.73%") && rows[0].contains("稼働分 16515 ／ 計画稼働分 16560"),
        "{rows:?}"
    );
    assert!(
        rows[1].contains("95.65%") && !rows[1].contains("許容差"),
        "{rows:?}"
    );
}

#[test]
fn the_action_board_sorts_items_by_their_latest_status() {
    let p = built();
    let doc = page(&p, "records/meetings/actions.html");
    assert_eq!(texts(&doc, ".board-column.overdue .action-id"), ["AI-1"]);
    assert!(texts(&doc, ".board-column.open .action-id").is_empty());
    // AI-2 was closed at the next meeting.
    assert_eq!(texts(&doc, ".board-column.closed .action-id"), ["AI-2"]);
    assert!(texts(&doc, ".board-column.closed .history li")[0].contains("合意"));
}

#[test]
fn the_fiscal_year_switch_lists_additions_changes_and_deletions() {
    let p = built();
    let doc = page(&p, "records/accounts/switch-fy2027.html");
    let rows = texts(&doc, "section table tbody tr td:nth-child(1)");
    let ids = texts(&doc, "section table tbody tr td:nth-child(2)");
    assert_eq!(rows, ["登録", "更新", "削除"]);
    assert_eq!(ids, ["U003", "U001", "U002"]);
    let changed = texts(&doc, "section table tbody tr td:nth-child(7)");
    assert_eq!(changed[1], "組織、権限");
}

#[test]
fn the_folder_tree_shows_every_folder_under_its_parent() {
    let p = built();
    let doc = page(&p, "records/fileserver/index.html");
    assert_eq!(
        texts(&doc, ".tree .folder-name"),
        ["運用", "パラメータ", "台帳"]
    );
    assert_eq!(attrs(&doc, ".tree li", "aria-level"), ["1", "2", "2"]);
}

#[test]
fn the_redacted_edition_shows_no_staff_names_on_record_pages() {
    let p = TestProject::fixture("records");
    p.run_with(
        &["build", "--no-pdf", "--redact"],
        &[("TEBIKI_TODAY", "2027-01-26")],
    )
    .assert_ok();
    let html = p.read("output/site/records/incidents/I1.html");
    assert!(!html.contains("架空 一郎") && !html.contains("架空一郎"));
    assert!(html.contains("氏名非公開"));
    let ledger = p.read("output/site/records/accounts/index.html");
    assert!(!ledger.contains("架空 花子"));
}
