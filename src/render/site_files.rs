//! The steps of writing the site around the pages themselves: each page's file
//! with its search text, the search index built from those texts, and the
//! static files and content assets copied as they are.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use super::search_cache::{self, PageText};
use super::{Sink, html};
use crate::content::CONTENT_DIR;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::fingerprint::Fingerprint;
use crate::project::Project;
use crate::search;

/// Writes pages below `site/`, skipping those the sink keeps from the previous
/// build. Search text is taken from each page as it is written, so every page
/// the site has (Markdown, generated, records to come) is searchable; a page
/// kept from the previous build has its text in the search cache.
pub(super) struct PageWriter<'a> {
    pub site: &'a Path,
    pub sink: &'a dyn Sink,
    kept: AtomicUsize,
    /// CPU time spent extracting search text, summed over the threads.
    extract_nanos: AtomicU64,
}

impl<'a> PageWriter<'a> {
    pub fn new(site: &'a Path, sink: &'a dyn Sink) -> Self {
        PageWriter {
            site,
            sink,
            kept: AtomicUsize::new(0),
            extract_nanos: AtomicU64::new(0),
        }
    }

    /// Renders and writes the page at `url` unless the sink keeps it under `key`.
    pub fn write(
        &self,
        url: &str,
        key: Fingerprint,
        render: &mut dyn FnMut() -> Result<String, Diagnostic>,
    ) -> Result<PageText, Error> {
        let rel = self.site.join(url);
        let doc = if self.sink.keep(&rel, key)? {
            self.kept.fetch_add(1, Ordering::Relaxed);
            None
        } else {
            let html = render().map_err(|d| Error::Problems(d.into()))?;
            let started = Instant::now();
            let doc = search::extract(&html);
            let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
            self.extract_nanos.fetch_add(nanos, Ordering::Relaxed);
            self.sink.write_keyed(&rel, key, html.as_bytes())?;
            Some(doc)
        };
        Ok(PageText {
            url: url.to_string(),
            key,
            doc,
        })
    }

    /// Reports the kept pages and gathers the pages' texts; every page's
    /// problems are reported together, an I/O error stops at once.
    pub fn finish(&self, results: Vec<Result<PageText, Error>>) -> Result<Vec<PageText>, Error> {
        let kept = self.kept.load(Ordering::Relaxed);
        if kept > 0 {
            tracing::info!("site: {kept} ページは入力が変わっていないため前回のまま");
        }
        let mut diags = Diagnostics::new();
        let mut texts = Vec::with_capacity(results.len());
        for result in results {
            match result {
                Ok(text) => texts.push(text),
                Err(Error::Problems(d)) => diags.extend(d),
                Err(other) => return Err(other),
            }
        }
        if !diags.is_empty() {
            return Err(Error::Problems(diags.sorted()));
        }
        Ok(texts)
    }

    /// Writes the search index from the pages' texts (unless no page changed).
    pub fn write_search_index(&self, texts: Vec<PageText>) -> Result<(), Error> {
        if let Some(stats) = search_cache::write_index(texts, self.sink, self.site)? {
            // With -v: `check` renders into memory too, and should print problems only.
            tracing::debug!(
                "検索索引: {} ページ・{} 節・{} 種の 2 文字組、{} ファイル計 {} KB（最大 {} KB）（抽出 {:.2} 秒（CPU 合計）、構築 {:.2} 秒）",
                stats.pages,
                stats.sections,
                stats.bigrams,
                stats.files,
                stats.bytes / 1024,
                stats.largest / 1024,
                self.extract_nanos.load(Ordering::Relaxed) as f64 / 1e9,
                stats.seconds
            );
        }
        Ok(())
    }
}

/// Copies the templates' static files to `site/assets/` and the content's
/// assets (images, attachments) to their place below `site/`. Returns the
/// number of files written.
pub(super) fn copy_static(project: &Project, sink: &dyn Sink, site: &Path) -> Result<usize, Error> {
    let static_dir = project
        .root
        .join(html::TEMPLATES_DIR)
        .join(html::STATIC_DIR);
    let mut files = copy_dir(&static_dir, sink, &site.join("assets"))?;
    files += write_bundle(&static_dir, sink, site)?;
    for asset in &project.content.assets {
        let from: PathBuf = project.root.join(CONTENT_DIR).join(asset);
        let bytes = std::fs::read(&from).map_err(|e| Error::io(&from, e))?;
        sink.write(&site.join(asset), &bytes)?;
        files += 1;
    }
    Ok(files)
}

/// The scripts every page runs after it is parsed, in this order: the loader
/// of the 更新履歴 data, the navigation's marks that use it, and search.
const BUNDLED: [&str; 3] = ["changes-data.js", "nav-mark.js", "search.js"];

/// Where every page loads [`BUNDLED`] from, with one `<script>` element
/// (templates/base.html): three elements on each of 10,000 pages were 2 MB.
pub const BUNDLE: &str = "assets/site.js";

/// Writes [`BUNDLE`], from the static files that exist; 0 files when none does
/// (a project's own templates without them).
fn write_bundle(static_dir: &Path, sink: &dyn Sink, site: &Path) -> Result<usize, Error> {
    let mut bundle = Vec::new();
    for name in BUNDLED {
        let path = static_dir.join(name);
        match std::fs::read(&path) {
            Ok(bytes) => {
                bundle.extend_from_slice(&bytes);
                // A file without a final newline must not run into the next one.
                bundle.extend_from_slice(b"\n;\n");
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
    if bundle.is_empty() {
        return Ok(0);
    }
    sink.write(&site.join(BUNDLE), &bundle)?;
    Ok(1)
}

/// Copies a directory of static files into the sink; a missing directory is empty.
fn copy_dir(src: &Path, sink: &dyn Sink, dest: &Path) -> Result<usize, Error> {
    let mut count = 0;
    if !src.is_dir() {
        return Ok(0);
    }
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(src, std::io::Error::other(e)))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(src).unwrap_or(entry.path());
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        sink.write(&dest.join(rel), &bytes)?;
        count += 1;
    }
    Ok(count)
}
