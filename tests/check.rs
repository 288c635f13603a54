//! `check` for hooks and CI: JSON output with every problem's place, the exit
//! codes, and the pre-commit hook that checks what is about to be committed.

mod common;

use std::process::Command;

use common::TestProject;
use tebiki::diagnostics::JsonReport;

fn json(p: &TestProject) -> (i32, JsonReport) {
    let run = p.run(&["check", "--format", "json"]);
    let report = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout));
    (run.code, report)
}

#[test]
fn json_report_of_a_clean_project_is_empty_with_exit_code_0() {
    let p = TestProject::fixture("basic");
    let (code, report) = json(&p);
    assert_eq!(code, 0);
    assert_eq!(report.problems, []);
    assert_eq!((report.errors, report.warnings), (0, 0));
}

#[test]
fn json_report_gives_every_problem_with_its_place_and_exit_code_1() {
    let p = TestProject::fixture("basic");
    let page = p.read("content/ops/nightly.md");
    p.write(
        "content/ops/nightly.md",
        &format!("{page}\n[壊れた](missing.md) <b>太字</b>\n"),
    );
    let (code, report) = json(&p);
    assert_eq!(code, 1);
    assert_eq!((report.errors, report.warnings), (1, 1));
    let places: Vec<_> = report
        .problems
        .iter()
        .map(|q| {
            (
                q.path.as_deref().unwrap(),
                q.line.unwrap(),
                q.col.unwrap(),
                q.severity.as_str(),
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            ("content/ops/nightly.md", 13, 1, "error"),
            ("content/ops/nightly.md", 13, 19, "warning")
        ]
    );
    assert!(report.problems[0].message.contains("missing.md"));
    // The text report says the same, in the same order.
    let text = p.run(&["check"]).stdout;
    assert!(
        text.contains("1. content/ops/nightly.md:13:1: エラー: "),
        "{text}"
    );
    assert!(
        text.contains("2. content/ops/nightly.md:13:19: 警告: "),
        "{text}"
    );
}

#[test]
fn check_of_a_clean_project_prints_only_its_verdict() {
    let p = TestProject::fixture("basic");
    let run = p.run(&["check"]);
    run.assert_ok();
    // Renderers run into memory; their progress lines are not printed.
    let lines: Vec<&str> = run.stdout.lines().chain(run.stderr.lines()).collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
}

#[test]
fn unknown_format_is_a_usage_error() {
    let p = TestProject::fixture("basic");
    p.run(&["check", "--format", "xml"]).assert_code(2);
}

fn git(p: &TestProject, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .args(args)
        .current_dir(p.path())
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .env("TEBIKI", env!("CARGO_BIN_EXE_tebiki"))
        .output()
        .expect("git runs")
}

#[test]
fn pre_commit_hook_checks_the_staged_files_not_the_working_tree() {
    let p = TestProject::fixture("basic");
    let hook = common::repo_root().join("hooks/pre-commit");
    std::fs::create_dir_all(p.path().join("hooks")).unwrap();
    std::fs::copy(&hook, p.path().join("hooks/pre-commit")).unwrap();
    assert!(git(&p, &["init", "-q"]).status.success());
    git(&p, &["config", "core.hooksPath", "hooks"]);
    git(&p, &["add", "."]);
    let first = git(&p, &["commit", "-qm", "start"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );

    // A broken link is staged, then fixed in the working tree only.
    let page = p.read("content/ops/nightly.md");
    p.write(
        "content/ops/nightly.md",
        &format!("{page}\n[壊れた](missing.md)\n"),
    );
    git(&p, &["add", "content/ops/nightly.md"]);
    p.write("content/ops/nightly.md", &page);
    let refused = git(&p, &["commit", "-qm", "broken"]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stdout).into_owned()
        + &String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("content/ops/nightly.md:13:1: エラー"),
        "{said}"
    );
    assert!(said.contains("コミットを中止しました"), "{said}");

    // A good change staged goes through, whatever the working tree holds.
    p.write(
        "content/ops/nightly.md",
        &format!("{page}\n追記した段落。\n"),
    );
    git(&p, &["add", "content/ops/nightly.md"]);
    p.write(
        "content/ops/extra.md",
        "フロントマターのない、ステージしていないファイル",
    );
    let ok = git(&p, &["commit", "-qm", "fixed"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}
