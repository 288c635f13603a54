//! The online operating schedule: every day derived from the [`Rules`] and the
//! holidays, changed only by the exceptions recorded per fiscal year (extensions,
//! stops, changed hours). [`OperatingCalendar`] is what the rest of tebiki asks:
//! is this an online day, until when, how many planned minutes, which is the last
//! business day of a month.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

use super::holidays;
use super::rules::Rules;
use super::wareki::FiscalYear;
use crate::domain::ClockTime;

pub mod describe;

/// A stretch of a day, start inclusive, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub start: ClockTime,
    pub end: ClockTime,
}

impl Span {
    pub fn minutes(self) -> u32 {
        self.end.minutes().saturating_sub(self.start.minutes())
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}〜{}", self.start, self.end)
    }
}

/// An extension of the online hours (§2-⑤ 停止時間延長, §8: 計画・突発).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extension {
    pub date: NaiveDate,
    /// The new online end when written; the rules' extended end (21:00) if not.
    pub until: Option<ClockTime>,
    /// 計画 (true) or 突発 (false).
    pub planned: bool,
    pub reason: String,
    /// Actor id of whoever asked for it.
    pub requested_by: String,
    /// §4.1①: the feasibility judgement against the nightly batch and interfaces.
    pub assessment: Option<String>,
    pub request: Option<Request>,
    pub remarks: Option<String>,
}

/// A stop or changed hours asked for by others (§4.1②: システム停止, 連携タイミング変更).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub date: NaiveDate,
    /// Last day, inclusive; the same as `date` for a single day.
    pub through: NaiveDate,
    pub kind: ChangeKind,
    pub reason: String,
    pub requested_by: String,
    /// §4.1②: 対応案 considered, and the one agreed with the ward.
    pub options: Vec<String>,
    pub decision: Option<String>,
    pub request: Option<Request>,
    pub remarks: Option<String>,
}

impl Extension {
    /// The online end on the day: as written, or the rules' extended end.
    pub fn end(&self, rules: &Rules) -> ClockTime {
        self.until.unwrap_or(rules.extended_end)
    }
}

impl Change {
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.date <= date && date <= self.through
    }

    pub fn days(&self) -> impl Iterator<Item = NaiveDate> {
        let through = self.through;
        self.date.iter_days().take_while(move |d| *d <= through)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ChangeKind {
    /// No online service on the day.
    Stop,
    /// Online from `start` to `end` instead of the usual hours.
    Hours { start: ClockTime, end: ClockTime },
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Stop => "オンライン停止",
            ChangeKind::Hours { .. } => "稼働時間変更",
        }
    }
}

/// The change request sent to Fujitsu for an entry: one 作業依頼票 (§4.3③).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Request {
    /// 依頼日.
    pub sent: NaiveDate,
    pub via: RequestChannel,
    /// 受付番号, once the chatbot or the contact center gave one.
    pub ticket: Option<String>,
}

/// §4.3②: チャットボットまたはコンタクトセンター経由での変更依頼.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestChannel {
    Chatbot,
    ContactCenter,
}

impl RequestChannel {
    pub fn label(self) -> &'static str {
        match self {
            RequestChannel::Chatbot => "自治体コミュニティ基盤（チャットボット）",
            RequestChannel::ContactCenter => "コンタクトセンター",
        }
    }
}

/// 月次計画: the hours of a month, decided in the previous month.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthPlan {
    pub year: i32,
    pub month: u32,
    pub fixed: NaiveDate,
}

/// One fiscal year's exceptions and plan dates (`data/schedule/<year>.yaml`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearPlan {
    pub fiscal_year: FiscalYear,
    /// 令和9年度.
    pub label: String,
    /// 年次計画: the day the operating days of the year were tentatively fixed.
    pub annual_fixed: Option<NaiveDate>,
    pub monthly: Vec<MonthPlan>,
    pub extensions: Vec<Extension>,
    pub changes: Vec<Change>,
}

impl YearPlan {
    pub fn new(fiscal_year: FiscalYear) -> Self {
        YearPlan {
            fiscal_year,
            label: fiscal_year.label(),
            annual_fixed: None,
            monthly: Vec::new(),
            extensions: Vec::new(),
            changes: Vec::new(),
        }
    }

