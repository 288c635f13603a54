//! `data/schedule/<fiscal year>.yaml`: the exceptions to the online operating
//! rules for one 年度 (extensions, stops, changed hours) and the days its annual
//! and monthly plans were fixed. Everything else is derived by the rules.
//!
//! Dates are read as text first and parsed here, so a day that does not exist
//! (2027-02-30) is reported with a clear message at its own line, and every bad
//! date of a file is reported, not only the first.

mod check;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

pub use check::{CheckContext, check};

use super::time::ClockTime;
use crate::diagnostics::{Diagnostics, Location};
use crate::domain::FiscalYear;
use crate::domain::schedule::{
    Change, ChangeKind, Extension, MonthPlan, Request, RequestChannel, YearPlan,
};

/// The folder below `data/`.
pub const SCHEDULE_DIR: &str = "schedule";

/// A schedule file's text and where each entry was written, for checks that run
/// after parsing. The vectors run parallel to the [`YearPlan`]'s.
#[derive(Debug, Clone)]
pub struct ScheduleSource {
    pub path: PathBuf,
    pub text: String,
    pub file: Location,
    pub annual_fixed: Option<Location>,
    /// The `monthly_fixed:` line (or the file, when there is none).
    pub monthly_section: Location,
    pub monthly: Vec<Location>,
    pub extensions: Vec<EntrySource>,
    pub changes: Vec<EntrySource>,
}

/// Where one extension or change was written.
#[derive(Debug, Clone)]
pub struct EntrySource {
    /// The `date:` value.
    pub date: Location,
    /// The first line of the entry, to search its other keys from.
    pub line: usize,
}

impl ScheduleSource {
    /// `key: value` of the entry that starts at `entry`.
    pub fn locate_in(&self, entry: &EntrySource, key: &str, value: &str) -> Location {
        crate::yaml::locate(&self.text, &self.path, key, value, entry.line)
    }
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFile {
    #[serde(default)]
    plan: RawPlan,
    #[serde(default)]
    extensions: Vec<RawExtension>,
    #[serde(default)]
    changes: Vec<RawChange>,
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    /// 年次計画（オンライン稼働日）の仮確定日.
    #[serde(default)]
    annual_fixed: Option<String>,
    /// `YYYY-MM: YYYY-MM-DD`: the day each month's hours were decided.
    #[serde(default)]
    monthly_fixed: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawExtension {
    date: String,
    #[serde(default)]
    until: Option<ClockTime>,
    planned: bool,
    reason: String,
    requested_by: String,
    #[serde(default)]
    assessment: Option<String>,
    #[serde(default)]
    request: Option<RawRequest>,
    #[serde(default)]
    remarks: Option<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawChange {
    date: String,
    #[serde(default)]
    through: Option<String>,
    kind: RawKind,
    #[serde(default)]
    start: Option<ClockTime>,
    #[serde(default)]
    end: Option<ClockTime>,
    reason: String,
    requested_by: String,
    #[serde(default)]
    options: Vec<String>,
    #[serde(default)]
    decision: Option<String>,
    #[serde(default)]
    request: Option<RawRequest>,
    #[serde(default)]
    remarks: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
enum RawKind {
    Stop,
    Hours,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawRequest {
    sent: String,
    via: RequestChannel,
    #[serde(default)]
    ticket: Option<String>,
}

impl<'de> Deserialize<'de> for RequestChannel {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "chatbot" => Ok(RequestChannel::Chatbot),
            "contact_center" => Ok(RequestChannel::ContactCenter),
            _ => Err(serde::de::Error::custom(format!(
                "依頼経路 `{s}` は chatbot か contact_center で書いてください"
            ))),
        }
    }
}

impl schemars::JsonSchema for RequestChannel {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RequestChannel".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "enum": ["chatbot", "contact_center"],
            "description": "依頼経路（chatbot か contact_center）"
        })
    }
}

