//! The site `serve` shows, kept in memory and brought up to date after each
//! change: one page alone when only its body changed, otherwise a full load with
//! every page whose render key is unchanged kept from the last build.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::content::{CONTENT_DIR, parse_page, update};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::project::{LoadOptions, Project};
use crate::render::html::{Html, SITE_DIR};
use crate::render::{MemoryFile, MemoryFiles, MemorySink, Renderer};
use crate::search::{self, IndexedPage};

pub struct Site {
    root: PathBuf,
    /// The last project that loaded and rendered without errors, and its renderer.
    loaded: Option<(Project, Html)>,
    /// The files of the last good build (below `site/`), served while a later
    /// build fails so that its stylesheet still loads.
    files: MemoryFiles,
    /// Pages (URLs below `site/`) rendered alone since the search index was
    /// last made: the index still has their old text.
    search_stale: BTreeSet<String>,
}

/// What a rebuild did, for the log line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rebuilt {
    /// Only these pages were rendered again.
    Pages(Vec<String>),
    /// The project was loaded again.
    Full,
}

impl Site {
    pub fn new(root: &Path) -> Site {
        Site {
            root: root.to_path_buf(),
            loaded: None,
            files: MemoryFiles::new(),
            search_stale: BTreeSet::new(),
        }
    }

    pub fn files(&self) -> &MemoryFiles {
        &self.files
    }

    /// Brings the site up to date after `changed` (paths below the root), taking
    /// the quick way when every change is the body of a loaded page.
    pub fn rebuild(&mut self, changed: &[String]) -> Result<Rebuilt, Diagnostics> {
        if let Some(pages) = self.rebuild_pages(changed) {
            return Ok(Rebuilt::Pages(pages));
        }
        self.rebuild_all().map(|_| Rebuilt::Full)
    }

    /// Loads and renders everything; a page whose key did not change keeps its
    /// HTML from the last build instead of being rendered again.
    pub fn rebuild_all(&mut self) -> Result<Duration, Diagnostics> {
        let started = Instant::now();
        let project = Project::load(&LoadOptions {
            root: self.root.clone(),
            history_cache: None,
            git_state: None,
        });
        let project = match project {
            Ok(p) => p,
            Err(diags) => {
                self.loaded = None;
                return Err(diags);
            }
        };
        for warning in project.warnings.iter() {
            tracing::warn!("{warning}");
        }
        let html = Html::new(&self.root).inspect_err(|_| self.loaded = None)?;
        let sink = MemorySink::reusing(self.files.clone());
        if let Err(err) = html.render(&project, &sink) {
            self.loaded = None;
            return Err(to_diagnostics(err));
        }
        self.files = sink.into_memory_files();
        self.loaded = Some((project, html));
        self.search_stale.clear();
        Ok(started.elapsed())
    }

    /// Re-renders the changed pages alone, if every change is a Markdown page
    /// whose front matter, headings and links are as they were. `None` when the
    /// project must be loaded again.
    fn rebuild_pages(&mut self, changed: &[String]) -> Option<Vec<String>> {
        let Site {
            root,
            loaded,
            files,
            search_stale,
        } = self;
        let (project, html) = loaded.as_mut()?;
        let allow_raw_html = project.config.markdown.allow_raw_html;
        let mut rendered = Vec::new();
        for path in changed {
            let rel = path.strip_prefix(CONTENT_DIR)?.strip_prefix('/')?;
            if !rel.ends_with(".md") {
                return None;
            }
            let shown = Path::new(path);
            let text = crate::fs::read_text(&root.join(shown), shown).ok()?;
            let vars = crate::content::Vars::new(project.config.schedule.texts());
            let page = parse_page(&text, rel, &vars).ok()?;
            let index = update::replace_body(&mut project.content, page, allow_raw_html)?;
            // A template error on this page: the full build reports it properly.
            let page = html.render_single(project, index).ok()?;
            let file = MemoryFile {
                key: Some(page.key),
                bytes: page.html.into_bytes().into(),
            };
            let url = page.rel.strip_prefix(SITE_DIR).ok()?.to_string_lossy();
            search_stale.insert(url.replace('\\', "/"));
            files.insert(page.rel, file);
            rendered.push(path.clone());
        }
        (!rendered.is_empty()).then_some(rendered)
    }
}

impl Site {
    pub fn search_is_stale(&self) -> bool {
        !self.search_stale.is_empty()
    }

    /// Makes the search index again with the current text of the pages rendered
    /// alone; the other pages' texts are read back from the index.
    pub fn refresh_search(&mut self) {
        let site = Path::new(SITE_DIR);
        let stale = std::mem::take(&mut self.search_stale);
        let files = &self.files;
        let read = |path: &str| {
            files
                .get(&site.join(path))
                .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        };
        let Some(mut docs) = search::read_docs(read) else {
            return;
        };
        for (url, doc) in &mut docs {
            let page = stale
                .contains(url)
                .then(|| files.get(&site.join(&*url)))
                .flatten();
            if let Some(text) =
                page.and_then(|f| search::extract(&String::from_utf8_lossy(&f.bytes)))
            {
                *doc = text;
            }
        }
        let indexed: Vec<IndexedPage> = docs
            .iter()
            .map(|(url, doc)| IndexedPage { url, doc })
            .collect();
        let (scripts, _) = search::build_index(&indexed);
        let dir = site.join(search::INDEX_DIR);
        self.files.retain(|rel, _| !rel.starts_with(&dir));
        for script in scripts {
            let file = MemoryFile {
                key: None,
                bytes: script.script.into_bytes().into(),
            };
            self.files.insert(site.join(&script.path), file);
        }
    }
}

fn to_diagnostics(err: Error) -> Diagnostics {
    match err {
        Error::Problems(d) => d,
        other => Diagnostic::global(other.to_string()).into(),
    }
}
