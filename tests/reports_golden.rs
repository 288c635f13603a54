//! The generated Typst source and data of ⑥ and ⑦ for the `reports` fixture, as
//! typst gets them (regenerate with TEBIKI_BLESS=1 and review the diff). A binary
//! of its own: the one test sets today for the library before loading.

mod common;

use common::{TestProject, assert_golden};

#[test]
fn typst_sources_of_the_reports_match_golden() {
    // SAFETY: the only test of this binary, so no other thread reads the
    // environment; the fixture's batch records must not lie in the future.
    unsafe { std::env::set_var("TEBIKI_TODAY", "2027-03-01") };
    let p = TestProject::fixture("reports");
    let project = p.load();
    let docs = tebiki::render::pdf::documents(&project).unwrap();
    for name in ["monthly/2027-01.pdf", "minutes/MTG1.pdf", "meetings.pdf"] {
        let doc = docs
            .iter()
            .find(|d| d.name == name)
            .unwrap_or_else(|| panic!("no {name}"));
        let stem = name.trim_end_matches(".pdf");
        assert_golden(&format!("pdf/reports/{stem}.typ"), &doc.main_typ());
        let data = serde_json::to_string_pretty(&doc.data).unwrap() + "\n";
        assert_golden(&format!("pdf/reports/{stem}.data.json"), &data);
    }
}
