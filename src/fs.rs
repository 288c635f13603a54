//! Every file read and write, with the path in the error, and the staged output
//! directory that keeps a failed build from touching the previous `output/`.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Diagnostic, Location, display_path};
use crate::error::Error;

/// Reads a UTF-8 text file of the project. `shown` is the path as the user sees it
/// (relative to the root). Invalid UTF-8 is reported at its line and column.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let bytes = fs::read(path).map_err(|e| {
        Diagnostic::error(
            Location::file(shown),
            format!("ファイルを読み込めません: {e}"),
        )
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        // The valid prefix is UTF-8, so line and column can be counted in it.
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let (line, col) = crate::diagnostics::line_col(prefix, valid);
        Diagnostic::error(
            Location::new(shown, line, col),
            "UTF-8 ではない文字があります（ファイルを UTF-8 で保存してください）",
        )
    })
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
pub struct Staging {
    out_dir: PathBuf,
    dir: PathBuf,
    committed: bool,
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
        })
    }

    /// The staging directory itself, for tools (typst) that write their own files.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` at `rel` below the staging directory. `rel` comes from inputs
    /// (page paths, record ids), so anything that could leave the directory is refused.
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), Error> {
        if !is_contained(rel) {
            return Err(Error::Unsafe(format!(
                "出力先 `{}` は出力ディレクトリの外を指しています",
                display_path(rel)
            )));
        }
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        fs::write(&path, bytes).map_err(|e| Error::io(&path, e))
    }

    /// Moves every top-level entry of the staging directory into the output
    /// directory, replacing what was there. Entries this build did not produce (the
    /// PDFs of an earlier run built with `--no-pdf`, say) stay as they were.
    pub fn commit(mut self) -> Result<Vec<PathBuf>, Error> {
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
            moved.push(target);
        }
        self.committed = true;
        let _ = fs::remove_dir_all(&old);
        let _ = fs::remove_dir_all(&self.dir);
        moved.sort();
        Ok(moved)
    }
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
            let _ = fs::remove_dir_all(entry.path());
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
