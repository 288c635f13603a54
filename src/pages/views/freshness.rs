//! Freshness: when each page must be checked again (最終確認日 + `review_every`
//! months), which pages are past it, and the dashboard that lists them by owner.

use chrono::NaiveDate;
use serde::Serialize;

use super::ViewInput;
use crate::content::links::relative_url;
use crate::content::{Content, Page};
use crate::diagnostics::Diagnostics;

/// Pages whose check falls due within this many days are listed as 期限が近い.
const DUE_SOON_DAYS: i64 = 30;

/// The day a page must be checked again by.
pub fn review_due(page: &Page) -> Option<NaiveDate> {
    page.meta
        .reviewed
        .checked_add_months(chrono::Months::new(page.meta.review_every))
}

/// Days past the due date, when the page is overdue on `today`.
pub fn days_overdue(page: &Page, today: NaiveDate) -> Option<i64> {
    let due = review_due(page)?;
    (today > due).then(|| (today - due).num_days())
}

/// `check` (and `build`) warn about every page past its review date.
pub fn warn_overdue(content: &Content, today: NaiveDate, diags: &mut Diagnostics) {
    for page in &content.pages {
        if let (Some(days), Some(due)) = (days_overdue(page, today), review_due(page)) {
            diags.warning(
                page.front_location("reviewed", &page.meta.reviewed.to_string()),
                format!(
                    "確認期限 {due} を {days} 日過ぎています（最終確認日 {}、{} か月ごとに確認）。内容を確かめて reviewed を更新してください",
                    page.meta.reviewed, page.meta.review_every
                ),
            );
        }
    }
}

#[derive(Debug, Clone, Serialize)]
struct Row {
    title: String,
    url: String,
    area: String,
    reviewed: String,
    due: String,
    /// Positive: days overdue; negative: days left.
    days_over: i64,
    last_change: Option<crate::history::Change>,
}

#[derive(Debug, Clone, Serialize)]
struct OwnerGroup {
    owner: String,
    owner_name: String,
    rows: Vec<Row>,
}

/// The dashboard's data: overdue pages and pages due soon, grouped by owner in
/// the order of data/actors.yaml.
/// 鮮度ダッシュボード: pages past their review date, and those due soon.
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    today: String,
    due_soon_days: i64,
    pages: usize,
    overdue_count: usize,
    soon_count: usize,
    overdue: Vec<OwnerGroup>,
    soon: Vec<OwnerGroup>,
    has_history: bool,
}

pub fn dashboard(input: &ViewInput<'_>, url: &str) -> Dashboard {
    let row = |page: &Page, days: i64| Row {
        title: page.meta.title.clone(),
        url: relative_url(url, &page.url),
        area: page.meta.area.clone(),
        reviewed: page.meta.reviewed.to_string(),
        due: review_due(page).map(|d| d.to_string()).unwrap_or_default(),
        days_over: days,
        last_change: input.history.last_change(&page.source),
    };
    let group = |pick: &dyn Fn(i64) -> bool| -> Vec<OwnerGroup> {
        let mut groups: Vec<OwnerGroup> = Vec::new();
        for &index in &input.content.reading_order {
            let page = &input.content.pages[index];
            let Some(due) = review_due(page) else {
                continue;
            };
            let days = (input.today - due).num_days();
            if !pick(days) {
                continue;
            }
            let owner = &page.meta.owner;
            match groups.iter_mut().find(|g| &g.owner == owner) {
                Some(g) => g.rows.push(row(page, days)),
                None => groups.push(OwnerGroup {
                    owner: owner.clone(),
                    owner_name: input
                        .data
                        .actor(owner)
                        .map_or_else(|| owner.clone(), |a| a.name.clone()),
                    rows: vec![row(page, days)],
                }),
            }
        }
        let position = |id: &str| input.data.actors.iter().position(|a| a.id == id);
        groups.sort_by_key(|g| position(&g.owner));
        for g in &mut groups {
            g.rows.sort_by_key(|r| -r.days_over);
        }
        groups
    };
    let overdue = group(&|days| days > 0);
    let soon = group(&|days| (-DUE_SOON_DAYS..=0).contains(&days));
    let count = |groups: &[OwnerGroup]| groups.iter().map(|g| g.rows.len()).sum::<usize>();
    Dashboard {
        today: input.today.to_string(),
        due_soon_days: DUE_SOON_DAYS,
        pages: input.content.pages.len(),
        overdue_count: count(&overdue),
        soon_count: count(&soon),
        overdue,
        soon,
        has_history: !input.history.is_empty(),
    }
}
