//! The look every Excel deliverable shares, so a workbook reads like a document
//! a Japanese office hands over: a title and 作成日 line, A4 printing fitted to
//! the page width with the header row repeated, a frozen header with autofilter,
//! column widths fitted to Japanese text, a Windows Office font in every cell,
//! real Excel dates with a Japanese number format, and shaded rows.
//!
//! Two sheet shapes cover the deliverables: [`write_table`] (a list with one
//! header row: オンライン稼働表, a ledger, a record list) and [`write_form`] (label
//! and value rows: 作業依頼票, one record). Text always goes through
//! [`write_text`], which never lets a value become a formula.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::domain::ClockTime;
use crate::domain::wareki;

/// A font every Windows Office has; monospaced, so widths can be computed.
pub const FONT: &str = "ＭＳ ゴシック";
const FONT_SIZE: f64 = 10.5;
/// Shift-JIS: tells Excel the font is a Japanese one.
const FONT_CHARSET: u8 = 128;
/// Excel's paper size code for A4.
const PAPER_A4: u8 = 9;
/// 2027年1月4日.
pub const DATE_FORMAT: &str = r#"yyyy"年"m"月"d"日""#;
/// 2027年4月.
pub const MONTH_FORMAT: &str = r#"yyyy"年"m"月""#;
/// 令和9年4月1日: the Japanese era from the real date (Excel's and
/// LibreOffice's locale 411 calendar), not a second text column.
pub const WAREKI_FORMAT: &str = r#"[$-411]ggge"年"m"月"d"日""#;
/// 令和9年4月, the same way.
pub const WAREKI_MONTH_FORMAT: &str = r#"[$-411]ggge"年"m"月""#;
pub const TIME_FORMAT: &str = "h:mm";
/// 2027/1/5 10:15.
pub const DATETIME_FORMAT: &str = "yyyy/m/d h:mm";
/// Widths are clamped so one long remark does not push the table off the page.
const MAX_WIDTH: f64 = 60.0;
/// Points per line of wrapped 10.5pt text.
const LINE_HEIGHT: f64 = 14.0;
/// The widest a header makes its column, in half-width characters (8 kanji).
const HEADER_WIDTH: usize = 16;
/// The value column of a form sheet, in characters.
const FORM_VALUE_WIDTH: f64 = 62.0;

/// How a data row is shaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shade {
    None,
    /// Sundays, holidays and other days off: light red.
    Holiday,
    /// Saturdays: light blue.
    Saturday,
    /// Something to notice (an extension day): light yellow.
    Highlight,
    /// A total row: grey and bold.
    Total,
}

impl Shade {
    fn color(self) -> Option<Color> {
        match self {
            Shade::None => None,
            Shade::Holiday => Some(Color::RGB(0xFCE4E4)),
            Shade::Saturday => Some(Color::RGB(0xE3EEFB)),
            Shade::Highlight => Some(Color::RGB(0xFFF2CC)),
            Shade::Total => Some(Color::RGB(0xEDEDED)),
        }
    }
}

/// One cell's value. Dates and times are written as Excel serial numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Date(NaiveDate),
    /// A month, shown as 2027年4月 (stored as its first day).
    Month(NaiveDate),
    /// A date shown in 和暦: 令和9年4月1日.
    Wareki(NaiveDate),
    /// A month shown in 和暦: 令和9年4月 (stored as its first day).
    WarekiMonth(NaiveDate),
    Time(ClockTime),
    /// A date and time, shown as 2027/1/5 10:15.
    DateTime(NaiveDateTime),
    Int(i64),
    /// A number shown with one decimal (hours).
    Decimal(f64),
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl From<NaiveDate> for Cell {
    fn from(d: NaiveDate) -> Self {
        Cell::Date(d)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Empty, Into::into)
    }
}

impl Cell {
    /// The width Excel needs to show the value, in character units.
    fn width(&self) -> usize {
        match self {
            Cell::Empty => 0,
            Cell::Text(s) => s.lines().map(display_width).max().unwrap_or(0),
            Cell::Date(_) => 14,
            Cell::Month(_) => 10,
            Cell::Wareki(_) => 16,
            Cell::WarekiMonth(_) => 12,
            Cell::Time(_) => 5,
            Cell::DateTime(_) => 16,
            Cell::Int(n) => n.to_string().len(),
            Cell::Decimal(n) => format!("{n:.1}").len(),
        }
    }
}

