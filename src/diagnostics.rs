//! Problems found in the inputs, each with the place it was found (`path:line:col`).

use std::fmt;
use std::path::{Path, PathBuf};

/// A place in an input file. `path` is relative to the project root and lines and
/// columns count from 1, as editors show them.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
}

impl Location {
    pub fn new(path: impl Into<PathBuf>, line: usize, col: usize) -> Self {
        Location {
            path: path.into(),
            line,
            col,
        }
    }

    /// A location found in a piece of text that starts on line `first_line` of its
    /// file (front matter, say), moved to count from the top of the file.
    pub fn shifted(mut self, first_line: usize) -> Location {
        self.line += first_line.saturating_sub(1);
        self
    }

    /// The whole file, when no better place is known.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location::new(path, 1, 1)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", display_path(&self.path), self.line, self.col)
    }
}

/// Paths are shown with `/` on every platform so messages are stable in tests.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Option<Location>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: Some(location),
            message: message.into(),
        }
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            location: Some(location),
            message: message.into(),
        }
    }

    /// A problem that belongs to no single file (a missing directory, say).
    pub fn global(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location: None,
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "エラー",
            Severity::Warning => "警告",
        };
        match &self.location {
            Some(loc) => write!(f, "{loc}: {level}: {}", self.message),
            None => write!(f, "{level}: {}", self.message),
        }
    }
}

/// Every problem found in one run. Loading goes on after a problem so that `check`
/// can report them all at once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// What exists in the inputs but failed to load (`data/records/incidents/X`,
    /// a page's `content/…` path): a reference to it is not reported again as
    /// missing, so the count of problems counts causes.
    unloaded: std::collections::BTreeSet<String>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.push(Diagnostic::error(location, message));
    }

    pub fn warning(&mut self, location: Location, message: impl Into<String>) {
        self.push(Diagnostic::warning(location, message));
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        self.unloaded.extend(other.unloaded);
    }

    /// Notes that `what` (a path as shown, or a record's `data/records/<kind>/<id>`)
    /// exists but failed to load; its own problem is reported.
    pub fn note_unloaded(&mut self, what: impl Into<String>) {
        self.unloaded.insert(what.into().replace('\\', "/"));
    }

    pub fn is_unloaded(&self, what: &str) -> bool {
        self.unloaded.contains(what)
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.len() - self.error_count()
    }

    /// Sorted by file and position, errors before warnings at the same place, so the
    /// report reads top to bottom like the files do.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| {
            (&a.location, a.severity, &a.message).cmp(&(&b.location, b.severity, &b.message))
        });
        self.items.dedup();
        self
    }

    /// The numbered report `check` prints, ending with the count line.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for (i, d) in self.items.iter().enumerate() {
            out.push_str(&format!("{}. {d}\n", i + 1));
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    pub fn summary(&self) -> String {
        if self.is_empty() {
            return "問題は見つかりませんでした".to_string();
        }
        format!(
            "{} 件の問題が見つかりました（エラー {} 件、警告 {} 件）",
            self.len(),
            self.error_count(),
            self.warning_count()
        )
    }
}

/// One problem as `check --format json` prints it. Problems that belong to no
/// file have `path`, `line` and `col` set to null.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct JsonProblem {
    pub path: Option<String>,
    pub line: Option<usize>,
    pub col: Option<usize>,
    /// `error` or `warning`.
    pub severity: String,
    pub message: String,
}

/// What `check --format json` prints: every problem, then the counts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct JsonReport {
    pub problems: Vec<JsonProblem>,
    pub errors: usize,
    pub warnings: usize,
}

impl Diagnostics {
    pub fn to_json_report(&self) -> JsonReport {
        let problems = self
            .items
            .iter()
            .map(|d| JsonProblem {
                path: d.location.as_ref().map(|l| display_path(&l.path)),
                line: d.location.as_ref().map(|l| l.line),
                col: d.location.as_ref().map(|l| l.col),
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                }
                .to_string(),
                message: d.message.clone(),
            })
            .collect();
        JsonReport {
            problems,
            errors: self.error_count(),
            warnings: self.warning_count(),
        }
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics {
            items: vec![d],
            ..Diagnostics::default()
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
            ..Diagnostics::default()
        }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.report())
    }
}

/// Line and column (both from 1, columns in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Where each line of a text starts, so that many offsets can be placed
/// without counting lines from the top for each one. `check` places every
/// heading and block of a page for the PDF; with [`line_col`] alone that grew
/// with the square of the page's size (30 s for a 5 MB page).
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let breaks = text.bytes().enumerate().filter(|(_, b)| *b == b'\n');
        let starts = std::iter::once(0).chain(breaks.map(|(i, _)| i + 1));
        LineIndex {
            starts: starts.collect(),
        }
    }

    /// [`line_col`] of `offset` in `text`, the text this index was made from.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts[line - 1].min(offset);
        (line, text[start..offset].chars().count() + 1)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_report_has_null_places_for_global_problems() {
        let mut d = Diagnostics::new();
        d.error(Location::new("content/a.md", 3, 2), "壊れたリンク");
        d.push(Diagnostic::global("content/ ディレクトリがありません"));
        let json = serde_json::to_value(d.to_json_report()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "problems": [
                    {"path": "content/a.md", "line": 3, "col": 2, "severity": "error", "message": "壊れたリンク"},
                    {"path": null, "line": null, "col": null, "severity": "error", "message": "content/ ディレクトリがありません"}
                ],
                "errors": 2,
                "warnings": 0
            })
        );
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "一行目\n二行目のリンク";
        let offset = text.find("リンク").unwrap();
        assert_eq!(line_col(text, offset), (2, 5));
    }

    #[test]
    fn line_index_places_offsets_as_line_col_does() {
        let text = "一行目\n\nリンク [a](b)\n最後";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.line_col(text, offset),
                line_col(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn report_numbers_problems_and_counts_them() {
        let mut d = Diagnostics::new();
        d.error(Location::new("content/a.md", 3, 2), "壊れたリンク");
        d.warning(Location::new("content/a.md", 1, 1), "古いページ");
        let report = d.clone().sorted().report();
        assert_eq!(
            report,
            "1. content/a.md:1:1: 警告: 古いページ\n\
             2. content/a.md:3:2: エラー: 壊れたリンク\n\
             2 件の問題が見つかりました（エラー 1 件、警告 1 件）\n"
        );
    }
}
