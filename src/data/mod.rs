//! Typed YAML data below `data/`: one file per kind, every reference checked.

pub mod batches;
pub mod cost;
pub mod handbook;
pub mod people;
pub mod records;
pub mod schedule;
pub mod time;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostics, Location};
pub use handbook::{Area, Deliverable, Rhythm, Task, Term};
pub use people::{Actor, Channel, Contact, Days, Hours, Staff};

pub const DATA_DIR: &str = "data";

/// The text of a data file, kept for locating problems found after parsing.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    pub fn locate(&self, key: &str, value: &str) -> Location {
        crate::yaml::locate(&self.text, &self.path, key, value, 1)
    }
}

/// What replaces a personal value in text in the redacted edition.
pub const MASK: &str = "（非公開）";
/// What replaces a staff member's name in the redacted edition.
pub const NAME_MASK: &str = "氏名非公開";

/// Everything below `data/`, also handed to templates as `data`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Data {
    pub areas: Vec<Area>,
    pub actors: Vec<Actor>,
    pub contacts: Vec<Contact>,
    pub staff: Vec<Staff>,
    pub roles: Vec<Task>,
    pub glossary: Vec<Term>,
    pub deliverables: Vec<Deliverable>,
    /// `data/schedule/<year>.yaml`: each fiscal year's exceptions, oldest first.
    pub schedule: Vec<crate::domain::schedule::YearPlan>,
    /// `data/batches/`, `data/batch-params/`, `data/batch-runs/`, `data/backups/`.
    pub batches: batches::BatchData,
    /// `data/records/`, `data/sla/` and `data/fileserver.yaml`. Not handed to
    /// templates as a whole: record pages get their own views.
    #[serde(skip)]
    pub records: records::Records,
    /// `data/cost-estimate.yaml`, the RFI's cost estimate, if written.
    #[serde(skip)]
    pub cost_estimate: Option<cost::CostEstimate>,
    #[serde(skip)]
    pub sources: Sources,
}

#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub areas: Source,
    pub actors: Source,
    pub contacts: Source,
    pub staff: Source,
    pub roles: Source,
    pub glossary: Source,
    pub deliverables: Source,
    /// Parallel to `Data::schedule`.
    pub schedule: Vec<schedule::ScheduleSource>,
}

/// The files `data/` may hold. Anything else is reported, so a misspelt file name
/// is not silently ignored.
const KNOWN_FILES: [&str; 16] = [
    "areas.yaml",
    "actors.yaml",
    "contacts.yaml",
    "staff.yaml",
    "roles.yaml",
    "glossary.yaml",
    "deliverables.yaml",
    schedule::SCHEDULE_DIR,
    batches::CATALOG_DIR,
    batches::params::PARAMS_DIR,
    batches::records::RUNS_DIR,
    batches::records::BACKUPS_DIR,
    records::RECORDS_DIR,
    records::SLA_DIR,
    records::FILESERVER_FILE,
    cost::COST_FILE,
];

impl Data {
    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// A person or an organisation, by the id a record uses: a staff member's name
    /// (from data/staff.yaml, the one place personal data lives; masked in the
    /// redacted edition) or an actor's short name. Unknown ids (already reported
    /// by `check`) are shown as they are.
    pub fn person_name(&self, id: &str) -> String {
        if let Some(s) = self.staff.iter().find(|s| s.id == id) {
            return s.name.clone();
        }
        self.actor(id)
            .map_or_else(|| id.to_string(), |a| a.short.clone())
    }

    pub fn has_area(&self, id: &str) -> bool {
        self.areas.iter().any(|a| a.id == id)
    }

    pub fn has_deliverable(&self, id: &str) -> bool {
        self.deliverables.iter().any(|d| d.id == id)
    }
}

pub fn load(root: &Path, diags: &mut Diagnostics) -> Data {
    report_unknown_files(root, diags);
    let mut data = Data::default();
    (data.areas, data.sources.areas) = load_list(root, "areas.yaml", diags);
    (data.actors, data.sources.actors) = load_list(root, "actors.yaml", diags);
    (data.contacts, data.sources.contacts) = load_list(root, "contacts.yaml", diags);
    (data.staff, data.sources.staff) = load_list(root, "staff.yaml", diags);
    (data.roles, data.sources.roles) = load_list(root, "roles.yaml", diags);
    (data.glossary, data.sources.glossary) = load_list(root, "glossary.yaml", diags);
    (data.deliverables, data.sources.deliverables) = load_list(root, "deliverables.yaml", diags);
    (data.schedule, data.sources.schedule) = schedule::load(root, diags);
    data.batches = batches::load(root, diags);
    data.records = records::load(root, diags);
    data.cost_estimate = cost::load(root, diags);
    validate(&data, diags);
    records::check(&data, diags);
    data
}

/// Reads `data/<file>`, a YAML list of `T`. A missing file is an empty list.
fn load_list<T: DeserializeOwned>(
    root: &Path,
    file: &str,
    diags: &mut Diagnostics,
) -> (Vec<T>, Source) {
    let shown = Path::new(DATA_DIR).join(file);
    let path = root.join(&shown);
    if !path.exists() {
        return (
            Vec::new(),
            Source {
                path: shown,
                text: String::new(),
            },
        );
    }
    let text = match crate::fs::read_text(&path, &shown) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return (
                Vec::new(),
                Source {
                    path: shown,
                    text: String::new(),
                },
            );
        }
    };
    // The items that are right are kept, so references to them are not
    // reported as missing because of another item's problem.
    let read = crate::yaml::read::<Option<Vec<T>>>(&text, &shown, 1);
    if !read.problems.is_empty() {
        diags.note_unloaded(crate::diagnostics::display_path(&shown));
    }
    diags.extend(read.problems);
    let items = read.value.flatten().unwrap_or_default();
    (items, Source { path: shown, text })
}

