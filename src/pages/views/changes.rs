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
use crate::history::{ChangeKind, Commit, FileChange, FileHistory, is_page_source};

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
    /// From the site root; none for what is gone (then the title is its path).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Index into [`Changes::groups`]: the section the since-view lists it under.
    pub group: usize,
    /// The newest of its commits, seconds since 1970 (the navigation's mark).
    pub time: i64,
    /// `content/a.md から移動` for a page that moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Its commits, newest first, as indexes into [`Month::commits`].
    pub commits: Vec<u32>,
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
    /// How many entries the list has; `entries` may show fewer.
    pub total: usize,
    /// How many are left out of `entries`.
    pub more: usize,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Month {
    /// `2027-04`.
    pub key: String,
    /// `令和9年4月`.
    pub label: String,
    /// The month's commits that changed something listed, newest first.
    pub commits: Vec<CommitRef>,
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

/// How many entries a list of changes.html shows; the since-view (which reads
/// the scripts, src/render/changes.rs) lists them all.
pub const SHOWN_PER_LIST: usize = 50;

/// The page's data: [`Changes`] with at most [`SHOWN_PER_LIST`] entries a list,
/// and why the history may be empty.
pub fn page(input: &ViewInput<'_>) -> ChangesPage {
    let changes = changes(input, Some(SHOWN_PER_LIST));
    ChangesPage {
        months: changes.months,
        notice: input.history.notice().map(str::to_string),
    }
}

/// 更新履歴's data.
#[derive(Debug, Clone, Serialize)]
pub struct ChangesPage {
    months: Vec<Month>,
    /// Why the history is missing or short, if it is.
    notice: Option<String>,
}

/// Every month with changes, and the groups their entries are listed under;
/// with `limit`, only the most recently changed entries of each list.
pub fn changes(input: &ViewInput<'_>, limit: Option<usize>) -> Changes {
    let sort = Sorter::new(input);
    let mut months: Vec<MonthBuilder> = Vec::new();
    for c in gathered(input) {
        let key = (c.commit.date.year(), c.commit.date.month());
        if months.last().is_none_or(|m| m.key != key) {
            months.push(MonthBuilder::new(key));
        }
        if let Some(month) = months.last_mut() {
            month.add(c);
        }
    }
    Changes {
        months: months.into_iter().map(|m| m.finish(&sort, limit)).collect(),
        groups: sort.groups,
        newest: input.history.commits().first().map_or(0, |c| c.time),
    }
}

/// The months that have changes, newest first (the scripts' names).
pub fn month_keys(input: &ViewInput<'_>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for c in gathered(input) {
        let key = format!("{}-{:02}", c.commit.date.year(), c.commit.date.month());
        if keys.last() != Some(&key) {
            keys.push(key);
        }
    }
    keys
}

/// Every change the 更新履歴 lists, newest first, with its list.
fn gathered<'a>(input: &'a ViewInput<'_>) -> impl Iterator<Item = Listed<'a>> {
    let everything = input
        .history
        .changes_between(NaiveDate::MIN, NaiveDate::MAX);
    everything.into_iter().filter_map(|c| {
        list_of(c.file, c.change).map(|kind| Listed {
            kind,
            index: c.index,
            file: c.file,
            change: c.change,
            commit: c.commit,
            commit_index: c.change.commit,
        })
    })
}

struct Listed<'a> {
    kind: ListKind,
    index: usize,
    file: &'a FileHistory,
    change: &'a FileChange,
    commit: &'a Commit,
    commit_index: usize,
}

/// One file's changes in a month, before it becomes an [`Entry`] (only the
/// entries shown are made, with their strings).
struct Gathered<'a> {
    kind: ListKind,
    file: &'a FileHistory,
    /// The newest commit's time.
    time: i64,
    commits: Vec<u32>,
    note: Option<String>,
}

/// A month being gathered: its commits (each once) and its files' changes.
struct MonthBuilder<'a> {
    key: (i32, u32),
    commits: Vec<CommitRef>,
    /// History commit index → index in `commits`.
    slots: HashMap<usize, u32>,
    files: HashMap<usize, Gathered<'a>>,
}

impl<'a> MonthBuilder<'a> {
    fn new(key: (i32, u32)) -> Self {
        MonthBuilder {
            key,
            commits: Vec::new(),
            slots: HashMap::new(),
            files: HashMap::new(),
        }
    }

