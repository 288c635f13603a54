//! What each page's 改訂履歴 shows (the commits that changed its source, or the
//! data a generated page is made from), its HTML, and the part of its render key
//! that makes a new commit render the page again.

use std::collections::HashMap;

use crate::content::Content;
use crate::diagnostics::display_path;
use crate::escape::escape_into;
use crate::history::{ChangeAt, ChangeKind, Revision};
use crate::pages::GeneratedPage;
use crate::project::Project;

/// The 改訂履歴 of a generated page: the commits that changed its data.
pub fn of_generated(project: &Project, page: &GeneratedPage) -> Vec<Revision> {
    project.history.revisions_of(&page.sources)
}

/// The 改訂履歴 block of the Markdown page `index`. It is all a page shows of
/// the history, so it is also the history's part of the page's render key
/// (see [`super::keys`]): worked out once, for the key and the page.
pub fn page_block(project: &Project, index: usize) -> String {
    let source = &project.content.pages[index].source;
    html(&project.history.revisions(source), project.redacted)
}

/// The same for a generated page.
pub fn generated_block(project: &Project, page: &GeneratedPage) -> String {
    html(&of_generated(project, page), project.redacted)
}

/// The 改訂履歴 block at the end of a page, collapsed; empty without revisions.
/// Written here rather than by a template macro: it is on every page, and
/// putting the list into each page's template context cost more than the page.
/// Without author names in the redacted edition.
pub fn html(revisions: &[Revision], redacted: bool) -> String {
    if revisions.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(300 + revisions.len() * 200);
    out.push_str(&format!(
        "<details class=\"revisions\" data-nosearch>\n<summary><h2>改訂履歴（{} 件）</h2></summary>\n\
         <table><thead><tr><th>日付</th><th>コミット</th><th>内容</th>{}</tr></thead><tbody>\n",
        revisions.len(),
        if redacted { "" } else { "<th>更新者</th>" }
    ));
    for r in revisions {
        out.push_str("<tr><td>");
        out.push_str(&r.date);
        out.push_str("</td><td><code>");
        escape_into(&mut out, &r.commit);
        out.push_str("</code></td><td>");
        if r.kind != ChangeKind::Modified.label() {
            out.push_str("<span class=\"rev-kind\">");
            out.push_str(r.kind);
            out.push_str("</span> ");
        }
        out.push_str("<span class=\"rev-subject\">");
        escape_into(&mut out, &r.subject);
        out.push_str("</span>");
        if let Some(from) = &r.from {
            out.push_str(" <small class=\"rev-from\">（");
            escape_into(&mut out, from);
            out.push_str(" から）</small>");
        }
        out.push_str("</td>");
        if !redacted {
            out.push_str("<td class=\"rev-author\">");
            escape_into(&mut out, r.author.as_deref().unwrap_or(""));
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n</details>\n");
    out
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