fn report_unknown_files(root: &Path, diags: &mut Diagnostics) {
    for name in file_names(&root.join(DATA_DIR)) {
        if !KNOWN_FILES.contains(&name.as_str()) {
            diags.error(
                Location::file(Path::new(DATA_DIR).join(&name)),
                format!(
                    "不明なデータファイルです（使えるのは {}）",
                    KNOWN_FILES
                        .map(|n| if n.ends_with(".yaml") {
                            n.to_string()
                        } else {
                            format!("{n}/")
                        })
                        .join(", ")
                ),
            );
        }
    }
}

/// Ids are unique within their file and every reference names something that exists.
fn validate(data: &Data, diags: &mut Diagnostics) {
    let s = &data.sources;
    check_unique(data.areas.iter().map(|a| a.id.as_str()), &s.areas, diags);
    check_unique(data.actors.iter().map(|a| a.id.as_str()), &s.actors, diags);
    check_unique(
        data.contacts.iter().map(|c| c.id.as_str()),
        &s.contacts,
        diags,
    );
    check_unique(data.staff.iter().map(|p| p.id.as_str()), &s.staff, diags);
    check_unique(data.roles.iter().map(|t| t.id.as_str()), &s.roles, diags);
    check_unique(
        data.deliverables.iter().map(|d| d.id.as_str()),
        &s.deliverables,
        diags,
    );

    let actor_exists = |id: &str| data.actor(id).is_some();
    for c in &data.contacts {
        if !actor_exists(&c.actor) {
            diags.error(
                s.contacts.locate("actor", &c.actor),
                unknown_actor(&c.actor),
            );
        }
    }
    for p in &data.staff {
        if !actor_exists(&p.actor) {
            diags.error(s.staff.locate("actor", &p.actor), unknown_actor(&p.actor));
        }
    }
    check_structure(data, diags);
    for t in &data.roles {
        if !data.has_area(&t.area) {
            diags.error(s.roles.locate("area", &t.area), unknown_area(&t.area));
        }
        for (actor, letters) in &t.raci {
            if !actor_exists(actor) {
                diags.error(s.roles.locate(actor, letters), unknown_actor(actor));
            }
            if !handbook::valid_raci(letters) {
                diags.error(
                    s.roles.locate(actor, letters),
                    format!("RACI `{letters}` は R, A, C, I の組み合わせで書いてください"),
                );
            }
        }
    }
    for d in &data.deliverables {
        for area in &d.areas {
            if !data.has_area(area) {
                diags.error(s.deliverables.locate("areas", area), unknown_area(area));
            }
        }
    }
    for t in &data.glossary {
        if let Some(area) = &t.area
            && !data.has_area(area)
        {
            diags.error(s.glossary.locate("area", area), unknown_area(area));
        }
    }
}

fn check_unique<'a>(ids: impl Iterator<Item = &'a str>, source: &Source, diags: &mut Diagnostics) {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            let first = source.locate("id", id);
            let later = crate::yaml::locate(&source.text, &source.path, "id", id, first.line + 1);
            diags.error(
                later,
                format!("id `{id}` が重複しています（{} 行目と同じ）", first.line),
            );
        }
    }
}

pub fn unknown_actor(id: &str) -> String {
    format!("関係者 `{id}` は data/actors.yaml にありません")
}

pub fn unknown_area(id: &str) -> String {
    format!("業務領域 `{id}` は data/areas.yaml にありません")
}

/// The names in `dir` (files and folders), sorted, hidden ones left out
/// ([`crate::fs::hidden_entries`] reports those); none when it cannot be read
/// (a missing folder is reported where it is required).
pub(crate) fn file_names(dir: &Path) -> Vec<String> {
    let mut names = crate::fs::all_names(dir);
    names.retain(|n| !n.starts_with('.'));
    names
}

/// §9: every report target exists, and one lead at most per organisation.
fn check_structure(data: &Data, diags: &mut Diagnostics) {
    let s = &data.sources;
    for p in &data.staff {
        if let Some(to) = &p.reports_to
            && data.actor(to).is_none()
            && !data.staff.iter().any(|o| &o.id == to)
        {
            diags.error(
                s.staff.locate("reports_to", to),
                format!("報告先 `{to}` は data/staff.yaml の要員にも data/actors.yaml の関係者にもありません"),
            );
        }
    }
    for (actor, leads) in leads_by_actor(&data.staff) {
        if leads.len() > 1 {
            diags.error(
                s.staff.locate("id", leads[1]),
                format!(
                    "{actor} の業務統括者（lead: true）が複数います: {}（窓口は1人、9-①）",
                    leads.join("、")
                ),
            );
        }
    }
}

/// The staff marked `lead: true`, by actor.
fn leads_by_actor(staff: &[Staff]) -> std::collections::BTreeMap<&str, Vec<&str>> {
    let mut leads: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for p in staff.iter().filter(|p| p.lead) {
        leads
            .entry(p.actor.as_str())
            .or_default()
            .push(p.id.as_str());
    }
    leads
}
