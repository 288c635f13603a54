//! `tebiki check` on the batch data: the catalog, the nightly-batch parameters,
//! their deadlines, the business-batch plan and the backup log, each problem at
//! its file:line:col (fixture `batches`).

mod common;

use common::{Run, TestProject};

/// A day in January 2027 when the fixture's data is complete.
const TODAY: &str = "2027-01-20";

fn check(p: &TestProject, today: &str) -> Run {
    p.run_with(&["check"], &[("TEBIKI_TODAY", today)])
}

/// Asserts each line appears in `check`'s numbered report.
#[track_caller]
fn assert_reports(run: &Run, expected: &[&str]) {
    for line in expected {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.ends_with(line) && l.contains(". ")),
            "missing `{line}` in:\n{}",
            run.stdout
        );
    }
}

#[test]
fn the_fixture_checks_without_errors_in_january() {
    let p = TestProject::fixture("batches");
    let run = check(&p, TODAY);
    run.assert_ok();
    assert!(!run.stdout.contains("エラー"), "{}", run.stdout);
}

#[test]
fn catalog_problems_are_reported_at_their_lines() {
    let p = TestProject::fixture("batches");
    p.write(
        "data/batches/bad.yaml",
        "business: 不正
section:
  name: 不正係
  actor: nobody
jobs:
  - id: X-1
    name: 夜間なのに昼
    kind: nightly
    runner: vendor
    window: online_hours
    timing: 毎晩
    summary: 窓口の時間帯に動く夜間日次バッチ。
    after: [NO-SUCH]
    on_failure: [連絡する]
  - id: X-2
    name: 受託者が実行する月次
    kind: monthly
    runner: contractor
    window: online_hours
    timing: 毎月
    summary: 受託者は業務バッチを実行しない。
    parameters:
      - name: KBN
        label: 区分
        type: choice
      - name: LIMIT
        label: 上限
        type: int
        min: 10
        max: 1
    on_failure: [連絡する]
  - id: X-1
    name: 重複
    kind: online
    runner: ghost
    window: online_hours
    timing: 随時
    summary: id が重複している。
    on_failure: [連絡する]
",
    );
    let run = check(&p, TODAY);
    run.assert_code(1);
    assert_reports(
        &run,
        &[
            "data/batches/bad.yaml:4:10: エラー: 関係者 `nobody` は data/actors.yaml にありません",
            "data/batches/bad.yaml:10:13: エラー: 夜間日次バッチ（kind: nightly）は window: nightly、それ以外のバッチはオンライン中（online_hours）か窓口業務終了後（after_counters）に実行します（§2-⑤ バッチ処理）",
            "data/batches/bad.yaml:13:13: エラー: ジョブ `NO-SUCH` はカタログ（data/batches/）にありません",
            "data/batches/bad.yaml:18:13: エラー: 月次・年次・随時業務バッチの手動実行は業務所管部門が行います（§4: 本件のスコープ外）",
            "data/batches/bad.yaml:23:15: エラー: パラメータ `KBN`: type: choice には values（選べる値）を書いてください",
            "data/batches/bad.yaml:26:15: エラー: パラメータ `LIMIT`: min 10 が max 1 より大きくなっています",
            "data/batches/bad.yaml:32:9: エラー: ジョブ id `X-1` が重複しています（data/batches/bad.yaml:6:9 と同じ）",
            "data/batches/bad.yaml:35:13: エラー: 関係者 `ghost` は data/actors.yaml にありません",
        ],
    );
}

#[test]
fn a_misspelt_catalog_key_is_reported_with_the_keys_allowed() {
    let p = TestProject::fixture("batches");
    let catalog = p.read("data/batches/fuka.yaml");
    p.write(
        "data/batches/fuka.yaml",
        &catalog.replace("    timing: 毎年6月", "    timming: 毎年6月"),
    );
    let run = check(&p, TODAY);
    run.assert_code(1);
    assert!(
        run.stdout.contains("data/batches/fuka.yaml:")
            && run.stdout.contains("不明なキー `timming` です"),
        "{}",
        run.stdout
    );
}

