//! `tebiki new`: new files with every required field filled in (the next free id,
//! today's date, the right folder), and fresh handbooks for another municipality.
//!
//! Each kind of file is one entry of [`kinds`]: a `plan` function that says
//! what to write where, or a record kind planned from its declaration; writing
//! (and refusing to overwrite) is shared.

mod page;
pub mod project;
mod records;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};

use crate::error::Error;

/// What `tebiki new <kind> [NAME] [--title …]` was asked for.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub root: &'a Path,
    /// Today (from [`crate::today`]), for `reviewed:` and dated ids.
    pub today: NaiveDate,
    /// The time of the request (09:00 when today is set by `TEBIKI_TODAY`), for
    /// the time a record was received or an incident detected.
    pub now: NaiveTime,
    /// The NAME argument; what it means is up to the kind (a page's path).
    pub name: Option<&'a str>,
    pub title: Option<&'a str>,
}

/// A file to create: its path below the project root, `/`-separated, and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scaffold {
    pub rel: String,
    pub text: String,
}

pub struct Kind {
    pub name: &'static str,
    /// One line for the list of kinds, in Japanese.
    pub about: String,
    pub plan: Plan,
}

/// How a kind's file is planned.
#[derive(Clone, Copy)]
pub enum Plan {
    File(fn(&Request<'_>) -> Result<Scaffold, Error>),
    /// A record, from its kind's declaration.
    Record(crate::data::records::Kind),
}

impl Kind {
    pub fn plan(&self, req: &Request<'_>) -> Result<Scaffold, Error> {
        match self.plan {
            Plan::File(plan) => plan(req),
            Plan::Record(kind) => records::record(kind, req),
        }
    }
}

/// Every kind `tebiki new` can make: a page, every record kind, and the
/// yearly and monthly data files.
pub fn kinds() -> Vec<Kind> {
    let file = |name, about: &str, plan| Kind {
        name,
        about: about.to_string(),
        plan: Plan::File(plan),
    };
    let mut kinds = vec![file(
        "page",
        "手引きのページ: tebiki new page <フォルダ>/<名前> [--title 題名]",
        page::plan,
    )];
    for kind in crate::data::records::Kind::ALL {
        let about = kind.about();
        let usage = match about.ids {
            crate::data::records::kind::IdRule::Dated { .. } => {
                format!(": tebiki new {} [種類]", about.command)
            }
            _ => String::new(),
        };
        kinds.push(Kind {
            name: about.command,
            about: format!("{}の記録（data/records/{}/）{usage}", about.name, about.dir),
            plan: Plan::Record(*kind),
        });
    }
    kinds.push(file(
        "sla-month",
        "次の月のサービスレベルの数値（data/sla/YYYY-MM.yaml、目標値は前月から）",
        records::sla_month,
    ));
    kinds.push(file(
        "schedule-year",
        "次の年度のオンライン稼働の例外（data/schedule/年度.yaml）",
        records::schedule_year,
    ));
    kinds
}

pub fn kind(name: &str) -> Result<Kind, Error> {
    kinds().into_iter().find(|k| k.name == name).ok_or_else(|| {
        Error::Environment(format!(
            "種類 `{name}` は作れません。作れる種類:\n{}",
            kinds_list()
        ))
    })
}

pub fn kinds_list() -> String {
    kinds()
        .iter()
        .map(|k| format!("  {:<17} {}", k.name, k.about))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Creates the planned file; an existing file is never overwritten.
pub fn create(root: &Path, scaffold: &Scaffold) -> Result<PathBuf, Error> {
    let path = root.join(&scaffold.rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Environment(format!(
                "{} はすでにあります（上書きしません）",
                scaffold.rel
            )));
        }
        Err(e) => return Err(Error::io(&path, e)),
    };
    std::io::Write::write_all(&mut file, scaffold.text.as_bytes())
        .map_err(|e| Error::io(&path, e))?;
    Ok(path)
}

/// The next id of the form `<prefix><number>` with at least `width` digits, one
/// past the largest number in use (`INQ-` and ["INQ-0007", "INQ-0012"] give
/// `INQ-0013`). Ids without the prefix or a number are ignored.
pub fn next_id<'a>(
    existing: impl IntoIterator<Item = &'a str>,
    prefix: &str,
    width: usize,
) -> String {
    let last = existing
        .into_iter()
        .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
        .max()
        .unwrap_or(0);
    format!("{prefix}{:0width$}", last + 1)
}

/// A name given on the command line as a path below a folder: plain relative
/// segments only, none hidden, so `new` cannot write outside the project.
pub fn checked_segments(name: &str) -> Result<Vec<&str>, Error> {
    let segments: Vec<&str> = name.split('/').filter(|s| !s.is_empty()).collect();
    let bad = segments.is_empty()
        || name.starts_with('/')
        || name.contains('\\')
        || segments
            .iter()
            .any(|s| s.starts_with('.') || s.contains(':') || s.trim() != *s);
    if bad {
        return Err(Error::Environment(format!(
            "`{name}` は使えない名前です（`operations/backup` のように / で区切った相対パスで、. で始まらない名前にしてください）"
        )));
    }
    Ok(segments)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_id_is_one_past_the_largest_number_in_use() {
        assert_eq!(
            next_id(["INQ-0007", "INQ-0012", "X-99"], "INQ-", 4),
            "INQ-0013"
        );
        assert_eq!(next_id([], "M-", 3), "M-001");
        assert_eq!(next_id(["INQ-9999"], "INQ-", 4), "INQ-10000");
    }

    #[test]
    fn names_cannot_leave_the_folder() {
        assert!(checked_segments("ops/backup").is_ok());
        for bad in ["../x", "/etc/x", "ops/.hidden", "a\\b", "", "c:/x"] {
            assert!(checked_segments(bad).is_err(), "{bad}");
        }
    }
}
