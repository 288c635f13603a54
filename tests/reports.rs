//! ⑥ 月間作業実績報告書 and ⑦ 議事録 as a reader gets them, made with the real
//! typst 0.15.1 from the `reports` fixture (records for 令和9年1月・2月, a schedule
//! with an extension and a stop, one proposal): Japanese text and figures that
//! read back, only the shipped fonts, record text that looks like Typst printed
//! literally, the redacted edition, and `tebiki report`. The golden sources are
//! in `reports_golden.rs`.

mod common;

use common::{TestProject, pdf, require_pdf_tools};

/// After both months, so nothing in the fixture is reported as provisional.
const AFTER_THE_MONTHS: &str = "2027-03-01";

fn built() -> TestProject {
    require_pdf_tools();
    let p = TestProject::fixture("reports");
    p.run_with(&["build"], &[("TEBIKI_TODAY", AFTER_THE_MONTHS)])
        .assert_ok();
    p
}

/// The PDF's text in the order typst wrote it, without white space.
fn text(p: &TestProject, file: &str) -> String {
    pdf::squeeze(&pdf::raw_text(&p.path().join("output/pdf").join(file)))
}

#[track_caller]
fn assert_has(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "{e} is missing from:\n{text}");
    }
}

#[test]
fn build_writes_one_report_per_month_minutes_per_meeting_and_the_meeting_list() {
    let p = built();
    assert_eq!(
        common::list_files(&p.path().join("output/pdf")),
        [
            "annual/fy2026.pdf",
            "handbook.pdf",
            "meetings.pdf",
            "minutes/MTG1.pdf",
            "minutes/MTG2.pdf",
            "monthly/2027-01.pdf",
            "monthly/2027-02.pdf",
            "proposals/checklist.pdf",
        ]
    );
    for file in ["meetings.pdf", "minutes/MTG1.pdf", "monthly/2027-01.pdf"] {
        let path = p.path().join("output/pdf").join(file);
        let mut names: Vec<String> = pdf::fonts(&path)
            .into_iter()
            .map(|(name, embedded)| {
                assert!(embedded, "{name} is not embedded in {file}");
                name
            })
            .collect();
        names.sort();
        names.dedup();
        assert_eq!(
            names,
            [
                "BIZUDPGothic-Bold",
                "BIZUDPGothic-Regular",
                "BIZUDPMincho-Regular"
            ],
            "{file}"
        );
        assert_eq!(pdf::info(&path)["Page size"], "595.276 x 841.89 pts (A4)");
        assert!(pdf::xmp(&path).contains("<pdfaid:part>2</pdfaid:part>"));
    }
}

