//! `data/batches/<section>.yaml`: the batch job catalog, one file per business
//! section (資格, 賦課, 収納, 給付, 共通), each job with its kind, runner, time
//! window, prerequisites and parameters.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize};

use crate::data::schedule::parse_date;

/// A business section that owns batch jobs: the file `data/batches/<id>.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The file stem: `shikaku` for `data/batches/shikaku.yaml`.
    pub id: String,
    /// The business the jobs belong to: 資格, 賦課, 収納, 給付, 共通.
    pub business: String,
    /// The section's name: 国保年金課 資格係.
    pub name: String,
    /// The actor (data/actors.yaml) the section belongs to: usually `gyomu`.
    pub actor: String,
    /// The name is an example the source does not give (例示).
    pub illustrative: bool,
    pub jobs: Vec<Job>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSection {
    pub business: String,
    pub section: RawSectionName,
    #[serde(default)]
    pub jobs: Vec<Job>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSectionName {
    pub name: String,
    pub actor: String,
    #[serde(default)]
    pub illustrative: bool,
}

/// One batch job of the catalog.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Job {
    /// Written in the parameter file and in URLs: letters, digits, `-`, `_`.
    pub id: String,
    pub name: String,
    pub kind: JobKind,
    /// The actor (data/actors.yaml) that starts it: the system operator for the
    /// nightly batch, the business section, or the contractor.
    pub runner: String,
    pub window: Window,
    /// When it is run, in words: 毎月第1稼働日, 毎年6月（本算定）.
    pub timing: String,
    /// One line: what it does.
    pub summary: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Jobs that must have finished before it starts.
    #[serde(default)]
    pub after: Vec<String>,
    /// Conditions in words that must hold before it starts.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Jobs that follow it.
    #[serde(default)]
    pub followed_by: Vec<String>,
    /// Reports and data it produces.
    #[serde(default)]
    pub outputs: Vec<String>,
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    /// What staff must do or avoid on the day (for the notice).
    #[serde(default)]
    pub staff_notes: Vec<String>,
    /// What to do when it fails, step by step.
    pub on_failure: Vec<String>,
    /// The name and content are examples: the source gives no job names.
    #[serde(default)]
    pub illustrative: bool,
    /// Where the source document speaks of it, when it does (§2-⑤ バッチ処理).
    #[serde(default)]
    pub source: Option<String>,
    /// Filled in by the loader: the section (file stem) the job belongs to.
    #[serde(skip_deserializing)]
    pub section: String,
}

impl Job {
    /// A business batch: one a business section runs by hand (§4: 本件のスコープ外).
    pub fn is_business(&self) -> bool {
        matches!(
            self.kind,
            JobKind::Monthly | JobKind::Yearly | JobKind::Adhoc | JobKind::Online
        )
    }

    pub fn parameter(&self, name: &str) -> Option<&Parameter> {
        self.parameters.iter().find(|p| p.name == name)
    }
}

/// §2-⑤ バッチ処理: the kinds of batch the source names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    /// 夜間日次バッチ: run automatically every night from registered parameters.
    Nightly,
    /// 月次業務バッチ.
    Monthly,
    /// 年次業務バッチ.
    Yearly,
    /// 随時業務バッチ.
    Adhoc,
    /// オンラインバッチ: run from a terminal (backups, extracts).
    Online,
}

impl JobKind {
    pub const ALL: [JobKind; 5] = [
        JobKind::Nightly,
        JobKind::Monthly,
        JobKind::Yearly,
        JobKind::Adhoc,
        JobKind::Online,
    ];

    pub fn label(self) -> &'static str {
        match self {
            JobKind::Nightly => "夜間日次バッチ",
            JobKind::Monthly => "月次業務バッチ",
            JobKind::Yearly => "年次業務バッチ",
            JobKind::Adhoc => "随時業務バッチ",
            JobKind::Online => "オンラインバッチ",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            JobKind::Nightly => "nightly",
            JobKind::Monthly => "monthly",
            JobKind::Yearly => "yearly",
            JobKind::Adhoc => "adhoc",
            JobKind::Online => "online",
        }
    }
}

/// §2-⑤ バッチ処理〈基本運用〉: when a job may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    /// オンラインバッチ(業務中可): any time the online service is up.
    OnlineHours,
    /// オンラインバッチ(業務中不可): 18:00-20:00, after the counters close.
    AfterCounters,
    /// 夜間日次バッチ: at night, after the online service stops.
    Nightly,
}

impl Window {
    pub fn label(self) -> &'static str {
        match self {
            Window::OnlineHours => "オンラインサービス提供時間中（業務中可）",
            Window::AfterCounters => "窓口業務終了後（業務中不可）",
            Window::Nightly => "夜間（オンライン終了後の自動実行）",
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Window::OnlineHours => "online_hours",
            Window::AfterCounters => "after_counters",
            Window::Nightly => "nightly",
        }
    }
}

