//! Every record kind parsed and validated through `tebiki check`: the fixture's
//! warnings (late, unreported, beyond tolerance), and bad records reported at
//! their file:line:col.

mod common;

use common::TestProject;

const TODAY: &str = "2027-01-26";

fn problems_at(p: &TestProject, today: &str) -> (i32, Vec<String>) {
    let run = p.run_with(&["check"], &[("TEBIKI_TODAY", today)]);
    let mut lines: Vec<String> = run.stdout.lines().map(str::to_string).collect();
    lines.pop();
    let numbered = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            l.strip_prefix(&format!("{}. ", i + 1))
                .unwrap_or_else(|| panic!("not numbered: {l}\n{}", run.stdout))
                .to_string()
        })
        .collect();
    (run.code, numbered)
}

fn problems(p: &TestProject) -> Vec<String> {
    let (code, lines) = problems_at(p, TODAY);
    assert_eq!(code, 1, "expected errors: {lines:#?}");
    lines
}

#[track_caller]
fn assert_has(lines: &[String], expected: &str) {
    assert!(
        lines.iter().any(|l| l == expected),
        "missing:\n{expected}\nin:\n{}",
        lines.join("\n")
    );
}

#[test]
fn the_records_fixture_checks_with_the_warnings_due_on_its_day() {
    let p = TestProject::fixture("records");
    let (code, lines) = problems_at(&p, TODAY);
    assert_eq!(code, 0, "{lines:#?}");
    assert_eq!(
        lines,
        [
            "data/records/incidents/I2.yaml:8:9: 警告: 障害 I2 の完了報告（completion_report）がまだありません",
            "data/records/inquiries/Q2.yaml:6:11: 警告: 問合せ Q2 は期限 2027-01-14 を過ぎても対応中です",
            "data/records/meetings/MTG1.yaml:7:10: 警告: アクションアイテム AI-1 は期限 2027-01-25 を過ぎても未完了です",
            "data/sla/2027-01.yaml:3:24: 警告: オンライン稼働率: 報告値 99.90% と記録からの算出値 99.73% の差 +0.17 ポイントが許容差 0.1 ポイントを超えています",
            "data/sla/2027-01.yaml:5:23: 警告: 問合せ期限内解決率: 報告値 100.00% と記録からの算出値 50.00% の差 +50.00 ポイントが許容差 0.1 ポイントを超えています",
            "data/sla/2027-01.yaml:6:26: 警告: 所定時間内障害通報率: 報告値 100.00% と記録からの算出値 50.00% の差 +50.00 ポイントが許容差 0.1 ポイントを超えています",
        ]
    );
}

#[test]
fn nothing_is_late_before_its_deadline() {
    let p = TestProject::fixture("records");
    let (code, lines) = problems_at(&p, "2027-01-13");
    assert_eq!(code, 0);
    assert!(!lines.iter().any(|l| l.contains("過ぎても")), "{lines:#?}");
}

#[test]
fn an_escalation_before_the_providers_notification_is_an_error_at_its_line() {
    let p = TestProject::fixture("records");
    let text = p.read("data/records/incidents/I1.yaml");
    p.write(
        "data/records/incidents/I1.yaml",
        &text.replace(
            "escalated_at: 2027-01-12 10:30",
            "escalated_at: 2027-01-12 10:10",
        ),
    );
    assert_has(
        &problems(&p),
        "data/records/incidents/I1.yaml:5:15: エラー: 区へのエスカレーション（2027-01-12 10:10）が富士通Japan(株)からの通報（2027-01-12 10:20）より前になっています（時刻の順序を確認してください）",
    );
}

#[test]
fn a_secret_key_anywhere_in_a_record_is_an_error_at_its_line() {
    let p = TestProject::fixture("records");
    let text = p.read("data/records/accounts/A2.yaml");
    p.write(
        "data/records/accounts/A2.yaml",
        &text.replace(
            "detail: 一括登録,",
            "detail: 一括登録, initial_password: x,",
        ),
    );
    p.write(
        "data/cost-estimate.yaml",
        &(p.read("data/cost-estimate.yaml") + "パスワード: x\n"),
    );
    let lines = problems(&p);
    assert_has(
        &lines,
        "data/records/accounts/A2.yaml:8:59: エラー: キー `initial_password` はパスワード・秘密情報の項目に見えます。手引きのデータにパスワードや秘密情報を書いてはいけません（項目ごと削除してください）",
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("data/cost-estimate.yaml:9:1: エラー: キー `パスワード`")),
        "{lines:#?}"
    );
}

#[test]
fn ids_that_are_not_safe_file_names_are_refused() {
    let p = TestProject::fixture("records");
    let q = p.read("data/records/inquiries/Q2.yaml");
    p.write("data/records/inquiries/a b.yaml", &q);
    p.write("data/records/inquiries/問合せ.yaml", &q);
    p.write("data/records/inquiries/Q3.yaml", &format!("id: Q9\n{q}"));
    let lines = problems(&p);
    for name in ["a b", "問合せ"] {
        assert_has(
            &lines,
            &format!(
                "data/records/inquiries/{name}.yaml:1:1: エラー: id `{name}` は使えません（英数字で始め、英数字・`_`・`-` だけで 100 文字以内にしてください。id はファイル名になります）"
            ),
        );
    }
    assert_has(
        &lines,
        "data/records/inquiries/Q3.yaml:1:5: エラー: id `Q9` がファイル名 `Q3` と違います（id はファイル名と同じにするか、省略してください）",
    );
}

