//! Japanese national holidays (国民の祝日・振替休日・国民の休日), computed from the
//! rules of the 国民の祝日に関する法律 and its special laws, not typed in.
//!
//! Correct for every date from [`FIRST_YEAR`] to [`LAST_YEAR`] (tested against a
//! published reference list in `tests/reference/`). Only the next calendar year is
//! official: the equinox days are announced each February for the following year,
//! so every later year is a projection ([`is_projection`]).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// The range the rules below are written and tested for.
pub const FIRST_YEAR: i32 = 1990;
pub const LAST_YEAR: i32 = 2099;

/// 振替休日: the day off given for a holiday that falls on a Sunday.
pub const SUBSTITUTE: &str = "振替休日";
/// 国民の休日: a day sandwiched between two holidays.
pub const CITIZENS: &str = "国民の休日";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: &'static str,
}

/// The holidays of `year`, in date order.
pub fn holidays_in_year(year: i32) -> Vec<Holiday> {
    let mut days = statutory_days(year);
    days.sort();
    let substitutes = substitute_days(year, &days);
    let citizens = citizens_days(&days, &substitutes);
    days.extend(substitutes.into_iter().map(|date| Holiday {
        date,
        name: SUBSTITUTE,
    }));
    days.extend(citizens.into_iter().map(|date| Holiday {
        date,
        name: CITIZENS,
    }));
    days.sort();
    days
}

/// The holiday on `date`, if any.
pub fn holiday_on(date: NaiveDate) -> Option<Holiday> {
    // A year has at most ~20 holidays; computing them is cheaper than caching.
    holidays_in_year(date.year())
        .into_iter()
        .find(|h| h.date == date)
}

/// True for a year whose holidays are not yet official at `today`: the Cabinet
/// publishes the equinox days only for the next calendar year.
pub fn is_projection(year: i32, today: NaiveDate) -> bool {
    year > today.year() + 1
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    // Callers pass only days that exist (fixed holidays, computed Mondays).
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid calendar day")
}

/// The `n`th Monday of a month (ハッピーマンデー).
fn nth_monday(year: i32, month: u32, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, n)
        .expect("a month has 4 Mondays")
}

/// Day of March of 春分の日: the standard closed formula, which matches the
/// astronomical computation for every year 1980–2099.
pub fn vernal_equinox_day(year: i32) -> u32 {
    let y = f64::from(year - 1980);
    ((20.8431 + 0.242194 * y).floor() - (y / 4.0).floor()) as u32
}

/// Day of September of 秋分の日 (same formula family as [`vernal_equinox_day`]).
pub fn autumnal_equinox_day(year: i32) -> u32 {
    let y = f64::from(year - 1980);
    ((23.2488 + 0.242194 * y).floor() - (y / 4.0).floor()) as u32
}

/// Adds one holiday (its date and name).
type Add<'a> = dyn FnMut(NaiveDate, &'static str) + 'a;

/// The 国民の祝日 of the year (and the one-off days of special laws), before
/// 振替休日 and 国民の休日 are added.
fn statutory_days(year: i32) -> Vec<Holiday> {
    let mut days = Vec::with_capacity(20);
    let mut add = |date: NaiveDate, name: &'static str| days.push(Holiday { date, name });
    january_to_may(year, &mut add);
    july_to_october(year, &mut add);
    november_to_december(year, &mut add);
    special_law_days(year, &mut add);
    days
}

/// 元日 to こどもの日.
fn january_to_may(year: i32, add: &mut Add<'_>) {
    add(ymd(year, 1, 1), "元日");
    // 成人の日: 1/15, the second Monday of January from 2000 (Happy Monday).
    add(
        if year >= 2000 {
            nth_monday(year, 1, 2)
        } else {
            ymd(year, 1, 15)
        },
        "成人の日",
    );
    add(ymd(year, 2, 11), "建国記念の日");
    // 天皇誕生日 of the present emperor from 2020; 12/23 until 2018; none in 2019.
    if year >= 2020 {
        add(ymd(year, 2, 23), "天皇誕生日");
    }
    add(ymd(year, 3, vernal_equinox_day(year)), "春分の日");
    // 4/29 was みどりの日 until 2006, 昭和の日 from 2007, when みどりの日 moved to 5/4.
    if year >= 2007 {
        add(ymd(year, 4, 29), "昭和の日");
        add(ymd(year, 5, 4), "みどりの日");
    } else {
        add(ymd(year, 4, 29), "みどりの日");
    }
    add(ymd(year, 5, 3), "憲法記念日");
    add(ymd(year, 5, 5), "こどもの日");
}

