//! The schedule checks `check` reports with file:line: entries on days without
//! online service, overlapping entries, too many extensions, plans fixed late or
//! not at all, dates outside the file's fiscal year.

use chrono::{Datelike, Duration, NaiveDate};

use super::{EntrySource, ScheduleSource};
use crate::diagnostics::{Diagnostics, Location};
use crate::domain::schedule::{ChangeKind, Closed, OperatingCalendar, YearPlan};
use crate::domain::wareki::{self, FiscalYear};
use crate::domain::weekday;

/// What the checks need besides the files.
pub struct CheckContext<'a> {
    /// The calendar built from the rules and the same files.
    pub calendar: &'a OperatingCalendar,
    pub today: NaiveDate,
    /// The last fiscal year of the contract (§14: 最長5過年度).
    pub last_fiscal_year: FiscalYear,
    pub actor_exists: &'a dyn Fn(&str) -> bool,
}

pub fn check(
    plans: &[YearPlan],
    sources: &[ScheduleSource],
    ctx: &CheckContext<'_>,
    diags: &mut Diagnostics,
) {
    for (plan, source) in plans.iter().zip(sources) {
        check_year(plan, source, ctx, diags);
    }
    check_missing_years(plans, ctx, diags);
}

/// A day taken by an entry: (date, line of the entry, what it is).
type Taken<'a> = (NaiveDate, &'a Location, &'static str);

/// Every check of one year's file.
fn check_year(
    plan: &YearPlan,
    source: &ScheduleSource,
    ctx: &CheckContext<'_>,
    diags: &mut Diagnostics,
) {
    let cal = ctx.calendar;
    let fy = plan.fiscal_year;
    if cal.fiscal_year_range(fy).is_none() {
        diags.error(
            source.file.clone(),
            format!(
                "{} はサービスイン（{}）より前の年度です",
                fy.label(),
                wareki::format_date(cal.service_in())
            ),
        );
        return;
    }
    let mut taken = check_extensions(plan, source, ctx, diags);
    taken.extend(check_changes(plan, source, ctx, diags));
    check_overlaps(taken, diags);
    check_extension_count(plan, source, ctx, diags);
    check_annual_plan(plan, source, ctx, diags);
    check_monthly_plans(plan, source, ctx, diags);
}

/// Each extension: in the year, on an operating day, ending after the usual end
/// and by the latest allowed; the days they take.
fn check_extensions<'s>(
    plan: &YearPlan,
    source: &'s ScheduleSource,
    ctx: &CheckContext<'_>,
    diags: &mut Diagnostics,
) -> Vec<Taken<'s>> {
    let cal = ctx.calendar;
    let rules = cal.rules();
    let mut taken = Vec::new();
    for (e, at) in plan.extensions.iter().zip(&source.extensions) {
        if !in_year(e.date, plan.fiscal_year, &at.date, ctx, diags) {
            continue;
        }
        if let Some(closed) = rule_closed(cal, e.date) {
            diags.error(
                at.date.clone(),
                format!(
                    "{}は{}のためオンライン稼働日ではありません。延長できるのは稼働日だけです",
                    day_label(e.date),
                    closed
                ),
            );
        }
        let end = e.end(rules);
        let usual_end = rules.usual_span(e.date).end;
        if end <= usual_end || end > rules.extended_end {
            diags.error(
                source.locate_in(at, "until", &end.to_string()),
                format!(
                    "延長の終了時刻 {end} は {usual_end} より後、{} 以前にしてください（§2-⑤ 停止時間延長）",
                    rules.extended_end
                ),
            );
        }
        check_actor(&e.requested_by, source, at, ctx, diags);
        check_request_date(
            e.request.as_ref().map(|r| r.sent),
            e.date,
            source,
            at,
            diags,
        );
        taken.push((e.date, &at.date, "延長"));
    }
    taken
}

