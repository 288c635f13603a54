//! YAML into typed structs, with errors placed in the file they came from.
//!
//! serde_yaml counts lines from the start of the text it was given; front matter
//! starts on line 2 of a page, so callers pass the line the YAML text starts on
//! (Zola gets this wrong, STYLE.md §4).

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Location};

/// Deserialises `text`, which starts on line `first_line` of `path`.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
) -> Result<T, Diagnostic> {
    serde_yaml::from_str(text).map_err(|err| to_diagnostic(&err, path, first_line))
}

pub fn to_diagnostic(err: &serde_yaml::Error, path: &Path, first_line: usize) -> Diagnostic {
    let (line, col) = match err.location() {
        Some(loc) => (loc.line() + first_line - 1, loc.column()),
        None => (first_line, 1),
    };
    Diagnostic::error(
        Location::new(path, line, col),
        format!("YAML を読み込めません: {}", describe(err)),
    )
}

/// serde_yaml appends " at line L column C" to its messages; the location is shown
/// in front of ours already, and with the right line.
fn describe(err: &serde_yaml::Error) -> String {
    let text = err.to_string();
    let text = match text.rfind(" at line ") {
        Some(i) if text[i..].contains(" column ") => &text[..i],
        _ => &text,
    };
    in_japanese(text)
}

/// The messages users meet most often, in the handbook's language. serde's
/// wording is kept after the Japanese so nothing is lost.
fn in_japanese(message: &str) -> String {
    // serde prefixes the path of the field: `site: unknown field …`.
    let (path, detail) = match message.split_once(": ") {
        Some((p, d)) if !p.contains(' ') => (format!("{p}: "), d),
        _ => (String::new(), message),
    };
    // "`x`, expected one of `a`, `b`" or "`x`, expected `a` or `b`".
    let name_and_choices = |rest: &str| {
        let name = rest.split(',').next().unwrap_or(rest).to_string();
        let expected = rest.split_once("expected ").map_or("", |(_, e)| e);
        let choices = expected.trim_start_matches("one of ").replace(" or ", ", ");
        (name, choices)
    };
    let japanese = if let Some(rest) = detail.strip_prefix("unknown field ") {
        let (name, choices) = name_and_choices(rest);
        format!("不明なキー {name} です（使えるキー: {choices}）")
    } else if let Some(rest) = detail.strip_prefix("missing field ") {
        format!("必須のキー {rest} がありません")
    } else if detail == "input is out of range" {
        "存在しない日付です".to_string()
    } else if detail.starts_with("premature end of input")
        || detail.starts_with("input contains invalid characters")
        || detail == "trailing input"
    {
        "日付は YYYY-MM-DD の形で書いてください".to_string()
    } else if let Some(rest) = detail.strip_prefix("unknown variant ") {
        let (name, choices) = name_and_choices(rest);
        format!("{name} は使えません（使える値: {choices}）")
    } else {
        return message.to_string();
    };
    format!("{path}{japanese}")
}

/// Where `key: value` is written in `text`, for checks that run after
/// deserialisation (an unknown owner id, say). Finds the first line, at or after
/// line `from_line` (1-based), whose key is `key` and whose value is `value`:
/// quoted or not, as a list item (`- key: value`), inside a flow list
/// (`key: [a, value]`) or in a block list under the key. Falls back to the first
/// line with the key, then to `from_line`.
pub fn locate(text: &str, path: &Path, key: &str, value: &str, from_line: usize) -> Location {
    let lines: Vec<&str> = text.lines().collect();
    let mut key_only = None;
    for i in from_line.saturating_sub(1)..lines.len() {
        let line = lines[i];
        let Some(raw) = value_after_key(line, key) else {
            continue;
        };
        let at = |needle: &str| {
            let byte = line.rfind(needle).unwrap_or(0);
            Location::new(path, i + 1, line[..byte].chars().count() + 1)
        };
        if unquote(raw) == value {
            return at(raw);
        }
        if let Some(items) = raw.strip_prefix('[').and_then(|r| r.strip_suffix(']'))
            && let Some(item) = items
                .split(',')
                .map(str::trim)
                .find(|s| unquote(s) == value)
        {
            return at(item);
        }
        if raw.is_empty() {
            for (j, next) in lines.iter().enumerate().skip(i + 1) {
                let Some(item) = next.trim_start().strip_prefix("- ") else {
                    break;
                };
                if unquote(item.trim()) == value {
                    let byte = next.find(item.trim()).unwrap_or(0);
                    return Location::new(path, j + 1, next[..byte].chars().count() + 1);
                }
            }
        }
        key_only.get_or_insert_with(|| at(raw));
    }
    key_only.unwrap_or_else(|| Location::new(path, from_line.max(1), 1))
}

/// The value written after `key:` on `line`, without a trailing comment.
fn value_after_key<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let trimmed = line.trim_start();
    let trimmed = trimmed.strip_prefix("- ").unwrap_or(trimmed).trim_start();
    let rest = trimmed.strip_prefix(key)?.strip_prefix(':')?;
    let rest = rest.split(" #").next().unwrap_or(rest);
    Some(rest.trim())
}

fn unquote(s: &str) -> &str {
    s.trim_matches(|c| c == '"' || c == '\'')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)] // reason: fields exist to be deserialised in the tests
    struct Sample {
        title: String,
        owner: String,
    }

    #[test]
    fn unknown_key_error_counts_lines_from_the_top_of_the_file() {
        let yaml = "title: a\nownr: b\n";
        let err = parse::<Sample>(yaml, Path::new("content/a.md"), 2).unwrap_err();
        let loc = err.location.unwrap();
        assert_eq!((loc.line, loc.col), (3, 1));
        assert_eq!(
            err.message,
            "YAML を読み込めません: 不明なキー `ownr` です（使えるキー: `title`, `owner`）"
        );
        assert!(!err.message.contains(" at line "), "{}", err.message);
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
    fn locate_finds_quoted_values_in_list_items() {
        let yaml = "actors:\n  - id: a\n    owner: x\n  - id: \"b\"\n    owner: y\n";
        let loc = locate(yaml, Path::new("data/actors.yaml"), "id", "b", 1);
        assert_eq!((loc.line, loc.col), (4, 9));
    }
}
