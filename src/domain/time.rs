//! Clock times written `HH:MM` in data files and tebiki.yaml.

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `H:MM` or `HH:MM`, 0:00 to 23:59, as [`ClockTime::parse`] accepts it.
pub const CLOCK_PATTERN: &str = "([01]?[0-9]|2[0-3]):[0-5][0-9]";

/// A time of day written `8:30` or `08:30`; `24:00` is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    pub hour: u8,
    pub minute: u8,
}

impl ClockTime {
    pub const fn new(hour: u8, minute: u8) -> Self {
        ClockTime { hour, minute }
    }

    pub fn minutes(self) -> u32 {
        u32::from(self.hour) * 60 + u32::from(self.minute)
    }

    pub fn parse(s: &str) -> Option<ClockTime> {
        let (h, m) = s.trim().split_once(':')?;
        if m.len() != 2 || h.is_empty() || h.len() > 2 {
            return None;
        }
        let hour: u8 = h.parse().ok()?;
        let minute: u8 = m.parse().ok()?;
        (hour < 24 && minute < 60).then_some(ClockTime { hour, minute })
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{:02}", self.hour, self.minute)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ClockTime::parse(&s).ok_or_else(|| {
            // `25:00` is written right but does not exist; say which.
            let shaped = s.trim().split_once(':').is_some_and(|(h, m)| {
                (1..=2).contains(&h.len())
                    && m.len() == 2
                    && h.chars().chain(m.chars()).all(|c| c.is_ascii_digit())
            });
            serde::de::Error::custom(if shaped {
                format!("時刻 `{s}` は存在しません（0:00〜23:59 で書いてください）")
            } else {
                format!("時刻 `{s}` は HH:MM で書いてください（例: 08:30）")
            })
        })
    }
}

impl JsonSchema for ClockTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ClockTime".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": format!("^{CLOCK_PATTERN}$"),
            "description": "時刻（HH:MM、例: 08:30）"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_clock_times() {
        assert_eq!(ClockTime::parse("8:30"), Some(ClockTime::new(8, 30)));
        assert_eq!(ClockTime::parse("20:00").unwrap().to_string(), "20:00");
        assert_eq!(ClockTime::parse("24:00"), None);
        assert_eq!(ClockTime::parse("8:3"), None);
        assert_eq!(ClockTime::new(21, 0).minutes(), 1260);
    }
}
