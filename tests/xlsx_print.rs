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
