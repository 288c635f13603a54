//! Each month's parameter deadline (§2-⑤: the month before, or February for a
//! whole fiscal year) and where the month stands against it.

use std::path::Path;

use chrono::NaiveDate;

use super::Cycle;
use super::params::{ParamFile, Scope};
use super::resolve::{
    DeadlineState, MonthDeadline, Period, ResolveContext, day_label, month_label, service_months,
};
use crate::diagnostics::{Diagnostics, Location};
use crate::domain::deadline;
use crate::domain::wareki::FiscalYear;

/// §2-⑤: the deadline of a file's parameters. The service-in year is always
/// fixed month by month (its February comes after it starts).
pub(super) fn period_deadline(scope: Scope, fy: FiscalYear, ctx: &ResolveContext<'_>) -> NaiveDate {
    let service_fy = FiscalYear::of(ctx.calendar.service_in());
    match scope {
        Scope::Year(fy) if fy > service_fy => {
            deadline::yearly(ctx.calendar, fy, ctx.config.yearly_deadline_month)
        }
        Scope::Year(_) => {
            let (y, m) = service_months(ctx, fy)
                .first()
                .copied()
                .unwrap_or((fy.0, 4));
            monthly_deadline(ctx, y, m)
        }
        Scope::Month(y, m) => monthly_deadline(ctx, y, m),
    }
}

fn monthly_deadline(ctx: &ResolveContext<'_>, year: i32, month: u32) -> NaiveDate {
    deadline::monthly(
        ctx.calendar,
        year,
        month,
        ctx.config.monthly_deadline_business_days,
    )
}

/// Every month of the service with its deadline; a month past its deadline with
/// no parameters is an error (the nightly batch would run on stale values).
pub(super) fn deadlines(
    periods: &[Period],
    files: &[ParamFile],
    ctx: &ResolveContext<'_>,
    diags: &mut Diagnostics,
) -> Vec<MonthDeadline> {
    let service_fy = FiscalYear::of(ctx.calendar.service_in());
    let dir = Path::new(crate::data::DATA_DIR).join(super::params::PARAMS_DIR);
    let mut out = Vec::new();
    let mut fy = service_fy;
    while fy <= ctx.last_fiscal_year {
        for (y, m) in service_months(ctx, fy) {
            let period = periods
                .iter()
                .find(|p| p.months.iter().any(|pm| (pm.year, pm.month) == (y, m)));
            let yearly = match period {
                Some(p) => p.yearly,
                None => ctx.config.cycle == Cycle::Yearly && fy > service_fy,
            };
            let (deadline, cycle) = match period {
                Some(p) => (
                    p.deadline,
                    if p.yearly {
                        Cycle::Yearly
                    } else {
                        Cycle::Monthly
                    },
                ),
                None if yearly => (
                    deadline::yearly(ctx.calendar, fy, ctx.config.yearly_deadline_month),
                    Cycle::Yearly,
                ),
                None => (monthly_deadline(ctx, y, m), Cycle::Monthly),
            };
            let past = deadline < ctx.today;
            let state = match period {
                Some(p) if p.uploaded.is_some() => DeadlineState::Uploaded,
                Some(p) if p.fixed.is_some() => DeadlineState::Fixed,
                Some(_) => DeadlineState::Draft,
                None if past => DeadlineState::Overdue,
                None => DeadlineState::Pending,
            };
            if state == DeadlineState::Overdue {
                let file = if yearly {
                    format!("{}.yaml", fy.0)
                } else {
                    format!("{y}-{m:02}.yaml")
                };
                diags.error(
                    Location::file(dir.join(&file)),
                    format!(
                        "{}分の夜間日次バッチパラメータがありません。確定期限（{}）を過ぎています（{} を作成してください）",
                        month_label(y, m),
                        day_label(deadline),
                        crate::diagnostics::display_path(&dir.join(&file))
                    ),
                );
            }
            out.push(MonthDeadline {
                year: y,
                month: m,
                deadline,
                cycle,
                period: period.map(|p| p.code.clone()),
                state,
            });
        }
        fy = fy.next();
    }
    for (period, file) in periods
        .iter()
        .filter_map(|p| files.iter().find(|f| f.scope == p.scope).map(|f| (p, f)))
    {
        check_period_deadline(period, file, ctx, diags);
    }
    out
}

/// Late or missing 確定日 and アップロード日 of a file.
fn check_period_deadline(
    p: &Period,
    file: &ParamFile,
    ctx: &ResolveContext<'_>,
    diags: &mut Diagnostics,
) {
    let due = day_label(p.deadline);
    if let Some(f) = p.fixed
        && f > p.deadline
    {
        diags.warning(
            file.fixed_at.clone(),
            format!("{}の確定日 {f} は期限（{due}）より後です", p.label),
        );
    }
    if let Some(u) = p.uploaded
        && u > p.deadline
    {
        diags.warning(
            file.uploaded_at.clone(),
            format!("{}のアップロード日 {u} は期限（{due}）より後です", p.label),
        );
    }
    if p.deadline < ctx.today {
        if p.fixed.is_none() {
            diags.warning(
                Location::file(&file.path),
                format!(
                    "{}は期限（{due}）を過ぎましたが確定日（fixed）が記録されていません",
                    p.label
                ),
            );
        } else if p.uploaded.is_none() {
            diags.warning(
                Location::file(&file.path),
                format!(
                    "{}は期限（{due}）を過ぎましたがアップロード日（uploaded）が記録されていません",
                    p.label
                ),
            );
        }
    }
}
