//! The workbook of 年間実績報告書: the same year as the PDF, in cells an
//! evaluator can sort and add up — one sheet of monthly figures, one of the
//! service levels, one of the work hours by area and month. Counts and minutes
//! are numbers; rates are written as the reports print them.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::office::{self, Cell, Column, Row, Shade, Table};
use super::{Book, xlsx_error};
use crate::data::records::WorkArea;
use crate::data::records::year::{MonthFigures, MonthState, YearFigures};
use crate::domain::FiscalYear;
use crate::domain::sla::{Measure, format_rate};
use crate::error::Error;
use crate::project::Project;
use crate::render::pdf::annual;

/// `年間実績報告書_令和8年度.xlsx`.
pub fn file_name(fy: FiscalYear) -> String {
    format!("{}_{}.xlsx", annual::KIND, fy.label())
}

pub fn workbooks(project: &Project) -> Result<Vec<Book>, Error> {
    annual::years(project)
        .into_iter()
        .map(|fy| {
            let file = file_name(fy);
            let y = annual::figures(project, fy);
            let bytes = write(project, &y).map_err(|e| xlsx_error(&file, e))?;
            Ok(Book {
                file,
                bytes,
                deliverable: None,
            })
        })
        .collect()
}

fn write(project: &Project, y: &YearFigures) -> Result<Vec<u8>, XlsxError> {
    let author = project
        .data
        .person_name(&project.config.organisation.contractor_actor);
    let title = format!("{} {}", y.fiscal_year.label(), annual::KIND);
    let mut wb = office::workbook(&title, &author, project.today)?;
    months_sheet(&mut wb, project, y)?;
    sla_sheet(&mut wb, project, y)?;
    hours_sheet(&mut wb, project, y)?;
    wb.save_to_buffer()
}

fn state(m: &MonthFigures) -> &'static str {
    match m.state {
        MonthState::BeforeServiceIn => "サービスイン前",
        MonthState::NoRecords => "記録なし",
        MonthState::Reported => "",
    }
}

fn month_cell(m: &MonthFigures) -> Cell {
    Cell::Month(chrono::NaiveDate::from_ymd_opt(m.year, m.month, 1).unwrap_or_default())
}

fn table<'a>(project: &Project, sheet: &'a str, title: &'a str, columns: &[&str]) -> Table<'a> {
    Table {
        sheet,
        title,
        created: project.today,
        notes: vec!["サービスイン前の月・記録のない月は数値を空欄とし、状態の列に示す".into()],
        landscape: true,
        columns: columns.iter().map(|c| Column::new(c)).collect(),
    }
}

/// The month-by-month figures as two sheets, so each prints on A4 at a legible
/// size: online operation, and the records and hours.
fn months_sheet(wb: &mut Workbook, project: &Project, y: &YearFigures) -> Result<(), XlsxError> {
    let online = [
        "月",
        "状態",
        "稼働日",
        "計画時間（分）",
        "提供時間（分）",
        "稼働率",
        "延長（回）",
        "停止（日）",
    ];
    month_table(
        wb,
        project,
        y,
        ("月別実績", "月別のオンライン稼働"),
        &online,
        |m| {
            let own = &m.sla.row(Measure::OnlineAvailability).own;
            vec![
                Cell::Int(i64::from(m.online.online_days)),
                Cell::Int(own.denominator as i64),
                Cell::Int(own.numerator as i64),
                Cell::from(format_rate(m.sla.row(Measure::OnlineAvailability).own_rate)),
                Cell::Int(i64::from(m.online.extensions())),
                Cell::Int(i64::from(m.online.stopped_days)),
            ]
        },
    )?;
    let counts = [
        "月",
        "状態",
        "問合せ・依頼",
        "障害",
        "マスタ更新",
        "アカウント変更",
        "ログ調査",
        "データ入出力",
        "会議",
        "作業時間（分）",
    ];
    month_table(
        wb,
        project,
        y,
        ("月別件数", "月別の記録の件数と作業時間"),
        &counts,
        |m| {
            vec![
                Cell::Int(m.inquiries as i64),
                Cell::Int(m.incidents as i64),
                Cell::Int(m.master_updates as i64),
                Cell::Int(m.account_events as i64),
                Cell::Int(m.log_investigations as i64),
                Cell::Int(m.data_transfers as i64),
                Cell::Int(m.meetings.len() as i64),
                Cell::Int(i64::from(m.hours.total)),
            ]
        },
    )
}

