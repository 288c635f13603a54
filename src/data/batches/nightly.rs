//! The nightly-batch parameter files checked against the catalog and the
//! operating calendar, and expanded into every night's jobs and values.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};

use super::BatchData;
use super::catalog::{Job, JobKind};
use super::params::{Days, Entry, MonthEntries, ParamFile, Scope};
use super::resolve::{
    NightlyMonth, NightlyRun, Period, ResolveContext, RunValue, closed_reason, day_label,
    month_label, service_months,
};
use crate::diagnostics::{Diagnostics, Location};
use crate::domain::schedule::month_days;
use crate::domain::wareki::{self, FiscalYear};

/// One parameter file checked and expanded into every night of its months.
pub(super) fn resolve_period(
    data: &BatchData,
    file: &ParamFile,
    ctx: &ResolveContext<'_>,
    diags: &mut Diagnostics,
) -> Option<Period> {
    let fy = in_service_fiscal_year(file, ctx, diags)?;
    check_record_dates(file, ctx, diags);
    let deadline = super::deadlines::period_deadline(file.scope, fy, ctx);

    let every: Vec<Checked> = file
        .every_month
        .iter()
        .filter_map(|e| check_entry(data, e, true, ctx, diags))
        .collect();
    if let Scope::Year(fy) = file.scope {
        check_year_months(file, fy, ctx, diags);
    }
    let mut months: Vec<NightlyMonth> = file
        .months
        .iter()
        .map(|m| month_runs(data, m, &every, ctx, diags))
        .collect();
    months.sort_by_key(|m| (m.year, m.month));
    Some(Period {
        scope: file.scope,
        code: file.scope.code(),
        label: file.scope.label(),
        yearly: matches!(file.scope, Scope::Year(_)),
        file: crate::diagnostics::display_path(&file.path),
        fixed: file.fixed,
        fixed_by: file.fixed_by.clone(),
        uploaded: file.uploaded,
        note: file.note.clone(),
        deadline,
        months,
    })
}

/// The fiscal year of the file's scope, or `None` (reported) when the scope lies
/// outside the service period.
fn in_service_fiscal_year(
    file: &ParamFile,
    ctx: &ResolveContext<'_>,
    diags: &mut Diagnostics,
) -> Option<FiscalYear> {
    let (fy, in_service) = match file.scope {
        Scope::Month(y, m) => {
            let fy = FiscalYear::of(NaiveDate::from_ymd_opt(y, m, 1)?);
            (fy, service_months(ctx, fy).contains(&(y, m)))
        }
        Scope::Year(fy) => (fy, !service_months(ctx, fy).is_empty()),
    };
    if !in_service {
        diags.error(
            Location::file(&file.path),
            format!(
                "{}はサービス期間（{}〜{}末）の外です",
                file.scope.label(),
                wareki::format_date(ctx.calendar.service_in()),
                ctx.last_fiscal_year.label()
            ),
        );
        return None;
    }
    Some(fy)
}

/// A yearly file lists exactly the fiscal year's months in service.
fn check_year_months(
    file: &ParamFile,
    fy: FiscalYear,
    ctx: &ResolveContext<'_>,
    diags: &mut Diagnostics,
) {
    let expected = service_months(ctx, fy);
    for m in &file.months {
        if !expected.contains(&(m.year, m.month)) {
            diags.error(
                m.at.clone(),
                format!(
                    "{}は{}（サービス期間内）の月ではありません",
                    month_label(m.year, m.month),
                    fy.label()
                ),
            );
        }
    }
    for &(y, m) in &expected {
        if !file.months.iter().any(|e| (e.year, e.month) == (y, m)) {
            diags.error(
                file.months_at.clone(),
                format!(
                    "{}のパラメータに {y}-{m:02}（{}）がありません。年度単位のファイルには全ての月を書きます（変更のない月は `{y}-{m:02}: {{}}`）",
                    fy.label(),
                    month_label(y, m)
                ),
            );
        }
    }
}

