//! Service-level arithmetic (§2-⑤ サービスレベル評価項目, §4.11①): the four figures
//! the provider reports, computed again from our own records and the operating
//! calendar, and compared with the report. The formulas are stated in
//! `content/records/sla.md`; each function here is one of them.
//!
//! Rates are percentages; a rate whose denominator is zero is `None` (対象なし),
//! never 0 % or 100 %.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::schedule::month_days;
use super::{Due, OperatingCalendar, Stamp};

/// The four service-level figures, in percent. A figure the report leaves out is
/// absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figures {
    #[serde(default)]
    pub online_availability: Option<f64>,
    #[serde(default)]
    pub batch_execution: Option<f64>,
    #[serde(default)]
    pub inquiry_resolution: Option<f64>,
    #[serde(default)]
    pub incident_notification: Option<f64>,
}

impl Figures {
    /// (key, value) in the order of the source document.
    pub fn entries(&self) -> [(&'static str, Option<f64>); 4] {
        [
            ("online_availability", self.online_availability),
            ("batch_execution", self.batch_execution),
            ("inquiry_resolution", self.inquiry_resolution),
            ("incident_notification", self.incident_notification),
        ]
    }
}

/// The provider's report of one month: its targets and its figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reported<'a> {
    pub targets: &'a Figures,
    pub reported: &'a Figures,
}

/// What the four figures are counted from, taken from the records by the data
/// layer: this module knows no record files.
#[derive(Debug, Clone, Default)]
pub struct SlaFacts<'a> {
    /// Every stretch without online service, (from, to).
    pub outages: Vec<(Stamp, Stamp)>,
    /// Days whose nightly batch did not run.
    pub batches_not_run: Vec<NaiveDate>,
    /// Inquiries with a deadline sent to the provider's channels (chatbot,
    /// contact center, emergency contact) and not withdrawn.
    pub deadlines: Vec<DeadlineFact>,
    /// Every incident, with who detected it.
    pub incidents: Vec<NotificationFact<'a>>,
}

/// An inquiry's deadline and when it was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadlineFact {
    pub deadline: Due,
    pub resolved_at: Option<Stamp>,
}

/// An incident's detection and the minutes until the provider notified it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotificationFact<'a> {
    pub detected_by: &'a str,
    pub detected_at: Stamp,
    pub notification_minutes: Option<i64>,
}

/// How the evaluation is tuned (`sla:` in tebiki.yaml).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct SlaSettings {
    /// Percentage points: a reported figure further than this from ours is flagged.
    pub tolerance: f64,
    /// 所定時間: minutes from detection within which the provider must notify an
    /// incident. The source document does not give it; confirm it in the contract.
    pub notification_minutes: u32,
    /// Actor id of the O&M provider: the incidents its monitoring detected are
    /// the ones it must notify.
    pub provider: String,
}

impl Default for SlaSettings {
    fn default() -> Self {
        SlaSettings {
            tolerance: 0.1,
            notification_minutes: 30,
            provider: "fujitsu".to_string(),
        }
    }
}

/// The four service-level items, in the source document's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    OnlineAvailability,
    BatchExecution,
    InquiryResolution,
    IncidentNotification,
}

impl Measure {
    pub const ALL: [Measure; 4] = [
        Measure::OnlineAvailability,
        Measure::BatchExecution,
        Measure::InquiryResolution,
        Measure::IncidentNotification,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Measure::OnlineAvailability => "オンライン稼働率",
            Measure::BatchExecution => "バッチ実行率",
            Measure::InquiryResolution => "問合せ期限内解決率",
            Measure::IncidentNotification => "所定時間内障害通報率",
        }
    }

    /// The key in `data/sla/<month>.yaml`.
    pub fn key(self) -> &'static str {
        match self {
            Measure::OnlineAvailability => "online_availability",
            Measure::BatchExecution => "batch_execution",
            Measure::InquiryResolution => "inquiry_resolution",
            Measure::IncidentNotification => "incident_notification",
        }
    }

    /// What the numerator and the denominator count, for tables.
    pub fn units(self) -> (&'static str, &'static str) {
        match self {
            Measure::OnlineAvailability => ("稼働分", "計画稼働分"),
            Measure::BatchExecution => ("実行回数", "計画回数"),
            Measure::InquiryResolution => ("期限内解決件数", "期限到来件数"),
            Measure::IncidentNotification => ("所定時間内通報件数", "障害件数"),
        }
    }
}

/// numerator / denominator.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Ratio {
    pub numerator: u64,
    pub denominator: u64,
}

