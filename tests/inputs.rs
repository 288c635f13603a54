//! Inputs as a new user writes them (issue 14): every bad value at its exact
//! place, all of a file's problems at once, no follow-on problems elsewhere,
//! no file skipped without a word, and files saved on Windows.

mod common;

use common::TestProject;

/// `check`'s problems without numbering and summary, and the summary's count.
fn check(p: &TestProject) -> (Vec<String>, String) {
    let run = p.run(&["check"]);
    let mut lines: Vec<String> = run.stdout.lines().map(str::to_string).collect();
    let summary = lines.pop().expect("a summary line");
    let problems = lines
        .iter()
        .map(|l| {
            l.split_once(". ")
                .map_or(l.as_str(), |(_, rest)| rest)
                .to_string()
        })
        .collect();
    (problems, summary)
}

fn errors(p: &TestProject) -> Vec<String> {
    let (problems, _) = check(p);
    problems
        .into_iter()
        .filter(|l| l.contains(": エラー: "))
        .collect()
}

#[test]
fn a_record_with_three_bad_values_gives_three_problems_and_no_follow_on() {
    let p = TestProject::fixture("records");
    let q1 = "data/records/inquiries/Q1.yaml";
    p.write(
        q1,
        &p.read(q1)
            .replace("deadline: 2027-01-07", "deadline: 2027-02-30")
            .replace("channel: chatbot", "channel: fax")
            .replace("status: resolved", "status: [resolved]"),
    );
    let i1 = "data/records/incidents/I1.yaml";
    p.write(
        i1,
        &p.read(i1).replace("2027-01-12 10:20", "2027-01-12 25:05"),
    );
    assert_eq!(
        errors(&p),
        [
            "data/records/incidents/I1.yaml:4:14: エラー: notified_at: 日時 `2027-01-12 25:05` は存在しません（0:00〜23:59 で書いてください）",
            "data/records/inquiries/Q1.yaml:2:10: エラー: channel: `fax` は使えません（使える値: `chatbot`, `contact_center`, `emergency`, `support_site`, `ward_staff`）",
            "data/records/inquiries/Q1.yaml:6:11: エラー: deadline: 日付 `2027-02-30` は存在しません（2027年2月に30日はありません）",
            "data/records/inquiries/Q1.yaml:8:9: エラー: status: 決められた値を書いてください（リストが書かれています）",
        ]
    );
}

#[test]
fn a_record_that_failed_is_not_reported_missing_where_it_is_referred_to() {
    let p = TestProject::fixture("records");
    let i1 = "data/records/incidents/I1.yaml";
    p.write(
        i1,
        &p.read(i1)
            .replace("2027-01-12 10:00\n", "2027-01-12 25:05\n"),
    );
    let (problems, summary) = check(&p);
    assert_eq!(
        problems
            .iter()
            .filter(|l| l.contains(": エラー: "))
            .collect::<Vec<_>>(),
        [
            "data/records/incidents/I1.yaml:2:14: エラー: detected_at: 日時 `2027-01-12 25:05` は存在しません（0:00〜23:59 で書いてください）"
        ]
    );
    assert!(summary.contains("エラー 1 件"), "{summary}");
}

#[test]
fn wrong_param_file_name_is_placed_at_its_value_and_nothing_else_fails() {
    let p = TestProject::fixture("records");
    let text = p.read("tebiki.yaml");
    p.write(
        "tebiki.yaml",
        &format!("{text}batches:\n  param_file:\n    name: params/x.txt\n"),
    );
    let line = text.lines().count() + 3;
    assert_eq!(
        errors(&p),
        [format!(
            "tebiki.yaml:{line}:11: エラー: batches.param_file.name はフォルダを含まないファイル名で、{{period}} を含めてください（例: yakan-param-{{period}}.txt）"
        )]
    );
}

#[test]
fn broken_front_matter_is_not_reported_again_in_the_record_that_links_to_it() {
    let p = TestProject::fixture("records");
    let page = "content/records/inquiries.md";
    let text = p.read(page);
    p.write(page, &text.replacen("title: ", "title: [", 1));
    let found = errors(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("content/records/inquiries.md:2:8: エラー: YAML として読めません: [ で始めたリストが ] で閉じていません"),
        "{found:#?}"
    );
    // The message counts no lines of its own from the front matter's start.
    assert!(!found[0].contains(" line "), "{found:#?}");
}

#[test]
fn hidden_data_and_content_files_are_reported_not_skipped() {
    let p = TestProject::fixture("records");
    p.write("data/..yaml", "x: 1\n");
    p.write("data/records/inquiries/..yaml", "x: 1\n");
    p.write("content/.draft.md", "---\n---\n");
    p.write("content/.gitkeep", "");
    assert_eq!(
        errors(&p),
        [
            "content/.draft.md:1:1: エラー: 名前が . で始まるため読み込みません（隠しファイル）。名前を . 以外で始めてください",
            "data/..yaml:1:1: エラー: 名前が . で始まるため読み込みません（隠しファイル）。名前を . 以外で始めてください",
            "data/records/inquiries/..yaml:1:1: エラー: 名前が . で始まるため読み込みません（隠しファイル）。名前を . 以外で始めてください",
        ]
    );
}

/// UTF-8 with a byte order mark and CRLF line ends, as Windows editors save.
fn windows(text: &str) -> Vec<u8> {
    let text = text.trim_start_matches('\u{feff}');
    let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
    [b"\xEF\xBB\xBF".as_slice(), crlf.as_bytes()].concat()
}

#[test]
fn files_saved_on_windows_are_read_with_exact_line_numbers() {
    let p = TestProject::fixture("records");
    for rel in [
        "content/records/inquiries.md",
        "data/actors.yaml",
        "data/records/inquiries/Q1.yaml",
    ] {
        let text = p.read(rel);
        p.write_bytes(rel, &windows(&text));
    }
    let run = p.run(&["check"]);
    run.assert_code(0);
    // Still exact: a bad value in the Windows record is placed on its line.
    let q1 = "data/records/inquiries/Q1.yaml";
    let text = p
        .read(q1)
        .replace("deadline: 2027-01-07", "deadline: 2027-02-30");
    p.write_bytes(q1, &windows(&text));
    let page = "content/records/inquiries.md";
    let text = p.read(page);
    let body_line = text.lines().count() + 1;
    p.write_bytes(page, &windows(&format!("{text}\n[x](missing.md)\n")));
    assert_eq!(
        errors(&p),
        [
            format!("content/records/inquiries.md:{}:1: エラー: リンク先のページがありません: missing.md （content/records/missing.md）", body_line + 1),
            "data/records/inquiries/Q1.yaml:6:11: エラー: deadline: 日付 `2027-02-30` は存在しません（2027年2月に30日はありません）".to_string(),
        ]
    );
}

#[test]
fn a_page_saved_in_cp932_names_the_encoding_and_how_to_convert() {
    let p = TestProject::fixture("records");
    let page = "content/records/inquiries.md";
    let text = p.read(page);
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    p.write_bytes(page, &bytes);
    let found = errors(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("content/records/inquiries.md:2:8: エラー: 文字コードが Shift_JIS（CP932）です。UTF-8 で保存し直してください"),
        "{found:#?}"
    );
    assert!(found[0].contains("iconv -f CP932 -t UTF-8"), "{found:#?}");
}
