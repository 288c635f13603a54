//! The built site in a real browser: headless Chromium (driven through
//! chromedriver) opens it from file://, searches in Japanese, reads the contact
//! panel at fixed clocks, checks the phone layout and takes the README
//! screenshot (the navigation: browser_nav.rs). Fails when Chromium or
//! chromedriver is missing.

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

/// A copy of the repository's handbook (tebiki.yaml, content, data, templates).
fn handbook() -> TestProject {
    let dir = tempfile::tempdir().unwrap();
    let repo = common::repo_root();
    for item in ["tebiki.yaml", "content", "data", "templates"] {
        let src = repo.join(item);
        if src.is_dir() {
            common::copy_dir(&src, &dir.path().join(item));
        } else {
            std::fs::copy(&src, dir.path().join(item)).unwrap();
        }
    }
    TestProject { dir }
}

/// Titles of the result list on search.html once the search has run.
fn search_page_titles(b: &Browser, p: &TestProject, query: &str) -> Vec<String> {
    b.open(&p.site_file("search.html"), &format!("?q={query}"));
    b.wait_for(
        "return document.querySelector('[data-search-results]').hasAttribute('data-search-ms')",
    );
    let titles = b.eval("return Array.from(document.querySelectorAll('.search-result .sr-title')).map(e => e.textContent)");
    serde_json::from_value(titles).unwrap()
}

#[test]
fn search_finds_japanese_queries_from_a_file_url() {
    let p = built();
    let b = Browser::start(1280, 900);

    let titles = search_page_titles(&b, &p, "夜間バッチ");
    assert_eq!(titles[0], "夜間日次バッチのパラメータ確定", "{titles:?}");
    let marks = b.eval("return Array.from(document.querySelectorAll('.search-result mark')).map(e => e.textContent)");
    assert!(
        marks.as_array().unwrap().contains(&json!("バッチ")),
        "{marks}"
    );
    let status = b.eval("return document.querySelector('[data-search-status]').textContent");
    assert!(
        status
            .as_str()
            .unwrap()
            .starts_with("「夜間バッチ」の検索結果: "),
        "{status}"
    );

    let titles = search_page_titles(&b, &p, "パラメータ");
    assert_eq!(titles[0], "夜間日次バッチのパラメータ確定", "{titles:?}");
    // Hiragana finds katakana.
    assert_eq!(search_page_titles(&b, &p, "ぱらめーた"), titles);

    b.open(&p.site_file("search.html"), "?q=稼働");
    b.wait_for(
        "return document.querySelector('[data-search-results]').hasAttribute('data-search-ms')",
    );
    let hits = b.eval("return Array.from(document.querySelectorAll('.search-result a')).map(a => [a.querySelector('.sr-section') ? a.querySelector('.sr-section').textContent : '', a.getAttribute('href')])");
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .any(|h| h[0] == "稼働時間" && h[1].as_str().unwrap().starts_with("ops/online.html#")),
        "{hits}"
    );
    let ms = b.eval("return Number(document.querySelector('[data-search-results]').getAttribute('data-search-ms'))");
    // The goal (100 ms on 10,000 pages) is the bench's to measure; here only a
    // pathological slowdown fails, as the machine is shared with other tests.
    assert!(ms.as_f64().unwrap() < 2000.0, "search took {ms} ms");

    // The script folds text exactly as the index builder does.
    let sample = "ぱらめーたＡＢＣｶﾅ〜　夜間";
    let js = b.eval(&format!("return tebikiSearch.fold({})", json!(sample)));
    assert_eq!(js, json!(tebiki::search::fold::fold(sample)));
}

/// Pages whose text makes an index of several parts: distinct kanji per page,
/// so the bigram table is large too.
fn many_pages() -> TestProject {
    let p = TestProject::fixture("basic");
    let front = "area: general\nowner: contractor\nreviewed: 2026-11-01\nreview_every: 6\n";
    p.write(
        "content/gen/_index.md",
        &format!("---\ntitle: 生成\n{front}---\n生成した頁です。\n"),
    );
    for i in 0..400u32 {
        let text: String = (0..400u32)
            .filter_map(|j| char::from_u32(0x4E00 + (i * 131 + j * 37) % 20000))
            .collect();
        let extra = if i == 399 {
            "最後の頁にだけある語は蜃気楼台帳です。"
        } else {
            ""
        };
        p.write(
            &format!("content/gen/p{i:03}.md"),
            &format!("---\ntitle: 生成頁{i}\n{front}---\n## 本文\n\n{text}\n\n共通語の夜間処理。{extra}\n"),
        );
    }
    p.run(&["build", "--no-pdf"]).assert_ok();
    p
}

