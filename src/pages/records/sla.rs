//! The SLA dashboard (§4.11① サービス実績報告書の評価): every month's four figures,
//! ours beside the provider's, with inline SVG charts; and a page per month
//! showing the counts behind each figure.

use chrono::Datelike;
use serde::Serialize;

use super::svg::{BarChart, Series};
use super::view::Cell;
use super::{Ctx, kinds, page, parent};
use crate::data::records::Kind;
use crate::domain::sla::{Evaluation, Measure, Row, format_rate};
use crate::domain::wareki;
use crate::pages::GeneratedPage;

pub const DASHBOARD_URL: &str = "records/sla/index.html";

pub fn month_url(year: i32, month: u32) -> String {
    format!("records/sla/{year}-{month:02}.html")
}

/// The months the dashboard shows: from the first to the last month that has a
/// record or a service report, none before the service-in month.
pub fn months(ctx: &Ctx<'_>) -> Vec<(i32, u32)> {
    let service_in = ctx.inputs.config.service_in;
    let first_allowed = (service_in.year(), service_in.month());
    let known: Vec<(i32, u32)> = ctx
        .records
        .months()
        .into_iter()
        .filter(|m| *m >= first_allowed)
        .collect();
    let (Some(&first), Some(&last)) = (known.first(), known.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut m = first;
    while m <= last {
        out.push(m);
        m = if m.1 == 12 {
            (m.0 + 1, 1)
        } else {
            (m.0, m.1 + 1)
        };
    }
    out
}

#[derive(Debug, Clone, Serialize)]
struct RowView {
    label: &'static str,
    own: String,
    count: String,
    reported: String,
    target: String,
    difference: String,
    flagged: bool,
    /// 達成 / 未達 / —.
    verdict: &'static str,
}

fn row_view(row: &Row) -> RowView {
    let (num, den) = row.measure.units();
    RowView {
        label: row.label,
        own: format_rate(row.own_rate),
        count: format!(
            "{num} {} ／ {den} {}",
            row.own.numerator, row.own.denominator
        ),
        reported: format_rate(row.reported),
        target: format_rate(row.target),
        difference: row.difference.map_or("—".into(), |d| format!("{d:+.2}")),
        flagged: row.flagged,
        verdict: match row.meets_target {
            Some(true) => "達成",
            Some(false) => "未達",
            None => "—",
        },
    }
}

#[derive(Debug, Clone, Serialize)]
struct MonthView {
    label: String,
    url: String,
    has_report: bool,
    flagged: usize,
    rows: Vec<RowView>,
}

#[derive(Debug, Clone, Serialize)]
struct Chart {
    title: &'static str,
    svg: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    tolerance: f64,
    notification_minutes: u32,
    provider: String,
    months: Vec<MonthView>,
    charts: Vec<Chart>,
}

/// The figures come from the provider's reports, the records they are checked
/// against and the operating calendar.
const SOURCES: &[&str] = &[
    "data/sla/",
    "data/records/inquiries/",
    "data/records/incidents/",
    "data/schedule/",
];

pub fn pages(ctx: &Ctx<'_>) -> Vec<GeneratedPage> {
    let months = months(ctx);
    if months.is_empty() {
        return Vec::new();
    }
    let settings = &ctx.inputs.config.sla;
    let evals: Vec<Evaluation> = months
        .iter()
        .map(|&(y, m)| {
            ctx.records
                .evaluate_sla(y, m, ctx.inputs.calendar, settings)
        })
        .collect();
    let label = |e: &Evaluation| wareki::format_month(e.year, e.month);
    let month_views = evals
        .iter()
        .map(|e| MonthView {
            label: label(e),
            url: format!("{}-{:02}.html", e.year, e.month),
            has_report: e.has_report,
            flagged: e.flagged(),
            rows: e.rows.iter().map(row_view).collect(),
        })
        .collect();
    let charts = charts(&evals);
    let dashboard = Dashboard {
        tolerance: settings.tolerance,
        notification_minutes: settings.notification_minutes,
        provider: ctx.person(&settings.provider),
        months: month_views,
        charts,
    };
    let mut pages = vec![
        page(
            DASHBOARD_URL.into(),
            "サービスレベル ダッシュボード".into(),
            parent("sla"),
            dashboard,
        )
        .made_from(SOURCES),
    ];
    for e in &evals {
        pages.push(
            page(
                month_url(e.year, e.month),
                format!("{} のサービスレベル評価", label(e)),
                parent("sla"),
                month_page(ctx, e),
            )
            .made_from(SOURCES),
        );
    }
    pages
}

/// One bar chart per measure over the months: ours, the provider's, the target.
fn charts(evals: &[Evaluation]) -> Vec<Chart> {
    Measure::ALL
        .iter()
        .map(|&measure| {
            let rows: Vec<&Row> = evals.iter().map(|e| e.row(measure)).collect();
            let chart = BarChart {
                title: measure.label(),
                labels: evals
                    .iter()
                    .map(|e| format!("{}年{}月", e.year, e.month))
                    .collect(),
                series: vec![
                    Series {
                        name: "記録からの算出",
                        class: "own",
                        values: rows.iter().map(|r| r.own_rate).collect(),
                    },
                    Series {
                        name: "富士通Japan(株)の報告",
                        class: "reported",
                        values: rows.iter().map(|r| r.reported).collect(),
                    },
                ],
                targets: rows.iter().map(|r| r.target).collect(),
            };
            Chart {
                title: measure.label(),
                svg: chart.to_svg(),
            }
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
struct Basis {
    title: &'static str,
    items: Vec<Cell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthPage {
    label: String,
    has_report: bool,
    received_on: Option<String>,
    report_source: Option<String>,
    remarks: Option<String>,
    tolerance: f64,
    rows: Vec<RowView>,
    basis: Vec<Basis>,
}

fn month_page(ctx: &Ctx<'_>, e: &Evaluation) -> MonthPage {
    let (y, m) = (e.year, e.month);
    let month = MonthScope {
        year: y,
        month: m,
        from: month_url(y, m),
    };
    let report = ctx.records.service_report(y, m);
    MonthPage {
        label: wareki::format_month(y, m),
        has_report: e.has_report,
        received_on: report.and_then(|r| r.received_on).map(|d| d.to_string()),
        report_source: report.map(|r| super::source_path(&r.source)),
        remarks: report.and_then(|r| r.remarks.clone()),
        tolerance: ctx.inputs.config.sla.tolerance,
        rows: e.rows.iter().map(row_view).collect(),
        basis: vec![
            Basis {
                title: "オンラインの停止を記録した障害",
                items: outage_basis(ctx, &month),
            },
            Basis {
                title: "夜間日次バッチが実行されなかった障害",
                items: batch_basis(ctx, &month),
            },
            Basis {
                title: "期限がこの月にある問合せ（富士通Japan(株)の窓口）",
                items: inquiry_basis(ctx, &month),
            },
            Basis {
                title: "この月に検知した障害",
                items: incident_basis(ctx, &month),
            },
        ],
    }
}

/// The month a page shows, and the page's URL the record links are relative to.
struct MonthScope {
    year: i32,
    month: u32,
    from: String,
}

impl MonthScope {
    fn contains(&self, d: chrono::NaiveDate) -> bool {
        d.year() == self.year && d.month() == self.month
    }

    fn link(&self, kind: Kind, id: &str, text: String) -> Cell {
        Cell::link(text, kinds::record_href(&self.from, kind, id))
    }
}

/// Incidents with an online outage that starts or ends in the month.
fn outage_basis(ctx: &Ctx<'_>, month: &MonthScope) -> Vec<Cell> {
    ctx.records
        .incidents
        .iter()
        .filter(|i| {
            i.outages
                .iter()
                .any(|o| month.contains(o.from.date()) || month.contains(o.to.date()))
        })
        .map(|i| {
            let spans: Vec<String> = i
                .outages
                .iter()
                .map(|o| format!("{}〜{}", o.from, o.to))
                .collect();
            month.link(
                Kind::Incidents,
                &i.id,
                format!("{} {}（停止 {}）", i.id, i.title, spans.join("、")),
            )
        })
        .collect()
}

/// Incidents that kept a nightly batch from running on a day of the month.
fn batch_basis(ctx: &Ctx<'_>, month: &MonthScope) -> Vec<Cell> {
    ctx.records
        .incidents
        .iter()
        .filter(|i| i.batches_not_run.iter().any(|d| month.contains(*d)))
        .map(|i| {
            let days: Vec<String> = i.batches_not_run.iter().map(|d| d.to_string()).collect();
            month.link(
                Kind::Incidents,
                &i.id,
                format!("{} {}（未実行 {}）", i.id, i.title, days.join("、")),
            )
        })
        .collect()
}

/// Inquiries to the provider's desk whose deadline falls in the month.
fn inquiry_basis(ctx: &Ctx<'_>, month: &MonthScope) -> Vec<Cell> {
    ctx.records
        .inquiries
        .iter()
        .filter(|i| i.channel.is_provider() && i.deadline.is_some_and(|d| month.contains(d.date())))
        .map(|i| {
            let on_time = match (i.deadline, i.resolved_at) {
                (Some(d), Some(at)) if d.is_met_by(at) => "期限内",
                (_, _) if i.status == crate::data::records::InquiryStatus::Withdrawn => {
                    "取下げ（対象外）"
                }
                _ => "期限超過",
            };
            month.link(
                Kind::Inquiries,
                &i.id,
                format!(
                    "{}（期限 {}、{on_time}）",
                    i.id,
                    i.deadline.map(|d| d.to_string()).unwrap_or_default()
                ),
            )
        })
        .collect()
}

/// Incidents detected in the month, with how long the notification took.
fn incident_basis(ctx: &Ctx<'_>, month: &MonthScope) -> Vec<Cell> {
    let limit = ctx.inputs.config.sla.notification_minutes;
    ctx.records
        .incidents
        .iter()
        .filter(|i| month.contains(i.detected_at.date()))
        .map(|i| {
            let note = match i.notification_minutes() {
                _ if i.detected_by != ctx.inputs.config.sla.provider => {
                    "提供者以外が検知（対象外）".to_string()
                }
                Some(n) if n <= i64::from(limit) => format!("通報まで {n} 分"),
                Some(n) => format!("通報まで {n} 分（{limit} 分超過）"),
                None => "通報の記録なし".to_string(),
            };
            month.link(
                Kind::Incidents,
                &i.id,
                format!("{} {}（{note}）", i.id, i.title),
            )
        })
        .collect()
}
