//! `data/batch-params/<YYYY-MM>.yaml` (one month) and `<YYYY>.yaml` (a fiscal
//! year fixed in February): which nightly jobs run on which nights with which
//! parameters, as written, with the line of everything for later checks.
//!
//! §2-⑤ 夜間バッチスケジュール運用: 月単位で翌月分の夜間日次バッチのパラメータを確定／
//! 年単位で実施する場合は、2月に年度単位(4月～翌3月)の…パラメータを確定.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use super::locate_from;
use crate::data::schedule::parse_date;
use crate::diagnostics::{Diagnostics, Location};
use crate::domain::FiscalYear;

/// The folder below `data/`.
pub const PARAMS_DIR: &str = "batch-params";

/// What one parameter file covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    Month(i32, u32),
    Year(FiscalYear),
}

impl Scope {
    /// `2027-05` or `2028` (the file stem, also used in output names).
    pub fn code(self) -> String {
        match self {
            Scope::Month(y, m) => format!("{y}-{m:02}"),
            Scope::Year(fy) => fy.0.to_string(),
        }
    }

    /// 令和9年5月分 / 令和10年度分.
    pub fn label(self) -> String {
        match self {
            Scope::Month(y, m) => format!("{}分", crate::domain::wareki::format_month(y, m)),
            Scope::Year(fy) => format!("{}分", fy.label()),
        }
    }
}

/// One parameter file as written.
#[derive(Debug, Clone)]
pub struct ParamFile {
    pub path: PathBuf,
    pub text: String,
    pub scope: Scope,
    /// 確定日: the day the ward fixed the parameters.
    pub fixed: Option<NaiveDate>,
    pub fixed_at: Location,
    /// The actor who fixed them.
    pub fixed_by: Option<String>,
    /// The day the file was uploaded to the file server.
    pub uploaded: Option<NaiveDate>,
    pub uploaded_at: Location,
    pub note: Option<String>,
    /// Yearly files: applies to every month unless a month names the same job.
    pub every_month: Vec<Entry>,
    /// The months written in the file: one for a monthly file.
    pub months: Vec<MonthEntries>,
    /// Yearly files: the line of `months:`, to place a missing month.
    pub months_at: Location,
}

#[derive(Debug, Clone)]
pub struct MonthEntries {
    pub year: i32,
    pub month: u32,
    pub at: Location,
    pub note: Option<String>,
    pub entries: Vec<Entry>,
}

/// One `- job:` item: a nightly job on some nights of a month.
#[derive(Debug, Clone)]
pub struct Entry {
    pub job: String,
    pub job_at: Location,
    pub days: Days,
    pub except: Vec<(NaiveDate, Location)>,
    pub params: Vec<Value>,
    /// Nights with other values than `params`.
    pub on: Vec<(NaiveDate, Location, Vec<Value>)>,
}

/// Which nights of the month a job runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Days {
    /// Every night after an online day (the default).
    Online,
    FirstOnlineDay,
    LastOnlineDay,
    Dates(Vec<(NaiveDate, Location)>),
}

