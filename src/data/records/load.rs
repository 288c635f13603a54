//! Reading `data/records/<kind>/**/*.yaml`, `data/sla/*.yaml` and
//! `data/fileserver.yaml`: safe ids, no secrets, typed parsing with locations.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::fileserver::FileServer;
use super::kind::RecordKind;
use super::service::{ServiceReport, parse_month};
use super::{Kind, Records};
use crate::data::{DATA_DIR, Source};
use crate::diagnostics::{Diagnostics, Location};

/// The folder below `data/` that holds one folder per record kind.
pub const RECORDS_DIR: &str = "records";
/// The folder below `data/` with the provider's monthly service-level figures.
pub const SLA_DIR: &str = "sla";
pub const FILESERVER_FILE: &str = "fileserver.yaml";

/// A record whose id and source are set from the file it was read from.
trait Record: DeserializeOwned {
    fn origin(&mut self) -> (&mut String, &mut Source);
}

impl<T: RecordKind> Record for T {
    fn origin(&mut self) -> (&mut String, &mut Source) {
        RecordKind::origin(self)
    }
}

/// The month's service report is read like a record, with the month as its id.
struct Report(ServiceReport);

impl<'de> serde::Deserialize<'de> for Report {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        ServiceReport::deserialize(d).map(Report)
    }
}

impl Record for Report {
    fn origin(&mut self) -> (&mut String, &mut Source) {
        (&mut self.0.id, &mut self.0.source)
    }
}

/// Ids become file names in the output: a letter or digit, then letters, digits,
/// `_` and `-` only, so no id can climb out of `output/`.
pub fn is_safe_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && id.len() <= 100
}

pub fn unsafe_id_message(id: &str) -> String {
    format!(
        "id `{id}` は使えません（英数字で始め、英数字・`_`・`-` だけで 100 文字以内にしてください。id はファイル名になります）"
    )
}

pub fn load(root: &Path, diags: &mut Diagnostics) -> Records {
    Records::load(root, diags)
}

/// Every record of one kind, in the kind's order.
pub(super) fn load_kind<T: RecordKind>(root: &Path, diags: &mut Diagnostics) -> Vec<T> {
    let dir = Path::new(DATA_DIR).join(RECORDS_DIR).join(T::ABOUT.dir);
    let mut records: Vec<T> = load_dir(root, &dir, diags);
    T::sort(&mut records);
    records
}

/// `data/records/` holds only the known kinds' folders.
pub(super) fn report_unknown_kinds(root: &Path, diags: &mut Diagnostics) {
    let records_dir = Path::new(DATA_DIR).join(RECORDS_DIR);
    let names = crate::data::file_names(&root.join(&records_dir));
    let known: Vec<&str> = Kind::ALL.iter().map(|k| k.dir()).collect();
    for name in names {
        if !known.contains(&name.as_str()) {
            diags.error(
                Location::file(records_dir.join(&name)),
                format!("不明な記録の種類です（使えるのは {}）", known.join(", ")),
            );
        }
    }
}

/// Every `.yaml` file below `dir` (sub-folders allowed, e.g. by year), each one record.
fn load_dir<T: Record>(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<T> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for shown in yaml_files(root, dir, diags) {
        let Some(id) = shown.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
            continue;
        };
        if !is_safe_id(&id) {
            diags.error(Location::file(&shown), unsafe_id_message(&id));
            continue;
        }
        if let Some(first) = seen.insert(id.clone(), shown.clone()) {
            diags.error(
                Location::file(&shown),
                format!(
                    "id `{id}` の記録が {} にもあります（id はファイル名で、種類の中で一意にしてください）",
                    crate::diagnostics::display_path(&first)
                ),
            );
            continue;
        }
        if let Some(record) = load_one::<T>(root, &shown, &id, diags) {
            out.push(record);
        }
    }
    out
}

fn yaml_files(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let abs = root.join(dir);
    if !abs.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&abs).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') || !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .to_path_buf();
        if entry.path().extension().is_some_and(|e| e == "yaml") {
            files.push(rel);
        } else {
            diags.error(
                Location::file(&rel),
                "記録のファイルは拡張子 .yaml の YAML にしてください",
            );
        }
    }
    files
}

