//! Every kind of bad input gives its exact message at its exact place, `check`
//! reports them all at once, and `build` fails with exit code 1.

mod common;

use common::TestProject;

const FRONT: &str = "---\ntitle: 夜間\narea: \"4.4\"\nowner: contractor\nreviewed: 2026-11-01\nreview_every: 6\n---\n";

/// Runs `check` and returns its report lines without the numbering.
fn problems(p: &TestProject) -> Vec<String> {
    let run = p.run(&["check"]);
    run.assert_code(1);
    let mut lines: Vec<String> = run.stdout.lines().map(str::to_string).collect();
    let summary = lines.pop().expect("a summary line");
    assert!(
        summary.contains(" 件の問題が見つかりました（エラー "),
        "{summary}"
    );
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let prefix = format!("{}. ", i + 1);
            l.strip_prefix(&prefix)
                .unwrap_or_else(|| panic!("not numbered: {l}"))
                .to_string()
        })
        .collect()
}

#[track_caller]
fn assert_single(p: &TestProject, expected: &str) {
    assert_eq!(problems(p), [expected]);
    // `build` refuses the same input and writes nothing.
    let run = p.run(&["build"]);
    run.assert_code(1);
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert!(!p.path().join("output/site").exists());
}

#[test]
fn unknown_config_key_is_placed_in_tebiki_yaml() {
    let p = TestProject::fixture("basic");
    p.write(
        "tebiki.yaml",
        &p.read("tebiki.yaml")
            .replace("  description:", "  descripton:"),
    );
    assert_single(
        &p,
        "tebiki.yaml:3:3: エラー: site: 不明なキー `descripton` です（使えるキー: `title`, `description`, `language`）",
    );
}

#[test]
fn front_matter_errors_count_lines_from_the_top_of_the_file() {
    let p = TestProject::fixture("basic");
    p.write(
        "content/ops/nightly.md",
        &FRONT
            .replace("order", "x")
            .replace("review_every: 6\n", "review_every: 6\nordr: 2\n"),
    );
    let report = problems(&p);
    assert_eq!(report.len(), 1, "{report:?}");
    assert!(
        report[0].starts_with("content/ops/nightly.md:7:1: エラー: 不明なキー `ordr` です"),
        "{report:?}"
    );
}

#[test]
fn yaml_syntax_error_in_front_matter_is_placed_in_the_file() {
    let p = TestProject::fixture("basic");
    p.write(
        "content/ops/nightly.md",
        &FRONT.replace("title: 夜間", "title: [夜間"),
    );
    let report = problems(&p);
    assert_eq!(report.len(), 1, "{report:?}");
    assert!(
        report[0].starts_with("content/ops/nightly.md:2:8: エラー: YAML として読めません: [ で始めたリストが ] で閉じていません"),
        "{report:?}"
    );
}

#[test]
fn impossible_date_is_an_error_at_its_value() {
    let p = TestProject::fixture("basic");
    p.write(
        "content/ops/nightly.md",
        &FRONT.replace("2026-11-01", "2027-02-30"),
    );
    assert_single(
        &p,
        "content/ops/nightly.md:5:11: エラー: reviewed: 日付 `2027-02-30` は存在しません（2027年2月に30日はありません）",
    );
}

#[test]
fn missing_front_matter_is_an_error() {
    let p = TestProject::fixture("basic");
    p.write("content/ops/nightly.md", "# 夜間\n");
    assert_single(
        &p,
        "content/ops/nightly.md:1:1: エラー: フロントマターがありません（1 行目を --- にして、title などを書いてください）",
    );
}

#[test]
fn unclosed_front_matter_is_an_error() {
    let p = TestProject::fixture("basic");
    p.write("content/ops/nightly.md", "---\ntitle: 夜間\n# 夜間\n");
    assert_single(
        &p,
        "content/ops/nightly.md:1:1: エラー: フロントマターが閉じていません（--- だけの行で終えてください）",
    );
}

#[test]
fn invalid_utf8_is_placed_at_the_first_bad_byte() {
    let p = TestProject::fixture("basic");
    let mut bytes = FRONT.as_bytes().to_vec();
    bytes.extend_from_slice(b"## \xe6\x89\x8b\xe9\xa0\x86\n\nab\xff\xfe\n");
    p.write_bytes("content/ops/nightly.md", &bytes);
    // The link to #手順 in online.md still finds nothing: the page is unreadable,
    // and that is reported once, not again as a missing page.
    assert_single(
        &p,
        "content/ops/nightly.md:10:3: エラー: UTF-8 ではない文字があります（ファイルを UTF-8 で保存してください）",
    );
}

