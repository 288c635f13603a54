//! 更新履歴 (changes.html): by month, the pages added, changed and removed, the
//! records added and the data changed, each with the subjects of its commits.
//! The same months, as scripts below `assets/changes/` (src/render/changes.rs),
//! feed the page's "changed since" view and the navigation's mark on pages
//! changed since the reader's last visit.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::ViewInput;
use crate::content::CONTENT_DIR;
use crate::history::{ChangeKind, FileChange, FileHistory, is_page_source};

pub const URL: &str = "changes.html";
pub const TITLE: &str = "更新履歴";

/// A commit as a change lists it.
#[derive(Debug, Clone, Serialize)]
pub struct CommitRef {
    pub date: String,
    pub commit: String,
    pub subject: String,
}

/// One page, record or data file changed in a month.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub title: String,
    /// From the site root; none for what is gone.
    pub url: Option<String>,
    pub path: String,
    /// Index into [`Changes::groups`]: the section the since-view lists it under.
    pub group: usize,
    /// The newest of its commits, seconds since 1970 (the navigation's mark).
    pub time: i64,
    /// `content/a.md から移動` for a page that moved.
    pub note: Option<String>,
    /// Newest first.
    pub commits: Vec<CommitRef>,
}

/// What a month's entries are: the lists of the page, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListKind {
    PagesAdded,
    PagesChanged,
    PagesRemoved,
    RecordsAdded,
    DataChanged,
}

impl ListKind {
    pub fn title(self) -> &'static str {
        match self {
            ListKind::PagesAdded => "追加したページ",
            ListKind::PagesChanged => "更新したページ",
            ListKind::PagesRemoved => "削除したページ",
            ListKind::RecordsAdded => "追加した記録",
            ListKind::DataChanged => "更新したデータ",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct List {
    pub kind: ListKind,
    pub title: &'static str,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Month {
    /// `2027-04`.
    pub key: String,
    /// `令和9年4月`.
    pub label: String,
    /// Only the lists with entries.
    pub lists: Vec<List>,
}

/// A heading of the since-view: a section of the handbook, or data, or what was removed.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub title: String,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Changes {
    /// Newest first.
    pub months: Vec<Month>,
    /// The handbook's sections in reading order, then データ and 削除したページ.
    pub groups: Vec<Group>,
    /// The newest commit, seconds since 1970 (0 without history).
    pub newest: i64,
}

/// The page's data: [`Changes`] and why the history may be empty. The scripts
/// of the since-view are written from it (src/render/changes.rs).
pub fn page(input: &ViewInput<'_>) -> serde_json::Value {
    let changes = changes(input);
    serde_json::json!({
        "months": changes.months,
        "groups": changes.groups,
        "newest": changes.newest,
        "notice": input.history.notice(),
    })
}

/// Every month with changes, and the groups their entries are listed under.
pub fn changes(input: &ViewInput<'_>) -> Changes {
    let sort = Sorter::new(input);
    let mut months: Vec<((i32, u32), MonthEntries)> = Vec::new();
    let everything = input
        .history
        .changes_between(NaiveDate::MIN, NaiveDate::MAX);
    for c in everything {
        let commit = c.commit;
        let Some((kind, mut entry)) = sort.classify(c.file, c.change) else {
            continue;
        };
        let key = (commit.date.year(), commit.date.month());
        if months.last().is_none_or(|(k, _)| *k != key) {
            months.push((key, HashMap::new()));
        }
        let Some((_, entries)) = months.last_mut() else {
            continue;
        };
        entry.time = commit.time;
        let note = entry.note.take();
        let slot = entries.entry(c.index).or_insert((kind, entry));
        slot.0 = stronger(slot.0, kind);
        let slot = &mut slot.1;
        if slot.note.is_none() {
            slot.note = note;
        }
        slot.commits.push(CommitRef {
            date: commit.date.to_string(),
            commit: commit.short.clone(),
            subject: commit.subject.clone(),
        });
    }
    Changes {
        months: months
            .into_iter()
            .map(|((y, m), entries)| month(y, m, entries))
            .collect(),
        groups: sort.groups,
        newest: input.history.commits().first().map_or(0, |c| c.time),
    }
}

/// A month's entries by the index of their file, each with its list.
type MonthEntries = HashMap<usize, (ListKind, Entry)>;

/// A page added and removed in the same month was removed; one added and then
/// changed was added.
fn stronger(a: ListKind, b: ListKind) -> ListKind {
    let rank = |k: ListKind| match k {
        ListKind::PagesRemoved => 2,
        ListKind::PagesAdded => 1,
        _ => 0,
    };
    if rank(b) > rank(a) { b } else { a }
}

fn month(year: i32, month: u32, entries: MonthEntries) -> Month {
    let mut lists: Vec<List> = Vec::new();
    let mut sorted: Vec<(ListKind, Entry)> = entries.into_values().collect();
    // Within a list, the most recently changed first.
    sorted.sort_by(|a, b| {
        (a.0.cmp(&b.0))
            .then(b.1.time.cmp(&a.1.time))
            .then(a.1.path.cmp(&b.1.path))
    });
    for (kind, entry) in sorted {
        match lists.last_mut() {
            Some(list) if list.kind == kind => list.entries.push(entry),
            _ => lists.push(List {
                kind,
                title: kind.title(),
                entries: vec![entry],
            }),
        }
    }
    Month {
        key: format!("{year}-{month:02}"),
        label: crate::domain::wareki::format_month(year, month),
        lists,
    }
}

/// Tells what a changed file is and where the since-view lists it.
struct Sorter<'a> {
    input: &'a ViewInput<'a>,
    /// Page source path → page index.
    pages: HashMap<String, usize>,
    /// Section folder → group.
    sections: HashMap<&'a str, usize>,
    /// Generated page URL → (title, group).
    generated: HashMap<&'a str, (&'a str, usize)>,
    groups: Vec<Group>,
    data_group: usize,
    removed_group: usize,
}

