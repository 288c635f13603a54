//! Pages of ⑦ 会議: the meeting list, one page per meeting, and the action-item
//! board that follows items across meetings.

use serde::Serialize;

use super::view::{Cell, Field, ListView, RecordView, Section, Table, TableRow};
use super::{Ctx, day, list_url, page, parent, record_url, source_path};
use crate::data::records::{ActionStatus, Kind, Meeting, MeetingKind, TrackedAction};
use crate::pages::GeneratedPage;

pub const BOARD_URL: &str = "records/meetings/actions.html";

pub fn pages(ctx: &Ctx<'_>) -> Vec<GeneratedPage> {
    let records = ctx.records;
    let mut pages = Vec::new();
    if records.meetings.is_empty() {
        return pages;
    }
    pages.push(page(
        list_url(Kind::Meetings),
        "会議 一覧".into(),
        "records-list.html",
        parent("meetings"),
        &meeting_list(ctx),
    ));
    for m in &records.meetings {
        pages.push(page(
            record_url(Kind::Meetings, &m.id),
            m.display_title(),
            "record.html",
            parent("meetings"),
            &meeting_page(ctx, m),
        ));
    }
    pages.push(page(
        BOARD_URL.into(),
        "アクションアイテム ボード".into(),
        "action-board.html",
        parent("meetings"),
        &board(ctx),
    ));
    pages
}

fn meeting_list(ctx: &Ctx<'_>) -> ListView {
    let actions = ctx.records.actions();
    let mut table = Table::new(&[
        "ID",
        "開催日",
        "会議",
        "議題",
        "決定事項",
        "アクション",
        "議事録レビュー",
    ]);
    for m in &ctx.records.meetings {
        let open = actions
            .iter()
            .filter(|a| a.raised_in == m.id && a.status == ActionStatus::Open)
            .count();
        table.rows.push(TableRow {
            cells: vec![
                Cell::link(&m.id, format!("{}.html", m.id)),
                day(m.date),
                Cell::text(m.kind.label()),
                Cell::text(m.agenda.join(" ／ ")),
                Cell::number(m.decisions.len() as u64),
                Cell::text(format!("{} 件（未完了 {open} 件）", m.action_items.len()))
                    .sorted_by(format!("{open:06}")),
                super::opt_day(m.minutes_reviewed_on),
            ],
            status: Some(m.kind.label().to_string()),
            class: None,
        });
    }
    ListView {
        kind: "会議",
        intro: format!("{} 件。", ctx.records.meetings.len()),
        table,
        statuses: MeetingKind::ALL
            .iter()
            .map(|k| k.label().to_string())
            .collect(),
        links: vec![Cell::link("アクションアイテム ボード", "actions.html")],
        notes: Vec::new(),
    }
}

fn action_status(ctx: &Ctx<'_>, a: &TrackedAction) -> Cell {
    if a.is_overdue(ctx.today) {
        Cell::text("期限超過").with_class("warn")
    } else {
        Cell::text(a.status.label())
    }
}

fn meeting_page(ctx: &Ctx<'_>, m: &Meeting) -> RecordView {
    let tracked = ctx.records.actions();
    let mut raised = Table::new(&["ID", "内容", "担当", "期限", "現在の状態"]);
    for a in tracked.iter().filter(|a| a.raised_in == m.id) {
        raised.push(vec![
            Cell::text(&a.id),
            Cell::text(&a.item),
            Cell::text(ctx.person(&a.owner)),
            day(a.due),
            action_status(ctx, a),
        ]);
    }
    let mut followed = Table::new(&["ID", "内容", "この会議での状態", "メモ"]);
    for f in &m.followups {
        let item = tracked.iter().find(|a| a.id == f.id);
        followed.push(vec![
            Cell::text(&f.id),
            Cell::text(item.map_or("", |a| a.item.as_str())),
            Cell::text(f.status.label()),
            Cell::opt(f.note.as_deref()),
        ]);
    }
    let when = match (m.start, m.end) {
        (Some(s), Some(e)) => format!("{} {s}〜{e}", m.date),
        _ => m.date.to_string(),
    };
    let mut sections = vec![
        super::work::lines("議題", m.agenda.clone()),
        super::work::lines("資料", m.materials.clone()),
        super::work::lines("決定事項", m.decisions.clone()),
    ];
    if !raised.rows.is_empty() {
        sections.push(Section {
            title: "この会議で挙がったアクションアイテム".into(),
            table: Some(raised),
            lines: Vec::new(),
        });
    }
    if !followed.rows.is_empty() {
        sections.push(Section {
            title: "前回までのアクションアイテムの確認".into(),
            table: Some(followed),
            lines: Vec::new(),
        });
    }
    let attendees = m
        .attendees
        .iter()
        .map(|a| Cell::text(ctx.person(a)))
        .collect();
    RecordView {
        kind: "会議",
        id: m.id.clone(),
        list_url: "index.html".into(),
        source: source_path(&m.source),
        alerts: Vec::new(),
        fields: vec![
            Field::new("会議", m.kind.label()),
            Field::new("日時", when),
            Field::items("出席者", attendees),
            Field::new(
                "議事録レビュー",
                m.minutes_reviewed_on
                    .map(|d| format!("{d} 済"))
                    .unwrap_or_else(|| "未".into()),
            ),
            Field::new("備考", m.remarks.clone().unwrap_or_default()),
        ],
        sections,
    }
}

#[derive(Serialize)]
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

#[derive(Serialize)]
struct Column {
    title: &'static str,
    class: &'static str,
    cards: Vec<Card>,
}

#[derive(Serialize)]
struct Board {
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
