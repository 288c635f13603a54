//! The PDFs as a reader gets them, made with the real typst 0.15.1: Japanese text
//! and figures that read back, only the shipped fonts, PDF/A metadata, the
//! handbook's title page, contents, numbering and links, ⑧ 改善提案書, and the
//! golden `.typ` sources of a fixture.

mod common;

use common::{TestProject, assert_golden, pdf, require_pdf_tools};

fn built(fixture: &str) -> TestProject {
    require_pdf_tools();
    let p = TestProject::fixture(fixture);
    p.run(&["build"]).assert_ok();
    p
}

fn handbook(p: &TestProject) -> std::path::PathBuf {
    p.path().join("output/pdf/handbook.pdf")
}

fn proposal(p: &TestProject) -> std::path::PathBuf {
    p.path().join("output/pdf/proposals/checklist.pdf")
}

#[test]
fn build_writes_the_handbook_and_one_pdf_per_proposal() {
    let p = built("pdf");
    assert_eq!(
        common::list_files(&p.path().join("output/pdf")),
        ["handbook.pdf", "proposals/checklist.pdf"]
    );
}

#[test]
fn handbook_text_reads_back_as_japanese_with_its_figures() {
    let p = built("pdf");
    let text = pdf::squeeze(&pdf::text(&handbook(&p)));
    for expected in [
        "テスト区運用手引き",
        "オンラインは8:00〜20:00です。",
        // A line break inside a Japanese sentence adds no space.
        "改行をまたぐ日本語の文は空白なしでつながります。",
        "4月21年度初め",
        "5月19連休",
        "□延長の可否を確認する",
        "出典:2-⑤オンライン処理",
        "online:start:\"08:00\"",
        "事前登録パラメータ情報により夜間に自動実行されるバッチ。",
        "令和8年11月10日",
    ] {
        assert!(
            text.contains(expected),
            "{expected} is missing from:\n{text}"
        );
    }
    assert!(
        pdf::text(&handbook(&p)).contains("English words\nkeep their space")
            || pdf::text(&handbook(&p)).contains("English words keep their space"),
        "a line break between Latin words stays a space"
    );
}

#[test]
fn proposal_has_its_cover_block_and_numbered_body() {
    let p = built("pdf");
    let text = pdf::squeeze(&pdf::text(&proposal(&p)));
    for expected in [
        "令和8年11月10日",
        "テスト区国保年金課御中",
        "受託者",
        "改善提案書",
        "件名延長判断チェックリストの導入",
        "対象業務4.11会議体・報告資料対応",
        "概要オンライン延長の可否判断をチェックリストで標準化する。",
        "1現状と課題",
        "2提案",
        "1.チェックリストを作る",
        "判断時間短縮",
    ] {
        assert!(
            text.contains(expected),
            "{expected} is missing from:\n{text}"
        );
    }
    let info = pdf::info(&proposal(&p));
    assert_eq!(info["Title"], "改善提案書　延長判断チェックリストの導入");
    assert_eq!(info["Author"], "受託者");
}

#[test]
fn pdfs_use_only_the_shipped_fonts_all_embedded() {
    let p = built("pdf");
    for file in [handbook(&p), proposal(&p)] {
        let mut names: Vec<String> = pdf::fonts(&file)
            .into_iter()
            .map(|(name, embedded)| {
                assert!(embedded, "{name} is not embedded in {}", file.display());
                name
            })
            .collect();
        names.sort();
        names.dedup();
        assert_eq!(
            names,
            [
                "BIZUDPGothic-Bold",
                "BIZUDPGothic-Regular",
                "BIZUDPMincho-Regular"
            ],
            "{}",
            file.display()
        );
    }
}

