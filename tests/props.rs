//! Property tests: no front matter and no Markdown, however strange, makes tebiki
//! panic; the worst it gets is a diagnostic.

use std::collections::HashMap;

use proptest::prelude::*;
use tebiki::content::{markdown, parse_page};

fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "# ",
        "## 見出し",
        "\n",
        "\n\n",
        "- [ ] ",
        "| a | b |\n|---|---|\n",
        "[x](a.md#b)",
        "[^1]",
        "[^1]: 注",
        "~~",
        "**",
        "`",
        "```\n",
        "<b>",
        "</b>",
        "{#id}",
        "夜間日次バッチ",
        "パラメータ",
        "\\",
        "&",
        ">",
        "---\n",
        "![i](x.png)",
        "[](",
        ")",
        "1. ",
        "    ",
        "\t",
        "\u{feff}",
        "\r\n",
        "<script>alert(1)</script>",
        "<SCRIPT src=x>",
        "<img src=x onerror=alert(1)>",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_string), any::<String>()],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_page_text_never_panics(text in any::<String>()) {
        let _ = parse_page(&text, "a/b.md", &Default::default());
    }

    #[test]
    fn arbitrary_front_matter_never_panics(front in markdownish(), body in markdownish()) {
        let _ = parse_page(&format!("---\n{front}\n---\n{body}"), "a/b.md", &Default::default());
    }

    #[test]
    fn arbitrary_yaml_values_in_known_keys_never_panic(
        title in any::<String>(), area in any::<String>(), date in "[0-9-]{0,12}", every in any::<i64>(),
    ) {
        let text = format!(
            "---\ntitle: {title:?}\narea: {area:?}\nowner: x\nreviewed: {date}\nreview_every: {every}\n---\n"
        );
        let _ = parse_page(&text, "a.md", &Default::default());
    }

    #[test]
    fn arbitrary_markdown_renders_and_escapes_without_panicking(body in markdownish()) {
        let scan = markdown::scan(&body);
        let html = markdown::render(&body, &scan.headings, &HashMap::new(), false);
        // The pieces above include script tags, so this can fail.
        let lower = html.to_lowercase();
        prop_assert!(!lower.contains("<script"), "{}", html);
        prop_assert!(!lower.contains("<img src=x onerror"), "{}", html);
        prop_assert!(!html.contains("<b>"));
    }
}

/// Front matter lines from pieces that are near the edge of what the fast
/// reader accepts.
fn front_matter_lines() -> impl Strategy<Value = String> {
    let keys = prop::sample::select(vec![
        "title",
        "area",
        "owner",
        "reviewed",
        "review_every",
        "order",
        "tags",
        "summary",
        "title",
    ]);
    let values = prop::sample::select(vec![
        "夜間日次バッチ",
        "\"4.10\"",
        "4.10",
        "'a, b'",
        "\"a\\\"b\"",
        "2026-11-01",
        "2026-13-01",
        "6",
        "-1",
        "007",
        "1_000",
        "yes",
        "No",
        "null",
        "~",
        "[a, b]",
        "[]",
        "[a, [b]]",
        "[\"x\", y]",
        "a: b",
        "a #c",
        "a#c",
        "x:",
        "&anchor a",
        "*alias",
        "!tag a",
        "|",
        ">",
        "- a",
        "  spaced  ",
        "全角　",
        "a\u{85}b",
        "\t",
        "'it''s'",
        "=",
        ".inf",
        "0x1F",
        "+1",
        "%x",
        "@x",
        "`x`",
        "[a,b,]",
        "[ , ]",
    ]);
    let line = (keys, values).prop_map(|(k, v)| format!("{k}: {v}"));
    let odd = prop::sample::select(vec![
        "# comment",
        "",
        "  - item",
        "title:",
        "title:x",
        "   # indented comment",
        "...",
        "---",
    ]);
    prop::collection::vec(
        prop_oneof![4 => line, 1 => odd.prop_map(str::to_string)],
        0..8,
    )
    .prop_map(|lines| lines.join("\n") + "\n")
}

/// Whatever the fast front matter reader accepts, serde_yaml reads the same;
/// and it accepts a good share of the inputs, so the agreement is not vacuous
/// (a reader that refused everything would pass the first half alone).
#[test]
fn fast_front_matter_reader_agrees_with_serde_yaml() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let cases = 2000;
    let accepted = AtomicUsize::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases));
    runner
        .run(&front_matter_lines(), |front| {
            if let Some(fast) = tebiki::content::flat_yaml::parse(&front) {
                accepted.fetch_add(1, Ordering::Relaxed);
                let yaml: Result<serde_json::Value, _> = serde_yaml::from_str(&front);
                let yaml = yaml.map_err(|e| {
                    TestCaseError::fail(format!("{front:?}: fast read it, serde_yaml failed: {e}"))
                })?;
                let yaml = if yaml.is_null() {
                    serde_json::Value::Object(Default::default())
                } else {
                    yaml
                };
                prop_assert_eq!(serde_json::Value::Object(fast), yaml, "{:?}", front);
            }
            Ok(())
        })
        .unwrap();
    let accepted = accepted.load(Ordering::Relaxed);
    assert!(
        accepted * 10 >= cases as usize,
        "the fast reader accepted only {accepted} of {cases} inputs"
    );
}

