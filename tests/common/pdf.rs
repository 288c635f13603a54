//! Reading PDFs back with poppler-utils: text, fonts and metadata.

use std::path::Path;
use std::process::Command;

fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!("{tool} is needed for the PDF tests (apt-get install poppler-utils): {e}")
        });
    assert!(
        out.status.success(),
        "{tool} {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("poppler prints UTF-8")
}

/// The text of the whole PDF, in reading order.
pub fn text(pdf: &Path) -> String {
    poppler("pdftotext", &["-enc", "UTF-8"], pdf)
}

/// The text in the order typst wrote it (`pdftotext -raw`): a table cell's lines
/// stay together instead of interleaving with the cells beside it.
pub fn raw_text(pdf: &Path) -> String {
    poppler("pdftotext", &["-enc", "UTF-8", "-raw"], pdf)
}

/// The text of one page (from 1), laid out as on the page.
pub fn page_text(pdf: &Path, page: usize) -> String {
    let n = page.to_string();
    poppler(
        "pdftotext",
        &["-enc", "UTF-8", "-layout", "-f", &n, "-l", &n],
        pdf,
    )
}

/// Text with all white space removed, for comparing runs that the layout may
/// break or space differently (the zero-width spaces too: the break
/// opportunities long strings get in table cells).
pub fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200b}')
        .collect()
}

/// `(font name without subset prefix, embedded)` for every font of the PDF.
pub fn fonts(pdf: &Path) -> Vec<(String, bool)> {
    poppler("pdffonts", &[], pdf)
        .lines()
        .skip(2)
        .map(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let name = cols[0].split_once('+').map_or(cols[0], |(_, n)| n);
            // Columns from the right: object id (2), uni, sub, emb.
            let emb = cols[cols.len() - 5] == "yes";
            (name.to_string(), emb)
        })
        .collect()
}

/// `pdfinfo` fields (`Title`, `Author`, `Pages`, …).
pub fn info(pdf: &Path) -> std::collections::BTreeMap<String, String> {
    poppler("pdfinfo", &[], pdf)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The XMP metadata packet.
pub fn xmp(pdf: &Path) -> String {
    poppler("pdfinfo", &["-meta"], pdf)
}

pub fn pages(pdf: &Path) -> usize {
    info(pdf)["Pages"].parse().expect("page count")
}
