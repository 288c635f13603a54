//! The records' part of ⑥: inquiries and incidents (§4.5, §4.6), master updates
//! (§4.8), log investigations (§4.9), account changes (§4.10), meetings and
//! action items (§4.11), and the issues to raise with the ward. Everything is
//! judged as it stood at the end of the month, so a report made later says the
//! same thing.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::Month;
use crate::data::records::{
    ActionStatus, Incident, Inquiry, InquiryCategory, InquiryChannel, InquiryStatus, Meeting,
    Stamp, TrackedAction, track_actions,
};
use crate::domain::sla::Evaluation;
use crate::render::pdf::table::{Table, or_dash};

fn stamp(m: &Month<'_>, s: Stamp) -> String {
    format!("{} {}", m.day(s.date()), s.0.format("%H:%M"))
}

/// Still open at the end of `day`: not withdrawn, not resolved by then.
pub(super) fn open_at(i: &Inquiry, day: NaiveDate) -> bool {
    i.status != InquiryStatus::Withdrawn && i.resolved_at.is_none_or(|r| r.date() > day)
}

/// The inquiry's state at the end of the month.
fn state_at(i: &Inquiry, day: NaiveDate) -> &'static str {
    if i.status == InquiryStatus::Withdrawn {
        InquiryStatus::Withdrawn.label()
    } else if open_at(i, day) {
        InquiryStatus::Open.label()
    } else {
        InquiryStatus::Resolved.label()
    }
}

pub(super) fn support(m: &Month<'_>) -> Value {
    let list = &m.records.inquiries;
    let mut by_channel = Table::new(&[
        ("窓口", 2),
        ("件数", 0),
        ("解決", 0),
        ("対応中", 0),
        ("取下げ", 0),
    ]);
    for c in InquiryChannel::ALL {
        let of: Vec<&&Inquiry> = list.iter().filter(|i| i.channel == *c).collect();
        if of.is_empty() {
            continue;
        }
        let count = |s: &str| of.iter().filter(|i| state_at(i, m.last) == s).count();
        by_channel.push(vec![
            c.label().into(),
            of.len().to_string(),
            count(InquiryStatus::Resolved.label()).to_string(),
            count(InquiryStatus::Open.label()).to_string(),
            count(InquiryStatus::Withdrawn.label()).to_string(),
        ]);
    }
    let mut by_category = Table::new(&[("区分", 1), ("件数", 0)]);
    for c in InquiryCategory::ALL {
        let n = list.iter().filter(|i| i.category == *c).count();
        if n > 0 {
            by_category.push(vec![c.label().into(), n.to_string()]);
        }
    }
    json!({
        "total": format!(
            "問合せ・依頼 {}件、障害 {}件。",
            list.len(),
            m.records.incidents.len()
        ),
        "by_channel": by_channel.to_value(),
        "by_category": by_category.to_value(),
        "notable": notable(m).to_value(),
        "incidents": incidents(m).to_value(),
    })
}

/// 主な問合せ: those still open at the month's end, resolved after their deadline,
/// made through the emergency contact, or tied to an incident. The routine ones
/// are in ⑤ 問合せ・障害対応記録.
fn notable(m: &Month<'_>) -> Table {
    let mut table = Table::new(&[
        ("受付", 0),
        ("窓口・区分", 2),
        ("内容", 3),
        ("期限", 0),
        ("状況（月末）", 2),
    ]);
    for i in &m.records.inquiries {
        let late = i
            .deadline
            .is_some_and(|d| i.resolved_at.map_or(d.is_past(m.last), |r| !d.is_met_by(r)));
        let open = open_at(i, m.last);
        let notable = open
            || late
            || i.channel == InquiryChannel::Emergency
            || i.incident.is_some()
            || i.category == InquiryCategory::Incident;
        if !notable {
            continue;
        }
        let mut state = state_at(i, m.last).to_string();
        if late {
            state.push_str("（期限超過）");
        }
        if let Some(answer) = &i.answer {
            state.push_str(&format!("\n{answer}"));
        }
        let mut what = format!("{} {}", i.id, i.summary);
        if let Some(incident) = &i.incident {
            what.push_str(&format!("（障害 {incident} に関連）"));
        }
        table.push(vec![
            stamp(m, i.received_at),
            format!("{}\n{}", i.channel.label(), i.category.label()),
            what,
            i.deadline.map_or("—".into(), |d| m.day(d.date())),
            state,
        ]);
    }
    table
}

fn incidents(m: &Month<'_>) -> Table {
    let mut table = Table::new(&[
        ("検知", 0),
        ("件名・影響", 3),
        ("通報・区への連絡", 2),
        ("復旧", 0),
        ("状況（月末）", 2),
    ]);
    for i in &m.records.incidents {
        let mut chain: Vec<String> = Vec::new();
        match i.notification_minutes() {
            Some(n) => chain.push(format!("通報まで {n}分")),
            None => chain.push("通報の記録なし".into()),
        }
        if let Some(at) = i.escalated_at {
            chain.push(format!("区へ {}", stamp(m, at)));
        }
        let mut what = format!("{} {}\n{}", i.id, i.title, i.impact);
        if let Some(cause) = &i.cause {
            what.push_str(&format!("\n原因: {cause}"));
        }
        table.push(vec![
            stamp(m, i.detected_at),
            what,
            chain.join("\n"),
            i.recovered_at
                .filter(|r| r.date() <= m.last)
                .map_or("—".into(), |r| stamp(m, r)),
            incident_state(m, i),
        ]);
    }
    table
}

