//! Every sheet of every workbook prints legibly on A4: fitted to one page wide,
//! its columns must not need shrinking below 75 % (≈8 pt text). The scale is
//! worked out from the column widths written in the sheet (Excel's width unit
//! is one digit of the default font, 7 px + 5 px of padding, at 96 dpi) and the
//! printable width of the page (A4 less the 0.5" side margins).

mod common;

use std::io::Read;

use common::TestProject;

const MIN_SCALE: f64 = 0.75;

/// (workbook, sheet, printed scale) of every sheet below `dir`.
fn scales(dir: &std::path::Path) -> Vec<(String, String, f64)> {
    let mut out = Vec::new();
    for file in common::list_files(dir) {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(dir.join(&file)).unwrap()).unwrap();
        let mut workbook = String::new();
        zip.by_name("xl/workbook.xml")
            .unwrap()
            .read_to_string(&mut workbook)
            .unwrap();
        let names: Vec<String> = workbook
            .split("<sheet name=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_string())
            .collect();
        for (i, name) in names.into_iter().enumerate() {
            let mut xml = String::new();
            zip.by_name(&format!("xl/worksheets/sheet{}.xml", i + 1))
                .unwrap()
                .read_to_string(&mut xml)
                .unwrap();
            out.push((file.clone(), name, scale(&xml)));
        }
    }
    out
}

fn attr(tag: &str, name: &str) -> f64 {
    let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    tag[at..at + tag[at..].find('"').unwrap()].parse().unwrap()
}

fn scale(xml: &str) -> f64 {
    let points: f64 = xml
        .split("<col ")
        .skip(1)
        .map(|tag| {
            let count = attr(tag, "max") - attr(tag, "min") + 1.0;
            count * (attr(tag, "width") * 7.0 + 5.0) * 0.75
        })
        .sum();
    let page = if xml.contains("orientation=\"landscape\"") {
        841.9
    } else {
        595.3
    };
    if points == 0.0 {
        1.0
    } else {
        ((page - 72.0) / points).min(1.0)
    }
}

#[track_caller]
fn assert_legible(dir: &std::path::Path) {
    let all = scales(dir);
    assert!(all.len() > 10, "{all:?}");
    let small: Vec<String> = all
        .iter()
        .filter(|(_, _, s)| *s < MIN_SCALE)
        .map(|(f, n, s)| format!("{f} / {n}: {:.0} %", s * 100.0))
        .collect();
    assert!(
        small.is_empty(),
        "printed below 75 %:\n{}",
        small.join("\n")
    );
}

#[test]
fn every_sheet_of_the_real_handbook_prints_at_75_percent_or_more() {
    let p = TestProject::repository();
    p.run(&["build", "--no-pdf"]).assert_ok();
    assert_legible(&p.path().join("output/xlsx"));
}

#[test]
fn every_sheet_of_the_records_fixture_prints_at_75_percent_or_more() {
    let p = TestProject::fixture("records");
    p.run_with(&["build", "--no-pdf"], &[("TEBIKI_TODAY", "2027-01-26")])
        .assert_ok();
    assert_legible(&p.path().join("output/xlsx"));
}

#[test]
fn the_scale_is_worked_out_from_the_column_widths() {
    // 1,580 pt of columns on A4 landscape: about 49 %, as Excel prints it.
    let width = (1580.0 / 0.75 - 5.0) / 7.0;
    let xml = format!(
        "<pageSetup orientation=\"landscape\"/><cols><col min=\"1\" max=\"1\" width=\"{width}\"/></cols>"
    );
    assert!((scale(&xml) - 0.487).abs() < 0.01, "{}", scale(&xml));
    let two = "<cols><col min=\"1\" max=\"2\" width=\"10\"/></cols>";
    assert_eq!(scale(two), 1.0, "narrow portrait sheet prints at 100 %");
}

/// No text cell of any workbook holds what should be a value: a date
/// (2027-01-05, 2027/1/5, 令和9年1月5日), a time (8:30) or a plain number (120),
/// which Excel would neither sort nor add up. Codes with a leading zero (`01`)
/// stay text on purpose.
#[test]
fn no_text_cell_holds_a_date_a_time_or_a_number() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let p = TestProject::repository();
    p.run(&["build", "--no-pdf"]).assert_ok();
    let dir = p.path().join("output/xlsx");
    let mut found = Vec::new();
    for file in common::list_files(&dir) {
        let mut wb: Xlsx<_> = open_workbook(dir.join(&file)).unwrap();
        for name in wb.sheet_names() {
            let range = wb.worksheet_range(&name).unwrap();
            // Below the title, 作成日 and notes: from the first bordered header on.
            for (r, row) in range.rows().enumerate().skip(3) {
                for (c, cell) in row.iter().enumerate() {
                    if let Data::String(s) = cell
                        && looks_like_a_value(s)
                    {
                        found.push(format!("{file} / {name} R{}C{}: {s:?}", r + 1, c + 1));
                    }
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "text that is a value:\n{}",
        found.join("\n")
    );
}

fn looks_like_a_value(s: &str) -> bool {
    let s = s.trim();
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let number = digits(s) && (s == "0" || !s.starts_with('0'));
    let date = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        || chrono::NaiveDate::parse_from_str(s, "%Y/%m/%d").is_ok()
        || (s.starts_with("令和") && s.ends_with('日') && !s.contains(['〜', '、', '（']));
    let time = s
        .split_once(':')
        .is_some_and(|(h, m)| digits(h) && h.len() <= 2 && digits(m) && m.len() == 2);
    number || date || time
}