impl<'a> Sorter<'a> {
    fn new(input: &'a ViewInput<'a>) -> Sorter<'a> {
        let content = input.content;
        let pages = content
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (crate::diagnostics::display_path(&p.source), i))
            .collect();
        let mut groups = Vec::new();
        let mut sections = HashMap::new();
        let mut order: Vec<usize> = Vec::new();
        for &i in &content.reading_order {
            let s = content.pages[i].section;
            if !order.contains(&s) {
                order.push(s);
            }
        }
        for s in order {
            let section = &content.sections[s];
            let index = &content.pages[section.index];
            sections.insert(section.dir.as_str(), groups.len());
            groups.push(Group {
                title: index.meta.title.clone(),
                url: Some(index.url.clone()),
            });
        }
        let data_group = groups.len();
        groups.push(Group {
            title: "データ".into(),
            url: None,
        });
        let removed_group = groups.len();
        groups.push(Group {
            title: "削除したページ".into(),
            url: None,
        });
        let mut sorter = Sorter {
            input,
            pages,
            sections,
            generated: HashMap::new(),
            groups,
            data_group,
            removed_group,
        };
        for g in input.generated {
            let group = sorter.group_of_folder(parent_folder(&g.parent));
            sorter
                .generated
                .insert(g.url.as_str(), (g.title.as_str(), group));
        }
        sorter
    }

    fn group_of_folder(&self, folder: &str) -> usize {
        self.sections
            .get(folder)
            .copied()
            .unwrap_or(self.removed_group)
    }

    /// The list a change goes in and its entry (without commits yet); none for
    /// what the 更新履歴 does not list (the tool's own files, record updates).
    fn classify(&self, file: &FileHistory, change: &FileChange) -> Option<(ListKind, Entry)> {
        let path = file.path.as_str();
        let entry = |title: &str, url: Option<&str>, group: usize| Entry {
            title: title.to_string(),
            url: url.map(str::to_string),
            path: path.to_string(),
            group,
            time: 0,
            note: change.from.as_ref().map(|from| format!("{from} から移動")),
            commits: Vec::new(),
        };
        if is_page_source(path) {
            let kind = match change.kind {
                ChangeKind::Added => ListKind::PagesAdded,
                ChangeKind::Deleted => ListKind::PagesRemoved,
                _ => ListKind::PagesChanged,
            };
            let Some(&i) = self.pages.get(path).filter(|_| file.exists) else {
                let rel = path.strip_prefix(CONTENT_DIR).unwrap_or(path);
                let group = self.group_of_folder(parent_folder(rel.trim_start_matches('/')));
                return Some((kind, entry(path, None, group)));
            };
            let page = &self.input.content.pages[i];
            let group = self.group_of_folder(&self.input.content.sections[page.section].dir);
            return Some((kind, entry(&page.meta.title, Some(&page.url), group)));
        }
        if let Some(url) = record_url(path) {
            if change.kind != ChangeKind::Added || !file.exists {
                return None;
            }
            let (title, group) = self
                .generated
                .get(url.as_str())
                .copied()
                .unwrap_or((path, self.data_group));
            let url = self
                .generated
                .contains_key(url.as_str())
                .then_some(url.as_str());
            return Some((ListKind::RecordsAdded, entry(title, url, group)));
        }
        let is_data = path.starts_with("data/") || path == crate::config::CONFIG_FILE;
        is_data.then(|| (ListKind::DataChanged, entry(path, None, self.data_group)))
    }
}

/// `records/inquiries/_index.md` → `records/inquiries`; `a.md` → ``.
fn parent_folder(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// The page of a record file: `data/records/inquiries/INQ-1.yaml` →
/// `records/inquiries/INQ-1.html`, `data/sla/2027-01.yaml` → `records/sla/2027-01.html`.
fn record_url(path: &str) -> Option<String> {
    let stem = |file: &str| {
        file.strip_suffix(".yaml")
            .or_else(|| file.strip_suffix(".yml"))
            .map(str::to_string)
    };
    if let Some(rest) = path.strip_prefix("data/records/") {
        let (dir, file) = rest.split_once('/')?;
        return Some(format!("records/{dir}/{}.html", stem(file)?));
    }
    let file = path.strip_prefix("data/sla/")?;
    Some(format!("records/sla/{}.html", stem(file)?))
}
