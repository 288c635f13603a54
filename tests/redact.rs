//! The redacted edition: no personal value of data/staff.yaml or of a contact
//! marked personal is left anywhere in the output tree.

mod common;

use common::{TestProject, list_files};

/// The personal values of the fixture, in every spelling the site could use.
const PERSONAL: [&str; 12] = [
    "手引 太郎",
    "手引太郎",
    "見本 花子",
    "練習 一子",
    "03-0000-0001",
    "0300000001",
    "03-0000-0011",
    "tebiki.taro@example.jp",
    "renshu.ichiko@example.jp",
    "090-0000-0099",
    "09000000099",
    "kamei.saburo@example.jp",
];

fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success(), "pdftotext {}", path.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn leaks(p: &TestProject, out: &str) -> Vec<String> {
    let dir = p.path().join(out);
    let files = list_files(&dir);
    assert!(files.len() > 20, "{files:?}");
    let mut found = Vec::new();
    for file in files {
        let bytes = std::fs::read(dir.join(&file)).unwrap();
        let mut text = String::from_utf8_lossy(&bytes).into_owned();
        // PDF text is compressed: read it back as text too.
        if file.ends_with(".pdf") {
            text.push_str(&pdf_text(&dir.join(&file)));
        }
        for value in PERSONAL {
            if text.contains(value) {
                found.push(format!("{file}: {value}"));
            }
        }
    }
    found
}

#[test]
fn full_edition_contains_the_personal_data_the_redacted_one_removes() {
    let p = TestProject::fixture("views");
    p.run(&["build"]).assert_ok();
    let found = leaks(&p, "output");
    for value in [
        "手引 太郎",
        "03-0000-0001",
        "tebiki.taro@example.jp",
        "090-0000-0099",
    ] {
        assert!(
            found.iter().any(|f| f.ends_with(value)),
            "{value} not in full edition: {found:?}"
        );
    }
    // The page text names the lead, so the search index does too.
    assert!(
        found.iter().any(|f| f.starts_with("site/assets/search/t-")),
        "{found:?}"
    );
}

#[test]
fn redact_flag_leaves_no_personal_value_in_any_output_file() {
    let p = TestProject::fixture("views");
    let run = p.run(&["build", "--redact", "--output", "public"]);
    run.assert_ok();
    assert_eq!(leaks(&p, "public"), Vec::<String>::new());
    let contacts = p.read("public/site/reference/contacts.html");
    assert!(contacts.contains("業務統括者は（非公開）です。"));
    assert!(contacts.contains("公開版（個人情報を除く）"));
    assert!(!contacts.contains("id=\"staff-title\""), "no staff table");
    // Non-personal contacts stay.
    assert!(contacts.contains("03-5984-1260"));
    assert!(
        p.read("public/site/index.html")
            .contains("KOKUHOKA13@city.nerima.tokyo.jp")
    );
}

#[test]
fn redact_profile_in_tebiki_yaml_builds_the_redacted_edition() {
    let p = TestProject::fixture("views");
    p.write("tebiki.yaml", &(p.read("tebiki.yaml") + "redact: true\n"));
    p.run(&["build"]).assert_ok();
    assert_eq!(leaks(&p, "output"), Vec::<String>::new());
}

#[test]
fn a_personal_value_in_other_data_fails_the_redacted_build() {
    let p = TestProject::fixture("views");
    // A phone number of a person copied into an actor's description.
    let actors = p.read("data/actors.yaml").replacen(
        "本業務の依頼者であり、",
        "本業務の依頼者であり（担当 03-0000-0011）、",
        1,
    );
    p.write("data/actors.yaml", &actors);
    let run = p.run(&["build", "--redact"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("に個人情報（data/staff.yaml の ward-tantosha の phone）が残っています"),
        "{}",
        run.stderr
    );
    assert!(!p.path().join("output/site").exists(), "nothing is written");
}
