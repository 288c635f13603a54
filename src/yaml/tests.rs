use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use super::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // reason: fields exist to be deserialised in the tests
struct Sample {
    title: String,
    owner: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // reason: fields exist to be deserialised in the tests
struct Record {
    title: String,
    due: NaiveDate,
    #[serde(default)]
    count: Option<u32>,
    #[serde(default)]
    steps: Vec<Step>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // reason: fields exist to be deserialised in the tests
struct Step {
    at: crate::domain::stamp::Stamp,
    kind: Kind2,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Kind2 {
    Stop,
    Hours,
}

/// `line:col: message` of every problem.
fn problems<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) -> Vec<String> {
    let err = parse::<T>(text, Path::new("f.yaml"), 1).unwrap_err();
    err.iter()
        .map(|d| {
            let at = d.location.as_ref().unwrap();
            format!("{}:{}: {}", at.line, at.col, d.message)
        })
        .collect()
}

#[test]
fn unknown_key_error_counts_lines_from_the_top_of_the_file() {
    let yaml = "title: a\nownr: b\n";
    let err = parse::<Sample>(yaml, Path::new("content/a.md"), 2).unwrap_err();
    let d = err.iter().next().unwrap();
    let loc = d.location.as_ref().unwrap();
    assert_eq!((loc.line, loc.col), (3, 1));
    assert_eq!(
        d.message,
        "不明なキー `ownr` です（使えるキー: `title`, `owner`）"
    );
}

#[test]
fn every_bad_value_is_reported_at_its_own_place() {
    let yaml = "# c\ntitle: a\ndue: 2027-02-30\ncount: many\nsteps:\n  - at: 2027-01-12 25:05\n    kind: stop\n  - at: 2027-01-12 10:00\n    kind: halt\n";
    assert_eq!(
        problems::<Record>(yaml),
        [
            "3:6: due: 日付 `2027-02-30` は存在しません（2027年2月に30日はありません）",
            "4:8: count: 0 以上の整数を書いてください（文字列 `many`が書かれています）",
            "6:9: steps[1].at: 日時 `2027-01-12 25:05` は存在しません（0:00〜23:59 で書いてください）",
            "9:11: steps[2].kind: `halt` は使えません（使える値: `stop`, `hours`）",
        ]
    );
}

#[test]
fn a_required_value_taken_out_for_its_problem_is_not_reported_missing() {
    assert_eq!(
        problems::<Record>("title: a\ndue: 2027-13-01\n"),
        ["2:6: due: 日付 `2027-13-01` は存在しません（13月はありません）"]
    );
    // Really missing: reported at the mapping.
    assert_eq!(
        problems::<Record>("# x\ntitle: a\n"),
        ["2:1: 必須のキー `due` がありません"]
    );
}

#[test]
fn a_file_that_is_not_yaml_gives_one_problem() {
    let found = problems::<Record>("title: [a\ndue: 2027-01-01\ncount: x\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("YAML として読めません"), "{found:?}");
}

#[test]
fn a_key_written_twice_is_reported_at_the_second() {
    assert_eq!(
        problems::<Sample>("title: a\nowner: b\ntitle: c\n"),
        ["3:1: キー `title` が重複しています（1 行目と同じ）"]
    );
}

#[test]
fn wrong_types_name_what_is_expected_and_what_is_written() {
    assert_eq!(
        problems::<Sample>("title: [a, b]\nowner: x\n"),
        ["1:8: title: 文字列を書いてください（リストが書かれています）"]
    );
}

#[test]
fn the_value_without_its_bad_parts_is_kept_when_one_can_be_made() {
    let read = read::<Record>("title: a\ndue: 2027-01-01\ncount: x\n", Path::new("f"), 1);
    assert_eq!(read.problems.len(), 1);
    let value = read.value.unwrap();
    assert_eq!((value.title.as_str(), value.count), ("a", None));
}

/// The scalars people write, read as serde_yaml reads them.
#[test]
fn scalars_resolve_as_serde_yaml_resolves_them() {
    let values = [
        "",
        "~",
        "null",
        "true",
        "False",
        "yes",
        "no",
        "on",
        "12",
        "-3",
        "+4",
        "007",
        "0x1F",
        "0o17",
        "1_000",
        "1.5",
        "-2.5e3",
        "4.10",
        "2026-11-01",
        "08:30",
        "\"12\"",
        "'true'",
        "a b",
        "[1, x, ~]",
        "{a: 1}",
        "|\n  x\n",
        "1e3",
        ".5",
    ];
    for v in values {
        let text = format!("key: {v}\n");
        let ours: serde_json::Value = parse(&text, Path::new("f"), 1).unwrap();
        let theirs: serde_json::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(ours, theirs, "{v}");
    }
}

#[test]
fn locate_finds_values_in_flow_and_block_lists() {
    let yaml = "a:\n  tags: [x, y]\n  deliverables:\n    - d1\n    - d9\n";
    let p = Path::new("f.yaml");
    let loc = locate(yaml, p, "tags", "y", 1);
    assert_eq!((loc.line, loc.col), (2, 13));
    let loc = locate(yaml, p, "deliverables", "d9", 1);
    assert_eq!((loc.line, loc.col), (5, 7));
}

#[test]
fn locate_finds_quoted_values_in_list_items_and_flow_mappings() {
    let yaml =
        "actors:\n  - id: a\n    owner: x\n  - id: \"b\"\n    owner: y\n  - {id: c, owner: z}\n";
    let p = Path::new("data/actors.yaml");
    let loc = locate(yaml, p, "id", "b", 1);
    assert_eq!((loc.line, loc.col), (4, 9));
    let loc = locate(yaml, p, "owner", "z", 1);
    assert_eq!((loc.line, loc.col), (6, 20));
}

#[test]
fn locate_path_finds_the_value_below_its_parents() {
    let yaml = "organisation:\n  name: 練馬区\nbatches:\n  param_file:\n    name: x.txt\n";
    let loc = locate_path(yaml, Path::new("t"), &["batches", "param_file", "name"]);
    assert_eq!((loc.line, loc.col), (5, 11));
    let loc = locate_path(yaml, Path::new("t"), &["batches", "cycle"]);
    assert_eq!((loc.line, loc.col), (3, 1));
}
