//! JSON Schemas of every YAML file a contractor edits, generated from the Rust
//! types that read them, so editors flag a mistake while it is typed and the
//! schemas never drift from what `check` accepts.
//!
//! To give a new kind of file a schema: derive `schemars::JsonSchema` next to its
//! `Deserialize` (schemars reads the same `#[serde(...)]` attributes) and add one
//! line to [`files`]; a record kind gets its schema from its declaration.
//! `tebiki schema` writes `schemas/`, and a test fails until the committed files
//! are regenerated.

use std::path::Path;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::{Value, json};

use crate::config::Config;
use crate::content::FrontMatter;
use crate::data::batches::{self, catalog::RawSection, records::RawBackup, records::RawRun};
use crate::data::cost::CostEstimate;
use crate::data::records::{FileServer, KindVisitor, RecordKind, Records, ServiceReport};
use crate::data::schedule::RawFile;
use crate::data::{Actor, Area, Contact, Deliverable, Staff, Task, Term};
use crate::error::Error;

pub const SCHEMAS_DIR: &str = "schemas";

/// One kind of YAML file and its schema.
pub struct SchemaKind {
    /// File name below `schemas/`.
    pub file: &'static str,
    /// What editors show as the schema's title.
    pub title: String,
    /// The files it applies to, as globs from the project root; front matter sits
    /// in Markdown files, which editors do not validate, so it has none.
    pub globs: Vec<String>,
    generate: fn() -> Schema,
    /// Fills in what the type alone does not say (a record kind's field labels).
    describe: Option<fn(&mut Value)>,
}

fn kind<T: JsonSchema>(file: &'static str, title: &str, globs: &[&str]) -> SchemaKind {
    SchemaKind {
        file,
        title: title.to_string(),
        globs: globs.iter().map(|g| g.to_string()).collect(),
        generate: root_schema::<T>,
        describe: None,
    }
}

/// A record kind's schema, titled and described by its declaration.
struct RecordSchemas(Vec<SchemaKind>);

impl KindVisitor for RecordSchemas {
    fn visit<R: RecordKind>(&mut self, _: &[R]) {
        let about = &R::ABOUT;
        self.0.push(SchemaKind {
            file: about.schema,
            title: format!("{}（data/records/{}/）", about.name, about.dir),
            globs: vec![format!("data/records/{}/*.yaml", about.dir)],
            generate: root_schema::<R>,
            describe: Some(describe_fields::<R>),
        });
    }
}

/// Each property's description is its field's label, what to write and whether
/// it names a person, as the site and the scaffolds say it.
fn describe_fields<R: RecordKind>(schema: &mut Value) {
    let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for field in R::FIELDS.iter().filter(|f| !f.key.is_empty()) {
        let Some(property) = properties.get_mut(field.key) else {
            continue;
        };
        let mut text = field.label.to_string();
        if !field.help.is_empty() {
            text.push_str(&format!("：{}", field.help));
        }
        if field.personal {
            text.push_str("（人を指します。公開版では氏名を伏せます）");
        }
        // Beside a `$ref`, draft 7 ignores other keywords: wrap it.
        if let Some(reference) = property.get("$ref").cloned() {
            *property = json!({ "allOf": [{ "$ref": reference }] });
        }
        if let Value::Object(map) = property {
            map.insert("description".into(), Value::String(text));
        }
    }
}

/// Every kind of YAML file: the project's own files, then each record kind.
pub fn schemas() -> &'static [SchemaKind] {
    static ALL: std::sync::OnceLock<Vec<SchemaKind>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut all = files();
        let mut records = RecordSchemas(Vec::new());
        Records::default().visit(&mut records);
        let at = all
            .iter()
            .position(|k| k.file == "sla-month.json")
            .unwrap_or(all.len());
        all.splice(at..at, records.0);
        all
    })
}

/// Every file that is not a record, one line each. Data files are lists (an empty file is
/// an empty list).
// reason: a table, one kind per line, reads better than rustfmt's layout
#[rustfmt::skip]
fn files() -> Vec<SchemaKind> {
    vec![
    kind::<Config>("tebiki.json", "tebiki.yaml（プロジェクトの設定）", &["tebiki.yaml"]),
    kind::<FrontMatter>("frontmatter.json", "ページのフロントマター", &[]),
    kind::<Option<Vec<Area>>>("areas.json", "業務領域（data/areas.yaml）", &["data/areas.yaml"]),
    kind::<Option<Vec<Actor>>>("actors.json", "関係者（data/actors.yaml）", &["data/actors.yaml"]),
    kind::<Option<Vec<Contact>>>("contacts.json", "連絡窓口（data/contacts.yaml）", &["data/contacts.yaml"]),
    kind::<Option<Vec<Staff>>>("staff.json", "要員（data/staff.yaml）", &["data/staff.yaml"]),
    kind::<Option<Vec<Task>>>("roles.json", "役割分担（data/roles.yaml）", &["data/roles.yaml"]),
    kind::<Option<Vec<Term>>>("glossary.json", "用語集（data/glossary.yaml）", &["data/glossary.yaml"]),
    kind::<Option<Vec<Deliverable>>>("deliverables.json", "成果物（data/deliverables.yaml）", &["data/deliverables.yaml"]),
    kind::<RawSection>("batches.json", "夜間・月次バッチの一覧（data/batches/<業務>.yaml）", &["data/batches/*.yaml"]),
    kind::<Option<batches::params::RawFile>>("batch-params.json", "月ごとのバッチパラメータ（data/batch-params/YYYY-MM.yaml）", &["data/batch-params/*.yaml"]),
    kind::<Option<Vec<RawRun>>>("batch-runs.json", "バッチの実行予定（data/batch-runs/<年度>.yaml）", &["data/batch-runs/*.yaml"]),
    kind::<Option<Vec<RawBackup>>>("backups.json", "バックアップの予定（data/backups/<年度>.yaml）", &["data/backups/*.yaml"]),
    kind::<Option<RawFile>>("schedule.json", "年度のスケジュール（data/schedule/<年度>.yaml）", &["data/schedule/*.yaml"]),
    kind::<ServiceReport>("sla-month.json", "月間サービスレベル（data/sla/<YYYY-MM>.yaml）", &["data/sla/*.yaml"]),
    kind::<FileServer>("fileserver.json", "ファイルサーバのフォルダ構成（data/fileserver.yaml）", &["data/fileserver.yaml"]),
    kind::<CostEstimate>("cost-estimate.json", "費用見積（data/cost-estimate.yaml）", &["data/cost-estimate.yaml"]),
    ]
}