/// A column of a table sheet.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    /// Long text wraps inside the cell instead of widening the column.
    pub wrap: bool,
    pub max_width: f64,
    /// The values the column allows: a drop-down list on its cells.
    pub list: Option<Vec<String>>,
}

impl Column {
    pub fn new(header: &str) -> Self {
        Column {
            header: header.to_string(),
            wrap: false,
            max_width: MAX_WIDTH,
            list: None,
        }
    }

    /// Offers these values as a drop-down list (Excel keeps at most 255
    /// characters of a list; a longer one is left out).
    pub fn listed(mut self, values: Vec<String>) -> Self {
        // A comma would split a value in two: Excel's list is comma-separated.
        let fits = values.iter().map(|v| v.len() + 1).sum::<usize>() < 255;
        if fits && !values.iter().any(|v| v.contains(',')) {
            self.list = Some(values);
        }
        self
    }

    /// Wraps text at `width` characters.
    pub fn wrapped(mut self, width: f64) -> Self {
        self.wrap = true;
        self.max_width = width;
        self
    }
}

/// A data row of a table sheet.
#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub shade: Shade,
}

/// A list sheet: title, 作成日, notes, one header row and the data rows.
pub struct Table<'a> {
    pub sheet: &'a str,
    pub title: &'a str,
    pub created: NaiveDate,
    /// Lines printed under the title (period, rules, legends).
    pub notes: Vec<String>,
    pub landscape: bool,
    pub columns: Vec<Column>,
}

/// A label-and-value sheet.
pub struct Form<'a> {
    pub sheet: &'a str,
    pub title: &'a str,
    pub created: NaiveDate,
    pub rows: Vec<(String, Cell)>,
}

/// A workbook whose default cell format uses [`FONT`], with its document
/// properties set (title, author, creation day).
pub fn workbook(title: &str, author: &str, created: NaiveDate) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_default_format(&base(), 18, 72)?;
    let stamp = excel_date(created)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author(author)
            .set_creation_datetime(&stamp),
    );
    Ok(wb)
}

/// The font every format starts from.
pub fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE)
        .set_font_charset(FONT_CHARSET)
        .set_align(FormatAlign::VerticalCenter)
}

/// The thin-bordered cell format of a table, shaded.
pub fn bordered(shade: Shade) -> Format {
    let mut f = base()
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0x808080));
    if let Some(color) = shade.color() {
        f = f.set_background_color(color);
    }
    if shade == Shade::Total {
        f = f.set_bold();
    }
    f
}

/// A table's header cell.
pub fn header_format() -> Format {
    bordered(Shade::None)
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_align(FormatAlign::Center)
        .set_text_wrap()
}

/// Writes `text` as a string. Text that Excel would read as a formula when the
/// cell is edited (starting with = + - @) gets the quote prefix, so it stays text.
pub fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if text.starts_with(['=', '+', '-', '@']) {
        ws.write_string_with_format(row, col, text, &format.clone().set_quote_prefix())?;
    } else {
        ws.write_string_with_format(row, col, text, format)?;
    }
    Ok(())
}

