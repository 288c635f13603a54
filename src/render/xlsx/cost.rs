//! 費用見積 (提案依頼事項 1): the contract's fiscal years as columns, cost items
//! as rows, in yen. Totals are live Excel formulas (item totals, year totals,
//! the grand total, and the summary of 初年度 / 2年度目以降 / トータル), each with
//! its computed value cached so readers that do not calculate see it too.

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

use super::office::{self, Shade};
use super::{Book, xlsx_error};
use crate::data::cost::CostEstimate;
use crate::domain::wareki;
use crate::error::Error;
use crate::project::Project;

pub const FILE: &str = "費用見積.xlsx";
pub const SHEET: &str = "費用見積";
/// Yen as offices write them under a （単位：円） line: `12,600,000`.
pub const YEN_FORMAT: &str = "#,##0";
/// The 内容 column, in characters; longer text wraps.
const DETAIL_WIDTH: f64 = 40.0;

pub fn workbooks(project: &Project) -> Result<Vec<Book>, Error> {
    let Some(estimate) = &project.data.cost_estimate else {
        return Ok(Vec::new());
    };
    let bytes = workbook(project, estimate).map_err(|e| xlsx_error(FILE, e))?;
    Ok(vec![Book {
        file: FILE.to_string(),
        bytes,
        deliverable: None,
    }])
}

/// `A`, `B`, … `Z`, `AA`, … for a 0-based column.
pub fn column_name(mut col: u16) -> String {
    let mut name = String::new();
    loop {
        name.insert(0, (b'A' + (col % 26) as u8) as char);
        if col < 26 {
            return name;
        }
        col = col / 26 - 1;
    }
}

fn formula(text: String, value: u64) -> Formula {
    Formula::new(text).set_result(value.to_string())
}

fn workbook(project: &Project, estimate: &CostEstimate) -> Result<Vec<u8>, XlsxError> {
    let author = project
        .data
        .person_name(&project.config.organisation.contractor_actor);
    let mut wb: Workbook = office::workbook(&estimate.title, &author, project.today)?;
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    write_sheet(ws, project, estimate)?;
    wb.save_to_buffer()
}

/// Where the sheet's parts sit: the header row, and the columns of the years'
/// amounts and of the item totals.
struct Layout {
    header: u32,
    years: u16,
    first_amount_col: u16,
    total_col: u16,
}

impl Layout {
    fn first_row(&self) -> u32 {
        self.header + 1
    }
}

/// The cell formats the sheet uses.
struct Formats {
    head: Format,
    cell: Format,
    wrap: Format,
    yen: Format,
    total_yen: Format,
    total_text: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = office::bordered(Shade::None);
        Formats {
            head: office::header_format(),
            wrap: cell.clone().set_text_wrap(),
            yen: cell.clone().set_num_format(YEN_FORMAT),
            cell,
            total_yen: office::bordered(Shade::Total).set_num_format(YEN_FORMAT),
            total_text: office::bordered(Shade::Total),
        }
    }
}

fn write_sheet(ws: &mut Worksheet, project: &Project, e: &CostEstimate) -> Result<(), XlsxError> {
    let mut notes = e.notes.clone();
    notes.push("（単位：円）".to_string());
    let header = office::write_heading(ws, &e.title, project.today, &notes)?;
    let years = e.years.len() as u16;
    let first_amount_col: u16 = 2;
    let layout = Layout {
        header,
        years,
        first_amount_col,
        total_col: first_amount_col + years,
    };
    let f = Formats::new();
    write_header_row(ws, e, &layout, &f)?;
    write_item_rows(ws, e, &layout, &f)?;
    let total_row = write_total_row(ws, e, &layout, &f)?;
    write_summary(ws, e, &layout, &f, total_row)?;
    set_columns(ws, &layout, project.today)
}

/// 項目, 内容, one column per fiscal year with its dates, and the total.
fn write_header_row(
    ws: &mut Worksheet,
    e: &CostEstimate,
    l: &Layout,
    f: &Formats,
) -> Result<(), XlsxError> {
    office::write_text(ws, l.header, 0, "項目", &f.head)?;
    office::write_text(ws, l.header, 1, "内容", &f.head)?;
    for (i, y) in e.years.iter().enumerate() {
        let label = format!(
            "{}\n{}〜{}",
            y.label,
            wareki::format_short(y.from),
            wareki::format_short(y.to)
        );
        office::write_text(ws, l.header, l.first_amount_col + i as u16, &label, &f.head)?;
    }
    office::write_text(
        ws,
        l.header,
        l.total_col,
        &format!("{}か年度合計", e.years.len()),
        &f.head,
    )?;
    ws.set_row_height(l.header, 32)?;
    Ok(())
}

