//! Checks on the records that need only `data/`: every reference a declared
//! field makes names something that exists, each kind's own rules (times in
//! order, one account per person), the file server's folders and the service
//! reports. The warnings that need the calendar, the pages and today are in
//! `warnings.rs`.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::fileserver::{normalise, path_problem};
use super::kind::{KindVisitor, RecordKind};
use super::value::{Env, Value};
use super::{Kind, Records, Stamp};
use crate::data::{Data, Source};
use crate::diagnostics::{Diagnostics, Location};
/// Where `key: value` is written, also inside a flow mapping
/// (`- {id: AI-1, owner: x}`), which `yaml::locate` does not look into.
pub(super) fn locate(source: &Source, key: &str, value: &str) -> crate::diagnostics::Location {
    let found = source.locate(key, value);
    let line = source
        .text
        .lines()
        .nth(found.line.saturating_sub(1))
        .unwrap_or("");
    if value.is_empty() || line.contains(value) {
        return found;
    }
    for (i, line) in source.text.lines().enumerate() {
        for quoted in [
            value.to_string(),
            format!("\"{value}\""),
            format!("'{value}'"),
        ] {
            let needle = format!("{key}: {quoted}");
            if let Some(byte) = line.find(&needle) {
                let after = &line[byte + needle.len()..];
                let preceded = line[..byte].trim_end().ends_with(['{', ',', '-'])
                    || line[..byte].trim().is_empty();
                if preceded && (after.is_empty() || after.starts_with([',', '}', ' '])) {
                    let col = line[..byte + key.len() + 2].chars().count() + 1;
                    return crate::diagnostics::Location::new(&source.path, i + 1, col);
                }
            }
        }
    }
    found
}

fn unknown_person(id: &str) -> String {
    format!("`{id}` は data/staff.yaml の要員にも data/actors.yaml の関係者にもありません")
}

pub fn unknown_staff(id: &str) -> String {
    format!("`{id}` は data/staff.yaml の要員にありません（アカウントは個人単位です）")
}

/// What a record may refer to, from the rest of `data/`, and how its problems
/// are placed.
pub struct Refs<'a> {
    pub data: &'a Data,
    pub records: &'a Records,
}