/// 海の日 to スポーツの日: the Happy Monday and Olympic moves.
fn july_to_october(year: i32, add: &mut Add<'_>) {
    // 海の日 from 1996: 7/20, the third Monday of July from 2003; moved for the
    // Tokyo Olympics in 2020 and 2021.
    match year {
        2020 => add(ymd(year, 7, 23), "海の日"),
        2021 => add(ymd(year, 7, 22), "海の日"),
        2003.. => add(nth_monday(year, 7, 3), "海の日"),
        1996.. => add(ymd(year, 7, 20), "海の日"),
        _ => {}
    }
    // 山の日 from 2016, moved in 2020 and 2021.
    match year {
        2020 => add(ymd(year, 8, 10), "山の日"),
        2021 => add(ymd(year, 8, 8), "山の日"),
        2016.. => add(ymd(year, 8, 11), "山の日"),
        _ => {}
    }
    // 敬老の日: 9/15, the third Monday of September from 2003.
    add(
        if year >= 2003 {
            nth_monday(year, 9, 3)
        } else {
            ymd(year, 9, 15)
        },
        "敬老の日",
    );
    add(ymd(year, 9, autumnal_equinox_day(year)), "秋分の日");
    // 体育の日: 10/10, the second Monday of October from 2000; renamed スポーツの日
    // in 2020 and moved for the Olympics in 2020 and 2021.
    match year {
        2020 => add(ymd(year, 7, 24), "スポーツの日"),
        2021 => add(ymd(year, 7, 23), "スポーツの日"),
        2022.. => add(nth_monday(year, 10, 2), "スポーツの日"),
        2000.. => add(nth_monday(year, 10, 2), "体育の日"),
        _ => add(ymd(year, 10, 10), "体育の日"),
    }
}

/// 文化の日 to the pre-2019 天皇誕生日.
fn november_to_december(year: i32, add: &mut Add<'_>) {
    add(ymd(year, 11, 3), "文化の日");
    add(ymd(year, 11, 23), "勤労感謝の日");
    if year <= 2018 {
        add(ymd(year, 12, 23), "天皇誕生日");
    }
}

/// One-off days of special laws.
fn special_law_days(year: i32, add: &mut Add<'_>) {
    match year {
        1990 => add(ymd(1990, 11, 12), "即位礼正殿の儀"),
        1993 => add(ymd(1993, 6, 9), "皇太子徳仁親王の結婚の儀"),
        2019 => {
            add(ymd(2019, 5, 1), "天皇の即位の日");
            add(ymd(2019, 10, 22), "即位礼正殿の儀");
        }
        _ => {}
    }
}

/// 振替休日. Until 2006 a holiday on a Sunday gave the Monday off; from 2007 it
/// gives the first following day that is not itself a holiday (so a Sunday 5/3
/// gives 5/6).
fn substitute_days(year: i32, days: &[Holiday]) -> Vec<NaiveDate> {
    let is_holiday = |d: NaiveDate| days.iter().any(|h| h.date == d);
    let mut out = Vec::new();
    for h in days.iter().filter(|h| h.date.weekday() == Weekday::Sun) {
        let mut next = h.date + Duration::days(1);
        if year >= 2007 {
            while is_holiday(next) {
                next += Duration::days(1);
            }
        } else if is_holiday(next) {
            continue;
        }
        if !out.contains(&next) {
            out.push(next);
        }
    }
    out
}

