//! Text stays inside its table cell in every PDF of the real handbook and of the
//! report fixture: no word printed over another. A long unbroken string that
//! ran out of its cell (an e-mail address, a URL, a path) lands on the next
//! cell's text; `pdftotext -bbox` gives every word's box, and two boxes on one
//! line that overlap by more than a few points are such a run-out.

mod common;

use std::path::Path;

use common::{TestProject, require_pdf_tools};

/// Neighbouring words of running text may touch by kerning (seen: up to 2.5 pt).
const TOLERANCE: f64 = 3.0;

struct Word {
    page: usize,
    x: (f64, f64),
    y: (f64, f64),
    text: String,
}

fn words(pdf: &Path) -> Vec<Word> {
    let out = std::process::Command::new("pdftotext")
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..tag[at..].find('"').unwrap() + at].parse().unwrap()
    };
    let mut words = Vec::new();
    for (page, body) in html.split("<page ").skip(1).enumerate() {
        for piece in body.split("<word ").skip(1) {
            let (tag, rest) = piece.split_once('>').unwrap();
            words.push(Word {
                page: page + 1,
                x: (attr(tag, "xMin"), attr(tag, "xMax")),
                y: (attr(tag, "yMin"), attr(tag, "yMax")),
                text: rest.split('<').next().unwrap_or("").to_string(),
            });
        }
    }
    words
}

fn overlaps(pdf: &Path) -> Vec<String> {
    let words = words(pdf);
    let mut found = Vec::new();
    for (i, a) in words.iter().enumerate() {
        for b in words[i + 1..].iter().take_while(|b| b.page == a.page) {
            let ox = a.x.1.min(b.x.1) - a.x.0.max(b.x.0);
            let oy = a.y.1.min(b.y.1) - a.y.0.max(b.y.0);
            if ox > TOLERANCE && oy > TOLERANCE {
                found.push(format!("page {}: {:?} over {:?}", a.page, a.text, b.text));
            }
        }
    }
    found
}

fn assert_no_overlap(dir: &Path) {
    let mut checked = 0;
    for file in common::list_files(dir) {
        let found = overlaps(&dir.join(&file));
        assert!(found.is_empty(), "{file}:\n{}", found.join("\n"));
        checked += 1;
    }
    assert!(checked > 0, "no PDF in {}", dir.display());
}

#[test]
fn no_text_leaves_its_cell_in_the_real_handbook() {
    require_pdf_tools();
    let p = TestProject::repository();
    p.run(&["build"]).assert_ok();
    assert_no_overlap(&p.path().join("output/pdf"));
}

#[test]
fn no_text_leaves_its_cell_in_the_reports() {
    require_pdf_tools();
    let p = TestProject::fixture("reports");
    p.run_with(&["build"], &[("TEBIKI_TODAY", "2027-03-01")])
        .assert_ok();
    assert_no_overlap(&p.path().join("output/pdf"));
}

#[test]
fn a_word_printed_over_another_is_found() {
    require_pdf_tools();
    let p = TestProject::fixture("pdf");
    // An address with no place to break runs out of the 連絡先 column over
    // the 用途 beside it.
    let contacts = p
        .read("data/contacts.yaml")
        .replace("address: 03-0000-0000", "address: ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\n  purposes: [用途の説明の文字列]");
    p.write("data/contacts.yaml", &contacts);
    p.run(&["build"]).assert_ok();
    let found = overlaps(&p.path().join("output/pdf/handbook.pdf"));
    assert!(found.iter().any(|f| f.contains("ABCDEFG")), "{found:?}");
}
