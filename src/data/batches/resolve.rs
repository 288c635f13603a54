//! The batch files checked against the catalog and the operating calendar, and
//! expanded into what the outputs show: every night's nightly jobs with their
//! parameter values, each month's deadline, each business batch's notice.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use super::params::Scope;
use super::{BatchConfig, BatchData, Cycle};
use crate::diagnostics::Diagnostics;
use crate::domain::wareki::{self, FiscalYear};
use crate::domain::{OperatingCalendar, weekday};

/// What the checks need besides the files.
pub struct ResolveContext<'a> {
    pub config: &'a BatchConfig,
    pub calendar: &'a OperatingCalendar,
    pub today: NaiveDate,
    /// The last fiscal year of the contract (§14: 最長5過年度).
    pub last_fiscal_year: FiscalYear,
    pub actor_exists: &'a dyn Fn(&str) -> bool,
    /// The actor of a staff member (data/staff.yaml), if there is one.
    pub staff_actor: &'a dyn Fn(&str) -> Option<String>,
    pub contractor: &'a str,
}

/// The batch plan the outputs show.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Batches {
    /// One per parameter file, in time order.
    pub periods: Vec<Period>,
    /// Every month of the service, with its deadline and state.
    pub deadlines: Vec<MonthDeadline>,
    /// One per planned business batch, in date order.
    pub notices: Vec<Notice>,
}

/// The nightly-batch parameters of one file (a month or a fiscal year).
#[derive(Debug, Clone, Serialize)]
pub struct Period {
    #[serde(skip)]
    pub scope: Scope,
    /// `2027-05` or `2028`.
    pub code: String,
    /// 令和9年5月分.
    pub label: String,
    pub yearly: bool,
    /// The file it came from: `data/batch-params/2027-05.yaml`.
    pub file: String,
    pub fixed: Option<NaiveDate>,
    pub fixed_by: Option<String>,
    pub uploaded: Option<NaiveDate>,
    pub note: Option<String>,
    pub deadline: NaiveDate,
    pub months: Vec<NightlyMonth>,
}

impl Period {
    /// The 外部パラメータファイル設定シート of the period (§4.4②), below `output/xlsx/`.
    pub fn sheet_file_name(&self) -> String {
        format!("外部パラメータファイル設定シート_{}.xlsx", self.label)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct NightlyMonth {
    pub year: i32,
    pub month: u32,
    pub note: Option<String>,
    /// By date, then in the order the jobs are written.
    pub runs: Vec<NightlyRun>,
}

/// One nightly job on one night.
#[derive(Debug, Clone, Serialize)]
pub struct NightlyRun {
    pub date: NaiveDate,
    pub job: String,
    pub values: Vec<RunValue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunValue {
    pub name: String,
    pub label: String,
    /// As the parameter file takes it: dates `YYYYMMDD`, flags `1`/`0`.
    pub value: String,
    /// As people read it: `2（月末）`, 令和9年1月29日.
    pub display: String,
    /// Differs from the parameter's default (a month-end night, say).
    pub special: bool,
}

/// A month's parameter deadline and where the month stands.
#[derive(Debug, Clone, Serialize)]
pub struct MonthDeadline {
    pub year: i32,
    pub month: u32,
    pub deadline: NaiveDate,
    pub cycle: Cycle,
    /// The code of the period that covers the month, if any.
    pub period: Option<String>,
    pub state: DeadlineState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    /// アップロード済み.
    Uploaded,
    /// 確定済み（未アップロード）.
    Fixed,
    /// 作成中: the file exists but is not fixed.
    Draft,
    /// 未作成, not yet due.
    Pending,
    /// 期限超過: due and missing.
    Overdue,
}

impl DeadlineState {
    pub fn label(self) -> &'static str {
        match self {
            DeadlineState::Uploaded => "アップロード済み",
            DeadlineState::Fixed => "確定済み（未アップロード）",
            DeadlineState::Draft => "作成中（未確定）",
            DeadlineState::Pending => "未作成",
            DeadlineState::Overdue => "期限超過（未作成）",
        }
    }
}

/// 業務バッチ実施のお知らせ: one planned business batch.
#[derive(Debug, Clone, Serialize)]
pub struct Notice {
    /// `2027-06-15-FK-Y01`: the page name.
    pub slug: String,
    pub date: NaiveDate,
    pub job: String,
    pub section: String,
    pub start: Option<crate::domain::ClockTime>,
    /// The day the notice goes out.
    pub notice_date: NaiveDate,
    pub note: Option<String>,
    /// The values the section will enter, where the plan gives them.
    pub values: Vec<RunValue>,
}

pub fn resolve(data: &BatchData, ctx: &ResolveContext<'_>, diags: &mut Diagnostics) -> Batches {
    super::check_catalog(data, ctx.actor_exists, ctx.contractor, diags);
    let mut batches = Batches::default();
    for file in &data.params {
        if let Some(period) = super::nightly::resolve_period(data, file, ctx, diags) {
            batches.periods.push(period);
        }
    }
    super::nightly::check_overlaps(&data.params, diags);
    // A handbook without a catalog does not manage the nightly batch: no deadlines.
    if !data.sections.is_empty() || !data.params.is_empty() {
        batches.deadlines = super::deadlines::deadlines(&batches.periods, &data.params, ctx, diags);
    }
    batches.notices = super::plan::notices(data, ctx, diags);
    super::plan::check_backups(data, ctx, diags);
    batches
}

impl Batches {
    /// The nightly runs of one night, in file order.
    pub fn runs_on(&self, date: NaiveDate) -> impl Iterator<Item = &NightlyRun> {
        self.periods
            .iter()
            .flat_map(|p| p.months.iter())
            .filter(move |m| m.year == date.year() && m.month == date.month())
            .flat_map(|m| m.runs.iter())
            .filter(move |r| r.date == date)
    }

    pub fn period(&self, code: &str) -> Option<&Period> {
        self.periods.iter().find(|p| p.code == code)
    }
}

/// The months a fiscal year has in service: from the service-in month, up to the
/// end of the contract.
pub(super) fn service_months(ctx: &ResolveContext<'_>, fy: FiscalYear) -> Vec<(i32, u32)> {
    if fy > ctx.last_fiscal_year {
        return Vec::new();
    }
    let Some((start, _)) = ctx.calendar.fiscal_year_range(fy) else {
        return Vec::new();
    };
    fy.months()
        .filter(|m| *m >= (start.year(), start.month()))
        .collect()
}

pub(super) fn month_label(year: i32, month: u32) -> String {
    wareki::format_month(year, month)
}

/// 令和9年5月6日（木）.
pub(super) fn day_label(date: NaiveDate) -> String {
    format!(
        "{}（{}）",
        wareki::format_date(date),
        weekday::short_name(date.weekday())
    )
}

/// Why a day has no online service, in words.
pub(super) fn closed_reason(cal: &OperatingCalendar, date: NaiveDate) -> String {
    cal.day(date)
        .closed
        .map(|c| c.label())
        .unwrap_or_else(|| "オンライン運用なし".to_string())
}
/// The business days before `date`, counted back `n` (0 = `date` itself).
pub(super) fn business_days_before(cal: &OperatingCalendar, date: NaiveDate, n: u32) -> NaiveDate {
    let mut day = date;
    let mut left = n;
    for _ in 0..400 {
        if left == 0 {
            return day;
        }
        day -= Duration::days(1);
        if cal.is_business_day(day) {
            left -= 1;
        }
    }
    day
}
