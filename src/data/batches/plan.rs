//! Checks of the business-batch plan (each run becomes a notice to staff,
//! §4.2-①) and of the backup log (§4.2-② 窓口業務終了後、随時バックアップを手動実行).

use chrono::NaiveDate;

use super::BatchData;
use super::catalog::{Job, Window};
use super::params::Value;
use super::records::{Backup, BackupResult, PlannedRun};
use super::resolve::{
    Notice, ResolveContext, RunValue, business_days_before, closed_reason, day_label,
};
use crate::diagnostics::Diagnostics;
use crate::domain::ClockTime;

/// One notice per planned run, in date order.
pub(super) fn notices(
    data: &BatchData,
    ctx: &ResolveContext<'_>,
    diags: &mut Diagnostics,
) -> Vec<Notice> {
    let mut out: Vec<Notice> = Vec::new();
    for run in &data.runs {
        let at = &run.at;
        let Some(job) = business_job(data, run, diags) else {
            continue;
        };
        let section = run.section.clone().unwrap_or_else(|| job.section.clone());
        if data.section(&section).is_none() {
            diags.error(
                at.locate("section", &section),
                format!("係 `{section}` はカタログにありません（data/batches/{section}.yaml がありません）"),
            );
        }
        check_run_time(run, job, ctx, diags);
        let notice_date = notice_date(run, ctx, diags);
        let slug = format!("{}-{}", run.date, job.id);
        if out.iter().any(|n| n.slug == slug) {
            diags.error(
                at.date.clone(),
                format!(
                    "{} の `{}` は同じ年度のファイルに既にあります",
                    run.date, job.id
                ),
            );
            continue;
        }
        let values = run_values(job, &run.params, diags);
        out.push(Notice {
            slug,
            date: run.date,
            job: job.id.clone(),
            section,
            start: run.start,
            notice_date,
            note: run.note.clone(),
            values,
        });
    }
    out.sort_by(|a, b| (a.date, &a.job).cmp(&(b.date, &b.job)));
    out
}

/// The run's job in the catalog, which must be a business batch.
fn business_job<'a>(
    data: &'a BatchData,
    run: &PlannedRun,
    diags: &mut Diagnostics,
) -> Option<&'a Job> {
    let at = &run.at;
    let Some(job) = data.job(&run.job) else {
        diags.error(
            at.locate("job", &run.job),
            format!(
                "ジョブ `{}` はカタログ（data/batches/）にありません",
                run.job
            ),
        );
        return None;
    };
    if !job.is_business() {
        diags.error(
            at.locate("job", &run.job),
            format!(
                "`{}`（{}）は{}です。実施予定に書くのは業務所管部門が実行する業務バッチです（夜間日次バッチは data/batch-params/ に書きます）",
                job.id,
                job.name,
                job.kind.label()
            ),
        );
        return None;
    }
    Some(job)
}

/// A business batch runs on a day with online service, inside its job's window
/// (the online hours, or after the counters close).
fn check_run_time(run: &PlannedRun, job: &Job, ctx: &ResolveContext<'_>, diags: &mut Diagnostics) {
    let cal = ctx.calendar;
    let at = &run.at;
    let day = cal.day(run.date);
    let span = match job.window {
        Window::AfterCounters => day.offhours_batch,
        _ => day.online,
    };
    match (day.online, span) {
        (None, _) => diags.error(
            at.date.clone(),
            format!(
                "{}は{}のためオンライン運用がありません。業務バッチはオンラインサービス提供時間中に実行します（§2-⑤）",
                day_label(run.date),
                closed_reason(cal, run.date)
            ),
        ),
        (Some(online), None) => diags.error(
            at.date.clone(),
            format!(
                "{}はオンラインが {} に終わるため、窓口業務終了後のバッチ（{}〜{}）を実行できません",
                day_label(run.date),
                online.end,
                cal.rules().offhours_batch_start,
                cal.rules().offhours_batch_end
            ),
        ),
        (Some(_), Some(span)) => {
            if let Some(start) = run.start
                && (start < span.start || start >= span.end)
            {
                diags.error(
                    at.locate("start", &start.to_string()),
                    format!("開始時刻 {start} は{}の時間帯（{span}）の外です", job.window.label()),
                );
            }
        }
    }
}

/// The day the notice goes out: as written (not after the run), else the set
/// number of business days before.
fn notice_date(run: &PlannedRun, ctx: &ResolveContext<'_>, diags: &mut Diagnostics) -> NaiveDate {
    match run.notice {
        Some(n) => {
            if n > run.date {
                diags.error(
                    run.at.locate("notice", &n.to_string()),
                    format!("お知らせの発信日 {n} が実施日 {} より後です", run.date),
                );
            }
            n
        }
        None => business_days_before(ctx.calendar, run.date, ctx.config.notice_business_days),
    }
}

