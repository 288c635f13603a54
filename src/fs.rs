//! Every file read and write, with the path in the error, and the staged output
//! directory that keeps a failed build from touching the previous `output/`
//! and keeps unchanged files from the previous build.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Location, display_path};
use crate::error::Error;
use crate::fingerprint::Fingerprint;
use crate::manifest::{Entry, MANIFEST_FILE, Manifest, Stamp, UPTODATE_FILE, top_level};

/// Reads a text file of the project. `shown` is the path as the user sees it
/// (relative to the root). A BOM and CRLF line ends are accepted
/// ([`crate::encoding::decode_input`]); text that is not UTF-8 is reported at
/// its line and column, naming the encoding when it is Shift_JIS or UTF-16.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    decode_text(fs::read(path), shown)
}

/// [`read_text`] of bytes already read (or not).
pub fn decode_text(read: std::io::Result<Vec<u8>>, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = read.map_err(|e| {
        Diagnostic::error(
            Location::file(shown),
            format!("ファイルを読み込めません: {e}"),
        )
    })?;
    crate::encoding::decode_input(bytes)
        .map_err(|e| Diagnostic::error(Location::new(shown, e.line, e.col), e.message()))
}

/// Threads that read many files at once: a read of a file the page cache no
/// longer holds waits for the disk, and with one reader a core these waits
/// left the cores idle for a quarter of the loading time of 10,000 pages (on
/// a VM that dropped cached pages within seconds, as a fresh checkout has none).
const READERS: usize = 8;

/// Reads the files `paths` on [`READERS`] threads; `f` makes each file's
/// bytes (given with the file's position in `paths`) into what the caller
/// keeps, on the reading thread. The results are in the order of `paths`.
pub fn read_many<T: Send>(
    paths: &[PathBuf],
    f: impl Fn(usize, std::io::Result<Vec<u8>>) -> T + Sync,
) -> Vec<T> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let readers = READERS.min(paths.len()).max(1);
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..readers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = paths.get(i) else {
                            break mine;
                        };
                        mine.push((i, f(i, fs::read(path))));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, t)| t).collect()
}

