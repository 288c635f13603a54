//! The record ledgers (§5): ③ マスタ更新記録, ④ アカウント・組織・権限管理台帳,
//! ⑤ 問合せ・障害対応記録 and ⑦ the meeting list with its action items. Each
//! workbook holds the sheets of the kinds declared to belong to it, in the
//! shared office look; a sheet's columns are the kind's ledger fields.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::office::{self, Cell, Column, Row, Shade, Table};
use super::{Book, xlsx_error};
use crate::data::Data;
use crate::data::records::KindVisitor;
use crate::data::records::kind::{self, RecordKind};
use crate::data::records::value::{
    Column as GridColumn, Env, Flag, Grid, Sheet, Value, Width, join_dates, join_names,
};
use crate::error::Error;
use crate::project::Project;

/// The sheets of one workbook, gathered from its kinds.
struct Gathered {
    book: &'static kind::Book,
    sheets: Vec<Sheet>,
    has_records: bool,
}

struct Ledgers<'a> {
    env: Env<'a>,
    books: Vec<Gathered>,
}

impl KindVisitor for Ledgers<'_> {
    fn visit<R: RecordKind>(&mut self, records: &[R]) {
        let Some(ledger) = R::ABOUT.ledger else {
            return;
        };
        let sheets = R::sheets(records, &self.env);
        match self.books.iter_mut().find(|g| g.book == ledger.book) {
            Some(g) => {
                g.sheets.extend(sheets);
                g.has_records |= !records.is_empty();
            }
            None => self.books.push(Gathered {
                book: ledger.book,
                sheets,
                has_records: !records.is_empty(),
            }),
        }
    }
}

/// Every ledger that has records, each with the deliverable it is.
pub fn workbooks(project: &Project) -> Result<Vec<Book>, Error> {
    let mut ledgers = Ledgers {
        env: Env {
            data: &project.data,
            day: project.today,
            notification_minutes: project.config.sla.notification_minutes,
            redacted: project.redacted,
        },
        books: Vec::new(),
    };
    project.data.records.visit(&mut ledgers);
    let author = project
        .data
        .person_name(&project.config.organisation.contractor_actor);
    ledgers
        .books
        .iter()
        .filter(|g| g.has_records)
        .map(|g| {
            let bytes = write_book(g, &author, project).map_err(|e| xlsx_error(g.book.file, e))?;
            Ok(Book {
                file: g.book.file.to_string(),
                bytes,
                deliverable: Some(g.book.deliverable),
            })
        })
        .collect()
}

fn write_book(g: &Gathered, author: &str, project: &Project) -> Result<Vec<u8>, XlsxError> {
    let mut wb: Workbook = office::workbook(g.book.title, author, project.today)?;
    for sheet in &g.sheets {
        write_sheet(&mut wb, sheet, project)?;
    }
    wb.save_to_buffer()
}

fn write_sheet(wb: &mut Workbook, sheet: &Sheet, project: &Project) -> Result<(), XlsxError> {
    let (columns, rows) = table(&sheet.grid, sheet.numbered, &project.data);
    office::write_table(
        wb,
        &Table {
            sheet: &sheet.name,
            title: &sheet.title,
            created: project.today,
            notes: sheet.notes.clone(),
            landscape: true,
            columns,
        },
        &rows,
    )?;
    Ok(())
}

/// A table of values as sheet columns and rows, with a No. column first when asked.
fn table(grid: &Grid, numbered: bool, data: &Data) -> (Vec<Column>, Vec<Row>) {
    let mut columns: Vec<Column> = Vec::new();
    if numbered {
        columns.push(Column::new("No."));
    }
    // A field of several dates gets a column per date (状況報告1, 状況報告2…), so
    // each is a real date, not a list of dates in one text cell.
    let spread: Vec<usize> = (0..grid.columns.len())
        .map(|n| date_columns(grid, n))
        .collect();
    for (n, c) in grid.columns.iter().enumerate() {
        if spread[n] > 0 {
            columns.extend((1..=spread[n]).map(|k| Column::new(&format!("{}{k}", c.label))));
            continue;
        }
        let column = match c.width {
            Width::Fit => Column::new(c.label),
            Width::Wrap(w) => Column::new(c.label).wrapped(w),
        };
        columns.push(match listed(grid, n, c, data) {
            Some(values) => column.listed(values),
            None => column,
        });
    }
    let rows = grid
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let mut cells: Vec<Cell> = Vec::new();
            if numbered {
                cells.push(Cell::Int(i as i64 + 1));
            }
            for (n, v) in row.values.iter().enumerate() {
                match (spread[n], v) {
                    (0, v) => cells.push(cell(v, data)),
                    (k, Value::Dates(dates)) => {
                        let mut own: Vec<Cell> = dates.iter().map(|d| Cell::Date(*d)).collect();
                        own.resize(k, Cell::Empty);
                        cells.extend(own);
                    }
                    (k, _) => cells.extend(std::iter::repeat_n(Cell::Empty, k)),
                }
            }
            Row {
                cells,
                shade: shade(row.flag),
            }
        })
        .collect();
    (columns, rows)
}

/// How many date columns column `n` spreads into: the most dates a row has,
/// when the column holds lists of dates; 0 for any other column.
fn date_columns(grid: &Grid, n: usize) -> usize {
    let mut most = 0;
    for row in &grid.rows {
        match &row.values[n] {
            Value::Dates(dates) => most = most.max(dates.len()),
            Value::Empty => {}
            _ => return 0,
        }
    }
    most
}

/// The labels of an enum column, when every cell holds one of them (a status
/// shown with a derived note, `対応中（期限超過）`, is not offered as a list).
fn listed(grid: &Grid, n: usize, column: &GridColumn, data: &Data) -> Option<Vec<String>> {
    let labels = column.choices?.labels();
    let every = grid.rows.iter().all(|r| {
        let text = r.values[n].plain(data);
        text.is_empty() || labels.contains(&text)
    });
    every.then_some(labels)
}

fn shade(flag: Flag) -> Shade {
    match flag {
        Flag::Warn => Shade::Highlight,
        Flag::Muted => Shade::Holiday,
        Flag::None | Flag::Open => Shade::None,
    }
}

/// One value as a cell: dates, times and numbers as Excel values, the rest as text.
pub fn cell(value: &Value, data: &Data) -> Cell {
    match value {
        Value::Empty | Value::Missing(_) => Cell::Empty,
        Value::Date(d) => Cell::Date(*d),
        Value::Stamp(s) => Cell::DateTime(s.0),
        Value::Time(t) => Cell::Time(*t),
        Value::Number(n) => Cell::Int(*n),
        Value::Flagged(_, v) => cell(v, data),
        other => match text(other, data) {
            t if t.is_empty() => Cell::Empty,
            t => Cell::Text(t),
        },
    }
}

fn text(value: &Value, data: &Data) -> String {
    match value {
        Value::People(v) => join_names(data, v),
        Value::Dates(v) => join_dates(v),
        Value::Lines(v) => v
            .iter()
            .map(|x| text(x, data))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
        Value::Join(v) => v.iter().map(|x| text(x, data)).collect(),
        Value::Flagged(_, v) => text(v, data),
        Value::Missing(_) => String::new(),
        other => other.plain(data),
    }
}
