//! The records' part of ⑥: one chapter per kind declared for the report
//! (問合せ・障害対応, マスタメンテナンス, アカウント・権限管理, ログの調査, 会議), its
//! tables built from the kinds' declarations, and the issues to raise with the
//! ward. Everything is judged as it stood at the end of the month, so a report
//! made later says the same thing.

use chrono::NaiveDate;
use serde_json::{Value as Json, json};

use super::Month;
use crate::data::records::kind::RecordKind;
use crate::data::records::value::{Env, Grid, ReportPart, Value, join_names};
use crate::data::records::{ActionStatus, KindVisitor, Meeting, TrackedAction, track_actions};
use crate::domain::Stamp;
use crate::domain::sla::Evaluation;
use crate::render::pdf::table::Table;

/// The month's values as of its last day.
pub(super) fn env<'a>(m: &Month<'a>) -> Env<'a> {
    Env {
        data: &m.project.data,
        day: m.last,
        notification_minutes: m.project.config.sla.notification_minutes,
        redacted: m.project.redacted,
    }
}

/// `[{title, parts: [{heading, note, table, empty}]}]`: kinds next to each other
/// with the same chapter share it.
pub(super) fn chapters(m: &Month<'_>) -> Json {
    let mut report = Chapters {
        m,
        env: env(m),
        chapters: Vec::new(),
    };
    m.project.data.records.visit(&mut report);
    Json::Array(report.chapters)
}

struct Chapters<'m, 'a> {
    m: &'m Month<'a>,
    env: Env<'a>,
    chapters: Vec<Json>,
}

impl KindVisitor for Chapters<'_, '_> {
    fn visit<R: RecordKind>(&mut self, records: &[R]) {
        let Some(section) = R::ABOUT.report else {
            return;
        };
        let first = self.m.calendar_first();
        let month: Vec<&R> = records
            .iter()
            .filter(|r| r.in_month(first, self.m.last))
            .collect();
        let parts: Vec<Json> = R::report(&month, first, &self.env)
            .iter()
            .map(|p| part(self.m, p))
            .collect();
        let same = self
            .chapters
            .last()
            .is_some_and(|c| c["title"] == section.chapter);
        if same
            && let Some(Json::Array(existing)) = self.chapters.last_mut().map(|c| &mut c["parts"])
        {
            existing.extend(parts);
        } else {
            self.chapters
                .push(json!({ "title": section.chapter, "parts": parts }));
        }
    }
}

fn part(m: &Month<'_>, p: &ReportPart) -> Json {
    json!({
        "heading": p.heading,
        "note": p.note,
        "table": table(m, &p.grid).to_value(),
        "empty": p.empty,
    })
}

/// A table of values as the printed report writes them.
pub(super) fn table(m: &Month<'_>, grid: &Grid) -> Table {
    let columns: Vec<(&str, u32)> = grid.columns.iter().map(|c| (c.label, c.weight)).collect();
    let mut table = Table::new(&columns);
    for row in &grid.rows {
        table.push(
            row.values
                .iter()
                .map(|v| match text(m, v) {
                    t if t.is_empty() => "—".to_string(),
                    t => t,
                })
                .collect(),
        );
    }
    table
}

fn stamp(m: &Month<'_>, s: Stamp) -> String {
    format!("{} {}", m.day(s.date()), s.0.format("%H:%M"))
}

/// One value as text: dates as `1月12日`, people by name, lines on lines.
fn text(m: &Month<'_>, value: &Value) -> String {
    let data = &m.project.data;
    match value {
        Value::Date(d) => m.day(*d),
        Value::Stamp(s) => stamp(m, *s),
        Value::Dates(v) => v.iter().map(|d| m.day(*d)).collect::<Vec<_>>().join("、"),
        Value::People(v) => join_names(data, v),
        Value::Lines(v) => v
            .iter()
            .map(|x| text(m, x))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
        Value::Join(v) => v.iter().map(|x| text(m, x)).collect(),
        Value::Flagged(_, v) => text(m, v),
        other => other.plain(data),
    }
}

/// Action items with only the meetings held by the month's end applied.
pub(super) fn actions_as_of(m: &Month<'_>) -> Vec<TrackedAction> {
    let held: Vec<Meeting> = m
        .project
        .data
        .records
        .meetings
        .iter()
        .filter(|r| r.date <= m.last)
        .cloned()
        .collect();
    track_actions(&held)
}

/// 課題: what the ward should know is late or off at the month's end, and the
/// improvement proposals (⑧) the contractor has made.
pub(super) fn issues(m: &Month<'_>, evaluation: &Evaluation) -> Json {
    let mut items = Table::new(&[("区分", 0), ("内容", 3), ("期限・日付", 0), ("状況", 1)]);
    for row in late_items(m) {
        items.push(row);
    }
    let tolerance = m.project.config.sla.tolerance;
    for row in &evaluation.rows {
        if row.flagged {
            items.push(vec![
                "サービスレベル".into(),
                row.flag_message(tolerance),
                m.label(),
                format!("{}に確認", m.provider()),
            ]);
        }
        if row.meets_target == Some(false) {
            items.push(vec![
                "サービスレベル".into(),
                format!(
                    "{}: 記録からの算出値 {} が目標 {} に届いていません",
                    row.label,
                    crate::domain::sla::format_rate(row.own_rate),
                    crate::domain::sla::format_rate(row.target)
                ),
                m.label(),
                "要因を確認".into(),
            ]);
        }
    }
    json!({
        "items": items.to_value(),
        "proposals": super::super::proposals::table(m.project).to_value(),
    })
}

/// Overdue action items and inquiries, and incidents still waiting for their
/// 完了報告, at the month's end.
fn late_items(m: &Month<'_>) -> Vec<Vec<String>> {
    let records = &m.project.data.records;
    let day = m.last;
    let mut rows = Vec::new();
    for a in actions_as_of(m)
        .iter()
        .filter(|a| a.status == ActionStatus::Open && a.is_overdue(day))
    {
        rows.push(vec![
            "アクションアイテム".into(),
            format!("{} {}（担当: {}）", a.id, a.item, m.person(&a.owner)),
            m.day(a.due),
            a.status_text(day).into(),
        ]);
    }
    for i in records
        .inquiries
        .iter()
        .filter(|i| i.received_at.date() <= day && i.is_overdue(day))
    {
        rows.push(vec![
            "問合せ".into(),
            format!("{} {}", i.id, i.summary),
            i.deadline.map_or("—".into(), |d| m.day(d.date())),
            format!("{}（対応中）", "期限超過"),
        ]);
    }
    for i in records.incidents.iter().filter(|i| i.awaits_report(day)) {
        rows.push(vec![
            "障害".into(),
            format!("{} {}", i.id, i.title),
            m.day(i.detected_at.date()),
            text(m, &i.state_text(day)),
        ]);
    }
    rows
}

/// The calendar month's first day, for records filed before the service-in day.
pub(super) fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}