    fn add(&mut self, c: Listed<'a>) {
        let commit = self.commit(c.commit_index, c.commit);
        // Newest first: the first change met sets the time.
        let g = self.files.entry(c.index).or_insert_with(|| Gathered {
            kind: c.kind,
            file: c.file,
            time: c.commit.time,
            commits: Vec::new(),
            note: None,
        });
        g.kind = stronger(g.kind, c.kind);
        if g.note.is_none() {
            g.note = c
                .change
                .from
                .as_ref()
                .map(|from| format!("{from} から移動"));
        }
        g.commits.push(commit);
    }

    /// The index of a commit in the month's list, added when new.
    fn commit(&mut self, index: usize, commit: &Commit) -> u32 {
        let next = self.commits.len() as u32;
        let slot = *self.slots.entry(index).or_insert(next);
        if slot == next {
            self.commits.push(CommitRef {
                date: commit.date.to_string(),
                commit: commit.short.clone(),
                subject: commit.subject.clone(),
            });
        }
        slot
    }

    fn finish(self, sort: &Sorter<'_>, limit: Option<usize>) -> Month {
        let (year, month) = self.key;
        let mut gathered: Vec<Gathered<'_>> = self.files.into_values().collect();
        // Within a list, the most recently changed first.
        gathered.sort_by(|a, b| {
            (a.kind.cmp(&b.kind))
                .then(b.time.cmp(&a.time))
                .then(a.file.path.cmp(&b.file.path))
        });
        let mut lists: Vec<List> = Vec::new();
        for g in gathered {
            if lists.last().is_none_or(|l| l.kind != g.kind) {
                lists.push(List {
                    kind: g.kind,
                    title: g.kind.title(),
                    total: 0,
                    more: 0,
                    entries: Vec::new(),
                });
            }
            let Some(list) = lists.last_mut() else {
                continue;
            };
            list.total += 1;
            if limit.is_none_or(|n| list.entries.len() < n) {
                let mut entry = sort.entry(g.file, g.time);
                entry.commits = g.commits;
                entry.note = g.note;
                list.entries.push(entry);
            } else {
                list.more += 1;
            }
        }
        Month {
            key: format!("{year}-{month:02}"),
            label: crate::domain::wareki::format_month(year, month),
            commits: self.commits,
            lists,
        }
    }
}

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

    /// The entry of a file [`list_of`] lists, without its commits yet:
    /// a page's title and URL, a record's page, or the path.
    fn entry(&self, file: &FileHistory, time: i64) -> Entry {
        let path = file.path.as_str();
        let entry = |title: &str, url: Option<&str>, group: usize| Entry {
            title: title.to_string(),
            url: url.map(str::to_string),
            group,
            time,
            note: None,
            commits: Vec::new(),
        };
        if is_page_source(path) {
            let Some(&i) = self.pages.get(path).filter(|_| file.exists) else {
                let rel = path.strip_prefix(CONTENT_DIR).unwrap_or(path);
                let group = self.group_of_folder(parent_folder(rel.trim_start_matches('/')));
                return entry(path, None, group);
            };
            let page = &self.input.content.pages[i];
            let group = self.group_of_folder(&self.input.content.sections[page.section].dir);
            return entry(&page.meta.title, Some(&page.url), group);
        }
        if let Some(url) = record_url(path) {
            return match self.generated.get(url.as_str()) {
                Some(&(title, group)) => entry(title, Some(&url), group),
                None => entry(path, None, self.data_group),
            };
        }
        entry(path, None, self.data_group)
    }
}

/// The list a change goes in; none for what the 更新履歴 does not list (the
/// tool's own files, changes of records other than their addition).
fn list_of(file: &FileHistory, change: &FileChange) -> Option<ListKind> {
    let path = file.path.as_str();
    if is_page_source(path) {
        return Some(match change.kind {
            ChangeKind::Added => ListKind::PagesAdded,
            ChangeKind::Deleted => ListKind::PagesRemoved,
            _ => ListKind::PagesChanged,
        });
    }
    if record_url(path).is_some() {
        let added = change.kind == ChangeKind::Added && file.exists;
        return added.then_some(ListKind::RecordsAdded);
    }
    let is_data = path.starts_with("data/") || path == crate::config::CONFIG_FILE;
    is_data.then_some(ListKind::DataChanged)
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
