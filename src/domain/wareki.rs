//! 和暦 (Japanese era dates) and 年度 (the April–March fiscal year), in the forms
//! Japanese government documents use: 令和8年11月25日, 令和元年, 令和9年度, R8.11.25.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Era {
    Showa,
    Heisei,
    Reiwa,
}

impl Era {
    /// Newest first, for lookups.
    const ALL: [Era; 3] = [Era::Reiwa, Era::Heisei, Era::Showa];

    pub fn name(self) -> &'static str {
        match self {
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// The letter of the short form (R8.11.25).
    pub fn initial(self) -> &'static str {
        match self {
            Era::Showa => "S",
            Era::Heisei => "H",
            Era::Reiwa => "R",
        }
    }

    /// The first day of the era. Reiwa began on 2019-05-01, so 2019-04-30 is 平成31年.
    pub fn start(self) -> NaiveDate {
        let (y, m, d) = match self {
            Era::Showa => (1926, 12, 25),
            Era::Heisei => (1989, 1, 8),
            Era::Reiwa => (2019, 5, 1),
        };
        NaiveDate::from_ymd_opt(y, m, d).expect("era start is a valid date")
    }

    /// The era in force on `date`; `None` before 昭和.
    pub fn of(date: NaiveDate) -> Option<Era> {
        Era::ALL.into_iter().find(|e| date >= e.start())
    }

    /// Year of this era for the Gregorian `year` (1 for the year the era began).
    pub fn year_of(self, year: i32) -> i32 {
        year - self.start().year() + 1
    }
}

/// 令和8年, with 元年 for the first year of an era.
pub fn era_year(era: Era, n: i32) -> String {
    if n == 1 {
        format!("{}元年", era.name())
    } else {
        format!("{}{n}年", era.name())
    }
}

/// 令和8年11月25日. Dates before 昭和 keep the Gregorian year (1900年1月1日).
pub fn format_date(date: NaiveDate) -> String {
    match Era::of(date) {
        Some(era) => format!(
            "{}{}月{}日",
            era_year(era, era.year_of(date.year())),
            date.month(),
            date.day()
        ),
        None => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
    }
}

/// The short form for tables: R8.11.25 (元年 is written 1: R1.5.1).
pub fn format_short(date: NaiveDate) -> String {
    match Era::of(date) {
        Some(era) => format!(
            "{}{}.{}.{}",
            era.initial(),
            era.year_of(date.year()),
            date.month(),
            date.day()
        ),
        None => date.format("%Y.%-m.%-d").to_string(),
    }
}

/// 令和9年4月, by the era in force on the first day of the month.
pub fn format_month(year: i32, month: u32) -> String {
    match NaiveDate::from_ymd_opt(year, month, 1) {
        Some(first) => {
            let date = format_date(first);
            // Cut "1日" off "令和9年4月1日".
            date.strip_suffix("1日").unwrap_or(&date).to_string()
        }
        None => format!("{year}年{month}月"),
    }
}

/// A fiscal year (年度), April to March, named by the calendar year it starts in:
/// `FiscalYear(2027)` is 令和9年度, 2027-04-01..2028-03-31.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FiscalYear(pub i32);

impl FiscalYear {
    pub fn of(date: NaiveDate) -> FiscalYear {
        if date.month() >= 4 {
            FiscalYear(date.year())
        } else {
            FiscalYear(date.year() - 1)
        }
    }

    pub fn start(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 4, 1).expect("April 1st exists")
    }

    pub fn end(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 3, 31).expect("March 31st exists")
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        FiscalYear::of(date) == self
    }

    pub fn next(self) -> FiscalYear {
        FiscalYear(self.0 + 1)
    }

    /// The twelve (year, month) pairs of the fiscal year, April first.
    pub fn months(self) -> impl Iterator<Item = (i32, u32)> {
        let y = self.0;
        (4..=12)
            .map(move |m| (y, m))
            .chain((1..=3).map(move |m| (y + 1, m)))
    }

    /// The era and its year that name this fiscal year. A fiscal year in which
    /// the era changed takes the new era when its first year falls in it
    /// (2019-04..2020-03 is 令和元年度), otherwise the old one (1988 is 昭和63年度).
    pub fn era_year(self) -> (Era, i32) {
        let new = Era::of(self.end()).unwrap_or(Era::Showa);
        if new.year_of(self.0) >= 1 {
            (new, new.year_of(self.0))
        } else {
            let old = Era::of(self.start()).unwrap_or(Era::Showa);
            (old, old.year_of(self.0))
        }
    }

    /// 令和9年度, 令和元年度.
    pub fn label(self) -> String {
        let (era, n) = self.era_year();
        format!("{}度", era_year(era, n))
    }

    /// R9年度, for narrow table cells.
    pub fn short_label(self) -> String {
        let (era, n) = self.era_year();
        format!("{}{n}年度", era.initial())
    }
}

impl fmt::Display for FiscalYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl Serialize for FiscalYear {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn formats_dates_in_wareki() {
        assert_eq!(format_date(d(2026, 11, 25)), "令和8年11月25日");
        assert_eq!(format_date(d(2027, 1, 4)), "令和9年1月4日");
        assert_eq!(format_short(d(2026, 11, 25)), "R8.11.25");
        assert_eq!(format_month(2027, 4), "令和9年4月");
    }

    #[test]
    fn reiwa_starts_on_2019_05_01() {
        assert_eq!(format_date(d(2019, 4, 30)), "平成31年4月30日");
        assert_eq!(format_date(d(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(format_short(d(2019, 5, 1)), "R1.5.1");
        assert_eq!(format_month(2019, 4), "平成31年4月");
        assert_eq!(format_month(2019, 5), "令和元年5月");
    }

    #[test]
    fn heisei_starts_on_1989_01_08() {
        assert_eq!(format_date(d(1989, 1, 7)), "昭和64年1月7日");
        assert_eq!(format_date(d(1989, 1, 8)), "平成元年1月8日");
        assert_eq!(format_date(d(1990, 1, 1)), "平成2年1月1日");
    }

    #[test]
    fn fiscal_year_runs_april_to_march() {
        assert_eq!(FiscalYear::of(d(2027, 3, 31)), FiscalYear(2026));
        assert_eq!(FiscalYear::of(d(2027, 4, 1)), FiscalYear(2027));
        assert_eq!(FiscalYear(2027).label(), "令和9年度");
        assert_eq!(FiscalYear(2026).label(), "令和8年度");
        assert_eq!(FiscalYear(2027).short_label(), "R9年度");
        assert_eq!(FiscalYear(2027).end(), d(2028, 3, 31));
        let months: Vec<_> = FiscalYear(2027).months().collect();
        assert_eq!(months.first(), Some(&(2027, 4)));
        assert_eq!(months.last(), Some(&(2028, 3)));
        assert_eq!(months.len(), 12);
    }

    #[test]
    fn fiscal_year_of_an_era_change_takes_the_right_era() {
        assert_eq!(FiscalYear(2019).label(), "令和元年度");
        assert_eq!(FiscalYear(2018).label(), "平成30年度");
        assert_eq!(FiscalYear(1989).label(), "平成元年度");
        assert_eq!(FiscalYear(1988).label(), "昭和63年度");
    }
}
