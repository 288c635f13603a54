//! The editor schemas: the committed files are what the types generate, they
//! accept every real input (data files, tebiki.yaml, every page's front matter)
//! and reject the bad fixtures in tests/fixtures/schema-bad/ (each names its
//! schema on its first line and the error it must cause on its second).

mod common;

use std::path::Path;

use serde_json::Value;
use tebiki::schema::{SchemaKind, by_file, schemas, vscode_settings};

fn validator(kind: &SchemaKind) -> jsonschema::Validator {
    jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(&kind.json())
        .unwrap_or_else(|e| panic!("{} is not a valid schema: {e}", kind.file))
}

fn yaml_to_json(text: &str, shown: &str) -> Value {
    serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{shown}: {e}"))
}

/// Errors of `instance` against the schema, one line each; empty when valid.
fn errors(kind: &SchemaKind, instance: &Value) -> Vec<String> {
    validator(kind)
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// `*` matches within a folder, `**/` any number of folders.
fn glob_matches(glob: &str, path: &str) -> bool {
    if let Some(rest) = glob.strip_prefix("**/") {
        return glob_matches(rest, path)
            || path
                .split_once('/')
                .is_some_and(|(_, tail)| glob_matches(glob, tail));
    }
    match glob.split_once('*') {
        None => glob == path,
        Some((head, tail)) => {
            let Some(after) = path.strip_prefix(head) else {
                return false;
            };
            (0..=after.len())
                .filter(|&i| after.is_char_boundary(i) && !after[..i].contains('/'))
                .any(|i| glob_matches(tail, &after[i..]))
        }
    }
}

fn schema_for_path(rel: &str) -> Option<&'static SchemaKind> {
    schemas()
        .iter()
        .find(|k| k.globs.iter().any(|g| glob_matches(g, rel)))
}

/// Every YAML input of a project (tebiki.yaml and data/**) against its schema.
fn assert_project_inputs_valid(root: &Path) {
    let mut files = vec!["tebiki.yaml".to_string()];
    files.extend(
        common::list_files(&root.join("data"))
            .into_iter()
            .map(|f| format!("data/{f}")),
    );
    for rel in files {
        let kind = schema_for_path(&rel).unwrap_or_else(|| {
            panic!("{rel} has no schema: add its kind to tebiki::schema::files")
        });
        let text = std::fs::read_to_string(root.join(&rel)).unwrap();
        let errs = errors(kind, &yaml_to_json(&text, &rel));
        assert!(errs.is_empty(), "{rel} against {}: {errs:#?}", kind.file);
    }
    let front = by_file("frontmatter.json").unwrap();
    let pages = common::list_files(&root.join("content"));
    assert!(!pages.is_empty());
    for page in pages.iter().filter(|p| p.ends_with(".md")) {
        let shown = format!("content/{page}");
        let text = std::fs::read_to_string(root.join(&shown)).unwrap();
        let split = tebiki::content::frontmatter::split(&text, Path::new(&shown)).unwrap();
        let errs = errors(front, &yaml_to_json(split.front, &shown));
        assert!(errs.is_empty(), "{shown}: {errs:#?}");
    }
}

#[test]
fn the_handbook_inputs_match_their_schemas() {
    assert_project_inputs_valid(&common::repo_root());
}

#[test]
fn the_fixture_project_inputs_match_their_schemas() {
    assert_project_inputs_valid(&common::repo_root().join("tests/fixtures/basic"));
}

#[test]
fn bad_fixtures_are_rejected_by_their_schemas() {
    let dir = common::repo_root().join("tests/fixtures/schema-bad");
    let cases = common::list_files(&dir);
    assert!(cases.len() >= 10, "{cases:?}");
    for case in cases {
        let text = std::fs::read_to_string(dir.join(&case)).unwrap();
        let file = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# schema: "))
            .unwrap_or_else(|| panic!("{case} must start with `# schema: <file>`"));
        let expect = text
            .lines()
            .nth(1)
            .and_then(|l| l.strip_prefix("# expect: "))
            .unwrap_or_else(|| panic!("{case}: second line must be `# expect: <error>`"));
        let kind = by_file(file).unwrap_or_else(|| panic!("{case}: no schema {file}"));
        let errs = errors(kind, &yaml_to_json(&text, &case));
        assert!(
            errs.iter().any(|e| e.contains(expect)),
            "{case} against {file}: expected an error with `{expect}`, got {errs:?}"
        );
    }
}

