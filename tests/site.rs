//! The site build on small fixture projects: golden pages, link rewriting,
//! relative URLs only, and an output directory that a failed build leaves alone.
//! PDFs are left out (`--no-pdf`): tests/pdf.rs covers them.

mod common;

use common::{TestProject, assert_golden, list_files, main_element};

#[test]
fn basic_fixture_builds_every_page_and_asset() {
    let p = TestProject::fixture("basic");
    p.run(&["build", "--no-pdf"]).assert_ok();
    assert_eq!(
        list_files(&p.path().join("output/site")),
        [
            "assets/batches.css",
            "assets/batches.js",
            "assets/calendar.css",
            "assets/changes-data.js",
            "assets/changes/index.js",
            "assets/contact-now.js",
            "assets/nav-data.js",
            "assets/nav-mark.js",
            "assets/nav.js",
            "assets/nav/index.html",
            "assets/nav/ops/index.html",
            "assets/records.css",
            "assets/records.js",
            "assets/search.js",
            "assets/search/g-0.js",
            "assets/search/index.js",
            "assets/search/t-0.js",
            "assets/since.js",
            "assets/site.js",
            "assets/style.css",
            "assets/today.js",
            "changes.html",
            "freshness.html",
            "handover/contractor.html",
            "handover/ward.html",
            "index.html",
            "ops/index.html",
            "ops/nightly.html",
            "ops/online.html",
            "roles/contractor.html",
            "roles/index.html",
            "roles/raci.html",
            "roles/ward.html",
            "search.html"
        ]
    );
}

#[test]
fn page_main_matches_golden() {
    let p = TestProject::fixture("basic");
    p.run(&["build", "--no-pdf"]).assert_ok();
    for page in ["ops/online.html", "ops/index.html", "index.html"] {
        let html = p.read(&format!("output/site/{page}"));
        assert_golden(&format!("basic/{page}.main"), &main_element(&html));
    }
}

#[test]
fn links_between_markdown_files_point_at_built_pages() {
    let p = TestProject::fixture("basic");
    p.run(&["build", "--no-pdf"]).assert_ok();
    let doc = scraper::Html::parse_document(&p.read("output/site/ops/nightly.html"));
    let sel = scraper::Selector::parse(".content a").unwrap();
    let hrefs: Vec<_> = doc
        .select(&sel)
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        hrefs,
        [
            "online.html#%E5%9F%BA%E6%9C%AC%E9%81%8B%E7%94%A8",
            "../index.html"
        ]
    );
    let doc = scraper::Html::parse_document(&p.read("output/site/index.html"));
    let hrefs: Vec<_> = doc
        .select(&sel)
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(hrefs, ["ops/online.html"]);
}

#[test]
fn japanese_heading_anchors_exist_for_every_toc_entry() {
    let p = TestProject::fixture("basic");
    p.run(&["build", "--no-pdf"]).assert_ok();
    let doc = scraper::Html::parse_document(&p.read("output/site/ops/online.html"));
    let toc = scraper::Selector::parse(".toc a").unwrap();
    let targets: Vec<_> = doc
        .select(&toc)
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(targets, ["#基本運用", "#延長"]);
    for t in targets {
        let sel = scraper::Selector::parse(&format!("[id=\"{}\"]", &t[1..])).unwrap();
        assert!(doc.select(&sel).next().is_some(), "no element with id {t}");
    }
}

