//! `tebiki.yaml`: what a second municipality changes to build its own handbook.

use std::path::Path;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Location};

pub const CONFIG_FILE: &str = "tebiki.yaml";

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub site: SiteConfig,
    pub organisation: Organisation,
    /// The day the system goes live; nothing is scheduled before it.
    pub service_in: NaiveDate,
    pub contract: Contract,
    #[serde(default)]
    pub markdown: MarkdownConfig,
    /// Build the redacted edition (公開版) without personal data, as `build --redact`.
    #[serde(default)]
    pub redact: bool,
    /// The online operating rules; the source document's values unless overridden.
    #[serde(default)]
    pub schedule: crate::domain::Rules,
    /// The nightly-batch parameters: cycle, deadlines, the parameter file.
    #[serde(default)]
    pub batches: crate::data::batches::BatchConfig,
    /// How the provider's service-level figures are evaluated.
    #[serde(default)]
    pub sla: crate::domain::sla::SlaSettings,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// BCP 47 language of the handbook, for `<html lang>` and PDF metadata.
    #[serde(default = "default_language")]
    pub language: String,
}

fn default_language() -> String {
    "ja".to_string()
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// The municipality, e.g. 練馬区.
    pub name: String,
    /// The section that owns the system and receives the deliverables.
    pub client: String,
    /// Actor ids (from `data/actors.yaml`) of the client section and the contractor.
    pub client_actor: String,
    pub contractor_actor: String,
    /// The name of the outsourced work, as in the contract.
    pub contract_title: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// Contract years: single-year contracts renewed up to this many fiscal years.
    pub max_fiscal_years: u32,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Raw HTML in Markdown is shown as text unless this is true.
    #[serde(default)]
    pub allow_raw_html: bool,
}

impl Config {
    pub fn parse(text: &str, shown: &Path) -> Result<Config, Diagnostic> {
        let config: Config = crate::yaml::parse(text, shown, 1)?;
        if config.site.title.trim().is_empty() {
            return Err(Diagnostic::error(
                crate::yaml::locate(text, shown, "title", "", 1),
                "site.title が空です",
            ));
        }
        if config.contract.max_fiscal_years == 0 {
            return Err(Diagnostic::error(
                crate::yaml::locate(text, shown, "max_fiscal_years", "0", 1),
                "contract.max_fiscal_years は 1 以上にしてください",
            ));
        }
        if let Some((key, message)) = config.batches.problems().into_iter().next() {
            return Err(Diagnostic::error(
                crate::yaml::locate(text, shown, key, "", 1),
                message,
            ));
        }
        Ok(config)
    }

    /// The last fiscal year of the contract (§14: 初年度含め最長5過年度).
    pub fn last_fiscal_year(&self) -> crate::domain::FiscalYear {
        let first = crate::domain::FiscalYear::of(self.service_in);
        crate::domain::FiscalYear(first.0 + self.contract.max_fiscal_years as i32 - 1)
    }

    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let shown = Path::new(CONFIG_FILE);
        let path = root.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(Diagnostic::error(
                Location::file(shown),
                format!(
                    "{CONFIG_FILE} がありません（{} はプロジェクトのルートではないようです。--root で指定できます）",
                    root.display()
                ),
            ));
        }
        let text = crate::fs::read_text(&path, shown)?;
        Config::parse(&text, shown)
    }
}
