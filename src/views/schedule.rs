//! The days the "who to contact now" panel needs: for each date, whether it is a
//! business day (平日) and when online service ends (or that there is none).
//!
//! SEAM: this is a stand-in until the operating calendar (src/domain/, branch
//! `calendar`) is merged. Only [`plan_days`] knows the rules; switch its body to
//! the calendar's API (business days, online end per day including extensions)
//! and nothing else changes: the panel's JSON and script stay as they are.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::data::time::ClockTime;

/// §2-⑤: online service 8:00–20:00 (extension to 21:00 is planned per day).
pub const ONLINE_END: ClockTime = ClockTime::new(20, 0);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayPlan {
    pub date: NaiveDate,
    /// 平日: Monday to Friday, not a holiday, not 12-29..01-03.
    pub business_day: bool,
    /// When online service ends that day; `None` when there is none.
    pub online_end: Option<ClockTime>,
}

/// Every day from `from` to `to` (both included).
pub fn plan_days(from: NaiveDate, to: NaiveDate) -> Vec<DayPlan> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .map(|date| {
            let closed = is_year_end_closure(date) || is_fixed_holiday(date);
            let sunday = date.weekday() == Weekday::Sun;
            let saturday = date.weekday() == Weekday::Sat;
            DayPlan {
                date,
                business_day: !closed && !sunday && !saturday,
                // §2-⑤: no online service on Sundays, holidays and 12-29..01-03;
                // Saturdays are not excluded by the source.
                online_end: (!closed && !sunday).then_some(ONLINE_END),
            }
        })
        .collect()
}

/// §2-⑤: 年末年始（12月29日～1月3日）.
fn is_year_end_closure(date: NaiveDate) -> bool {
    (date.month() == 12 && date.day() >= 29) || (date.month() == 1 && date.day() <= 3)
}

/// Stand-in: national holidays on fixed dates only (no Happy Monday, equinoxes or
/// substitute holidays); the calendar module replaces this with the full rules.
fn is_fixed_holiday(date: NaiveDate) -> bool {
    matches!(
        (date.month(), date.day()),
        (1, 1)
            | (2, 11)
            | (2, 23)
            | (4, 29)
            | (5, 3)
            | (5, 4)
            | (5, 5)
            | (8, 11)
            | (11, 3)
            | (11, 23)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn year_end_and_sundays_have_no_online_service() {
        let days = plan_days(day(2026, 12, 28), day(2027, 1, 5));
        assert_eq!(days.len(), 9);
        assert_eq!(days[0].online_end, Some(ONLINE_END)); // Mon 12-28
        assert!(days[1..7].iter().all(|d| d.online_end.is_none())); // 12-29..01-03
        assert!(days[7].business_day); // Mon 2027-01-04, service-in
        let saturday = plan_days(day(2027, 1, 9), day(2027, 1, 10));
        assert!(!saturday[0].business_day && saturday[0].online_end.is_some());
        assert!(saturday[1].online_end.is_none()); // Sunday
    }
}