/// Writes one cell with the format of its kind on top of `format`.
pub fn write_cell(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    format: &Format,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {
            ws.write_blank(row, col, format)?;
        }
        Cell::Text(s) => write_text(ws, row, col, s, format)?,
        Cell::Date(d) => {
            let f = format.clone().set_num_format(DATE_FORMAT);
            ws.write_datetime_with_format(row, col, &excel_date(*d)?, &f)?;
        }
        Cell::Month(d) => {
            let f = format.clone().set_num_format(MONTH_FORMAT);
            ws.write_datetime_with_format(row, col, &excel_date(*d)?, &f)?;
        }
        Cell::Wareki(d) => {
            let f = format.clone().set_num_format(WAREKI_FORMAT);
            ws.write_datetime_with_format(row, col, &excel_date(*d)?, &f)?;
        }
        Cell::WarekiMonth(d) => {
            let f = format.clone().set_num_format(WAREKI_MONTH_FORMAT);
            ws.write_datetime_with_format(row, col, &excel_date(*d)?, &f)?;
        }
        Cell::Time(t) => {
            let f = format
                .clone()
                .set_num_format(TIME_FORMAT)
                .set_align(FormatAlign::Center);
            let time = ExcelDateTime::from_hms(u16::from(t.hour), t.minute, 0)?;
            ws.write_datetime_with_format(row, col, &time, &f)?;
        }
        Cell::DateTime(at) => {
            let f = format.clone().set_num_format(DATETIME_FORMAT);
            let d = at.date();
            let stamp = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?
                .and_hms(at.hour() as u16, at.minute() as u8, 0)?;
            ws.write_datetime_with_format(row, col, &stamp, &f)?;
        }
        Cell::Int(n) => {
            ws.write_number_with_format(row, col, *n as f64, format)?;
        }
        Cell::Decimal(n) => {
            let f = format.clone().set_num_format("0.0");
            ws.write_number_with_format(row, col, *n, &f)?;
        }
    }
    Ok(())
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    // Months and days of a NaiveDate always fit; years of the handbook are 1990–2099.
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// Title in bold on the first row, 作成日 (in 和暦) on the second, then the
/// notes. Returns the next free row.
pub fn write_heading(
    ws: &mut Worksheet,
    title: &str,
    created: NaiveDate,
    notes: &[String],
) -> Result<u32, XlsxError> {
    write_text(ws, 0, 0, title, &base().set_bold().set_font_size(14))?;
    ws.set_row_height(0, 24)?;
    let created = format!("作成日: {}", wareki::format_date(created));
    write_text(ws, 1, 0, &created, &base())?;
    let mut row = 2;
    for note in notes {
        write_text(ws, row, 0, note, &base())?;
        row += 1;
    }
    Ok(row + 1)
}

/// A4, fitted to one page wide; on every printed page a header that says which
/// workbook (its file name) and sheet the page is from and when it was made,
/// and page numbers in the footer.
pub fn setup_print(ws: &mut Worksheet, landscape: bool, created: NaiveDate) {
    ws.set_paper_size(PAPER_A4);
    if landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_header(print_header(created));
    ws.set_footer("&C&P / &N");
}

/// `&L&F&C&A&R作成日 令和9年1月26日`: Excel's codes for the file and sheet names.
pub fn print_header(created: NaiveDate) -> String {
    format!("&L&F&C&A&R作成日 {}", wareki::format_date(created))
}

/// Writes a table sheet. Returns the header row index (0-based).
pub fn write_table(wb: &mut Workbook, table: &Table<'_>, rows: &[Row]) -> Result<u32, XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(table.sheet))?;
    let header = write_heading(ws, table.title, table.created, &table.notes)?;
    // A long header wraps (the header cells do) rather than widen its column.
    let mut widths: Vec<usize> = table
        .columns
        .iter()
        .map(|c| header_width(&c.header))
        .collect();
    for (col, c) in table.columns.iter().enumerate() {
        write_text(ws, header, col as u16, &c.header, &header_format())?;
    }
    for (i, row) in rows.iter().enumerate() {
        let r = header + 1 + i as u32;
        let format = bordered(row.shade);
        // Neither Excel nor LibreOffice grows a row for wrapped text on opening.
        let lines = row
            .cells
            .iter()
            .zip(&table.columns)
            .filter(|(_, c)| c.wrap)
            .map(|(cell, c)| wrapped_lines(cell, c.max_width - 2.0))
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(r, LINE_HEIGHT * lines as f64 + 2.0)?;
        }
        for (col, cell) in row.cells.iter().enumerate() {
            let column = &table.columns[col.min(table.columns.len() - 1)];
            let f = if column.wrap {
                format.clone().set_text_wrap()
            } else {
                format.clone()
            };
            write_cell(ws, r, col as u16, cell, &f)?;
            widths[col] = widths[col].max(cell.width());
        }
    }
    let mut header_lines = 1;
    for (col, c) in table.columns.iter().enumerate() {
        let width = (widths[col] as f64 + 2.0).min(c.max_width);
        ws.set_column_width(col as u16, width)?;
        header_lines = header_lines.max(wrapped_lines(&Cell::from(c.header.as_str()), width - 2.0));
    }
    if header_lines > 1 {
        ws.set_row_height(header, LINE_HEIGHT * header_lines as f64 + 2.0)?;
    }
    let last_row = header + rows.len() as u32;
    let last_col = table.columns.len().saturating_sub(1) as u16;
    for (col, c) in table.columns.iter().enumerate() {
        if let Some(values) = &c.list
            && !rows.is_empty()
        {
            let list = rust_xlsxwriter::DataValidation::new()
                .allow_list_strings(values)?
                .set_error_title(c.header.as_str())?
                .set_error_message("一覧にある値を選んでください。")?;
            ws.add_data_validation(header + 1, col as u16, last_row, col as u16, &list)?;
        }
    }
    ws.set_freeze_panes(header + 1, 0)?;
    ws.autofilter(header, 0, last_row.max(header + 1), last_col)?;
    ws.set_repeat_rows(header, header)?;
    setup_print(ws, table.landscape, table.created);
    Ok(header)
}