/// Each stop or change of hours: its days in the year and in order, at least one
/// of them an operating day, sensible hours; the days they take.
fn check_changes<'s>(
    plan: &YearPlan,
    source: &'s ScheduleSource,
    ctx: &CheckContext<'_>,
    diags: &mut Diagnostics,
) -> Vec<Taken<'s>> {
    let cal = ctx.calendar;
    let rules = cal.rules();
    let fy = plan.fiscal_year;
    let mut taken = Vec::new();
    for (c, at) in plan.changes.iter().zip(&source.changes) {
        let in_fy = in_year(c.date, fy, &at.date, ctx, diags);
        if c.through < c.date {
            diags.error(
                source.locate_in(at, "through", &c.through.to_string()),
                "through（最終日）は date 以後にしてください",
            );
            continue;
        }
        let through_at = source.locate_in(at, "through", &c.through.to_string());
        if !in_fy || (c.through != c.date && !in_year(c.through, fy, &through_at, ctx, diags)) {
            continue;
        }
        let operating = c.days().filter(|d| rule_closed(cal, *d).is_none()).count();
        if operating == 0 {
            let why = rule_closed(cal, c.date).unwrap_or_default();
            diags.error(
                at.date.clone(),
                format!(
                    "{}は{}のためオンライン稼働日ではありません。{}はオンライン稼働日にだけ書きます",
                    day_label(c.date),
                    why,
                    c.kind.label()
                ),
            );
        }
        if let ChangeKind::Hours { start, end } = c.kind
            && (start >= end || end > rules.extended_end)
        {
            diags.error(
                source.locate_in(at, "end", &end.to_string()),
                format!(
                    "変更後の稼働時間 {start}〜{end} は開始が終了より前で、終了が {} 以前になるようにしてください",
                    rules.extended_end
                ),
            );
        }
        check_actor(&c.requested_by, source, at, ctx, diags);
        check_request_date(
            c.request.as_ref().map(|r| r.sent),
            c.date,
            source,
            at,
            diags,
        );
        for day in c.days() {
            taken.push((day, &at.date, c.kind.label()));
        }
    }
    taken
}

/// The date lies in the file's fiscal year and not before the service-in day.
fn in_year(
    date: NaiveDate,
    fy: FiscalYear,
    at: &Location,
    ctx: &CheckContext<'_>,
    diags: &mut Diagnostics,
) -> bool {
    if !fy.contains(date) {
        diags.error(
            at.clone(),
            format!(
                "{date} は{}（{}〜{}）の外の日付です（{}.yaml には{}の日付だけを書きます）",
                fy.label(),
                fy.start(),
                fy.end(),
                fy.0,
                fy.label()
            ),
        );
        return false;
    }
    if date < ctx.calendar.service_in() {
        diags.error(
            at.clone(),
            format!(
                "{date} はサービスイン（{}）より前の日付です",
                ctx.calendar.service_in()
            ),
        );
        return false;
    }
    true
}

/// Why the rules give no service on the day (holiday, Sunday, year-end).
fn rule_closed(cal: &OperatingCalendar, date: NaiveDate) -> Option<String> {
    cal.rule_closure(date).map(|c| match c {
        Closed::Holiday(name) => format!("祝日（{name}）"),
        other => other.label(),
    })
}

/// 2027-05-16（日）.
fn day_label(date: NaiveDate) -> String {
    format!("{date}（{}）", weekday::short_name(date.weekday()))
}

fn check_actor(
    id: &str,
    source: &ScheduleSource,
    at: &EntrySource,
    ctx: &CheckContext<'_>,
    diags: &mut Diagnostics,
) {
    if !(ctx.actor_exists)(id) {
        diags.error(
            source.locate_in(at, "requested_by", id),
            crate::data::unknown_actor(id),
        );
    }
}

fn check_request_date(
    sent: Option<NaiveDate>,
    date: NaiveDate,
    source: &ScheduleSource,
    at: &EntrySource,
    diags: &mut Diagnostics,
) {
    if let Some(sent) = sent
        && sent > date
    {
        diags.warning(
            source.locate_in(at, "sent", &sent.to_string()),
            format!("依頼日 {sent} が対象日 {date} より後です"),
        );
    }
}

/// Two entries on one day: an extension and a stop, or two changes.
fn check_overlaps(mut taken: Vec<Taken<'_>>, diags: &mut Diagnostics) {
    taken.sort_by_key(|(date, at, _)| (*date, at.line));
    for pair in taken.windows(2) {
        let ((d1, first, what1), (d2, second, what2)) = (&pair[0], &pair[1]);
        if d1 == d2 && first.line != second.line {
            diags.error(
                (*second).clone(),
                format!(
                    "{}の{what2}は {} 行目の{what1}と重なっています（1 日に書けるのは 1 件です）",
                    day_label(*d2),
                    first.line
                ),
            );
        }
    }
}