/// Every figure below is worked out by hand from the fixture: 1月4日 (service-in)
/// to 31日 is 28 days less 4 Sundays and 成人の日 = 23 online days of 12 hours, plus
/// one hour of the planned extension on 1月20日 = 277 hours; incident I1 took 45
/// minutes on 1月12日.
#[test]
fn the_monthly_report_reads_back_with_its_figures() {
    let p = built();
    let jan = text(&p, "monthly/2027-01.pdf");
    assert_has(
        &jan,
        &[
            // Cover: the provider's report arrived on 2月8日, after the first
            // business day of February, so the report is dated then.
            "令和9年2月8日テスト区国保年金課御中受託者月間作業実績報告書令和9年1月分",
            "業務名テスト区運用支援業務対象期間令和9年1月4日〜令和9年1月31日報告日令和9年2月8日",
            // Summary by area.
            "4.1オンライン処理基本運用オンライン稼働23日・276時間15分（計画どおり提供できなかった時間45分）、稼働率99.73%。延長1回（計画1回・突発0回）",
            "4.8マスタメンテナンスマスタ更新1件（オンライン画面1件）。",
            "4.11会議体・報告資料対応会議1回（運用保守定例会1回、業務担当者会議0回、その他0回）、議事録レビュー1件。",
            // Online operation, planned against provided, and day by day.
            "オンライン稼働日数23日23日",
            "オンライン稼働時間277時間276時間15分障害による停止45分（1日）",
            "1月11日月休止—成人の日",
            "1月12日火8:00〜20:008:00〜20:00（停止45分）",
            "1月20日水8:00〜21:008:00〜21:00延長21:00まで（計画）",
            "1月20日計画21:00月次処理の確認国保年金課夜間バッチは翌朝までに終わる見込み",
            // Batches: the nightly batch, the parameters due in the month, the
            // business batches announced and the backups taken.
            "4.2バッチ処理基本運用夜間日次バッチ計画23回・未実行1回。業務バッチの実行・職員への周知1件、窓口業務終了後の随時バックアップ2回。",
            "4.4夜間日次バッチスケジュール管理夜間日次バッチパラメータを確定し、外部パラメータファイルをファイルサーバへ格納:令和9年2月分（1月20日）。",
            "夜間日次バッチ（計画）23回",
            "夜間日次バッチ（未実行）1回1月12日（障害I2）",
            "1月29日夜間日次バッチパラメータ令和9年2月分の確定とファイルサーバへの格納アップロード済み（1月20日）",
            "1月12日F-MONTH月次更正国保年金課賦課係1月4日—",
            "1月12日業務データ一式（BACKUP随時バックアップ）18:05〜18:40正常終了架空一郎",
            "1月13日業務データ一式18:10〜異常終了受付番号INC-0001容量不足で異常終了。コンタクトセンターへ連絡した。架空一郎",
            // Inquiries and incidents.
            "自治体コミュニティ基盤（チャットボット）1100",
            "コンタクトセンター1010",
            "Q21月12日09:00コンタクトセンター運用に関する問合せ回答待ちの問合せ1月14日対応中（期限超過）",
            "I11月12日10:00ログイン不可全端末でログイン不可通報まで20分区へ1月12日10:30",
            "完了（完了報告1月19日）",
            "I2夜間バッチ異常終了",
            "復旧（完了報告待ち）",
            // Masters, accounts, logs.
            "+端末3台をプリンタに関連付け国保年金課架空二郎確認:架空一郎",
            "1月15日更新U001架空花子資格係権限追加架空二郎",
            "ログ検索国保年金課1月20日1月4日〜1月19日管理者権限の操作",
            // Meetings and the action items open at the month's end.
            "1月15日運用保守定例会稼働状況の報告停止日を了承minutes/MTG1.pdf",
            "AI-1報告書の様式を示す事業者1月25日期限超過",
            // Service levels: ours beside the provider's, and the difference.
            "オンライン稼働率99.50%99.90%99.73%稼働分16575／計画稼働分16620+0.17達成要確認",
            "バッチ実行率100.00%95.65%95.65%",
            "推移（令和9年1月）",
            // Issues and proposals.
            "問合せQ2回答待ちの問合せ1月14日期限超過（対応中）",
            "延長判断チェックリストの導入4.1オンライン処理基本運用オンライン延長の可否判断をチェックリストで標準化する。proposals/checklist.pdf",
            // Next month: 28 days less 4 Sundays, two holidays and the stop on
            // 2月20日; the unplanned extension of 2月15日 was no part of the plan.
            "翌月（令和9年2月）の予定",
            "オンライン稼働日21日オンライン稼働時間252時間",
            "2月11日（建国記念の日）、2月20日（停止（基盤の定期保守））、2月23日（天皇誕生日）",
            "延長（計画）0回",
            "2月20日オンライン停止基盤の定期保守事業者案1を採用",
            "2月2日業務バッチ実施のお知らせを職員へ発信:F-HONSAN当初賦課（本算定）（国保年金課賦課係、実行日2月9日）予定",
            "2月9日業務バッチの実行:F-HONSAN当初賦課（本算定）（国保年金課賦課係）周知2月2日",
            // Where the March parameters stood on 1月31日 (fixed on 2月17日).
            "2月26日夜間日次バッチパラメータ令和9年3月分の確定とファイルサーバへの格納作成中（未確定）",
            "令和9年3月のオンライン稼働時間の確定（月次計画）確定済み（2月17日）",
            "2月28日令和9年度のオンライン稼働日の仮確定（年次計画）未確定",
        ],
    );
    assert!(!jan.contains("速報"), "made after the month");
    let feb = text(&p, "monthly/2027-02.pdf");
    assert_has(
        &feb,
        &[
            "令和9年2月分",
            "推移（令和9年1月〜令和9年2月）",
            // The unplanned extension happened: plan 20:00, provided 21:00.
            "2月15日月8:00〜20:008:00〜21:00延長21:00まで（突発）",
            "2月20日土休止—停止（基盤の定期保守）",
            "会議1回（運用保守定例会0回、業務担当者会議1回、その他0回）",
        ],
    );
}

