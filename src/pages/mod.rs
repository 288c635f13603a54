//! Pages built by tebiki rather than written in Markdown: from data (a calendar
//! month, a batch job, a record) and, once the Markdown pages are loaded, the
//! views that also list them (roles, freshness, search, 更新履歴; `views/`).
//! Each page has a typed item ([`Item`]) that names its template, and hangs
//! under a Markdown page for navigation.

use serde::Serialize;

use chrono::NaiveDate;

use crate::config::Config;
use crate::data::Data;
use crate::domain::OperatingCalendar;

pub mod batches;
pub mod calendar;
mod item;
pub mod records;
pub mod views;

pub use item::Item;

#[derive(Debug, Clone, Serialize)]
pub struct GeneratedPage {
    /// Built file below the site root, `/`-separated: `calendar/2027-01.html`.
    pub url: String,
    pub title: String,
    /// The Markdown page (path below `content/`) this page hangs under: its
    /// breadcrumbs lead there and the navigation opens at its place.
    pub parent: String,
    /// What the template shows, available to it as `item`.
    pub item: Item,
    /// The files below the project root the page is made from (a path ending in
    /// `/` is a folder: every file in it), for its 改訂履歴.
    pub sources: Vec<String>,
}

impl GeneratedPage {
    pub fn new(
        url: impl Into<String>,
        title: impl Into<String>,
        parent: impl Into<String>,
        item: impl Into<Item>,
    ) -> GeneratedPage {
        GeneratedPage {
            url: url.into(),
            title: title.into(),
            parent: parent.into(),
            item: item.into(),
            sources: Vec::new(),
        }
    }

    /// The page made from these files and folders.
    pub fn made_from(mut self, sources: &[&str]) -> GeneratedPage {
        self.sources = sources.iter().map(|s| s.to_string()).collect();
        self
    }

    /// Its template below `templates/`.
    pub fn template(&self) -> &'static str {
        self.item.template()
    }
}

/// What pages are generated from: the project as loaded so far.
pub struct Inputs<'a> {
    pub config: &'a Config,
    pub data: &'a Data,
    pub calendar: &'a OperatingCalendar,
    pub today: NaiveDate,
    /// The batch plan: nightly parameters, deadlines, notices.
    pub batches: &'a crate::data::batches::Batches,
    /// The edition without personal data.
    pub redacted: bool,
}

/// Every generated page of the project. Their URLs are known before links are
/// checked, so Markdown can link to them (`../calendar/2027-01.html`).
pub fn generate(inputs: &Inputs<'_>) -> Vec<GeneratedPage> {
    let mut pages = Vec::new();
    pages.extend(calendar::pages(inputs));
    pages.extend(batches::pages(inputs));
    pages.extend(records::pages(inputs));
    pages
}
