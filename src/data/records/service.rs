//! `data/sla/<YYYY-MM>.yaml`: one month of the provider's サービス実績報告書 — the
//! targets and the four service-level figures it reports (§2-⑤ サービスレベル
//! 評価項目), which the contractor evaluates (§4.11①).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::data::Source;
pub use crate::domain::sla::Figures;

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
