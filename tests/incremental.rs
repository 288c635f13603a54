//! Incremental builds: a rebuild keeps every output whose inputs did not change
//! (the same file, hard-linked from the previous output) and makes again exactly
//! those whose inputs did.

mod common;

use std::os::unix::fs::MetadataExt;

use common::{TestProject, is_page, list_files};

/// The inode of every file of the built site: a kept file keeps its inode.
fn inodes(p: &TestProject) -> std::collections::BTreeMap<String, u64> {
    let site = p.path().join("output/site");
    list_files(&site)
        .into_iter()
        .map(|f| {
            let ino = std::fs::metadata(site.join(&f)).unwrap().ino();
            (f, ino)
        })
        .collect()
}

fn changed(before: &std::collections::BTreeMap<String, u64>, p: &TestProject) -> Vec<String> {
    let after = inodes(p);
    after
        .iter()
        .filter(|(f, ino)| before.get(*f) != Some(ino))
        .map(|(f, _)| f.clone())
        .collect()
}

#[test]
fn rebuild_with_inputs_touched_but_not_changed_keeps_every_file() {
    let p = TestProject::fixture("basic");
    p.run(&["build"]).assert_ok();
    let before = inodes(&p);
    // Written again as it was: the new time makes the build look at the inputs.
    let page = p.read("content/ops/nightly.md");
    p.write("content/ops/nightly.md", &page);
    let run = p.run(&["build"]);
    run.assert_ok();
    let pages = before.keys().filter(|f| is_page(f)).count();
    assert!(
        run.stderr.contains(&format!(
            "site: {pages} ページは入力が変わっていないため前回のまま"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(changed(&before, &p), Vec::<String>::new());
}

const UP_TO_DATE: &str = "入力に変更がないため";

#[test]
fn a_build_with_nothing_changed_stops_at_once_and_says_what_the_last_one_said() {
    let p = TestProject::fixture("basic");
    // A page past its review date: the build warns about it, every time.
    let page = p.read("content/ops/nightly.md");
    p.write(
        "content/ops/nightly.md",
        &page.replace("reviewed: 2026-", "reviewed: 2020-"),
    );
    p.age_inputs();
    let first = p.run(&["build", "--no-pdf"]);
    first.assert_ok();
    let warnings: Vec<&str> = first
        .stderr
        .lines()
        .filter(|l| l.contains("警告"))
        .collect();
    assert!(!warnings.is_empty(), "{}", first.stderr);
    let before = inodes(&p);
    let manifest = std::fs::metadata(p.path().join("output/.tebiki-manifest")).unwrap();

    let again = p.run(&["build", "--no-pdf"]);
    again.assert_ok();
    assert!(again.stderr.contains(UP_TO_DATE), "{}", again.stderr);
    let warned: Vec<&str> = again
        .stderr
        .lines()
        .filter(|l| l.contains("警告"))
        .collect();
    assert_eq!(warned, warnings);
    assert_eq!(changed(&before, &p), Vec::<String>::new());
    let after = std::fs::metadata(p.path().join("output/.tebiki-manifest")).unwrap();
    assert_eq!(after.modified().unwrap(), manifest.modified().unwrap());

    // Anything that changes the output makes it build: an edited page, ...
    let page = p.read("content/ops/online.md");
    p.write(
        "content/ops/online.md",
        &format!("{page}\n追記した段落。\n"),
    );
    p.age_inputs();
    let edited = p.run(&["build", "--no-pdf"]);
    assert!(!edited.stderr.contains(UP_TO_DATE), "{}", edited.stderr);
    assert!(
        p.read("output/site/ops/online.html")
            .contains("追記した段落。")
    );
    assert!(p.run(&["build", "--no-pdf"]).stderr.contains(UP_TO_DATE));
    // ... an output removed by hand, ...
    let good = p.read("output/site/ops/nightly.html");
    p.remove("output/site/ops/nightly.html");
    let lost = p.run(&["build", "--no-pdf"]);
    assert!(!lost.stderr.contains(UP_TO_DATE), "{}", lost.stderr);
    assert_eq!(p.read("output/site/ops/nightly.html"), good);
    // ... another day, another edition.
    let tomorrow = p.run_with(&["build", "--no-pdf"], &[("TEBIKI_TODAY", "2030-01-01")]);
    assert!(!tomorrow.stderr.contains(UP_TO_DATE), "{}", tomorrow.stderr);
    let redacted = p.run(&["build", "--no-pdf", "--redact"]);
    assert!(!redacted.stderr.contains(UP_TO_DATE), "{}", redacted.stderr);
    assert!(
        p.run(&["build", "--no-pdf", "--redact"])
            .stderr
            .contains(UP_TO_DATE)
    );
}

#[test]
fn an_input_changed_just_before_a_build_is_not_trusted_by_its_time() {
    let p = TestProject::fixture("basic");
    p.age_inputs();
    let page = p.read("content/ops/online.md");
    p.write("content/ops/online.md", &format!("{page}\n追記1\n"));
    p.run(&["build", "--no-pdf"]).assert_ok();
    // Its time is within two seconds of the build: a second edit in the same
    // tick of a coarse clock would look the same, so the build looks again.
    let again = p.run(&["build", "--no-pdf"]);
    assert!(!again.stderr.contains(UP_TO_DATE), "{}", again.stderr);
}

#[test]
fn editing_one_body_renders_only_that_page_again() {
    let p = TestProject::fixture("basic");
    p.run(&["build"]).assert_ok();
    let before = inodes(&p);
    let page = p.read("content/ops/nightly.md");
    p.write(
        "content/ops/nightly.md",
        &format!("{page}\n追記した段落。\n"),
    );
    p.run(&["build"]).assert_ok();
    // The page, and the parts of the search index that hold its text and its
    // bigrams; the list of pages (index.js) is as before.
    assert_eq!(
        changed(&before, &p),
        [
            "assets/search/g-0.js",
            "assets/search/t-0.js",
            "ops/nightly.html"
        ]
    );
    assert!(
        p.read("output/site/ops/nightly.html")
            .contains("追記した段落。")
    );
}

#[test]
fn changing_a_title_renders_every_page_that_shows_it() {
    let p = TestProject::fixture("basic");
    p.run(&["build"]).assert_ok();
    let page = p.read("content/ops/nightly.md");
    p.write(
        "content/ops/nightly.md",
        &page.replace("title: 夜間日次バッチ", "title: 夜間バッチ（改）"),
    );
    p.run(&["build"]).assert_ok();
    // The navigation of every page lists the new title.
    for f in ["ops/index.html", "ops/online.html"] {
        let html = p.read(&format!("output/site/{f}"));
        assert!(html.contains("夜間バッチ（改）"), "{f} shows the old title");
    }
}

#[test]
fn changing_a_template_or_data_renders_every_page_again() {
    let p = TestProject::fixture("basic");
    p.run(&["build"]).assert_ok();
    let before = inodes(&p);
    let base = p.read("templates/base.html");
    p.write(
        "templates/base.html",
        &base.replace("</footer>", "<p>改訂版</p></footer>"),
    );
    p.run(&["build"]).assert_ok();
    let pages: Vec<String> = before.keys().filter(|f| is_page(f)).cloned().collect();
    assert_eq!(changed(&before, &p), pages);
    assert!(p.read("output/site/ops/online.html").contains("改訂版"));

    // Data reaches every page's template: all are rendered again, and those whose
    // bytes changed (the home page lists the areas) are written.
    let before = inodes(&p);
    let areas = p.read("data/areas.yaml");
    p.write("data/areas.yaml", &areas.replace("title: ", "title: 新"));
    let run = p.run(&["build"]);
    run.assert_ok();
    assert!(!run.stderr.contains("前回のまま"), "{}", run.stderr);
    let rewritten = changed(&before, &p);
    assert!(
        rewritten.contains(&"index.html".to_string()),
        "{rewritten:?}"
    );
    assert!(
        p.read("output/site/index.html")
            .contains("新オンライン処理")
    );
}

#[test]
fn an_output_file_edited_by_hand_is_made_again() {
    let p = TestProject::fixture("basic");
    p.run(&["build"]).assert_ok();
    let good = p.read("output/site/ops/online.html");
    p.write("output/site/ops/online.html", "手で書き換えた");
    p.run(&["build"]).assert_ok();
    assert_eq!(p.read("output/site/ops/online.html"), good);
}

#[test]
fn a_lost_or_broken_manifest_only_means_a_full_build() {
    let p = TestProject::fixture("basic");
    p.run(&["build"]).assert_ok();
    let good = p.read("output/site/ops/online.html");
    p.write("output/.tebiki-manifest", "壊れた内容\n");
    let run = p.run(&["build"]);
    run.assert_ok();
    assert!(!run.stderr.contains("前回のまま"), "{}", run.stderr);
    assert_eq!(p.read("output/site/ops/online.html"), good);
    p.remove("output/.tebiki-manifest");
    p.run(&["build"]).assert_ok();
    assert_eq!(p.read("output/site/ops/online.html"), good);
}

#[test]
fn search_index_of_an_incremental_build_equals_a_clean_one() {
    let p = TestProject::fixture("basic");
    p.run(&["build"]).assert_ok();
    let page = p.read("content/ops/nightly.md");
    p.write(
        "content/ops/nightly.md",
        &format!("{page}\n索引に載る新しい段落。\n"),
    );
    p.run(&["build"]).assert_ok();
    let site = p.path().join("output/site");
    let incremental = common::search_index(&site);
    assert!(
        incremental.to_string().contains("新しい段落"),
        "{incremental}"
    );

    // Without the previous index, the kept pages are read back instead.
    std::fs::remove_dir_all(site.join("assets/search")).unwrap();
    p.write(
        "content/ops/nightly.md",
        &format!("{page}\n索引に載る別の段落。\n"),
    );
    p.run(&["build"]).assert_ok();
    let without_cache = common::search_index(&site);

    std::fs::remove_dir_all(p.path().join("output")).unwrap();
    p.run(&["build"]).assert_ok();
    assert_eq!(without_cache, common::search_index(&site));
    p.write(
        "content/ops/nightly.md",
        &format!("{page}\n索引に載る新しい段落。\n"),
    );
    std::fs::remove_dir_all(p.path().join("output")).unwrap();
    p.run(&["build"]).assert_ok();
    assert_eq!(incremental, common::search_index(&site));
}

/// The pages of the site whose HTML holds `text`.
fn pages_showing(p: &TestProject, text: &str) -> Vec<String> {
    list_files(&p.path().join("output/site"))
        .into_iter()
        .filter(|f| is_page(f) && p.read(&format!("output/site/{f}")).contains(text))
        .collect()
}

/// The pages a rebuild wrote again; the navigation script and the frame of
/// `section` (its folder below `content/`) must be among the files it wrote.
fn rewritten_pages(
    before: &std::collections::BTreeMap<String, u64>,
    p: &TestProject,
    section: &str,
) -> Vec<String> {
    let rewritten = changed(before, p);
    for file in [
        "assets/nav-data.js".to_string(),
        format!("assets/nav/{section}/index.html"),
    ] {
        assert!(rewritten.contains(&file), "{file} not in {rewritten:?}");
    }
    rewritten.into_iter().filter(|f| is_page(f)).collect()
}

#[test]
fn adding_or_renaming_a_page_rewrites_the_navigation_script_and_only_the_pages_that_show_it() {
    let p = TestProject::fixture("basic");
    let front = "area: general\nowner: contractor\nreviewed: 2026-11-01\nreview_every: 6\n";
    let page = |title: &str, order: u32| {
        format!("---\ntitle: {title}\n{front}order: {order}\n---\n本文。\n")
    };
    p.write(
        "content/tail/_index.md",
        &format!("---\ntitle: 追加\n{front}---\n本文。\n"),
    );
    for i in 0..12 {
        p.write(
            &format!("content/tail/p{i:02}.md"),
            &page(&format!("追加頁{i}"), i),
        );
    }
    p.run(&["build", "--no-pdf"]).assert_ok();

    // Added: the section page lists it, its neighbour's previous/next shows it,
    // so do the owner's role and handover pages and the freshness page; the
    // tree of every page is the script, the section's pages without scripts
    // its frame.
    let before = inodes(&p);
    p.write("content/tail/p12.md", &page("新しい頁", 12));
    p.run(&["build", "--no-pdf"]).assert_ok();
    let pages = rewritten_pages(&before, &p, "tail");
    // The freshness page also counts every page (全 N ページ).
    let mut showing = pages_showing(&p, "新しい頁");
    showing.push("freshness.html".to_string());
    showing.sort();
    assert_eq!(pages, showing);
    for neighbour in ["tail/index.html", "tail/p11.html", "tail/p12.html"] {
        assert!(pages.contains(&neighbour.to_string()), "{pages:?}");
    }
    assert!(!pages.contains(&"tail/p10.html".to_string()), "{pages:?}");
    assert!(pages.len() < 10, "{pages:?}");
    assert!(
        p.read("output/site/assets/nav-data.js")
            .contains(r"tail/p12.html\t新しい頁")
    );

    let before = inodes(&p);
    std::fs::rename(
        p.path().join("content/tail/p05.md"),
        p.path().join("content/tail/renamed.md"),
    )
    .unwrap();
    p.run(&["build", "--no-pdf"]).assert_ok();
    let pages = rewritten_pages(&before, &p, "tail");
    assert_eq!(pages, pages_showing(&p, "renamed.html"));
    for neighbour in ["tail/p04.html", "tail/p06.html"] {
        assert!(pages.contains(&neighbour.to_string()), "{pages:?}");
    }
    for other in ["tail/p03.html", "tail/p07.html"] {
        assert!(!pages.contains(&other.to_string()), "{pages:?}");
    }
    assert!(!p.path().join("output/site/tail/p05.html").exists());
}