/// Reads one record file: no secrets, typed, and its `id:` (if written) matching
/// the file name. A file that fails is noted as unloaded
/// ([`unloaded_record`]), so references to it are not reported as missing.
fn load_one<T: Record>(root: &Path, shown: &Path, id: &str, diags: &mut Diagnostics) -> Option<T> {
    let parsed = read_yaml(root, shown, diags).and_then(|(text, value)| {
        if value.is_null() {
            diags.error(Location::file(shown), "記録が空です");
            return None;
        }
        match crate::yaml::parse::<T>(&text, shown, 1) {
            Ok(record) => Some((record, text)),
            Err(problems) => {
                diags.extend(problems);
                None
            }
        }
    });
    let Some((mut record, text)) = parsed else {
        note_unloaded(shown, id, diags);
        return None;
    };
    let (record_id, source) = record.origin();
    if !record_id.is_empty() && record_id != id {
        diags.error(
            crate::yaml::locate(&text, shown, "id", record_id, 1),
            format!("id `{record_id}` がファイル名 `{id}` と違います（id はファイル名と同じにするか、省略してください）"),
        );
    }
    *record_id = id.to_string();
    *source = Source {
        path: shown.to_path_buf(),
        text,
    };
    Some(record)
}

/// Noted in the diagnostics when some record failed to load (checks that need
/// every record, like the SLA figures computed from them, stand down).
pub const SOME_RECORD_UNLOADED: &str = "data/records/*";

/// The name under which the record `id` of `kind` is noted when its file
/// failed to load.
pub fn unloaded_record(kind: Kind, id: &str) -> String {
    format!("{DATA_DIR}/{RECORDS_DIR}/{}/{id}", kind.dir())
}

/// Noted when some record of `kind` failed to load.
pub fn any_unloaded(kind: Kind) -> String {
    unloaded_record(kind, "*")
}

fn note_unloaded(shown: &Path, id: &str, diags: &mut Diagnostics) {
    diags.note_unloaded(crate::diagnostics::display_path(shown));
    let records = Path::new(DATA_DIR).join(RECORDS_DIR);
    let kind = shown
        .strip_prefix(&records)
        .ok()
        .and_then(|rest| rest.components().next())
        .and_then(|dir| {
            Kind::ALL
                .iter()
                .copied()
                .find(|k| dir.as_os_str() == k.dir())
        });
    if let Some(kind) = kind {
        diags.note_unloaded(unloaded_record(kind, id));
        diags.note_unloaded(any_unloaded(kind));
        diags.note_unloaded(SOME_RECORD_UNLOADED);
    }
}

/// The text of a data file and its untyped YAML, after the secrets check.
/// `None` when it cannot be read, is not YAML, or holds a secret.
fn read_yaml(
    root: &Path,
    shown: &Path,
    diags: &mut Diagnostics,
) -> Option<(String, serde_yaml::Value)> {
    let text = match crate::fs::read_text(&root.join(shown), shown) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let value: serde_yaml::Value = match crate::yaml::parse(&text, shown, 1) {
        Ok(v) => v,
        Err(problems) => {
            diags.extend(problems);
            return None;
        }
    };
    super::secrets::check_no_secrets(&value, &text, shown, diags).then_some((text, value))
}

pub(super) fn load_fileserver(root: &Path, diags: &mut Diagnostics) -> FileServer {
    let shown = Path::new(DATA_DIR).join(FILESERVER_FILE);
    if !root.join(&shown).is_file() {
        return FileServer::default();
    }
    let Some((text, value)) = read_yaml(root, &shown, diags) else {
        return FileServer::default();
    };
    if value.is_null() {
        return FileServer::default();
    }
    match crate::yaml::parse::<FileServer>(&text, &shown, 1) {
        Ok(mut fs) => {
            fs.source = Source { path: shown, text };
            fs
        }
        Err(problems) => {
            diags.extend(problems);
            diags.note_unloaded(crate::diagnostics::display_path(&shown));
            FileServer::default()
        }
    }
}

/// `data/sla/<YYYY-MM>.yaml`, one month each.
pub(super) fn load_service_reports(root: &Path, diags: &mut Diagnostics) -> Vec<ServiceReport> {
    let dir = Path::new(DATA_DIR).join(SLA_DIR);
    let mut out: Vec<ServiceReport> = Vec::new();
    for shown in yaml_files(root, &dir, diags) {
        let stem = shown
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some((year, month)) = parse_month(&stem) else {
            diags.error(
                Location::file(&shown),
                format!("サービス実績のファイル名 `{stem}.yaml` は YYYY-MM.yaml（例: 2027-01.yaml）にしてください"),
            );
            continue;
        };
        if let Some(Report(mut report)) = load_one::<Report>(root, &shown, &stem, diags) {
            report.year = year;
            report.month = month;
            out.push(report);
        }
    }
    out.sort_by_key(|r| (r.year, r.month));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_ids_cannot_name_a_path() {
        for ok in ["INQ-2027-0001", "a", "0_x", "MTG_2027-01-20"] {
            assert!(is_safe_id(ok), "{ok}");
        }
        for bad in [
            "",
            "-a",
            "_a",
            "../x",
            "a/b",
            "a.b",
            "a b",
            "問合せ1",
            "a\\b",
            ".hidden",
        ] {
            assert!(!is_safe_id(bad), "{bad}");
        }
        assert!(!is_safe_id(&"a".repeat(101)));
    }
}