#[test]
fn committed_schemas_are_what_the_types_generate() {
    let dir = common::repo_root().join("schemas");
    let mut expected: Vec<String> = schemas().iter().map(|k| k.file.to_string()).collect();
    expected.sort();
    assert_eq!(
        common::list_files(&dir),
        expected,
        "schemas/ must hold exactly the generated files: run `cargo run -- schema --vscode`"
    );
    for kind in schemas() {
        let committed = std::fs::read_to_string(dir.join(kind.file)).unwrap();
        assert!(
            committed == kind.text(),
            "schemas/{} is out of date: run `cargo run -- schema --vscode`",
            kind.file
        );
    }
    let settings = std::fs::read_to_string(common::repo_root().join(".vscode/settings.json"))
        .expect(".vscode/settings.json is committed");
    assert_eq!(
        settings,
        vscode_settings(),
        "run `cargo run -- schema --vscode`"
    );
}

#[test]
fn schema_command_writes_the_same_files() {
    let p = common::TestProject::fixture("basic");
    p.run(&["schema", "--vscode"]).assert_ok();
    for kind in schemas() {
        assert_eq!(p.read(&format!("schemas/{}", kind.file)), kind.text());
    }
    assert_eq!(p.read(".vscode/settings.json"), vscode_settings());
}

#[test]
fn every_data_glob_names_a_schema_file_vscode_can_find() {
    let settings: Value = serde_json::from_str(&vscode_settings()).unwrap();
    let map = settings["yaml.schemas"].as_object().unwrap();
    for (schema, globs) in map {
        let file = schema.strip_prefix("./schemas/").unwrap();
        assert!(by_file(file).is_some(), "{schema}");
        assert!(!globs.as_array().unwrap().is_empty());
    }
    assert!(glob_matches(
        "data/records/**/*.yaml",
        "data/records/2027/inq-0001.yaml"
    ));
    assert!(!glob_matches("data/*.yaml", "data/records/a.yaml"));
}

#[test]
fn a_new_project_and_every_scaffolded_file_match_the_schemas() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("h");
    common::run_tebiki(&["new", "--project", root.to_str().unwrap()], dir.path()).assert_ok();
    common::run_tebiki(
        &[
            "--root",
            root.to_str().unwrap(),
            "new",
            "page",
            "operations/first",
        ],
        dir.path(),
    )
    .assert_ok();
    assert_project_inputs_valid(&root);
}

/// A field added to a record type but declared nowhere would be shown by no
/// output: every key a record file may hold is a declared field of its kind,
/// and the schema describes it with the field's label.
#[test]
fn every_key_of_every_record_kind_is_a_declared_field() {
    for kind in tebiki::data::records::Kind::ALL {
        let about = kind.about();
        let schema = by_file(about.schema).unwrap().json();
        let properties = schema["properties"].as_object().unwrap();
        assert!(properties.len() > 2, "{}", about.schema);
        for (key, property) in properties {
            let description = property["description"].as_str().unwrap_or_default();
            assert!(
                !description.is_empty(),
                "{}: `{key}` has no declared field in the kind's FIELDS",
                about.schema
            );
        }
    }
    let inquiry = by_file("inquiry.json").unwrap().json();
    assert_eq!(
        inquiry["properties"]["received_at"]["description"],
        "受付日時"
    );
    let from = inquiry["properties"]["from"]["description"]
        .as_str()
        .unwrap();
    assert!(
        from.starts_with("依頼元：") && from.contains("公開版"),
        "{from}"
    );
}
