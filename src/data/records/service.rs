//! `data/sla/<YYYY-MM>.yaml`: one month of the provider's サービス実績報告書 — the
//! targets and the four service-level figures it reports (§2-⑤ サービスレベル
//! 評価項目), which the contractor evaluates (§4.11①).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::data::Source;

/// The four service-level figures, in percent. A figure the report leaves out is
/// absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figures {
    #[serde(default)]
    pub online_availability: Option<f64>,
    #[serde(default)]
    pub batch_execution: Option<f64>,
    #[serde(default)]
    pub inquiry_resolution: Option<f64>,
    #[serde(default)]
    pub incident_notification: Option<f64>,
}

impl Figures {
    /// (key, value) in the order of the source document.
    pub fn entries(&self) -> [(&'static str, Option<f64>); 4] {
        [
            ("online_availability", self.online_availability),
            ("batch_execution", self.batch_execution),
            ("inquiry_resolution", self.inquiry_resolution),
            ("incident_notification", self.incident_notification),
        ]
    }
}

/// One month's service report.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceReport {
    /// `YYYY-MM`, from the file name.
    #[serde(default)]
    pub id: String,
    #[serde(skip)]
    pub year: i32,
    #[serde(skip)]
    pub month: u32,
    /// The day the report was received.
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    /// Targets agreed with the provider.
    pub targets: Figures,
    /// What the report says.
    pub reported: Figures,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

/// `2027-01` → (2027, 1).
pub fn parse_month(text: &str) -> Option<(i32, u32)> {
    let (y, m) = text.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let year: i32 = y.parse().ok()?;
    let month: u32 = m.parse().ok()?;
    (1..=12).contains(&month).then_some((year, month))
}