impl Refs<'_> {
    pub fn locate(&self, source: &Source, key: &str, value: &str) -> Location {
        locate(source, key, value)
    }

    pub fn is_staff(&self, id: &str) -> bool {
        self.data.staff.iter().any(|s| s.id == id)
    }

    /// A person reference: a staff id, or an actor id where no one person is meant.
    pub fn person(&self, source: &Source, key: &str, id: &str, diags: &mut Diagnostics) {
        if !self.is_staff(id) && self.data.actor(id).is_none() {
            diags.error(locate(source, key, id), unknown_person(id));
        }
    }

    /// A reference to another record; one whose file failed to load has its own
    /// problem already.
    pub fn record(
        &self,
        source: &Source,
        key: &str,
        kind: Kind,
        id: &str,
        diags: &mut Diagnostics,
    ) {
        if !self.records.has(kind, id) && !diags.is_unloaded(&super::unloaded_record(kind, id)) {
            diags.error(
                locate(source, key, id),
                format!(
                    "{} `{id}` は data/records/{}/ にありません",
                    kind.label(),
                    kind.dir()
                ),
            );
        }
    }

    /// `a` must not be later than `b`.
    pub fn in_order(
        &self,
        source: &Source,
        (a_label, a): (&str, Stamp),
        (b_label, b_key, b): (&str, &str, Stamp),
        diags: &mut Diagnostics,
    ) {
        if b < a {
            diags.error(
                locate(source, b_key, &b.to_string()),
                format!("{b_label}（{b}）が{a_label}（{a}）より前になっています（時刻の順序を確認してください）"),
            );
        }
    }

    pub fn date_order(
        &self,
        source: &Source,
        earlier: (&str, NaiveDate),
        later: (&str, &str, NaiveDate),
        diags: &mut Diagnostics,
    ) {
        if later.2 < earlier.1 {
            diags.error(
                locate(source, later.1, &later.2.to_string()),
                format!(
                    "{}（{}）が{}（{}）より前です",
                    later.0, later.2, earlier.0, earlier.1
                ),
            );
        }
    }

    /// The people and records a declared field names exist.
    fn references(&self, source: &Source, key: &str, value: &Value, diags: &mut Diagnostics) {
        for id in value.people() {
            self.person(source, key, id, diags);
        }
        match value {
            Value::Record(kind, id) => self.record(source, key, *kind, id, diags),
            Value::Lines(values) | Value::Join(values) => {
                for v in values {
                    if let Value::Record(kind, id) = v {
                        self.record(source, key, *kind, id, diags);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Every check of every kind, in declaration order.
struct Checker<'a, 'd> {
    refs: Refs<'a>,
    env: Env<'a>,
    diags: &'d mut Diagnostics,
}

impl KindVisitor for Checker<'_, '_> {
    fn visit<R: RecordKind>(&mut self, records: &[R]) {
        for r in records {
            for field in R::FIELDS
                .iter()
                .filter(|f| !f.key.is_empty() && f.key != "id")
            {
                let value = (field.value)(r, &self.env);
                self.refs
                    .references(r.source(), field.key, &value, self.diags);
            }
            r.check(&self.refs, self.diags);
        }
        R::check_all(records, &self.refs, self.diags);
    }
}

/// Everything that can be checked from `data/` alone. Called by `data::load`.
pub fn check(data: &Data, diags: &mut Diagnostics) {
    let mut checker = Checker {
        refs: Refs {
            data,
            records: &data.records,
        },
        env: Env {
            data,
            // References do not depend on the day; the latest day sees every state.
            day: NaiveDate::MAX,
            notification_minutes: 0,
            redacted: false,
        },
        diags,
    };
    data.records.visit(&mut checker);
    check_folders(data, checker.diags);
    check_service_reports(&data.records, checker.diags);
}

fn check_folders(data: &Data, diags: &mut Diagnostics) {
    let fs = &data.records.fileserver;
    let s = &fs.source;
    let mut seen = HashSet::new();
    for f in &fs.folders {
        if let Some(problem) = path_problem(normalise(&f.path)) {
            diags.error(locate(s, "path", &f.path), problem);
            continue;
        }
        if normalise(&f.path) != f.path {
            diags.error(
                locate(s, "path", &f.path),
                "path は先頭・末尾の `/` なしで書いてください",
            );
        }
        if !seen.insert(f.path.as_str()) {
            diags.error(
                locate(s, "path", &f.path),
                format!("フォルダ `{}` が重複しています", f.path),
            );
        }
        if let Some(parent) = f.parent()
            && fs.folder(parent).is_none()
        {
            diags.error(
                locate(s, "path", &f.path),
                format!("親フォルダ `{parent}` がフォルダ構成にありません（親フォルダも用途とともに書いてください）"),
            );
        }
        if data.actor(&f.owner).is_none() {
            diags.error(
                locate(s, "owner", &f.owner),
                crate::data::unknown_actor(&f.owner),
            );
        }
    }
    for d in &data.deliverables {
        if let Some(folder) = &d.folder
            && fs.folder(folder).is_none()
        {
            diags.error(
                locate(&data.sources.deliverables, "folder", folder),
                format!("成果物 {} のフォルダ `{folder}` は data/fileserver.yaml のフォルダ構成にありません", d.mark),
            );
        }
    }
}

fn check_service_reports(records: &Records, diags: &mut Diagnostics) {
    for r in &records.sla {
        for figures in [&r.targets, &r.reported] {
            for (key, value) in figures.entries() {
                if let Some(v) = value
                    && !(0.0..=100.0).contains(&v)
                {
                    diags.error(
                        locate(&r.source, key, &v.to_string()),
                        format!("{key} は 0〜100 の百分率で書いてください"),
                    );
                }
            }
        }
    }
}