impl Ratio {
    /// In percent; `None` when there is nothing to count.
    pub fn rate(self) -> Option<f64> {
        (self.denominator > 0).then(|| self.numerator as f64 * 100.0 / self.denominator as f64)
    }
}

/// One item of one month: ours, the provider's, and how they compare.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub measure: Measure,
    pub label: &'static str,
    pub own: Ratio,
    pub own_rate: Option<f64>,
    pub target: Option<f64>,
    pub reported: Option<f64>,
    /// reported − own, in percentage points.
    pub difference: Option<f64>,
    /// The difference is beyond the tolerance.
    pub flagged: bool,
    /// Our figure reaches the target.
    pub meets_target: Option<bool>,
}

impl Row {
    pub fn flag_message(&self, tolerance: f64) -> String {
        format!(
            "{}: 報告値 {} と記録からの算出値 {} の差 {} ポイントが許容差 {} ポイントを超えています",
            self.label,
            format_rate(self.reported),
            format_rate(self.own_rate),
            self.difference
                .map_or("—".to_string(), |d| format!("{d:+.2}")),
            tolerance
        )
    }
}

/// The evaluation of one month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub year: i32,
    pub month: u32,
    pub has_report: bool,
    pub rows: Vec<Row>,
}

impl Evaluation {
    pub fn row(&self, measure: Measure) -> &Row {
        // `evaluate` always fills every measure, in `Measure::ALL` order.
        &self.rows[Measure::ALL.iter().position(|m| *m == measure).unwrap_or(0)]
    }

    pub fn flagged(&self) -> usize {
        self.rows.iter().filter(|r| r.flagged).count()
    }
}

/// The lowest value a chart's y axis shows: a whole percent at least 1 below
/// every value and target, and at most 95 so small differences near 100 % show.
pub fn axis_floor(values: impl Iterator<Item = f64>) -> f64 {
    let min = values.fold(100.0_f64, f64::min);
    (min - 1.0).floor().clamp(0.0, 95.0)
}

/// `99.55%`, or `—` when there is nothing to count.
pub fn format_rate(rate: Option<f64>) -> String {
    rate.map_or("—".to_string(), |r| format!("{r:.2}%"))
}

/// Evaluates one calendar month against the provider's report for it, if any.
pub fn evaluate(
    year: i32,
    month: u32,
    calendar: &OperatingCalendar,
    facts: &SlaFacts<'_>,
    report: Option<Reported<'_>>,
    settings: &SlaSettings,
) -> Evaluation {
    let own = [
        online_availability(year, month, calendar, facts),
        batch_execution(year, month, calendar, facts),
        inquiry_resolution(year, month, facts),
        incident_notification(year, month, facts, settings),
    ];
    let rows = Measure::ALL
        .iter()
        .zip(own)
        .map(|(&measure, own)| {
            let pick = |f: &Figures| {
                f.entries()
                    .into_iter()
                    .find(|(k, _)| *k == measure.key())
                    .and_then(|(_, v)| v)
            };
            let target = report.and_then(|r| pick(r.targets));
            let reported = report.and_then(|r| pick(r.reported));
            let own_rate = own.rate();
            let difference = reported.zip(own_rate).map(|(r, o)| r - o);
            Row {
                measure,
                label: measure.label(),
                own,
                own_rate,
                target,
                reported,
                difference,
                // A hair of slack so 0.1 apart is not flagged by float rounding.
                flagged: difference.is_some_and(|d| d.abs() > settings.tolerance + 1e-9),
                meets_target: own_rate.zip(target).map(|(o, t)| o + 1e-9 >= t),
            }
        })
        .collect();
    Evaluation {
        year,
        month,
        has_report: report.is_some(),
        rows,
    }
}

/// オンライン稼働率 = (計画稼働分 − 停止分) ÷ 計画稼働分. 計画稼働分 is the sum of each
/// day's planned online span; 停止分 is the union of every incident's outages,
/// counted only inside those spans (an outage after 20:00 costs nothing).
pub fn online_availability(
    year: i32,
    month: u32,
    calendar: &OperatingCalendar,
    facts: &SlaFacts<'_>,
) -> Ratio {
    let days = online_days(year, month, calendar, facts);
    let planned: u64 = days.iter().map(|d| d.planned).sum();
    let lost: u64 = days.iter().map(|d| d.lost).sum();
    Ratio {
        numerator: planned - lost.min(planned),
        denominator: planned,
    }
}

/// One planned online day: its planned minutes and the minutes incidents took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OnlineDay {
    pub date: NaiveDate,
    pub planned: u64,
    /// Never more than `planned`.
    pub lost: u64,
}