#[test]
fn minutes_show_the_meeting_as_recorded_and_the_list_names_every_meeting() {
    let p = built();
    let first = text(&p, "minutes/MTG1.pdf");
    assert_has(
        &first,
        &[
            "議事録令和9年1月15日運用保守定例会",
            "会議運用保守定例会日時令和9年1月15日（金）14:00〜15:00",
            "議事録レビュー令和9年1月18日済",
            "テスト区国保年金課架空花子（職員）受託者架空一郎（運用担当）運用事業者出席",
            "1.稼働状況の報告",
            "1.稼働状況報告（事業者）2.問合せ・障害対応記録（1月分）",
            "1.停止日を了承",
            "AI-1報告書の様式を示す事業者令和9年1月25日未完了",
        ],
    );
    let second = text(&p, "minutes/MTG2.pdf");
    assert_has(
        &second,
        &[
            "令和9年2月10日業務担当者会議",
            "議事録レビュー未了",
            "前回までのアクションアイテムの確認",
            "AI-2提出時期を決める完了R9.2.1合意",
            "この会議で挙がったアクションアイテムはありません。",
        ],
    );
    let list = text(&p, "meetings.pdf");
    assert_has(
        &list,
        &[
            "会議資料・議事録一覧",
            "会議2回、資料2件。",
            "R9.1.15運用保守定例会稼働状況の報告稼働状況報告（事業者）問合せ・障害対応記録（1月分）minutes/MTG1.pdfレビュー済みR9.1.18",
            "R9.2.10業務担当者会議障害の確認—minutes/MTG2.pdfレビュー未了",
        ],
    );
}

/// Record fields hold any text: what would be Typst markup or code prints as
/// written, in the minutes and in the monthly report.
#[test]
fn typst_syntax_in_record_fields_prints_literally() {
    require_pdf_tools();
    let p = TestProject::fixture("reports");
    let nasty = r#"#read("/etc/passwd") $x$ <t> @r // ] [ \ *b* _i_ `c` = - + 1. ~ --- ..."#;
    let quoted = serde_yaml::to_string(nasty).unwrap();
    let quoted = quoted.trim_end();
    let meeting = p
        .read("data/records/meetings/MTG1.yaml")
        .replace("[稼働状況の報告]", &format!("[{quoted}]"))
        .replace("item: 報告書の様式を示す", &format!("item: {quoted}"));
    p.write("data/records/meetings/MTG1.yaml", &meeting);
    let inquiry = p
        .read("data/records/inquiries/Q2.yaml")
        .replace("summary: 回答待ちの問合せ", &format!("summary: {quoted}"));
    p.write("data/records/inquiries/Q2.yaml", &inquiry);
    let run = p.run_with(&["build"], &[("TEBIKI_TODAY", AFTER_THE_MONTHS)]);
    run.assert_ok();
    let expected = pdf::squeeze(nasty);
    for file in ["minutes/MTG1.pdf", "monthly/2027-01.pdf", "meetings.pdf"] {
        let t = text(&p, file);
        assert!(t.contains(&expected), "{file}: {expected} not in:\n{t}");
        assert!(!t.contains("root:x:0"), "{file} read a file of the machine");
    }
}