/// §8: 計画・突発合せ5回/年未満.
fn check_extension_count(
    plan: &YearPlan,
    source: &ScheduleSource,
    ctx: &CheckContext<'_>,
    diags: &mut Diagnostics,
) {
    let limit = ctx.calendar.rules().extension_limit;
    if limit == 0 || plan.extensions.len() < limit {
        return;
    }
    let mut order: Vec<usize> = (0..plan.extensions.len()).collect();
    order.sort_by_key(|&i| plan.extensions[i].date);
    let at = &source.extensions[order[limit - 1]];
    diags.warning(
        at.date.clone(),
        format!(
            "{}の延長が {} 回あります（資料は計画・突発合せて年 {limit} 回未満を想定しています。§8 作業時間）",
            plan.label,
            plan.extensions.len()
        ),
    );
}

fn check_annual_plan(
    plan: &YearPlan,
    source: &ScheduleSource,
    ctx: &CheckContext<'_>,
    diags: &mut Diagnostics,
) {
    let deadline = ctx.calendar.annual_plan_deadline(plan.fiscal_year);
    match (plan.annual_fixed, &source.annual_fixed) {
        (Some(fixed), Some(at)) if fixed > deadline => diags.warning(
            at.clone(),
            format!(
                "{}の年次計画（オンライン稼働日）の仮確定日 {fixed} は期限 {deadline} より後です（§2-⑤ 年次(12 月末~2月末):オンライン稼働日仮確定）",
                plan.label
            ),
        ),
        (None, _) if ctx.today > deadline => diags.warning(
            source.file.clone(),
            format!(
                "{}の年次計画（オンライン稼働日）が期限 {deadline} までに確定していません（plan.annual_fixed に仮確定日を書いてください）",
                plan.label
            ),
        ),
        _ => {}
    }
}

/// §2-⑤ 月次(前月):オンライン稼働時間決定.
fn check_monthly_plans(
    plan: &YearPlan,
    source: &ScheduleSource,
    ctx: &CheckContext<'_>,
    diags: &mut Diagnostics,
) {
    let fy = plan.fiscal_year;
    let service_month = first_of_month(ctx.calendar.service_in());
    for (m, at) in plan.monthly.iter().zip(&source.monthly) {
        let Some(first) = NaiveDate::from_ymd_opt(m.year, m.month, 1) else {
            continue;
        };
        let key_at = Location::new(&at.path, at.line, 1);
        if !fy.contains(first) || first < service_month {
            diags.error(
                key_at,
                format!(
                    "{}-{:02} は{}のサービス期間の月ではありません",
                    m.year,
                    m.month,
                    fy.label()
                ),
            );
            continue;
        }
        let previous = first_of_month(first - Duration::days(1));
        if first_of_month(m.fixed) != previous {
            diags.warning(
                at.clone(),
                format!(
                    "{}の月次計画の決定日 {} は前月（{}）ではありません（§2-⑤ 月次(前月):オンライン稼働時間決定）",
                    wareki::format_month(m.year, m.month),
                    m.fixed,
                    wareki::format_month(previous.year(), previous.month())
                ),
            );
        }
    }
    for (year, month) in fy.months() {
        let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
            continue;
        };
        if first < service_month || first > ctx.today || plan.month_plan(year, month).is_some() {
            continue;
        }
        diags.warning(
            source.monthly_section.clone(),
            format!(
                "{}の月次計画（稼働時間）の決定日がありません（前月中に決定し、plan.monthly_fixed に {year}-{month:02}: YYYY-MM-DD と書きます）",
                wareki::format_month(year, month)
            ),
        );
    }
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// The fiscal year in progress and the next one need a file once their annual
/// deadline has passed, within the contract years. A project without any
/// schedule file does not keep its calendar in tebiki and is left alone.
fn check_missing_years(plans: &[YearPlan], ctx: &CheckContext<'_>, diags: &mut Diagnostics) {
    if plans.is_empty() {
        return;
    }
    let cal = ctx.calendar;
    let current = FiscalYear::of(ctx.today);
    for fy in [current, current.next()] {
        let in_contract = cal.fiscal_year_range(fy).is_some() && fy <= ctx.last_fiscal_year;
        let has_file = plans.iter().any(|p| p.fiscal_year == fy);
        let deadline = cal.annual_plan_deadline(fy);
        if in_contract && !has_file && ctx.today > deadline {
            diags.warning(
                Location::file(std::path::Path::new(crate::data::DATA_DIR).join(super::SCHEDULE_DIR)),
                format!(
                    "{}の年次計画（オンライン稼働日）が期限 {deadline} までに確定していません（data/schedule/{}.yaml がありません）",
                    fy.label(),
                    fy.0
                ),
            );
        }
    }
}
