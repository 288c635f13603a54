//! The calendar's part of ⑥: the month's online operation, planned against what
//! was provided (§4.1, §4.3), day by day; and next month's plan with its
//! deadlines.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::{Month, hours};
use crate::domain::schedule::{
    Change, ChangeKind, Extension, MonthSummary, OperatingDay, Span, describe, month_days,
};
use crate::domain::sla;
use crate::domain::{FiscalYear, OperatingCalendar, wareki, weekday};
use crate::render::pdf::table::{Table, or_dash};

pub(super) fn section(m: &Month<'_>) -> Value {
    let calendar = &m.project.calendar;
    let online = m
        .project
        .data
        .records
        .online_days(m.year, m.month, calendar);
    let extensions = extensions_in(calendar, |d| m.contains(d));
    json!({
        "figures": figures(m, &online, &extensions).to_value(),
        "days": days(m, &online).to_value(),
        "extensions": extension_table(m, &extensions).to_value(),
        "changes": change_table(m, &changes_in(calendar, |d| m.contains(d))).to_value(),
    })
}

/// The month's figures, planned against provided: days, hours and rate of the
/// online operation, extensions, planned stops and changed hours.
fn figures(m: &Month<'_>, online: &[sla::OnlineDay], extensions: &[&Extension]) -> Table {
    let summary = m.project.calendar.month_summary(m.year, m.month);
    let mut figures = Table::new(&[("項目", 0), ("計画", 0), ("実績", 0), ("備考", 1)]);
    operation_figures(&mut figures, m, online, &summary);
    extension_figure(&mut figures, m, extensions);
    figures.push(vec![
        "計画停止・稼働時間の変更".into(),
        format!("{}日", summary.stopped_days + summary.changed_days),
        format!("{}日", summary.stopped_days + summary.changed_days),
        format!(
            "停止 {}日、時間変更 {}日",
            summary.stopped_days, summary.changed_days
        ),
    ]);
    figures
}

/// Days, hours and rate of the online operation.
fn operation_figures(
    figures: &mut Table,
    m: &Month<'_>,
    online: &[sla::OnlineDay],
    summary: &MonthSummary,
) {
    let planned = planned_minutes(&m.project.calendar, m.year, m.month);
    let provided: u64 = online.iter().map(|d| d.planned - d.lost).sum();
    let lost: u64 = online.iter().map(|d| d.lost).sum();
    let provided_days = online.iter().filter(|d| d.lost < d.planned).count();
    let outage_days = online.iter().filter(|d| d.lost > 0).count();
    figures.push(vec![
        "オンライン稼働日数".into(),
        format!("{}日", summary.online_days),
        format!("{provided_days}日"),
        format!(
            "休止日 {}日（日曜日・祝日・年末年始・計画停止）",
            summary.closed_days
        ),
    ]);
    figures.push(vec![
        "オンライン稼働時間".into(),
        hours(planned),
        hours(provided),
        format!(
            "障害による停止 {}（{outage_days}日）",
            if lost == 0 {
                "なし".into()
            } else {
                hours(lost)
            }
        ),
    ]);
    figures.push(vec![
        "オンライン稼働率".into(),
        "—".into(),
        sla::format_rate(
            sla::Ratio {
                numerator: provided,
                denominator: provided + lost,
            }
            .rate(),
        ),
        "記録からの算出値（サービスレベルの章を参照）".into(),
    ]);
}

/// The month's extensions, planned and sudden, against the fiscal year's limit.
fn extension_figure(figures: &mut Table, m: &Month<'_>, extensions: &[&Extension]) {
    let calendar = &m.project.calendar;
    let planned_extensions = extensions.iter().filter(|e| e.planned).count();
    let fy = FiscalYear::of(m.last);
    let fy_extensions = calendar
        .days(fy.start(), m.last)
        .filter(|d| d.extension.is_some())
        .count();
    let limit = calendar.rules().extension_limit;
    figures.push(vec![
        "延長".into(),
        format!("{planned_extensions}回"),
        format!("{}回", extensions.len()),
        format!(
            "突発 {}回。{}の累計 {fy_extensions}回（目安: 計画・突発合わせて年{limit}回未満）",
            extensions.len() - planned_extensions,
            fy.label()
        ),
    ]);
}