/// veraPDF is not installable here (no Debian package, not on PyPI), so the facts
/// PDF/A-2u requires are checked one by one: the XMP identification, metadata,
/// the catalog's language, embedded fonts (above) and Unicode text (above).
#[test]
fn pdfs_are_pdf_a_2u_with_title_author_and_language() {
    let p = built("pdf");
    for file in [handbook(&p), proposal(&p)] {
        let xmp = pdf::xmp(&file);
        for expected in [
            "<pdfaid:part>2</pdfaid:part>",
            "<pdfaid:conformance>U</pdfaid:conformance>",
            "<rdf:li>ja-JP</rdf:li>",
            "<dc:creator><rdf:Seq><rdf:li>受託者</rdf:li></rdf:Seq></dc:creator>",
        ] {
            assert!(
                xmp.contains(expected),
                "{expected} missing in {}",
                file.display()
            );
        }
        let info = pdf::info(&file);
        assert_eq!(info["Page size"], "595.276 x 841.89 pts (A4)");
        assert_eq!(info["Author"], "受託者");
        assert!(!info["Title"].is_empty());
        let bytes = std::fs::read(&file).unwrap();
        let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        assert!(has(b"/Lang(ja-JP)"), "catalog language");
        assert!(has(b"/OutputIntents"), "PDF/A needs an output intent");
    }
    assert_eq!(pdf::info(&handbook(&p))["Title"], "テスト区 運用手引き");
}

#[test]
fn handbook_has_title_page_contents_page_numbers_and_running_headers() {
    let p = built("pdf");
    let file = handbook(&p);
    let pages = pdf::pages(&file);
    assert!(pages >= 6, "{pages} pages");
    let first = pdf::page_text(&file, 1);
    assert!(first.contains("テスト区 運用手引き") && first.contains("令和8年11月10日 時点"));
    assert!(
        !first.contains(&format!("/ {pages}")),
        "no number on the title page"
    );
    // The 改訂履歴 comes before the contents (empty here: the fixture is no git checkout).
    let history = pdf::squeeze(&pdf::page_text(&file, 2));
    assert!(history.starts_with("改訂履歴"), "{history}");
    let contents = pdf::squeeze(&pdf::page_text(&file, 3));
    // Under the running header (the handbook's title).
    let below_header = contents.trim_start_matches("テスト区運用手引き");
    assert!(below_header.starts_with("目次"), "{contents}");
    // The glossary is the appendix at the end, not numbered.
    for entry in [
        "1連絡先",
        "2成果物",
        "3改善提案",
        "4業務",
        "4.1オンライン処理",
        "付録用語集",
    ] {
        assert!(
            contents.contains(entry),
            "{entry} not in the contents: {contents}"
        );
    }
    // The contents list chapters and pages; headings inside a page are numbered
    // in the text only.
    assert!(!contents.contains("4.1.1基本運用"), "{contents}");
    assert!(pdf::squeeze(&pdf::text(&file)).contains("4.1.1基本運用"));
    for n in 2..=pages {
        let text = pdf::page_text(&file, n);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            pdf::squeeze(lines.last().unwrap()),
            format!("{n}/{pages}"),
            "page {n} ends with its number"
        );
        if n > 2 {
            assert!(
                lines[0].contains("テスト区 運用手引き"),
                "page {n} header: {}",
                lines[0]
            );
        }
    }
    // The running header names the chapter the page belongs to.
    let chapter_page = (4..=pages)
        .find(|&n| pdf::page_text(&file, n).contains("4 業務"))
        .expect("a page starts chapter 4");
    assert!(
        pdf::page_text(&file, chapter_page)
            .lines()
            .next()
            .unwrap()
            .starts_with("業務")
    );
}

#[test]
fn links_between_pages_are_links_inside_the_pdf() {
    let p = built("pdf");
    let bytes = std::fs::read(handbook(&p)).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    // nightly.md links to online.md#基本運用 and to the top page.
    let labels = tebiki_labels(&p);
    let online_basic = &labels["ops/online.md#基本運用"];
    assert!(
        text.contains(&format!("/Dest({online_basic})")),
        "no link to {online_basic}"
    );
    assert!(text.contains(&format!("/Dest({})", labels["_index.md"])));
    assert!(
        text.contains("/URI(https://www.city.nerima.tokyo.jp/)"),
        "external link"
    );
    // The link to the glossary page from ops/tables.md.
    assert!(text.contains(&format!("/Dest({})", labels["glossary.md"])));
}