#[test]
fn the_redacted_minutes_and_reports_name_no_staff_member() {
    let p = built();
    let run = p.run_with(
        &["build", "--redact", "--output", "public"],
        &[("TEBIKI_TODAY", AFTER_THE_MONTHS)],
    );
    run.assert_ok();
    let names = ["架空一郎", "架空二郎", "架空花子", "架空次子", "架空三子"];
    for file in [
        "minutes/MTG1.pdf",
        "minutes/MTG2.pdf",
        "monthly/2027-01.pdf",
        "meetings.pdf",
    ] {
        let full = text(&p, file);
        let public = pdf::squeeze(&pdf::raw_text(&p.path().join("public/pdf").join(file)));
        for name in names {
            assert!(!public.contains(name), "{name} in the redacted {file}");
        }
        if file.starts_with("minutes/") {
            assert!(full.contains("架空花子（職員）"), "{file}");
            assert!(public.contains("氏名非公開（職員）"), "{file}: {public}");
        }
    }
}

/// A staff name copied into a record's free text is caught before typst runs:
/// the PDF is compressed, so the guard reads what it is made from.
#[test]
fn a_staff_name_in_a_record_fails_the_redacted_build_at_the_pdf() {
    let p = TestProject::fixture("reports");
    let meeting = p.read("data/records/meetings/MTG2.yaml") + "remarks: 架空 一郎が説明した\n";
    p.write("data/records/meetings/MTG2.yaml", &meeting);
    let mut command = common::tebiki_command(
        &["--root", p.path().to_str().unwrap(), "build", "--redact"],
        p.path(),
    );
    command
        .env("TEBIKI_TYPST", "/typst-must-not-run")
        .env("TEBIKI_TODAY", AFTER_THE_MONTHS);
    let run = common::run_command(command);
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "公開版の出力 pdf/minutes/MTG2.pdf に個人情報（data/staff.yaml の op1 の name）が残っています"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn report_builds_only_that_month_and_keeps_the_other_pdfs() {
    require_pdf_tools();
    let p = TestProject::fixture("reports");
    let after = [("TEBIKI_TODAY", AFTER_THE_MONTHS)];
    // Made before the month is over: marked as provisional.
    let run = p.run_with(
        &["report", "--month", "2027-02"],
        &[("TEBIKI_TODAY", "2027-02-20")],
    );
    run.assert_ok();
    assert!(
        run.stderr
            .contains("output/pdf/monthly/2027-02.pdf を書き出しました"),
        "{}",
        run.stderr
    );
    assert_eq!(
        common::list_files(&p.path().join("output/pdf")),
        ["monthly/2027-02.pdf"]
    );
    assert!(!p.path().join("output/site").exists(), "no site");
    let early = text(&p, "monthly/2027-02.pdf");
    assert!(early.contains("令和9年2月20日時点の記録による速報です"));
    // The cover is dated the day the 速報 was made, not after it.
    assert!(early.contains("報告日令和9年2月20日"), "{early}");
    p.run_with(&["build"], &after).assert_ok();
    assert!(!text(&p, "monthly/2027-02.pdf").contains("速報"));
    let handbook = std::fs::read(p.path().join("output/pdf/handbook.pdf")).unwrap();
    let summary = p
        .read("data/records/master-updates/M1.yaml")
        .replace("端末3台", "端末4台");
    p.write("data/records/master-updates/M1.yaml", &summary);
    p.run_with(&["report", "--month", "2027-01"], &after)
        .assert_ok();
    assert!(text(&p, "monthly/2027-01.pdf").contains("+端末4台をプリンタに関連付け"));
    assert_eq!(
        std::fs::read(p.path().join("output/pdf/handbook.pdf")).unwrap(),
        handbook,
        "the other PDFs stay"
    );
    assert_eq!(common::list_files(&p.path().join("output/pdf")).len(), 8);
    assert!(p.path().join("output/site/index.html").exists());
    // The next build reuses every PDF, the report `report` made included.
    let run = p.run_with(&["build"], &after);
    run.assert_ok();
    assert!(
        run.stderr.contains("8 件は入力が変わっていない"),
        "{}",
        run.stderr
    );
}

#[test]
fn report_refuses_a_month_without_records_and_a_malformed_month() {
    let p = TestProject::fixture("reports");
    let after = [("TEBIKI_TODAY", AFTER_THE_MONTHS)];
    let run = p.run_with(&["report", "--month", "2027-05"], &after);
    run.assert_code(1);
    assert!(
        run.stderr.contains(
            "令和9年5月（2027-05）の記録（data/records/、data/sla/）がないので、月間作業実績報告書を作れません（記録のある月: 2027-01、2027-02）"
        ),
        "{}",
        run.stderr
    );
    let run = p.run_with(&["report", "--month", "2026-12"], &after);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("サービスイン（令和9年1月4日）より前の月"),
        "{}",
        run.stderr
    );
    for bad in ["2027-13", "2027-1", "令和9年1月"] {
        let run = p.run_with(&["report", "--month", bad], &after);
        run.assert_code(2);
        assert!(
            run.stderr
                .contains("は YYYY-MM で書いてください（例: 2027-01）"),
            "{}",
            run.stderr
        );
    }
    let run = p.run_with(&["report"], &after);
    run.assert_code(2);
    assert!(!p.path().join("output").exists(), "nothing is written");
}

