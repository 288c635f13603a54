//! A fast reader for the flat front matter nearly every page has (`key: value`
//! lines, quoted strings, `[a, b]` lists). serde_yaml takes ~20 µs per page,
//! the largest part of loading 10,000 pages; this takes a fraction of that.
//!
//! It accepts only what it can read exactly as YAML would, and gives up (`None`)
//! on anything else — block lists, escapes, comments after a value, plain
//! scalars YAML would read as numbers, booleans or null — so the caller falls
//! back to serde_yaml, which also gives the error messages.

use serde_json::{Map, Value};

/// Keys whose plain values are integers (`order: 3`); everywhere else a plain
/// value that looks like a number is left to serde_yaml.
const INTEGER_KEYS: [&str; 2] = ["order", "review_every"];

pub fn parse(front: &str) -> Option<Map<String, Value>> {
    // libyaml reads NEL, LS and PS as line breaks and refuses most control
    // characters; leave all of them to it.
    let unusual = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
    };
    if front.contains(unusual) {
        return None;
    }
    let mut map = Map::new();
    for line in front.lines() {
        let line = line.trim_end_matches([' ']);
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        let key_ok = key
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !key_ok || map.contains_key(key) {
            return None;
        }
        // Only spaces are trimmed: YAML keeps an ideographic space (U+3000).
        let value = value.strip_prefix(' ')?.trim_matches(' ');
        let value = if INTEGER_KEYS.contains(&key) && is_integer(value) {
            Value::Number(value.parse::<i64>().ok()?.into())
        } else {
            scalar_or_list(value)?
        };
        map.insert(key.to_string(), value);
    }
    Some(map)
}

fn scalar_or_list(value: &str) -> Option<Value> {
    if let Some(items) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        if items.trim().is_empty() {
            return Some(Value::Array(Vec::new()));
        }
        let items = items
            .split(',')
            .map(|item| {
                let item = item.trim_matches(' ');
                if item.contains(['[', ']', '{', '}']) {
                    return None;
                }
                quoted(item).or_else(|| plain(item))
            })
            .collect::<Option<Vec<_>>>()?;
        return Some(Value::Array(items.into_iter().map(Value::String).collect()));
    }
    quoted(value).or_else(|| plain(value)).map(Value::String)
}

/// `"text"` or `'text'` with nothing that YAML would unescape inside.
fn quoted(value: &str) -> Option<String> {
    for q in ['"', '\''] {
        if let Some(inner) = value.strip_prefix(q).and_then(|v| v.strip_suffix(q))
            && value.len() >= 2
        {
            return (!inner.contains([q, '\\'])).then(|| inner.to_string());
        }
    }
    None
}

/// A plain scalar that YAML reads as this very string.
fn plain(value: &str) -> Option<String> {
    let first = value.chars().next()?;
    let special_start = "-?:,[]{}#&*!|>'\"%@`+.~=<".contains(first);
    let looks_typed = first.is_ascii_digit() && !is_date(value)
        || matches!(
            value.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    let ambiguous = value.contains(": ") || value.contains(" #") || value.ends_with(':');
    (!special_start && !looks_typed && !ambiguous).then(|| value.to_string())
}

fn is_integer(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    !digits.is_empty()
        && digits.len() < 10
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !(digits.len() > 1 && digits.starts_with('0'))
}

/// `2026-11-01`: a string to YAML 1.2 and to serde_yaml.
fn is_date(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_serde_yaml(front: &str) {
        let yaml: Value = serde_yaml::from_str(front).unwrap();
        let fast = parse(front).unwrap_or_else(|| panic!("fell back on {front:?}"));
        assert_eq!(Value::Object(fast), yaml, "{front}");
    }

    #[test]
    fn reads_the_usual_front_matter_as_yaml_does() {
        same_as_serde_yaml(
            "# yaml-language-server: $schema=../schemas/frontmatter.json\ntitle: オンライン処理 基本運用　\narea: \"4.1\"\nowner: contractor\nreviewed: 2026-11-20\nreview_every: 6\ntags: [オンライン, 延長, 変更依頼]\ndeliverables: []\norder: -1\nsummary: 'a, b の手順'\n",
        );
    }

    #[test]
    fn gives_up_on_what_it_cannot_read_exactly() {
        for front in [
            "area: 4.10\n",
            "title: yes\n",
            "title: a # comment\n",
            "tags:\n  - a\n",
            "title: \"a\\tb\"\n",
            "title: a\ntitle: b\n",
            "order: 007\n",
            "title: 123\n",
            "title: ~\n",
            "title: [a, [b]]\n",
            "title:\tx\n",
            "title: a\u{85}b\n",
            "title: a\u{0}\n",
            "title: -x\n",
        ] {
            assert_eq!(parse(front), None, "{front}");
        }
    }
}
