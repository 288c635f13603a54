//! The Excel deliverables, written below `xlsx/`. Each workbook module turns the
//! project into named workbooks; [`office`] gives them one shared look.

pub mod nightly;
pub mod office;
pub mod param_sheet;
pub mod schedule;

use std::path::PathBuf;

use super::{Renderer, Sink, Summary};
use crate::error::Error;
use crate::project::Project;

pub const XLSX_DIR: &str = "xlsx";

/// A finished workbook: its file name below `xlsx/` and its bytes.
pub struct Book {
    pub file: String,
    pub bytes: Vec<u8>,
}

pub struct Xlsx;

impl Renderer for Xlsx {
    fn name(&self) -> &'static str {
        "xlsx"
    }

    fn render(&self, project: &Project, sink: &dyn Sink) -> Result<Summary, Error> {
        let mut books = Vec::new();
        books.extend(schedule::workbooks(project)?);
        books.extend(param_sheet::workbooks(project)?);
        for book in &books {
            sink.write(&PathBuf::from(XLSX_DIR).join(&book.file), &book.bytes)?;
        }
        Ok(Summary { files: books.len() })
    }
}

/// rust_xlsxwriter fails only on programming errors (a bad sheet name, a string
/// over Excel's limit); the message names the workbook.
pub fn xlsx_error(file: &str, err: rust_xlsxwriter::XlsxError) -> Error {
    Error::Environment(format!("Excel ファイル {file} を作成できません: {err}"))
}