/// A parameter of a job, as the parameter tool or the batch screen takes it.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// The key written in the parameter file: `KIJUNBI`.
    pub name: String,
    /// Its Japanese name: 処理基準日.
    pub label: String,
    #[serde(rename = "type")]
    pub kind: ParamType,
    /// The allowed values of a `choice`.
    #[serde(default)]
    pub values: Vec<Choice>,
    /// Bounds of an `int`.
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    /// Longest `text`, in characters.
    #[serde(default)]
    pub max_length: Option<usize>,
    /// Used when a run gives no value; `run_date` for a date means the night's date.
    #[serde(default, deserialize_with = "scalar_opt")]
    pub default: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

impl Parameter {
    /// A value as people read it: `2（本番）`, 令和9年7月9日, あり.
    pub fn display(&self, value: &str) -> String {
        match self.kind {
            ParamType::Choice => match self.values.iter().find(|c| c.value == value) {
                Some(c) => format!("{}（{}）", c.value, c.label),
                None => value.to_string(),
            },
            ParamType::Date => NaiveDate::parse_from_str(value, "%Y%m%d")
                .map(crate::domain::wareki::format_date)
                .unwrap_or_else(|_| value.to_string()),
            ParamType::Flag if value == "1" => "あり（1）".to_string(),
            ParamType::Flag if value == "0" => "なし（0）".to_string(),
            _ => value.to_string(),
        }
    }

    /// A value as the parameter file takes it, or why it is not allowed.
    /// `run_date` is the night's date (kept as is when no night is given).
    pub fn value_text(
        &self,
        raw: &serde_yaml::Value,
        run_date: Option<NaiveDate>,
    ) -> Result<String, String> {
        let p = self;
        use serde_yaml::Value as V;
        let text = scalar_text(raw).ok_or("値は文字列か数値で書いてください")?;
        match p.kind {
            ParamType::Date => {
                if text == RUN_DATE {
                    return Ok(run_date.map_or_else(|| RUN_DATE.to_string(), ymd));
                }
                if !matches!(raw, V::String(_)) {
                    return Err(
                        "日付は YYYY-MM-DD か run_date（その夜の日付）で書いてください".into(),
                    );
                }
                parse_date(&text).map(ymd)
            }
            ParamType::Int => {
                let n: i64 = text
                    .trim()
                    .parse()
                    .map_err(|_| format!("`{text}` は整数ではありません"))?;
                if let Some(min) = p.min
                    && n < min
                {
                    return Err(format!("{n} は最小値 {min} より小さい値です"));
                }
                if let Some(max) = p.max
                    && n > max
                {
                    return Err(format!("{n} は最大値 {max} より大きい値です"));
                }
                Ok(n.to_string())
            }
            ParamType::Text => {
                if text.chars().any(char::is_control) {
                    return Err("改行や制御文字は書けません".into());
                }
                if let Some(max) = p.max_length
                    && text.chars().count() > max
                {
                    return Err(format!("`{text}` は {max} 文字を超えています"));
                }
                Ok(text)
            }
            ParamType::Choice => {
                if p.values.iter().any(|c| c.value == text) {
                    Ok(text)
                } else {
                    let allowed: Vec<String> = p
                        .values
                        .iter()
                        .map(|c| format!("{}（{}）", c.value, c.label))
                        .collect();
                    Err(format!(
                        "値 `{text}` は使えません（使える値: {}）",
                        allowed.join("、")
                    ))
                }
            }
            ParamType::Flag => match text.as_str() {
                "true" | "1" => Ok("1".into()),
                "false" | "0" => Ok("0".into()),
                _ => Err(format!(
                    "`{text}` は有無の値ではありません（true/false か 1/0）"
                )),
            },
        }
    }
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// One allowed value of a `choice` parameter.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    #[serde(deserialize_with = "scalar")]
    pub value: String,
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ParamType {
    /// `YYYY-MM-DD`, or `run_date`; written `YYYYMMDD` in the file.
    Date,
    Int,
    Text,
    Choice,
    /// Yes or no; written `1` or `0`.
    Flag,
}

impl ParamType {
    pub fn label(self) -> &'static str {
        match self {
            ParamType::Date => "日付",
            ParamType::Int => "整数",
            ParamType::Text => "文字列",
            ParamType::Choice => "選択",
            ParamType::Flag => "有無（1/0）",
        }
    }
}

/// The special date value: the night the job runs.
pub const RUN_DATE: &str = "run_date";

/// A YAML scalar (string, number or bool) as text: `value: 1` and `value: "1"`
/// mean the same code to the parameter tool.
pub fn scalar<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let value = serde_yaml::Value::deserialize(d)?;
    scalar_text(&value).ok_or_else(|| {
        serde::de::Error::custom("値は文字列・数値・true/false のどれかで書いてください")
    })
}

fn scalar_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    scalar(d).map(Some)
}

/// The text of a YAML scalar; `None` for lists, maps and null.
pub fn scalar_text(value: &serde_yaml::Value) -> Option<String> {
    match value {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        serde_yaml::Value::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}
