//! The service levels in ⑥ (§4.11① サービス実績報告書の評価): the month's four
//! figures worked out from the records beside the provider's, and the numbers
//! of the last twelve months that the template draws as bar charts.

use chrono::Datelike;
use serde_json::{Value, json};

use super::Month;
use crate::domain::sla::axis_floor;
use crate::domain::sla::{self, Evaluation, Measure, format_rate};
use crate::domain::wareki;
use crate::render::pdf::table::Table;

/// Months the charts show, at most.
const CHART_MONTHS: usize = 12;

pub(super) fn evaluate(m: &Month<'_>) -> Evaluation {
    let p = m.project;
    p.data
        .records
        .evaluate_sla(m.year, m.month, &p.calendar, &p.config.sla)
}

pub(super) fn section(m: &Month<'_>, e: &Evaluation) -> Value {
    let settings = &m.project.config.sla;
    let provider = m.provider();
    let reported_header = format!("{provider}の報告値");
    let mut table = Table::new(&[
        ("項目", 3),
        ("目標", 2),
        (reported_header.as_str(), 2),
        ("記録からの算出値", 2),
        ("算出の根拠", 4),
        ("差", 0),
        ("判定", 0),
    ]);
    let mut notes = Vec::new();
    for row in &e.rows {
        let (num, den) = row.measure.units();
        let mut verdict = match row.meets_target {
            Some(true) => "達成".to_string(),
            Some(false) => "未達".to_string(),
            None => "—".to_string(),
        };
        if row.flagged {
            verdict.push_str("\n要確認");
            notes.push(row.flag_message(settings.tolerance));
        }
        table.push(vec![
            row.label.into(),
            format_rate(row.target),
            format_rate(row.reported),
            format_rate(row.own_rate),
            format!(
                "{num} {} ／ {den} {}",
                row.own.numerator, row.own.denominator
            ),
            row.difference.map_or("—".into(), |d| format!("{d:+.2}")),
            verdict,
        ]);
    }
    let report = m.records.service_report;
    if report.is_none() {
        notes.push(format!(
            "{}分のサービス実績報告書（{provider}）は未受領のため、報告値と目標は空欄です。",
            m.label()
        ));
    }
    let months = chart_months(m);
    let evaluations: Vec<Evaluation> = months
        .iter()
        .map(|&(y, mo)| {
            let p = m.project;
            p.data.records.evaluate_sla(y, mo, &p.calendar, settings)
        })
        .collect();
    let charts: Vec<Value> = Measure::ALL
        .iter()
        .map(|&measure| chart(measure, &months, &evaluations))
        .collect();
    let period = match (months.first(), months.last()) {
        (Some(&(fy, fm)), Some(&(ly, lm))) if months.len() > 1 => format!(
            "{}〜{}",
            wareki::format_month(fy, fm),
            wareki::format_month(ly, lm)
        ),
        _ => m.label(),
    };
    json!({
        "has_report": report.is_some(),
        "received": report.and_then(|r| r.received_on).map(wareki::format_date),
        "provider": provider,
        "tolerance": format!("{}", settings.tolerance),
        "notification_minutes": settings.notification_minutes,
        "table": table.to_value(),
        "notes": notes,
        "period": period,
        "own_label": "記録からの算出値",
        "reported_label": reported_header,
        "charts": charts,
    })
}

/// The report month and up to eleven before it, none before the service-in month.
fn chart_months(m: &Month<'_>) -> Vec<(i32, u32)> {
    let service_in = m.project.config.service_in;
    let first_allowed = (service_in.year(), service_in.month());
    let mut out = vec![(m.year, m.month)];
    while out.len() < CHART_MONTHS {
        let (y, mo) = out[out.len() - 1];
        let before = if mo == 1 { (y - 1, 12) } else { (y, mo - 1) };
        if before < first_allowed {
            break;
        }
        out.push(before);
    }
    out.reverse();
    out
}

/// One chart's numbers: a label per month, the two series and the targets (null
/// where there is nothing to count), and the lowest value of the y axis.
pub(in crate::render::pdf) fn chart(
    measure: Measure,
    months: &[(i32, u32)],
    evaluations: &[Evaluation],
) -> Value {
    let rows: Vec<&sla::Row> = evaluations.iter().map(|e| e.row(measure)).collect();
    let own: Vec<Option<f64>> = rows.iter().map(|r| r.own_rate).collect();
    let reported: Vec<Option<f64>> = rows.iter().map(|r| r.reported).collect();
    let target: Vec<Option<f64>> = rows.iter().map(|r| r.target).collect();
    let floor = axis_floor(
        own.iter()
            .chain(&reported)
            .chain(&target)
            .flatten()
            .copied(),
    );
    let labels: Vec<String> = months.iter().map(|&(_, mo)| format!("{mo}月")).collect();
    // Rounded as the table shows them, so the chart and the table agree.
    let round = |v: &Vec<Option<f64>>| -> Vec<Option<f64>> {
        v.iter()
            .map(|x| x.map(|x| (x * 100.0).round() / 100.0))
            .collect()
    };
    json!({
        "title": measure.label(),
        "labels": labels,
        "own": round(&own),
        "reported": round(&reported),
        "target": round(&target),
        "floor": floor,
    })
}