fn incident_state(m: &Month<'_>, i: &Incident) -> String {
    let day = m.last;
    match (
        i.recovered_at.filter(|r| r.date() <= day),
        i.completion_report,
    ) {
        (_, Some(c)) if c <= day => format!("完了（完了報告 {}）", m.day(c)),
        (Some(_), _) => "復旧（完了報告待ち）".into(),
        (None, _) => "対応中".into(),
    }
}

pub(super) fn masters(m: &Month<'_>) -> Table {
    let mut table = Table::new(&[
        ("適用日", 0),
        ("マスタ", 2),
        ("方法", 2),
        ("内容", 4),
        ("依頼元", 0),
        ("実施・確認", 0),
    ]);
    for r in &m.records.master_updates {
        let mut done = m.person(&r.done_by);
        if let Some(v) = &r.verified_by {
            done.push_str(&format!("\n確認: {}", m.person(v)));
        }
        table.push(vec![
            m.day(r.date),
            r.master.label().into(),
            r.method.label().into(),
            r.content.clone(),
            m.person(&r.requested_by),
            done,
        ]);
    }
    table
}

pub(super) fn accounts(m: &Month<'_>) -> Table {
    let mut table = Table::new(&[
        ("日付", 0),
        ("操作", 0),
        ("利用者ID", 0),
        ("利用者・所属", 1),
        ("内容", 2),
        ("実施", 0),
    ]);
    for (a, e) in &m.records.account_events {
        table.push(vec![
            m.day(e.date),
            e.operation.label().into(),
            a.user_id.clone(),
            format!("{}\n{}", m.person(&a.person), a.organisation),
            e.detail.clone(),
            m.person(&e.by),
        ]);
    }
    table
}

pub(super) fn logs(m: &Month<'_>) -> Table {
    let mut table = Table::new(&[
        ("依頼日", 0),
        ("種類", 0),
        ("依頼元", 0),
        ("対象期間・範囲", 2),
        ("結果", 2),
        ("報告", 0),
    ]);
    for r in &m.records.log_investigations {
        table.push(vec![
            m.day(r.requested_on),
            r.kind.label().into(),
            m.person(&r.requester),
            format!(
                "{}〜{}\n{}",
                m.day(r.period.from),
                m.day(r.period.to),
                r.scope
            ),
            or_dash(r.result.clone()),
            r.reported_on
                .or(r.done_on)
                .filter(|d| *d <= m.last)
                .map_or("—".into(), |d| m.day(d)),
        ]);
    }
    table
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

pub(super) fn meetings(m: &Month<'_>) -> Value {
    let mut held = Table::new(&[
        ("開催日", 0),
        ("会議", 0),
        ("議題", 3),
        ("決定事項", 3),
        ("議事録", 0),
    ]);
    for r in &m.records.meetings {
        held.push(vec![
            m.day(r.date),
            r.kind.label().into(),
            r.agenda.join("\n"),
            or_dash(Some(r.decisions.join("\n"))),
            super::super::minutes::file_name(&r.id),
        ]);
    }
    let mut open = Table::new(&[
        ("ID", 0),
        ("内容", 3),
        ("担当", 0),
        ("期限", 0),
        ("状況（月末）", 0),
    ]);
    for a in actions_as_of(m)
        .iter()
        .filter(|a| a.status == ActionStatus::Open)
    {
        let state = if a.due < m.last {
            "期限超過"
        } else {
            "未完了"
        };
        open.push(vec![
            a.id.clone(),
            a.item.clone(),
            m.person(&a.owner),
            m.day(a.due),
            state.into(),
        ]);
    }
    json!({ "held": held.to_value(), "actions": open.to_value() })
}

/// 課題: what the ward should know is late or off at the month's end, and the
/// improvement proposals (⑧) the contractor has made.
pub(super) fn issues(m: &Month<'_>, evaluation: &Evaluation) -> Value {
    let mut items = Table::new(&[("区分", 0), ("内容", 3), ("期限・日付", 0), ("状況", 1)]);
    for a in actions_as_of(m)
        .iter()
        .filter(|a| a.status == ActionStatus::Open && a.due < m.last)
    {
        items.push(vec![
            "アクションアイテム".into(),
            format!("{} {}（担当: {}）", a.id, a.item, m.person(&a.owner)),
            m.day(a.due),
            "期限超過".into(),
        ]);
    }
    for i in &m.project.data.records.inquiries {
        let late = i
            .deadline
            .is_some_and(|d| d.is_past(m.last) && i.received_at.date() <= m.last);
        if late && open_at(i, m.last) {
            items.push(vec![
                "問合せ".into(),
                format!("{} {}", i.id, i.summary),
                i.deadline.map_or("—".into(), |d| m.day(d.date())),
                "期限超過（対応中）".into(),
            ]);
        }
    }
    for i in &m.project.data.records.incidents {
        let waiting =
            i.detected_at.date() <= m.last && i.completion_report.is_none_or(|c| c > m.last);
        if waiting {
            items.push(vec![
                "障害".into(),
                format!("{} {}", i.id, i.title),
                m.day(i.detected_at.date()),
                incident_state(m, i),
            ]);
        }
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