/// The cover names the contractor's 業務統括者 (§9①) under its name, and the
/// redacted edition leaves the name out.
#[test]
fn the_cover_names_the_contractors_lead_except_in_the_redacted_edition() {
    require_pdf_tools();
    let p = TestProject::fixture("reports");
    let staff = p.read("data/staff.yaml").replace(
        "{id: op1, name: 架空 一郎, actor: contractor, role: 運用担当,",
        "{id: op1, name: 架空 一郎, actor: contractor, role: 業務統括者, lead: true,",
    );
    p.write("data/staff.yaml", &staff);
    p.run_with(
        &["report", "--month", "2027-01"],
        &[("TEBIKI_TODAY", AFTER_THE_MONTHS)],
    )
    .assert_ok();
    let cover = pdf::squeeze(&pdf::page_text(
        &p.path().join("output/pdf/monthly/2027-01.pdf"),
        1,
    ));
    assert!(cover.contains("受託者業務統括者架空一郎"), "{cover}");
    p.run_with(
        &["report", "--month", "2027-01", "--redact"],
        &[("TEBIKI_TODAY", AFTER_THE_MONTHS)],
    )
    .assert_ok();
    let cover = pdf::squeeze(&pdf::page_text(
        &p.path().join("output/pdf/monthly/2027-01.pdf"),
        1,
    ));
    assert!(
        !cover.contains("業務統括者") && cover.contains("受託者"),
        "{cover}"
    );
}

#[test]
fn a_report_made_after_a_build_makes_the_next_build_look_again() {
    require_pdf_tools();
    let p = TestProject::fixture("reports");
    let after = [("TEBIKI_TODAY", AFTER_THE_MONTHS)];
    p.age_inputs();
    p.run_with(&["build"], &after).assert_ok();
    let unchanged = "入力に変更がないため";
    assert!(p.run_with(&["build"], &after).stderr.contains(unchanged));
    assert!(p.path().join("output/.tebiki-uptodate").exists());
    // A 速報 of February made on the 20th replaces the built report.
    p.run_with(
        &["report", "--month", "2027-02"],
        &[("TEBIKI_TODAY", "2027-02-20")],
    )
    .assert_ok();
    assert!(
        !p.path().join("output/.tebiki-uptodate").exists(),
        "the output is no longer the recorded build's"
    );
    let run = p.run_with(&["build"], &after);
    run.assert_ok();
    assert!(!run.stderr.contains(unchanged), "{}", run.stderr);
    assert!(!text(&p, "monthly/2027-02.pdf").contains("速報"));
}