#[test]
fn two_pages_built_to_the_same_file_are_refused() {
    let p = TestProject::fixture("basic");
    p.write("content/ops/index.md", FRONT);
    let report = problems(&p);
    assert!(
        report.contains(&"content/ops/index.md:1:1: エラー: 出力先 ops/index.html が content/ops/_index.md と重複しています".to_string())
            || report.contains(&"content/ops/_index.md:1:1: エラー: 出力先 ops/index.html が content/ops/index.md と重複しています".to_string()),
        "{report:?}"
    );
}

#[test]
fn pages_differing_only_in_case_are_refused() {
    let p = TestProject::fixture("basic");
    p.write("content/ops/Online.md", FRONT);
    let report = problems(&p);
    assert_eq!(report.len(), 1, "{report:?}");
    assert!(report[0].contains("出力先 ops/"), "{report:?}");
}

#[cfg(unix)]
#[test]
fn symlink_leading_outside_the_project_is_refused() {
    let p = TestProject::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), FRONT).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.md"),
        p.path().join("content/ops/secret.md"),
    )
    .unwrap();
    assert_single(
        &p,
        "content/ops/secret.md:1:1: エラー: シンボリックリンクがプロジェクトの外を指しています",
    );
}

#[test]
fn link_climbing_out_of_content_is_refused() {
    let p = TestProject::fixture("basic");
    p.write(
        "content/ops/nightly.md",
        &format!("{FRONT}## 手順\n\n[秘密](../../../etc/passwd.md) [設定](../../tebiki.yaml)\n"),
    );
    assert_eq!(
        problems(&p),
        [
            "content/ops/nightly.md:10:1: エラー: リンク ../../../etc/passwd.md は content/ の外を指しています",
            "content/ops/nightly.md:10:30: エラー: リンク ../../tebiki.yaml は content/ の外を指しています",
        ]
    );
}

#[test]
fn links_to_missing_pages_and_anchors_are_reported_with_their_place() {
    let p = TestProject::fixture("basic");
    p.write(
        "content/ops/nightly.md",
        &format!("{FRONT}## 手順\n\n- [無い](missing.md)\n- [見出し違い](online.md#無い見出し)\n- [同じページ](#ない)\n- [ok](#手順)\n"),
    );
    assert_eq!(
        problems(&p),
        [
            "content/ops/nightly.md:10:3: エラー: リンク先のページがありません: missing.md （content/ops/missing.md）",
            "content/ops/nightly.md:11:3: エラー: リンク先 content/ops/online.md に見出し #無い見出し がありません",
            "content/ops/nightly.md:12:3: エラー: このページに見出し #ない がありません",
        ]
    );
}

#[test]
fn unsafe_and_root_relative_links_are_refused() {
    let p = TestProject::fixture("basic");
    p.write(
        "content/ops/nightly.md",
        &format!("{FRONT}## 手順\n\n[a](javascript:alert(1)) [b](/ops/online.md)\n"),
    );
    assert_eq!(
        problems(&p),
        [
            "content/ops/nightly.md:10:1: エラー: javascript: のリンクは使えません（http, https, mailto, tel のみ）",
            "content/ops/nightly.md:10:26: エラー: / で始まるリンク /ops/online.md は file:// で開くと切れます。ページからの相対パスで書いてください",
        ]
    );
}

#[test]
fn unknown_owner_area_and_deliverable_are_placed_on_their_lines() {
    let p = TestProject::fixture("basic");
    p.write(
        "content/ops/nightly.md",
        &(FRONT
            .replace("owner: contractor", "owner: nobody")
            .replace("area: \"4.4\"", "area: \"4.12\"")
            .replace("review_every: 6", "review_every: 6\ndeliverables: [d1, d9]")
            + "## 手順\n"),
    );
    assert_eq!(
        problems(&p),
        [
            "content/ops/nightly.md:3:7: エラー: 業務領域 `4.12` は data/areas.yaml にありません",
            "content/ops/nightly.md:4:8: エラー: 関係者 `nobody` は data/actors.yaml にありません",
            "content/ops/nightly.md:7:20: エラー: 成果物 `d9` は data/deliverables.yaml にありません",
        ]
    );
}