/// Writes a form sheet: labels in the first column, values in the second.
pub fn write_form(wb: &mut Workbook, form: &Form<'_>) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(form.sheet))?;
    let first = write_heading(ws, form.title, form.created, &[])?;
    let label = bordered(Shade::None)
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_align(FormatAlign::Top);
    let value = bordered(Shade::None)
        .set_text_wrap()
        .set_align(FormatAlign::Left)
        .set_align(FormatAlign::Top);
    let mut label_width = 0;
    for (i, (name, cell)) in form.rows.iter().enumerate() {
        let r = first + i as u32;
        write_text(ws, r, 0, name, &label)?;
        write_cell(ws, r, 1, cell, &value)?;
        label_width = label_width.max(display_width(name));
        let lines = wrapped_lines(cell, FORM_VALUE_WIDTH - 2.0);
        if lines > 1 {
            ws.set_row_height(r, LINE_HEIGHT * lines as f64 + 2.0)?;
        }
    }
    ws.set_column_width(0, label_width as f64 + 3.0)?;
    ws.set_column_width(1, FORM_VALUE_WIDTH)?;
    setup_print(ws, false, form.created);
    Ok(())
}

/// The width a header asks of its column: its widest line, at most
/// [`HEADER_WIDTH`] (a longer one wraps onto a second line).
fn header_width(header: &str) -> usize {
    header
        .lines()
        .map(display_width)
        .max()
        .unwrap_or(0)
        .min(HEADER_WIDTH)
}

/// How many lines a wrapped cell needs in a column `width` characters wide.
fn wrapped_lines(cell: &Cell, width: f64) -> usize {
    let width = width.max(1.0) as usize;
    match cell {
        Cell::Text(text) => text
            .lines()
            .map(|l| display_width(l).div_ceil(width).max(1))
            .sum::<usize>()
            .max(1),
        _ => 1,
    }
}

/// Width of `text` in half-width columns: East Asian wide and fullwidth
/// characters count 2 (ＭＳ ゴシック draws them at twice the width).
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F          // Hangul Jamo
        | 0x2460..=0x24FF        // ① circled numbers (wide in Japanese fonts)
        | 0x25A0..=0x25FF        // ■ ○ geometric shapes
        | 0x2190..=0x21FF        // → arrows
        | 0x2E80..=0x303E        // CJK radicals, punctuation 、。「」
        | 0x3041..=0x33FF        // kana, CJK symbols
        | 0x3400..=0x4DBF        // CJK extension A
        | 0x4E00..=0x9FFF        // CJK unified ideographs
        | 0xAC00..=0xD7A3        // Hangul syllables
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0xFE30..=0xFE4F        // CJK compatibility forms
        | 0xFF00..=0xFF60        // fullwidth forms （）：
        | 0xFFE0..=0xFFE6        // fullwidth signs
        | 0x20000..=0x3FFFD      // CJK extensions B and later
    )
}

/// A valid, unique-looking sheet name: at most 31 characters, none of `[]:*?/\`.
pub fn sheet_name(raw: &str) -> String {
    raw.chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_twice() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("稼働日"), 6);
        assert_eq!(display_width("（月）"), 6);
        assert_eq!(display_width("8:00〜20:00"), 11);
        assert_eq!(display_width("①"), 2);
    }

    #[test]
    fn sheet_names_are_cut_and_cleaned() {
        assert_eq!(sheet_name("作業依頼票_R9/4:5"), "作業依頼票_R9_4_5");
        assert_eq!(sheet_name(&"あ".repeat(40)).chars().count(), 31);
    }
}
