//! The days the "who to contact now" panel needs: for each date, whether it is a
//! business day (平日) and when online service ends (or that there is none).
//!
//! Both come from the operating calendar (src/domain/schedule.rs), so holidays,
//! stops and extensions to 21:00 are the ones the schedule plans.

use chrono::NaiveDate;

use crate::domain::ClockTime;
use crate::domain::OperatingCalendar;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayPlan {
    pub date: NaiveDate,
    /// 平日: Monday to Friday, not a holiday, not 12-29..01-03.
    pub business_day: bool,
    /// When online service ends that day; `None` when there is none.
    pub online_end: Option<ClockTime>,
}

/// Every day from `from` to `to` (both included).
pub fn plan_days(calendar: &OperatingCalendar, from: NaiveDate, to: NaiveDate) -> Vec<DayPlan> {
    from.iter_days()
        .take_while(|d| *d <= to)
        .map(|date| DayPlan {
            date,
            business_day: calendar.is_business_day(date),
            online_end: calendar.day(date).online.map(|span| span.end),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn days_follow_the_operating_calendar() {
        let calendar = OperatingCalendar::new(Default::default(), day(2026, 1, 5), Vec::new());
        let days = plan_days(&calendar, day(2026, 12, 28), day(2027, 1, 5));
        assert_eq!(days.len(), 9);
        assert_eq!(days[0].online_end, Some(ClockTime::new(20, 0))); // Mon 12-28
        assert!(days[1..7].iter().all(|d| d.online_end.is_none())); // 12-29..01-03
        assert!(days[7].business_day); // Mon 2027-01-04, service-in
        let saturday = plan_days(&calendar, day(2027, 1, 9), day(2027, 1, 11));
        assert!(!saturday[0].business_day && saturday[0].online_end.is_some());
        assert!(saturday[1].online_end.is_none()); // Sunday
        // 成人の日 (second Monday of January): a Happy Monday holiday.
        assert!(!saturday[2].business_day && saturday[2].online_end.is_none());
    }
}