#[test]
fn parameter_problems_are_reported_at_their_lines() {
    let p = TestProject::fixture("batches");
    p.write(
        "data/batch-params/2027-02.yaml",
        "jobs:
  - job: NO-SUCH
  - job: F-MONTH
  - job: N-LINK
    days: [2027-02-07, 2027-02-11, 2027-03-01, 2027-02-08]
    params:
      KUBUN: \"7\"
      COLOR: red
      MEMO: とても長い備考を書いてしまった
  - job: F-NIGHT
    days: first_online_day
    params:
      KEISAN: abc
  - job: N-UPDATE
    days: [2027-02-26]
    on:
      2027-02-25:
        GETSUMATSU: maybe
",
    );
    let run = check(&p, TODAY);
    run.assert_code(1);
    assert_reports(
        &run,
        &[
            "data/batch-params/2027-02.yaml:2:10: エラー: ジョブ `NO-SUCH` はカタログ（data/batches/）にありません",
            "data/batch-params/2027-02.yaml:3:10: エラー: `F-MONTH`（月次更正）は月次業務バッチです。パラメータファイルには夜間日次バッチだけを書きます",
            "data/batch-params/2027-02.yaml:5:12: エラー: 令和9年2月7日（日）は日曜日のためオンライン運用がありません。夜間日次バッチはオンライン稼働日の夜に実行します",
            "data/batch-params/2027-02.yaml:5:24: エラー: 令和9年2月11日（木）は建国記念の日のためオンライン運用がありません。夜間日次バッチはオンライン稼働日の夜に実行します",
            "data/batch-params/2027-02.yaml:5:36: エラー: 2027-03-01 は令和9年2月の日付ではありません",
            "data/batch-params/2027-02.yaml:7:14: エラー: パラメータ `KUBUN`（連携区分）: 値 `7` は使えません（使える値: 1（通常）、2（再取込））",
            "data/batch-params/2027-02.yaml:8:14: エラー: ジョブ `N-LINK` にパラメータ `COLOR` はありません（あるのは KUBUN, MEMO）",
            "data/batch-params/2027-02.yaml:9:13: エラー: パラメータ `MEMO`（備考）: `とても長い備考を書いてしまった` は 10 文字を超えています",
            "data/batch-params/2027-02.yaml:10:10: エラー: ジョブ `F-NIGHT` のパラメータ `TAISHO_YM`（対象年月）の値がありません（params に書いてください）",
            "data/batch-params/2027-02.yaml:13:15: エラー: パラメータ `KEISAN`（計算件数上限）: `abc` は整数ではありません",
            "data/batch-params/2027-02.yaml:17:7: エラー: on の 2027-02-25 は `N-UPDATE` の実行日ではありません",
            "data/batch-params/2027-02.yaml:18:21: エラー: パラメータ `GETSUMATSU`（月末処理）: `maybe` は有無の値ではありません（true/false か 1/0）",
        ],
    );
}

#[test]
fn a_yearly_file_must_hold_every_month_of_the_fiscal_year() {
    let p = TestProject::fixture("batches");
    let mut months = String::new();
    for (y, m) in (4..=12)
        .map(|m| (2027, m))
        .chain((1..=2).map(|m| (2028, m)))
    {
        months.push_str(&format!("  {y}-{m:02}: {{}}\n"));
    }
    p.write(
        "data/batch-params/2027.yaml",
        &format!(
            "fixed: 2027-01-15\nevery_month:\n  - job: N-UPDATE\n    days: last_online_day\nmonths:\n{months}  2028-04: {{}}\n"
        ),
    );
    let run = check(&p, TODAY);
    run.assert_code(1);
    assert_reports(
        &run,
        &[
            "data/batch-params/2027.yaml:5:1: エラー: 令和9年度のパラメータに 2028-03（令和10年3月）がありません。年度単位のファイルには全ての月を書きます（変更のない月は `2028-03: {}`）",
            "data/batch-params/2027.yaml:17:3: エラー: 令和10年4月は令和9年度（サービス期間内）の月ではありません",
        ],
    );
}

#[test]
fn a_month_in_both_a_monthly_and_a_yearly_file_is_an_error() {
    let p = TestProject::fixture("batches");
    p.write(
        "data/batch-params/2026.yaml",
        "months:\n  2027-01: {}\n  2027-02: {}\n  2027-03: {}\n",
    );
    let run = check(&p, TODAY);
    run.assert_code(1);
    assert_reports(
        &run,
        &[
            "data/batch-params/2027-01.yaml:1:1: エラー: 令和9年1月分は data/batch-params/2026.yaml （年度単位）にも書かれています。どちらか一方にしてください",
        ],
    );
}

#[test]
fn a_past_deadline_without_parameters_fails_check() {
    let p = TestProject::fixture("batches");
    // February's parameters are due on the last business day of January:
    // 2027-01-31 is a Sunday, so Friday the 29th.
    check(&p, "2027-01-29").assert_ok();
    let run = check(&p, "2027-02-01");
    run.assert_code(1);
    assert_reports(
        &run,
        &[
            "data/batch-params/2027-02.yaml:1:1: エラー: 令和9年2月分の夜間日次バッチパラメータがありません。確定期限（令和9年1月29日（金））を過ぎています（data/batch-params/2027-02.yaml を作成してください）",
        ],
    );
}

