//! ① スケジュール管理ファイル (§5): one workbook per fiscal year with the
//! オンライン稼働表 (every day), a monthly summary and one 作業依頼票 per change
//! request sent to Fujitsu (§4.3③).

use chrono::{Datelike, NaiveDate, Weekday};

use super::office::{self, Cell, Column, Form, Row, Shade, Table};
use super::{Book, xlsx_error};
use crate::domain::schedule::{
    Change, ChangeKind, Closed, Extension, MonthSummary, OperatingDay, Request, YearPlan, describe,
};
use crate::domain::wareki::{self, FiscalYear};
use crate::domain::{OperatingCalendar, Rules, holidays, weekday};
use crate::error::Error;
use crate::project::Project;

pub const SHEET_DAYS: &str = "オンライン稼働表";
pub const SHEET_MONTHS: &str = "月別集計";
const REQUEST_PREFIX: &str = "作業依頼票_";

/// `スケジュール管理ファイル_令和9年度.xlsx`.
pub fn file_name(fy: FiscalYear) -> String {
    format!("スケジュール管理ファイル_{}.xlsx", fy.label())
}

pub fn workbooks(project: &Project) -> Result<Vec<Book>, Error> {
    project
        .calendar
        .years()
        .iter()
        .map(|plan| {
            let file = file_name(plan.fiscal_year);
            let bytes = workbook(project, plan).map_err(|e| xlsx_error(&file, e))?;
            Ok(Book {
                file,
                bytes,
                deliverable: Some("d1"),
            })
        })
        .collect()
}

struct Ctx<'a> {
    project: &'a Project,
    cal: &'a OperatingCalendar,
    rules: &'a Rules,
    today: NaiveDate,
}

impl Ctx<'_> {
    fn actor_name(&self, id: &str) -> String {
        self.project
            .data
            .actor(id)
            .map_or_else(|| id.to_string(), |a| a.name.clone())
    }
}

fn workbook(project: &Project, plan: &YearPlan) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let ctx = Ctx {
        project,
        cal: &project.calendar,
        rules: project.calendar.rules(),
        today: project.today,
    };
    let title = format!("スケジュール管理ファイル（{}）", plan.label);
    let author = ctx.actor_name(&project.config.organisation.contractor_actor);
    let mut wb = office::workbook(&title, &author, project.today)?;
    days_sheet(&mut wb, &ctx, plan)?;
    months_sheet(&mut wb, &ctx, plan)?;
    for (n, request) in requests(plan).iter().enumerate() {
        request_sheet(&mut wb, &ctx, plan, n + 1, request)?;
    }
    super::nightly::nightly_sheet(&mut wb, project, plan)?;
    wb.save_to_buffer()
}

fn days_sheet(
    wb: &mut rust_xlsxwriter::Workbook,
    ctx: &Ctx<'_>,
    plan: &YearPlan,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let fy = plan.fiscal_year;
    let Some((from, through)) = ctx.cal.fiscal_year_range(fy) else {
        return Ok(());
    };
    let r = ctx.rules;
    let mut notes = vec![
        format!(
            "対象期間: {}〜{}",
            wareki::format_date(from),
            wareki::format_date(through)
        ),
        format!(
            "基本運用（§2-⑤）: オンライン {}（停止時間延長: {} まで）／{}のオンライン運用はなし",
            r.usual_hours_text(),
            r.extended_end,
            r.closed_days_text()
        ),
        format!(
            "年次計画（オンライン稼働日）仮確定日: {}（期限 {}）",
            plan.annual_fixed
                .map_or_else(|| "未確定".to_string(), wareki::format_date),
            wareki::format_date(ctx.cal.annual_plan_deadline(fy))
        ),
    ];
    if holidays::is_projection(through.year(), ctx.today) {
        notes.push(format!(
            "{}年以降の祝日は予測です（正式な祝日は前年2月に公表されます）",
            ctx.today.year() + 2
        ));
    }
    let columns = vec![
        Column::new("日付"),
        Column::new("曜日"),
        Column::new("オンライン"),
        Column::new("休止理由"),
        Column::new("開始"),
        Column::new("終了"),
        Column::new("延長"),
        Column::new("受託者 開始"),
        Column::new("受託者 終了"),
        Column::new("備考").wrapped(48.0),
    ];
    let rows: Vec<Row> = ctx
        .cal
        .days(from, through)
        .map(|day| day_row(ctx, &day))
        .collect();
    office::write_table(
        wb,
        &Table {
            sheet: SHEET_DAYS,
            title: &format!("オンライン稼働表（{}）", plan.label),
            created: ctx.today,
            notes,
            landscape: true,
            columns,
        },
        &rows,
    )?;
    Ok(())
}

