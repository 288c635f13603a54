//! `tebiki new --project DIR`: a fresh handbook for another municipality, from the
//! default files embedded in the binary (templates/, hooks/, fonts/ and defaults/project/
//! of this repository, listed by build.rs), plus the editor schemas generated
//! from the types. It passes `check` and `build` as it is.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::Error;
use crate::schema::{SCHEMAS_DIR, schemas, vscode_settings};

/// Every embedded file: (path in the new project, bytes).
pub const EMBEDDED: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

const MUNICIPALITY: &str = "__MUNICIPALITY__";
const TODAY: &str = "__TODAY__";
pub const DEFAULT_MUNICIPALITY: &str = "○○市";

pub struct NewProject<'a> {
    pub dir: &'a Path,
    /// Written into the settings, the home page and the actors.
    pub municipality: &'a str,
    pub today: NaiveDate,
}

/// The files of the new project, in order: embedded defaults with their
/// placeholders filled in, then the schemas and the editor settings.
pub fn files(new: &NewProject<'_>) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = EMBEDDED
        .iter()
        .map(|(rel, bytes)| {
            let bytes = match std::str::from_utf8(bytes) {
                Ok(text) if !rel.starts_with("templates/") && !rel.starts_with("fonts/") => text
                    .replace(MUNICIPALITY, new.municipality)
                    .replace(TODAY, &new.today.to_string())
                    .into_bytes(),
                _ => bytes.to_vec(),
            };
            (rel.to_string(), bytes)
        })
        .collect();
    for kind in schemas() {
        files.push((
            format!("{SCHEMAS_DIR}/{}", kind.file),
            kind.text().into_bytes(),
        ));
    }
    files.push((
        ".vscode/settings.json".to_string(),
        vscode_settings().into_bytes(),
    ));
    files
}

/// The municipality's name goes into YAML as plain text: refuse what YAML would
/// read as something else.
pub fn checked_municipality(name: &str) -> Result<&str, Error> {
    let bad = name.trim().is_empty()
        || name.trim() != name
        || name
            .chars()
            .any(|c| c.is_control() || ":#\"'{}[],&*!|>%@`\\".contains(c));
    if bad {
        return Err(Error::Environment(format!(
            "自治体名 `{name}` には記号を使えません（例: --municipality 杉並区）"
        )));
    }
    Ok(name)
}

/// Writes the new project into `new.dir`, which must be missing or empty.
pub fn create(new: &NewProject<'_>) -> Result<Vec<PathBuf>, Error> {
    let dir = new.dir;
    if let Ok(mut entries) = std::fs::read_dir(dir)
        && entries.next().is_some()
    {
        return Err(Error::Environment(format!(
            "{} は空ではありません（新しい手引きは空のディレクトリに作ります）",
            dir.display()
        )));
    }
    let mut written = Vec::new();
    for (rel, bytes) in files(new) {
        let path = dir.join(&rel);
        crate::fs::write_creating_dirs(&path, &bytes)?;
        if rel.starts_with("hooks/") {
            make_executable(&path)?;
        }
        written.push(path);
    }
    Ok(written)
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<(), Error> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| Error::io(path, e))
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> Result<(), Error> {
    Ok(())
}
