//! `tebiki.yaml`: what a second municipality changes to build its own handbook.

use std::path::Path;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};

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
    /// Every problem of `tebiki.yaml`, and the config whenever one can be made:
    /// a wrong optional part takes its default (and is reported), so the rest
    /// of the project is still checked against the config rather than failing
    /// for want of it.
    pub fn read(text: &str, shown: &Path) -> (Option<Config>, Diagnostics) {
        let read = crate::yaml::read::<Config>(text, shown, 1);
        let mut problems = read.problems;
        let mut config = read.value;
        if let Some(config) = &mut config {
            config.validate(text, shown, &mut problems);
        }
        (config, problems)
    }

    pub fn parse(text: &str, shown: &Path) -> Result<Config, Diagnostics> {
        match Config::read(text, shown) {
            (Some(config), problems) if problems.is_empty() => Ok(config),
            (_, problems) => Err(problems),
        }
    }

    /// Checks beyond the types; a wrong value is replaced by its default.
    fn validate(&mut self, text: &str, shown: &Path, problems: &mut Diagnostics) {
        let at = |path: &[&str]| crate::yaml::locate_path(text, shown, path);
        if self.site.title.trim().is_empty() {
            problems.error(at(&["site", "title"]), "site.title が空です");
        }
        if self.contract.max_fiscal_years == 0 {
            problems.error(
                at(&["contract", "max_fiscal_years"]),
                "contract.max_fiscal_years は 1 以上にしてください",
            );
            self.contract.max_fiscal_years = 1;
        }
        let batch_problems = self.batches.problems();
        for (key, message) in &batch_problems {
            let path: &[&str] = match *key {
                "name" | "template" => &["batches", "param_file", key],
                _ => &["batches", key],
            };
            problems.error(at(path), message.clone());
        }
        if !batch_problems.is_empty() {
            self.batches = Default::default();
        }
    }

    /// The last fiscal year of the contract (§14: 初年度含め最長5過年度).
    pub fn last_fiscal_year(&self) -> crate::domain::FiscalYear {
        let first = crate::domain::FiscalYear::of(self.service_in);
        crate::domain::FiscalYear(first.0 + self.contract.max_fiscal_years as i32 - 1)
    }

    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        match Config::load_all(root) {
            (Some(config), problems) if problems.is_empty() => Ok(config),
            (_, problems) => Err(problems),
        }
    }

    /// [`Config::read`] of the project's `tebiki.yaml`.
    pub fn load_all(root: &Path) -> (Option<Config>, Diagnostics) {
        let shown = Path::new(CONFIG_FILE);
        let path = root.join(CONFIG_FILE);
        if !path.is_file() {
            let problem = Diagnostic::error(
                Location::file(shown),
                format!(
                    "{CONFIG_FILE} がありません（{} はプロジェクトのルートではないようです。--root で指定できます）",
                    root.display()
                ),
            );
            return (None, problem.into());
        }
        match crate::fs::read_text(&path, shown) {
            Ok(text) => Config::read(&text, shown),
            Err(problem) => (None, problem.into()),
        }
    }
}