/// Every day of the month from the service-in day: planned hours, what was
/// provided, and why a day differs.
fn days(m: &Month<'_>, online: &[sla::OnlineDay]) -> Table {
    let calendar = &m.project.calendar;
    let rules = calendar.rules();
    let mut table = Table::new(&[
        ("日付", 0),
        ("曜日", 0),
        ("計画", 0),
        ("実績", 0),
        ("備考", 1),
    ]);
    for date in month_days(m.year, m.month).filter(|d| *d >= m.first) {
        let day = calendar.day(date);
        let plan = planned_span(calendar, &day).map_or("休止".into(), |s| s.to_string());
        let provided = match (day.online, online.iter().find(|d| d.date == date)) {
            (Some(_), Some(o)) if o.lost >= o.planned => "停止".into(),
            (Some(span), Some(o)) if o.lost > 0 => format!("{span}（停止 {}）", hours(o.lost)),
            (Some(span), _) => span.to_string(),
            (None, _) => "—".into(),
        };
        let mut notes: Vec<String> = Vec::new();
        notes.extend(describe::closed(&day, m.last));
        notes.extend(describe::extension_short(&day, rules));
        if let Some(c) = day
            .change
            .filter(|c| matches!(c.kind, ChangeKind::Hours { .. }))
        {
            notes.push(describe::change_short(c.kind));
        }
        table.push(vec![
            format!("{}月{}日", m.month, chrono::Datelike::day(&date)),
            weekday::short_name(day.weekday()).into(),
            plan,
            provided,
            notes.join("、"),
        ]);
    }
    table
}

fn extensions_in(
    calendar: &OperatingCalendar,
    keep: impl Fn(NaiveDate) -> bool,
) -> Vec<&Extension> {
    calendar
        .years()
        .iter()
        .flat_map(|y| y.extensions.iter())
        .filter(|e| keep(e.date))
        .collect()
}

fn changes_in(calendar: &OperatingCalendar, keep: impl Fn(NaiveDate) -> bool) -> Vec<&Change> {
    calendar
        .years()
        .iter()
        .flat_map(|y| y.changes.iter())
        .filter(|c| c.days().any(&keep))
        .collect()
}

fn extension_table(m: &Month<'_>, extensions: &[&Extension]) -> Table {
    let rules = m.project.calendar.rules();
    let mut table = Table::new(&[
        ("日付", 0),
        ("区分", 0),
        ("終了時刻", 0),
        ("理由", 2),
        ("要請", 0),
        ("可否判断（夜間日次バッチ・他システム連携）", 2),
    ]);
    for e in extensions {
        table.push(vec![
            m.day(e.date),
            describe::planned_label(e.planned).into(),
            e.end(rules).to_string(),
            e.reason.clone(),
            m.person(&e.requested_by),
            or_dash(e.assessment.clone()),
        ]);
    }
    table
}

fn change_table(m: &Month<'_>, changes: &[&Change]) -> Table {
    let mut table = Table::new(&[
        ("期間", 0),
        ("内容", 0),
        ("理由", 2),
        ("要請", 0),
        ("対応", 2),
    ]);
    for c in changes {
        let period = if c.date == c.through {
            m.day(c.date)
        } else {
            format!("{}〜{}", m.day(c.date), m.day(c.through))
        };
        let response = c.decision.clone().unwrap_or_else(|| c.options.join("\n"));
        table.push(vec![
            period,
            describe::change_short(c.kind),
            c.reason.clone(),
            m.person(&c.requested_by),
            or_dash(Some(response)),
        ]);
    }
    table
}

/// 翌月の予定: operating days and hours, days without service, extensions and
/// stops already decided, and what falls due.
pub(super) fn next_month(m: &Month<'_>) -> Value {
    let calendar = &m.project.calendar;
    let (y, mo) = m.next();
    let s = calendar.month_summary(y, mo);
    let in_next =
        |d: NaiveDate| chrono::Datelike::year(&d) == y && chrono::Datelike::month(&d) == mo;
    let closed: Vec<String> = month_days(y, mo)
        .map(|d| calendar.day(d))
        .filter(|d| {
            d.closed.is_some()
                && !d
                    .closed
                    .is_some_and(|c| matches!(c, crate::domain::schedule::Closed::Weekday(_)))
        })
        .map(|d| {
            format!(
                "{}（{}）",
                m.day(d.date),
                describe::closed(&d, m.last).unwrap_or_default()
            )
        })
        .collect();
    let sundays = month_days(y, mo)
        .map(|d| calendar.day(d))
        .filter(|d| matches!(d.closed, Some(crate::domain::schedule::Closed::Weekday(_))))
        .count();
    let mut figures = Table::new(&[("項目", 0), ("予定", 1)]);
    figures.push(vec![
        "オンライン稼働日".into(),
        format!("{}日", s.online_days),
    ]);
    figures.push(vec![
        "オンライン稼働時間".into(),
        hours(planned_minutes(calendar, y, mo)),
    ]);
    let mut rest = format!("定休日（日曜日など） {sundays}日");
    if !closed.is_empty() {
        rest.push_str(&format!("、ほか {}", closed.join("、")));
    }
    figures.push(vec!["休止日".into(), rest]);
    // A plan holds planned extensions only; an unplanned one recorded since is news
    // for next month's report.
    let planned: Vec<&Extension> = extensions_in(calendar, in_next)
        .into_iter()
        .filter(|e| e.planned)
        .collect();
    figures.push(vec!["延長（計画）".into(), format!("{}回", planned.len())]);
    json!({
        "month": wareki::format_month(y, mo),
        "figures": figures.to_value(),
        "extensions": extension_table(m, &planned).to_value(),
        "changes": change_table(m, &changes_in(calendar, in_next)).to_value(),
        "deadlines": deadlines(m, y, mo).to_value(),
    })
}

