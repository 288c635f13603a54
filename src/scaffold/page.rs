//! `tebiki new page <folder>/<name>`: a page in an existing section, with the
//! section's area, owner and review interval, today as `reviewed`, and the next
//! free `order`. `<folder>/_index` starts a new section instead.

use std::path::Path;

use super::{Request, Scaffold, checked_segments};
use crate::config::Config;
use crate::content::{CONTENT_DIR, FrontMatter, frontmatter};
use crate::error::Error;

const SECTION_INDEX: &str = "_index";
/// Months between reviews when the section does not say.
const DEFAULT_REVIEW_EVERY: u32 = 6;

pub fn plan(req: &Request<'_>) -> Result<Scaffold, Error> {
    let name = req.name.ok_or_else(|| {
        Error::Environment(
            "ページの場所を指定してください（例: tebiki new page operations/backup --title 題名）"
                .to_string(),
        )
    })?;
    let mut segments = checked_segments(name.strip_suffix(".md").unwrap_or(name))?;
    let stem = segments.pop().unwrap_or_default();
    let dir = segments.join("/");
    let is_index = stem == SECTION_INDEX;
    // The section the new page belongs to: for a new section, the one above it.
    let section = if is_index {
        dir.rsplit_once('/').map_or("", |(d, _)| d).to_string()
    } else {
        dir.clone()
    };
    if is_index && dir.is_empty() {
        return Err(Error::Environment(
            "トップページ content/_index.md はすでにあります".to_string(),
        ));
    }
    let content = req.root.join(CONTENT_DIR);
    let section_meta = read_meta(&content.join(&section).join("_index.md")).ok_or_else(|| {
        let shown = display_dir(&section);
        Error::Environment(format!(
            "{shown} はセクションではありません（{shown}_index.md がないか、読めません）。先に `tebiki new page {section}{}_index` で作ってください",
            if section.is_empty() { "" } else { "/" }
        ))
    })?;
    let config = Config::load(req.root).map_err(Error::Problems)?;
    let owner = if section_meta.owner.is_empty() {
        config.organisation.contractor_actor.clone()
    } else {
        section_meta.owner.clone()
    };
    let rel = if dir.is_empty() {
        format!("{CONTENT_DIR}/{stem}.md")
    } else {
        format!("{CONTENT_DIR}/{dir}/{stem}.md")
    };
    let title = req.title.unwrap_or(if is_index {
        segments.last().copied().unwrap_or(stem)
    } else {
        stem
    });
    let order = next_order(&content.join(&section), is_index);
    let modeline = crate::schema::modeline(&rel, "frontmatter.json");
    let text = format!(
        "---\n{modeline}title: {title}\narea: {area}\nowner: {owner}\nreviewed: {today}\nreview_every: {every}\norder: {order}\n---\n{BODY}",
        title = yaml_scalar(title),
        area = yaml_scalar(&section_meta.area),
        owner = yaml_scalar(&owner),
        today = req.today,
        every = section_meta.review_every.max(1),
    );
    Ok(Scaffold { rel, text })
}

const BODY: &str = "
## 目的

（このページで説明する作業と、その目的を書きます）

## 手順

1. （手順を書きます）

## 確認

- （作業が終わったことの確かめ方を書きます）
";

fn display_dir(section: &str) -> String {
    if section.is_empty() {
        format!("{CONTENT_DIR}/")
    } else {
        format!("{CONTENT_DIR}/{section}/")
    }
}

/// The front matter of a page, if it reads cleanly.
fn read_meta(path: &Path) -> Option<FrontMatter> {
    let text = std::fs::read_to_string(path).ok()?;
    let split = frontmatter::split(&text, path).ok()?;
    let mut meta = frontmatter::parse(&split, path).ok()?;
    if meta.review_every == 0 {
        meta.review_every = DEFAULT_REVIEW_EVERY;
    }
    Some(meta)
}

/// One past the largest `order` among the pages of `folder` (or, for a new
/// section, among its sibling sections), so the new page comes last.
fn next_order(folder: &Path, is_index: bool) -> i32 {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 1;
    };
    let mut max = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        let candidate = if is_index {
            path.join("_index.md")
        } else if path.extension().is_some_and(|e| e == "md")
            && path.file_stem().is_some_and(|s| s != SECTION_INDEX)
        {
            path
        } else {
            continue;
        };
        if let Some(order) = read_meta(&candidate).and_then(|m| m.order) {
            max = max.max(order);
        }
    }
    max + 1
}

/// A string as a YAML scalar: plain when that reads back as the same string,
/// quoted otherwise (`"4.10"`, `"yes"`, `"a: b"`).
fn yaml_scalar(text: &str) -> String {
    serde_yaml::to_string(text)
        .map(|s| s.trim_end().to_string())
        .unwrap_or_else(|_| format!("{text:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalars_keep_ids_as_strings() {
        assert_eq!(yaml_scalar("4.10"), "'4.10'");
        assert_eq!(yaml_scalar("夜間バッチ"), "夜間バッチ");
        assert_eq!(yaml_scalar("a: b"), "'a: b'");
    }
}