#[test]
fn the_yearly_cycle_makes_parameters_due_at_the_end_of_february() {
    let p = TestProject::fixture("batches");
    let config = p.read("tebiki.yaml");
    p.write(
        "tebiki.yaml",
        &config.replace("batches:\n", "batches:\n  cycle: yearly\n"),
    );
    for month in ["2027-02", "2027-03"] {
        p.write(&format!("data/batch-params/{month}.yaml"), "jobs: []\n");
    }
    // 2027-02-28 is a Sunday and the 27th a Saturday.
    check(&p, "2027-02-26").assert_ok();
    let run = check(&p, "2027-03-01");
    run.assert_code(1);
    assert_reports(
        &run,
        &[
            "data/batch-params/2027.yaml:1:1: エラー: 令和9年4月分の夜間日次バッチパラメータがありません。確定期限（令和9年2月26日（金））を過ぎています（data/batch-params/2027.yaml を作成してください）",
        ],
    );
}

#[test]
fn a_late_or_unrecorded_fix_and_upload_are_warnings() {
    let p = TestProject::fixture("batches");
    let params = p.read("data/batch-params/2027-01.yaml");
    p.write(
        "data/batch-params/2027-01.yaml",
        &params
            .replace("uploaded: 2026-12-25\n", "")
            .replace("fixed: 2026-12-24", "fixed: 2026-12-29"),
    );
    let run = check(&p, TODAY);
    run.assert_ok();
    assert_reports(
        &run,
        &[
            "data/batch-params/2027-01.yaml:1:1: 警告: 令和9年1月分は期限（令和8年12月28日（月））を過ぎましたがアップロード日（uploaded）が記録されていません",
            "data/batch-params/2027-01.yaml:1:8: 警告: 令和9年1月分の確定日 2026-12-29 は期限（令和8年12月28日（月））より後です",
        ],
    );
}

#[test]
fn plan_and_backup_problems_are_reported_at_their_lines() {
    let p = TestProject::fixture("batches");
    p.write(
        "data/batch-runs/2026.yaml",
        "- date: 2027-01-10
  job: F-MONTH
- date: 2027-02-09
  job: F-HONSAN
  start: \"17:00\"
  params:
    NENDO: 2040
- date: 2027-02-10
  job: N-UPDATE
- date: 2027-02-12
  job: F-MONTH
  section: kyufu
  notice: 2027-02-15
- date: 2027-05-06
  job: F-MONTH
",
    );
    p.write(
        "data/backups/2026.yaml",
        "- date: 2027-01-12
  what: 業務データ一式
  by: nobody
  start: \"17:30\"
  end: \"20:30\"
  result: ok
- date: 2027-01-13
  what: 業務データ一式
  by: clerk
  start: \"18:10\"
  result: failed
- date: 2027-01-17
  what: 日曜日の記録
  by: op1
  start: \"18:10\"
  end: \"18:20\"
  result: ok
- date: 2027-01-21
  what: 明日の記録
  by: op1
  start: \"18:10\"
  end: \"18:20\"
  result: ok
",
    );
    let run = check(&p, TODAY);
    run.assert_code(1);
    assert_reports(
        &run,
        &[
            "data/backups/2026.yaml:3:7: エラー: 要員 `nobody` は data/staff.yaml にありません",
            "data/backups/2026.yaml:4:10: エラー: 開始 17:30 は窓口業務終了（18:00）より前です（§4.2-② 窓口業務終了後、随時バックアップを手動実行）",
            "data/backups/2026.yaml:5:8: エラー: 終了 20:30 はその日のオンライン終了（20:00）より後です",
            "data/backups/2026.yaml:9:7: 警告: `clerk` は受託者の要員ではありません。随時バックアップは受託者が実行します（§4.2-②）",
            "data/backups/2026.yaml:11:11: エラー: 異常終了の記録には note（何が起きて、どう対応したか）を書いてください",
            "data/backups/2026.yaml:12:9: エラー: 令和9年1月17日（日）は日曜日のためオンライン運用がありません。随時バックアップはオンラインバッチ時間中に実行します（§2-⑤）",
            "data/backups/2026.yaml:18:9: エラー: 2027-01-21 はまだ来ていない日です。バックアップの記録は実行した後に書きます",
            "data/batch-runs/2026.yaml:1:9: エラー: 令和9年1月10日（日）は日曜日のためオンライン運用がありません。業務バッチはオンラインサービス提供時間中に実行します（§2-⑤）",
            "data/batch-runs/2026.yaml:5:10: エラー: 開始時刻 17:00 は窓口業務終了後（業務中不可）の時間帯（18:00〜20:00）の外です",
            "data/batch-runs/2026.yaml:7:12: エラー: パラメータ `NENDO`（賦課年度）: 2040 は最大値 2030 より大きい値です",
            "data/batch-runs/2026.yaml:9:8: エラー: `N-UPDATE`（日次更新）は夜間日次バッチです。実施予定に書くのは業務所管部門が実行する業務バッチです（夜間日次バッチは data/batch-params/ に書きます）",
            "data/batch-runs/2026.yaml:12:12: エラー: 係 `kyufu` はカタログにありません（data/batches/kyufu.yaml がありません）",
            "data/batch-runs/2026.yaml:13:11: エラー: お知らせの発信日 2027-02-15 が実施日 2027-02-12 より後です",
            "data/batch-runs/2026.yaml:14:9: エラー: 2027-05-06 は 令和8年度（2026-04-01〜2027-03-31）の日付ではありません。ファイルは年度ごとに分けてください",
        ],
    );
}

