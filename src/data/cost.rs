//! `data/cost-estimate.yaml`: the cost estimate the RFI asks for (提案依頼事項 1):
//! the contract's fiscal years as columns, cost items as rows (人件費,
//! ツールライセンス費, 教育費, その他経費, …), a first-year amount and a yearly
//! amount from the second year on. Years and rows are data; totals are computed
//! here and written as live formulas in the workbook.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{DATA_DIR, Source};
use crate::diagnostics::{Diagnostics, Location};

pub const COST_FILE: &str = "cost-estimate.yaml";

/// One column: a 年度 of the contract.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostYear {
    /// 令和8年度, say.
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    #[serde(default)]
    pub note: Option<String>,
    /// The work hours planned for the year (all staff), which the annual
    /// report sets the work log's hours against.
    #[serde(default)]
    pub planned_hours: Option<u32>,
}

/// One row: a cost item (性質別内訳).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostRow {
    pub item: String,
    /// What the amount covers (算定根拠).
    #[serde(default)]
    pub detail: Option<String>,
    /// 初年度経費, in yen.
    pub first_year: u64,
    /// 2年度目以降の年額経費, in yen, the same every later year.
    pub yearly: u64,
}

impl CostRow {
    /// The amount of year `index` (0 = the first year).
    pub fn amount(&self, index: usize) -> u64 {
        if index == 0 {
            self.first_year
        } else {
            self.yearly
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostEstimate {
    pub title: String,
    /// Printed under the title (税抜, 例示, …).
    #[serde(default)]
    pub notes: Vec<String>,
    pub years: Vec<CostYear>,
    pub rows: Vec<CostRow>,
    #[serde(skip)]
    pub source: Source,
}

impl CostEstimate {
    /// Total of one year (column).
    pub fn year_total(&self, index: usize) -> u64 {
        self.rows.iter().map(|r| r.amount(index)).sum()
    }

    /// Total of one item over every year (row).
    pub fn row_total(&self, row: &CostRow) -> u64 {
        (0..self.years.len()).map(|i| row.amount(i)).sum()
    }

    /// トータル経費: every item, every year.
    pub fn grand_total(&self) -> u64 {
        self.rows.iter().map(|r| self.row_total(r)).sum()
    }
}

/// Reads `data/cost-estimate.yaml` (absent: `None`), secrets refused first.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<CostEstimate> {
    let shown = Path::new(DATA_DIR).join(COST_FILE);
    if !root.join(&shown).is_file() {
        return None;
    }
    let text = match crate::fs::read_text(&root.join(&shown), &shown) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let value: serde_yaml::Value = match crate::yaml::parse(&text, &shown, 1) {
        Ok(v) => v,
        Err(problems) => {
            diags.extend(problems);
            return None;
        }
    };
    if !super::records::secrets::check_no_secrets(&value, &text, &shown, diags) {
        return None;
    }
    match crate::yaml::parse::<CostEstimate>(&text, &shown, 1) {
        Ok(mut c) => {
            c.source = Source { path: shown, text };
            Some(c)
        }
        Err(problems) => {
            diags.extend(problems);
            None
        }
    }
}

/// The years follow each other without a gap, each inside one 年度; the first
/// starts on the service-in day and there are as many as the contract allows.
pub fn check(
    estimate: &CostEstimate,
    service_in: NaiveDate,
    max_years: u32,
    diags: &mut Diagnostics,
) {
    let s = &estimate.source;
    if estimate.years.is_empty() {
        diags.error(Location::file(&s.path), "years（年度の列）がありません");
        return;
    }
    if estimate.rows.is_empty() {
        diags.error(Location::file(&s.path), "rows（経費の項目）がありません");
    }
    for (i, y) in estimate.years.iter().enumerate() {
        let fy = crate::domain::FiscalYear::of(y.from);
        if y.to < y.from || !fy.contains(y.to) {
            diags.error(
                s.locate("to", &y.to.to_string()),
                format!(
                    "{} の期間（{}〜{}）は一つの年度の中にしてください",
                    y.label, y.from, y.to
                ),
            );
        }
        if let Some(prev) = i.checked_sub(1).map(|p| &estimate.years[p])
            && prev.to.succ_opt() != Some(y.from)
        {
            diags.error(
                s.locate("from", &y.from.to_string()),
                format!(
                    "{} の開始日は前の年度の終了日（{}）の翌日にしてください",
                    y.label, prev.to
                ),
            );
        }
    }
    let first = &estimate.years[0];
    if first.from != service_in {
        diags.warning(
            s.locate("from", &first.from.to_string()),
            format!("初年度の開始日がサービスイン（{service_in}）と違います"),
        );
    }
    if estimate.years.len() != max_years as usize {
        diags.warning(
            s.locate("years", ""),
            format!(
                "年度の数（{}）が契約の最長年度数（tebiki.yaml の contract.max_fiscal_years: {max_years}）と違います",
                estimate.years.len()
            ),
        );
    }
}
