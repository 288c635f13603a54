//! The Excel deliverables, written below `xlsx/`. Each workbook module turns the
//! project into named workbooks; [`office`] gives them one shared look.

pub mod annual;
pub mod cost;
pub mod ledgers;
pub mod nightly;
pub mod office;
pub mod param_sheet;
pub mod revisions;
pub mod schedule;
pub mod staff;

use std::path::PathBuf;

use super::{Renderer, Sink, Summary};
use crate::error::Error;
use crate::project::Project;

pub const XLSX_DIR: &str = "xlsx";
/// The deliverables laid out as the file server's folders, ready to copy.
pub const FILESERVER_DIR: &str = "fileserver";

/// A finished workbook: its file name below `xlsx/` and its bytes.
pub struct Book {
    pub file: String,
    pub bytes: Vec<u8>,
    /// The deliverable (`d4`) the workbook is, if any. One whose deliverable
    /// names a file-server folder is also laid out below `fileserver/`.
    pub deliverable: Option<&'static str>,
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
        books.extend(ledgers::workbooks(project)?);
        books.extend(cost::workbooks(project)?);
        books.extend(staff::workbooks(project)?);
        books.extend(annual::workbooks(project)?);
        let mut files = 0;
        for book in &books {
            sink.write(&PathBuf::from(XLSX_DIR).join(&book.file), &book.bytes)?;
            files += 1;
            if let Some(folder) = fileserver_folder(project, book) {
                sink.write(&folder.join(&book.file), &book.bytes)?;
                files += 1;
            }
        }
        Ok(Summary { files })
    }
}

/// Where a workbook goes in the file-server layout (`fileserver/<folder>/`), when
/// its deliverable names a folder of `data/fileserver.yaml` (§4.7②, §5
/// ファイルサーバへ格納). `check` has made sure the folder exists and is a safe path.
fn fileserver_folder(project: &Project, book: &Book) -> Option<PathBuf> {
    let id = book.deliverable?;
    let folder = project
        .data
        .deliverables
        .iter()
        .find(|d| d.id == id)?
        .folder
        .as_deref()?;
    let folder = project.data.records.fileserver.folder(folder)?;
    Some(PathBuf::from(FILESERVER_DIR).join(folder.path.split('/').collect::<PathBuf>()))
}

/// rust_xlsxwriter fails only on programming errors (a bad sheet name, a string
/// over Excel's limit); the message names the workbook.
pub fn xlsx_error(file: &str, err: rust_xlsxwriter::XlsxError) -> Error {
    Error::Environment(format!("Excel ファイル {file} を作成できません: {err}"))
}
