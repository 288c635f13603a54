//! The batch knowledge of §4.2 and §4.4: the job catalog (`data/batches/`), the
//! nightly-batch parameters (`data/batch-params/`), the business batches the
//! sections plan (`data/batch-runs/`) and the manual backups (`data/backups/`).
//! Loading reads and checks each file on its own; [`resolve`] then checks them
//! against the catalog and the operating calendar.

pub mod catalog;
pub mod config;
mod deadlines;
mod nightly;
pub mod params;
mod plan;
pub mod records;
mod resolve;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use catalog::{Job, JobKind, ParamType, Parameter, Section, Window};
pub use config::{BatchConfig, Cycle};
pub use params::{ParamFile, Scope};
pub use records::{Backup, BackupResult, PlannedRun};
pub use resolve::{
    Batches, DeadlineState, MonthDeadline, NightlyMonth, NightlyRun, Notice, Period,
    ResolveContext, RunValue, resolve,
};

use crate::data::file_names;
use crate::diagnostics::{Diagnostics, Location};

/// The catalog folder below `data/`.
pub const CATALOG_DIR: &str = "batches";

/// Everything below the four folders, as written.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BatchData {
    /// The catalog: one section per file, in file-name order.
    pub sections: Vec<Section>,
    #[serde(skip)]
    pub catalog_sources: Vec<CatalogSource>,
    #[serde(skip)]
    pub params: Vec<ParamFile>,
    pub runs: Vec<PlannedRun>,
    pub backups: Vec<Backup>,
}

/// A catalog file's text, for placing problems found after parsing.
#[derive(Debug, Clone)]
pub struct CatalogSource {
    pub path: PathBuf,
    pub text: String,
    /// The line of each job's `id:`, parallel to the section's jobs.
    pub job_lines: Vec<usize>,
}

impl CatalogSource {
    /// `key: value` inside job number `job` of the file.
    pub fn locate(&self, job: usize, key: &str, value: &str) -> Location {
        let line = self.job_lines.get(job).copied().unwrap_or(1);
        locate_from(&self.text, &self.path, key, value, line)
    }
}

impl BatchData {
    pub fn jobs(&self) -> impl Iterator<Item = &Job> {
        self.sections.iter().flat_map(|s| s.jobs.iter())
    }