#[test]
fn a_misspelt_key_and_a_bad_date_time_are_reported_at_their_lines() {
    let p = TestProject::fixture("records");
    p.write(
        "data/records/log-investigations/L1.yaml",
        &p.read("data/records/log-investigations/L1.yaml")
            .replace("scope:", "scop:"),
    );
    p.write(
        "data/records/data-transfers/T1.yaml",
        &p.read("data/records/data-transfers/T1.yaml")
            .replace("2027-01-20 18:40", "2027-01-32 18:40"),
    );
    let lines = problems(&p);
    assert!(
        lines.iter().any(|l| l.starts_with(
            "data/records/log-investigations/L1.yaml:5:1: エラー: 不明なキー `scop` です"
        )),
        "{lines:#?}"
    );
    assert!(
        lines.contains(
            &"data/records/data-transfers/T1.yaml:1:5: エラー: at: 日時 `2027-01-32 18:40` は存在しません（2027年1月に32日はありません）".to_string()
        ),
        "{lines:#?}"
    );
}

#[test]
fn references_to_unknown_people_records_and_folders_are_errors() {
    let p = TestProject::fixture("records");
    p.write(
        "data/records/master-updates/M1.yaml",
        &p.read("data/records/master-updates/M1.yaml")
            .replace("done_by: op2", "done_by: nobody"),
    );
    p.write(
        "data/records/inquiries/Q1.yaml",
        &p.read("data/records/inquiries/Q1.yaml")
            .replace("incident: I1", "incident: I9"),
    );
    p.write(
        "data/records/data-transfers/T1.yaml",
        &p.read("data/records/data-transfers/T1.yaml")
            .replace("folder: 運用/パラメータ", "folder: 運用/その他"),
    );
    p.write(
        "data/deliverables.yaml",
        &p.read("data/deliverables.yaml")
            .replace("folder: 運用/台帳", "folder: 台帳"),
    );
    let lines = problems(&p);
    assert_has(
        &lines,
        "data/records/master-updates/M1.yaml:6:10: エラー: `nobody` は data/staff.yaml の要員にも data/actors.yaml の関係者にもありません",
    );
    assert_has(
        &lines,
        "data/records/inquiries/Q1.yaml:9:11: エラー: 障害 `I9` は data/records/incidents/ にありません",
    );
    assert_has(
        &lines,
        "data/records/data-transfers/T1.yaml:5:9: エラー: フォルダ `運用/その他` は data/fileserver.yaml のフォルダ構成にありません",
    );
    assert_has(
        &lines,
        "data/deliverables.yaml:2:124: エラー: 成果物 ④ のフォルダ `台帳` は data/fileserver.yaml のフォルダ構成にありません",
    );
}

#[test]
fn two_accounts_for_one_person_at_the_same_time_are_an_error() {
    let p = TestProject::fixture("records");
    p.write(
        "data/records/accounts/A3.yaml",
        &p.read("data/records/accounts/A2.yaml")
            .replace("U002", "U003"),
    );
    assert_has(
        &problems(&p),
        "data/records/accounts/A3.yaml:2:9: エラー: `w2` にはアカウント `A2` が同じ期間に有効です（アカウントは個人単位で1つです）",
    );
}

#[test]
fn a_followup_of_an_unknown_action_item_is_an_error() {
    let p = TestProject::fixture("records");
    p.write(
        "data/records/meetings/MTG2.yaml",
        &p.read("data/records/meetings/MTG2.yaml")
            .replace("{id: AI-2,", "{id: AI-9,"),
    );
    assert_has(
        &problems(&p),
        "data/records/meetings/MTG2.yaml:6:10: エラー: アクションアイテム `AI-9` はどの会議の action_items にもありません",
    );
}

#[test]
fn unknown_record_folders_and_badly_named_sla_files_are_errors() {
    let p = TestProject::fixture("records");
    p.write("data/records/minutes/x.yaml", "a: 1\n");
    p.write("data/sla/january.yaml", "targets: {}\nreported: {}\n");
    let lines = problems(&p);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("data/records/minutes:1:1: エラー: 不明な記録の種類です")),
        "{lines:#?}"
    );
    assert_has(
        &lines,
        "data/sla/january.yaml:1:1: エラー: サービス実績のファイル名 `january.yaml` は YYYY-MM.yaml（例: 2027-01.yaml）にしてください",
    );
}

#[test]
fn the_repositorys_records_check_without_errors() {
    let p = TestProject::repository();
    let (code, lines) = problems_at(&p, "2027-03-01");
    assert_eq!(code, 0, "{lines:#?}");
    // The one illustrative discrepancy of the February service report.
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("data/sla/2027-02.yaml") && l.contains("所定時間内障害通報率")),
        "{lines:#?}"
    );
}