/// Hidden entries (names starting with `.`) below the input folders `dirs` of
/// `root`, as shown paths: every reader skips them, so `check` names them
/// rather than leave a `..yaml` unread without a word. The files git, macOS and
/// editors leave behind (`.gitkeep`, `.DS_Store`, swap and lock files) are not
/// listed, and nothing below a hidden folder is.
pub fn hidden_entries(root: &Path, dirs: &[&str]) -> Vec<PathBuf> {
    let ignored = |name: &str| {
        matches!(name, ".gitkeep" | ".keep" | ".gitignore" | ".DS_Store")
            || name.starts_with(".#")
            || name.starts_with(".~lock.")
            || name.ends_with(".swp")
            || name.ends_with(".swo")
            || name.ends_with('~')
    };
    let mut found = Vec::new();
    for dir in dirs {
        let walker = walkdir::WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        // The walk stops at hidden entries: look at each folder's children.
        for entry in walker.flatten().filter(|e| e.file_type().is_dir()) {
            for name in all_names(entry.path()) {
                if name.starts_with('.') && !ignored(&name) {
                    let path = entry.path().join(&name);
                    found.push(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
                }
            }
        }
    }
    found
}

/// Every name in `dir` (files and folders), hidden ones included, sorted; none
/// when it cannot be read.
pub fn all_names(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Writes a file of the project (not of the output), creating its folder.
pub fn write_creating_dirs(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    fs::write(path, bytes).map_err(|e| Error::io(path, e))
}

/// Normalises `rel` (a path written in an input) against `base` without touching the
/// disk. Returns `None` when `..` climbs above `base`'s root, i.e. out of the tree.
pub fn join_inside(base: &Path, rel: &str) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for c in base.components().chain(Path::new(rel).components()) {
        match c {
            Component::Normal(p) => parts.push(p),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}

/// True when `rel` is a plain relative path that stays below its base: no root, no
/// drive, no `..`. Every output path is checked with this before it is written.
pub fn is_contained(rel: &Path) -> bool {
    !rel.as_os_str().is_empty() && rel.components().all(|c| matches!(c, Component::Normal(_)))
}

/// Writes `bytes` at `path` under a temporary name in the same directory, then
/// renames it: a reader sees the old file or the new one, never half of one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let parent = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = parent.join(format!(".{name}.tebiki-tmp-{}", std::process::id()));
    fs::write(&temp, bytes).map_err(|e| Error::io(&temp, e))?;
    fs::rename(&temp, path).map_err(|e| {
        let _ = fs::remove_file(&temp);
        Error::io(path, e)
    })
}

/// A build's output, written into a staging directory inside the output directory
/// and swapped into place by [`Staging::commit`]. Dropping it without committing
/// removes the staging directory and leaves the previous output as it was.
///
/// Files the previous build made from the same inputs (same key) or with the same
/// bytes are not written again: they are noted as kept and hard-linked from the
/// previous output at commit, so the swap stays whole. A build that keeps every
/// file and removes none changes nothing on disk but the manifest.
pub struct Staging {
    out_dir: PathBuf,
    dir: PathBuf,
    committed: bool,
    previous: Manifest,
    next: Mutex<BTreeMap<String, Staged>>,
    made_dirs: Mutex<HashSet<PathBuf>>,
}

#[derive(Clone, Copy)]
struct Staged {
    entry: Entry,
    /// True when the file is the previous output's, to be linked at commit.
    kept: bool,
}

const STAGING_PREFIX: &str = ".tebiki-staging-";
const OLD_PREFIX: &str = ".tebiki-old-";

impl Staging {
    pub fn create(out_dir: &Path) -> Result<Self, Error> {
        fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
        remove_leftovers(out_dir);
        let dir = out_dir.join(format!("{STAGING_PREFIX}{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            out_dir: out_dir.to_path_buf(),
            dir,
            committed: false,
            previous: Manifest::read(out_dir),
            next: Mutex::default(),
            made_dirs: Mutex::default(),
        })
    }

    /// The staging directory itself, for tools (typst) that write their own files.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` at `rel` below the staging directory. `rel` comes from inputs
    /// (page paths, record ids), so anything that could leave the directory is refused.
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Error> {
        self.write_entry(rel, None, bytes)
    }

    /// Like [`Staging::write`], noting the key of the inputs the file was made from.
    pub fn write_keyed(&self, rel: &Path, key: Fingerprint, bytes: &[u8]) -> Result<(), Error> {
        self.write_entry(rel, Some(key), bytes)
    }

    /// Keeps the previous output's file at `rel` when it was made from inputs with
    /// the same `key` and has not been touched since. True when kept: the caller
    /// skips making it.
    pub fn keep(&self, rel: &Path, key: Fingerprint) -> Result<bool, Error> {
        let name = checked_name(rel)?;
        let Some(old) = self.unchanged_previous(&name) else {
            return Ok(false);
        };
        if old.key != Some(key) {
            return Ok(false);
        }
        self.note(name, old, true);
        Ok(true)
    }

    /// The previous output's file at `rel`, if the manifest knows it unchanged.
    pub fn read_previous(&self, rel: &Path) -> Option<Vec<u8>> {
        let name = checked_name(rel).ok()?;
        self.unchanged_previous(&name)?;
        fs::read(self.out_dir.join(&name)).ok()
    }

    fn write_entry(&self, rel: &Path, key: Option<Fingerprint>, bytes: &[u8]) -> Result<(), Error> {
        let name = checked_name(rel)?;
        let hash = Fingerprint::of(bytes);
        if let Some(old) = self.unchanged_previous(&name)
            && old.hash == hash
        {
            self.note(name, Entry { key, ..old }, true);
            return Ok(());
        }
        let path = self.dir.join(rel);
        self.make_parent(&path)?;
        let mut file = fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        file.write_all(bytes).map_err(|e| Error::io(&path, e))?;
        let meta = file.metadata().map_err(|e| Error::io(&path, e))?;
        let stamp = Stamp::from_metadata(&meta).unwrap_or(Stamp {
            len: meta.len(),
            mtime_ns: 0,
        });
        self.note(name, Entry { key, hash, stamp }, false);
        Ok(())
    }

    /// The previous manifest's entry for `name`, if its file is still as written.
    fn unchanged_previous(&self, name: &str) -> Option<Entry> {
        let old = *self.previous.files.get(name)?;
        (Stamp::of(&self.out_dir.join(name)) == Some(old.stamp)).then_some(old)
    }

    fn note(&self, name: String, entry: Entry, kept: bool) {
        let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
        next.insert(name, Staged { entry, kept });
    }

    /// `create_dir_all` for each of 10,000 files costs a syscall per level; each
    /// folder is made once.
    fn make_parent(&self, path: &Path) -> Result<(), Error> {
        let Some(parent) = path.parent() else {
            return Ok(());
        };
        let mut made = self.made_dirs.lock().unwrap_or_else(|e| e.into_inner());
        if made.insert(parent.to_path_buf()) {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        Ok(())
    }

    /// Moves every top-level entry of the staging directory into the output
    /// directory, replacing what was there. Entries this build did not produce (the
    /// PDFs of an earlier run built with `--no-pdf`, say) stay as they were.
    pub fn commit(mut self) -> Result<Vec<PathBuf>, Error> {
        // The output is about to change: its up-to-date record no longer holds.
        let _ = fs::remove_file(self.out_dir.join(UPTODATE_FILE));
        let next = std::mem::take(&mut *self.next.lock().unwrap_or_else(|e| e.into_inner()));
        let mut tops: BTreeSet<String> = next.keys().map(|n| top_level(n).to_string()).collect();
        let entries = fs::read_dir(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        let mut staged_anything = false;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&self.dir, e))?;
            tops.insert(entry.file_name().to_string_lossy().into_owned());
            staged_anything = true;
        }
        let mut manifest = Manifest {
            files: next.iter().map(|(n, s)| (n.clone(), s.entry)).collect(),
        };
        // Outputs of top-level folders this build did not produce stay, and so do
        // their entries.
        for (name, entry) in &self.previous.files {
            if !tops.contains(top_level(name)) {
                manifest.files.entry(name.clone()).or_insert(*entry);
            }
        }
        let removes_nothing = self
            .previous
            .files
            .keys()
            .all(|n| manifest.files.contains_key(n));
        if !staged_anything && removes_nothing {
            // Every file is the previous build's: nothing to swap.
            self.committed = true;
            let _ = fs::remove_dir_all(&self.dir);
            write_manifest(&self.out_dir, &manifest)?;
            return Ok(Vec::new());
        }
        self.link_kept(&next)?;
        fs::write(self.dir.join(MANIFEST_FILE), manifest.render())
            .map_err(|e| Error::io(&self.dir.join(MANIFEST_FILE), e))?;
        self.swap()
    }

    /// Hard-links the kept files from the previous output into the staging
    /// directory (copies them where the file system has no hard links).
    fn link_kept(&self, next: &BTreeMap<String, Staged>) -> Result<(), Error> {
        let kept: Vec<&String> = next
            .iter()
            .filter(|(_, s)| s.kept)
            .map(|(n, _)| n)
            .collect();
        for name in &kept {
            self.make_parent(&self.dir.join(name))?;
        }
        kept.par_iter().try_for_each(|name| {
            let from = self.out_dir.join(name);
            let to = self.dir.join(name);
            fs::hard_link(&from, &to)
                .or_else(|_| fs::copy(&from, &to).map(|_| ()))
                .map_err(|e| Error::io(&from, e))
        })
    }

    fn swap(mut self) -> Result<Vec<PathBuf>, Error> {
        let old = self
            .out_dir
            .join(format!("{OLD_PREFIX}{}", std::process::id()));
        fs::create_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        let mut moved = Vec::new();
        let entries = fs::read_dir(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&self.dir, e))?;
            let name = entry.file_name();
            let target = self.out_dir.join(&name);
            if fs::symlink_metadata(&target).is_ok() {
                fs::rename(&target, old.join(&name)).map_err(|e| Error::io(&target, e))?;
            }
            fs::rename(entry.path(), &target).map_err(|e| Error::io(&target, e))?;
            if name != MANIFEST_FILE {
                moved.push(target);
            }
        }
        self.committed = true;
        let _ = fs::remove_dir_all(&old);
        let _ = fs::remove_dir_all(&self.dir);
        moved.sort();
        Ok(moved)
    }
}