#[test]
fn search_loads_only_the_index_parts_a_query_needs() {
    let p = many_pages();
    let index = common::search_index(&p.site_file(""));
    let (g, t) = (
        index["parts"]["g"].as_u64().unwrap(),
        index["parts"]["t"].as_u64().unwrap(),
    );
    assert!(g > 1 && t > 1, "{g} bigram parts, {t} text parts");
    let b = Browser::start(1280, 900);
    let loaded = "return Array.from(document.scripts).map(s => s.getAttribute('src') || '').filter(s => s.includes('assets/search/')).length";

    // A word on the last page only: its bigrams' parts (hashed alike in Rust
    // and in the script) and that page's text part, not the whole index.
    let titles = search_page_titles(&b, &p, "蜃気楼台帳");
    assert_eq!(titles, ["生成頁399"]);
    let parts = b.eval(loaded).as_u64().unwrap();
    assert!(parts < 1 + g + t, "{parts} of {} parts loaded", 1 + g + t);

    // A word on every page: every text part is read for the final list.
    let titles = search_page_titles(&b, &p, "夜間処理");
    assert_eq!(titles.len(), 100, "{titles:?}");
    assert_eq!(titles[0], "生成頁0");
    let first = b.eval("return Number(document.querySelector('[data-search-results]').getAttribute('data-search-first-ms'))");
    let all = b.eval("return Number(document.querySelector('[data-search-results]').getAttribute('data-search-ms'))");
    assert!(
        first.as_f64().unwrap() <= all.as_f64().unwrap(),
        "{first} > {all}"
    );
    // The bigrams' parts, which hold the same bigrams in titles too.
    let gram_parts: std::collections::BTreeSet<u32> = ["夜間", "間処", "処理"]
        .iter()
        .map(|gram| tebiki::search::gram_part(gram, g as u32))
        .collect();
    assert_eq!(
        b.eval(loaded).as_u64().unwrap(),
        1 + gram_parts.len() as u64 + t
    );
}

#[test]
fn header_search_box_works_with_the_keyboard_alone() {
    let p = built();
    let b = Browser::start(1280, 900);
    b.open(&p.site_file("ops/online.html"), "");
    b.press("/");
    assert_eq!(
        b.eval("return document.activeElement.id"),
        json!("site-search-input")
    );
    let input = b.find("#site-search-input");
    b.type_into(&input, "パラメータ");
    b.wait_for("return !document.getElementById('site-search-listbox').hidden");
    assert_eq!(
        b.eval("return document.getElementById('site-search-input').getAttribute('aria-expanded')"),
        json!("true")
    );
    let first = b.eval(
        "return document.querySelector('#site-search-listbox [role=option] .sr-title').textContent",
    );
    assert_eq!(first, json!("夜間日次バッチのパラメータ確定"));
    b.type_into(&input, "\u{E015}");
    assert_eq!(
        b.eval("return document.getElementById('site-search-input').getAttribute('aria-activedescendant')"),
        json!("site-search-option-0")
    );
    b.type_into(&input, "\u{E007}");
    let url = b.wait_for("return location.href.includes('nightly.html') && location.href");
    assert!(url.as_str().unwrap().contains("ops/nightly.html"), "{url}");
}

fn panel(b: &Browser, p: &TestProject, now: &str) -> serde_json::Value {
    b.open(&p.site_file("index.html"), &format!("?now={now}"));
    b.wait_for("return document.querySelector('[data-contact-now-lead]') !== null");
    b.eval(
        "const state = id => { const e = document.querySelector('[data-contact=\"' + id + '\"]'); return e ? [e.dataset.state, e.querySelector('.cn-status').textContent] : null; };
         return { lead: document.querySelector('[data-contact-now-lead]').dataset.contactNowLead,
                  leadText: document.querySelector('[data-contact-now-lead]').textContent,
                  clock: document.querySelector('[data-contact-now-clock]').textContent,
                  center: state('fujitsu-contact-center'), emergency: state('fujitsu-emergency'),
                  chatbot: state('fujitsu-chatbot') };",
    )
}

