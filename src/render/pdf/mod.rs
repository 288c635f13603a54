//! PDF reports made with the typst program: ⑧ 改善提案書, the whole handbook, and
//! (from record data) ⑥ and ⑦. A document is one template, one JSON payload and
//! escaped body markup; each is compiled in a directory of its own, in parallel,
//! and one whose inputs did not change is copied from the previous build.
//!
//! Adding a kind of document: write `templates/typst/<kind>.typ` exporting
//! `template(data, body)`, and push one [`PdfDocument`] per file from [`documents`].

pub mod annual;
mod cache;
mod compile;
mod handbook;
pub mod markdown;
pub mod markup;
pub mod minutes;
pub mod monthly;
mod proposals;
mod table;
pub mod typst;
mod views;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::{Renderer, Sink, Summary};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::error::Error;
use crate::project::Project;
use markdown::ImageFile;
use markup::Markup;

/// Below the output directory.
pub const PDF_DIR: &str = "pdf";
/// Typst templates, below the project root. Every `.typ` file here is copied into
/// each compile directory, so templates may import one another.
pub const TEMPLATES_DIR: &str = "templates/typst";
/// The fonts every PDF is made with, below the project root (shipped in the repo).
pub const FONTS_DIR: &str = "fonts";
pub const FONT_FILES: [&str; 3] = [
    "BIZUDPGothic-Regular.ttf",
    "BIZUDPGothic-Bold.ttf",
    "BIZUDPMincho-Regular.ttf",
];
/// The families the templates use. typst draws empty boxes, and says nothing,
/// when a family is missing, so their presence is checked before compiling.
pub const FAMILIES: [&str; 2] = ["BIZ UDPGothic", "BIZ UDPMincho"];
/// PDF/A-2u: archival (the ward keeps reports for years), with Unicode text that
/// stays searchable; typst refuses a character that no font can draw.
pub const PDF_STANDARD: &str = "a-2u";

/// One PDF to make.
#[derive(Debug, Clone)]
pub struct PdfDocument {
    /// Path below `pdf/`: `handbook.pdf`, `proposals/knowledge.pdf`.
    pub name: String,
    /// File below `templates/typst/` that exports `template(data, body)`.
    pub template: String,
    /// What the template shows, written as `data.json` and read with `json()`.
    /// Strings in it are never parsed as markup.
    pub data: serde_json::Value,
    /// Escaped markup for the body of the document (Markdown pages); may be empty.
    pub body: Markup,
    pub images: Vec<ImageFile>,
    /// Where a problem is reported when no better place is known.
    pub source: PathBuf,
    /// `--creation-timestamp`, taken from the inputs (a page's `reviewed` date, a
    /// month's end) so that the same inputs give the same bytes.
    pub timestamp: i64,
}

/// Lines of `main.typ` before the body; typst's line numbers are shifted by them.
const HEADER_LINES: usize = 4;

impl PdfDocument {
    /// A document drawn from data alone, with no Markdown body (⑥ 月間作業実績報告書,
    /// ⑦ 議事録): the template lays out `data`. `date` (the month's last day, the
    /// meeting day) gives the PDF's creation date.
    pub fn from_data(
        name: impl Into<String>,
        template: impl Into<String>,
        data: serde_json::Value,
        source: impl Into<PathBuf>,
        date: NaiveDate,
    ) -> PdfDocument {
        PdfDocument {
            name: name.into(),
            template: template.into(),
            data,
            body: Markup::new(),
            images: Vec::new(),
            source: source.into(),
            timestamp: timestamp_of(date),
        }
    }

    /// The generated `main.typ`: the template applied to the data, then the body.
    pub fn main_typ(&self) -> String {
        format!(
            "// tebiki が生成: 編集しないでください。本文の文字はすべてエスケープ済みです。\n\
             #import {}: *\n\
             #let data = json(\"data.json\")\n\
             #show: template.with(data)\n{}",
            markup::string_literal(&self.template),
            self.body.as_str()
        )
    }

    /// Where line `line` of `main.typ` came from.
    fn source_of_line(&self, line: usize) -> Location {
        line.checked_sub(HEADER_LINES)
            .and_then(|l| self.body.source_of(l))
            .cloned()
            .unwrap_or_else(|| Location::file(&self.source))
    }
}