/// One month's runs: its own entries (a job at most once), and the
/// `every_month` entries for the jobs it does not name, in date order.
fn month_runs(
    data: &BatchData,
    m: &MonthEntries,
    every: &[Checked<'_>],
    ctx: &ResolveContext<'_>,
    diags: &mut Diagnostics,
) -> NightlyMonth {
    let own: Vec<Checked> = m
        .entries
        .iter()
        .filter_map(|e| check_entry(data, e, false, ctx, diags))
        .collect();
    let mut seen: HashSet<&str> = HashSet::new();
    for c in &own {
        if !seen.insert(&c.entry.job) {
            diags.error(
                c.entry.job_at.clone(),
                format!(
                    "ジョブ `{}` が{}に 2 回書かれています（実行日は 1 つの項目の days にまとめてください）",
                    c.entry.job,
                    month_label(m.year, m.month)
                ),
            );
        }
    }
    // A month's own entry for a job takes the place of the every_month one.
    let entries = every
        .iter()
        .filter(|c| !seen.contains(c.entry.job.as_str()))
        .chain(own.iter());
    let mut runs = Vec::new();
    for c in entries {
        runs.extend(expand(c, m.year, m.month, ctx, diags));
    }
    runs.sort_by_key(|r| r.date);
    NightlyMonth {
        year: m.year,
        month: m.month,
        note: m.note.clone(),
        runs,
    }
}

/// 確定日 and アップロード日: real days, in order, by someone who exists.
fn check_record_dates(file: &ParamFile, ctx: &ResolveContext<'_>, diags: &mut Diagnostics) {
    for (date, at, what) in [
        (file.fixed, &file.fixed_at, "確定日（fixed）"),
        (
            file.uploaded,
            &file.uploaded_at,
            "アップロード日（uploaded）",
        ),
    ] {
        if let Some(d) = date
            && d > ctx.today
        {
            diags.error(
                at.clone(),
                format!(
                    "{what}の {d} は今日（{}）より後です。済んだことだけを記録します",
                    ctx.today
                ),
            );
        }
    }
    if let (Some(f), Some(u)) = (file.fixed, file.uploaded)
        && u < f
    {
        diags.warning(
            file.uploaded_at.clone(),
            format!("アップロード日 {u} が確定日 {f} より前です"),
        );
    }
    if file.uploaded.is_some() && file.fixed.is_none() {
        diags.warning(
            file.uploaded_at.clone(),
            "アップロード日があるのに確定日（fixed）がありません",
        );
    }
    if let Some(by) = &file.fixed_by
        && !(ctx.actor_exists)(by)
    {
        diags.error(
            crate::yaml::locate(&file.text, &file.path, "fixed_by", by, 1),
            crate::data::unknown_actor(by),
        );
    }
}

/// A month written in a monthly file and in a yearly file is ambiguous.
pub(super) fn check_overlaps(files: &[ParamFile], diags: &mut Diagnostics) {
    for f in files {
        let Scope::Month(y, m) = f.scope else {
            continue;
        };
        let fy = NaiveDate::from_ymd_opt(y, m, 1).map(FiscalYear::of);
        if let Some(year_file) = files.iter().find(|o| Some(o.scope) == fy.map(Scope::Year)) {
            diags.error(
                Location::file(&f.path),
                format!(
                    "{}は {} （年度単位）にも書かれています。どちらか一方にしてください",
                    f.scope.label(),
                    crate::diagnostics::display_path(&year_file.path)
                ),
            );
        }
    }
}

/// An entry whose job and parameter values are checked.
struct Checked<'a> {
    entry: &'a Entry,
    job: &'a Job,
}

/// Checks what does not depend on the month: the job, the parameter names and
/// values. Reported once, even for an `every_month` entry used twelve times.
fn check_entry<'a>(
    data: &'a BatchData,
    entry: &'a Entry,
    every_month: bool,
    ctx: &ResolveContext<'_>,
    diags: &mut Diagnostics,
) -> Option<Checked<'a>> {
    let job = nightly_job(data, entry, diags)?;
    if every_month
        && (matches!(entry.days, Days::Dates(_))
            || !entry.except.is_empty()
            || !entry.on.is_empty())
    {
        diags.error(
            entry.job_at.clone(),
            "every_month には日付（days の日付・except・on）を書けません。日付は months の各月に書いてください",
        );
        return None;
    }
    check_values(job, entry, ctx, diags);
    for p in &job.parameters {
        if p.default.is_none() && !entry.params.iter().any(|v| v.name == p.name) {
            diags.error(
                entry.job_at.clone(),
                format!("ジョブ `{}` のパラメータ `{}`（{}）の値がありません（params に書いてください）", job.id, p.name, p.label),
            );
        }
    }
    Some(Checked { entry, job })
}

/// The entry's job in the catalog, which must be a nightly batch.
fn nightly_job<'a>(data: &'a BatchData, entry: &Entry, diags: &mut Diagnostics) -> Option<&'a Job> {
    let Some(job) = data.job(&entry.job) else {
        diags.error(
            entry.job_at.clone(),
            format!(
                "ジョブ `{}` はカタログ（data/batches/）にありません",
                entry.job
            ),
        );
        return None;
    };
    if job.kind != JobKind::Nightly {
        diags.error(
            entry.job_at.clone(),
            format!(
                "`{}`（{}）は{}です。パラメータファイルには夜間日次バッチだけを書きます",
                job.id,
                job.name,
                job.kind.label()
            ),
        );
        return None;
    }
    Some(job)
}

