//! Reading the output of `git log -z --name-status -M` (see [`super::git`]) into
//! files followed through their renames.
//!
//! The log runs newest first, so a file is met under its present name before its
//! older ones: a rename `old → new` tells that, further back, `old` is the same
//! file; an addition tells that, further back, the name was another file's.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::git::EDITION_TAG_PREFIX;
use super::{ChangeKind, Commit, FileChange, FileHistory, History};

impl History {
    /// Parses the log of [`super::git`]. Pure, for tests with a literal log.
    pub fn parse(log: &str) -> History {
        let mut builder = Builder::default();
        let mut tokens = log
            .split('\0')
            .map(|t| t.trim_start_matches('\n'))
            .filter(|t| !t.is_empty());
        while let Some(token) = tokens.next() {
            if let Some(header) = token.strip_prefix('\u{1e}') {
                builder.commit(header);
                continue;
            }
            let Some(path) = tokens.next() else { break };
            match token.as_bytes()[0] {
                b'R' => {
                    let Some(new) = tokens.next() else { break };
                    builder.renamed(path, new);
                }
                b'C' => {
                    let Some(new) = tokens.next() else { break };
                    builder.change(new, ChangeKind::Added, None);
                }
                b'A' => builder.change(path, ChangeKind::Added, None),
                b'D' => builder.change(path, ChangeKind::Deleted, None),
                _ => builder.change(path, ChangeKind::Modified, None),
            }
        }
        let mut history = builder.finish();
        history.fingerprint = crate::fingerprint::Fingerprint::of(log.as_bytes());
        history
    }
}

#[derive(Default)]
struct Builder {
    history: History,
    /// What each name means at the point the walk has reached.
    names: HashMap<String, usize>,
    /// The commit being read, if its header parsed.
    current: Option<usize>,
}

impl Builder {
    fn commit(&mut self, header: &str) {
        self.current = parse_header(header).map(|commit| {
            self.history.commits.push(commit);
            self.history.commits.len() - 1
        });
    }

    /// The file a name stands for, created when the name is new: a file first
    /// met as deleted is gone; any other exists now under that name.
    fn file(&mut self, path: &str, kind: ChangeKind) -> usize {
        if let Some(&i) = self.names.get(path) {
            return i;
        }
        let history = &mut self.history;
        let exists = kind != ChangeKind::Deleted && !history.by_path.contains_key(path);
        history.files.push(FileHistory {
            path: path.to_string(),
            exists,
            changes: Vec::new(),
        });
        let i = history.files.len() - 1;
        if exists {
            history.by_path.insert(path.to_string(), i);
        }
        self.names.insert(path.to_string(), i);
        i
    }

    fn change(&mut self, path: &str, kind: ChangeKind, from: Option<String>) {
        let Some(commit) = self.current else { return };
        let i = self.file(path, kind);
        self.history.files[i]
            .changes
            .push(FileChange { commit, kind, from });
        if kind == ChangeKind::Added {
            // Before its addition, the name was some other file's.
            self.names.remove(path);
        }
    }

    fn renamed(&mut self, old: &str, new: &str) {
        if self.current.is_none() {
            return;
        }
        let i = self.file(new, ChangeKind::Renamed);
        self.change(new, ChangeKind::Renamed, Some(old.to_string()));
        self.names.remove(new);
        self.names.insert(old.to_string(), i);
    }

    fn finish(mut self) -> History {
        if let Some(oldest) = self.history.commits.iter().find(|c| c.boundary) {
            self.history.notice = Some(format!(
                "浅い clone（shallow clone）のため、{} より前の改訂履歴はありません（`git fetch --unshallow` で全履歴を取得できます）",
                oldest.date
            ));
        }
        self.history
    }
}

/// `short␟date␟time␟author␟decorations␟subject`.
fn parse_header(header: &str) -> Option<Commit> {
    let mut fields = header.splitn(6, '\u{1f}');
    let short = fields.next()?.to_string();
    let date = NaiveDate::parse_from_str(fields.next()?, "%Y-%m-%d").ok()?;
    let time = fields.next()?.parse().ok()?;
    let author = fields.next()?.trim().to_string();
    let decorations = fields.next()?;
    let subject = fields.next()?.trim().to_string();
    let mut editions = Vec::new();
    let mut boundary = false;
    for d in decorations.split(", ").map(str::trim) {
        if d == "grafted" {
            boundary = true;
        } else if let Some(version) = d
            .strip_prefix("tag: ")
            .and_then(|t| t.strip_prefix(EDITION_TAG_PREFIX))
            .filter(|v| is_version(v))
        {
            editions.push(version.to_string());
        }
    }
    Some(Commit {
        short,
        date,
        time,
        author,
        subject,
        editions,
        boundary,
    })
}

/// `1`, `1.2`, `2.0.1`: numbers separated by dots.
fn is_version(v: &str) -> bool {
    !v.is_empty()
        && v.split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}