#[test]
fn a_value_cp932_cannot_hold_is_an_error_at_its_line() {
    let p = TestProject::fixture("batches");
    let config = p.read("tebiki.yaml");
    p.write(
        "tebiki.yaml",
        &config.replace("encoding: utf-8", "encoding: cp932"),
    );
    let params = p.read("data/batch-params/2027-01.yaml");
    p.write(
        "data/batch-params/2027-01.yaml",
        &params.replace("\"初回, 確認\"", "𠮷田さん確認"),
    );
    let run = check(&p, TODAY);
    run.assert_code(1);
    assert_reports(
        &run,
        &[
            "data/batch-params/2027-01.yaml:8:13: エラー: パラメータ `MEMO` の値に CP932（Shift_JIS） で書けない文字 U+20BB7「𠮷」があります（外部パラメータファイルに書けません）",
        ],
    );
    // The same value is fine in UTF-8.
    p.write("tebiki.yaml", &config);
    check(&p, TODAY).assert_ok();
}

#[test]
fn a_catalog_name_cp932_cannot_hold_fails_the_parameter_file_at_its_line() {
    let p = TestProject::fixture("batches");
    let config = p.read("tebiki.yaml");
    p.write(
        "tebiki.yaml",
        &config.replace("encoding: utf-8", "encoding: cp932"),
    );
    let catalog = p.read("data/batches/kyotsu.yaml");
    p.write(
        "data/batches/kyotsu.yaml",
        &catalog.replace("name: 住民記録連携", "name: 住民記録連携🙂"),
    );
    let run = p.run_with(&["build", "--no-pdf"], &[("TEBIKI_TODAY", TODAY)]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("data/batches/kyotsu.yaml:26:17: エラー: 外部パラメータファイル yakan-param-2027-01.txt の 2 行目に CP932（Shift_JIS） で書けない文字 U+1F642「🙂」があります"),
        "{}",
        run.stderr
    );
    assert!(
        !p.path().join("output/params").exists(),
        "a failed build writes nothing"
    );
}

#[test]
fn a_missing_parameter_file_template_is_named() {
    let p = TestProject::fixture("batches");
    p.remove("templates/batch-params/param-file.txt");
    let run = check(&p, TODAY);
    run.assert_code(1);
    assert!(
        run.stdout.contains("外部パラメータファイルのテンプレート templates/batch-params/param-file.txt を読めません（tebiki.yaml の batches.param_file.template）"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_bad_batches_setting_in_tebiki_yaml_is_reported() {
    let p = TestProject::fixture("batches");
    let config = p.read("tebiki.yaml");
    p.write(
        "tebiki.yaml",
        &config.replace(
            "    line_ending: lf\n",
            "    line_ending: lf\n    name: params.txt\n",
        ),
    );
    let run = check(&p, TODAY);
    run.assert_code(1);
    assert!(
        run.stdout.contains("tebiki.yaml:") && run.stdout.contains("{period} を含めてください"),
        "{}",
        run.stdout
    );
    p.write(
        "tebiki.yaml",
        &config.replace("encoding: utf-8", "encoding: euc-jp"),
    );
    let run = check(&p, TODAY);
    run.assert_code(1);
    assert!(run.stdout.contains("euc-jp"), "{}", run.stdout);
}
