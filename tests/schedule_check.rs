//! `tebiki check` reports every schedule problem with its file:line:col and a
//! message that says what to fix (data/schedule/<fiscal year>.yaml).

mod common;

use common::{Run, TestProject};

const TODAY: (&str, &str) = ("TEBIKI_TODAY", "2027-05-01");

fn check_with(file: &str, yaml: &str, today: &str) -> Run {
    let p = TestProject::fixture("calendar");
    p.write(file, yaml);
    p.run_with(&["check"], &[("TEBIKI_TODAY", today)])
}

/// The numbered report line for `problem`, without its number.
#[track_caller]
fn assert_reports(run: &Run, problem: &str) {
    let found = run
        .stdout
        .lines()
        .any(|l| l.split_once(". ").is_some_and(|(_, rest)| rest == problem));
    assert!(found, "missing `{problem}` in:\n{}", run.stdout);
}

const GOOD_PLAN: &str = "plan:\n  annual_fixed: 2027-02-19\n  monthly_fixed:\n    2027-04: 2027-03-12\n    2027-05: 2027-04-14\n";

fn extension(date: &str) -> String {
    format!("  - date: {date}\n    planned: true\n    reason: 窓口延長\n    requested_by: gyomu\n")
}

#[test]
fn fixture_schedule_has_no_problems() {
    let p = TestProject::fixture("calendar");
    let run = p.run_with(&["check"], &[TODAY]);
    run.assert_ok();
    assert_eq!(run.stdout, "問題は見つかりませんでした\n");
}

#[test]
fn extension_on_a_sunday_is_an_error_at_its_date() {
    let yaml = format!("{GOOD_PLAN}extensions:\n{}", extension("2027-05-16"));
    let run = check_with("data/schedule/2027.yaml", &yaml, "2027-05-01");
    run.assert_code(1);
    assert_reports(
        &run,
        "data/schedule/2027.yaml:7:11: エラー: 2027-05-16（日）は日曜日のためオンライン稼働日ではありません。延長できるのは稼働日だけです",
    );
}

#[test]
fn changed_hours_on_a_holiday_is_an_error() {
    let yaml = format!(
        "{GOOD_PLAN}changes:\n  - date: 2027-05-03\n    kind: hours\n    start: \"9:00\"\n    end: \"20:00\"\n    reason: 連携変更\n    requested_by: ward\n"
    );
    let run = check_with("data/schedule/2027.yaml", &yaml, "2027-05-01");
    run.assert_code(1);
    assert_reports(
        &run,
        "data/schedule/2027.yaml:7:11: エラー: 2027-05-03（月）は祝日（憲法記念日）のためオンライン稼働日ではありません。稼働時間変更はオンライン稼働日にだけ書きます",
    );
}

#[test]
fn overlapping_entries_are_reported_at_the_later_one() {
    let yaml = format!(
        "{GOOD_PLAN}extensions:\n{}changes:\n  - date: 2027-05-13\n    through: 2027-05-15\n    kind: stop\n    reason: 保守\n    requested_by: fujitsu\n",
        extension("2027-05-14")
    );
    let run = check_with("data/schedule/2027.yaml", &yaml, "2027-05-01");
    run.assert_code(1);
    assert_reports(
        &run,
        "data/schedule/2027.yaml:12:11: エラー: 2027-05-14（金）のオンライン停止は 7 行目の延長と重なっています（1 日に書けるのは 1 件です）",
    );
}

#[test]
fn five_extensions_in_a_year_is_a_warning_at_the_fifth() {
    let mut yaml = format!("{GOOD_PLAN}extensions:\n");
    for date in [
        "2027-04-05",
        "2027-04-06",
        "2027-04-07",
        "2027-04-08",
        "2027-04-09",
    ] {
        yaml.push_str(&extension(date));
    }
    let run = check_with("data/schedule/2027.yaml", &yaml, "2027-05-01");
    run.assert_ok();
    assert_reports(
        &run,
        "data/schedule/2027.yaml:23:11: 警告: 令和9年度の延長が 5 回あります（資料は計画・突発合せて年 5 回未満を想定しています。§8 作業時間）",
    );
    let four = yaml.lines().take(22).collect::<Vec<_>>().join("\n") + "\n";
    let run = check_with("data/schedule/2027.yaml", &four, "2027-05-01");
    assert_eq!(run.stdout, "問題は見つかりませんでした\n", "four is fine");
}

#[test]
fn next_years_plan_fixed_after_february_is_a_warning() {
    let yaml = GOOD_PLAN.replace("annual_fixed: 2027-02-19", "annual_fixed: 2027-03-05");
    let run = check_with("data/schedule/2027.yaml", &yaml, "2027-05-01");
    run.assert_ok();
    assert_reports(
        &run,
        "data/schedule/2027.yaml:2:17: 警告: 令和9年度の年次計画（オンライン稼働日）の仮確定日 2027-03-05 は期限 2027-02-28 より後です（§2-⑤ 年次(12 月末~2月末):オンライン稼働日仮確定）",
    );
}

#[test]
fn next_years_file_missing_after_february_is_a_warning() {
    let p = TestProject::fixture("calendar");
    p.remove("data/schedule/2027.yaml");
    // The section page links to the 令和9年度 pages, which go with the file.
    let index = p.read("content/calendar/_index.md");
    p.write(
        "content/calendar/_index.md",
        &index.replace("[令和9年度](fy2027.html)、[4月](2027-04.html)", "令和9年度"),
    );
    let before = p.run_with(&["check"], &[("TEBIKI_TODAY", "2027-02-28")]);
    assert_eq!(before.stdout, "問題は見つかりませんでした\n");
    let after = p.run_with(&["check"], &[("TEBIKI_TODAY", "2027-03-01")]);
    after.assert_ok();
    assert_reports(
        &after,
        "data/schedule:1:1: 警告: 令和9年度の年次計画（オンライン稼働日）が期限 2027-02-28 までに確定していません（data/schedule/2027.yaml がありません）",
    );
}

