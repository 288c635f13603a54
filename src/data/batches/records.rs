//! `data/batch-runs/<fiscal year>.yaml` (business batches the sections plan to
//! run, announced to staff by the contractor, §4.2-①) and
//! `data/backups/<fiscal year>.yaml` (the manual backups the contractor takes
//! after the counters close, §4.2-②).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::locate_from;
use crate::data::schedule::parse_date;
use crate::diagnostics::{Diagnostics, Location};
use crate::domain::ClockTime;
use crate::domain::FiscalYear;

pub const RUNS_DIR: &str = "batch-runs";
pub const BACKUPS_DIR: &str = "backups";

/// A business batch a section plans to run.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedRun {
    pub date: NaiveDate,
    pub job: String,
    /// The section that runs it (a catalog file stem); the job's own by default.
    pub section: Option<String>,
    /// When it starts, if the section said.
    pub start: Option<ClockTime>,
    /// The day the notice goes (or went) out to staff.
    pub notice: Option<NaiveDate>,
    /// What is special this time (対象年度, 件数の見込み …).
    pub note: Option<String>,
    /// Values the section will enter on the batch screen.
    #[serde(skip)]
    pub params: Vec<super::params::Value>,
    #[serde(skip)]
    pub at: RecordSource,
}

/// A manual backup (随時バックアップ) taken after the counters closed.
#[derive(Debug, Clone, Serialize)]
pub struct Backup {
    pub date: NaiveDate,
    /// What was backed up.
    pub what: String,
    /// The job of the catalog that was run, if it is catalogued.
    pub job: Option<String>,
    /// Staff id (data/staff.yaml) of who ran it.
    pub by: String,
    pub start: ClockTime,
    pub end: Option<ClockTime>,
    pub result: BackupResult,
    pub note: Option<String>,
    /// Inquiry number at the contact center, when it failed.
    pub ticket: Option<String>,
    #[serde(skip)]
    pub at: RecordSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BackupResult {
    /// 正常終了.
    Ok,
    /// 異常終了.
    Failed,
    /// 中止 (not started or stopped on purpose).
    Cancelled,
}

impl BackupResult {
    pub fn label(self) -> &'static str {
        match self {
            BackupResult::Ok => "正常終了",
            BackupResult::Failed => "異常終了",
            BackupResult::Cancelled => "中止",
        }
    }
}

/// Where a record was written.
#[derive(Debug, Clone)]
pub struct RecordSource {
    pub path: PathBuf,
    /// The `date:` value.
    pub date: Location,
    /// The first line of the record, to find its other keys from.
    pub line: usize,
    /// The file the record is in, for the checks that search it.
    pub text: std::sync::Arc<String>,
}

