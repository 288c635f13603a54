//! ④ アカウント・組織・権限管理台帳 (§4.10): one account per person, its
//! organisation, role and permissions, and every register/update/delete; and the
//! per-fiscal-year rosters the 年度切替 bulk registration is computed from.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::data::Source;

labelled_enum! {
    /// §4.10②: 登録・更新・削除.
    Operation {
        Register => "登録",
        Update => "更新",
        Delete => "削除",
    }
}

/// One change made to an account on the online screen or by bulk registration.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountEvent {
    pub date: NaiveDate,
    pub operation: Operation,
    pub detail: String,
    /// A staff id (the contractor's operator) or an actor id (the provider, for a
    /// bulk registration).
    pub by: String,
    /// The inquiry record of the chatbot request, for a bulk registration.
    #[serde(default)]
    pub request: Option<String>,
}

/// One account (§4.10①): the business-system account and the cloud-domain
/// (file server) account are the same, one per person. No password, ever.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Account {
    #[serde(default)]
    pub id: String,
    /// The user ID of the business system and the file server.
    pub user_id: String,
    /// The holder: a staff id of `data/staff.yaml`.
    pub person: String,
    pub organisation: String,
    pub role: String,
    #[serde(default)]
    pub permissions: Vec<String>,
    pub valid_from: NaiveDate,
    #[serde(default)]
    pub valid_to: Option<NaiveDate>,
    pub history: Vec<AccountEvent>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

impl Account {
    pub fn is_valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }

    /// Two validity spans share a day.
    pub fn overlaps(&self, other: &Account) -> bool {
        let ends_before = |a: &Account, b: &Account| a.valid_to.is_some_and(|to| to < b.valid_from);
        !ends_before(self, other) && !ends_before(other, self)
    }
}

/// One line of a fiscal year's roster: who holds which account where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RosterEntry {
    /// A staff id.
    pub person: String,
    pub user_id: String,
    pub organisation: String,
    pub role: String,
    #[serde(default)]
    pub permissions: Vec<String>,
}

/// The organisation and permissions of every account holder for one 年度
/// (`data/records/rosters/fy<year>.yaml`), from the ward's 組織・職員情報.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    #[serde(default)]
    pub id: String,
    /// The fiscal year, by the calendar year it starts in (2027 = 令和9年度).
    pub fiscal_year: i32,
    /// The day the ward gave the roster.
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    pub members: Vec<RosterEntry>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}
