//! Pages built from data rather than Markdown: a calendar month, a batch job, a
//! record. Each domain module contributes its pages here; the site renders them
//! with their own template and places them under a Markdown page for navigation.

use serde::Serialize;

use chrono::NaiveDate;

use crate::config::Config;
use crate::data::Data;
use crate::domain::OperatingCalendar;

pub mod batches;
pub mod calendar;
pub mod records;

#[derive(Debug, Clone, Serialize)]
pub struct GeneratedPage {
    /// Built file below the site root, `/`-separated: `calendar/2027-01.html`.
    pub url: String,
    pub title: String,
    /// Template below `templates/`.
    pub template: String,
    /// The Markdown page (path below `content/`) this page hangs under: its
    /// breadcrumbs lead there and the navigation opens at its place.
    pub parent: String,
    /// What the template shows, available to it as `item`.
    pub item: serde_json::Value,
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
