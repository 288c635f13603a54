//! 年間実績報告書: a fiscal year of the contract for the renewal review (履行
//! 内容確認, §14③). A one-page summary written from the figures first, then
//! online operation, the four service levels month by month with their charts,
//! the records, meetings and action items, proposals, handbook upkeep and the
//! work hours against the plan. Every figure comes from
//! [`Records::year_figures`], the same monthly figures ⑥ prints.
//!
//! [`Records::year_figures`]: crate::data::records::Records::year_figures

use serde_json::{Value, json};

mod summary;

use super::PdfDocument;
use super::table::Table;
use crate::data::records::MeetingKind;
use crate::data::records::WorkArea;
use crate::data::records::year::{MonthFigures, MonthState, YearFigures};
use crate::domain::FiscalYear;
use crate::domain::sla::{Measure, format_rate};
use crate::domain::work_hours::hours_text;
use crate::project::Project;

pub const DIR: &str = "annual";
pub const KIND: &str = "年間実績報告書";
const TEMPLATE: &str = "annual.typ";

/// `annual/fy2026.pdf`.
pub fn file_name(fy: FiscalYear) -> String {
    format!("{DIR}/fy{}.pdf", fy.0)
}

/// The fiscal years with a month in service that has records.
pub fn years(project: &Project) -> Vec<FiscalYear> {
    let mut years: Vec<FiscalYear> = super::monthly::months(project)
        .into_iter()
        .filter_map(|(y, m)| chrono::NaiveDate::from_ymd_opt(y, m, 1))
        .map(FiscalYear::of)
        .collect();
    years.dedup();
    years
}

pub fn figures(project: &Project, fy: FiscalYear) -> YearFigures {
    project
        .data
        .records
        .year_figures(fy, &project.calendar, &project.config.sla)
}

pub(super) fn documents(project: &Project) -> Vec<PdfDocument> {
    years(project)
        .into_iter()
        .map(|fy| document(project, fy))
        .collect()
}

pub fn document(project: &Project, fy: FiscalYear) -> PdfDocument {
    let y = figures(project, fy);
    let date = project.today.min(y.last.max(project.config.service_in));
    let parts = json!({
        "year": fy.label(),
        "summary": summary::summary(project, &y),
        "online": online_table(&y).to_value(),
        "sla": sla_tables(&y),
        "charts": charts(&y),
        "records": records_table(&y).to_value(),
        "inquiries": inquiries(project, &y),
        "incidents": incidents(project, &y).to_value(),
        "meetings": meetings(&y),
        "hours": hours_table(project, &y).to_value(),
        "upkeep": upkeep(project, &y),
        "proposals": proposals(project),
    });
    let title = format!("{} {KIND}", fy.label());
    let data = super::report_data(project, (KIND, title), (y.first, y.last), date, parts);
    PdfDocument::from_data(
        file_name(fy),
        TEMPLATE,
        data,
        std::path::Path::new(crate::data::DATA_DIR).join(crate::data::records::RECORDS_DIR),
        date,
    )
}

/// `4月`, or `1月` of the next calendar year.
fn month_label(m: &MonthFigures) -> String {
    format!("{}月", m.month)
}

/// What a month without figures says instead of zeros.
fn state_text(m: &MonthFigures) -> Option<&'static str> {
    match m.state {
        MonthState::BeforeServiceIn => Some("サービスイン前"),
        MonthState::NoRecords => Some("記録なし"),
        MonthState::Reported => None,
    }
}

/// The rows of a month table: the months before the service-in as one row
/// (`4月〜12月 サービスイン前`), the others one row each.
fn month_rows(
    y: &YearFigures,
    mut cells: impl FnMut(&MonthFigures) -> Vec<String>,
) -> Vec<Vec<String>> {
    let before: Vec<&MonthFigures> = y
        .months
        .iter()
        .filter(|m| m.state == MonthState::BeforeServiceIn)
        .collect();
    let mut rows = Vec::new();
    if let (Some(first), Some(last)) = (before.first(), before.last()) {
        let label = if before.len() == 1 {
            month_label(first)
        } else {
            format!("{}〜{}", month_label(first), month_label(last))
        };
        rows.push(vec![label, "サービスイン前".to_string()]);
    }
    for m in y
        .months
        .iter()
        .filter(|m| m.state != MonthState::BeforeServiceIn)
    {
        rows.push(row_or_state(m, || cells(m)));
    }
    rows
}