#[test]
fn contact_panel_names_the_open_channel_at_a_fixed_clock() {
    let p = built();
    let b = Browser::start(1280, 900);

    // Tuesday 10:00: contact center first (priority ①), chatbot open.
    let at10 = panel(&b, &p, "2027-01-05T10:00");
    assert_eq!(at10["lead"], "fujitsu-contact-center", "{at10}");
    assert_eq!(at10["chatbot"][0], "open");
    assert_eq!(at10["center"][1], "18:00 まで受付");
    assert!(
        at10["clock"]
            .as_str()
            .unwrap()
            .starts_with("2027年1月5日(火) 10:00 現在"),
        "{at10}"
    );

    // 19:00: only the emergency contact, until the online end time.
    let at19 = panel(&b, &p, "2027-01-05T19:00");
    assert_eq!(at19["lead"], "fujitsu-emergency", "{at19}");
    assert_eq!(at19["emergency"], json!(["open", "20:00 まで受付"]));
    assert_eq!(
        at19["center"],
        json!(["closed", "受付時間外。次の受付: 1月6日(水) 8:30 から"])
    );
    assert_eq!(at19["chatbot"][0], "closed");

    // 20:30: nothing open; the next business day is named.
    let at2030 = panel(&b, &p, "2027-01-05T20:30");
    assert_eq!(at2030["lead"], "", "{at2030}");
    assert!(
        at2030["leadText"]
            .as_str()
            .unwrap()
            .contains("1月6日(水) 8:30"),
        "{at2030}"
    );

    // Year-end closure: no online service, nothing until 2027-01-04.
    let closure = panel(&b, &p, "2026-12-30T10:00");
    assert_eq!(closure["emergency"][0], "closed", "{closure}");
    assert!(
        closure["center"][1]
            .as_str()
            .unwrap()
            .contains("1月4日(月) 8:30"),
        "{closure}"
    );
}

/// The "today" panel's status line and state class at a fixed clock.
fn today_panel(b: &Browser, p: &TestProject, now: &str) -> (String, String) {
    b.open(&p.site_file("index.html"), &format!("?now={now}"));
    b.wait_for("return !document.querySelector('[data-today=\"details\"]').hidden");
    let v = b.eval(
        "const panel = document.getElementById('today-panel');
         return [panel.querySelector('[data-today=\"status\"]').textContent,
                 panel.classList.contains('status-online') ? 'online' : 'offline'];",
    );
    serde_json::from_value(v).unwrap()
}

#[test]
fn today_panel_follows_the_embedded_schedule_at_a_fixed_clock() {
    let p = handbook();
    p.run(&["build", "--no-pdf"]).assert_ok();
    let b = Browser::start(1280, 900);
    let (status, state) = today_panel(&b, &p, "2027-01-05T10:00");
    assert!(
        status.starts_with("稼働中です。本日のオンラインは "),
        "{status}"
    );
    assert_eq!(state, "online");
    // 成人の日 (a Happy Monday holiday): no online service, named as the reason.
    let (status, state) = today_panel(&b, &p, "2027-01-11T10:00");
    assert_eq!(status, "本日はオンライン休止日です（成人の日）。");
    assert_eq!(state, "offline");
    let (status, _) = today_panel(&b, &p, "2027-01-05T07:30");
    assert!(status.ends_with("に稼働します（開始前）。"), "{status}");
    let (status, _) = today_panel(&b, &p, "2027-01-05T23:00");
    assert!(
        status.starts_with("本日のオンラインは ") && status.ends_with("に終了しました。"),
        "{status}"
    );
    let (status, _) = today_panel(&b, &p, "2026-12-01T10:00");
    assert_eq!(
        status,
        "オンラインの稼働は 2027年1月4日（月） から始まります。"
    );
}

fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |i: usize| u32::from_be_bytes(png[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

/// The README's screenshot: written to docs/screenshot-home.png when
/// TEBIKI_SCREENSHOT=1, otherwise only checked.
#[test]
fn home_page_fits_a_phone_and_is_screenshotted_for_the_readme() {
    let p = built();
    let phone = Browser::start(390, 844);
    for page in [
        "index.html",
        "roles/raci.html",
        "ops/online.html",
        "search.html",
    ] {
        phone.open(&p.site_file(page), "?q=稼働");
        let overflow = phone.eval(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
        );
        assert!(
            overflow.as_i64().unwrap() <= 0,
            "{page} scrolls sideways on a phone by {overflow}px"
        );
    }
    drop(phone);

    // The README shows the repository's own handbook.
    let handbook = handbook();
    handbook.run(&["build", "--no-pdf"]).assert_ok();
    let b = Browser::start(1280, 1000);
    b.open(&handbook.site_file("index.html"), "?now=2027-01-05T19:00");
    b.wait_for("return document.querySelector('[data-contact-now-lead]') !== null");
    let png = b.screenshot();
    let (w, h) = png_size(&png);
    assert!(w >= 1000 && h >= 600, "{w}x{h}");
    if std::env::var_os("TEBIKI_SCREENSHOT").is_some() {
        let out = common::repo_root().join("docs/screenshot-home.png");
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        std::fs::write(out, &png).unwrap();
    }
}

#[test]
fn changed_since_view_and_navigation_marks_work_from_a_file_url() {
    use common::history::{repository, run, seconds};
    let (p, _) = repository();
    run(&p, &["build", "--no-pdf"]).assert_ok();
    let b = Browser::start(1280, 900);

    // The reading list of someone taking over on 2027-02-10: by section, in the
    // handbook's order, each with the commits since.
    b.open(&p.site_file("changes.html"), "?since=2027-02-10");
    let count = b.wait_for(
        "return document.querySelector('[data-since-results]').getAttribute('data-since-count')",
    );
    assert_eq!(
        count,
        json!("3"),
        "{}",
        b.eval(
            "return document.querySelector('[data-since-results]').getAttribute('data-since-error')"
        )
    );
    let groups = b.eval(
        "return Array.from(document.querySelectorAll('[data-since-group]')).map(g =>
           [g.dataset.sinceGroup, Array.from(g.querySelectorAll(':scope > ul > li')).map(li =>
             [li.firstChild.textContent, Array.from(li.querySelectorAll('.chg-subject')).map(s => s.textContent)])])",
    );
    assert_eq!(
        groups,
        json!([
            ["バッチ", [["移る手順", ["手順をバッチの節へ移動"]]]],
            [
                "運用の手引き",
                [["content/guide/gone.md", ["古い手順を削除"]]]
            ],
            ["記録と台帳", [["問合せ Q2", ["問合せ Q2 を登録"]]]]
        ])
    );
    assert_eq!(
        b.eval("return document.getElementById('since-date').value"),
        json!("2027-02-10")
    );

    // First visit: nothing to mark, the visit is remembered.
    let moved = p.site_file("batches/moved.html");
    b.open(&moved, "");
    let key = "'tebiki-visit:' + window.tebikiChanges.root";
    b.wait_for(&format!("return localStorage.getItem({key})"));
    assert_eq!(
        b.eval("return document.querySelectorAll('.nav-changed').length"),
        json!(0)
    );

    // The last visit long ago, when the site's newest change was the 2027-02-03 edit.
    let seen = seconds("2027-02-03T10:00:00+09:00");
    b.eval(&format!(
        "localStorage.setItem({key}, JSON.stringify({{seen: {seen}, last: 0, since: 0}}))"
    ));
    b.open(&moved, "");
    let since = b.wait_for("const e = document.querySelector('.nav-since a'); return e && [e.textContent, e.getAttribute('href')]");
    assert_eq!(
        since[0],
        json!("前回の閲覧以降の更新（2 ページ）"),
        "{since}"
    );
    assert!(
        since[1]
            .as_str()
            .unwrap()
            .ends_with("changes.html?since=2027-02-03"),
        "{since}"
    );
    let marked = b.eval("return Array.from(document.querySelectorAll('.site-nav a.nav-changed')).map(a => a.href.split('/output/site/')[1])");
    assert_eq!(marked, json!(["batches/moved.html"]));
    // Links the navigation gains later are marked too.
    b.eval("const a = document.createElement('a'); a.href = '../records/inquiries/Q2.html'; a.id = 'late'; document.querySelector('.site-nav').appendChild(a);");
    b.wait_for("return document.getElementById('late').classList.contains('nav-changed')");
    // Another page of the same visit keeps the marks.
    b.open(&p.site_file("index.html"), "");
    b.wait_for("return document.querySelector('.nav-since')");
}