/// Every day of the month with planned online service, with the outage minutes
/// inside its span (the monthly report shows them day by day).
pub fn online_days(
    year: i32,
    month: u32,
    calendar: &OperatingCalendar,
    facts: &SlaFacts<'_>,
) -> Vec<OnlineDay> {
    let outages: Vec<(NaiveDateTime, NaiveDateTime)> = facts
        .outages
        .iter()
        .map(|(from, to)| (from.0, to.0))
        .filter(|(from, to)| from < to)
        .collect();
    let mut out = Vec::new();
    for date in month_days(year, month) {
        let Some(span) = calendar.day(date).online else {
            continue;
        };
        let at = |t: crate::domain::ClockTime| {
            date.and_hms_opt(u32::from(t.hour), u32::from(t.minute), 0)
                .unwrap_or_default()
        };
        let (start, end) = (at(span.start), at(span.end));
        let planned = u64::from(span.minutes());
        let mut clipped: Vec<(NaiveDateTime, NaiveDateTime)> = outages
            .iter()
            .map(|&(f, t)| (f.max(start), t.min(end)))
            .filter(|(f, t)| f < t)
            .collect();
        out.push(OnlineDay {
            date,
            planned,
            lost: union_minutes(&mut clipped).min(planned),
        });
    }
    out
}

/// Minutes covered by at least one interval.
fn union_minutes(intervals: &mut [(NaiveDateTime, NaiveDateTime)]) -> u64 {
    intervals.sort();
    let mut total = 0i64;
    let mut current: Option<(NaiveDateTime, NaiveDateTime)> = None;
    for &(f, t) in intervals.iter() {
        match current {
            Some((cf, ct)) if f <= ct => current = Some((cf, ct.max(t))),
            Some((cf, ct)) => {
                total += (ct - cf).num_minutes();
                current = Some((f, t));
            }
            None => current = Some((f, t)),
        }
    }
    if let Some((cf, ct)) = current {
        total += (ct - cf).num_minutes();
    }
    total.max(0) as u64
}

/// バッチ実行率 = (計画回数 − 未実行回数) ÷ 計画回数. 計画回数 is one nightly batch
/// per online day of the month (§2-⑤ 夜間日次バッチ); 未実行 are the distinct
/// planned days that incidents list in `batches_not_run`.
pub fn batch_execution(
    year: i32,
    month: u32,
    calendar: &OperatingCalendar,
    facts: &SlaFacts<'_>,
) -> Ratio {
    let planned: Vec<_> = month_days(year, month)
        .filter(|d| calendar.day(*d).nightly_batch_after.is_some())
        .collect();
    let mut missed: Vec<_> = facts
        .batches_not_run
        .iter()
        .copied()
        .filter(|d| planned.contains(d))
        .collect();
    missed.sort_unstable();
    missed.dedup();
    Ratio {
        numerator: (planned.len() - missed.len()) as u64,
        denominator: planned.len() as u64,
    }
}

/// 問合せ期限内解決率 = 期限内に解決した件数 ÷ 期限がその月にある件数, over the
/// inquiries sent to the provider's channels (chatbot, contact center, emergency
/// contact) that have a deadline and were not withdrawn.
pub fn inquiry_resolution(year: i32, month: u32, facts: &SlaFacts<'_>) -> Ratio {
    let due: Vec<&DeadlineFact> = facts
        .deadlines
        .iter()
        .filter(|f| f.deadline.date().year() == year && f.deadline.date().month() == month)
        .collect();
    let on_time = due
        .iter()
        .filter(|f| f.resolved_at.is_some_and(|at| f.deadline.is_met_by(at)))
        .count();
    Ratio {
        numerator: on_time as u64,
        denominator: due.len() as u64,
    }
}

/// 所定時間内障害通報率 = 検知から所定時間内に通報された件数 ÷ その月に提供者が検知した
/// 障害の件数. Incidents others detected (the ward's network, say) are not the
/// provider's to notify; one with no notification recorded counts as late.
pub fn incident_notification(
    year: i32,
    month: u32,
    facts: &SlaFacts<'_>,
    settings: &SlaSettings,
) -> Ratio {
    let limit = settings.notification_minutes;
    let detected: Vec<_> = facts
        .incidents
        .iter()
        .filter(|i| i.detected_by == settings.provider)
        .filter(|i| i.detected_at.date().year() == year && i.detected_at.date().month() == month)
        .collect();
    let on_time = detected
        .iter()
        .filter(|i| {
            i.notification_minutes
                .is_some_and(|m| (0..=i64::from(limit)).contains(&m))
        })
        .count();
    Ratio {
        numerator: on_time as u64,
        denominator: detected.len() as u64,
    }
}