/// 国民の休日: a day that is not a holiday itself but lies between two 国民の祝日.
/// Until 2006 a Sunday or a 振替休日 was excluded (the pre-2007 5/4).
fn citizens_days(days: &[Holiday], substitutes: &[NaiveDate]) -> Vec<NaiveDate> {
    let is_holiday = |d: NaiveDate| days.iter().any(|h| h.date == d);
    let mut out = Vec::new();
    for pair in days.windows(2) {
        let between = pair[0].date + Duration::days(1);
        let sandwiched = pair[1].date == between + Duration::days(1);
        if !sandwiched || is_holiday(between) || substitutes.contains(&between) {
            continue;
        }
        if between.year() < 2007 && between.weekday() == Weekday::Sun {
            continue;
        }
        out.push(between);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(y: i32, m: u32, d: u32) -> Option<&'static str> {
        holiday_on(ymd(y, m, d)).map(|h| h.name)
    }

    #[test]
    fn holiday_on_sunday_gives_monday_substitute() {
        // 2027-03-21 春分の日 is a Sunday.
        assert_eq!(name(2027, 3, 21), Some("春分の日"));
        assert_eq!(name(2027, 3, 22), Some(SUBSTITUTE));
    }

    #[test]
    fn substitute_skips_following_holidays_from_2007() {
        // 2008-05-04 みどりの日 (Sunday) → 5/5 is こどもの日, so 5/6 is the substitute.
        assert_eq!(name(2008, 5, 6), Some(SUBSTITUTE));
        // Before 2007 a Sunday 5/3 made 5/4 a substitute, not a 国民の休日.
        assert_eq!(name(1998, 5, 4), Some(SUBSTITUTE));
    }

    #[test]
    fn golden_week_2019_has_ten_days_off() {
        for d in 27..=30 {
            let date = ymd(2019, 4, d);
            let off = date.weekday() == Weekday::Sat
                || date.weekday() == Weekday::Sun
                || holiday_on(date).is_some();
            assert!(off, "{date}");
        }
        for d in 1..=6 {
            assert!(name(2019, 5, d).is_some(), "2019-05-{d}");
        }
        assert_eq!(name(2019, 4, 30), Some(CITIZENS));
        assert_eq!(name(2019, 5, 1), Some("天皇の即位の日"));
        assert_eq!(name(2019, 5, 2), Some(CITIZENS));
        assert_eq!(name(2019, 10, 22), Some("即位礼正殿の儀"));
    }

    #[test]
    fn no_emperors_birthday_in_2019() {
        assert_eq!(name(2018, 12, 23), Some("天皇誕生日"));
        assert_eq!(name(2019, 12, 23), None);
        assert_eq!(name(2019, 2, 23), None);
        assert_eq!(name(2020, 2, 23), Some("天皇誕生日"));
    }

    #[test]
    fn olympic_years_move_three_holidays() {
        assert_eq!(name(2020, 7, 23), Some("海の日"));
        assert_eq!(name(2020, 7, 24), Some("スポーツの日"));
        assert_eq!(name(2020, 8, 10), Some("山の日"));
        assert_eq!(name(2020, 10, 12), None);
        assert_eq!(name(2021, 7, 22), Some("海の日"));
        assert_eq!(name(2021, 7, 23), Some("スポーツの日"));
        assert_eq!(name(2021, 8, 8), Some("山の日"));
        assert_eq!(name(2021, 8, 9), Some(SUBSTITUTE));
        assert_eq!(name(2021, 8, 11), None);
    }

    #[test]
    fn september_citizens_holiday_of_2026() {
        assert_eq!(name(2026, 9, 21), Some("敬老の日"));
        assert_eq!(name(2026, 9, 22), Some(CITIZENS));
        assert_eq!(name(2026, 9, 23), Some("秋分の日"));
    }

    #[test]
    fn happy_monday_starts_in_2000_and_2003() {
        assert_eq!(name(1999, 1, 15), Some("成人の日"));
        assert_eq!(name(2000, 1, 10), Some("成人の日"));
        assert_eq!(name(1999, 10, 10), Some("体育の日"));
        assert_eq!(name(2000, 10, 9), Some("体育の日"));
        assert_eq!(name(2002, 7, 20), Some("海の日"));
        assert_eq!(name(2003, 7, 21), Some("海の日"));
        assert_eq!(name(2002, 9, 15), Some("敬老の日"));
        assert_eq!(name(2003, 9, 15), Some("敬老の日"));
        assert_eq!(name(2004, 9, 20), Some("敬老の日"));
    }

    #[test]
    fn one_off_days_of_1990_and_1993() {
        assert_eq!(name(1990, 11, 12), Some("即位礼正殿の儀"));
        assert_eq!(name(1993, 6, 9), Some("皇太子徳仁親王の結婚の儀"));
        assert_eq!(name(1994, 6, 9), None);
    }

    #[test]
    fn equinoxes_follow_the_closed_formula() {
        assert_eq!(vernal_equinox_day(2027), 21);
        assert_eq!(autumnal_equinox_day(2027), 23);
        assert_eq!(vernal_equinox_day(2092), 19);
        assert_eq!(autumnal_equinox_day(2012), 22);
    }

    #[test]
    fn only_years_after_the_next_are_projections() {
        let today = ymd(2026, 11, 25);
        assert!(!is_projection(2026, today));
        assert!(!is_projection(2027, today));
        assert!(is_projection(2028, today));
    }
}