/// A day's online hours as planned: an unplanned extension (突発) recorded since
/// was not part of the plan.
fn planned_span(calendar: &OperatingCalendar, day: &OperatingDay<'_>) -> Option<Span> {
    let mut span = day.online?;
    if day.extension.is_some_and(|e| !e.planned) {
        span.end = match day.change.map(|c| c.kind) {
            Some(ChangeKind::Hours { end, .. }) => end,
            _ => calendar.rules().usual_span(day.date).end,
        };
    }
    Some(span)
}

/// The online minutes of a month as planned.
fn planned_minutes(calendar: &OperatingCalendar, year: i32, month: u32) -> u64 {
    month_days(year, month)
        .filter_map(|d| planned_span(calendar, &calendar.day(d)))
        .map(|span| u64::from(span.minutes()))
        .sum()
}

/// What falls due next month: the schedule plans (§2-⑤ 年次・月次), action items
/// and inquiries with a deadline in the month, and batch deadlines once recorded.
fn deadlines(m: &Month<'_>, y: i32, mo: u32) -> Table {
    let calendar = &m.project.calendar;
    let in_next =
        |d: NaiveDate| chrono::Datelike::year(&d) == y && chrono::Datelike::month(&d) == mo;
    let mut rows: Vec<(NaiveDate, Vec<String>)> = Vec::new();
    // 月次: the hours of the month after next are decided in the month before it.
    let (ay, amo) = super::next_month(y, mo);
    if let Some(last) = month_days(y, mo).last() {
        let fixed = calendar
            .year(FiscalYear::of(last + chrono::Duration::days(1)))
            .and_then(|p| p.month_plan(ay, amo))
            .map(|p| p.fixed);
        rows.push((
            last,
            vec![
                format!("{}中", wareki::format_month(y, mo)),
                format!(
                    "{}のオンライン稼働時間の確定（月次計画）",
                    wareki::format_month(ay, amo)
                ),
                fixed.map_or("未確定".into(), |d| format!("確定済み（{}）", m.day(d))),
            ],
        ));
    }
    // 年次: the next fiscal year's operating days, fixed by the end of February.
    let fy = FiscalYear::of(month_days(y, mo).next().unwrap_or(m.last)).next();
    let annual = calendar.annual_plan_deadline(fy);
    if in_next(annual) {
        let fixed = calendar.year(fy).and_then(|p| p.annual_fixed);
        rows.push((
            annual,
            vec![
                m.day(annual),
                format!("{}のオンライン稼働日の仮確定（年次計画）", fy.label()),
                fixed.map_or("未確定".into(), |d| format!("確定済み（{}）", m.day(d))),
            ],
        ));
    }
    for a in super::records::actions_as_of(m) {
        if a.status == crate::data::records::ActionStatus::Open && in_next(a.due) {
            rows.push((
                a.due,
                vec![
                    m.day(a.due),
                    format!("アクションアイテム {}: {}", a.id, a.item),
                    format!("担当: {}", m.person(&a.owner)),
                ],
            ));
        }
    }
    for i in &m.project.data.records.inquiries {
        let Some(deadline) = i.deadline else { continue };
        if in_next(deadline.date())
            && i.state_on(m.last) == crate::data::records::InquiryStatus::Open
        {
            rows.push((
                deadline.date(),
                vec![
                    m.day(deadline.date()),
                    format!("問合せ {} の回答期限: {}", i.id, i.summary),
                    "対応中".into(),
                ],
            ));
        }
    }
    rows.extend(super::batches::deadlines(m, y, mo));
    rows.sort_by_key(|r| r.0);
    let mut table = Table::new(&[("期日", 0), ("内容", 3), ("状況", 1)]);
    for (_, row) in rows {
        table.push(row);
    }
    table
}
