//! `batches:` in tebiki.yaml: how the ward fixes the nightly-batch parameters,
//! their deadlines, and the layout and encoding of the parameter file.

use serde::{Deserialize, Serialize};

use crate::encoding::Encoding;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct BatchConfig {
    /// §2-⑤: 月単位 (monthly) or 年単位 (yearly, fixed in February). Decides the
    /// deadline of a month that has no parameter file yet.
    pub cycle: Cycle,
    /// A month's parameters are due this many business days before it starts:
    /// 1 is the last business day of the previous month.
    pub monthly_deadline_business_days: u32,
    /// Yearly: due by the last business day of this month before the fiscal
    /// year (2 = 2月, §2-⑤ 2月に年度単位…のパラメータを確定).
    pub yearly_deadline_month: u32,
    /// A notice to staff goes out this many business days before the run,
    /// unless the plan gives its own day.
    pub notice_business_days: u32,
    pub param_file: ParamFileConfig,
}

impl Default for BatchConfig {
    fn default() -> Self {
        BatchConfig {
            cycle: Cycle::Monthly,
            monthly_deadline_business_days: 1,
            yearly_deadline_month: 2,
            notice_business_days: 5,
            param_file: ParamFileConfig::default(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Cycle {
    Monthly,
    Yearly,
}

/// The external parameter file (成果物②), written for the parameter-file tool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ParamFileConfig {
    /// Tera template below `templates/` that lays out the file.
    pub template: String,
    pub encoding: Encoding,
    pub line_ending: LineEnding,
    /// File name below `output/params/`; `{period}` becomes `2027-05` or `2028`.
    pub name: String,
}

impl Default for ParamFileConfig {
    fn default() -> Self {
        ParamFileConfig {
            template: "batch-params/param-file.txt".to_string(),
            encoding: Encoding::Cp932,
            line_ending: LineEnding::Crlf,
            name: "yakan-param-{period}.txt".to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LineEnding {
    Crlf,
    Lf,
}

impl BatchConfig {
    /// Problems with the values, as (key, message), for tebiki.yaml's checks.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if !(1..=12).contains(&self.yearly_deadline_month) {
            out.push((
                "yearly_deadline_month",
                "batches.yearly_deadline_month は 1〜12 の月にしてください".to_string(),
            ));
        }
        if !(1..=20).contains(&self.monthly_deadline_business_days) {
            out.push((
                "monthly_deadline_business_days",
                "batches.monthly_deadline_business_days は 1〜20 の営業日数にしてください（1 = 前月の最終営業日）".to_string(),
            ));
        }
        if self.notice_business_days > 60 {
            out.push((
                "notice_business_days",
                "batches.notice_business_days は 60 営業日以内にしてください".to_string(),
            ));
        }
        let name = &self.param_file.name;
        let bad_name = name.is_empty()
            || name.contains(['/', '\\'])
            || name.starts_with('.')
            || !name.contains("{period}");
        if bad_name {
            out.push((
                "name",
                "batches.param_file.name はフォルダを含まないファイル名で、{period} を含めてください（例: yakan-param-{period}.txt）".to_string(),
            ));
        }
        if self.param_file.template.contains("..") || self.param_file.template.starts_with('/') {
            out.push((
                "template",
                "batches.param_file.template は templates/ の下のパスにしてください".to_string(),
            ));
        }
        out
    }

    pub fn file_name(&self, period: &str) -> String {
        self.param_file.name.replace("{period}", period)
    }
}
