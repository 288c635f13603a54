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
        let _ = parse_page(&text, "a/b.md");
    }

    #[test]
    fn arbitrary_front_matter_never_panics(front in markdownish(), body in markdownish()) {
        let _ = parse_page(&format!("---\n{front}\n---\n{body}"), "a/b.md");
    }

    #[test]
    fn arbitrary_yaml_values_in_known_keys_never_panic(
        title in any::<String>(), area in any::<String>(), date in "[0-9-]{0,12}", every in any::<i64>(),
    ) {
        let text = format!(
            "---\ntitle: {title:?}\narea: {area:?}\nowner: x\nreviewed: {date}\nreview_every: {every}\n---\n"
        );
        let _ = parse_page(&text, "a.md");
    }

    #[test]
    fn arbitrary_markdown_renders_and_escapes_without_panicking(body in markdownish()) {
        let scan = markdown::scan(&body);
        let html = markdown::render(&body, &scan.headings, &HashMap::new(), false);
        prop_assert!(!html.contains("<script"));
        prop_assert!(!html.contains("<b>"));
    }
}