fn row_or_state(m: &MonthFigures, cells: impl FnOnce() -> Vec<String>) -> Vec<String> {
    match state_text(m) {
        Some(state) => vec![month_label(m), state.to_string()],
        None => {
            let mut row = vec![month_label(m)];
            row.extend(cells());
            row
        }
    }
}

/// A ratio of the SLA row as `a / b（x.xx%）`, the year's from the months' counts.
fn ratio(numerator: u64, denominator: u64) -> String {
    if denominator == 0 {
        return "—".into();
    }
    format!(
        "{numerator}/{denominator}（{}）",
        format_rate(Some(numerator as f64 * 100.0 / denominator as f64))
    )
}

/// The rate alone, `99.89%`.
fn rate(numerator: u64, denominator: u64) -> String {
    format_rate((denominator > 0).then(|| numerator as f64 * 100.0 / denominator as f64))
}

fn sums(y: &YearFigures, measure: Measure) -> (u64, u64) {
    y.reported().fold((0, 0), |(n, d), m| {
        let own = &m.sla.row(measure).own;
        (n + own.numerator, d + own.denominator)
    })
}

fn online_table(y: &YearFigures) -> Table {
    let mut t = Table::new(&[
        ("月", 0),
        ("稼働日", 1),
        ("計画時間", 1),
        ("提供時間", 1),
        ("稼働率", 1),
        ("延長", 1),
        ("停止", 1),
        ("時間変更", 1),
    ]);
    for row in month_rows(y, |m| {
        let own = &m.sla.row(Measure::OnlineAvailability).own;
        {
            vec![
                format!("{}日", m.online.online_days),
                hours_text(own.denominator as u32),
                hours_text(own.numerator as u32),
                format_rate(m.sla.row(Measure::OnlineAvailability).own_rate),
                format!("{}回", m.online.extensions()),
                format!("{}日", m.online.stopped_days),
                format!("{}日", m.online.changed_days),
            ]
        }
    }) {
        t.push(row);
    }
    let total = y.online();
    let (provided, planned) = sums(y, Measure::OnlineAvailability);
    t.push(vec![
        "年度計".into(),
        format!("{}日", total.online_days),
        hours_text(planned as u32),
        hours_text(provided as u32),
        rate(provided, planned),
        format!("{}回", total.extensions()),
        format!("{}日", total.stopped_days),
        format!("{}日", total.changed_days),
    ]);
    t
}

fn sla_tables(y: &YearFigures) -> Value {
    let tables: Vec<Value> = Measure::ALL
        .iter()
        .map(|&measure| {
            let mut t = Table::new(&[
                ("月", 0),
                ("目標", 1),
                ("報告値", 1),
                ("記録からの算出値", 2),
                ("判定", 1),
            ]);
            for r in month_rows(y, |m| {
                let row = m.sla.row(measure);
                vec![
                    format_rate(row.target),
                    format_rate(row.reported),
                    ratio(row.own.numerator, row.own.denominator),
                    verdict(row.meets_target).into(),
                ]
            }) {
                t.push(r);
            }
            let (n, d) = sums(y, measure);
            t.push(vec![
                "年度計".into(),
                String::new(),
                String::new(),
                ratio(n, d),
            ]);
            json!({ "title": measure.label(), "table": t.to_value() })
        })
        .collect();
    Value::Array(tables)
}

fn verdict(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "達成",
        Some(false) => "未達",
        None => "—",
    }
}

fn charts(y: &YearFigures) -> Value {
    let months: Vec<(i32, u32)> = y.months.iter().map(|m| (m.year, m.month)).collect();
    let evaluations: Vec<_> = y.months.iter().map(|m| m.sla.clone()).collect();
    Value::Array(
        Measure::ALL
            .iter()
            .map(|&measure| super::monthly::chart(measure, &months, &evaluations))
            .collect(),
    )
}