impl RecordSource {
    pub fn locate(&self, key: &str, value: &str) -> Location {
        locate_from(&self.text, &self.path, key, value, self.line)
    }
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRun {
    date: String,
    job: String,
    #[serde(default)]
    section: Option<String>,
    #[serde(default)]
    start: Option<ClockTime>,
    #[serde(default)]
    notice: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, serde_json::Value>")]
    params: std::collections::BTreeMap<String, serde_yaml::Value>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBackup {
    date: String,
    what: String,
    #[serde(default)]
    job: Option<String>,
    by: String,
    start: ClockTime,
    #[serde(default)]
    end: Option<ClockTime>,
    result: BackupResult,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    ticket: Option<String>,
}

/// Reads every `<year>.yaml` of `data/<dir>/` with `parse_one`, oldest first.
fn load_dir<T>(
    root: &Path,
    dir: &str,
    diags: &mut Diagnostics,
    parse_one: impl Fn(&str, &Path, FiscalYear, &mut Diagnostics) -> Vec<T>,
) -> Vec<T> {
    let shown_dir = Path::new(crate::data::DATA_DIR).join(dir);
    let mut out = Vec::new();
    for name in crate::data::file_names(&root.join(&shown_dir)) {
        let shown = shown_dir.join(&name);
        let Some(super::params::Scope::Year(fy)) = super::params::scope_of_file(&name) else {
            diags.error(
                Location::file(&shown),
                "ファイル名は <年度の始まる西暦年>.yaml にしてください（例: 令和9年度は 2027.yaml）",
            );
            continue;
        };
        match crate::fs::read_text(&root.join(&shown), &shown) {
            Ok(text) => out.extend(parse_one(&text, &shown, fy, diags)),
            Err(d) => diags.push(d),
        }
    }
    out
}

pub fn load_runs(root: &Path, diags: &mut Diagnostics) -> Vec<PlannedRun> {
    load_dir(root, RUNS_DIR, diags, parse_runs)
}

pub fn load_backups(root: &Path, diags: &mut Diagnostics) -> Vec<Backup> {
    load_dir(root, BACKUPS_DIR, diags, parse_backups)
}

/// A fiscal year's records: each dated inside the year, in a YAML list.
fn parse_list<R: serde::de::DeserializeOwned, T>(
    text: &str,
    shown: &Path,
    fy: FiscalYear,
    diags: &mut Diagnostics,
    date_of: impl Fn(&R) -> &str,
    build: impl Fn(R, NaiveDate, RecordSource, &mut Diagnostics) -> Option<T>,
) -> Vec<T> {
    let raw: Vec<R> = match crate::yaml::parse::<Option<Vec<R>>>(text, shown, 1) {
        Ok(raw) => raw.unwrap_or_default(),
        Err(problems) => {
            diags.extend(problems);
            return Vec::new();
        }
    };
    let shared = std::sync::Arc::new(text.to_string());
    let mut line = 1;
    let mut out = Vec::new();
    for r in raw {
        let raw_date = date_of(&r).to_string();
        let at = locate_from(text, shown, "date", &raw_date, line);
        line = at.line + 1;
        let source = RecordSource {
            path: shown.to_path_buf(),
            date: at.clone(),
            line: entry_start(text, at.line),
            text: shared.clone(),
        };
        let date = match parse_date(&raw_date) {
            Ok(d) => d,
            Err(m) => {
                diags.error(at, m);
                continue;
            }
        };
        if !fy.contains(date) {
            diags.error(
                at,
                format!(
                    "{date} は {}（{}〜{}）の日付ではありません。ファイルは年度ごとに分けてください",
                    fy.label(),
                    fy.start(),
                    fy.end()
                ),
            );
            continue;
        }
        out.extend(build(r, date, source, diags));
    }
    out
}

fn parse_runs(
    text: &str,
    shown: &Path,
    fy: FiscalYear,
    diags: &mut Diagnostics,
) -> Vec<PlannedRun> {
    parse_list(
        text,
        shown,
        fy,
        diags,
        |r: &RawRun| &r.date,
        |r, date, at, diags| {
            let notice = match &r.notice {
                Some(raw) => {
                    let loc = at.locate("notice", raw);
                    match parse_date(raw) {
                        Ok(d) => Some(d),
                        Err(m) => {
                            diags.error(loc, m);
                            return None;
                        }
                    }
                }
                None => None,
            };
            let params = r
                .params
                .iter()
                .map(|(name, raw)| {
                    let text = super::catalog::scalar_text(raw).unwrap_or_default();
                    super::params::Value {
                        name: name.clone(),
                        raw: raw.clone(),
                        at: at.locate(name, &text),
                    }
                })
                .collect();
            Some(PlannedRun {
                date,
                job: r.job,
                params,
                section: r.section,
                start: r.start,
                notice,
                note: r.note,
                at,
            })
        },
    )
}

fn parse_backups(text: &str, shown: &Path, fy: FiscalYear, diags: &mut Diagnostics) -> Vec<Backup> {
    parse_list(
        text,
        shown,
        fy,
        diags,
        |r: &RawBackup| &r.date,
        |r, date, at, _| {
            Some(Backup {
                date,
                what: r.what,
                job: r.job,
                by: r.by,
                start: r.start,
                end: r.end,
                result: r.result,
                note: r.note,
                ticket: r.ticket,
                at,
            })
        },
    )
}

/// The line of the `- ` that starts the list item holding line `line`.
fn entry_start(text: &str, line: usize) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    (1..=line.min(lines.len()))
        .rev()
        .find(|&n| lines[n - 1].trim_start().starts_with("- "))
        .unwrap_or(line)
}
