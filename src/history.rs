//! The last git change of every file, from one `git log` call for the whole
//! project (not one per page: 10,000 pages would mean 10,000 processes).
//!
//! A project outside a git checkout, or a machine without git, simply has no
//! history: pages then show only their 最終確認日.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use serde::Serialize;

/// The newest commit that touched a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Committer date, `YYYY-MM-DD`.
    pub date: String,
    /// Abbreviated commit hash.
    pub commit: String,
}

/// Path relative to the project root (`content/ops/online.md`) → its last change.
#[derive(Debug, Clone, Default)]
pub struct History {
    changes: HashMap<String, Change>,
}

/// Marks the start of a commit in the log output; file names never start with it.
const COMMIT_MARK: &str = "\u{1e}";

impl History {
    /// Asks git once for the history below `root`. Any failure means no history.
    pub fn load(root: &Path) -> History {
        let output = Command::new("git")
            .arg("-C")
            .arg(root)
            // Keep non-ASCII file names (日本語.md) unquoted.
            .args(["-c", "core.quotepath=off", "log", "--no-renames"])
            .arg(format!("--format={COMMIT_MARK}%h %cs"))
            .args(["--name-only", "--relative", "--", "."])
            .output();
        match output {
            Ok(out) if out.status.success() => {
                History::parse(&String::from_utf8_lossy(&out.stdout))
            }
            Ok(out) => {
                tracing::debug!(
                    "git の履歴はありません: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
                History::default()
            }
            Err(e) => {
                tracing::debug!("git を実行できません: {e}");
                History::default()
            }
        }
    }

    /// Parses `git log --format=<mark>%h %cs --name-only`: newest commit first, so
    /// the first commit naming a file is its last change.
    pub fn parse(log: &str) -> History {
        let mut changes = HashMap::new();
        let mut current: Option<Change> = None;
        for line in log.lines() {
            if let Some(header) = line.strip_prefix(COMMIT_MARK) {
                current = header.split_once(' ').map(|(commit, date)| Change {
                    date: date.trim().to_string(),
                    commit: commit.to_string(),
                });
            } else if !line.is_empty()
                && let Some(change) = &current
            {
                changes
                    .entry(line.to_string())
                    .or_insert_with(|| change.clone());
            }
        }
        History { changes }
    }

    /// The last change of a file, by its path relative to the project root.
    pub fn get(&self, path: &Path) -> Option<&Change> {
        self.changes.get(&crate::diagnostics::display_path(path))
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_commit_naming_a_file_is_its_last_change() {
        let log = "\u{1e}b2c3d4e 2026-12-01\n\ncontent/ops/online.md\n\n\u{1e}a1b2c3d 2026-11-01\n\ncontent/ops/online.md\ncontent/日本語.md\n";
        let h = History::parse(log);
        assert_eq!(
            h.get(Path::new("content/ops/online.md")).unwrap(),
            &Change {
                date: "2026-12-01".into(),
                commit: "b2c3d4e".into()
            }
        );
        assert_eq!(
            h.get(Path::new("content/日本語.md")).unwrap().commit,
            "a1b2c3d"
        );
        assert!(h.get(Path::new("content/none.md")).is_none());
    }

    #[test]
    fn a_directory_outside_git_has_no_history() {
        let dir = tempfile::tempdir().unwrap();
        assert!(History::load(dir.path()).is_empty());
    }
}
