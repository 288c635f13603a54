//! One typst run: a fresh directory holding only the templates, `main.typ`,
//! `data.json` and the images, used as `--root`; typst's messages mapped back to
//! the page or data file they came from.

use std::path::{Path, PathBuf};

use super::cache::Hasher;
use super::typst::Typst;
use super::{FONTS_DIR, PDF_STANDARD, PdfDocument, TEMPLATES_DIR};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::error::Error;

/// What every compile of a build shares.
pub(super) struct Shared<'a> {
    typst: &'a Typst,
    root: PathBuf,
    fonts: PathBuf,
    /// Every `.typ` file of `templates/typst/`: (file name, text).
    templates: Vec<(String, String)>,
    /// Hash of the templates, fonts, typst version and flags.
    fingerprint: String,
}

impl<'a> Shared<'a> {
    pub(super) fn load(typst: &'a Typst, root: &Path) -> Result<Shared<'a>, Error> {
        let dir = root.join(TEMPLATES_DIR);
        let mut templates = Vec::new();
        let entries = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".typ") && entry.path().is_file() {
                let shown = Path::new(TEMPLATES_DIR).join(&name);
                let text = crate::fs::read_text(&entry.path(), &shown)
                    .map_err(|d| Error::Problems(d.into()))?;
                templates.push((name, text));
            }
        }
        templates.sort();
        // typst runs in the compile directory: a relative `--root .` must not
        // become a relative font path there.
        let fonts = std::path::absolute(root.join(FONTS_DIR)).map_err(|e| Error::io(root, e))?;
        let mut hasher = Hasher::new();
        hasher.add("typst", typst.version.as_bytes());
        hasher.add("flags", flags_fingerprint().as_bytes());
        for (name, text) in &templates {
            hasher.add(name, text.as_bytes());
        }
        for file in super::FONT_FILES {
            let path = fonts.join(file);
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            hasher.add(file, &bytes);
        }
        Ok(Shared {
            typst,
            root: root.to_path_buf(),
            fonts,
            templates,
            fingerprint: hasher.finish(),
        })
    }

    /// Everything the PDF depends on, hashed: a PDF is rebuilt when this changes.
    pub(super) fn inputs_hash(&self, doc: &PdfDocument) -> Result<String, Error> {
        let mut hasher = Hasher::new();
        hasher.add("shared", self.fingerprint.as_bytes());
        hasher.add("main.typ", doc.main_typ().as_bytes());
        hasher.add("data.json", &data_json(doc));
        hasher.add("timestamp", &doc.timestamp.to_le_bytes());
        for image in &doc.images {
            hasher.add(&image.name, &self.read_image(doc, &image.source)?);
        }
        Ok(hasher.finish())
    }

    fn read_image(&self, doc: &PdfDocument, source: &Path) -> Result<Vec<u8>, Error> {
        std::fs::read(self.root.join(source)).map_err(|e| {
            Error::Problems(
                Diagnostic::error(
                    Location::file(source),
                    format!("{} の画像を読めません: {e}", doc.name),
                )
                .into(),
            )
        })
    }
}

/// The flags that change the output, part of every inputs hash.
fn flags_fingerprint() -> String {
    format!("pdf-standard={PDF_STANDARD};ignore-system-fonts;ignore-embedded-fonts")
}

fn data_json(doc: &PdfDocument) -> Vec<u8> {
    serde_json::to_vec_pretty(&doc.data).unwrap_or_default()
}

