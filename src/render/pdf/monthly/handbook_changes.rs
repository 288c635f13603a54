//! 手引きの更新 of ⑥: the pages of the operations handbook changed in the month
//! and why — the subjects of their commits, from git — so the ward sees how the
//! handbook follows the work.

use std::collections::HashSet;

use serde_json::{Value, json};

use super::Month;
use crate::history::is_page_source;
use crate::render::pdf::table::Table;
use crate::render::revisions::PageTitles;

pub(super) fn section(m: &Month<'_>) -> Value {
    let project = m.project;
    let titles = PageTitles::new(&project.content);
    let mut table = Table::new(&[("日付", 0), ("ページ", 2), ("変更", 0), ("内容", 3)]);
    let mut pages = HashSet::new();
    let changes = project.history.changes_between(m.first, m.last);
    // Oldest first, as the month went.
    for c in changes
        .iter()
        .rev()
        .filter(|c| is_page_source(&c.file.path))
    {
        pages.insert(c.index);
        table.push(vec![
            m.day(c.commit.date),
            titles.name(c),
            c.change.kind.label().to_string(),
            c.commit.subject.clone(),
        ]);
    }
    let summary = if project.history.is_empty() {
        "git の履歴がないため、手引きの更新は記載できません。".to_string()
    } else if pages.is_empty() {
        "当月に更新した手引きのページはありません。".to_string()
    } else {
        format!(
            "当月は運用手引きの {} ページを更新しました（git の履歴による。内容はコミットの件名）。",
            pages.len()
        )
    };
    json!({ "summary": summary, "table": table.to_value() })
}
