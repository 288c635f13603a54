//! The search index written by `build`: it covers every page the site renders
//! (Markdown and generated) except those that opt out, and holds what the
//! browser needs to rank and show results.

mod common;

use common::{TestProject, list_files};

fn index(p: &TestProject) -> serde_json::Value {
    common::search_index(&p.path().join("output/site"))
}

fn postings(index: &serde_json::Value, gram: &str) -> Vec<u64> {
    let mut last = 0;
    index["grams"][gram]
        .as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|d| {
            last += d.as_u64().unwrap();
            last
        })
        .collect()
}

#[test]
fn index_covers_every_page_except_those_that_opt_out() {
    let p = TestProject::fixture("views");
    let run = p.run(&["-v", "build"]);
    run.assert_ok();
    assert!(run.stderr.contains("検索索引: "), "{}", run.stderr);
    let index = index(&p);
    let mut urls: Vec<String> = index["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d[0].as_str().unwrap().to_string())
        .collect();
    urls.sort();
    let mut pages: Vec<String> = list_files(&p.path().join("output/site"))
        .into_iter()
        .filter(|f| {
            // Listings of other pages opt out: they would only repeat those pages.
            let listing = ["search.html", "freshness.html", "changes.html"];
            common::is_page(f) && !listing.contains(&f.as_str())
        })
        .collect();
    pages.sort();
    assert_eq!(urls, pages);
}

#[test]
fn sections_carry_heading_anchor_and_text() {
    let p = TestProject::fixture("views");
    p.run(&["build"]).assert_ok();
    let index = index(&p);
    let docs = index["docs"].as_array().unwrap();
    let online = docs.iter().position(|d| d[0] == "ops/online.html").unwrap() as u64;
    let secs = index["secs"].as_array().unwrap();
    let texts = index["text"].as_array().unwrap();
    let (id, sec) = secs
        .iter()
        .enumerate()
        .find(|(_, s)| s[0] == online && s[1] == "稼働時間")
        .expect("section 稼働時間");
    assert_eq!(sec[2], "稼働時間");
    let text = texts[id].as_str().unwrap();
    assert!(
        text.starts_with("オンラインは 8:00〜20:00 に自動で起動・停止します。"),
        "{text}"
    );
    // Page chrome (metadata, navigation) is not indexed.
    assert!(
        !texts
            .iter()
            .any(|t| t.as_str().unwrap().contains("最終確認日"))
    );
    // Bigrams lead to the section, in any script after folding.
    for gram in ["稼働", "オン", "20"] {
        assert!(postings(&index, gram).contains(&(id as u64)), "{gram}");
    }
    assert!(postings(&index, "パラ").len() >= 2);
    assert!(
        index["grams"]["ぱら"].is_null(),
        "hiragana is folded to katakana"
    );
}

#[test]
fn generated_pages_are_searchable_too() {
    let p = TestProject::fixture("views");
    p.run(&["build"]).assert_ok();
    let index = index(&p);
    let docs = index["docs"].as_array().unwrap();
    let raci = docs.iter().position(|d| d[0] == "roles/raci.html").unwrap() as u64;
    let secs = index["secs"].as_array().unwrap();
    let texts = index["text"].as_array().unwrap();
    assert!(
        secs.iter()
            .zip(texts)
            .any(|(s, t)| s[0] == raci && t.as_str().unwrap().contains("月間作業実績報告書"))
    );
}