/// One row per month: the month, its state, and the figures of a month in service.
fn month_table(
    wb: &mut Workbook,
    project: &Project,
    y: &YearFigures,
    (sheet, title): (&str, &str),
    columns: &[&str],
    figures: impl Fn(&MonthFigures) -> Vec<Cell>,
) -> Result<(), XlsxError> {
    let rows: Vec<Row> = y
        .months
        .iter()
        .map(|m| {
            let mut cells = vec![month_cell(m), Cell::from(state(m))];
            if m.state == MonthState::Reported {
                cells.extend(figures(m));
            }
            cells.resize(columns.len(), Cell::Empty);
            Row {
                cells,
                shade: if m.state == MonthState::Reported {
                    Shade::None
                } else {
                    Shade::Saturday
                },
            }
        })
        .collect();
    office::write_table(wb, &table(project, sheet, title, columns), &rows)?;
    Ok(())
}

fn sla_sheet(wb: &mut Workbook, project: &Project, y: &YearFigures) -> Result<(), XlsxError> {
    let columns = [
        "月",
        "項目",
        "目標",
        "報告値",
        "算出値",
        "分子",
        "分母",
        "判定",
    ];
    let mut rows = Vec::new();
    for m in y.months.iter().filter(|m| m.state == MonthState::Reported) {
        for measure in Measure::ALL {
            let r = m.sla.row(measure);
            rows.push(Row {
                cells: vec![
                    month_cell(m),
                    Cell::from(measure.label()),
                    Cell::from(format_rate(r.target)),
                    Cell::from(format_rate(r.reported)),
                    Cell::from(format_rate(r.own_rate)),
                    Cell::Int(r.own.numerator as i64),
                    Cell::Int(r.own.denominator as i64),
                    Cell::from(match r.meets_target {
                        Some(true) => "達成",
                        Some(false) => "未達",
                        None => "—",
                    }),
                ],
                shade: if r.meets_target == Some(false) {
                    Shade::Highlight
                } else {
                    Shade::None
                },
            });
        }
    }
    office::write_table(
        wb,
        &table(
            project,
            "サービスレベル",
            "サービスレベル（月別）",
            &columns,
        ),
        &rows,
    )?;
    Ok(())
}

fn hours_sheet(wb: &mut Workbook, project: &Project, y: &YearFigures) -> Result<(), XlsxError> {
    let reported: Vec<&MonthFigures> = y.reported().collect();
    let labels: Vec<String> = reported
        .iter()
        .map(|m| format!("{}月（分）", m.month))
        .collect();
    let mut columns: Vec<&str> = vec!["作業区分"];
    columns.extend(labels.iter().map(String::as_str));
    columns.push("年度計（分）");
    let total = y.hours();
    let mut rows = Vec::new();
    for area in WorkArea::ALL {
        let Some(year) = total.by_area.get(area) else {
            continue;
        };
        let mut cells = vec![Cell::from(area.label())];
        cells.extend(
            reported
                .iter()
                .map(|m| Cell::Int(i64::from(m.hours.by_area.get(area).copied().unwrap_or(0)))),
        );
        cells.push(Cell::Int(i64::from(*year)));
        rows.push(Row {
            cells,
            shade: Shade::None,
        });
    }
    let mut cells = vec![Cell::from("合計")];
    cells.extend(reported.iter().map(|m| Cell::Int(i64::from(m.hours.total))));
    cells.push(Cell::Int(i64::from(total.total)));
    rows.push(Row {
        cells,
        shade: Shade::Total,
    });
    office::write_table(
        wb,
        &table(
            project,
            "作業時間",
            "作業区分別・月別の作業時間（作業日誌から）",
            &columns,
        ),
        &rows,
    )?;
    Ok(())
}