/// Compiles `doc` and returns the PDF's bytes.
pub(super) fn compile(shared: &Shared<'_>, doc: &PdfDocument) -> Result<Vec<u8>, Error> {
    let dir = tempfile::Builder::new()
        .prefix("tebiki-typst-")
        .tempdir()
        .map_err(|e| Error::io(&std::env::temp_dir(), e))?;
    let root = dir.path();
    let write = |name: &str, bytes: &[u8]| {
        let path = root.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    };
    for (name, text) in &shared.templates {
        write(name, text.as_bytes())?;
    }
    write("main.typ", doc.main_typ().as_bytes())?;
    write("data.json", &data_json(doc))?;
    // Copied as bytes, never linked: typst follows symlinks inside its root.
    for image in &doc.images {
        write(&image.name, &shared.read_image(doc, &image.source)?)?;
    }
    let out = shared
        .typst
        .command()
        .current_dir(root)
        .arg("compile")
        .arg("--root")
        .arg(root)
        .arg("--font-path")
        .arg(&shared.fonts)
        .args([
            "--ignore-system-fonts",
            "--ignore-embedded-fonts",
            "--diagnostic-format",
            "short",
            "--pdf-standard",
            PDF_STANDARD,
            "--creation-timestamp",
            &doc.timestamp.to_string(),
            "main.typ",
            "out.pdf",
        ])
        .output()
        .map_err(|e| Error::io(&shared.typst.program, e))?;
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&format!("{}/", root.display()), "");
    let messages = parse_messages(&stderr);
    let mut errors = Diagnostics::new();
    for message in &messages {
        let diag = to_diagnostic(doc, message);
        if diag.is_error() {
            errors.push(diag);
        } else {
            tracing::warn!("{diag}");
        }
    }
    match out.status.code() {
        Some(0) if errors.is_empty() => {
            let pdf = root.join("out.pdf");
            std::fs::read(&pdf).map_err(|e| Error::io(&pdf, e))
        }
        Some(0 | 1) => {
            if errors.is_empty() {
                errors.push(Diagnostic::error(
                    Location::file(&doc.source),
                    format!("PDF {} を作れません: {}", doc.name, stderr.trim()),
                ));
            }
            Err(Error::Problems(errors.sorted()))
        }
        _ => Err(Error::Environment(format!(
            "typst（{}）が異常終了しました（{}）: {}",
            shared.typst.program.display(),
            out.status,
            stderr.trim()
        ))),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Message {
    /// File inside the compile directory (`main.typ`, `handbook.typ`), if given.
    pub file: Option<String>,
    pub line: usize,
    pub col: usize,
    pub error: bool,
    pub text: String,
}

/// Parses `--diagnostic-format short`: `path:line:col: error: message`, or
/// `error: message` without a place; `hint:` lines are added to the message before.
pub(super) fn parse_messages(stderr: &str) -> Vec<Message> {
    let mut messages: Vec<Message> = Vec::new();
    for line in stderr.lines().filter(|l| !l.trim().is_empty()) {
        let (place, severity, text) = split_message(line);
        if severity == "hint" {
            if let Some(last) = messages.last_mut() {
                last.text.push_str(&format!("（ヒント: {text}）"));
            }
            continue;
        }
        let mut message = Message {
            file: None,
            line: 1,
            col: 1,
            error: severity != "warning",
            text: text.to_string(),
        };
        let mut parts = place.rsplitn(3, ':');
        if let (Some(col), Some(line), Some(file)) = (parts.next(), parts.next(), parts.next())
            && let (Ok(col), Ok(line)) = (col.parse(), line.parse())
        {
            message.file = Some(file.to_string());
            message.line = line;
            message.col = col;
        }
        messages.push(message);
    }
    messages
}

/// `(place, severity, text)` of one line; a line in no known shape is an error
/// with no place.
fn split_message(line: &str) -> (&str, &str, &str) {
    for severity in ["error", "warning", "hint"] {
        if let Some(text) = line.strip_prefix(&format!("{severity}: ")) {
            return ("", severity, text);
        }
        if let Some((place, text)) = line.split_once(&format!(": {severity}: ")) {
            return (place, severity, text);
        }
    }
    ("", "error", line)
}

/// A typst message placed in the tebiki input it came from: a line of `main.typ`
/// goes back to its page; a template line to the template.
fn to_diagnostic(doc: &PdfDocument, message: &Message) -> Diagnostic {
    let location = match message.file.as_deref() {
        Some("main.typ") => doc.source_of_line(message.line),
        Some(name) if name.ends_with(".typ") => Location::new(
            Path::new(TEMPLATES_DIR).join(name),
            message.line,
            message.col,
        ),
        Some(name) => match doc.images.iter().find(|i| i.name == name) {
            Some(image) => Location::file(&image.source),
            None => Location::file(&doc.source),
        },
        None => Location::file(&doc.source),
    };
    let text = explain(&message.text);
    let text = format!("PDF {} を作れません: {text}", doc.name);
    let unknown_font = message.text.contains("unknown font family");
    if message.error || unknown_font {
        Diagnostic::error(location, text)
    } else {
        Diagnostic::warning(location, text.replace("を作れません", "の警告"))
    }
}

/// Japanese hints for the messages a page can cause.
fn explain(text: &str) -> String {
    if text.contains("could not be displayed with font") {
        let ch = text.split('`').nth(1).unwrap_or("").trim_matches('"');
        return format!(
            "文字 {ch} は PDF のフォント（BIZ UDP ゴシック・BIZ UDP 明朝）にありません。別の文字に置き換えてください（typst: {text}）"
        );
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_diagnostics_are_parsed_with_their_place() {
        let stderr = "main.typ:12:3: error: unknown variable: x\n\
                      hint: if you meant to display x, try `\\x`\n\
                      handbook.typ:4:1: warning: unknown font family: foo\n\
                      error: input file not found (searched at nosuch.typ)\n";
        let m = parse_messages(stderr);
        assert_eq!(m.len(), 3);
        assert_eq!(m[0].file.as_deref(), Some("main.typ"));
        assert_eq!((m[0].line, m[0].col, m[0].error), (12, 3, true));
        assert!(m[0].text.contains("ヒント"), "{}", m[0].text);
        assert!(!m[1].error);
        assert_eq!(m[2].file, None);
    }

    #[test]
    fn a_missing_glyph_is_explained_in_japanese() {
        let text = explain(
            "PDF/A-2u error: the text `\"☐\"` could not be displayed with font `\"BIZ UDPMincho\"`",
        );
        assert!(text.starts_with("文字 ☐ は PDF のフォント"), "{text}");
    }
}