/// A parameter value as written, with its place.
#[derive(Debug, Clone)]
pub struct Value {
    pub name: String,
    pub raw: serde_yaml::Value,
    pub at: Location,
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    #[serde(default)]
    fixed: Option<String>,
    #[serde(default)]
    fixed_by: Option<String>,
    #[serde(default)]
    uploaded: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    jobs: Option<Vec<RawEntry>>,
    #[serde(default)]
    every_month: Option<Vec<RawEntry>>,
    #[serde(default)]
    months: Option<BTreeMap<String, Option<RawMonth>>>,
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawMonth {
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    jobs: Vec<RawEntry>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    job: String,
    #[serde(default)]
    #[schemars(with = "Option<serde_json::Value>")]
    days: Option<serde_yaml::Value>,
    #[serde(default)]
    except: Vec<String>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, serde_json::Value>")]
    params: BTreeMap<String, serde_yaml::Value>,
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, BTreeMap<String, serde_json::Value>>")]
    on: BTreeMap<String, BTreeMap<String, serde_yaml::Value>>,
}

/// `2027-05.yaml` → a month, `2028.yaml` → 令和10年度.
pub fn scope_of_file(name: &str) -> Option<Scope> {
    let stem = name.strip_suffix(".yaml")?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let year_ok = |y: i32| {
        (crate::domain::holidays::FIRST_YEAR..crate::domain::holidays::LAST_YEAR).contains(&y)
    };
    match stem.split_once('-') {
        Some((y, m)) if y.len() == 4 && m.len() == 2 && digits(y) && digits(m) => {
            let (year, month) = (y.parse().ok()?, m.parse().ok()?);
            (year_ok(year) && (1..=12).contains(&month)).then_some(Scope::Month(year, month))
        }
        None if stem.len() == 4 && digits(stem) => {
            let year = stem.parse().ok()?;
            year_ok(year).then_some(Scope::Year(FiscalYear(year)))
        }
        _ => None,
    }
}

/// Parses one file. Bad dates are reported and their entries left out; `None`
/// only when the YAML cannot be read at all.
pub fn parse(text: &str, shown: &Path, scope: Scope, diags: &mut Diagnostics) -> Option<ParamFile> {
    let raw: RawFile = match crate::yaml::parse::<Option<RawFile>>(text, shown, 1) {
        Ok(raw) => raw.unwrap_or_default(),
        Err(problems) => {
            diags.extend(problems);
            return None;
        }
    };
    let p = Parser { text, shown };
    let file_at = Location::file(shown);
    let date_of = |key: &str, raw: &Option<String>, diags: &mut Diagnostics| match raw {
        Some(raw) => {
            let at = p.locate(key, raw, 1);
            (p.date(raw, &at, diags), at)
        }
        None => (None, file_at.clone()),
    };
    let (fixed, fixed_at) = date_of("fixed", &raw.fixed, diags);
    let (uploaded, uploaded_at) = date_of("uploaded", &raw.uploaded, diags);
    let entries = match scope {
        Scope::Month(year, month) => {
            let misplaced = [
                ("every_month", raw.every_month.is_some()),
                ("months", raw.months.is_some()),
            ];
            p.month_entries(year, month, raw.jobs, misplaced, diags)
        }
        Scope::Year(_) => p.year_entries(raw.jobs.is_some(), raw.every_month, raw.months, diags),
    };
    Some(ParamFile {
        path: shown.to_path_buf(),
        text: text.to_string(),
        scope,
        fixed,
        fixed_at,
        fixed_by: raw.fixed_by,
        uploaded,
        uploaded_at,
        note: raw.note,
        every_month: entries.every_month,
        months: entries.months,
        months_at: entries.months_at,
    })
}

/// The entries of a file, as its scope lays them out.
struct Entries {
    every_month: Vec<Entry>,
    months: Vec<MonthEntries>,
    months_at: Location,
}

struct Parser<'a> {
    text: &'a str,
    shown: &'a Path,
}

