//! The command line: help, version, exit codes, `--root`.

mod common;

use common::{TestProject, run_tebiki};

#[test]
fn help_lists_commands_and_exit_codes() {
    let run = run_tebiki(&["--help"], &common::repo_root());
    run.assert_ok();
    for needle in [
        "build",
        "check",
        "--root",
        "--quiet",
        "--verbose",
        "終了コード",
        "0  成功",
        "1  入力",
        "2  使い方",
    ] {
        assert!(
            run.stdout.contains(needle),
            "--help lacks {needle}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn version_prints_the_crate_version() {
    let run = run_tebiki(&["--version"], &common::repo_root());
    run.assert_ok();
    assert_eq!(
        run.stdout.trim(),
        format!("tebiki {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_with_2() {
    run_tebiki(&["frobnicate"], &common::repo_root()).assert_code(2);
    run_tebiki(&["build", "--no-such-flag"], &common::repo_root()).assert_code(2);
}

#[test]
fn a_root_without_tebiki_yaml_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_tebiki(
        &["--root", dir.path().to_str().unwrap(), "check"],
        dir.path(),
    );
    run.assert_code(1);
    assert!(
        run.stdout
            .contains("tebiki.yaml:1:1: エラー: tebiki.yaml がありません"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("--root で指定できます"),
        "{}",
        run.stdout
    );
}

#[test]
fn build_reports_what_it_wrote_and_quiet_silences_it() {
    let p = TestProject::fixture("basic");
    let run = p.run(&["build"]);
    run.assert_ok();
    assert!(
        run.stderr.contains("ファイルを書き出しました"),
        "{}",
        run.stderr
    );
    let quiet = p.run(&["-q", "build"]);
    quiet.assert_ok();
    assert_eq!(quiet.stderr, "");
}

#[test]
fn output_flag_writes_elsewhere_but_never_over_inputs() {
    let p = TestProject::fixture("basic");
    let other = tempfile::tempdir().unwrap();
    let out = other.path().join("dist");
    p.run(&["build", "--output", out.to_str().unwrap()])
        .assert_ok();
    assert!(out.join("site/index.html").is_file());
    let into_content = p.path().join("content");
    let run = p.run(&["build", "--output", into_content.to_str().unwrap()]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("プロジェクトの入力を含むため使えません"),
        "{}",
        run.stderr
    );
    let run = p.run(&["build", "--output", p.path().to_str().unwrap()]);
    run.assert_code(2);
}