/// The labels tebiki gives pages and headings, read from the generated source.
fn tebiki_labels(p: &TestProject) -> std::collections::HashMap<String, String> {
    let project = p.load();
    let docs = tebiki::render::pdf::documents(&project).unwrap();
    let main = docs[0].main_typ();
    let mut labels = std::collections::HashMap::new();
    for (n, &i) in project.content.reading_order.iter().enumerate() {
        let page = &project.content.pages[i];
        labels.insert(page.rel.clone(), format!("p{n}"));
        for (k, h) in page.scan.headings.iter().enumerate() {
            labels.insert(format!("{}#{}", page.rel, h.id), format!("p{n}-{k}"));
        }
    }
    for label in labels.values() {
        assert!(
            main.contains(&format!("<{label}>")),
            "{label} is not in main.typ"
        );
    }
    labels
}

/// The generated Typst source of each document, and its data, as typst gets them.
#[test]
fn typst_sources_of_the_fixture_match_golden() {
    let p = TestProject::fixture("pdf");
    let project = p.load();
    let docs = tebiki::render::pdf::documents(&project).unwrap();
    let names: Vec<&str> = docs.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["handbook.pdf", "proposals/checklist.pdf"]);
    for doc in &docs {
        let stem = doc.name.trim_end_matches(".pdf");
        assert_golden(&format!("pdf/{stem}.typ"), &doc.main_typ());
        let data = serde_json::to_string_pretty(&doc.data).unwrap() + "\n";
        assert_golden(&format!("pdf/{stem}.data.json"), &data);
    }
}

/// The repository's own handbook makes its PDFs: the whole handbook and each
/// proposal, with text a reader can search.
#[test]
fn the_repository_handbook_makes_its_pdfs() {
    require_pdf_tools();
    let p = TestProject::repository();
    p.run(&["build"]).assert_ok();
    let pdfs = common::list_files(&p.path().join("output/pdf"));
    assert!(pdfs.contains(&"handbook.pdf".to_string()), "{pdfs:?}");
    assert!(
        pdfs.contains(&"proposals/knowledge-handbook.pdf".to_string()),
        "{pdfs:?}"
    );
    let handbook = pdf::squeeze(&pdf::text(&p.path().join("output/pdf/handbook.pdf")));
    for expected in [
        "練馬区国保標準システム運用手引き",
        "目次",
        "夜間日次バッチ",
        "改善提案",
    ] {
        assert!(handbook.contains(expected), "{expected}");
    }
    let proposal = pdf::text(&p.path().join("output/pdf/proposals/knowledge-handbook.pdf"));
    let proposal = pdf::squeeze(&proposal);
    assert!(
        proposal.contains("件名運用の知見を運用手引きとして継続管理する"),
        "{proposal}"
    );
    assert!(
        proposal.contains("練馬区区民部国保年金課こくほ電算調整係御中"),
        "{proposal}"
    );
    // ⑥ and ⑦ from the illustrative records of 令和9年1月・2月.
    for file in [
        "monthly/2027-01.pdf",
        "monthly/2027-02.pdf",
        "minutes/MTG-2027-01-27-teirei.pdf",
        "meetings.pdf",
    ] {
        assert!(pdfs.contains(&file.to_string()), "{file} not in {pdfs:?}");
    }
    let monthly = pdf::squeeze(&pdf::text(&p.path().join("output/pdf/monthly/2027-01.pdf")));
    assert!(
        monthly.contains("練馬区区民部国保年金課こくほ電算調整係御中"),
        "{monthly}"
    );
    assert!(
        monthly.contains("月間作業実績報告書令和9年1月分"),
        "{monthly}"
    );
}
