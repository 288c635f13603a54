//! When the nightly-batch parameters of a month must be fixed and uploaded
//! (§2-⑤ 夜間バッチスケジュール運用): before the month by default, or in February
//! for a whole fiscal year.

use chrono::{Datelike, Duration, NaiveDate};

use super::schedule::{OperatingCalendar, month_days};
use super::wareki::FiscalYear;

/// §2-⑤ 月単位で翌月分の…パラメータを確定: the `n`-th business day counted back
/// from the start of the month (1 = the last business day of the previous
/// month). Holidays, weekends and the year-end closure are skipped.
pub fn monthly(cal: &OperatingCalendar, year: i32, month: u32, n: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN);
    let mut day = first;
    let mut found = 0;
    // A year always holds business days; the bound only guards a broken rule set.
    for _ in 0..400 {
        day -= Duration::days(1);
        if cal.is_business_day(day) {
            found += 1;
            if found >= n.max(1) {
                return day;
            }
        }
    }
    first - Duration::days(1)
}

/// §2-⑤ 年単位で実施する場合は、2月に年度単位(4月～翌3月)の…パラメータを確定: the
/// last business day of `month` (2 = February) before the fiscal year starts.
pub fn yearly(cal: &OperatingCalendar, fy: FiscalYear, month: u32) -> NaiveDate {
    let year = if month <= 3 { fy.0 } else { fy.0 - 1 };
    let last = month_days(year, month)
        .last()
        .unwrap_or(fy.start() - Duration::days(1));
    month_days(last.year(), last.month())
        .filter(|d| cal.is_business_day(*d))
        .last()
        .unwrap_or(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Rules;

    fn cal() -> OperatingCalendar {
        let service_in = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        OperatingCalendar::new(Rules::default(), service_in, Vec::new())
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn january_parameters_are_due_before_the_year_end_closure() {
        // 2027-12-29..31 are closed; the 28th is a Tuesday.
        assert_eq!(monthly(&cal(), 2028, 1, 1), d(2027, 12, 28));
    }

    #[test]
    fn a_month_ending_on_a_weekend_moves_the_deadline_to_friday() {
        // 2027-01-31 is a Sunday and the 30th a Saturday.
        assert_eq!(monthly(&cal(), 2027, 2, 1), d(2027, 1, 29));
    }

    #[test]
    fn a_month_ending_on_a_substitute_holiday_moves_the_deadline_back() {
        // 2029-04-29 昭和の日 is a Sunday, so Monday the 30th is 振替休日.
        assert_eq!(monthly(&cal(), 2029, 5, 1), d(2029, 4, 27));
    }

    #[test]
    fn more_business_days_count_back_over_holidays() {
        // Before 2027-05-01: Fri 4-30, Thu 4-29 is 昭和の日, Wed 4-28.
        assert_eq!(monthly(&cal(), 2027, 5, 1), d(2027, 4, 30));
        assert_eq!(monthly(&cal(), 2027, 5, 2), d(2027, 4, 28));
    }

    #[test]
    fn yearly_parameters_are_due_at_the_end_of_february() {
        // 2028-02-29 (leap year) is a Tuesday.
        assert_eq!(yearly(&cal(), FiscalYear(2028), 2), d(2028, 2, 29));
        // 2029-02-28 is a Wednesday; 2032-02-29 a Sunday → Friday the 27th.
        assert_eq!(yearly(&cal(), FiscalYear(2029), 2), d(2029, 2, 28));
        assert_eq!(yearly(&cal(), FiscalYear(2032), 2), d(2032, 2, 27));
    }
}
