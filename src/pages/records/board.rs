//! The action-item board of ⑦ 会議: every item followed across meetings, in
//! columns by what it needs now.

use serde::Serialize;

use super::{Ctx, page, parent};
use crate::data::records::{ActionStatus, Meeting};
use crate::pages::GeneratedPage;

pub const BOARD_URL: &str = "records/meetings/actions.html";

pub fn pages(ctx: &Ctx<'_>) -> Vec<GeneratedPage> {
    if ctx.records.meetings.is_empty() {
        return Vec::new();
    }
    vec![
        page(
            BOARD_URL.into(),
            "アクションアイテム ボード".into(),
            parent("meetings"),
            board(ctx),
        )
        .made_from(&["data/records/meetings/"]),
    ]
}

#[derive(Debug, Clone, Serialize)]
struct Card {
    id: String,
    item: String,
    owner: String,
    due: String,
    overdue: bool,
    done_on: Option<String>,
    raised_in: String,
    raised_title: String,
    history: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Column {
    title: &'static str,
    class: &'static str,
    cards: Vec<Card>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Board {
    today: String,
    columns: Vec<Column>,
}

fn board(ctx: &Ctx<'_>) -> Board {
    let mut columns = vec![
        Column {
            title: "期限超過",
            class: "overdue",
            cards: Vec::new(),
        },
        Column {
            title: "未完了",
            class: "open",
            cards: Vec::new(),
        },
        Column {
            title: "完了・取りやめ",
            class: "closed",
            cards: Vec::new(),
        },
    ];
    let mut actions = ctx.records.actions();
    actions.sort_by(|a, b| (a.due, &a.id).cmp(&(b.due, &b.id)));
    for a in actions {
        let meeting = ctx.records.meeting(&a.raised_in);
        let card = Card {
            id: a.id.clone(),
            item: a.item.clone(),
            owner: ctx.person(&a.owner),
            due: a.due.to_string(),
            overdue: a.is_overdue(ctx.today),
            done_on: a.done_on.map(|d| d.to_string()),
            raised_in: format!("{}.html", a.raised_in),
            raised_title: meeting.map_or_else(|| a.raised_in.clone(), Meeting::display_title),
            history: a
                .history
                .iter()
                .map(|(_, date, status, note)| match note {
                    Some(n) => format!("{date} {}：{n}", status.label()),
                    None => format!("{date} {}", status.label()),
                })
                .collect(),
        };
        let column = match a.status {
            ActionStatus::Open if card.overdue => 0,
            ActionStatus::Open => 1,
            _ => 2,
        };
        columns[column].cards.push(card);
    }
    Board {
        today: ctx.today.to_string(),
        columns,
    }
}