/// Draft 7: what the YAML extension of VS Code and most editors understand best.
fn root_schema<T: JsonSchema>() -> Schema {
    SchemaSettings::draft07()
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

impl SchemaKind {
    /// The schema as written to `schemas/<file>`.
    pub fn json(&self) -> Value {
        let mut value = (self.generate)().to_value();
        keep_japanese_text(&mut value);
        if let Some(describe) = self.describe {
            describe(&mut value);
        }
        if let Value::Object(map) = &mut value {
            map.insert("title".into(), Value::String(self.title.clone()));
        }
        value
    }

    /// The text of `schemas/<file>`: pretty JSON ending in a newline.
    pub fn text(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.json()).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The schema for `file`, for a `# yaml-language-server: $schema=` line.
pub fn by_file(file: &str) -> Option<&'static SchemaKind> {
    schemas().iter().find(|k| k.file == file)
}

/// Doc comments are English, for developers; editors show the schema's text to
/// the contractor, so only the Japanese descriptions stay: those written with
/// `#[schemars(description = "…")]`, which start with a Japanese word (or a
/// number: 24時間365日). Titles,
/// which schemars takes from doc comments, go too (the root gets its own).
fn keep_japanese_text(schema: &mut Value) {
    let Value::Object(map) = schema else {
        return;
    };
    map.remove("title");
    let english = map
        .get("description")
        .and_then(Value::as_str)
        .is_some_and(|d| {
            d.chars()
                .next()
                .is_none_or(|c| c.is_ascii() && !c.is_ascii_digit())
        });
    if english {
        map.remove("description");
    }
    for (keyword, value) in map.iter_mut() {
        match (keyword.as_str(), value) {
            // Maps from names to schemas: the names are data, not keywords.
            ("properties" | "definitions" | "$defs" | "patternProperties", Value::Object(m)) => {
                m.values_mut().for_each(keep_japanese_text)
            }
            (_, Value::Array(items)) => items.iter_mut().for_each(keep_japanese_text),
            ("default" | "const" | "enum" | "examples", _) => {}
            (_, v @ Value::Object(_)) => keep_japanese_text(v),
            _ => {}
        }
    }
}

/// Writes every schema into `dir`; returns how many.
pub fn write_all(dir: &Path) -> Result<usize, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    for kind in schemas() {
        let path = dir.join(kind.file);
        std::fs::write(&path, kind.text()).map_err(|e| Error::io(&path, e))?;
    }
    Ok(schemas().len())
}

/// `.vscode/settings.json`: the YAML extension validates each data file against its
/// schema while it is edited.
pub fn vscode_settings() -> String {
    let mut by_file = serde_json::Map::new();
    for kind in schemas().iter().filter(|k| !k.globs.is_empty()) {
        by_file.insert(format!("./{SCHEMAS_DIR}/{}", kind.file), json!(kind.globs));
    }
    let settings = json!({
        "yaml.schemas": by_file,
        "yaml.validate": true,
        "files.associations": { "*.yaml": "yaml" },
    });
    let mut text = serde_json::to_string_pretty(&settings).unwrap_or_default();
    text.push('\n');
    text
}

/// The comment line that points an editor at a schema, from a file at `rel` (a
/// path below the project root, `/`-separated).
pub fn modeline(rel: &str, file: &str) -> String {
    let up = "../".repeat(rel.matches('/').count());
    format!("# yaml-language-server: $schema={up}{SCHEMAS_DIR}/{file}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modeline_climbs_to_the_project_root() {
        assert_eq!(
            modeline("data/areas.yaml", "areas.json"),
            "# yaml-language-server: $schema=../schemas/areas.json\n"
        );
        assert_eq!(
            modeline("content/ops/a.md", "frontmatter.json"),
            "# yaml-language-server: $schema=../../schemas/frontmatter.json\n"
        );
    }

    #[test]
    fn english_doc_comments_do_not_reach_the_schemas() {
        for kind in schemas() {
            let text = kind.text();
            assert!(!text.contains("The work area"), "{}", kind.file);
            assert!(text.contains(&kind.title), "{}", kind.file);
        }
        let front = by_file("frontmatter.json").unwrap().json();
        assert!(front["properties"]["title"].is_object(), "{front}");
        assert!(front.to_string().contains("最終確認日"));
    }
}
