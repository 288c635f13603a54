//! Watching the project's inputs (`content/`, `data/`, `templates/`,
//! `tebiki.yaml`) and handing over each burst of changes once it has settled.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::error::Error;

/// An editor's save is several events (truncate, write, rename, close); the
/// rebuild waits until none has come for this long.
const QUIET: Duration = Duration::from_millis(25);
/// …but not longer than this, while files keep changing (a `git checkout`).
const MAX_WAIT: Duration = Duration::from_millis(500);

/// What [`Watcher::next`] saw.
pub enum Next {
    Changes(Vec<String>),
    Idle,
    Stopped,
}

const WATCHED_DIRS: [&str; 3] = ["content", "data", "templates"];
const WATCHED_FILE: &str = crate::config::CONFIG_FILE;

pub struct Watcher {
    root: PathBuf,
    rx: Receiver<notify::Result<notify::Event>>,
    // Dropping it stops the events.
    _watcher: notify::RecommendedWatcher,
}

impl Watcher {
    pub fn new(root: &Path) -> Result<Watcher, Error> {
        let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
        let (tx, rx) = channel();
        let mut watcher = notify::recommended_watcher(tx).map_err(watch_error)?;
        // The root itself only for tebiki.yaml: output/ and target/ live there too.
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(watch_error)?;
        for dir in WATCHED_DIRS {
            let path = root.join(dir);
            if path.is_dir() {
                watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(watch_error)?;
            }
        }
        Ok(Watcher {
            root,
            rx,
            _watcher: watcher,
        })
    }

    /// Blocks until inputs change, then returns every changed path (relative to
    /// the root, `/`-separated) once the burst has settled; [`Next::Idle`] when
    /// nothing changed for `idle`, if given.
    pub fn next(&self, idle: Option<Duration>) -> Next {
        let mut changed = BTreeSet::new();
        while changed.is_empty() {
            let event = match idle {
                None => match self.rx.recv() {
                    Ok(event) => event,
                    Err(_) => return Next::Stopped,
                },
                Some(idle) => match self.rx.recv_timeout(idle) {
                    Ok(event) => event,
                    Err(RecvTimeoutError::Timeout) => return Next::Idle,
                    Err(RecvTimeoutError::Disconnected) => return Next::Stopped,
                },
            };
            self.take(event, &mut changed);
        }
        let started = Instant::now();
        while started.elapsed() < MAX_WAIT {
            match self.rx.recv_timeout(QUIET) {
                Ok(event) => self.take(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return Next::Stopped,
            }
        }
        Next::Changes(changed.into_iter().collect())
    }

    fn take(&self, event: notify::Result<notify::Event>, changed: &mut BTreeSet<String>) {
        let event = match event {
            Ok(e) => e,
            Err(e) => {
                tracing::warn!("ファイルの監視でエラー: {e}");
                return;
            }
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in &event.paths {
            if let Some(rel) = input_path(&self.root, path) {
                changed.insert(rel);
            }
        }
    }
}

/// `path` relative to the root if it is one of the watched inputs; editors'
/// hidden swap files and `~` backups are not.
fn input_path(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let rel = rel.to_str()?.replace('\\', "/");
    let name = rel.rsplit('/').next()?;
    if name.starts_with('.') || name.ends_with('~') || name.is_empty() {
        return None;
    }
    let top = rel.split('/').next()?;
    (rel == WATCHED_FILE
        || (WATCHED_DIRS.contains(&top) && rel != top)
        || WATCHED_DIRS.contains(&rel.as_str()))
    .then_some(rel)
}

fn watch_error(e: notify::Error) -> Error {
    Error::Environment(format!("ファイルの変更を監視できません: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inputs_count_as_changes() {
        let root = Path::new("/p");
        let rel = |p: &str| input_path(root, &root.join(p));
        assert_eq!(rel("content/a.md"), Some("content/a.md".into()));
        assert_eq!(rel("tebiki.yaml"), Some("tebiki.yaml".into()));
        assert_eq!(
            rel("templates/static/style.css"),
            Some("templates/static/style.css".into())
        );
        assert_eq!(rel("output/site/index.html"), None);
        assert_eq!(rel("content/.a.md.swp"), None);
        assert_eq!(rel("content/a.md~"), None);
        assert_eq!(rel("README.md"), None);
    }
}
