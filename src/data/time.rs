//! Times written in data files beyond a plain clock time: the end of a contact
//! channel's hours, which may be "until the online end time".

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use crate::domain::time::{CLOCK_PATTERN, ClockTime};

/// The end of a channel's hours: a clock time or "until the online end time of the
/// day" (緊急連絡窓口, §2-⑤).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoursEnd {
    At(ClockTime),
    OnlineEnd,
}

const ONLINE_END: &str = "online_end";

impl Serialize for HoursEnd {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            HoursEnd::At(t) => t.serialize(s),
            HoursEnd::OnlineEnd => s.serialize_str(ONLINE_END),
        }
    }
}

impl<'de> Deserialize<'de> for HoursEnd {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s == ONLINE_END {
            return Ok(HoursEnd::OnlineEnd);
        }
        ClockTime::parse(&s).map(HoursEnd::At).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "終了時刻 `{s}` は HH:MM か {ONLINE_END}（オンライン終了時刻まで）で書いてください"
            ))
        })
    }
}

impl JsonSchema for HoursEnd {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "HoursEnd".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": format!("^({CLOCK_PATTERN}|{ONLINE_END})$"),
            "description": format!("終了時刻（HH:MM）か {ONLINE_END}（オンライン終了時刻まで）")
        })
    }
}
