//! Calendar pages: one per fiscal year with a schedule file and one per month of
//! it (a month grid with holidays, stops, extensions and their reasons), placed
//! under `content/calendar/_index.md`.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{GeneratedPage, Inputs};
use crate::domain::schedule::{
    Change, ChangeKind, Closed, Extension, MonthSummary, OperatingDay, YearPlan, describe,
};
use crate::domain::wareki::{self, FiscalYear};
use crate::domain::weekday;

/// The Markdown page the calendar pages hang under.
pub const PARENT: &str = "calendar/_index.md";
/// The iCalendar file of the whole schedule, next to the calendar pages.
pub const ICS_FILE: &str = "online-schedule.ics";

pub fn year_url(fy: FiscalYear) -> String {
    format!("fy{}.html", fy.0)
}

pub fn month_url(year: i32, month: u32) -> String {
    format!("{year}-{month:02}.html")
}

pub fn pages(inputs: &Inputs<'_>) -> Vec<GeneratedPage> {
    let cal = inputs.calendar;
    let view = View::new(inputs);
    let mut months: Vec<(i32, u32)> = Vec::new();
    for plan in cal.years() {
        months.extend(cal.in_service_months(plan.fiscal_year));
    }
    let mut pages = Vec::new();
    for plan in cal.years() {
        pages.push(
            GeneratedPage::new(
                format!("calendar/{}", year_url(plan.fiscal_year)),
                format!("{} オンライン稼働カレンダー", plan.label),
                PARENT,
                view.year(plan),
            )
            .made_from(SOURCES),
        );
    }
    for (i, &(year, month)) in months.iter().enumerate() {
        let link = |m: Option<&(i32, u32)>| {
            m.map(|&(y, mo)| Link {
                url: month_url(y, mo),
                title: wareki::format_month(y, mo),
            })
        };
        let prev = i.checked_sub(1).and_then(|p| months.get(p));
        let item = view.month(year, month, link(prev), link(months.get(i + 1)));
        pages.push(
            GeneratedPage::new(
                format!("calendar/{}", month_url(year, month)),
                format!("{} のオンライン稼働", wareki::format_month(year, month)),
                PARENT,
                item,
            )
            .made_from(SOURCES),
        );
    }
    pages
}

/// The calendar is made from the rules in tebiki.yaml and each year's exceptions.
const SOURCES: &[&str] = &["data/schedule/", "tebiki.yaml"];

#[derive(Debug, Clone, Serialize)]
struct Link {
    url: String,
    title: String,
}

#[derive(Debug, Clone, Serialize)]
struct Cell {
    day: u32,
    date: String,
    weekday: &'static str,
    /// CSS classes: sun, sat, holiday, closed, extension, change.
    classes: String,
    online: Option<String>,
    /// Why there is no service, in full (for screen readers and titles).
    closed: Option<String>,
    /// What the grid shows: 休止, 年末年始, 停止.
    closed_short: Option<&'static str>,
    holiday: Option<String>,
    extension: Option<String>,
    change: Option<&'static str>,
    /// The reason of the day's extension or change.
    reason: Option<String>,
}

/// An exception of the schedule, as listed under a month or a year.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    date: String,
    /// 令和9年4月5日（月）, or a range for a change over several days.
    when: String,
    kind: String,
    detail: String,
    reason: String,
    requested_by: String,
    assessment: Option<String>,
    options: Vec<String>,
    decision: Option<String>,
    request: Option<String>,
    remarks: Option<String>,
    month_url: String,
}

#[derive(Debug, Clone, Serialize)]
struct SummaryView {
    label: String,
    wareki: String,
    url: String,
    online_days: u32,
    closed_days: u32,
    hours: String,
    extensions: u32,
    stopped_days: u32,
    changed_days: u32,
    fixed: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthItem {
    fiscal_year: i32,
    fy_label: String,
    fy_url: String,
    wareki: String,
    weekdays: Vec<&'static str>,
    weeks: Vec<Vec<Option<Cell>>>,
    summary: SummaryView,
    entries: Vec<Entry>,
    projection: bool,
    prev: Option<Link>,
    next: Option<Link>,
    ics: &'static str,
    /// The legend: the usual hours and the days without service, from the rules.
    usual_hours: String,
    closed_days: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearItem {
    fiscal_year: i32,
    label: String,
    range: String,
    annual_fixed: Option<String>,
    annual_deadline: String,
    months: Vec<SummaryView>,
    total: SummaryView,
    entries: Vec<Entry>,
    extension_count: usize,
    extension_limit: usize,
    projection: bool,
    ics: &'static str,
}

struct View<'a> {
    inputs: &'a Inputs<'a>,
}

impl<'a> View<'a> {
    fn new(inputs: &'a Inputs<'a>) -> Self {
        View { inputs }
    }

