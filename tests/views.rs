//! Pages for people: role views, the RACI matrix, handover checklists, the
//! freshness dashboard and `check` warnings, glossary links, git history, and the
//! structure every page needs for accessibility.

mod common;

use common::{TestProject, list_files};
use scraper::{Html, Selector};

fn doc(p: &TestProject, rel: &str) -> Html {
    Html::parse_document(&p.read(&format!("output/site/{rel}")))
}

fn texts(doc: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn built() -> TestProject {
    let p = TestProject::fixture("views");
    p.run(&["build"]).assert_ok();
    p
}

#[test]
fn every_actor_gets_a_role_page_and_a_handover_checklist() {
    let p = built();
    let files = list_files(&p.path().join("output/site"));
    for actor in [
        "kokuho-densan",
        "gyomu",
        "joho-seisaku",
        "fujitsu",
        "kokuho-chuokai",
        "contractor",
    ] {
        assert!(
            files.contains(&format!("roles/{actor}.html")),
            "{actor}: {files:?}"
        );
        assert!(files.contains(&format!("handover/{actor}.html")), "{actor}");
    }
}

#[test]
fn role_page_lists_duties_by_rhythm_and_only_r_or_a_tasks_as_its_own() {
    let p = built();
    let page = doc(&p, "roles/contractor.html");
    let headings = texts(&page, "main h3");
    assert!(
        headings.starts_with(&["毎日（日次）".to_string(), "毎月（月次）".to_string()]),
        "{headings:?}"
    );
    let own = texts(&page, "section[aria-labelledby=tasks-title] li");
    assert!(
        own.iter()
            .any(|t| t.contains("月間作業実績報告書の作成・提出")),
        "{own:?}"
    );
    // contractor is only informed of the infrastructure's operation.
    assert!(
        !own.iter().any(|t| t.contains("インフラ（クラウド")),
        "{own:?}"
    );
    let informed = texts(&page, "section[aria-labelledby=involved-title] li");
    assert!(
        informed
            .iter()
            .any(|t| t.starts_with('I') && t.contains("インフラ（クラウド")),
        "{informed:?}"
    );
}

#[test]
fn raci_matrix_has_a_row_per_task_and_a_column_per_actor() {
    let p = built();
    let roles = p.read("data/roles.yaml");
    let tasks = roles.lines().filter(|l| l.starts_with("- id:")).count();
    let page = doc(&p, "roles/raci.html");
    assert_eq!(texts(&page, "table.raci tbody tr").len(), tasks);
    let header = texts(&page, "table.raci thead th");
    let tables = texts(&page, "table.raci").len();
    assert_eq!(header.len(), tables * (1 + 7), "{header:?}");
    assert_eq!(header[7], "受託者");
    // 月間作業実績報告書: contractor R, kokuho-densan A.
    let sel = Selector::parse("table.raci tbody tr").unwrap();
    let row = page
        .select(&sel)
        .find(|r| {
            r.text()
                .collect::<String>()
                .contains("月間作業実績報告書の作成・提出")
        })
        .unwrap();
    let cells: Vec<String> = row
        .select(&Selector::parse("td").unwrap())
        .map(|c| c.text().collect())
        .collect();
    assert_eq!(cells[0], "A");
    assert_eq!(cells[6], "R");
}

#[test]
fn handover_checklist_lists_owned_pages_and_flags_overdue_ones() {
    let p = built();
    let page = doc(&p, "handover/contractor.html");
    let read = texts(&page, "section[aria-labelledby=read-title] li");
    assert_eq!(read.len(), 4, "{read:?}"); // ops/_index, online, nightly, glossary
    let overdue: Vec<_> = read.iter().filter(|t| t.contains("確認期限切れ")).collect();
    assert_eq!(overdue.len(), 1);
    assert!(overdue[0].contains("夜間日次バッチのパラメータ確定"));
    assert!(texts(&page, "input[type=checkbox]").len() > 10);
    let contacts = texts(&page, "section[aria-labelledby=contacts-title] li").join("\n");
    assert!(contacts.contains("コンタクトセンター"), "{contacts}");
}

#[test]
fn freshness_dashboard_and_check_report_pages_past_review() {
    let p = TestProject::fixture("views");
    let check = p.run(&["check"]);
    check.assert_ok();
    assert!(
        check.stdout.contains(
            "content/ops/nightly.md:5:11: 警告: 確認期限 2026-07-10 を 179 日過ぎています"
        ),
        "{}",
        check.stdout
    );
    p.run(&["build"]).assert_ok();
    let page = doc(&p, "freshness.html");
    let owners = texts(&page, "section[aria-labelledby=overdue-title] h3");
    assert_eq!(owners, ["受託者（運用保守支援事業者）（1 ページ）"]);
    let rows = texts(&page, "section[aria-labelledby=overdue-title] tbody th");
    assert_eq!(rows, ["夜間日次バッチのパラメータ確定"]);

    // An earlier "today" has nothing overdue.
    p.run_with(&["build"], &[("TEBIKI_TODAY", "2026-07-01")])
        .assert_ok();
    let page = doc(&p, "freshness.html");
    assert!(texts(&page, "section[aria-labelledby=overdue-title] tbody th").is_empty());
    let soon = texts(&page, "section[aria-labelledby=soon-title] tbody th");
    assert_eq!(soon, ["夜間日次バッチのパラメータ確定"]);
}

#[test]
fn bad_today_is_reported() {
    let p = TestProject::fixture("views");
    let run = p.run_with(&["check"], &[("TEBIKI_TODAY", "2027/01/05")]);
    run.assert_code(1);
    assert!(run.stdout.contains("TEBIKI_TODAY"), "{}", run.stdout);
}

#[test]
fn first_use_of_glossary_terms_links_to_the_glossary_entry() {
    let p = built();
    let page = doc(&p, "ops/online.html");
    let sel = Selector::parse(".content a.term").unwrap();
    let links: Vec<(String, String)> = page
        .select(&sel)
        .map(|a| {
            (
                a.text().collect(),
                a.value().attr("href").unwrap().to_string(),
            )
        })
        .collect();
    let batch: Vec<_> = links
        .iter()
        .filter(|(t, _)| t == "夜間日次バッチ")
        .collect();
    assert_eq!(batch.len(), 1, "{links:?}");
    assert_eq!(batch[0].1, "../reference/glossary.html#term-夜間日次バッチ");
    // The entry exists on the glossary page.
    let glossary = doc(&p, "reference/glossary.html");
    let entry = Selector::parse("[id=\"term-夜間日次バッチ\"]").unwrap();
    assert!(glossary.select(&entry).next().is_some());
    // Never inside headings, code or links.
    for sel in [
        ".content h2 a.term",
        ".content h3 a.term",
        ".content pre a.term",
        ".content a a.term",
    ] {
        assert!(
            page.select(&Selector::parse(sel).unwrap()).next().is_none(),
            "{sel}"
        );
    }
    // The glossary page does not link to itself.
    assert!(glossary.select(&sel).next().is_none());
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=テスト",
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_COMMITTER_DATE", "2026-12-20T10:00:00+09:00")
        .env("GIT_AUTHOR_DATE", "2026-12-20T10:00:00+09:00")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn pages_show_their_last_git_change_and_a_build_outside_git_works() {
    let p = built();
    let page = doc(&p, "ops/online.html");
    let meta = texts(&page, ".page-meta div").join("\n");
    assert!(!meta.contains("最終更新"), "{meta}");
    assert!(meta.contains("最終確認日2026-12-01"), "{meta}");

    git(p.path(), &["init", "-q"]);
    git(p.path(), &["add", "content", "data", "tebiki.yaml"]);
    git(p.path(), &["commit", "-q", "-m", "初版"]);
    let out = std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .current_dir(p.path())
        .output()
        .unwrap();
    let short = String::from_utf8(out.stdout).unwrap().trim().to_string();
    p.run(&["build"]).assert_ok();
    let page = doc(&p, "ops/online.html");
    let meta = texts(&page, ".page-meta div").join("\n");
    assert!(
        meta.contains(&format!("最終更新2026-12-20 {short}")),
        "{meta}"
    );
}

/// lang, skip link, one h1 and headings that never skip a level, on every page.
#[test]
fn every_page_is_structured_for_assistive_technology() {
    let p = built();
    let site = p.path().join("output/site");
    let headings = Selector::parse("h1, h2, h3, h4, h5, h6").unwrap();
    let skip = Selector::parse("a.skip-link[href=\"#main\"]").unwrap();
    let main = Selector::parse("main#main").unwrap();
    for file in list_files(&site).iter().filter(|f| common::is_page(f)) {
        let text = std::fs::read_to_string(site.join(file)).unwrap();
        assert!(text.contains("<html lang=\"ja\""), "{file}");
        let page = Html::parse_document(&text);
        assert!(page.select(&skip).next().is_some(), "{file}: skip link");
        assert!(page.select(&main).next().is_some(), "{file}: main");
        let levels: Vec<u8> = page
            .select(&headings)
            .map(|h| h.value().name()[1..].parse().unwrap())
            .collect();
        assert_eq!(
            levels.iter().filter(|&&l| l == 1).count(),
            1,
            "{file}: {levels:?}"
        );
        assert_eq!(levels[0], 1, "{file}: {levels:?}");
        for pair in levels.windows(2) {
            assert!(pair[1] <= pair[0] + 1, "{file}: heading levels {levels:?}");
        }
    }
}

/// A page built from data says which files it is made from (its 改訂履歴 lists
/// their commits): each named file or folder exists in the real handbook, and
/// only the pages that list Markdown pages (freshness, search, 更新履歴) have none.
#[test]
fn every_generated_page_of_the_handbook_says_which_files_it_is_made_from() {
    let root = common::repo_root();
    let project = tebiki::Project::load(&tebiki::LoadOptions {
        root: root.clone(),
        history_cache: None,
        git_state: None,
    })
    .unwrap_or_else(|d| panic!("{}", d.report()));
    let listing = ["freshness.html", "search.html", "changes.html"];
    assert!(project.generated.len() > 50, "{}", project.generated.len());
    for page in &project.generated {
        if listing.contains(&page.url.as_str()) {
            assert!(page.sources.is_empty(), "{}", page.url);
            continue;
        }
        assert!(!page.sources.is_empty(), "{} names no source", page.url);
        for source in &page.sources {
            let path = root.join(source);
            let exists = if source.ends_with('/') {
                path.is_dir()
            } else {
                path.is_file()
            };
            assert!(exists, "{}: {source} does not exist", page.url);
        }
    }
    let record = project
        .generated
        .iter()
        .find(|p| p.url == "records/inquiries/INQ-2027-0001.html")
        .unwrap();
    assert_eq!(
        record.sources,
        ["data/records/inquiries/INQ-2027-0001.yaml"]
    );
    assert_eq!(record.template(), "record.html");
}