/// Loads every `data/schedule/<year>.yaml`, oldest year first. A missing folder
/// means no exceptions anywhere.
pub fn load(root: &Path, diags: &mut Diagnostics) -> (Vec<YearPlan>, Vec<ScheduleSource>) {
    let shown_dir = Path::new(super::DATA_DIR).join(SCHEDULE_DIR);
    let names = super::file_names(&root.join(&shown_dir));
    let mut plans = Vec::new();
    let mut sources = Vec::new();
    for name in names {
        let shown = shown_dir.join(&name);
        let Some(fy) = fiscal_year_of_file(&name) else {
            diags.error(
                Location::file(&shown),
                "年度ファイルの名前は <年度の始まる西暦年>.yaml にしてください（例: 令和9年度は 2027.yaml）",
            );
            continue;
        };
        let text = match crate::fs::read_text(&root.join(&shown), &shown) {
            Ok(t) => t,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        if let Some((plan, source)) = parse(&text, &shown, fy, diags) {
            plans.push(plan);
            sources.push(source);
        }
    }
    (plans, sources)
}

/// `2027.yaml` → 令和9年度, within the years the holiday rules are tested for.
fn fiscal_year_of_file(name: &str) -> Option<FiscalYear> {
    let stem = name.strip_suffix(".yaml")?;
    if stem.len() != 4 || !stem.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i32 = stem.parse().ok()?;
    let range = crate::domain::holidays::FIRST_YEAR..crate::domain::holidays::LAST_YEAR;
    range.contains(&year).then_some(FiscalYear(year))
}

/// Parses one file's text. Entries with a bad date are reported and left out;
/// `None` only when the YAML itself cannot be read.
pub fn parse(
    text: &str,
    shown: &Path,
    fy: FiscalYear,
    diags: &mut Diagnostics,
) -> Option<(YearPlan, ScheduleSource)> {
    let raw: RawFile = match crate::yaml::parse::<Option<RawFile>>(text, shown, 1) {
        Ok(raw) => raw.unwrap_or_default(),
        Err(problems) => {
            diags.extend(problems);
            return None;
        }
    };
    let mut p = Parser { text, shown, diags };
    let mut plan = YearPlan::new(fy);
    let mut source = ScheduleSource {
        path: shown.to_path_buf(),
        text: text.to_string(),
        file: Location::file(shown),
        annual_fixed: None,
        monthly_section: Location::file(shown),
        monthly: Vec::new(),
        extensions: Vec::new(),
        changes: Vec::new(),
    };

    p.plan_dates(&raw.plan, &mut plan, &mut source);
    p.extensions(raw.extensions, &mut plan, &mut source);
    p.changes(raw.changes, &mut plan, &mut source);
    Some((plan, source))
}

struct Parser<'a> {
    text: &'a str,
    shown: &'a Path,
    diags: &'a mut Diagnostics,
}