    pub fn month_plan(&self, year: i32, month: u32) -> Option<&MonthPlan> {
        self.monthly
            .iter()
            .find(|m| m.year == year && m.month == month)
    }
}

/// Why a day has no online service.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Closed<'a> {
    /// Before the service-in day (§12: 令和9年1月4日).
    BeforeServiceIn,
    /// 年末年始 (12-29..01-03).
    YearEnd,
    /// A national holiday, by name.
    Holiday(&'static str),
    /// A weekday without service (日曜日).
    Weekday(Weekday),
    /// Stopped by a recorded change.
    Stopped(&'a Change),
}

impl Closed<'_> {
    pub fn label(&self) -> String {
        match self {
            Closed::BeforeServiceIn => "サービスイン前".to_string(),
            Closed::YearEnd => "年末年始".to_string(),
            Closed::Holiday(name) => (*name).to_string(),
            Closed::Weekday(day) => super::weekday::long_name(*day),
            Closed::Stopped(change) => format!("停止（{}）", change.reason),
        }
    }

    /// Closed by the rules (a calendar day off), not by a recorded change.
    pub fn is_rule(&self) -> bool {
        !matches!(self, Closed::Stopped(_))
    }
}

/// Everything known about one day.
#[derive(Debug, Clone)]
pub struct OperatingDay<'a> {
    pub date: NaiveDate,
    pub holiday: Option<&'static str>,
    /// Why there is no online service, if there is none.
    pub closed: Option<Closed<'a>>,
    /// The planned online hours.
    pub online: Option<Span>,
    pub extension: Option<&'a Extension>,
    pub change: Option<&'a Change>,
    /// 平日: a contractor weekday that is neither a holiday nor in the year-end closure.
    pub business_day: bool,
    /// §8: the contractor on site, to 21:00 when online runs past 20:00.
    pub contractor: Option<Span>,
    /// §2-⑤: the window for online batches that must not run during business.
    pub offhours_batch: Option<Span>,
    /// §2-⑤: the nightly batch starts after the online end.
    pub nightly_batch_after: Option<ClockTime>,
}

impl OperatingDay<'_> {
    pub fn weekday(&self) -> Weekday {
        self.date.weekday()
    }

    pub fn is_online(&self) -> bool {
        self.online.is_some()
    }

    pub fn online_minutes(&self) -> u32 {
        self.online.map_or(0, Span::minutes)
    }
}

/// Counts for one month, for the monthly summary and the SLA.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MonthSummary {
    pub year: i32,
    pub month: u32,
    /// Days of the month in service (from the service-in day on).
    pub days: u32,
    pub online_days: u32,
    pub closed_days: u32,
    pub online_minutes: u32,
    pub extensions_planned: u32,
    pub extensions_unplanned: u32,
    /// Operating days stopped or with changed hours.
    pub stopped_days: u32,
    pub changed_days: u32,
}

impl MonthSummary {
    pub fn extensions(&self) -> u32 {
        self.extensions_planned + self.extensions_unplanned
    }

    /// The sums of several months (year and month left at zero).
    pub fn total<'a>(months: impl IntoIterator<Item = &'a MonthSummary>) -> MonthSummary {
        let mut total = MonthSummary::default();
        for s in months {
            total.days += s.days;
            total.online_days += s.online_days;
            total.closed_days += s.closed_days;
            total.online_minutes += s.online_minutes;
            total.extensions_planned += s.extensions_planned;
            total.extensions_unplanned += s.extensions_unplanned;
            total.stopped_days += s.stopped_days;
            total.changed_days += s.changed_days;
        }
        total
    }
}

/// The online operating calendar: rules, holidays and the recorded exceptions.
#[derive(Debug, Clone)]
pub struct OperatingCalendar {
    rules: Rules,
    service_in: NaiveDate,
    years: Vec<YearPlan>,
    /// Day → (year index, entry index) of its extension and of its change. When
    /// entries overlap (a `check` error) the first one wins.
    extensions: BTreeMap<NaiveDate, (usize, usize)>,
    changes: BTreeMap<NaiveDate, (usize, usize)>,
}

