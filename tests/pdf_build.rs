//! Making the PDFs with the real typst 0.15.1: user text that looks like Typst
//! prints literally, typst's errors name the page line, a failed compile keeps
//! the older PDF, the same inputs give the same bytes, unchanged PDFs are reused,
//! and long tables and headings lay out as a printed handbook should.

mod common;

use common::{TestProject, pdf, require_pdf_tools};

fn fixture() -> TestProject {
    require_pdf_tools();
    TestProject::fixture("pdf")
}

const FRONT: &str = "area: \"4.1\"\nowner: contractor\nreviewed: 2026-11-01\nreview_every: 6\n";

/// Every string the issue lists, in each place a page can put text.
const INJECTION_PAGE: &str = r#"## 見出し #sys.exit() $ # @ < * // \ ]

本文 #read("/etc/passwd") と #sys.exit() と $1+1$ と @ref と <label> と \* と // コメント と \ と ] と [x] と /* c */ と ---。

| 列 #a | 列 $b$ |
|---|---|
| #read("/etc/passwd") | ]) ; #sys.exit() |

- = 見出しではない - + ... -- ~ 'q' "q"
- `#read("/etc/passwd")`

[リンク #sys.exit() ]](https://example.jp/#x"y)

脚注[^1]。

[^1]: 脚注の中 #read("/etc/passwd") ]
"#;

#[test]
fn typst_syntax_in_pages_prints_literally() {
    let p = fixture();
    p.write(
        "content/ops/inject.md",
        &format!("---\ntitle: \"#read(\\\"/etc/passwd\\\") $x$ <t> @r // ]\"\n{FRONT}---\n{INJECTION_PAGE}"),
    );
    p.write(
        "content/proposals/checklist.md",
        &format!(
            "---\ntitle: \"#sys.exit() #read(\\\"/etc/passwd\\\") ]\"\nsummary: \"$ # @ < * // \\\\ ]\"\n{FRONT}---\n{INJECTION_PAGE}"
        ),
    );
    let run = p.run(&["build"]);
    run.assert_ok();
    assert!(!run.stderr.contains("root:"), "{}", run.stderr);
    for file in [
        "output/pdf/handbook.pdf",
        "output/pdf/proposals/checklist.pdf",
    ] {
        let raw = pdf::text(&p.path().join(file));
        let text = pdf::squeeze(&raw);
        for expected in [
            r#"見出し#sys.exit()$#@<*//\]"#,
            r#"本文#read("/etc/passwd")と#sys.exit()と$1+1$と@refと<label>と*と//コメントと\と]と[x]と/*c*/と---。"#,
            r#"列#a列$b$"#,
            r#"#read("/etc/passwd")]);#sys.exit()"#,
            r#"=見出しではない-+...--~'q'"q""#,
            r#"リンク#sys.exit()]"#,
            r#"脚注の中#read("/etc/passwd")]"#,
        ] {
            assert!(text.contains(expected), "{file}: {expected} not in:\n{raw}");
        }
        assert!(
            !text.contains("root:x:0"),
            "{file} read a file of the machine"
        );
    }
    let handbook = pdf::squeeze(&pdf::text(&p.path().join("output/pdf/handbook.pdf")));
    assert!(
        handbook.contains(r#"#read("/etc/passwd")$x$<t>@r//]"#),
        "title"
    );
    let proposal = pdf::squeeze(&pdf::text(
        &p.path().join("output/pdf/proposals/checklist.pdf"),
    ));
    assert!(
        proposal.contains(r#"件名#sys.exit()#read("/etc/passwd")]"#),
        "{proposal}"
    );
    assert!(proposal.contains(r#"概要$#@<*//\]"#), "{proposal}");
}

#[test]
fn a_typst_error_names_the_page_and_line_and_keeps_the_older_pdf() {
    let p = fixture();
    p.run(&["build"]).assert_ok();
    let before = std::fs::read(p.path().join("output/pdf/handbook.pdf")).unwrap();
    // Not a PNG: typst cannot decode it.
    p.write_bytes("content/ops/chart.png", b"\x89PNG\r\n\x1a\nbroken");
    let run = p.run(&["build"]);
    run.assert_code(1);
    let page = p.read("content/ops/tables.md");
    let line = page.lines().position(|l| l.starts_with("![")).unwrap() + 1;
    assert!(
        run.stderr.contains(&format!(
            "content/ops/tables.md:{line}:1: エラー: PDF handbook.pdf を作れません"
        )),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("tebiki-typst-"),
        "no temporary paths: {}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(p.path().join("output/pdf/handbook.pdf")).unwrap(),
        before,
        "the older PDF stays"
    );
}

#[test]
fn a_character_missing_from_the_fonts_is_reported_at_its_page() {
    let p = fixture();
    p.write(
        "content/ops/nightly.md",
        &format!("---\ntitle: 夜間\n{FRONT}---\n## 手順\n\n一行目。\n\n完了は ☑ で示す。\n"),
    );
    let run = p.run(&["build"]);
    run.assert_code(1);
    let line = p
        .read("content/ops/nightly.md")
        .lines()
        .position(|l| l.contains('☑'))
        .unwrap()
        + 1;
    assert!(
        run.stderr.contains(&format!(
            "content/ops/nightly.md:{line}:1: エラー: PDF handbook.pdf を作れません: 文字 ☑ は PDF のフォント"
        )),
        "{}",
        run.stderr
    );
}

#[test]
fn an_error_in_a_template_names_the_template_file() {
    let p = fixture();
    let template = p.read("templates/typst/proposal.typ");
    p.write(
        "templates/typst/proposal.typ",
        &template.replace(
            "align(right)[#data.date]",
            "align(right)[#data.no_such_field]",
        ),
    );
    let run = p.run(&["build"]);
    run.assert_code(1);
    let line = template
        .lines()
        .position(|l| l.contains("align(right)[#data.date]"))
        .unwrap()
        + 1;
    assert!(
        run.stderr
            .contains(&format!("templates/typst/proposal.typ:{line}:")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("no_such_field"), "{}", run.stderr);
}

#[test]
fn the_same_inputs_give_byte_identical_pdfs() {
    let a = fixture();
    let b = fixture();
    a.run(&["build"]).assert_ok();
    b.run(&["build"]).assert_ok();
    for file in [
        "output/pdf/handbook.pdf",
        "output/pdf/proposals/checklist.pdf",
    ] {
        let x = std::fs::read(a.path().join(file)).unwrap();
        let y = std::fs::read(b.path().join(file)).unwrap();
        assert!(
            x == y,
            "{file} differs between two builds of the same inputs"
        );
    }
    // The creation date comes from the newest `reviewed` date, not the clock.
    let info = pdf::info(&a.path().join("output/pdf/handbook.pdf"));
    assert_eq!(info["CreationDate"], "Mon Nov  9 15:00:00 2026 UTC");
}

#[test]
fn unchanged_pdfs_are_reused_and_changed_ones_rebuilt() {
    let p = fixture();
    p.run(&["build"]).assert_ok();
    let handbook = || std::fs::read(p.path().join("output/pdf/handbook.pdf")).unwrap();
    let first = handbook();
    let run = p.run(&["build"]);
    run.assert_ok();
    assert!(
        run.stderr.contains("2 件は入力が変わっていない"),
        "{}",
        run.stderr
    );
    assert_eq!(handbook(), first);
    // A page only the handbook shows: the proposal is reused, the handbook rebuilt.
    p.write(
        "content/ops/nightly.md",
        &p.read("content/ops/nightly.md")
            .replace("## 手順", "## 手順\n\n追記した一文。"),
    );
    let run = p.run(&["build"]);
    run.assert_ok();
    assert!(
        run.stderr.contains("1 件は入力が変わっていない"),
        "{}",
        run.stderr
    );
    assert_ne!(handbook(), first);
    assert!(pdf::text(&p.path().join("output/pdf/handbook.pdf")).contains("追記した一文。"));
    // A PDF edited by hand after the build is made again.
    std::fs::write(
        p.path().join("output/pdf/proposals/checklist.pdf"),
        b"edited",
    )
    .unwrap();
    let run = p.run(&["build"]);
    run.assert_ok();
    assert!(
        run.stderr.contains("1 件は入力が変わっていない"),
        "{}",
        run.stderr
    );
    assert!(
        std::fs::read(p.path().join("output/pdf/proposals/checklist.pdf"))
            .unwrap()
            .starts_with(b"%PDF")
    );
}

#[test]
fn long_tables_repeat_their_header_and_headings_never_end_a_page() {
    let p = fixture();
    // Headings after runs of blocks of every kind and length, so the space left at
    // the foot of a page varies and some headings fall there (with `sticky: false`
    // in the template this page leaves three headings alone at a page foot).
    let blocks = [
        "本文。日本語の文章が続きます。\n\n",
        "- 項目\n- 項目\n\n",
        "```\nコード\n```\n\n",
        "> 引用\n\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n",
    ];
    let mut body = String::new();
    for i in 1..=60 {
        body.push_str(&format!("\n## 見出し{i}\n\n"));
        for j in 0..=(i % 5) {
            body.push_str(blocks[(i * j + i) % 5]);
        }
    }
    body.push_str("\n## 一覧\n\n| 列見出しA | 列見出しB |\n|---|---|\n");
    for i in 1..=90 {
        body.push_str(&format!("| 行{i} | 値{i} |\n"));
    }
    p.write(
        "content/ops/long.md",
        &format!("---\ntitle: 長いページ\n{FRONT}---\n{body}"),
    );
    p.run(&["build"]).assert_ok();
    let file = p.path().join("output/pdf/handbook.pdf");
    let heading = |line: &str| {
        let words: Vec<&str> = line.split_whitespace().collect();
        words.len() == 2 && words[0].contains('.') && words[1].starts_with("見出し")
    };
    let mut table_pages = 0;
    let mut headings = 0;
    for n in 1..=pdf::pages(&file) {
        let text = pdf::page_text(&file, n);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        if lines.iter().any(|l| l.trim_start().starts_with("行")) {
            table_pages += 1;
            assert!(
                text.contains("列見出しA"),
                "page {n} continues the table without its header"
            );
        }
        headings += lines.iter().filter(|l| heading(l)).count();
        // The last line is the page number; the one before it is body text.
        let last_text = lines[lines.len() - 2];
        assert!(
            !heading(last_text),
            "page {n} ends with the heading {last_text}"
        );
    }
    assert!(table_pages >= 2, "the table spans {table_pages} pages");
    assert_eq!(headings, 60, "every heading is found");
}

#[test]
fn check_reports_missing_fonts_without_running_typst() {
    let p = TestProject::fixture("pdf");
    std::fs::remove_file(p.path().join("fonts")).unwrap();
    let mut command =
        common::tebiki_command(&["--root", p.path().to_str().unwrap(), "check"], p.path());
    command.env("TEBIKI_TYPST", "/typst-must-not-run");
    let run = common::run_command(command);
    run.assert_code(1);
    for file in [
        "BIZUDPGothic-Regular.ttf",
        "BIZUDPGothic-Bold.ttf",
        "BIZUDPMincho-Regular.ttf",
    ] {
        assert!(
            run.stdout.contains(&format!(
                "fonts/{file}:1:1: エラー: PDF に使うフォントがありません"
            )),
            "{}",
            run.stdout
        );
    }
    // The same problem stops a build before anything is written.
    p.run(&["build"]).assert_code(1);
    assert!(!p.path().join("output/site").exists());
}

/// typst runs in a directory of its own: paths given relative to the current
/// directory (`--root .`, `TEBIKI_TYPST=bin/typst`) must still lead to the fonts.
#[test]
fn a_relative_root_still_finds_the_fonts() {
    let p = fixture();
    let run = common::run_command(common::tebiki_command(&["--root", ".", "build"], p.path()));
    run.assert_ok();
    let names: Vec<String> = pdf::fonts(&p.path().join("output/pdf/handbook.pdf"))
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert!(
        names.iter().any(|n| n == "BIZUDPMincho-Regular"),
        "{names:?}"
    );
}
