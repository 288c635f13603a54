//! The YAML front matter at the top of every page.

use std::path::Path;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "ページ先頭のフロントマター（--- と --- の間）")]
pub struct FrontMatter {
    #[schemars(description = "ページの題名", length(min = 1))]
    pub title: String,
    /// The work area of the source document (`"4.1"` … `"4.11"`) or `general`.
    #[serde(deserialize_with = "area_string")]
    #[schemars(
        with = "String",
        description = "業務領域の id（data/areas.yaml）。\"4.10\" のように引用符で囲む"
    )]
    pub area: String,
    /// The actor id (data/actors.yaml) responsible for keeping the page right.
    #[schemars(description = "ページを最新に保つ関係者の id（data/actors.yaml）")]
    pub owner: String,
    /// 最終確認日: the day someone last checked the page against reality.
    #[schemars(description = "最終確認日（YYYY-MM-DD）")]
    pub reviewed: NaiveDate,
    /// How many months may pass before the page must be checked again.
    #[schemars(description = "次の確認までの月数（1 以上）", range(min = 1))]
    pub review_every: u32,
    #[serde(default)]
    #[schemars(description = "タグ")]
    pub tags: Vec<String>,
    /// Deliverable ids (data/deliverables.yaml) the page is about.
    #[serde(default)]
    #[schemars(description = "関係する成果物の id（data/deliverables.yaml）")]
    pub deliverables: Vec<String>,
    /// Position among the pages of its section; smaller comes first.
    #[serde(default)]
    #[schemars(description = "セクション内の並び順（小さいほど先）")]
    pub order: Option<i32>,
    /// One line shown in section lists and search results.
    #[serde(default)]
    #[schemars(description = "一覧や検索結果に出す一行の要約")]
    pub summary: Option<String>,
    /// What became of a proposal (⑧): adopted, on trial, declined — proposal
    /// pages only; the annual report lists it.
    #[serde(default)]
    #[schemars(description = "改善提案の結果（採用・試行中・見送りなど。改善提案のページに書く）")]
    pub outcome: Option<String>,
    /// A template other than `page.html`, for pages built from data.
    #[serde(default)]
    #[schemars(description = "テンプレート（page.html 以外を使うとき。templates/ からのパス）")]
    pub template: Option<String>,
}

/// `area: 4.10` is a float in YAML and equals 4.1. Numbers are accepted here and
/// refused in [`parse`], where the problem can be placed on its line.
fn area_string<'de, D: Deserializer<'de>>(de: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Text(String),
        Number(f64),
    }
    Ok(match Raw::deserialize(de)? {
        Raw::Text(s) => s,
        Raw::Number(n) => format!("{NUMBER_MARK}{n}"),
    })
}

/// Marks an area that was written as a number (never valid in an area id).
const NUMBER_MARK: char = '\u{0}';

/// A page split into its front matter and its Markdown body.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    pub front: &'a str,
    /// Line (from 1) of the file on which the front matter's YAML starts.
    pub front_line: usize,
    pub body: &'a str,
    /// Line (from 1) of the file on which the body starts.
    pub body_line: usize,
}

/// Splits `text` at the `---` fences. A page must start with `---` on its first line.
pub fn split<'a>(text: &'a str, shown: &Path) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_len = match text.find('\n') {
        Some(i) => i + 1,
        None => text.len(),
    };
    if text[..first_len].trim_end() != "---" {
        return Err(Diagnostic::error(
            Location::file(shown),
            "フロントマターがありません（1 行目を --- にして、title などを書いてください）",
        ));
    }
    let rest = &text[first_len..];
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok(Split {
                front,
                front_line: 2,
                body,
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        Location::file(shown),
        "フロントマターが閉じていません（--- だけの行で終えてください）",
    ))
}

/// The front matter's fields, or every problem in it (each at its line in the
/// page, not in the front matter).
pub fn parse(split: &Split<'_>, shown: &Path) -> Result<FrontMatter, Diagnostics> {
    if split.front.trim().is_empty() {
        return Err(Diagnostic::error(
            Location::new(shown, split.front_line, 1),
            "フロントマターが空です（title, area, owner, reviewed, review_every が必要です）",
        )
        .into());
    }
    // The usual flat front matter without serde_yaml; anything else, and every
    // error message, through it.
    let flat = super::flat_yaml::parse(split.front)
        .and_then(|map| serde_json::from_value::<FrontMatter>(serde_json::Value::Object(map)).ok());
    let meta: FrontMatter = match flat {
        Some(meta) => meta,
        None => crate::yaml::parse(split.front, shown, split.front_line)?,
    };
    if let Some(number) = meta.area.strip_prefix(NUMBER_MARK) {
        return Err(Diagnostic::error(
            crate::yaml::locate(split.front, shown, "area", number, 1).shifted(split.front_line),
            "area は引用符で囲んでください（例: area: \"4.10\"）。数値のままでは 4.10 と 4.1 を区別できません",
        )
        .into());
    }
    if meta.title.trim().is_empty() {
        return Err(Diagnostic::error(
            crate::yaml::locate(split.front, shown, "title", "", 1).shifted(split.front_line),
            "title が空です",
        )
        .into());
    }
    Ok(meta)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_reports_where_the_body_starts() {
        let s = split("---\ntitle: a\n---\n# 見出し\n", Path::new("a.md")).unwrap();
        assert_eq!(s.front, "title: a\n");
        assert_eq!(s.body, "# 見出し\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn area_written_as_number_is_refused_with_a_hint() {
        let text =
            "---\ntitle: a\narea: 4.10\nowner: x\nreviewed: 2026-11-01\nreview_every: 6\n---\n";
        let s = split(text, Path::new("a.md")).unwrap();
        let err = parse(&s, Path::new("a.md")).unwrap_err();
        let problem = err.iter().next().unwrap();
        assert!(problem.message.contains("引用符"), "{}", problem.message);
        assert_eq!(problem.location.as_ref().unwrap().line, 3);
    }
}
