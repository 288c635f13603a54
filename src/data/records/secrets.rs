//! No passwords in the handbook (§11, DOMAIN.md): a key named like a password or a
//! secret is an error wherever it appears in a data file, at any depth. Checked on
//! the raw YAML before it is deserialised, so no typed struct can let one through.

use std::path::Path;

use crate::diagnostics::{Diagnostics, Location};

/// Words that mark a key as holding a secret.
const SECRET_WORDS: [&str; 6] = [
    "password",
    "passwd",
    "secret",
    "token",
    "パスワード",
    "暗証",
];
/// Abbreviations that count only as a whole word of the key (`pw`, `user_pw`).
const SECRET_ABBREVIATIONS: [&str; 2] = ["pw", "pwd"];

/// Whether a key is named like a password or a secret.
pub fn is_secret_key(key: &str) -> bool {
    let lower = key.to_lowercase();
    if SECRET_WORDS.iter().any(|w| lower.contains(w)) {
        return true;
    }
    lower.split(|c: char| !c.is_alphanumeric()).any(|word| {
        SECRET_ABBREVIATIONS.contains(&word) || word.ends_with("pw") || word.ends_with("pwd")
    })
}

/// Reports every secret-like key of `value`, placed at its line in `text`.
/// Returns true when there was none.
pub fn check_no_secrets(
    value: &serde_yaml::Value,
    text: &str,
    path: &Path,
    diags: &mut Diagnostics,
) -> bool {
    let mut keys = Vec::new();
    collect_secret_keys(value, &mut keys);
    let mut from_line = 1;
    for key in &keys {
        let at = locate_key(text, path, key, from_line);
        from_line = at.line + 1;
        diags.error(
            at,
            format!(
                "キー `{key}` はパスワード・秘密情報の項目に見えます。手引きのデータにパスワードや秘密情報を書いてはいけません（項目ごと削除してください）"
            ),
        );
    }
    keys.is_empty()
}

fn collect_secret_keys(value: &serde_yaml::Value, out: &mut Vec<String>) {
    match value {
        serde_yaml::Value::Mapping(map) => {
            for (k, v) in map {
                let name = match k {
                    serde_yaml::Value::String(s) => Some(s.clone()),
                    serde_yaml::Value::Number(n) => Some(n.to_string()),
                    serde_yaml::Value::Bool(b) => Some(b.to_string()),
                    _ => None,
                };
                if let Some(name) = name
                    && is_secret_key(&name)
                {
                    out.push(name);
                }
                collect_secret_keys(v, out);
            }
        }
        serde_yaml::Value::Sequence(items) => {
            for item in items {
                collect_secret_keys(item, out);
            }
        }
        serde_yaml::Value::Tagged(tagged) => collect_secret_keys(&tagged.value, out),
        _ => {}
    }
}

/// The line where `key:` is written, at or after `from_line`.
fn locate_key(text: &str, path: &Path, key: &str, from_line: usize) -> Location {
    let quoted = [key.to_string(), format!("\"{key}\""), format!("'{key}'")];
    for (i, line) in text.lines().enumerate().skip(from_line.saturating_sub(1)) {
        let trimmed = line.trim_start();
        let trimmed = trimmed.strip_prefix("- ").unwrap_or(trimmed).trim_start();
        let trimmed = trimmed.strip_prefix('{').unwrap_or(trimmed).trim_start();
        for q in &quoted {
            if let Some(rest) = trimmed.strip_prefix(q.as_str())
                && rest.trim_start().starts_with(':')
            {
                let col = line[..line.find(q.as_str()).unwrap_or(0)].chars().count() + 1;
                return Location::new(path, i + 1, col);
            }
        }
        if let Some(byte) = line.find(&format!("{key}:")) {
            return Location::new(path, i + 1, line[..byte].chars().count() + 1);
        }
    }
    Location::new(path, from_line.max(1), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_named_like_secrets_are_recognised() {
        for key in [
            "password",
            "Password",
            "admin_password",
            "passwd",
            "pw",
            "user_pw",
            "userpw",
            "pwd",
            "api_token",
            "client_secret",
            "初期パスワード",
            "暗証番号",
        ] {
            assert!(is_secret_key(key), "{key}");
        }
        for key in [
            "summary",
            "permissions",
            "approved_by",
            "passage",
            "power",
            "owner",
        ] {
            assert!(!is_secret_key(key), "{key}");
        }
    }

    #[test]
    fn nested_secret_keys_are_reported_at_their_line() {
        let text =
            "id: a\nhistory:\n  - date: 2027-01-04\n    detail:\n      initial_password: x\n";
        let value: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
        let mut diags = Diagnostics::new();
        assert!(!check_no_secrets(
            &value,
            text,
            Path::new("f.yaml"),
            &mut diags
        ));
        let d = diags.iter().next().unwrap();
        let loc = d.location.as_ref().unwrap();
        assert_eq!((loc.line, loc.col), (5, 7));
        assert!(d.message.contains("initial_password"));
    }
}