fn day_row(ctx: &Ctx<'_>, day: &OperatingDay<'_>) -> Row {
    let (start, end) = match day.online {
        Some(s) => (Cell::Time(s.start), Cell::Time(s.end)),
        None => (Cell::Empty, Cell::Empty),
    };
    let mut remarks = describe::remarks(day, &|id| ctx.actor_name(id));
    if let Some(h) = day.holiday
        && !matches!(day.closed, Some(Closed::Holiday(_)))
    {
        // A holiday inside the year-end closure (元日) is named here.
        remarks.insert(0, describe::holiday(h, day.date, ctx.today));
    }
    let shade = if day.extension.is_some() {
        Shade::Highlight
    } else if !day.is_online() {
        Shade::Holiday
    } else if day.weekday() == Weekday::Sat {
        Shade::Saturday
    } else {
        Shade::None
    };
    Row {
        cells: vec![
            Cell::Wareki(day.date),
            weekday::short_name(day.weekday()).into(),
            if day.is_online() { "稼働" } else { "休止" }.into(),
            // A stop's reason is in the remarks; keep this column narrow.
            match day.closed {
                Some(Closed::Stopped(_)) => "停止".to_string(),
                _ => describe::closed(day, ctx.today).unwrap_or_default(),
            }
            .into(),
            start,
            end,
            day.extension
                .map(|e| {
                    format!(
                        "{} {}まで",
                        describe::planned_label(e.planned),
                        e.end(ctx.rules)
                    )
                })
                .into(),
            day.contractor.map_or(Cell::Empty, |s| Cell::Time(s.start)),
            day.contractor.map_or(Cell::Empty, |s| Cell::Time(s.end)),
            remarks.join("\n").into(),
        ],
        shade,
    }
}

fn months_sheet(
    wb: &mut rust_xlsxwriter::Workbook,
    ctx: &Ctx<'_>,
    plan: &YearPlan,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let summaries: Vec<MonthSummary> = ctx
        .cal
        .in_service_months(plan.fiscal_year)
        .into_iter()
        .map(|(y, m)| ctx.cal.month_summary(y, m))
        .collect();
    let mut rows: Vec<Row> = summaries
        .iter()
        .map(|s| {
            let fixed = plan.month_plan(s.year, s.month).map(|m| m.fixed);
            month_row(s, fixed, Shade::None)
        })
        .collect();
    let total = MonthSummary::total(&summaries);
    let mut total_row = month_row(&total, None, Shade::Total);
    total_row.cells[0] = "合計".into();
    rows.push(total_row);
    let columns = [
        "月",
        "暦日数",
        "稼働日数",
        "休止日数",
        "計画稼働時間",
        "延長（計画）",
        "延長（突発）",
        "停止日数",
        "時間変更日数",
        "月次計画決定日",
    ]
    .iter()
    .map(|h| Column::new(h))
    .collect();
    office::write_table(
        wb,
        &Table {
            sheet: SHEET_MONTHS,
            title: &format!("月別集計（{}）", plan.label),
            created: ctx.today,
            notes: vec![format!(
                "延長は計画・突発合せて年 {} 回未満の想定（§8）: {} は {} 回",
                ctx.rules.extension_limit,
                plan.label,
                plan.extensions.len()
            )],
            landscape: true,
            columns,
        },
        &rows,
    )?;
    Ok(())
}

fn month_row(s: &MonthSummary, fixed: Option<NaiveDate>, shade: Shade) -> Row {
    let first = NaiveDate::from_ymd_opt(s.year, s.month, 1);
    Row {
        cells: vec![
            first.map_or(Cell::Empty, Cell::WarekiMonth),
            Cell::Int(s.days.into()),
            Cell::Int(s.online_days.into()),
            Cell::Int(s.closed_days.into()),
            Cell::Decimal(f64::from(s.online_minutes) / 60.0),
            Cell::Int(s.extensions_planned.into()),
            Cell::Int(s.extensions_unplanned.into()),
            Cell::Int(s.stopped_days.into()),
            Cell::Int(s.changed_days.into()),
            fixed.into(),
        ],
        shade,
    }
}

/// An entry of the year that was sent to Fujitsu as a request.
enum Requested<'a> {
    Extension(&'a Extension, &'a Request),
    Change(&'a Change, &'a Request),
}

impl Requested<'_> {
    fn date(&self) -> NaiveDate {
        match self {
            Requested::Extension(e, _) => e.date,
            Requested::Change(c, _) => c.date,
        }
    }
}

/// The entries with a request, by target date.
fn requests(plan: &YearPlan) -> Vec<Requested<'_>> {
    let mut out: Vec<Requested<'_>> = plan
        .extensions
        .iter()
        .filter_map(|e| e.request.as_ref().map(|r| Requested::Extension(e, r)))
        .chain(
            plan.changes
                .iter()
                .filter_map(|c| c.request.as_ref().map(|r| Requested::Change(c, r))),
        )
        .collect();
    out.sort_by_key(Requested::date);
    out
}

