//! The site's navigation in a real browser (headless Chromium through
//! chromedriver, from file://): the tree built from the shared script and
//! opened at the page, the keyboard, the table of contents, and every page
//! reachable with JavaScript off (links and the sections' frames).

mod common;
mod webdriver;

use common::TestProject;
use serde_json::json;
use webdriver::Browser;

fn built() -> TestProject {
    let p = TestProject::fixture("views");
    p.run(&["build"]).assert_ok();
    p
}

/// The basic fixture with a section of 40 pages (more than the tree shows at
/// once) holding a sub-section of two pages.
fn long_section() -> TestProject {
    let p = TestProject::fixture("basic");
    let front = "area: general\nowner: contractor\nreviewed: 2026-11-01\nreview_every: 6\n";
    p.write(
        "content/gen/_index.md",
        &format!("---\ntitle: 生成\n{front}order: 2\n---\n生成した頁です。\n"),
    );
    for i in 0..40 {
        p.write(
            &format!("content/gen/p{i:02}.md"),
            &format!("---\ntitle: 生成頁{i}\n{front}order: {i}\n---\n本文 {i}。\n"),
        );
    }
    p.write(
        "content/gen/sub/_index.md",
        &format!("---\ntitle: 下位\n{front}---\n下位の頁です。\n"),
    );
    for name in ["a", "b"] {
        p.write(
            &format!("content/gen/sub/{name}.md"),
            &format!("---\ntitle: 下位頁{name}\n{front}---\n本文。\n"),
        );
    }
    p.run(&["build", "--no-pdf"]).assert_ok();
    p
}

/// The tree as nav.js built it: for each item of a list, its class, link text,
/// whether it is the current page, and its own list when it has one.
const TREE: &str = "const walk = ul => Array.from(ul.children).map(li => {
    const a = li.firstElementChild, sub = li.querySelector(':scope > ul');
    return [li.className, a.textContent, a.getAttribute('aria-current') === 'page', sub ? walk(sub) : null];
  });
  return walk(document.querySelector('.nav-tree'));";

#[test]
fn navigation_from_the_shared_script_opens_at_the_page_from_a_file_url() {
    let p = long_section();
    let b = Browser::start(1280, 900);
    b.open(&p.site_file("gen/p20.html"), "");
    let tree = b.eval(TREE);
    let top: Vec<&str> = tree
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item[1].as_str().unwrap())
        .collect();
    // 生成 has an order, 業務 none: 生成 first.
    assert_eq!(top, ["ホーム", "生成", "業務"], "{tree}");
    assert_eq!(tree[2], json!(["nav-section", "業務", false, null]));
    let generated = &tree[1];
    assert_eq!(generated[0], "nav-section open", "{generated}");
    let items = generated[3].as_array().unwrap();
    // 30 pages around the current one, the rest behind the section page.
    let pages: Vec<&str> = items[..30].iter().map(|i| i[1].as_str().unwrap()).collect();
    assert_eq!(pages[0], "生成頁5");
    assert_eq!(pages[29], "生成頁34");
    let current: Vec<&serde_json::Value> = items.iter().filter(|i| i[2] == true).collect();
    assert_eq!(current, [&json!(["", "生成頁20", true, null])]);
    assert_eq!(
        items[30],
        json!(["nav-more", "…ほか 10 ページ", false, null])
    );
    assert_eq!(items[31], json!(["nav-section", "下位", false, null]));
    let href = b.eval("return document.querySelector('.nav-more a').getAttribute('href')");
    assert_eq!(href, json!("../gen/index.html"));

    // Deeper: both sections open, the sub-section's page highlighted, the long
    // section from its start (the current page is not one of its pages).
    b.open(&p.site_file("gen/sub/b.html"), "");
    let tree = b.eval(TREE);
    let items = tree[1][3].as_array().unwrap();
    assert_eq!(items[0][1], "生成頁0");
    assert_eq!(items[31][0], "nav-section open", "{tree}");
    assert_eq!(
        items[31][3],
        json!([["", "下位頁a", false, null], ["", "下位頁b", true, null]])
    );
    let url = b.eval("return document.querySelector('.nav-tree [aria-current=page]').href");
    assert!(url.as_str().unwrap().ends_with("/gen/sub/b.html"), "{url}");
}

