//! Renderers: each output (site, workbooks, PDFs) is one renderer of the same
//! read-only [`Project`].

pub mod calendar;
pub mod html;
pub mod ics;
mod nav;
pub mod params;
pub mod pdf;
pub mod xlsx;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::Error;
use crate::fs::Staging;
use crate::project::Project;

/// Where a renderer writes: the staged output directory for `build`, memory for
/// `check` and `serve`. Paths are relative to the output directory.
pub trait Sink: Sync {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Error>;
}

impl Sink for Staging {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Error> {
        Staging::write(self, rel, bytes)
    }
}

/// Writes straight into an existing output directory, one file at a time, each
/// atomically (`tebiki report`, which adds one PDF and keeps everything else).
pub struct DirSink {
    dir: PathBuf,
}

impl DirSink {
    pub fn new(dir: &Path) -> DirSink {
        DirSink {
            dir: dir.to_path_buf(),
        }
    }
}

impl Sink for DirSink {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Error> {
        if !crate::fs::is_contained(rel) {
            return Err(Error::Unsafe(format!(
                "出力先 `{}` は出力ディレクトリの外を指しています",
                crate::diagnostics::display_path(rel)
            )));
        }
        crate::fs::write_atomic(&self.dir.join(rel), bytes)
    }
}

/// Keeps every written file in memory; `check` renders into one and drops it.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<PathBuf, Vec<u8>>>,
}

impl MemorySink {
    pub fn into_files(self) -> BTreeMap<PathBuf, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Error> {
        if !crate::fs::is_contained(rel) {
            return Err(Error::Unsafe(format!(
                "出力先 `{}` は出力ディレクトリの外を指しています",
                crate::diagnostics::display_path(rel)
            )));
        }
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(rel.to_path_buf(), bytes.to_vec());
        Ok(())
    }
}

/// What a renderer wrote, for the summary line at the end of a build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
}

pub trait Renderer: Sync {
    /// Short name for progress messages ("site", "xlsx", "pdf").
    fn name(&self) -> &'static str;
    fn render(&self, project: &Project, sink: &dyn Sink) -> Result<Summary, Error>;
}