#[test]
fn folder_without_index_is_reported() {
    let p = TestProject::fixture("basic");
    p.write("content/extra/page.md", FRONT);
    assert_single(
        &p,
        "content/extra:1:1: エラー: セクションの _index.md がありません（フォルダごとに必要です）",
    );
}

#[test]
fn data_errors_name_the_data_file() {
    let p = TestProject::fixture("basic");
    p.write("data/actor.yaml", "- id: x\n");
    p.write(
        "data/actors.yaml",
        &(p.read("data/actors.yaml") + "- id: ward\n  name: 重複\n  short: 重複\n  role: x\n  in_scope: false\n  description: x\n"),
    );
    let report = problems(&p);
    assert_eq!(
        report,
        [
            "data/actor.yaml:1:1: エラー: 不明なデータファイルです（使えるのは areas.yaml, actors.yaml, contacts.yaml, staff.yaml, roles.yaml, glossary.yaml, deliverables.yaml, schedule/, batches/, batch-params/, batch-runs/, backups/, records/, sla/, fileserver.yaml, cost-estimate.yaml）",
            "data/actors.yaml:13:7: エラー: id `ward` が重複しています（1 行目と同じ）",
        ]
    );
}

#[test]
fn check_reports_every_problem_numbered_with_a_count() {
    let p = TestProject::fixture("basic");
    p.write(
        "content/ops/nightly.md",
        &FRONT.replace("owner: contractor", "owner: nobody"),
    );
    p.write("content/ops/other.md", "no front matter\n");
    p.write(
        "tebiki.yaml",
        &p.read("tebiki.yaml")
            .replace("  description:", "  descripton:"),
    );
    let run = p.run(&["check"]);
    run.assert_code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", run.stdout);
    assert!(lines[0].starts_with("1. content/ops/nightly.md:4:8: エラー: 関係者 `nobody`"));
    // online.md links to #手順 of nightly.md, which no longer has that heading.
    assert!(lines[1].starts_with("2. content/ops/online.md:13:26: エラー: リンク先 content/ops/nightly.md に見出し #手順 がありません"), "{}", run.stdout);
    assert!(
        lines[2].starts_with("3. content/ops/other.md:1:1: エラー: フロントマターがありません")
    );
    assert!(lines[3].starts_with("4. tebiki.yaml:3:3: エラー:"));
    assert_eq!(
        lines[4],
        "4 件の問題が見つかりました（エラー 4 件、警告 0 件）"
    );
}

#[test]
fn template_errors_name_the_template_and_the_page() {
    let p = TestProject::fixture("basic");
    p.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{{ page.nothing.deeper }}{% endblock main %}",
    );
    let report = problems(&p);
    assert!(
        report.iter().any(|r| r.starts_with(
            "content/ops/nightly.md:1:1: エラー: templates/page.html で描画できません:"
        ) && r.contains("page.nothing.deeper")),
        "{report:?}"
    );
    p.write("templates/page.html", "{% if %}");
    let report = problems(&p);
    assert!(
        report[0].starts_with("templates/page.html:1:"),
        "{report:?}"
    );
}

#[test]
fn clean_project_checks_with_exit_code_zero() {
    let p = TestProject::fixture("basic");
    let run = p.run(&["check"]);
    run.assert_ok();
    assert_eq!(run.stdout, "問題は見つかりませんでした\n");
    assert!(!p.path().join("output").exists(), "check writes nothing");
}

#[test]
fn raw_html_is_a_warning_that_does_not_fail_the_build() {
    let p = TestProject::fixture("basic");
    p.write(
        "content/ops/nightly.md",
        &format!("{FRONT}## 手順\n\n<b>太字</b>\n"),
    );
    let run = p.run(&["check"]);
    run.assert_ok();
    assert_eq!(
        run.stdout,
        "1. content/ops/nightly.md:10:1: 警告: HTML タグは文字として表示されます（tebiki.yaml の markdown.allow_raw_html で許可できます）\n\
         1 件の問題が見つかりました（エラー 0 件、警告 1 件）\n"
    );
    p.run(&["build"]).assert_ok();
}