/// The table of contents numbers the top level only: a deeper heading is a
/// bullet that the next top-level number does not count.
#[test]
fn table_of_contents_numbers_only_the_top_level() {
    let p = built();
    let b = Browser::start(1280, 900);
    b.open(&p.site_file("ops/online.html"), "");
    let items = b.eval(
        "return Array.from(document.querySelectorAll('.toc li')).map(li =>
           [li.textContent, getComputedStyle(li).listStyleType, getComputedStyle(li).counterIncrement])",
    );
    assert_eq!(
        items,
        json!([
            ["稼働時間", "decimal", "none"],
            ["延長の判断", "decimal", "none"],
            ["見出しの中の夜間日次バッチ", "circle", "list-item 0"],
        ])
    );
}

#[test]
fn keyboard_reaches_the_skip_link_and_the_built_navigation() {
    let p = long_section();
    let b = Browser::start(1280, 900);
    b.open(&p.site_file("gen/p20.html"), "");
    b.press("\u{E004}");
    assert_eq!(
        b.eval("return document.activeElement.className"),
        json!("skip-link")
    );
    b.press("\u{E007}");
    b.wait_for("return location.hash === '#main'");
    assert_eq!(b.eval("return document.activeElement.id"), json!("main"));

    // Tab through the page to a section that only the built tree has, then open it.
    b.open(&p.site_file("gen/p20.html"), "");
    let mut reached = false;
    for _ in 0..40 {
        b.press("\u{E004}");
        let focused = b.eval(
            "const a = document.activeElement; return a.closest('.nav-tree') ? a.textContent : ''",
        );
        if focused == json!("業務") {
            reached = true;
            break;
        }
    }
    assert!(reached, "the tree's 業務 link is not reachable with Tab");
    b.press("\u{E007}");
    let url = b.wait_for("return location.href.endsWith('/ops/index.html') && location.href");
    assert!(url.as_str().unwrap().ends_with("/ops/index.html"), "{url}");
}

#[test]
fn without_javascript_every_page_is_reachable_from_the_home_page() {
    let p = built();
    let root = p.site_file("");
    let b = Browser::start_without_javascript(1280, 900);
    let prefix = format!("file://{}", root.display());
    let mut seen = std::collections::BTreeSet::from(["index.html".to_string()]);
    let mut todo = vec!["index.html".to_string()];
    while let Some(page) = todo.pop() {
        b.open(&root.join(&page), "");
        if page == "index.html" {
            // The page's own scripts did not run: no tree was built, no search
            // box added; the section's frame shows instead.
            assert_eq!(b.eval("return typeof window.tebikiNav"), json!("undefined"));
            assert_eq!(b.eval("return document.forms.length"), json!(0));
            let shown = b.eval("return document.querySelector('iframe.nav-frame').offsetHeight");
            assert!(shown.as_u64().unwrap() > 100, "frame height {shown}");
        }
        // The links of the page, and the frame it shows (its section's pages).
        let links = b.eval(
            "return Array.from(document.links).map(a => a.href)
               .concat(Array.from(document.querySelectorAll('iframe')).map(f => f.src))",
        );
        for link in links.as_array().unwrap() {
            let Some(rest) = link.as_str().unwrap().strip_prefix(&prefix) else {
                continue;
            };
            let target = rest
                .split(['#', '?'])
                .next()
                .unwrap()
                .trim_start_matches('/');
            if target.ends_with(".html") && seen.insert(target.to_string()) {
                todo.push(target.to_string());
            }
        }
    }
    let pages: std::collections::BTreeSet<String> = common::list_files(&root)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() > 20, "{pages:?}");
    let unreachable: Vec<&String> = pages.difference(&seen).collect();
    assert!(unreachable.is_empty(), "not reachable: {unreachable:?}");

    // A page's frame highlights the page, as the tree does with scripts.
    b.open(&p.site_file("ops/online.html"), "");
    let src = b.eval("return document.querySelector('iframe.nav-frame').getAttribute('src')");
    assert_eq!(src, json!("../assets/nav/ops/index.html#online.html"));
    b.open(&p.site_file("assets/nav/ops/index.html"), "#online.html");
    let marked = b.eval(
        "const a = document.querySelector(':target > a');
         return [a.textContent, getComputedStyle(a).fontWeight, getComputedStyle(a).color]",
    );
    assert_eq!(
        marked,
        json!(["オンライン処理の基本運用", "700", "rgb(255, 255, 255)"])
    );
}
