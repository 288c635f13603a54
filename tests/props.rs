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
        prop_assert!(!html.contains("<script"));
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Whatever the fast front matter reader accepts, serde_yaml reads the same.
    #[test]
    fn fast_front_matter_reader_agrees_with_serde_yaml(front in front_matter_lines()) {
        if let Some(fast) = tebiki::content::flat_yaml::parse(&front) {
            let yaml: Result<serde_json::Value, _> = serde_yaml::from_str(&front);
            let yaml = yaml.map_err(|e| TestCaseError::fail(format!("{front:?}: fast read it, serde_yaml failed: {e}")))?;
            let yaml = if yaml.is_null() { serde_json::Value::Object(Default::default()) } else { yaml };
            prop_assert_eq!(serde_json::Value::Object(fast), yaml, "{:?}", front);
        }
    }
}