impl Parser<'_> {
    /// A monthly file: its `jobs` are the month's entries; `every_month` and
    /// `months` (`misplaced`, with whether each is written) belong in a yearly file.
    fn month_entries(
        &self,
        year: i32,
        month: u32,
        jobs: Option<Vec<RawEntry>>,
        misplaced: [(&str, bool); 2],
        diags: &mut Diagnostics,
    ) -> Entries {
        for (key, present) in misplaced {
            if present {
                diags.error(
                    self.key_at(key, 1),
                    format!("{key} は年度単位のファイル（<年度>.yaml）に書きます。月単位のファイルには jobs を書いてください"),
                );
            }
        }
        let line = self.key_line("jobs", 1).unwrap_or(1);
        let entries = self.entries(jobs.unwrap_or_default(), line, diags);
        Entries {
            every_month: Vec::new(),
            months: vec![MonthEntries {
                year,
                month,
                at: Location::file(self.shown),
                note: None,
                entries,
            }],
            months_at: Location::file(self.shown),
        }
    }

    /// A yearly file: `every_month` and the `months` keyed `YYYY-MM` (a bad key
    /// is reported and its month left out); `jobs` belongs in a monthly file.
    fn year_entries(
        &self,
        has_jobs: bool,
        every_month: Option<Vec<RawEntry>>,
        months: Option<BTreeMap<String, Option<RawMonth>>>,
        diags: &mut Diagnostics,
    ) -> Entries {
        if has_jobs {
            diags.error(
                self.key_at("jobs", 1),
                "年度単位のファイルでは jobs ではなく every_month（毎月）と months（月ごと）に書いてください",
            );
        }
        let line = self.key_line("every_month", 1).unwrap_or(1);
        let every_month = self.entries(every_month.unwrap_or_default(), line, diags);
        let months_line = self.key_line("months", 1).unwrap_or(1);
        let mut out = Vec::new();
        for (key, month) in months.unwrap_or_default() {
            let line = self.key_line(&key, months_line).unwrap_or(months_line);
            let at = self.key_start(line);
            let Some((y, m)) = parse_month(&key) else {
                diags.error(
                    at,
                    format!("月 `{key}` は YYYY-MM で書いてください（例: 2028-04）"),
                );
                continue;
            };
            let month = month.unwrap_or_default();
            let entries = self.entries(month.jobs, line, diags);
            out.push(MonthEntries {
                year: y,
                month: m,
                at,
                note: month.note,
                entries,
            });
        }
        Entries {
            every_month,
            months: out,
            months_at: Location::new(self.shown, months_line, 1),
        }
    }

    fn locate(&self, key: &str, value: &str, from: usize) -> Location {
        locate_from(self.text, self.shown, key, value, from)
    }

    /// The first line at or after `from` whose key is `key`.
    fn key_line(&self, key: &str, from: usize) -> Option<usize> {
        let plain = format!("{key}:");
        let quoted = format!("\"{key}\":");
        self.text
            .lines()
            .enumerate()
            .skip(from.saturating_sub(1))
            .find(|(_, l)| {
                let l = l.trim_start();
                let l = l.strip_prefix("- ").unwrap_or(l);
                l.starts_with(&plain) || l.starts_with(&quoted)
            })
            .map(|(i, _)| i + 1)
    }

    /// The place of the key written on `line` (after its indentation).
    fn key_start(&self, line: usize) -> Location {
        let text = self.text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        let indent = text.chars().take_while(|c| *c == ' ').count();
        Location::new(self.shown, line, indent + 1)
    }

    fn key_at(&self, key: &str, from: usize) -> Location {
        Location::new(self.shown, self.key_line(key, from).unwrap_or(from), 1)
    }

    fn date(&self, raw: &str, at: &Location, diags: &mut Diagnostics) -> Option<NaiveDate> {
        parse_date(raw).map_err(|m| diags.error(at.clone(), m)).ok()
    }

    /// The entries of one `jobs:` list, found in order from `line` on.
    fn entries(&self, raw: Vec<RawEntry>, mut line: usize, diags: &mut Diagnostics) -> Vec<Entry> {
        let mut out = Vec::new();
        for e in raw {
            let job_at = self.locate("job", &e.job, line);
            let start = job_at.line;
            line = start + 1;
            let days = match &e.days {
                None => Days::Online,
                Some(serde_yaml::Value::String(s)) => match s.as_str() {
                    "online" => Days::Online,
                    "first_online_day" => Days::FirstOnlineDay,
                    "last_online_day" => Days::LastOnlineDay,
                    other => {
                        diags.error(
                            self.locate("days", other, start),
                            format!("days `{other}` は使えません（online・first_online_day・last_online_day か、日付の一覧）"),
                        );
                        continue;
                    }
                },
                Some(serde_yaml::Value::Sequence(items)) => {
                    let mut dates = Vec::new();
                    for item in items {
                        let text = super::catalog::scalar_text(item).unwrap_or_default();
                        let at = self.locate("days", &text, start);
                        if let Some(d) = self.date(&text, &at, diags) {
                            dates.push((d, at));
                        }
                    }
                    Days::Dates(dates)
                }
                Some(_) => {
                    diags.error(
                        self.key_at("days", start),
                        "days は online・first_online_day・last_online_day か、日付の一覧で書いてください",
                    );
                    continue;
                }
            };
            let except = e
                .except
                .iter()
                .filter_map(|raw| {
                    let at = self.locate("except", raw, start);
                    self.date(raw, &at, diags).map(|d| (d, at))
                })
                .collect();
            let params = self.values(&e.params, start);
            let mut on = Vec::new();
            for (raw_date, values) in &e.on {
                let at = self.key_start(self.key_line(raw_date, start).unwrap_or(start));
                if let Some(d) = self.date(raw_date, &at, diags) {
                    on.push((d, at.clone(), self.values(values, at.line)));
                }
            }
            out.push(Entry {
                job: e.job,
                job_at,
                days,
                except,
                params,
                on,
            });
        }
        out
    }

    fn values(&self, raw: &BTreeMap<String, serde_yaml::Value>, from: usize) -> Vec<Value> {
        raw.iter()
            .map(|(name, v)| {
                let text = super::catalog::scalar_text(v).unwrap_or_default();
                Value {
                    name: name.clone(),
                    raw: v.clone(),
                    at: self.locate(name, &text, from),
                }
            })
            .collect()
    }
}

/// `2028-04` → (2028, 4).
fn parse_month(raw: &str) -> Option<(i32, u32)> {
    let (y, m) = raw.trim().split_once('-')?;
    let (year, month) = (y.parse().ok()?, m.parse().ok()?);
    (y.len() == 4 && m.len() == 2 && (1..=12).contains(&month)).then_some((year, month))
}