    fn actor_name(&self, id: &str) -> String {
        self.inputs
            .data
            .actor(id)
            .map_or_else(|| id.to_string(), |a| a.short.clone())
    }

    fn cell(&self, day: &OperatingDay<'_>) -> Cell {
        let today = self.inputs.today;
        let rules = self.inputs.calendar.rules();
        let mut classes = Vec::new();
        match day.weekday() {
            chrono::Weekday::Sun => classes.push("sun"),
            chrono::Weekday::Sat => classes.push("sat"),
            _ => {}
        }
        if day.holiday.is_some() {
            classes.push("holiday");
        }
        if !day.is_online() {
            classes.push("closed");
        }
        if day.extension.is_some() {
            classes.push("extension");
        }
        if day.change.is_some() {
            classes.push("change");
        }
        Cell {
            day: day.date.day(),
            date: day.date.to_string(),
            weekday: weekday::short_name(day.weekday()),
            classes: classes.join(" "),
            online: day.online.map(|s| s.to_string()),
            closed: describe::closed(day, today),
            // A stopped day shows its change mark instead.
            closed_short: day.closed.and_then(|c| match c {
                Closed::YearEnd => Some("年末年始"),
                Closed::Stopped(_) => None,
                _ => Some("休止"),
            }),
            holiday: day.holiday.map(|h| describe::holiday(h, day.date, today)),
            extension: describe::extension_short(day, rules),
            // The new hours are shown as the online hours already.
            change: day.change.map(|c| match c.kind {
                ChangeKind::Stop => c.kind.label(),
                ChangeKind::Hours { .. } => "時間変更",
            }),
            reason: day
                .extension
                .map(|e| e.reason.clone())
                .or_else(|| day.change.map(|c| c.reason.clone())),
        }
    }

    fn summary(&self, s: &MonthSummary, plan: Option<&YearPlan>) -> SummaryView {
        SummaryView {
            label: format!("{}月", s.month),
            wareki: wareki::format_month(s.year, s.month),
            url: month_url(s.year, s.month),
            online_days: s.online_days,
            closed_days: s.closed_days,
            hours: hours(s.online_minutes),
            extensions: s.extensions(),
            stopped_days: s.stopped_days,
            changed_days: s.changed_days,
            fixed: plan
                .and_then(|p| p.month_plan(s.year, s.month))
                .map(|m| wareki::format_date(m.fixed)),
        }
    }

    fn month(&self, year: i32, month: u32, prev: Option<Link>, next: Option<Link>) -> MonthItem {
        let cal = self.inputs.calendar;
        let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default();
        let fy = FiscalYear::of(first);
        let plan = cal.year(fy);
        let lead = first.weekday().num_days_from_sunday() as usize;
        let mut cells: Vec<Option<Cell>> = (0..lead).map(|_| None).collect();
        cells.extend(
            crate::domain::schedule::month_days(year, month).map(|d| Some(self.cell(&cal.day(d)))),
        );
        while !cells.len().is_multiple_of(7) {
            cells.push(None);
        }
        let mut weeks = Vec::new();
        let mut iter = cells.into_iter().peekable();
        while iter.peek().is_some() {
            weeks.push(iter.by_ref().take(7).collect());
        }
        let entries = plan
            .map(|p| self.entries(p, |d| d.year() == year && d.month() == month))
            .unwrap_or_default();
        let rules = cal.rules();
        MonthItem {
            usual_hours: rules.usual_hours_text(),
            closed_days: rules.closed_days_text(),
            fiscal_year: fy.0,
            fy_label: fy.label(),
            fy_url: year_url(fy),
            wareki: wareki::format_month(year, month),
            weekdays: weekday::SUNDAY_FIRST
                .iter()
                .map(|d| weekday::short_name(*d))
                .collect(),
            weeks,
            summary: self.summary(&cal.month_summary(year, month), plan),
            entries,
            projection: crate::domain::holidays::is_projection(year, self.inputs.today),
            prev,
            next,
            ics: ICS_FILE,
        }
    }

