//! Actors (organisations and sections), their contact channels, and staff.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::time::{ClockTime, HoursEnd};

/// An organisation or section that takes part in operations (§2-④, §4).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: String,
    pub name: String,
    /// Short name for tables and the RACI matrix.
    pub short: String,
    /// What this actor is in the operation (発注者, 運用管理補助者, …).
    pub role: String,
    /// Whether its work is part of the outsourced operations support.
    pub in_scope: bool,
    pub description: String,
    #[serde(default)]
    pub duties: Duties,
    #[serde(default)]
    pub places: Vec<String>,
}

/// What an actor does, by rhythm, for its role page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Duties {
    #[serde(default)]
    pub daily: Vec<String>,
    #[serde(default)]
    pub monthly: Vec<String>,
    #[serde(default)]
    pub yearly: Vec<String>,
    #[serde(default)]
    pub on_event: Vec<String>,
}

/// A way to reach an actor (§2-⑤ 問合せ・依頼, 緊急連絡).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: String,
    pub actor: String,
    pub name: String,
    pub channel: Channel,
    /// Phone number, e-mail address or URL; absent where the source gives none.
    #[serde(default)]
    pub address: Option<String>,
    pub hours: Hours,
    /// What to use it for.
    #[serde(default)]
    pub purposes: Vec<String>,
    /// What happens outside its hours (翌営業日受付, …).
    #[serde(default)]
    pub after_hours: Option<String>,
    /// Order to try in an emergency (1 first), where the source gives one.
    #[serde(default)]
    pub emergency_priority: Option<u8>,
    #[serde(default)]
    pub notes: Option<String>,
    /// A person's own number or address: left out of the redacted edition.
    #[serde(default)]
    pub personal: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    #[schemars(description = "チャットボット")]
    Chatbot,
    #[schemars(description = "電話")]
    Phone,
    #[schemars(description = "メール")]
    Email,
    #[schemars(description = "電話・メール")]
    PhoneAndEmail,
    #[schemars(description = "Web")]
    Web,
    #[schemars(description = "会議")]
    Meeting,
}

impl Channel {
    pub fn label(self) -> &'static str {
        match self {
            Channel::Chatbot => "チャットボット",
            Channel::Phone => "電話",
            Channel::Email => "メール",
            Channel::PhoneAndEmail => "電話・メール",
            Channel::Web => "Web",
            Channel::Meeting => "会議",
        }
    }
}

/// When a channel is open.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Hours {
    pub days: Days,
    #[serde(default)]
    pub from: Option<ClockTime>,
    #[serde(default)]
    pub to: Option<HoursEnd>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Days {
    /// 平日: Monday to Friday except holidays and 12-29..01-03.
    #[schemars(description = "平日（土日祝日と 12/29〜1/3 を除く）")]
    Weekdays,
    /// Days the system is online.
    #[schemars(description = "オンライン稼働日")]
    OperatingDays,
    /// Around the clock, every day (monitoring).
    #[schemars(description = "24時間365日")]
    Always,
    /// Posted any time, answered later (web forms).
    #[schemars(description = "随時（受付は後日）")]
    Anytime,
}

impl Days {
    pub fn label(self) -> &'static str {
        match self {
            Days::Weekdays => "平日",
            Days::OperatingDays => "オンライン稼働日",
            Days::Always => "24時間365日",
            Days::Anytime => "随時",
        }
    }
}

/// A person. Names, phones and e-mails are personal data: they live only here and
/// are removed from the redacted edition.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    pub id: String,
    pub name: String,
    pub actor: String,
    pub role: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub qualifications: Vec<String>,
    /// §9① 業務を統括し、当区との窓口となる者.
    #[serde(default)]
    pub lead: bool,
    /// §9② 報告・連絡体制: whom this person reports to (a staff id, or an
    /// actor id where a section is meant).
    #[serde(default)]
    pub reports_to: Option<String>,
    /// True for the made-up examples this repository ships with.
    pub fictional: bool,
}