/// Every PDF of the project, worked out without running typst, so `check` finds
/// the same input problems as `build`.
pub fn documents(project: &Project) -> Result<Vec<PdfDocument>, Diagnostics> {
    let mut docs = vec![handbook::document(project)];
    docs.extend(proposals::documents(project));
    docs.extend(monthly::documents(project));
    docs.extend(annual::documents(project));
    docs.extend(minutes::documents(project));
    check_inputs(project, &docs)?;
    Ok(docs)
}

/// The fonts and the templates `docs` need are there, before typst runs.
pub fn check_inputs(project: &Project, docs: &[PdfDocument]) -> Result<(), Diagnostics> {
    let mut diags = Diagnostics::new();
    for file in FONT_FILES {
        let path = Path::new(FONTS_DIR).join(file);
        if !project.root.join(&path).is_file() {
            diags.error(
                Location::file(&path),
                "PDF に使うフォントがありません（tebiki のリポジトリにある fonts/ をプロジェクトのルートに置いてください）",
            );
        }
    }
    for doc in docs {
        let template = Path::new(TEMPLATES_DIR).join(&doc.template);
        if !project.root.join(&template).is_file() {
            diags.error(
                Location::file(&doc.source),
                format!("PDF のテンプレート {} がありません", template.display()),
            );
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(())
}

/// What the cover of a report to the ward says, ⑥ and the annual report alike:
/// its kind and title, the period, the date, addressee and sender, with the
/// report's own parts added to it.
fn report_data(
    project: &Project,
    (kind, title): (&str, String),
    (first, last): (chrono::NaiveDate, chrono::NaiveDate),
    date: chrono::NaiveDate,
    parts: serde_json::Value,
) -> serde_json::Value {
    let config = &project.config;
    let mut data = serde_json::json!({
        "kind": kind,
        "title": title,
        "period": format!("{}〜{}", crate::domain::wareki::format_date(first), crate::domain::wareki::format_date(last)),
        "date": crate::domain::wareki::format_date(date),
        "language": config.site.language,
        "organisation": config.organisation.name,
        "client": config.organisation.client,
        "contract_title": config.organisation.contract_title,
        "author": contractor_name(project),
        "contact": contractor_contact(project),
    });
    if let (Some(data), serde_json::Value::Object(parts)) = (data.as_object_mut(), parts) {
        data.extend(parts);
    }
    data
}

/// The contractor's contact person under its name on a cover: the 業務統括者
/// (`lead: true` in data/staff.yaml, §9①). None in the redacted edition, where
/// the name is personal data.
fn contractor_contact(project: &Project) -> Option<String> {
    if project.redacted {
        return None;
    }
    let id = &project.config.organisation.contractor_actor;
    project
        .data
        .staff
        .iter()
        .find(|s| s.lead && &s.actor == id)
        .map(|s| format!("業務統括者 {}", s.name))
}

/// The contractor's name as documents sign it (`organisation.contractor_actor`).
fn contractor_name(project: &Project) -> String {
    let id = &project.config.organisation.contractor_actor;
    project
        .data
        .actor(id)
        .map_or_else(|| id.clone(), |a| a.name.clone())
}

/// The PDF renderer: compiles prepared documents with a provisioned typst.
pub struct Pdf {
    typst: typst::Typst,
    documents: Vec<PdfDocument>,
    /// The output directory of the previous build, whose PDFs are reused when
    /// their inputs are unchanged.
    previous: PathBuf,
    /// Only some of the project's PDFs (`tebiki report`): the manifest keeps the
    /// entries of the others.
    partial: bool,
}

impl Pdf {
    /// Every PDF of the project, written into a fresh `pdf/`.
    pub fn new(typst: typst::Typst, documents: Vec<PdfDocument>, previous: &Path) -> Pdf {
        Pdf {
            typst,
            documents,
            previous: previous.to_path_buf(),
            partial: false,
        }
    }

    /// Some PDFs, written beside the ones already in `out_dir/pdf/`.
    pub fn partial(typst: typst::Typst, documents: Vec<PdfDocument>, out_dir: &Path) -> Pdf {
        Pdf {
            partial: true,
            ..Pdf::new(typst, documents, out_dir)
        }
    }
}

impl Renderer for Pdf {
    fn name(&self) -> &'static str {
        "pdf"
    }

    fn render(&self, project: &Project, sink: &dyn Sink) -> Result<Summary, Error> {
        let fonts = project.root.join(FONTS_DIR);
        check_families(&self.typst, &fonts)?;
        let shared = compile::Shared::load(&self.typst, &project.root)?;
        let previous = cache::Manifest::read(&self.previous);
        let results: Vec<Result<Built, Error>> = self
            .documents
            .par_iter()
            .map(|doc| {
                let inputs = shared.inputs_hash(doc)?;
                let (bytes, reused) = match previous.reuse(&self.previous, &doc.name, &inputs) {
                    Some(bytes) => (bytes, true),
                    None => (compile::compile(&shared, doc)?, false),
                };
                Ok(Built {
                    name: doc.name.clone(),
                    bytes,
                    inputs,
                    reused,
                })
            })
            .collect();
        let mut diags = Diagnostics::new();
        let mut manifest = if self.partial {
            previous.clone()
        } else {
            cache::Manifest::default()
        };
        let mut reused = 0;
        for result in results {
            match result {
                Ok(built) => {
                    sink.write(&Path::new(PDF_DIR).join(&built.name), &built.bytes)?;
                    reused += usize::from(built.reused);
                    manifest.insert(built.name, built.inputs, &built.bytes);
                }
                Err(Error::Problems(d)) => diags.extend(d),
                Err(other) => return Err(other),
            }
        }
        if !diags.is_empty() {
            return Err(Error::Problems(diags.sorted()));
        }
        sink.write(Path::new(cache::MANIFEST), &manifest.to_json())?;
        if reused > 0 {
            tracing::info!("pdf: {reused} 件は入力が変わっていないので前回の PDF を使いました");
        }
        Ok(Summary {
            files: self.documents.len(),
        })
    }
}

/// One finished PDF, compiled now or reused from the previous build.
struct Built {
    name: String,
    bytes: Vec<u8>,
    inputs: String,
    reused: bool,
}

/// typst exits 0 and draws empty boxes when it finds no Japanese font: make sure
/// it sees the shipped families before compiling anything.
fn check_families(typst: &typst::Typst, fonts: &Path) -> Result<(), Error> {
    let found = typst.families(fonts)?;
    let missing: Vec<&str> = FAMILIES
        .iter()
        .copied()
        .filter(|f| !found.iter().any(|g| g == f))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::Problems(
        Diagnostic::error(
            Location::file(FONTS_DIR),
            format!(
                "typst が {FONTS_DIR}/ にフォント {} を見つけられません（見つかったのは: {}）",
                missing.join("、"),
                if found.is_empty() {
                    "なし".to_string()
                } else {
                    found.join("、")
                }
            ),
        )
        .into(),
    ))
}