/// Every value written (`params` and each `on`) names a parameter of the job, is
/// valid for its type, and can be written in the parameter file's encoding.
fn check_values(job: &Job, entry: &Entry, ctx: &ResolveContext<'_>, diags: &mut Diagnostics) {
    let encoding = ctx.config.param_file.encoding;
    let values = entry
        .params
        .iter()
        .chain(entry.on.iter().flat_map(|(_, _, v)| v));
    for v in values {
        let Some(p) = job.parameter(&v.name) else {
            let known: Vec<&str> = job.parameters.iter().map(|p| p.name.as_str()).collect();
            diags.error(
                v.at.clone(),
                format!(
                    "ジョブ `{}` にパラメータ `{}` はありません（あるのは {}）",
                    job.id,
                    v.name,
                    if known.is_empty() {
                        "なし".to_string()
                    } else {
                        known.join(", ")
                    }
                ),
            );
            continue;
        };
        match p.value_text(&v.raw, None) {
            Ok(text) => {
                if let Err(u) = encoding.check(&text) {
                    diags.error(
                        v.at.clone(),
                        format!(
                            "パラメータ `{}` の値に {encoding} で書けない文字 {}があります（外部パラメータファイルに書けません）",
                            p.name,
                            u.describe()
                        ),
                    );
                }
            }
            Err(message) => diags.error(
                v.at.clone(),
                format!("パラメータ `{}`（{}）: {message}", p.name, p.label),
            ),
        }
    }
}

/// The nights of one month an entry runs, with their values. Dates outside the
/// month or on days without online service are reported here.
fn expand(
    c: &Checked<'_>,
    year: i32,
    month: u32,
    ctx: &ResolveContext<'_>,
    diags: &mut Diagnostics,
) -> Vec<NightlyRun> {
    let cal = ctx.calendar;
    let online: Vec<NaiveDate> = month_days(year, month)
        .filter(|d| cal.is_online_day(*d))
        .collect();
    let mut dates: Vec<NaiveDate> = match &c.entry.days {
        Days::Online => online.clone(),
        Days::FirstOnlineDay => online.first().copied().into_iter().collect(),
        Days::LastOnlineDay => online.last().copied().into_iter().collect(),
        Days::Dates(list) => {
            let mut out = Vec::new();
            for (d, at) in list {
                if (d.year(), d.month()) != (year, month) {
                    diags.error(
                        at.clone(),
                        format!("{d} は{}の日付ではありません", month_label(year, month)),
                    );
                } else if !cal.is_online_day(*d) {
                    diags.error(
                        at.clone(),
                        format!(
                            "{}は{}のためオンライン運用がありません。夜間日次バッチはオンライン稼働日の夜に実行します",
                            day_label(*d),
                            closed_reason(cal, *d)
                        ),
                    );
                } else if out.contains(d) {
                    diags.error(at.clone(), format!("{d} が 2 回書かれています"));
                } else {
                    out.push(*d);
                }
            }
            out
        }
    };
    for (d, at) in &c.entry.except {
        if !dates.contains(d) {
            diags.warning(
                at.clone(),
                format!("except の {d} はもともと実行日ではありません"),
            );
        }
    }
    dates.retain(|d| !c.entry.except.iter().any(|(e, _)| e == d));
    for (d, at, _) in &c.entry.on {
        if !dates.contains(d) {
            diags.error(
                at.clone(),
                format!("on の {d} は `{}` の実行日ではありません", c.job.id),
            );
        }
    }
    dates
        .into_iter()
        .map(|date| NightlyRun {
            date,
            job: c.job.id.clone(),
            values: run_values(c, date),
        })
        .collect()
}

/// The values of one night: `on` for that night, else `params`, else the default.
fn run_values(c: &Checked<'_>, date: NaiveDate) -> Vec<RunValue> {
    let on = c
        .entry
        .on
        .iter()
        .find(|(d, _, _)| *d == date)
        .map(|(_, _, v)| v);
    c.job
        .parameters
        .iter()
        .map(|p| {
            let written = on
                .and_then(|v| v.iter().find(|v| v.name == p.name))
                .or_else(|| c.entry.params.iter().find(|v| v.name == p.name))
                .map(|v| v.raw.clone());
            let default = p.default.clone().map(serde_yaml::Value::String);
            let default_value = default
                .as_ref()
                .and_then(|d| p.value_text(d, Some(date)).ok());
            let raw = written.or(default);
            // Problems were reported by check_entry; a bad value is left empty.
            let value = raw
                .and_then(|raw| p.value_text(&raw, Some(date)).ok())
                .unwrap_or_default();
            RunValue {
                name: p.name.clone(),
                label: p.label.clone(),
                display: p.display(&value),
                special: default_value.is_some_and(|d| d != value),
                value,
            }
        })
        .collect()
}
