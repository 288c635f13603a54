//! The repository's own handbook: it checks clean, builds, and holds what the
//! issue asks of it (one page per work area, contacts and glossary from data).

mod common;

use common::{TestProject, list_files};

/// A copy of the repository's project files in a temporary directory, so the test
/// never writes into the working tree.
fn handbook() -> TestProject {
    TestProject::repository()
}

fn text_of(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    doc.root_element().text().collect::<Vec<_>>().join("")
}

#[test]
fn the_handbook_checks_without_errors_and_builds() {
    let p = handbook();
    let run = p.run(&["check"]);
    run.assert_ok();
    p.run(&["build", "--no-pdf"]).assert_ok();
    let site = p.path().join("output/site");
    let pages = list_files(&site)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .count();
    assert!(pages >= 25, "only {pages} pages");
}

#[test]
fn every_work_area_of_section_4_has_its_page() {
    let p = handbook();
    p.run(&["build", "--no-pdf"]).assert_ok();
    let site = p.path().join("output/site");
    let mut areas_seen = std::collections::BTreeSet::new();
    for file in list_files(&site).iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(site.join(file)).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let sel = scraper::Selector::parse(".page-meta dd").unwrap();
        if let Some(area) = doc.select(&sel).next() {
            let area: String = area.text().collect();
            if let Some(id) = area.strip_prefix('§') {
                areas_seen.insert(id.split(' ').next().unwrap().to_string());
            }
        }
    }
    let expected: std::collections::BTreeSet<String> = (1..=11).map(|i| format!("4.{i}")).collect();
    assert_eq!(areas_seen, expected);
}

#[test]
fn every_page_shows_its_review_date_and_owner() {
    let p = handbook();
    p.run(&["build", "--no-pdf"]).assert_ok();
    let site = p.path().join("output/site");
    // Pages written in Markdown; generated views (roles/, search.html …) have no owner.
    let from_markdown = |file: &&String| {
        let source = match file.strip_suffix("index.html") {
            Some(dir) => format!("{dir}_index.md"),
            None => file.replace(".html", ".md"),
        };
        p.path().join("content").join(source).is_file()
    };
    let files = list_files(&site);
    let pages: Vec<&String> = files.iter().filter(from_markdown).collect();
    assert!(pages.len() >= 25, "{pages:?}");
    for file in pages {
        let text = text_of(&std::fs::read_to_string(site.join(file)).unwrap());
        assert!(
            text.contains("最終確認日") && text.contains("担当"),
            "{file} lacks 最終確認日 / 担当"
        );
    }
}

#[test]
fn contacts_and_glossary_pages_are_built_from_data() {
    let p = handbook();
    p.run(&["build", "--no-pdf"]).assert_ok();
    let contacts = text_of(&p.read("output/site/reference/contacts.html"));
    for needle in [
        "KOKUHOKA13@city.nerima.tokyo.jp",
        "03-5984-1260",
        "自治体コミュニティ基盤",
        "コンタクトセンター",
        "緊急連絡窓口",
        "8:30",
    ] {
        assert!(contacts.contains(needle), "contacts page lacks {needle}");
    }
    let glossary = text_of(&p.read("output/site/reference/glossary.html"));
    for term in [
        "国保標準システム",
        "ガバメントクラウド",
        "夜間日次バッチ",
        "外部パラメータファイル",
        "作業依頼票",
    ] {
        assert!(glossary.contains(term), "glossary lacks {term}");
    }
}

#[test]
fn no_placeholder_text_or_secrets_in_the_sources() {
    let repo = common::repo_root();
    for dir in ["content", "data"] {
        for file in list_files(&repo.join(dir)) {
            let text = std::fs::read_to_string(repo.join(dir).join(&file)).unwrap();
            let lower = text.to_lowercase();
            for bad in [
                "lorem",
                "ipsum",
                "todo",
                "tbd",
                "xxx",
                "password:",
                "パスワード:",
            ] {
                assert!(!lower.contains(bad), "{dir}/{file} contains {bad:?}");
            }
        }
    }
    let staff: Vec<serde_yaml::Value> =
        serde_yaml::from_str(&std::fs::read_to_string(repo.join("data/staff.yaml")).unwrap())
            .unwrap();
    assert!(!staff.is_empty());
    for person in &staff {
        assert_eq!(
            person["fictional"],
            serde_yaml::Value::Bool(true),
            "{person:?} is not marked fictional"
        );
    }
}