/// R9-01: the fiscal year and the request's place in it.
pub fn request_number(fy: FiscalYear, number: usize) -> String {
    let (era, year) = fy.era_year();
    format!("{}{year}-{number:02}", era.initial())
}

/// `作業依頼票_R9.4.5`.
pub fn request_sheet_name(date: NaiveDate) -> String {
    format!("{REQUEST_PREFIX}{}", wareki::format_short(date))
}

fn request_sheet(
    wb: &mut rust_xlsxwriter::Workbook,
    ctx: &Ctx<'_>,
    plan: &YearPlan,
    number: usize,
    item: &Requested<'_>,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let config = &ctx.project.config;
    let requester = format!(
        "{}（{} の依頼による）",
        ctx.actor_name(&config.organisation.contractor_actor),
        config.organisation.client
    );
    let mut rows = FormRows::default();
    let (request, date) = match item {
        Requested::Extension(e, req) => (*req, e.date),
        Requested::Change(c, req) => (*req, c.date),
    };
    rows.add("依頼番号", request_number(plan.fiscal_year, number).into());
    rows.add("依頼日", Cell::Date(request.sent));
    rows.add("依頼先・経路", request.via.label().into());
    rows.add("依頼者", requester.into());
    rows.add("依頼種別", "オンライン時間帯変更".into());
    match item {
        Requested::Extension(e, _) => extension_rows(&mut rows, ctx, e),
        Requested::Change(c, _) => change_rows(&mut rows, ctx, c),
    }
    rows.add("受付番号", request.ticket.clone().into());
    office::write_form(
        wb,
        &Form {
            sheet: &request_sheet_name(date),
            title: "作業依頼票",
            created: ctx.today,
            rows: rows.finish(),
        },
    )
}

/// The label and value rows of a 作業依頼票.
#[derive(Default)]
struct FormRows(Vec<(String, Cell)>);

impl FormRows {
    fn add(&mut self, label: &str, cell: Cell) {
        self.0.push((label.to_string(), cell));
    }

    /// The rows, an empty text left as an empty cell.
    fn finish(self) -> Vec<(String, Cell)> {
        self.0
            .into_iter()
            .map(|(l, c)| match c {
                Cell::Text(t) if t.is_empty() => (l, Cell::Empty),
                other => (l, other),
            })
            .collect()
    }
}

/// What an extension of the online hours asks for, and why.
fn extension_rows(rows: &mut FormRows, ctx: &Ctx<'_>, e: &Extension) {
    let r = ctx.rules;
    let date = e.date;
    let usual_span = r.usual_span(date);
    rows.add("対象日", Cell::Date(date));
    rows.add(
        "変更内容",
        format!(
            "オンライン終了時刻を {} から {} に延長する",
            usual_span.end,
            e.end(r)
        )
        .into(),
    );
    rows.add("変更前", usual_span.to_string().into());
    rows.add(
        "変更後",
        format!("{}〜{}", usual_span.start, e.end(r)).into(),
    );
    rows.add("区分", describe::planned_label(e.planned).into());
    rows.add("理由", e.reason.clone().into());
    rows.add("要請元", ctx.actor_name(&e.requested_by).into());
    rows.add(
        "可否判断（夜間バッチ・他システム連携）",
        e.assessment.clone().into(),
    );
    rows.add(
        "受託者の作業時間",
        r.contractor_span(date, Some(e.end(r))).to_string().into(),
    );
    rows.add("備考", e.remarks.clone().into());
}

/// What a stop or a change of the online hours asks for, the options weighed
/// and the decision.
fn change_rows(rows: &mut FormRows, ctx: &Ctx<'_>, c: &Change) {
    let usual = ctx.rules.usual_span(c.date).to_string();
    rows.add("対象日", Cell::Date(c.date));
    if c.through != c.date {
        rows.add("対象日（最終日）", Cell::Date(c.through));
    }
    let (what, after) = match c.kind {
        ChangeKind::Stop => ("終日オンラインを停止する".to_string(), "停止".to_string()),
        ChangeKind::Hours { start, end } => (
            format!("オンライン稼働時間を {start}〜{end} に変更する"),
            format!("{start}〜{end}"),
        ),
    };
    rows.add("変更内容", what.into());
    rows.add("変更前", usual.into());
    rows.add("変更後", after.into());
    rows.add("理由", c.reason.clone().into());
    rows.add("要請元", ctx.actor_name(&c.requested_by).into());
    rows.add("検討した対応案", c.options.join("\n").into());
    rows.add("対応（区と協議のうえ決定）", c.decision.clone().into());
    rows.add("備考", c.remarks.clone().into());
}
