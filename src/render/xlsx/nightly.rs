//! The 夜間日次バッチ sheet of ① スケジュール管理ファイル: every day of the
//! fiscal year with the nightly jobs that run after the online service, the
//! values that differ from their defaults, and whether the month's parameters
//! are fixed (§4.4).

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Workbook, XlsxError};

use super::office::{self, Cell, Column, Row, Shade, Table};
use crate::data::batches::Batches;
use crate::domain::schedule::{OperatingDay, YearPlan};
use crate::domain::{wareki, weekday};
use crate::project::Project;

pub const SHEET_NIGHTLY: &str = "夜間日次バッチ";

pub fn nightly_sheet(
    wb: &mut Workbook,
    project: &Project,
    plan: &YearPlan,
) -> Result<(), XlsxError> {
    // A handbook without a batch catalog does not manage the nightly batch.
    if project.data.batches.sections.is_empty() {
        return Ok(());
    }
    let cal = &project.calendar;
    let fy = plan.fiscal_year;
    let Some((from, through)) = cal.fiscal_year_range(fy) else {
        return Ok(());
    };
    let rows: Vec<Row> = cal
        .days(from, through)
        .map(|day| day_row(&project.batches, &day))
        .collect();
    office::write_table(
        wb,
        &Table {
            sheet: SHEET_NIGHTLY,
            title: &format!("夜間日次バッチ（{}）", plan.label),
            created: project.today,
            notes: notes(project, from, through),
            landscape: true,
            columns: columns(),
        },
        &rows,
    )?;
    Ok(())
}

/// The period, how to read the sheet, and the nightly jobs' names (the rows
/// show their ids only).
fn notes(project: &Project, from: NaiveDate, through: NaiveDate) -> Vec<String> {
    let legend: Vec<String> = project
        .data
        .batches
        .jobs()
        .filter(|j| j.kind == crate::data::batches::JobKind::Nightly)
        .map(|j| format!("{} {}", j.id, j.name))
        .collect();
    vec![
        format!(
            "対象期間: {}〜{}。夜間日次バッチはオンライン終了後に、事前登録したパラメータで自動実行される（§2-⑤）。",
            wareki::format_date(from),
            wareki::format_date(through)
        ),
        "黄色の行は既定値と違うパラメータを使う夜。パラメータの詳細は ② 外部パラメータファイル設定シートを見る。".to_string(),
    ]
    .into_iter()
    // A few jobs a line, so the legend does not widen the printed page.
    .chain(legend.chunks(3).map(|c| format!("ジョブ: {}", c.join("／"))))
    .collect()
}

fn columns() -> Vec<Column> {
    vec![
        Column::new("日付"),
        Column::new("曜日"),
        Column::new("開始（オンライン終了後）"),
        Column::new("ジョブ数"),
        Column::new("実行するジョブ").wrapped(36.0),
        Column::new("既定と違う値").wrapped(36.0),
        Column::new("パラメータ"),
        Column::new("パラメータの状態"),
        Column::new("確定期限"),
    ]
}

/// One day: the jobs that run that night, the values that differ from their
/// defaults, and the state of the month's parameters.
fn day_row(batches: &Batches, day: &OperatingDay<'_>) -> Row {
    let date = day.date;
    let month = batches
        .deadlines
        .iter()
        .find(|d| (d.year, d.month) == (date.year(), date.month()));
    let runs: Vec<_> = batches.runs_on(date).collect();
    // Ids keep a day on one or two lines; the names are in the notes above.
    let ids: Vec<&str> = runs.iter().map(|r| r.job.as_str()).collect();
    let special: Vec<String> = runs
        .iter()
        .flat_map(|r| {
            r.values
                .iter()
                .filter(|v| v.special)
                .map(move |v| format!("{} {}={}", r.job, v.label, v.display))
        })
        .collect();
    let state = match (day.online, month) {
        (None, _) => "実行なし（オンライン運用なし）".to_string(),
        (Some(_), Some(m)) => m.state.label().to_string(),
        (Some(_), None) => String::new(),
    };
    let shade = if day.online.is_none() {
        Shade::Holiday
    } else if !special.is_empty() {
        Shade::Highlight
    } else if date.weekday() == chrono::Weekday::Sat {
        Shade::Saturday
    } else {
        Shade::None
    };
    Row {
        cells: vec![
            Cell::Date(date),
            Cell::from(weekday::short_name(date.weekday())),
            day.nightly_batch_after.map_or(Cell::Empty, Cell::Time),
            if day.online.is_some() {
                Cell::Int(runs.len() as i64)
            } else {
                Cell::Empty
            },
            Cell::Text(ids.join(" ")),
            Cell::Text(special.join("\n")),
            Cell::from(month.and_then(|m| m.period.clone())),
            Cell::Text(state),
            month.map_or(Cell::Empty, |m| Cell::Date(m.deadline)),
        ],
        shade,
    }
}