/// A record file's problems as (line, message), read as `T`.
fn problems<T: serde::de::DeserializeOwned>(text: &str) -> Vec<(usize, String)> {
    match tebiki::yaml::parse::<T>(text, std::path::Path::new("f.yaml"), 1) {
        Ok(_) => Vec::new(),
        Err(d) => d
            .iter()
            .map(|p| (p.location.as_ref().map_or(0, |l| l.line), p.message.clone()))
            .collect(),
    }
}

type Fixture = (String, String, fn(&str) -> Vec<(usize, String)>);

/// The files of every declared record kind in the `records` fixture.
struct Fixtures(Vec<Fixture>);

impl tebiki::data::records::KindVisitor for Fixtures {
    fn visit<R: tebiki::data::records::RecordKind>(&mut self, _: &[R]) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/records/data/records")
            .join(R::ABOUT.dir);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("the records fixture has no {}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no fixture of kind {}", R::ABOUT.dir);
        for path in files {
            let name = format!(
                "{}/{}",
                R::ABOUT.dir,
                path.file_name().unwrap().to_string_lossy()
            );
            let text = std::fs::read_to_string(&path).unwrap();
            self.0.push((name, text, problems::<R>));
        }
    }
}

/// Every record kind's fixture files, with the type each is read as: a kind
/// added to the declarations is covered (and must bring a fixture).
fn record_fixtures() -> Vec<Fixture> {
    let mut fixtures = Fixtures(Vec::new());
    tebiki::data::records::Records::default().visit(&mut fixtures);
    fixtures.0
}

/// Keys whose values are enums in the record kinds.
const ENUM_KEYS: [&str; 8] = [
    "channel",
    "category",
    "status",
    "direction",
    "route",
    "method",
    "master",
    "kind",
];

#[derive(Debug, Clone, Copy)]
enum Corruption {
    ImpossibleDate,
    WrongEnum,
    WrongType,
    UnknownKey,
}

/// Corrupts the top-level line `pick` chooses; the line (from 1) it is on,
/// or `None` when this corruption does not apply to that line.
fn corrupt(text: &str, pick: prop::sample::Index, how: Corruption) -> Option<(String, usize)> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let top: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            lines[i].starts_with(|c: char| c.is_ascii_lowercase()) && lines[i].contains(": ")
        })
        .collect();
    let i = top[pick.index(top.len())];
    let (key, value) = lines[i].split_once(": ")?;
    let (key, value) = (key.to_string(), value.to_string());
    let date_like = value.len() >= 10 && value.as_bytes()[4] == b'-' && value.as_bytes()[7] == b'-';
    match how {
        Corruption::ImpossibleDate if date_like => {
            lines[i] = format!("{key}: 2027-02-30{}", &value[10..]);
        }
        Corruption::WrongEnum if ENUM_KEYS.contains(&key.as_str()) => {
            lines[i] = format!("{key}: not_a_value");
        }
        // A mapping where the value is written as one, a list otherwise: either
        // way a YAML type the field cannot take.
        Corruption::WrongType if value.starts_with('{') => lines[i] = format!("{key}: [1, 2]"),
        Corruption::WrongType => lines[i] = format!("{key}: {{zz: 1}}"),
        Corruption::UnknownKey => lines.insert(i, "zz_unknown: 1".to_string()),
        _ => return None,
    }
    Some((lines.join("\n") + "\n", i + 1))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// One field of a record corrupted at a random place gives exactly one
    /// problem, on exactly that line.
    #[test]
    fn a_corrupted_record_field_is_the_only_problem_and_on_its_line(
        file in any::<prop::sample::Index>(),
        pick in any::<prop::sample::Index>(),
        how in prop::sample::select(vec![
            Corruption::ImpossibleDate, Corruption::WrongEnum, Corruption::WrongType, Corruption::UnknownKey,
        ]),
    ) {
        let fixtures = record_fixtures();
        let (name, text, problems) = &fixtures[file.index(fixtures.len())];
        prop_assert!(problems(text).is_empty(), "{} is not clean: {:?}", name, problems(text));
        if let Some((bad, line)) = corrupt(text, pick, how) {
            let found = problems(&bad);
            prop_assert_eq!(found.len(), 1, "{} {:?}: {:?}\n{}", name, how, found, bad);
            prop_assert_eq!(found[0].0, line, "{} {:?}: {:?}\n{}", name, how, found, bad);
        }
    }
}
