//! Renderers: each output (site, workbooks, PDFs) is one renderer of the same
//! read-only [`Project`].

pub mod calendar;
pub mod changes;
mod contexts;
mod fragments;
pub mod html;
pub mod ics;
pub mod keys;
mod nav;
mod page_view;
pub mod params;
pub mod pdf;
pub mod revisions;
pub mod search_cache;
mod site_files;
pub mod xlsx;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::error::Error;
use crate::fingerprint::Fingerprint;
use crate::fs::Staging;
use crate::project::Project;

/// Where a renderer writes: the staged output directory for `build`, memory for
/// `check` and `serve`. Paths are relative to the output directory.
///
/// A renderer that can tell what a file is made from gives it a key (a
/// [`Fingerprint`] of every input it depends on) and asks [`Sink::keep`] first:
/// when the previous run made the same file from the same key, it is kept and the
/// renderer skips making it. Renderers that write with plain [`Sink::write`]
/// still have unchanged bytes kept, but they pay for making them.
pub trait Sink: Sync {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Error>;

    /// Writes a file made from inputs whose fingerprint is `key`.
    fn write_keyed(&self, rel: &Path, key: Fingerprint, bytes: &[u8]) -> Result<(), Error> {
        let _ = key;
        self.write(rel, bytes)
    }

    /// Keeps the previous run's file at `rel` if it was made from `key`; true
    /// when kept. Sinks without a previous run keep nothing.
    fn keep(&self, rel: &Path, key: Fingerprint) -> Result<bool, Error> {
        let _ = (rel, key);
        Ok(false)
    }

    /// The previous run's file at `rel`, when it is there unchanged (a renderer
    /// that kept pages reads back what it needs of them, such as their text).
    fn read_previous(&self, rel: &Path) -> Option<Vec<u8>> {
        let _ = rel;
        None
    }
}

impl Sink for Staging {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Error> {
        Staging::write(self, rel, bytes)
    }

    fn write_keyed(&self, rel: &Path, key: Fingerprint, bytes: &[u8]) -> Result<(), Error> {
        Staging::write_keyed(self, rel, key, bytes)
    }

    fn keep(&self, rel: &Path, key: Fingerprint) -> Result<bool, Error> {
        Staging::keep(self, rel, key)
    }

    fn read_previous(&self, rel: &Path) -> Option<Vec<u8>> {
        Staging::read_previous(self, rel)
    }
}

/// Writes straight into an existing output directory, one file at a time, each
/// atomically (`tebiki report`, which adds one PDF and keeps everything else).
pub struct DirSink {
    dir: PathBuf,
}

impl DirSink {
    pub fn new(dir: &Path) -> DirSink {
        // The output will no longer be the one the last build recorded as up to date.
        let _ = std::fs::remove_file(dir.join(crate::manifest::UPTODATE_FILE));
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

/// A file held in memory, with the key it was made from.
#[derive(Debug, Clone)]
pub struct MemoryFile {
    pub key: Option<Fingerprint>,
    pub bytes: Arc<Vec<u8>>,
}

pub type MemoryFiles = BTreeMap<PathBuf, MemoryFile>;

/// Keeps every written file in memory; `check` renders into one and drops it,
/// `serve` keeps the files of its last build and hands them to the next one
/// ([`MemorySink::reusing`]) so unchanged pages are not rendered again.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<MemoryFiles>,
    previous: MemoryFiles,
}

impl MemorySink {
    /// A sink that can keep the files of a previous in-memory run.
    pub fn reusing(previous: MemoryFiles) -> Self {
        MemorySink {
            files: Mutex::default(),
            previous,
        }
    }

    pub fn into_files(self) -> BTreeMap<PathBuf, Vec<u8>> {
        self.into_memory_files()
            .into_iter()
            .map(|(p, f)| (p, Arc::unwrap_or_clone(f.bytes)))
            .collect()
    }

    pub fn into_memory_files(self) -> MemoryFiles {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn insert(&self, rel: &Path, file: MemoryFile) -> Result<(), Error> {
        if !crate::fs::is_contained(rel) {
            return Err(Error::Unsafe(format!(
                "出力先 `{}` は出力ディレクトリの外を指しています",
                crate::diagnostics::display_path(rel)
            )));
        }
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(rel.to_path_buf(), file);
        Ok(())
    }
}

impl Sink for MemorySink {
    fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Error> {
        let file = MemoryFile {
            key: None,
            bytes: Arc::new(bytes.to_vec()),
        };
        self.insert(rel, file)
    }

    fn write_keyed(&self, rel: &Path, key: Fingerprint, bytes: &[u8]) -> Result<(), Error> {
        let file = MemoryFile {
            key: Some(key),
            bytes: Arc::new(bytes.to_vec()),
        };
        self.insert(rel, file)
    }

    fn keep(&self, rel: &Path, key: Fingerprint) -> Result<bool, Error> {
        match self.previous.get(rel) {
            Some(old) if old.key == Some(key) => {
                self.insert(rel, old.clone())?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    fn read_previous(&self, rel: &Path) -> Option<Vec<u8>> {
        self.previous.get(rel).map(|f| f.bytes.to_vec())
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