/// 00:00 Japan time of `date`, as a UNIX timestamp; `SOURCE_DATE_EPOCH` wins when
/// set, as reproducible-build tools expect.
pub fn timestamp_of(date: NaiveDate) -> i64 {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
    {
        return epoch;
    }
    const JST_OFFSET: i64 = 9 * 3600;
    date.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp() - JST_OFFSET)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_data_document_has_only_the_template_call_in_main_typ() {
        let date = NaiveDate::from_ymd_opt(2027, 1, 31).unwrap();
        let doc = PdfDocument::from_data(
            "monthly/2027-01.pdf",
            "monthly.typ",
            serde_json::json!({"month": "2027-01"}),
            "data/records.yaml",
            date,
        );
        let main = doc.main_typ();
        assert!(main.contains("#import \"monthly.typ\": *"), "{main}");
        assert_eq!(main.lines().count(), HEADER_LINES);
        assert_eq!(
            doc.source_of_line(3).path,
            PathBuf::from("data/records.yaml")
        );
    }

    #[test]
    fn main_typ_lines_map_to_the_body_marks() {
        let mut body = Markup::new();
        body.mark(Location::new("content/a.md", 7, 1));
        body.code("#heading(level: 1)[x]\n");
        let doc = PdfDocument {
            name: "a.pdf".into(),
            template: "handbook.typ".into(),
            data: serde_json::Value::Null,
            body,
            images: Vec::new(),
            source: "content/a.md".into(),
            timestamp: 0,
        };
        let main = doc.main_typ();
        let line = main
            .lines()
            .position(|l| l.starts_with("#heading"))
            .unwrap()
            + 1;
        assert_eq!(doc.source_of_line(line).line, 7);
        assert_eq!(doc.source_of_line(2).line, 1);
    }
}