#[test]
fn annual_plan_not_written_after_the_deadline_is_a_warning_at_the_file() {
    let run = check_with(
        "data/schedule/2027.yaml",
        "plan:\n  monthly_fixed:\n    2027-04: 2027-03-12\n",
        "2027-04-10",
    );
    run.assert_ok();
    assert_reports(
        &run,
        "data/schedule/2027.yaml:1:1: 警告: 令和9年度の年次計画（オンライン稼働日）が期限 2027-02-28 までに確定していません（plan.annual_fixed に仮確定日を書いてください）",
    );
}

#[test]
fn month_plan_not_fixed_in_the_previous_month_is_a_warning() {
    let yaml = GOOD_PLAN.replace("2027-05: 2027-04-14", "2027-05: 2027-05-02");
    let run = check_with("data/schedule/2027.yaml", &yaml, "2027-05-03");
    run.assert_ok();
    assert_reports(
        &run,
        "data/schedule/2027.yaml:5:14: 警告: 令和9年5月の月次計画の決定日 2027-05-02 は前月（令和9年4月）ではありません（§2-⑤ 月次(前月):オンライン稼働時間決定）",
    );
}

#[test]
fn month_started_without_a_plan_is_a_warning() {
    let run = check_with("data/schedule/2027.yaml", GOOD_PLAN, "2027-06-01");
    run.assert_ok();
    assert_reports(
        &run,
        "data/schedule/2027.yaml:3:1: 警告: 令和9年6月の月次計画（稼働時間）の決定日がありません（前月中に決定し、plan.monthly_fixed に 2027-06: YYYY-MM-DD と書きます）",
    );
    assert!(!run.stdout.contains("令和9年7月"), "July has not begun");
}

#[test]
fn dates_outside_the_files_fiscal_year_are_errors() {
    let yaml = format!("{GOOD_PLAN}extensions:\n{}", extension("2027-03-31"));
    let run = check_with("data/schedule/2027.yaml", &yaml, "2027-05-01");
    run.assert_code(1);
    assert_reports(
        &run,
        "data/schedule/2027.yaml:7:11: エラー: 2027-03-31 は令和9年度（2027-04-01〜2028-03-31）の外の日付です（2027.yaml には令和9年度の日付だけを書きます）",
    );
}

#[test]
fn dates_before_service_in_are_errors() {
    let yaml = "plan:\n  annual_fixed: 2026-12-18\nchanges:\n  - date: 2026-12-28\n    kind: stop\n    reason: 移行\n    requested_by: fujitsu\n";
    let run = check_with("data/schedule/2026.yaml", yaml, "2026-12-20");
    run.assert_code(1);
    assert_reports(
        &run,
        "data/schedule/2026.yaml:4:11: エラー: 2026-12-28 はサービスイン（2027-01-04）より前の日付です",
    );
}

#[test]
fn a_day_that_does_not_exist_is_a_clear_error_with_its_location() {
    let yaml = format!("{GOOD_PLAN}extensions:\n{}", extension("2027-02-30"));
    let run = check_with("data/schedule/2027.yaml", &yaml, "2027-05-01");
    run.assert_code(1);
    assert_reports(
        &run,
        "data/schedule/2027.yaml:7:11: エラー: 日付 `2027-02-30` は存在しません（2027年2月に30日はありません）",
    );
}

#[test]
fn unknown_requester_and_bad_extension_end_are_errors() {
    let yaml = format!(
        "{GOOD_PLAN}extensions:\n  - date: 2027-05-14\n    planned: true\n    until: \"22:00\"\n    reason: 窓口延長\n    requested_by: nobody\n"
    );
    let run = check_with("data/schedule/2027.yaml", &yaml, "2027-05-01");
    run.assert_code(1);
    assert_reports(
        &run,
        "data/schedule/2027.yaml:9:12: エラー: 延長の終了時刻 22:00 は 20:00 より後、21:00 以前にしてください（§2-⑤ 停止時間延長）",
    );
    assert_reports(
        &run,
        "data/schedule/2027.yaml:11:19: エラー: 関係者 `nobody` は data/actors.yaml にありません",
    );
}

#[test]
fn badly_named_schedule_files_are_errors() {
    let p = TestProject::fixture("calendar");
    p.write("data/schedule/r9.yaml", "plan: {}\n");
    let run = p.run_with(&["check"], &[TODAY]);
    run.assert_code(1);
    assert_reports(
        &run,
        "data/schedule/r9.yaml:1:1: エラー: 年度ファイルの名前は <年度の始まる西暦年>.yaml にしてください（例: 令和9年度は 2027.yaml）",
    );
}

#[test]
fn a_project_without_schedule_files_gets_no_schedule_warnings() {
    let p = TestProject::fixture("basic");
    let run = p.run_with(&["check"], &[("TEBIKI_TODAY", "2029-06-01")]);
    run.assert_ok();
    // Only the pages' review dates are overdue by then; nothing about the schedule.
    for line in run.stdout.lines().filter(|l| l.contains(": 警告: ")) {
        assert!(line.contains("確認期限"), "{line}");
    }
}