/// The values a plan gives for a business batch, checked like the nightly ones.
fn run_values(job: &Job, values: &[Value], diags: &mut Diagnostics) -> Vec<RunValue> {
    let mut out = Vec::new();
    for v in values {
        let Some(p) = job.parameter(&v.name) else {
            diags.error(
                v.at.clone(),
                format!("ジョブ `{}` にパラメータ `{}` はありません", job.id, v.name),
            );
            continue;
        };
        match p.value_text(&v.raw, None) {
            Ok(value) => out.push(RunValue {
                name: p.name.clone(),
                label: p.label.clone(),
                display: p.display(&value),
                special: false,
                value,
            }),
            Err(message) => diags.error(
                v.at.clone(),
                format!("パラメータ `{}`（{}）: {message}", p.name, p.label),
            ),
        }
    }
    out
}

pub(super) fn check_backups(data: &BatchData, ctx: &ResolveContext<'_>, diags: &mut Diagnostics) {
    for b in &data.backups {
        check_backup(b, data, ctx, diags);
    }
}

/// One backup record: who ran it and what, on a past day with online service,
/// at a time after the counters close, with a note when it did not succeed.
fn check_backup(b: &Backup, data: &BatchData, ctx: &ResolveContext<'_>, diags: &mut Diagnostics) {
    check_backup_record(b, data, ctx, diags);
    let cal = ctx.calendar;
    let day = cal.day(b.date);
    let Some(online) = day.online else {
        diags.error(
            b.at.date.clone(),
            format!(
                "{}は{}のためオンライン運用がありません。随時バックアップはオンラインバッチ時間中に実行します（§2-⑤）",
                day_label(b.date),
                closed_reason(cal, b.date)
            ),
        );
        return;
    };
    check_backup_times(b, online.end, ctx, diags);
    if b.result != BackupResult::Ok && b.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        diags.error(
            b.at.locate(
                "result",
                match b.result {
                    BackupResult::Failed => "failed",
                    _ => "cancelled",
                },
            ),
            format!(
                "{}の記録には note（何が起きて、どう対応したか）を書いてください",
                b.result.label()
            ),
        );
    }
}

/// The contractor's staff ran it, the job (if named) exists, and the day has come.
fn check_backup_record(
    b: &Backup,
    data: &BatchData,
    ctx: &ResolveContext<'_>,
    diags: &mut Diagnostics,
) {
    let at = &b.at;
    match (ctx.staff_actor)(&b.by) {
        None => diags.error(
            at.locate("by", &b.by),
            format!("要員 `{}` は data/staff.yaml にありません", b.by),
        ),
        Some(actor) if actor != ctx.contractor => diags.warning(
            at.locate("by", &b.by),
            format!(
                "`{}` は受託者の要員ではありません。随時バックアップは受託者が実行します（§4.2-②）",
                b.by
            ),
        ),
        Some(_) => {}
    }
    if let Some(job) = &b.job
        && data.job(job).is_none()
    {
        diags.error(
            at.locate("job", job),
            format!("ジョブ `{job}` はカタログ（data/batches/）にありません"),
        );
    }
    if b.date > ctx.today {
        diags.error(
            at.date.clone(),
            format!(
                "{} はまだ来ていない日です。バックアップの記録は実行した後に書きます",
                b.date
            ),
        );
    }
}

/// Start after the counters close; end after the start and by the end of the
/// day's online (`online_end`); a successful backup records its end.
fn check_backup_times(
    b: &Backup,
    online_end: ClockTime,
    ctx: &ResolveContext<'_>,
    diags: &mut Diagnostics,
) {
    let at = &b.at;
    let counters_close = ctx.calendar.rules().offhours_batch_start;
    if b.start < counters_close {
        diags.error(
            at.locate("start", &b.start.to_string()),
            format!("開始 {} は窓口業務終了（{counters_close}）より前です（§4.2-② 窓口業務終了後、随時バックアップを手動実行）", b.start),
        );
    }
    if let Some(end) = b.end {
        if end <= b.start {
            diags.error(
                at.locate("end", &end.to_string()),
                format!("終了 {end} が開始 {} 以前です", b.start),
            );
        } else if end > online_end {
            diags.error(
                at.locate("end", &end.to_string()),
                format!("終了 {end} はその日のオンライン終了（{online_end}）より後です"),
            );
        }
    } else if b.result == BackupResult::Ok {
        diags.warning(
            at.date.clone(),
            "正常終了したバックアップは終了時刻（end）も記録してください",
        );
    }
}