fn records_table(y: &YearFigures) -> Table {
    let mut t = Table::new(&[
        ("月", 0),
        ("問合せ・依頼", 1),
        ("障害", 1),
        ("マスタ更新", 1),
        ("アカウント変更", 1),
        ("ログ調査", 1),
        ("データ入出力", 1),
        ("会議", 1),
        ("作業時間", 1),
    ]);
    let counts = |m: &MonthFigures| {
        vec![
            format!("{}件", m.inquiries),
            format!("{}件", m.incidents),
            format!("{}件", m.master_updates),
            format!("{}件", m.account_events),
            format!("{}件", m.log_investigations),
            format!("{}件", m.data_transfers),
            format!("{}回", m.meetings.len()),
            hours_text(m.hours.total),
        ]
    };
    for row in month_rows(y, counts) {
        t.push(row);
    }
    t.push(vec![
        "年度計".into(),
        format!("{}件", y.count(|m| m.inquiries)),
        format!("{}件", y.count(|m| m.incidents)),
        format!("{}件", y.count(|m| m.master_updates)),
        format!("{}件", y.count(|m| m.account_events)),
        format!("{}件", y.count(|m| m.log_investigations)),
        format!("{}件", y.count(|m| m.data_transfers)),
        format!("{}回", y.count(|m| m.meetings.len())),
        hours_text(y.hours().total),
    ]);
    t
}

/// The year's inquiries by channel and by category, and how long the solved
/// ones took (§4.5): from the same records the months count.
fn inquiries(project: &Project, y: &YearFigures) -> Value {
    let months: Vec<(i32, u32)> = y.reported().map(|m| (m.year, m.month)).collect();
    let of_year: Vec<&crate::data::records::Inquiry> = project
        .data
        .records
        .inquiries
        .iter()
        .filter(|r| {
            let d = r.received_at.date();
            months.contains(&(chrono::Datelike::year(&d), chrono::Datelike::month(&d)))
        })
        .collect();
    let count = |label: &'static str, n: usize| vec![label.to_string(), format!("{n}件")];
    let mut channels = Table::new(&[("窓口", 3), ("件数", 1)]);
    for c in crate::data::records::InquiryChannel::ALL {
        let n = of_year.iter().filter(|r| r.channel == *c).count();
        if n > 0 {
            channels.push(count(c.label(), n));
        }
    }
    let mut categories = Table::new(&[("分類", 3), ("件数", 1)]);
    for c in crate::data::records::InquiryCategory::ALL {
        let n = of_year.iter().filter(|r| r.category == *c).count();
        if n > 0 {
            categories.push(count(c.label(), n));
        }
    }
    let mut minutes: Vec<i64> = of_year
        .iter()
        .filter_map(|r| Some(r.received_at.minutes_until(r.resolved_at?)))
        .collect();
    minutes.sort_unstable();
    let resolve = match minutes.len() {
        0 => "年度中に解決した問合せはありません。".to_string(),
        n => format!(
            "解決した {n} 件の受付から解決までの時間: 中央値 {}、最長 {}（時間:分）。",
            hours_text(minutes[n / 2].max(0) as u32),
            hours_text(minutes[n - 1].max(0) as u32)
        ),
    };
    json!({
        "channels": channels.to_value(),
        "categories": categories.to_value(),
        "resolve": resolve,
    })
}

/// Each incident of the year with its notification time against the
/// prescribed one (§4.6, tebiki.yaml `sla.notification_minutes`).
fn incidents(project: &Project, y: &YearFigures) -> Table {
    let limit = project.config.sla.notification_minutes;
    let mut t = Table::new(&[("ID", 0), ("件名", 3), ("検知", 1), ("通報", 2)]);
    for r in &project.data.records.incidents {
        let d = r.detected_at.date();
        if (y.first..=y.last).contains(&d) && d >= project.config.service_in {
            t.push(vec![
                r.id.clone(),
                r.title.clone(),
                r.detected_at.to_string(),
                r.notification_text(limit),
            ]);
        }
    }
    t
}

/// Meetings held against the bimonthly plan (§4.11②③), and the action items.
fn meetings(y: &YearFigures) -> Value {
    let in_service = y
        .months
        .iter()
        .filter(|m| m.state != MonthState::BeforeServiceIn)
        .count();
    let planned = in_service.div_ceil(2);
    let held = |kind: MeetingKind| y.count(|m| m.meetings.iter().filter(|k| **k == kind).count());
    let mut t = Table::new(&[("会議", 2), ("開催", 1), ("計画（隔月）", 1)]);
    for kind in [MeetingKind::Teireikai, MeetingKind::Gyomu] {
        t.push(vec![
            kind.label().into(),
            format!("{}回", held(kind)),
            format!("{planned}回"),
        ]);
    }
    t.push(vec![
        MeetingKind::Other.label().into(),
        format!("{}回", held(MeetingKind::Other)),
        "—".into(),
    ]);
    let a = y.actions;
    json!({
        "table": t.to_value(),
        "actions": format!(
            "アクションアイテム: 年度中に挙がった {} 件のうち、年度末までに完了・取りやめ {} 件、年度末に未完了 {} 件。",
            a.opened, a.closed, a.open_at_end
        ),
    })
}