impl OperatingCalendar {
    pub fn new(rules: Rules, service_in: NaiveDate, mut years: Vec<YearPlan>) -> Self {
        years.sort_by_key(|y| y.fiscal_year);
        let mut extensions = BTreeMap::new();
        let mut changes = BTreeMap::new();
        for (yi, year) in years.iter().enumerate() {
            for (ei, e) in year.extensions.iter().enumerate() {
                extensions.entry(e.date).or_insert((yi, ei));
            }
            for (ci, c) in year.changes.iter().enumerate() {
                for day in c.days() {
                    changes.entry(day).or_insert((yi, ci));
                }
            }
        }
        OperatingCalendar {
            rules,
            service_in,
            years,
            extensions,
            changes,
        }
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    pub fn service_in(&self) -> NaiveDate {
        self.service_in
    }

    /// The fiscal years that have a schedule file, oldest first.
    pub fn years(&self) -> &[YearPlan] {
        &self.years
    }

    pub fn year(&self, fy: FiscalYear) -> Option<&YearPlan> {
        self.years.iter().find(|y| y.fiscal_year == fy)
    }

    /// The days of a fiscal year that are in service: FY 令和8年度 starts on the
    /// service-in day, 2027-01-04.
    pub fn fiscal_year_range(&self, fy: FiscalYear) -> Option<(NaiveDate, NaiveDate)> {
        let start = fy.start().max(self.service_in);
        (start <= fy.end()).then_some((start, fy.end()))
    }

    /// §2-⑤ 年次(12 月末~2月末): by when the operating days of `fy` must be
    /// fixed (the end of February before it starts). The service-in year is
    /// planned during the preparation period instead, before the service-in day.
    pub fn annual_plan_deadline(&self, fy: FiscalYear) -> NaiveDate {
        if fy.start() < self.service_in && self.service_in <= fy.end() {
            return self.service_in - Duration::days(1);
        }
        let month = self.rules.annual_plan_deadline_month;
        let year = if month <= 3 { fy.0 } else { fy.0 - 1 };
        month_days(year, month).last().unwrap_or(fy.start())
    }

    /// Why the rules alone (holidays, weekdays, year-end) give no service on `date`.
    pub fn rule_closure(&self, date: NaiveDate) -> Option<Closed<'_>> {
        let r = &self.rules;
        if date < self.service_in {
            return Some(Closed::BeforeServiceIn);
        }
        if r.in_year_end(date) {
            return Some(Closed::YearEnd);
        }
        if r.closed_on_holidays
            && let Some(h) = holidays::holiday_on(date)
        {
            return Some(Closed::Holiday(h.name));
        }
        if r.closed_weekdays.contains(&date.weekday()) {
            return Some(Closed::Weekday(date.weekday()));
        }
        None
    }

    /// 平日: a contractor weekday that is not a holiday and not in the closure.
    pub fn is_business_day(&self, date: NaiveDate) -> bool {
        self.rules.contractor_weekdays.contains(&date.weekday())
            && !self.rules.in_year_end(date)
            && holidays::holiday_on(date).is_none()
    }

    pub fn extension_on(&self, date: NaiveDate) -> Option<&Extension> {
        self.extensions
            .get(&date)
            .map(|&(y, i)| &self.years[y].extensions[i])
    }

    pub fn change_on(&self, date: NaiveDate) -> Option<&Change> {
        self.changes
            .get(&date)
            .map(|&(y, i)| &self.years[y].changes[i])
    }

