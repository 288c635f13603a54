//! Date-times written in record files: `2027-01-05 09:12` (local time, JST), and
//! deadlines that may be a whole day (`2027-01-07`, meaning by the end of it).

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A local date and time, to the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(pub NaiveDateTime);

impl Stamp {
    pub fn new(date: NaiveDate, hour: u32, minute: u32) -> Stamp {
        Stamp(
            date.and_hms_opt(hour, minute, 0)
                .unwrap_or(date.and_time(NaiveTime::MIN)),
        )
    }

    pub fn date(self) -> NaiveDate {
        self.0.date()
    }

    /// Accepts `YYYY-MM-DD HH:MM`, with `T` instead of the space, and optional seconds.
    pub fn parse(text: &str) -> Option<Stamp> {
        let text = text.trim();
        for format in [
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%dT%H:%M:%S",
        ] {
            if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
                return Some(Stamp(at));
            }
        }
        None
    }

    /// Whole minutes from `self` to `later` (negative when `later` is earlier).
    pub fn minutes_until(self, later: Stamp) -> i64 {
        (later.0 - self.0).num_minutes()
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d %H:%M"))
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Stamp::parse(&s).ok_or_else(|| {
            // Says whether the value is malformed or names a day or time that does not exist.
            let problem = crate::domain::written::date_time(&s).err();
            serde::de::Error::custom(problem.unwrap_or_else(|| format!("日時 `{s}` は読めません")))
        })
    }
}

impl schemars::JsonSchema for Stamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Stamp".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        crate::json_schema::pattern_string(
            r"^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?$",
            "日時（YYYY-MM-DD HH:MM、例: 2027-01-05 09:30）",
        )
    }
}

/// A deadline: a moment, or a whole day (met by anything up to the end of it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Due {
    Day(NaiveDate),
    At(Stamp),
}

impl Due {
    pub fn date(self) -> NaiveDate {
        match self {
            Due::Day(d) => d,
            Due::At(s) => s.date(),
        }
    }

    /// Whether something done at `at` met the deadline.
    pub fn is_met_by(self, at: Stamp) -> bool {
        match self {
            Due::Day(d) => at.date() <= d,
            Due::At(s) => at <= s,
        }
    }

    /// Whether the deadline has passed on `today` (a day's deadline passes the day after).
    pub fn is_past(self, today: NaiveDate) -> bool {
        match self {
            Due::Day(d) => today > d,
            Due::At(s) => today > s.date(),
        }
    }
}

impl fmt::Display for Due {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Due::Day(d) => write!(f, "{d}"),
            Due::At(s) => write!(f, "{s}"),
        }
    }
}

impl Serialize for Due {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Due {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if let Ok(day) = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
            return Ok(Due::Day(day));
        }
        Stamp::parse(&s).map(Due::At).ok_or_else(|| {
            // A day or a time that does not exist says so; anything else is malformed.
            let written = crate::domain::written::date_time(&s)
                .err()
                .into_iter()
                .chain(crate::domain::written::date(&s).err())
                .find(|p| p.contains("存在しません"));
            serde::de::Error::custom(written.unwrap_or_else(|| {
                format!("期限 `{s}` は YYYY-MM-DD か YYYY-MM-DD HH:MM で書いてください")
            }))
        })
    }
}

impl schemars::JsonSchema for Due {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Due".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        crate::json_schema::pattern_string(
            r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?$",
            "期限（YYYY-MM-DD か YYYY-MM-DD HH:MM）",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn stamps_accept_a_space_or_a_t_and_print_to_the_minute() {
        let a = Stamp::parse("2027-01-05 09:12").unwrap();
        let b = Stamp::parse("2027-01-05T09:12:00").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.to_string(), "2027-01-05 09:12");
        assert_eq!(Stamp::parse("2027-02-30 09:00"), None);
        assert_eq!(Stamp::parse("2027-01-05"), None);
    }

    #[test]
    fn a_whole_day_deadline_is_met_until_midnight() {
        let due = Due::Day(day("2027-01-07"));
        assert!(due.is_met_by(Stamp::parse("2027-01-07 23:59").unwrap()));
        assert!(!due.is_met_by(Stamp::parse("2027-01-08 00:00").unwrap()));
        assert!(!due.is_past(day("2027-01-07")));
        assert!(due.is_past(day("2027-01-08")));
        let at = Due::At(Stamp::parse("2027-01-07 12:00").unwrap());
        assert!(!at.is_met_by(Stamp::parse("2027-01-07 12:01").unwrap()));
    }
}
