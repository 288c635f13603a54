//! The editions (版) of the handbook, for the 改訂履歴 of handbook.pdf and its
//! cover. A tag `handbook-v<version>` (for example `handbook-v1.2`) on a commit
//! closes edition 第1.2版 with every change of the handbook since the previous
//! tag. Changes after the last tag, or all of them when there is no tag, make
//! editions named by the date of their last commit (one per month without tags).

use chrono::{Datelike, NaiveDate};

use super::{Commit, History};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// `第1.2版`, or `令和9年4月28日版` for changes not tagged.
    pub label: String,
    /// The day of its last commit.
    pub date: NaiveDate,
    /// The subjects of the commits that changed the handbook, oldest first, once each.
    pub subjects: Vec<String>,
    /// Those commits, as indexes into [`History::commits`].
    pub commits: Vec<usize>,
    pub tagged: bool,
}

/// The text of the handbook: its pages and the data they show, not the records
/// (which the monthly reports cover) nor the tool.
pub fn is_handbook_source(path: &str) -> bool {
    let records = [
        format!(
            "{}/{}/",
            crate::data::DATA_DIR,
            crate::data::records::RECORDS_DIR
        ),
        format!(
            "{}/{}/",
            crate::data::DATA_DIR,
            crate::data::records::SLA_DIR
        ),
    ];
    super::is_page_source(path)
        || (path.starts_with(&format!("{}/", crate::data::DATA_DIR))
            && !records.iter().any(|r| path.starts_with(r.as_str())))
}

/// Every edition, oldest first.
pub fn editions(history: &History) -> Vec<Edition> {
    let changed = handbook_commits(history);
    let mut editions = Vec::new();
    let mut pending: Vec<(usize, &Commit)> = Vec::new();
    for (i, commit) in history.commits.iter().enumerate().rev() {
        if commit.boundary {
            continue;
        }
        if changed[i] {
            pending.push((i, commit));
        }
        if let Some(version) = commit.editions.last() {
            editions.push(Edition {
                label: format!("第{version}版"),
                date: commit.date,
                subjects: subjects(&pending),
                commits: pending.iter().map(|p| p.0).collect(),
                tagged: true,
            });
            pending.clear();
        }
    }
    let tagged = !editions.is_empty();
    let mut start = 0;
    while start < pending.len() {
        // Without tags, a month is an edition; after the last tag, all of it.
        let month = |c: &(usize, &Commit)| (c.1.date.year(), c.1.date.month());
        let end = if tagged {
            pending.len()
        } else {
            let m = month(&pending[start]);
            start
                + pending[start..]
                    .iter()
                    .take_while(|c| month(c) == m)
                    .count()
        };
        let last = pending[end - 1].1.date;
        editions.push(Edition {
            label: format!("{}版", crate::domain::wareki::format_date(last)),
            date: last,
            subjects: subjects(&pending[start..end]),
            commits: pending[start..end].iter().map(|p| p.0).collect(),
            tagged: false,
        });
        start = end;
    }
    editions
}

/// For each commit, whether it changed the handbook.
fn handbook_commits(history: &History) -> Vec<bool> {
    let mut changed = vec![false; history.commits.len()];
    for file in history.files.iter().filter(|f| is_handbook_source(&f.path)) {
        for c in &file.changes {
            changed[c.commit] = true;
        }
    }
    // A rename out of the handbook's folders still changed it.
    for file in &history.files {
        for c in &file.changes {
            if c.from.as_deref().is_some_and(is_handbook_source) {
                changed[c.commit] = true;
            }
        }
    }
    changed
}

fn subjects(commits: &[(usize, &Commit)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, c) in commits {
        if !out.contains(&c.subject) {
            out.push(c.subject.clone());
        }
    }
    out
}

/// The edition printed on the cover: the newest one.
pub fn current(editions: &[Edition]) -> Option<&Edition> {
    editions.last()
}