/// file:// and sub-paths only work when no URL is absolute or root-relative.
#[test]
fn no_output_file_holds_an_absolute_or_root_relative_url() {
    let p = TestProject::fixture("basic");
    p.run(&["build", "--no-pdf"]).assert_ok();
    let site = p.path().join("output/site");
    let attr = scraper::Selector::parse("[href], [src]").unwrap();
    let mut checked = 0;
    for file in list_files(&site).iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(site.join(file)).unwrap();
        // Standards mode: nothing, not even a blank line, before the doctype.
        assert!(html.starts_with("<!DOCTYPE html>"), "{file}: {html:.40}");
        let doc = scraper::Html::parse_document(&html);
        for el in doc.select(&attr) {
            for name in ["href", "src"] {
                let Some(url) = el.value().attr(name) else {
                    continue;
                };
                checked += 1;
                assert!(!url.starts_with('/'), "{file}: root-relative {name}={url}");
                assert!(!url.starts_with("file:"), "{file}: {name}={url}");
                if url.contains("://") {
                    assert!(
                        name == "href" && el.value().name() == "a",
                        "{file}: resource from the network: {url}"
                    );
                }
            }
        }
    }
    assert!(checked > 20, "only {checked} URLs checked");
    let css = p.read("output/site/assets/style.css");
    assert!(!css.contains("url("), "the stylesheet loads nothing");
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let p = TestProject::fixture("basic");
    p.run(&["build", "--no-pdf"]).assert_ok();
    let before = p.read("output/site/ops/online.html");
    p.write(
        "content/ops/online.md",
        "---\ntitle: x\n---\n[壊れたリンク](missing.md)\n",
    );
    p.run(&["build", "--no-pdf"]).assert_code(1);
    assert_eq!(p.read("output/site/ops/online.html"), before);
    let mut leftovers: Vec<_> = std::fs::read_dir(p.path().join("output"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    leftovers.sort();
    // The last good build's site and manifest: no staging directory left behind.
    assert_eq!(leftovers, [".tebiki-manifest", "site"]);
}

#[test]
fn rebuild_replaces_removed_pages() {
    let p = TestProject::fixture("basic");
    p.run(&["build", "--no-pdf"]).assert_ok();
    p.remove("content/ops/nightly.md");
    p.write(
        "content/ops/online.md",
        &p.read("content/ops/online.md")
            .replace("[夜間バッチの手順](nightly.md#手順)", "夜間バッチ"),
    );
    p.run(&["build", "--no-pdf"]).assert_ok();
    assert!(!p.path().join("output/site/ops/nightly.html").exists());
}

#[test]
fn user_text_is_escaped_in_templates() {
    let p = TestProject::fixture("basic");
    p.write(
        "content/ops/online.md",
        "---\ntitle: \"<script>alert(1)</script>\"\narea: \"4.1\"\nowner: contractor\nreviewed: 2026-11-01\nreview_every: 6\nsummary: \"a & b <i>\"\n---\n## 基本運用\n\n本文 <b>太字</b>\n",
    );
    p.run(&["build", "--no-pdf"]).assert_ok();
    let html = p.read("output/site/ops/online.html");
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("a &amp; b &lt;i&gt;"));
    assert!(
        html.contains("本文 &lt;b&gt;太字&lt;/b&gt;"),
        "raw HTML is text by default"
    );
    // The navigation of other pages shows the title escaped too.
    assert!(!p.read("output/site/index.html").contains("<script>"));
}

#[test]
fn raw_html_is_kept_when_the_project_allows_it() {
    let p = TestProject::fixture("basic");
    let config = p.read("tebiki.yaml") + "markdown:\n  allow_raw_html: true\n";
    p.write("tebiki.yaml", &config);
    p.write(
        "content/ops/nightly.md",
        "---\ntitle: 夜間\narea: \"4.4\"\nowner: contractor\nreviewed: 2026-11-01\nreview_every: 6\n---\n## 手順\n\n本文 <kbd>Enter</kbd>\n",
    );
    p.run(&["build", "--no-pdf"]).assert_ok();
    assert!(
        p.read("output/site/ops/nightly.html")
            .contains("<kbd>Enter</kbd>")
    );
}

