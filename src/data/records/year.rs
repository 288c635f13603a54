//! A fiscal year of the contract in figures, for 年間実績報告書 (the annual
//! report for the renewal review, §14③): per month the same figures the
//! monthly reports print — online operation, the four service levels, the
//! records of each kind, the work hours — so the year and its months agree to
//! the minute and the hundredth of a percent.

use chrono::{Datelike, NaiveDate};

use super::work_log::Hours;
use super::{ActionStatus, MeetingKind, Records};
use crate::domain::schedule::{MonthSummary, month_days};
use crate::domain::sla::{Evaluation, SlaSettings};
use crate::domain::{FiscalYear, OperatingCalendar};

/// What a month of the fiscal year is, for the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthState {
    /// Before the service-in month: nothing to report (not zeros).
    BeforeServiceIn,
    /// In service, with records or a service report.
    Reported,
    /// In service, with no record at all (a month still to come, say).
    NoRecords,
}

/// One month of the year.
#[derive(Debug, Clone)]
pub struct MonthFigures {
    pub year: i32,
    pub month: u32,
    pub state: MonthState,
    pub online: MonthSummary,
    pub sla: Evaluation,
    pub inquiries: usize,
    pub incidents: usize,
    pub master_updates: usize,
    pub account_events: usize,
    pub log_investigations: usize,
    pub data_transfers: usize,
    pub meetings: Vec<MeetingKind>,
    pub hours: Hours,
}

/// The action items of the year's meetings, as they stood at its end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Actions {
    pub opened: usize,
    pub closed: usize,
    pub open_at_end: usize,
}

#[derive(Debug, Clone)]
pub struct YearFigures {
    pub fiscal_year: FiscalYear,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// April to March.
    pub months: Vec<MonthFigures>,
    pub actions: Actions,
    /// §8 計画・突発合せ5回/年未満.
    pub extension_limit: usize,
}

impl YearFigures {
    pub fn reported(&self) -> impl Iterator<Item = &MonthFigures> {
        self.months
            .iter()
            .filter(|m| m.state == MonthState::Reported)
    }

    /// The online figures of the months in service.
    pub fn online(&self) -> MonthSummary {
        MonthSummary::total(self.reported().map(|m| &m.online))
    }

    /// The work hours of the year, as the monthly reports add them.
    pub fn hours(&self) -> Hours {
        let mut total = Hours::default();
        for m in self.reported() {
            for (area, minutes) in &m.hours.by_area {
                *total.by_area.entry(*area).or_insert(0) += minutes;
            }
            for (place, minutes) in &m.hours.by_place {
                *total.by_place.entry(*place).or_insert(0) += minutes;
            }
            total.total += m.hours.total;
            total.on_call += m.hours.on_call;
        }
        total
    }

    pub fn count(&self, of: impl Fn(&MonthFigures) -> usize) -> usize {
        self.reported().map(of).sum()
    }
}

impl Records {
    /// The figures of fiscal year `fy`, month by month.
    pub fn year_figures(
        &self,
        fy: FiscalYear,
        calendar: &OperatingCalendar,
        sla: &SlaSettings,
    ) -> YearFigures {
        let first = fy.start();
        let last = fy.end();
        let service_in = calendar.service_in();
        let with_records = self.months();
        let months = (0..12)
            .map(|i| {
                let (year, month) = if i < 9 {
                    (fy.0, 4 + i)
                } else {
                    (fy.0 + 1, i - 8)
                };
                let state = if (year, month) < (service_in.year(), service_in.month()) {
                    MonthState::BeforeServiceIn
                } else if with_records.contains(&(year, month)) {
                    MonthState::Reported
                } else {
                    MonthState::NoRecords
                };
                self.month_figures(year, month, state, calendar, sla)
            })
            .collect();
        YearFigures {
            fiscal_year: fy,
            first,
            last,
            months,
            actions: self.year_actions(first, last),
            extension_limit: calendar.rules().extension_limit,
        }
    }

    fn month_figures(
        &self,
        year: i32,
        month: u32,
        state: MonthState,
        calendar: &OperatingCalendar,
        sla: &SlaSettings,
    ) -> MonthFigures {
        let r = self.for_month(year, month);
        let days: Vec<NaiveDate> = month_days(year, month).collect();
        let (start, end) = (days[0], days[days.len() - 1]);
        MonthFigures {
            year,
            month,
            state,
            online: calendar.month_summary(year, month),
            sla: self.evaluate_sla(year, month, calendar, sla),
            inquiries: r.inquiries.len(),
            incidents: r.incidents.len(),
            master_updates: r.master_updates.len(),
            account_events: r.account_events.len(),
            log_investigations: r.log_investigations.len(),
            data_transfers: r.data_transfers.len(),
            meetings: r.meetings.iter().map(|m| m.kind).collect(),
            hours: Hours::of(&self.work_logs, start, end),
        }
    }

    fn year_actions(&self, first: NaiveDate, last: NaiveDate) -> Actions {
        let mut actions = Actions::default();
        for a in self.actions() {
            if !(first..=last).contains(&a.raised_on) {
                continue;
            }
            actions.opened += 1;
            let closed = a.status != ActionStatus::Open && a.done_on.is_none_or(|d| d <= last);
            if closed {
                actions.closed += 1;
            } else {
                actions.open_at_end += 1;
            }
        }
        actions
    }
}