/// The manifest's name for `rel`, once `rel` is known to stay below the output.
fn checked_name(rel: &Path) -> Result<String, Error> {
    if !is_contained(rel) {
        return Err(Error::Unsafe(format!(
            "出力先 `{}` は出力ディレクトリの外を指しています",
            display_path(rel)
        )));
    }
    Ok(display_path(rel))
}

/// Replaces the manifest in place, through a temporary file and a rename.
fn write_manifest(out_dir: &Path, manifest: &Manifest) -> Result<(), Error> {
    let tmp = out_dir.join(format!("{STAGING_PREFIX}manifest-{}", std::process::id()));
    fs::write(&tmp, manifest.render()).map_err(|e| Error::io(&tmp, e))?;
    let path = out_dir.join(MANIFEST_FILE);
    fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// A build killed half-way leaves its staging directory behind; the next build
/// clears it. Only our own prefixed names are touched.
fn remove_leftovers(out_dir: &Path) {
    let Ok(entries) = fs::read_dir(out_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(STAGING_PREFIX) || name.starts_with(OLD_PREFIX) {
            let path = entry.path();
            let _ = fs::remove_dir_all(&path).or_else(|_| fs::remove_file(&path));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_inside_refuses_to_climb_out() {
        assert_eq!(
            join_inside(Path::new("a/b"), "../c.md"),
            Some(PathBuf::from("a/c.md"))
        );
        assert_eq!(join_inside(Path::new("a"), "../../etc/passwd"), None);
        assert_eq!(join_inside(Path::new("a"), "/etc/passwd"), None);
    }

    #[test]
    fn contained_paths_have_only_normal_components() {
        assert!(is_contained(Path::new("site/a/index.html")));
        assert!(!is_contained(Path::new("../x")));
        assert!(!is_contained(Path::new("/x")));
        assert!(!is_contained(Path::new("")));
    }
}