/// A row per cost item: its amount per year and a SUM over the years.
fn write_item_rows(
    ws: &mut Worksheet,
    e: &CostEstimate,
    l: &Layout,
    f: &Formats,
) -> Result<(), XlsxError> {
    let last_col_name = column_name(l.total_col - 1);
    let first_col_name = column_name(l.first_amount_col);
    for (r, row) in e.rows.iter().enumerate() {
        let at = l.first_row() + r as u32;
        office::write_text(ws, at, 0, &row.item, &f.cell)?;
        let detail = row.detail.as_deref().unwrap_or("");
        office::write_text(ws, at, 1, detail, &f.wrap)?;
        // Excel does not grow a row for wrapped text on opening.
        let lines = office::display_width(detail)
            .div_ceil(DETAIL_WIDTH as usize - 2)
            .max(1);
        if lines > 1 {
            ws.set_row_height(at, 14.0 * lines as f64 + 2.0)?;
        }
        for i in 0..e.years.len() {
            ws.write_number_with_format(
                at,
                l.first_amount_col + i as u16,
                row.amount(i) as f64,
                &f.yen,
            )?;
        }
        let excel_row = at + 1;
        ws.write_formula_with_format(
            at,
            l.total_col,
            formula(
                format!("=SUM({first_col_name}{excel_row}:{last_col_name}{excel_row})"),
                e.row_total(row),
            ),
            &f.total_yen,
        )?;
    }
    Ok(())
}

/// The 合計 row below the items: a SUM down each year's column and the total's.
/// Returns its row.
fn write_total_row(
    ws: &mut Worksheet,
    e: &CostEstimate,
    l: &Layout,
    f: &Formats,
) -> Result<u32, XlsxError> {
    let first_row = l.first_row();
    let total_row = first_row + e.rows.len() as u32;
    let (top, bottom) = (first_row + 1, total_row.max(first_row + 1));
    office::write_text(ws, total_row, 0, "合計", &f.total_text)?;
    office::write_text(ws, total_row, 1, "", &f.total_text)?;
    for i in 0..=l.years {
        let col = l.first_amount_col + i;
        let name = column_name(col);
        let value = if i == l.years {
            e.grand_total()
        } else {
            e.year_total(i as usize)
        };
        ws.write_formula_with_format(
            total_row,
            col,
            formula(format!("=SUM({name}{top}:{name}{bottom})"), value),
            &f.total_yen,
        )?;
    }
    Ok(total_row)
}

/// 年度別内訳 as the RFI words it: the first year, the yearly amount from the
/// second year, and the total of all years, each pointing at the total row.
fn write_summary(
    ws: &mut Worksheet,
    e: &CostEstimate,
    l: &Layout,
    f: &Formats,
    total_row: u32,
) -> Result<(), XlsxError> {
    let summary = total_row + 2;
    let total_excel_row = total_row + 1;
    let first_col_name = column_name(l.first_amount_col);
    let mut lines = vec![(
        "初年度経費".to_string(),
        format!("={first_col_name}{total_excel_row}"),
        e.year_total(0),
    )];
    if e.years.len() > 1 {
        let second = column_name(l.first_amount_col + 1);
        lines.push((
            "2年度目以降の年額経費".to_string(),
            format!("={second}{total_excel_row}"),
            e.year_total(1),
        ));
    }
    lines.push((
        format!("トータル{}か年度の経費", e.years.len()),
        format!("={}{total_excel_row}", column_name(l.total_col)),
        e.grand_total(),
    ));
    for (k, (label, text, value)) in lines.into_iter().enumerate() {
        let at = summary + k as u32;
        office::write_text(ws, at, 0, &label, &f.head)?;
        ws.write_formula_with_format(at, 1, formula(text, value), &f.total_yen)?;
    }
    Ok(())
}

/// Column widths, the frozen header and the print setup.
fn set_columns(ws: &mut Worksheet, l: &Layout, created: NaiveDate) -> Result<(), XlsxError> {
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, DETAIL_WIDTH)?;
    for col in l.first_amount_col..=l.total_col {
        ws.set_column_width(col, 16)?;
    }
    ws.set_freeze_panes(l.header + 1, 2)?;
    ws.set_repeat_rows(l.header, l.header)?;
    office::setup_print(ws, true, created);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_run_past_z() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(7), "H");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }
}
