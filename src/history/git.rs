//! Running git for the whole project: one `git rev-parse` that names the state
//! of the repository (HEAD, the edition tags, a shallow clone's boundary), and
//! one `git log` unless the build's cache holds the log of that very state.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

use super::History;

/// Tags that name an edition (版) of the handbook: `handbook-v1.2` is 第1.2版.
pub const EDITION_TAG_PREFIX: &str = "handbook-v";

/// The log, one record per commit: a header (`\x1e` + fields separated by
/// `\x1f`), then with `-z` the changed files as NUL-separated `status path`
/// (renames `R<score> old new`). `-M` follows renames; `%D` with the tag filter
/// gives the edition tags, and `grafted` on a shallow clone's oldest commit.
const GIT_LOG_ARGS: [&str; 7] = [
    "log",
    "-z",
    "--name-status",
    "-M",
    "--format=%x1e%h%x1f%cs%x1f%ct%x1f%an%x1f%D%x1f%s",
    "--decorate-refs=refs/tags/handbook-v*",
    "--no-color",
];

/// What the log is a function of: the project's folder in the repository, the
/// commit checked out, the edition tags and whether (and where) the clone is
/// cut short. Together with the log's own arguments, the cache's key.
const STATE_ARGS: [&str; 6] = [
    "rev-parse",
    "--show-prefix",
    "--git-common-dir",
    "--is-shallow-repository",
    "HEAD",
    "--glob=refs/tags/handbook-v*",
];

/// A log read from git, with the state it belongs to, for the build's cache.
#[derive(Debug)]
pub(super) struct CachedLog {
    key: String,
    log: String,
}

pub(super) fn read_log(root: &Path, cache: Option<&Path>, known: Option<GitState>) -> History {
    let known = known.map_or_else(|| state(root), |s| s.0);
    let Repo { key, at_top } = match known {
        Ok(repo) => repo,
        Err(notice) => return History::unavailable(notice),
    };
    if let Some(log) = cache.and_then(|c| cached(c, &key)) {
        return checked(History::parse(&log));
    }
    // A project in a folder of the repository reads that folder's history, with
    // paths relative to it. At the top, no path is given: the log is the same
    // and git is a third faster without one.
    let folder: &[&str] = if at_top {
        &[]
    } else {
        &["--relative", "--", "."]
    };
    let output = git(root, &GIT_LOG_ARGS, folder);
    match output {
        Ok(out) if out.status.success() => {
            let log = String::from_utf8_lossy(&out.stdout).into_owned();
            let mut history = checked(History::parse(&log));
            if !history.is_empty() {
                history.to_cache = Some(Arc::new(CachedLog { key, log }));
            }
            history
        }
        Ok(out) => History::unavailable(unreadable(&out)),
        Err(e) => History::unavailable(no_git(&e)),
    }
}

fn git(root: &Path, args: &[&str], after: &[&str]) -> std::io::Result<Output> {
    Command::new("git")
        .arg("-C")
        .arg(root)
        // A user's configuration must not change the format git writes.
        .args(["-c", "log.showSignature=false"])
        .args(args)
        .args(after)
        .output()
}

/// The state of the repository the history is read from (or why there is no
/// history), asked once per build: the build's up-to-date check compares it,
/// and the history is read for it.
#[derive(Debug, Clone)]
pub struct GitState(Result<Repo, String>);

/// A repository's state, as far as the history depends on it.
#[derive(Debug, Clone)]
struct Repo {
    /// One line naming the state: the log's cache key.
    key: String,
    /// The project is the repository's top folder (no `git rev-parse --show-prefix`).
    at_top: bool,
}

impl GitState {
    pub fn read(root: &Path) -> GitState {
        GitState(state(root))
    }

    /// One line that differs when the state does.
    pub fn key(&self) -> &str {
        match &self.0 {
            Ok(repo) => &repo.key,
            Err(notice) => notice,
        }
    }
}

/// The repository's present state, or why there is no history.
fn state(root: &Path) -> Result<Repo, String> {
    let out = git(root, &STATE_ARGS, &[]).map_err(|e| no_git(&e))?;
    if !out.status.success() {
        return Err(unreadable(&out));
    }
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut lines = text.lines();
    let prefix = lines.next().unwrap_or_default();
    let common_dir = lines.next().map(|d| root.join(d)).unwrap_or_default();
    let at_top = prefix.is_empty();
    // The prefix is in `text`: a project in a folder has another key.
    let mut key = format!("{}\n{}", GIT_LOG_ARGS.join(" "), text);
    if lines.next() == Some("true") {
        // A deepened clone has the same HEAD and a different boundary.
        let shallow = std::fs::read_to_string(common_dir.join("shallow")).unwrap_or_default();
        key.push_str(&shallow);
    }
    // One line: the cache file is the key's line, then the log.
    Ok(Repo {
        key: key.replace('\n', "\u{1f}"),
        at_top,
    })
}

fn checked(history: History) -> History {
    if history.is_empty() {
        return History::unavailable(
            "git の履歴にこのプロジェクトのコミットがないため、改訂履歴はありません".to_string(),
        );
    }
    history
}

fn unreadable(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    let reason = stderr.lines().next().unwrap_or("").trim().to_string();
    format!("git の履歴を読めないため、改訂履歴・更新履歴はありません（{reason}）")
}

fn no_git(e: &std::io::Error) -> String {
    format!("git を実行できないため、改訂履歴・更新履歴はありません（{e}）")
}

/// The cached log, when the cache was written for `key`.
fn cached(path: &Path, key: &str) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let (first, log) = text.split_once('\n')?;
    (first == key).then(|| log.to_string())
}

/// Where `build` keeps the last log it read, in its output directory.
pub fn cache_file(output: &Path) -> PathBuf {
    output.join(".tebiki-git-log")
}

impl History {
    /// Writes the log read from git to `path` for the next build (after the
    /// build succeeded); nothing when it came from there or there is none.
    pub fn save_cache(&self, path: &Path) -> Result<(), crate::error::Error> {
        match &self.to_cache {
            Some(c) => crate::fs::write_atomic(path, format!("{}\n{}", c.key, c.log).as_bytes()),
            None => Ok(()),
        }
    }
}