/// Work hours by area and month, with the year's plan (`data/cost-estimate.yaml`).
fn hours_table(project: &Project, y: &YearFigures) -> Table {
    let reported: Vec<&MonthFigures> = y.reported().collect();
    let labels: Vec<String> = reported.iter().map(|m| month_label(m)).collect();
    let mut columns: Vec<(&str, u32)> = vec![("作業区分", 3)];
    columns.extend(labels.iter().map(|l| (l.as_str(), 1)));
    columns.push(("年度計", 1));
    let mut t = Table::new(&columns);
    let total = y.hours();
    for area in WorkArea::ALL {
        let Some(year) = total.by_area.get(area) else {
            continue;
        };
        let mut row = vec![area.label().to_string()];
        row.extend(
            reported
                .iter()
                .map(|m| hours_text(m.hours.by_area.get(area).copied().unwrap_or(0))),
        );
        row.push(hours_text(*year));
        t.push(row);
    }
    let mut sum = vec!["合計".to_string()];
    sum.extend(reported.iter().map(|m| hours_text(m.hours.total)));
    sum.push(hours_text(total.total));
    t.push(sum);
    if let Some(planned) = planned_hours(project, y) {
        let mut row = vec!["計画作業時間（費用見積）".to_string()];
        row.resize(reported.len() + 1, String::new());
        row.push(format!("{planned}:00"));
        t.push(row);
    }
    t
}

/// The planned hours of the cost estimate's year that starts in this fiscal year.
fn planned_hours(project: &Project, y: &YearFigures) -> Option<u32> {
    project
        .data
        .cost_estimate
        .as_ref()?
        .years
        .iter()
        .find(|c| (y.first..=y.last).contains(&c.from))?
        .planned_hours
}

/// Pages reviewed on time and pages past their review date at the year's end.
fn upkeep(project: &Project, y: &YearFigures) -> Value {
    let pages = &project.content.pages;
    let past: Vec<String> = pages
        .iter()
        .filter(|p| {
            p.meta
                .reviewed
                .checked_add_months(chrono::Months::new(p.meta.review_every))
                .is_some_and(|due| due < y.last)
        })
        .map(|p| p.meta.title.clone())
        .collect();
    let reviewed = pages
        .iter()
        .filter(|p| (y.first..=y.last).contains(&p.meta.reviewed))
        .count();
    // Pages revised in the year: the distinct pages git changed (as ⑥ counts a month).
    let revised: std::collections::HashSet<usize> = project
        .history
        .changes_between(y.first, y.last)
        .iter()
        .filter(|c| crate::history::is_page_source(&c.file.path))
        .map(|c| c.index)
        .collect();
    let history = if project.history.is_empty() {
        "git の履歴がないため、改訂したページの数は記載できません。".to_string()
    } else {
        format!(
            "年度中に改訂したページ {} 件（git の履歴による）。",
            revised.len()
        )
    };
    json!({
        "text": format!(
            "手引きのページ {} 件のうち、年度中に見直したページ {} 件、年度末に見直し期限を過ぎているページ {} 件。{history}",
            pages.len(), reviewed, past.len()
        ),
        "past": past,
    })
}

/// ⑧ 改善提案: each proposal page and its summary.
fn proposals(project: &Project) -> Vec<Value> {
    project
        .content
        .pages
        .iter()
        .filter(|p| {
            p.rel
                .starts_with(&format!("{}/", super::proposals::PROPOSALS_DIR))
                && !p.is_section_index
        })
        .map(|p| {
            json!({
                "title": p.meta.title,
                "summary": p.meta.summary,
                "outcome": p.meta.outcome.as_deref().unwrap_or("結果は未記録（ページの outcome に書く）"),
            })
        })
        .collect()
}