    pub fn job(&self, id: &str) -> Option<&Job> {
        self.jobs().find(|j| j.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// Where a job is written: its file and the line of its `id:`.
    pub fn job_source(&self, id: &str) -> Option<(&CatalogSource, usize)> {
        self.sections
            .iter()
            .zip(&self.catalog_sources)
            .find_map(|(s, src)| s.jobs.iter().position(|j| j.id == id).map(|i| (src, i)))
    }
}

pub fn load(root: &Path, diags: &mut Diagnostics) -> BatchData {
    let mut data = BatchData::default();
    let dir = Path::new(crate::data::DATA_DIR).join(CATALOG_DIR);
    for name in file_names(&root.join(&dir)) {
        let shown = dir.join(&name);
        let id = name.strip_suffix(".yaml").unwrap_or("");
        if id.is_empty() || !is_id(id) || id.chars().any(|c| c.is_ascii_uppercase()) {
            diags.error(
                Location::file(&shown),
                "カタログのファイル名は <係の id>.yaml にしてください（英小文字・数字・-、例: shikaku.yaml）",
            );
            continue;
        }
        let text = match crate::fs::read_text(&root.join(&shown), &shown) {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let raw: catalog::RawSection = match crate::yaml::parse(&text, &shown, 1) {
            Ok(r) => r,
            Err(problems) => {
                diags.extend(problems);
                continue;
            }
        };
        let mut line = 1;
        let mut job_lines = Vec::new();
        let mut jobs = raw.jobs;
        for job in &mut jobs {
            job.section = id.to_string();
            let at = locate_from(&text, &shown, "id", &job.id, line);
            line = at.line + 1;
            job_lines.push(at.line);
        }
        data.sections.push(Section {
            id: id.to_string(),
            business: raw.business,
            name: raw.section.name,
            actor: raw.section.actor,
            illustrative: raw.section.illustrative,
            jobs,
        });
        data.catalog_sources.push(CatalogSource {
            path: shown,
            text,
            job_lines,
        });
    }
    data.params = load_params(root, diags);
    data.runs = records::load_runs(root, diags);
    data.backups = records::load_backups(root, diags);
    data
}

fn load_params(root: &Path, diags: &mut Diagnostics) -> Vec<ParamFile> {
    let dir = Path::new(crate::data::DATA_DIR).join(params::PARAMS_DIR);
    let mut files = Vec::new();
    for name in file_names(&root.join(&dir)) {
        let shown = dir.join(&name);
        let Some(scope) = params::scope_of_file(&name) else {
            diags.error(
                Location::file(&shown),
                "パラメータファイルの名前は <YYYY-MM>.yaml（月単位）か <年度の始まる西暦年>.yaml（年度単位）にしてください（例: 2027-05.yaml、2028.yaml）",
            );
            continue;
        };
        match crate::fs::read_text(&root.join(&shown), &shown) {
            Ok(text) => files.extend(params::parse(&text, &shown, scope, diags)),
            Err(d) => diags.push(d),
        }
    }
    files.sort_by_key(|f| f.scope);
    files
}

/// The catalog on its own: ids, references between jobs, the actors, and each
/// parameter definition. Checks against the calendar come in [`resolve`].
pub fn check_catalog(
    data: &BatchData,
    actor_exists: &dyn Fn(&str) -> bool,
    contractor: &str,
    diags: &mut Diagnostics,
) {
    let mut first_seen: HashMap<&str, Location> = HashMap::new();
    for (section, src) in data.sections.iter().zip(&data.catalog_sources) {
        if !actor_exists(&section.actor) {
            diags.error(
                locate_from(&src.text, &src.path, "actor", &section.actor, 1),
                crate::data::unknown_actor(&section.actor),
            );
        }
        for (i, job) in section.jobs.iter().enumerate() {
            let at = |key: &str, value: &str| src.locate(i, key, value);
            let id_at = at("id", &job.id);
            if !is_id(&job.id) {
                diags.error(
                    id_at.clone(),
                    format!("ジョブ id `{}` は英数字・-・_ で書いてください（パラメータファイルと URL に使います）", job.id),
                );
            }
            if let Some(first) = first_seen.get(job.id.as_str()) {
                diags.error(
                    id_at,
                    format!("ジョブ id `{}` が重複しています（{first} と同じ）", job.id),
                );
            } else {
                first_seen.insert(&job.id, id_at);
            }
            check_job(job, &at, data, actor_exists, contractor, diags);
        }
    }
}

fn check_job(
    job: &Job,
    at: &dyn Fn(&str, &str) -> Location,
    data: &BatchData,
    actor_exists: &dyn Fn(&str) -> bool,
    contractor: &str,
    diags: &mut Diagnostics,
) {
    if !actor_exists(&job.runner) {
        diags.error(
            at("runner", &job.runner),
            crate::data::unknown_actor(&job.runner),
        );
    }
    let nightly_kind = job.kind == JobKind::Nightly;
    if nightly_kind != (job.window == Window::Nightly) {
        diags.error(
            at("window", job.window.id()),
            "夜間日次バッチ（kind: nightly）は window: nightly、それ以外のバッチはオンライン中（online_hours）か窓口業務終了後（after_counters）に実行します（§2-⑤ バッチ処理）",
        );
    }
    if matches!(
        job.kind,
        JobKind::Monthly | JobKind::Yearly | JobKind::Adhoc
    ) && job.runner == contractor
    {
        diags.error(
            at("runner", &job.runner),
            "月次・年次・随時業務バッチの手動実行は業務所管部門が行います（§4: 本件のスコープ外）",
        );
    }
    for (key, list) in [("after", &job.after), ("followed_by", &job.followed_by)] {
        for other in list {
            if other == &job.id {
                diags.error(
                    at(key, other),
                    format!("ジョブ `{other}` が自分自身を参照しています"),
                );
            } else if data.job(other).is_none() {
                diags.error(
                    at(key, other),
                    format!("ジョブ `{other}` はカタログ（data/batches/）にありません"),
                );
            }
        }
    }
    if job.on_failure.is_empty() {
        diags.error(
            at("on_failure", ""),
            "on_failure（失敗したときの対応）を 1 行以上書いてください",
        );
    }
    let mut names = HashSet::new();
    for p in &job.parameters {
        let p_at = at("name", &p.name);
        if !is_id(&p.name) {
            diags.error(
                p_at.clone(),
                format!("パラメータ名 `{}` は英数字・-・_ で書いてください", p.name),
            );
        }
        if !names.insert(p.name.as_str()) {
            diags.error(
                p_at.clone(),
                format!("パラメータ `{}` が重複しています", p.name),
            );
        }
        if let Err(message) = check_parameter(p) {
            diags.error(p_at, format!("パラメータ `{}`: {message}", p.name));
        }
    }
}

/// A parameter definition is complete and its default is one of its values.
fn check_parameter(p: &Parameter) -> Result<(), String> {
    match p.kind {
        ParamType::Choice if p.values.is_empty() => {
            return Err("type: choice には values（選べる値）を書いてください".into());
        }
        ParamType::Choice => {}
        _ if !p.values.is_empty() => {
            return Err("values は type: choice にだけ書きます".into());
        }
        _ => {}
    }
    if (p.min.is_some() || p.max.is_some()) && p.kind != ParamType::Int {
        return Err("min・max は type: int にだけ書きます".into());
    }
    if let (Some(min), Some(max)) = (p.min, p.max)
        && min > max
    {
        return Err(format!("min {min} が max {max} より大きくなっています"));
    }
    if p.max_length.is_some() && p.kind != ParamType::Text {
        return Err("max_length は type: text にだけ書きます".into());
    }
    if let Some(default) = &p.default {
        let value = serde_yaml::Value::String(default.clone());
        p.value_text(&value, None)
            .map_err(|m| format!("default: {m}"))?;
    }
    Ok(())
}

/// Letters, digits, `-` and `_`: safe in file names, URLs and the parameter file.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// [`crate::yaml::locate`] with a file shown relative to the project.
pub(crate) fn locate_from(
    text: &str,
    path: &Path,
    key: &str,
    value: &str,
    from: usize,
) -> Location {
    crate::yaml::locate(text, path, key, value, from)
}