    fn year(&self, plan: &YearPlan) -> YearItem {
        let cal = self.inputs.calendar;
        let fy = plan.fiscal_year;
        let (start, end) = cal.fiscal_year_range(fy).unwrap_or((fy.start(), fy.end()));
        let summaries: Vec<MonthSummary> = cal
            .in_service_months(fy)
            .into_iter()
            .map(|(y, m)| cal.month_summary(y, m))
            .collect();
        let total = MonthSummary::total(&summaries);
        let mut total = self.summary(&total, None);
        total.label = "合計".to_string();
        YearItem {
            fiscal_year: fy.0,
            label: plan.label.clone(),
            range: format!(
                "{}〜{}",
                wareki::format_date(start),
                wareki::format_date(end)
            ),
            annual_fixed: plan.annual_fixed.map(wareki::format_date),
            annual_deadline: wareki::format_date(cal.annual_plan_deadline(fy)),
            months: summaries
                .iter()
                .map(|s| self.summary(s, Some(plan)))
                .collect(),
            total,
            entries: self.entries(plan, |_| true),
            extension_count: plan.extensions.len(),
            extension_limit: cal.rules().extension_limit,
            projection: crate::domain::holidays::is_projection(end.year(), self.inputs.today),
            ics: ICS_FILE,
        }
    }

    /// The extensions and changes of a plan whose first day passes `keep`, by date.
    fn entries(&self, plan: &YearPlan, keep: impl Fn(NaiveDate) -> bool) -> Vec<Entry> {
        let mut out: Vec<(NaiveDate, Entry)> = Vec::new();
        for e in plan.extensions.iter().filter(|e| keep(e.date)) {
            out.push((e.date, self.extension_entry(e)));
        }
        for c in plan.changes.iter().filter(|c| keep(c.date)) {
            out.push((c.date, self.change_entry(c)));
        }
        out.sort_by_key(|(d, _)| *d);
        out.into_iter().map(|(_, e)| e).collect()
    }

    fn extension_entry(&self, e: &Extension) -> Entry {
        Entry {
            date: e.date.to_string(),
            when: day_label(e.date),
            kind: format!("延長（{}）", describe::planned_label(e.planned)),
            detail: format!(
                "オンライン終了 {} → {}",
                self.inputs.calendar.rules().online_end,
                e.end(self.inputs.calendar.rules())
            ),
            reason: e.reason.clone(),
            requested_by: self.actor_name(&e.requested_by),
            assessment: e.assessment.clone(),
            options: Vec::new(),
            decision: None,
            request: e.request.as_ref().map(request_text),
            remarks: e.remarks.clone(),
            month_url: month_url(e.date.year(), e.date.month()),
        }
    }

    fn change_entry(&self, c: &Change) -> Entry {
        let when = if c.through == c.date {
            day_label(c.date)
        } else {
            format!("{}〜{}", day_label(c.date), day_label(c.through))
        };
        Entry {
            date: c.date.to_string(),
            when,
            kind: c.kind.label().to_string(),
            detail: describe::change_short(c.kind),
            reason: c.reason.clone(),
            requested_by: self.actor_name(&c.requested_by),
            assessment: None,
            options: c.options.clone(),
            decision: c.decision.clone(),
            request: c.request.as_ref().map(request_text),
            remarks: c.remarks.clone(),
            month_url: month_url(c.date.year(), c.date.month()),
        }
    }
}

/// 令和9年4月5日（月）.
pub fn day_label(date: NaiveDate) -> String {
    format!(
        "{}（{}）",
        wareki::format_date(date),
        weekday::short_name(date.weekday())
    )
}

fn request_text(r: &crate::domain::schedule::Request) -> String {
    let mut text = format!("{} {}", wareki::format_date(r.sent), r.via.label());
    if let Some(t) = &r.ticket {
        text.push_str(&format!("（受付番号 {t}）"));
    }
    text
}

/// 276 hours, or 276.5 when minutes remain.
pub fn hours(minutes: u32) -> String {
    if minutes.is_multiple_of(60) {
        (minutes / 60).to_string()
    } else {
        format!("{:.1}", f64::from(minutes) / 60.0)
    }
}
