//! The project's revision history from git: every commit that changed a file,
//! read with one `git log` for the whole build (not one per page: 10,000 pages
//! would mean 10,000 processes), renames followed, so a page that moved keeps
//! its history and a deleted page is still known.
//!
//! Outside a git checkout, without git, or in a shallow clone the history is
//! empty or cut short, and [`History::notice`] says so once for the build.

pub mod editions;
mod git;
mod parse;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::fingerprint::Fingerprint;

pub use git::{EDITION_TAG_PREFIX, GitState, cache_file};

/// The newest commit that touched a file (the 最終更新 of a page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Committer date, `YYYY-MM-DD`.
    pub date: String,
    /// Abbreviated commit hash.
    pub commit: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// Abbreviated hash.
    pub short: String,
    /// Committer date, in the committer's time zone.
    pub date: NaiveDate,
    /// Committer time, seconds since 1970.
    pub time: i64,
    /// The git author name; empty in the redacted edition (it is personal).
    pub author: String,
    /// The first line of the message, as the author wrote it (user text).
    pub subject: String,
    /// The handbook editions tagged on this commit (`handbook-v1.2` → `1.2`).
    pub editions: Vec<String>,
    /// The oldest commit of a shallow clone: git lists every file in it as
    /// added, so its changes say nothing and are left out.
    pub boundary: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Added,
    Modified,
    Renamed,
    Deleted,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Added => "追加",
            ChangeKind::Modified => "更新",
            ChangeKind::Renamed => "移動",
            ChangeKind::Deleted => "削除",
        }
    }
}

/// One commit's change of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Index into [`History::commits`].
    pub commit: usize,
    pub kind: ChangeKind,
    /// The path before a rename.
    pub from: Option<String>,
}

/// One file through its renames: its path now (or, once deleted, its last path)
/// and every change, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileHistory {
    pub path: String,
    /// Still in the newest commit.
    pub exists: bool,
    pub changes: Vec<FileChange>,
}

/// A change with its file (and the file's index in [`History::files`]) and commit.
#[derive(Debug, Clone, Copy)]
pub struct ChangeAt<'a> {
    pub index: usize,
    pub file: &'a FileHistory,
    pub change: &'a FileChange,
    pub commit: &'a Commit,
}

/// A line of a page's 改訂履歴.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Revision {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub commit: String,
    pub subject: String,
    /// None in the redacted edition.
    pub author: Option<String>,
    /// 追加, 更新, 移動 or 削除.
    pub kind: &'static str,
    /// The path before a rename.
    pub from: Option<String>,
}

/// A history being read ([`History::spawn`]).
pub struct Loading(std::thread::JoinHandle<History>);

impl Loading {
    /// The history; an empty one if the thread failed.
    pub fn wait(self) -> History {
        self.0.join().unwrap_or_default()
    }
}

#[derive(Debug, Clone, Default)]
pub struct History {
    /// Newest first.
    commits: Vec<Commit>,
    files: Vec<FileHistory>,
    /// Paths of the files that exist now → their entry in `files`.
    by_path: HashMap<String, usize>,
    /// What is missing, said once per build.
    notice: Option<String>,
    /// A hash of the whole log git gave: the same for the same history.
    fingerprint: Fingerprint,
    /// The log just read from git, to keep for the next build.
    to_cache: Option<Arc<git::CachedLog>>,
}

impl History {
    /// Asks git once for the history below `root`. Any failure means an empty
    /// history with a notice.
    pub fn load(root: &Path) -> History {
        git::read_log(root, None, None)
    }

    /// Starts reading the history on a thread of its own (git reads a long
    /// history while the project's pages are read). With `cache` (a file of
    /// the build's output, see [`cache_file`]), the log kept there is used when
    /// the repository is in the same state, and no `git log` runs. With
    /// `state`, the repository is not asked for it again.
    pub fn spawn(root: &Path, cache: Option<PathBuf>, state: Option<GitState>) -> Loading {
        let root = root.to_path_buf();
        Loading(std::thread::spawn(move || {
            git::read_log(&root, cache.as_deref(), state)
        }))
    }

    /// A history with nothing in it and why.
    fn unavailable(notice: String) -> History {
        History {
            notice: Some(notice),
            ..History::default()
        }
    }

