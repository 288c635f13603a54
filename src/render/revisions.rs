//! What each page's 改訂履歴 shows (the commits that changed its source, or the
//! data a generated page is made from) and, serialised, the part of its render
//! key that makes a new commit render the page again.

use std::collections::HashMap;

use crate::content::Content;
use crate::diagnostics::display_path;
use crate::history::{ChangeAt, Revision, sources};
use crate::pages::GeneratedPage;
use crate::project::Project;

/// The 改訂履歴 of a generated page: the commits that changed its data.
pub fn of_generated(project: &Project, page: &GeneratedPage) -> Vec<Revision> {
    let is_file = |path: &str| project.root.join(path).is_file();
    project
        .history
        .revisions_of(&sources::of_generated(&page.url, &is_file))
}

/// What the Markdown page `index` shows of the project besides its own source
/// and what every page shares (see [`super::keys`]): its 改訂履歴.
pub fn page_extras(project: &Project, index: usize) -> Vec<u8> {
    let source = &project.content.pages[index].source;
    serde_json::to_vec(&project.history.revisions(source)).unwrap_or_default()
}

/// The same for a generated page.
pub fn generated_extras(project: &Project, page: &GeneratedPage) -> Vec<u8> {
    serde_json::to_vec(&of_generated(project, page)).unwrap_or_default()
}

/// Page titles by source path (`content/ops/online.md`), to name changed files.
pub struct PageTitles<'a>(HashMap<String, &'a str>);

impl<'a> PageTitles<'a> {
    pub fn new(content: &'a Content) -> Self {
        PageTitles(
            content
                .pages
                .iter()
                .map(|p| (display_path(&p.source), p.meta.title.as_str()))
                .collect(),
        )
    }

    /// The page's title, or the path of a file that is no page or no longer there.
    pub fn name(&self, change: &ChangeAt<'_>) -> String {
        let path = &change.file.path;
        match self.0.get(path) {
            Some(title) if change.file.exists => title.to_string(),
            _ => path.clone(),
        }
    }
}