    pub fn day(&self, date: NaiveDate) -> OperatingDay<'_> {
        let r = &self.rules;
        let holiday = holidays::holiday_on(date).map(|h| h.name);
        let business_day = self.is_business_day(date) && date >= self.service_in;
        let mut closed = self.rule_closure(date);
        let mut extension = None;
        let mut change = None;
        let mut online = None;
        if closed.is_none() {
            let mut span = r.usual_span(date);
            change = self.change_on(date);
            match change.map(|c| c.kind) {
                Some(ChangeKind::Stop) => closed = change.map(Closed::Stopped),
                Some(ChangeKind::Hours { start, end }) => span = Span { start, end },
                None => {}
            }
            extension = self.extension_on(date);
            if let Some(e) = extension {
                span.end = span.end.max(e.end(r));
            }
            if closed.is_none() {
                online = Some(span);
            }
        }
        let contractor = business_day.then(|| r.contractor_span(date, online.map(|s| s.end)));
        let offhours_batch = online.and_then(|s| {
            let start = s.start.max(r.offhours_batch_start);
            let end = s.end.min(r.offhours_batch_end);
            (start < end).then_some(Span { start, end })
        });
        OperatingDay {
            date,
            holiday,
            closed,
            online,
            extension,
            change,
            business_day,
            contractor,
            offhours_batch,
            nightly_batch_after: online.map(|s| s.end),
        }
    }

    pub fn is_online_day(&self, date: NaiveDate) -> bool {
        self.day(date).is_online()
    }

    /// The months of a fiscal year from the service-in month on.
    pub fn in_service_months(&self, fy: FiscalYear) -> Vec<(i32, u32)> {
        let Some((start, _)) = self.fiscal_year_range(fy) else {
            return Vec::new();
        };
        let first = (start.year(), start.month());
        fy.months().filter(|m| *m >= first).collect()
    }

    /// Planned online minutes of a day (0 on a closed day), for the SLA.
    pub fn planned_online_minutes(&self, date: NaiveDate) -> u32 {
        self.day(date).online_minutes()
    }

    pub fn planned_online_minutes_in_month(&self, year: i32, month: u32) -> u32 {
        month_days(year, month)
            .map(|d| self.planned_online_minutes(d))
            .sum()
    }

    /// The last 平日 of a month (the contractor's and the ward's last working day).
    pub fn last_business_day_of_month(&self, year: i32, month: u32) -> Option<NaiveDate> {
        month_days(year, month)
            .filter(|d| self.is_business_day(*d))
            .last()
    }

    /// The last day of a month with online service.
    pub fn last_online_day_of_month(&self, year: i32, month: u32) -> Option<NaiveDate> {
        month_days(year, month)
            .filter(|d| self.is_online_day(*d))
            .last()
    }

    /// The first online day after `date`, looking at most a year ahead.
    pub fn next_online_day(&self, date: NaiveDate) -> Option<NaiveDate> {
        (1..=366)
            .map(|n| date + Duration::days(n))
            .find(|d| self.is_online_day(*d))
    }

    /// Every day from `from` to `through`, both included.
    pub fn days(
        &self,
        from: NaiveDate,
        through: NaiveDate,
    ) -> impl Iterator<Item = OperatingDay<'_>> {
        from.iter_days()
            .take_while(move |d| *d <= through)
            .map(|d| self.day(d))
    }

    pub fn month_summary(&self, year: i32, month: u32) -> MonthSummary {
        let mut s = MonthSummary {
            year,
            month,
            ..MonthSummary::default()
        };
        for day in month_days(year, month).map(|d| self.day(d)) {
            if day.closed == Some(Closed::BeforeServiceIn) {
                continue;
            }
            s.days += 1;
            if day.is_online() {
                s.online_days += 1;
                s.online_minutes += day.online_minutes();
            } else {
                s.closed_days += 1;
            }
            match day.extension {
                Some(e) if e.planned => s.extensions_planned += 1,
                Some(_) => s.extensions_unplanned += 1,
                None => {}
            }
            match day.change.map(|c| c.kind) {
                Some(ChangeKind::Stop) => s.stopped_days += 1,
                Some(ChangeKind::Hours { .. }) => s.changed_days += 1,
                None => {}
            }
        }
        s
    }
}

/// The days of a calendar month.
pub fn month_days(year: i32, month: u32) -> impl Iterator<Item = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1);
    first
        .into_iter()
        .flat_map(|f| f.iter_days())
        .take_while(move |d| d.month() == month && d.year() == year)
}

#[cfg(test)]
mod tests;