impl Parser<'_> {
    /// `plan:`: the day the annual plan was fixed and each month's fixing day (a
    /// bad month key is reported and left out).
    fn plan_dates(&mut self, raw: &RawPlan, plan: &mut YearPlan, source: &mut ScheduleSource) {
        let plan_line = self.section_line("plan").unwrap_or(1);
        if let Some(raw_date) = &raw.annual_fixed {
            let at = self.locate("annual_fixed", raw_date, plan_line);
            plan.annual_fixed = self.date(raw_date, &at);
            source.annual_fixed = Some(at);
        }
        if let Some(line) = self.key_line("monthly_fixed", plan_line) {
            source.monthly_section = Location::new(self.shown, line, 1);
        }
        for (month, raw_date) in &raw.monthly_fixed {
            let at = self.locate(month, raw_date, source.monthly_section.line);
            let key_at = Location::new(self.shown, at.line, 1);
            let Some((year, m)) = parse_month(month) else {
                self.diags.error(
                    key_at,
                    format!("月 `{month}` は YYYY-MM で書いてください（例: 2027-05）"),
                );
                continue;
            };
            if let Some(fixed) = self.date(raw_date, &at) {
                plan.monthly.push(MonthPlan {
                    year,
                    month: m,
                    fixed,
                });
                source.monthly.push(at);
            }
        }
    }

    /// `extensions:`, each found in order below the previous one; one with a bad
    /// date is left out.
    fn extensions(
        &mut self,
        raw: Vec<RawExtension>,
        plan: &mut YearPlan,
        source: &mut ScheduleSource,
    ) {
        let mut line = self.section_line("extensions").unwrap_or(1);
        for e in raw {
            let at = self.locate("date", &e.date, line);
            let entry = EntrySource {
                date: at.clone(),
                line: entry_start(self.text, at.line),
            };
            line = at.line + 1;
            let Some(date) = self.date(&e.date, &at) else {
                continue;
            };
            let request = self.request(e.request, entry.line);
            plan.extensions.push(Extension {
                date,
                until: e.until,
                planned: e.planned,
                reason: e.reason,
                requested_by: e.requested_by,
                assessment: e.assessment,
                request,
                remarks: e.remarks,
            });
            source.extensions.push(entry);
        }
    }

    /// `changes:`, each found in order below the previous one; one with a bad
    /// date or a kind that does not fit its times is left out.
    fn changes(&mut self, raw: Vec<RawChange>, plan: &mut YearPlan, source: &mut ScheduleSource) {
        let mut line = self.section_line("changes").unwrap_or(1);
        for c in raw {
            let at = self.locate("date", &c.date, line);
            let entry = EntrySource {
                date: at.clone(),
                line: entry_start(self.text, at.line),
            };
            line = at.line + 1;
            let Some(date) = self.date(&c.date, &at) else {
                continue;
            };
            if let Some(change) = self.change(c, date, entry.line) {
                plan.changes.push(change);
                source.changes.push(entry);
            }
        }
    }

    /// One change starting on `date`, its entry starting at `entry_line`.
    fn change(&mut self, c: RawChange, date: NaiveDate, entry_line: usize) -> Option<Change> {
        let through = match &c.through {
            Some(raw_date) => {
                let at = self.locate("through", raw_date, entry_line);
                self.date(raw_date, &at)?
            }
            None => date,
        };
        let kind = match (c.kind, c.start, c.end) {
            (RawKind::Stop, None, None) => ChangeKind::Stop,
            (RawKind::Hours, Some(start), Some(end)) => ChangeKind::Hours { start, end },
            (RawKind::Stop, _, _) => {
                self.diags.error(
                    self.locate("kind", "stop", entry_line),
                    "kind: stop（終日停止）には start・end を書きません（時間の変更は kind: hours）",
                );
                return None;
            }
            (RawKind::Hours, _, _) => {
                self.diags.error(
                    self.locate("kind", "hours", entry_line),
                    "kind: hours には変更後の start と end（HH:MM）を両方書いてください",
                );
                return None;
            }
        };
        let request = self.request(c.request, entry_line);
        Some(Change {
            date,
            through,
            kind,
            reason: c.reason,
            requested_by: c.requested_by,
            options: c.options,
            decision: c.decision,
            request,
            remarks: c.remarks,
        })
    }

    fn locate(&self, key: &str, value: &str, from: usize) -> Location {
        crate::yaml::locate(self.text, self.shown, key, value, from)
    }

    /// The line of a top-level `key:`.
    fn section_line(&self, key: &str) -> Option<usize> {
        let prefix = format!("{key}:");
        self.text
            .lines()
            .position(|l| l.starts_with(&prefix))
            .map(|i| i + 1)
    }

    /// The first line at or after `from` whose key is `key`, at any indentation.
    fn key_line(&self, key: &str, from: usize) -> Option<usize> {
        let prefix = format!("{key}:");
        self.text
            .lines()
            .enumerate()
            .skip(from.saturating_sub(1))
            .find(|(_, l)| l.trim_start().starts_with(&prefix))
            .map(|(i, _)| i + 1)
    }

    /// A `YYYY-MM-DD` date, or a located error that says what is wrong with it.
    fn date(&mut self, raw: &str, at: &Location) -> Option<NaiveDate> {
        let result = parse_date(raw);
        if let Err(message) = &result {
            self.diags.error(at.clone(), message.clone());
        }
        result.ok()
    }

    fn request(&mut self, raw: Option<RawRequest>, entry_line: usize) -> Option<Request> {
        let raw = raw?;
        let at = self.locate("sent", &raw.sent, entry_line);
        let sent = self.date(&raw.sent, &at)?;
        Some(Request {
            sent,
            via: raw.via,
            ticket: raw.ticket,
        })
    }
}

/// The line of the `- ` that starts the list item holding line `line`.
fn entry_start(text: &str, line: usize) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    (1..=line.min(lines.len()))
        .rev()
        .find(|&n| lines[n - 1].trim_start().starts_with("- "))
        .unwrap_or(line)
}

/// Parses `YYYY-MM-DD`, telling a malformed date from one that does not exist.
pub fn parse_date(raw: &str) -> Result<NaiveDate, String> {
    crate::domain::written::date(raw)
}

/// `2027-05` → (2027, 5).
fn parse_month(raw: &str) -> Option<(i32, u32)> {
    let (y, m) = raw.trim().split_once('-')?;
    let (year, month) = (y.parse().ok()?, m.parse().ok()?);
    (y.len() == 4 && (1..=12).contains(&month)).then_some((year, month))
}

#[cfg(test)]
mod tests;
