//! ⑥ 月間作業実績報告書 (§5⑥): one PDF per month of the contract that has records —
//! the month's work by area (§4.1–4.11), online operation, batches, inquiries and
//! incidents, masters, accounts, logs, meetings, the service levels against the
//! provider's report, the handbook's changes, issues and proposals, and next
//! month's plan. Every figure is worked out here; the template only lays the
//! strings out.

mod batches;
mod handbook_changes;
mod online;
mod records;
mod sla;

pub(super) use sla::chart;
mod summary;

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::json;

use super::PdfDocument;
use crate::data::records::MonthRecords;
use crate::domain::schedule::month_days;
use crate::domain::wareki;
use crate::project::Project;

/// Folder below `pdf/`.
pub const DIR: &str = "monthly";
pub const KIND: &str = "月間作業実績報告書";
const TEMPLATE: &str = "monthly.typ";

/// `monthly/2027-01.pdf`.
pub fn file_name(year: i32, month: u32) -> String {
    format!("{DIR}/{year}-{month:02}.pdf")
}

/// The months that get a report: every month with a record or a service report,
/// from the service-in month on (§12: 履行開始 令和9年1月4日; the preparation
/// period before it is not reported monthly).
pub fn months(project: &Project) -> Vec<(i32, u32)> {
    let service_in = project.config.service_in;
    let first = (service_in.year(), service_in.month());
    project
        .data
        .records
        .months()
        .into_iter()
        .filter(|m| *m >= first)
        .collect()
}

pub(super) fn documents(project: &Project) -> Vec<PdfDocument> {
    months(project)
        .into_iter()
        .map(|(y, m)| document(project, y, m))
        .collect()
}

/// One month's report, worked out without running typst.
pub fn document(project: &Project, year: i32, month: u32) -> PdfDocument {
    let m = Month::new(project, year, month);
    let evaluation = sla::evaluate(&m);
    let report_date = m.report_date();
    let parts = json!({
        "month": m.label(),
        "provisional": m.provisional(),
        "summary": summary::table(&m, &evaluation).to_value(),
        "online": online::section(&m),
        "batches": batches::section(&m),
        "records": records::chapters(&m),
        "sla": sla::section(&m, &evaluation),
        "handbook": handbook_changes::section(&m),
        "issues": records::issues(&m, &evaluation),
        "plan": online::next_month(&m),
    });
    let title = format!("{}分 {KIND}", m.label());
    let data = super::report_data(
        project,
        (KIND, title),
        (m.first, m.last),
        report_date,
        parts,
    );
    PdfDocument::from_data(
        file_name(year, month),
        TEMPLATE,
        data,
        std::path::Path::new(crate::data::DATA_DIR).join(crate::data::records::RECORDS_DIR),
        report_date,
    )
}

/// The month being reported and what every section reads.
pub(super) struct Month<'a> {
    pub project: &'a Project,
    pub year: i32,
    pub month: u32,
    /// The first day reported: the 1st, or the service-in day in its month.
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub records: MonthRecords<'a>,
}

impl<'a> Month<'a> {
    fn new(project: &'a Project, year: i32, month: u32) -> Month<'a> {
        let days: Vec<NaiveDate> = month_days(year, month).collect();
        let (start, last) = match (days.first(), days.last()) {
            (Some(f), Some(l)) => (*f, *l),
            _ => (NaiveDate::MIN, NaiveDate::MIN),
        };
        Month {
            project,
            year,
            month,
            first: start.max(project.config.service_in.min(last)),
            last,
            records: project.data.records.for_month(year, month),
        }
    }

    /// 令和9年1月.
    pub fn label(&self) -> String {
        wareki::format_month(self.year, self.month)
    }

    /// The month after this one.
    pub fn next(&self) -> (i32, u32) {
        next_month(self.year, self.month)
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        date.year() == self.year && date.month() == self.month
    }

    /// A staff member's name (masked in the redacted edition) or an actor's short name.
    pub fn person(&self, id: &str) -> String {
        self.project.data.person_name(id)
    }

    /// The O&M provider's name (`sla.provider` in tebiki.yaml): 富士通Japan(株).
    pub fn provider(&self) -> String {
        let id = &self.project.config.sla.provider;
        self.project
            .data
            .actor(id)
            .map_or_else(|| id.clone(), |a| a.name.clone())
    }

    /// The month's first day (the report itself may start at the service-in day).
    pub fn calendar_first(&self) -> NaiveDate {
        records::first_of(self.year, self.month)
    }

    /// `1月12日` in the report's year, `令和8年12月15日` otherwise.
    pub fn day(&self, date: NaiveDate) -> String {
        if date.year() == self.year {
            format!("{}月{}日", date.month(), date.day())
        } else {
            wareki::format_date(date)
        }
    }

    /// 報告日: the first business day after the month, or the day the provider's
    /// service report for the month arrived if later (the report evaluates it, §4.11①);
    /// a 速報 made during the month is dated the day it was made, so the cover
    /// never carries a date after its "as of" date.
    fn report_date(&self) -> NaiveDate {
        if self.provisional().is_some() {
            return self.project.today;
        }
        let calendar = &self.project.calendar;
        let after = (1..=31)
            .map(|n| self.last + Duration::days(n))
            .find(|d| calendar.is_business_day(*d))
            .unwrap_or(self.last + Duration::days(1));
        let received = self.records.service_report.and_then(|r| r.received_on);
        received.map_or(after, |r| r.max(after))
    }

    /// A note on the cover when the report is made before the month is over.
    fn provisional(&self) -> Option<String> {
        let today = self.project.today;
        (today <= self.last).then(|| {
            format!(
                "{}時点の記録による速報です（月の途中で作成したため、数値は確定していません）。",
                wareki::format_date(today)
            )
        })
    }
}

pub(super) fn next_month(year: i32, month: u32) -> (i32, u32) {
    if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

/// `12時間` or `229時間25分`.
pub(super) fn hours(minutes: u64) -> String {
    match (minutes / 60, minutes % 60) {
        (h, 0) => format!("{h}時間"),
        (0, m) => format!("{m}分"),
        (h, m) => format!("{h}時間{m}分"),
    }
}

/// `チャットボット 2件、コンタクトセンター 1件`, leaving out zeros; `なし` when all are.
pub(super) fn breakdown(counts: &[(&str, usize)]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(label, n)| format!("{label} {n}件"))
        .collect();
    if parts.is_empty() {
        "なし".to_string()
    } else {
        parts.join("、")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_written_as_a_reader_says_them() {
        assert_eq!(hours(720), "12時間");
        assert_eq!(hours(13_765), "229時間25分");
        assert_eq!(hours(35), "35分");
    }

    #[test]
    fn breakdowns_leave_out_zeros() {
        assert_eq!(breakdown(&[("a", 2), ("b", 0), ("c", 1)]), "a 2件、c 1件");
        assert_eq!(breakdown(&[("a", 0)]), "なし");
        assert_eq!(next_month(2027, 12), (2028, 1));
    }
}