    /// What the history lacks (no git, not a checkout, a shallow clone), for one
    /// line in the build's log.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    pub fn is_empty(&self) -> bool {
        self.commits.is_empty()
    }

    /// Changes exactly when the history does (the log git gave is hashed), so
    /// an output made from the whole history can be kept without reading it.
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    /// Every commit, newest first.
    pub fn commits(&self) -> &[Commit] {
        &self.commits
    }

    /// Every file ever changed, the deleted ones included.
    pub fn files(&self) -> &[FileHistory] {
        &self.files
    }

    /// The history of the file at `path` now (relative to the project root).
    pub fn file(&self, path: &Path) -> Option<&FileHistory> {
        let key = crate::diagnostics::display_path(path);
        self.by_path.get(&key).map(|&i| &self.files[i])
    }

    /// Changes that say something: not those of a shallow clone's boundary commit.
    fn real_changes<'a>(&'a self, file: &'a FileHistory) -> impl Iterator<Item = &'a FileChange> {
        file.changes
            .iter()
            .filter(|c| !self.commits[c.commit].boundary)
    }

    /// The last change of a file, by its path relative to the project root.
    pub fn last_change(&self, path: &Path) -> Option<Change> {
        let file = self.file(path)?;
        let change = self.real_changes(file).next()?;
        let commit = &self.commits[change.commit];
        Some(Change {
            date: commit.date.to_string(),
            commit: commit.short.clone(),
        })
    }

    /// The 改訂履歴 of one file, newest first.
    pub fn revisions(&self, path: &Path) -> Vec<Revision> {
        self.file(path).map_or_else(Vec::new, |file| {
            self.real_changes(file)
                .map(|c| self.revision(c.commit, c.kind, c.from.clone()))
                .collect()
        })
    }

    /// The 改訂履歴 of a page made from several files (`sources`, each a file
    /// path or a folder ending in `/`): every commit that changed one of them
    /// while it exists, newest first, once each.
    pub fn revisions_of(&self, sources: &[String]) -> Vec<Revision> {
        let matches = |path: &str| {
            sources
                .iter()
                .any(|s| path == s || (s.ends_with('/') && path.starts_with(s.as_str())))
        };
        let mut hits: Vec<(usize, ChangeKind, Option<String>)> = Vec::new();
        for file in self.files.iter().filter(|f| f.exists && matches(&f.path)) {
            for c in self.real_changes(file) {
                hits.push((c.commit, c.kind, c.from.clone()));
            }
        }
        hits.sort_by_key(|h| h.0);
        let mut out: Vec<Revision> = Vec::new();
        let mut last = None;
        for (commit, kind, from) in hits {
            if last == Some(commit) {
                // Several files in one commit: the page was updated.
                if let Some(r) = out.last_mut() {
                    r.kind = ChangeKind::Modified.label();
                    r.from = None;
                }
                continue;
            }
            last = Some(commit);
            out.push(self.revision(commit, kind, from));
        }
        out
    }

    fn revision(&self, commit: usize, kind: ChangeKind, from: Option<String>) -> Revision {
        let c = &self.commits[commit];
        Revision {
            date: c.date.to_string(),
            commit: c.short.clone(),
            subject: c.subject.clone(),
            author: (!c.author.is_empty()).then(|| c.author.clone()),
            kind: kind.label(),
            from,
        }
    }

    /// Every change made between `from` and `to` (inclusive), newest first.
    pub fn changes_between(&self, from: NaiveDate, to: NaiveDate) -> Vec<ChangeAt<'_>> {
        let mut out: Vec<ChangeAt<'_>> = self
            .files
            .iter()
            .enumerate()
            .flat_map(|(index, file)| {
                self.real_changes(file).map(move |change| ChangeAt {
                    index,
                    file,
                    change,
                    commit: &self.commits[change.commit],
                })
            })
            .filter(|c| (from..=to).contains(&c.commit.date))
            .collect();
        out.sort_by(|a, b| {
            (a.change.commit.cmp(&b.change.commit)).then(a.file.path.cmp(&b.file.path))
        });
        out
    }

    /// How many Markdown pages were added, changed, moved or removed in fiscal
    /// year `fiscal_year` (April to March): the figure the annual report gives
    /// as the year's 改訂ページ数.
    pub fn revised_pages_in_fiscal_year(&self, fiscal_year: i32) -> usize {
        let fy = crate::domain::wareki::FiscalYear(fiscal_year);
        let mut pages = std::collections::HashSet::new();
        for c in self.changes_between(fy.start(), fy.end()) {
            if is_page_source(&c.file.path) {
                pages.insert(c.index);
            }
        }
        pages.len()
    }

    /// The distinct author names, for the redacted edition's guard.
    pub fn authors(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .commits
            .iter()
            .map(|c| c.author.as_str())
            .filter(|a| !a.is_empty())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// This history for the redacted edition: no author names, and `mask` applied
    /// to the subjects (which may name a person).
    pub fn redacted(&self, mask: &dyn Fn(&str) -> String) -> History {
        let mut history = self.clone();
        for commit in &mut history.commits {
            commit.author.clear();
            commit.subject = mask(&commit.subject);
        }
        history
    }
}

/// A Markdown page below `content/`.
pub fn is_page_source(path: &str) -> bool {
    path.strip_prefix(crate::content::CONTENT_DIR)
        .is_some_and(|rest| rest.starts_with('/') && rest.ends_with(".md"))
}

#[cfg(test)]
mod tests;