#[test]
fn images_next_to_pages_are_copied() {
    let p = TestProject::fixture("basic");
    p.write_bytes("content/ops/fig.png", b"\x89PNG\r\n");
    p.write(
        "content/ops/nightly.md",
        "---\ntitle: 夜間\narea: \"4.4\"\nowner: contractor\nreviewed: 2026-11-01\nreview_every: 6\n---\n## 手順\n\n![図](fig.png)\n",
    );
    p.run(&["build", "--no-pdf"]).assert_ok();
    assert_eq!(
        std::fs::read(p.path().join("output/site/ops/fig.png")).unwrap(),
        b"\x89PNG\r\n"
    );
    assert!(
        p.read("output/site/ops/nightly.html")
            .contains(r#"src="fig.png""#)
    );
}

/// assets/nav-data.js as JSON: `window.TEBIKI_NAV = {…};`.
fn nav_tree(p: &TestProject) -> serde_json::Value {
    let script = p.read("output/site/assets/nav-data.js");
    let json = script
        .split_once(" = ")
        .and_then(|(_, rest)| rest.trim_end().strip_suffix(';'))
        .unwrap_or_else(|| panic!("{script}"));
    serde_json::from_str(json).unwrap()
}

/// The `<iframe>` a page shows in `<noscript>` (the parser reads a noscript's
/// content as text, as a browser with scripts does): its `src`.
fn noscript_frame(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let noscript = doc
        .select(&scraper::Selector::parse(".site-nav noscript").unwrap())
        .next()
        .unwrap_or_else(|| panic!("no <noscript> in the navigation: {html}"));
    let inner: String = noscript.text().collect();
    let frame = scraper::Html::parse_fragment(&inner);
    let iframe = frame
        .select(&scraper::Selector::parse("iframe.nav-frame").unwrap())
        .next()
        .unwrap_or_else(|| panic!("no frame in {inner}"));
    iframe.value().attr("src").unwrap().to_string()
}

/// A section's frame: each item's id, class, link and text.
fn frame_items(p: &TestProject, frame: &str) -> Vec<[String; 4]> {
    let doc = scraper::Html::parse_document(&p.read(&format!("output/site/{frame}")));
    assert_eq!(
        doc.select(&scraper::Selector::parse("base[target=_parent]").unwrap())
            .count(),
        1,
        "links must open in the page, not in the frame"
    );
    doc.select(&scraper::Selector::parse("ul.nav-tree li").unwrap())
        .map(|li| {
            let a = li
                .select(&scraper::Selector::parse("a").unwrap())
                .next()
                .unwrap();
            let attr = |v: Option<&str>| v.unwrap_or("").to_string();
            [
                attr(li.value().attr("id")),
                attr(li.value().attr("class")),
                attr(a.value().attr("href")),
                a.text().collect(),
            ]
        })
        .collect()
}

#[test]
fn the_navigation_tree_is_written_once_and_pages_carry_only_a_frame_of_their_section() {
    let p = TestProject::fixture("basic");
    p.write(
        "content/more/_index.md",
        "---\ntitle: その他\narea: general\nowner: contractor\nreviewed: 2026-11-01\nreview_every: 6\n---\n本文。\n",
    );
    p.run(&["build", "--no-pdf"]).assert_ok();
    let tree = nav_tree(&p);
    // One line a page in reading order; a section is its index page's line, its
    // number of own pages (the lines after it) and its sub-sections.
    let lines: Vec<&str> = tree["pages"].as_str().unwrap().split('\n').collect();
    assert_eq!(
        lines,
        [
            "index.html\tテスト区 運用手引き",
            "more/index.html\tその他",
            "ops/index.html\t業務",
            "ops/online.html\tオンライン処理",
            "ops/nightly.html\t夜間日次バッチ",
        ]
    );
    assert_eq!(
        tree["sections"],
        serde_json::json!([[0, 0, [1, 2]], [1, 0, []], [2, 2, []]])
    );
    assert_eq!(tree["search"], "search.html");

    let html = p.read("output/site/ops/online.html");
    let doc = scraper::Html::parse_document(&html);
    let list = doc
        .select(&scraper::Selector::parse("ul.nav-tree").unwrap())
        .next()
        .unwrap();
    assert_eq!(list.value().attr("data-nav"), Some("ops/online.html"));
    assert!(list.value().attr("data-nav-current").is_some());
    let texts: Vec<String> = list
        .select(&scraper::Selector::parse("a").unwrap())
        .map(|a| a.text().collect())
        .collect();
    // The page itself carries ホーム; the script builds the rest.
    assert_eq!(texts, ["ホーム"]);
    // No search box in the page: nav.js adds it (search needs JavaScript).
    assert!(!html.contains("<form"), "{html}");

    // Without the script: the frame of the page's own section, at the page.
    assert_eq!(
        noscript_frame(&html),
        "../assets/nav/ops/index.html#online.html"
    );
    let items = frame_items(&p, "assets/nav/ops/index.html");
    let expected = [
        [
            "index.html",
            "nav-section open",
            "../../../ops/index.html",
            "業務",
        ],
        [
            "online.html",
            "",
            "../../../ops/online.html",
            "オンライン処理",
        ],
        [
            "nightly.html",
            "",
            "../../../ops/nightly.html",
            "夜間日次バッチ",
        ],
    ];
    assert_eq!(items, expected.map(|i| i.map(str::to_string)));
    // The top's frame: its index page, then its sections, closed.
    assert_eq!(
        noscript_frame(&p.read("output/site/index.html")),
        "assets/nav/index.html#index.html"
    );
    let top: Vec<String> = frame_items(&p, "assets/nav/index.html")
        .into_iter()
        .map(|[id, class, _, text]| format!("{id} {class} {text}"))
        .collect();
    assert_eq!(
        top,
        [
            "index.html  テスト区 運用手引き",
            "more/index.html nav-section その他",
            "ops/index.html nav-section 業務",
        ]
    );
}

#[test]
fn a_page_carries_the_same_navigation_whatever_the_size_of_its_section() {
    let p = TestProject::fixture("basic");
    let front = "area: general\nowner: contractor\nreviewed: 2026-11-01\nreview_every: 6\n";
    p.write(
        "content/gen/_index.md",
        &format!("---\ntitle: 生成\n{front}---\n本文。\n"),
    );
    let nav_of = |p: &TestProject| {
        let html = p.read("output/site/gen/p03.html");
        let start = html.find("<nav class=\"site-nav\"").unwrap();
        let end = start + html[start..].find("</nav>").unwrap();
        html[start..end].to_string()
    };
    let mut navs = Vec::new();
    for pages in [5, 60] {
        for i in 0..pages {
            p.write(
                &format!("content/gen/p{i:02}.md"),
                &format!("---\ntitle: 生成頁{i}\n{front}order: {i}\n---\n本文。\n"),
            );
        }
        p.run(&["build", "--no-pdf"]).assert_ok();
        navs.push(nav_of(&p));
        // The frame lists every page of the section, the page's own by its id.
        let items = frame_items(&p, "assets/nav/gen/index.html");
        assert_eq!(items.len(), 1 + pages);
        assert_eq!(items[4][0], "p03.html");
        assert_eq!(items[4][3], "生成頁3");
    }
    assert_eq!(navs[0], navs[1]);
    assert!(
        navs[0].contains("assets/nav/gen/index.html#p03.html"),
        "{}",
        navs[0]
    );
}
