//! Record pages: for each kind a sortable, filterable list and a page per record,
//! plus the SLA dashboard, the action-item board, the fiscal-year switch list and
//! the file server's folder tree. They hang under the explanation pages of
//! `content/records/`.

mod accounts;
mod meetings;
mod sla;
mod support;
pub mod svg;
pub mod view;
mod work;

use chrono::NaiveDate;
use serde::Serialize;

use super::{GeneratedPage, Inputs};
use crate::data::Data;
use crate::data::records::{Kind, Records};

/// The section the record pages live in, below `content/` and the site root.
pub const SECTION: &str = "records";

/// The explanation page a kind's pages hang under: `records/inquiries.md`.
pub fn parent(name: &str) -> String {
    format!("{SECTION}/{name}.md")
}

/// `records/inquiries/index.html`.
pub fn list_url(kind: Kind) -> String {
    format!("{SECTION}/{}/index.html", kind.dir())
}

/// `records/inquiries/INQ-2027-0001.html`.
pub fn record_url(kind: Kind, id: &str) -> String {
    format!("{SECTION}/{}/{id}.html", kind.dir())
}

/// A record's URL from another record page (both two folders deep).
pub fn record_link(kind: Kind, id: &str) -> String {
    format!("../{}/{id}.html", kind.dir())
}

/// What every record page builder reads.
pub struct Ctx<'a> {
    pub data: &'a Data,
    pub records: &'a Records,
    pub today: NaiveDate,
    pub inputs: &'a Inputs<'a>,
}

impl Ctx<'_> {
    pub fn person(&self, id: &str) -> String {
        self.data.person_name(id)
    }
}

pub fn page<T: Serialize>(
    url: String,
    title: String,
    template: &str,
    parent: String,
    item: &T,
) -> GeneratedPage {
    GeneratedPage {
        url,
        title,
        template: template.to_string(),
        parent,
        // Plain structs of strings and numbers always serialise.
        item: serde_json::to_value(item).unwrap_or_default(),
    }
}

pub fn pages(inputs: &Inputs<'_>) -> Vec<GeneratedPage> {
    let records = &inputs.data.records;
    let ctx = Ctx {
        data: inputs.data,
        records,
        today: inputs.today,
        inputs,
    };
    let mut pages = Vec::new();
    if records.is_empty() && records.fileserver.folders.is_empty() {
        return pages;
    }
    pages.extend(support::pages(&ctx));
    pages.extend(work::pages(&ctx));
    pages.extend(accounts::pages(&ctx));
    pages.extend(meetings::pages(&ctx));
    pages.extend(sla::pages(&ctx));
    pages
}

/// `2027-01-05 10:15` as a cell that sorts by itself.
pub fn when(stamp: crate::data::records::Stamp) -> view::Cell {
    let text = stamp.to_string();
    view::Cell::text(text.clone()).sorted_by(text)
}

pub fn day(date: NaiveDate) -> view::Cell {
    view::Cell::text(date.to_string()).sorted_by(date.to_string())
}

pub fn opt_day(date: Option<NaiveDate>) -> view::Cell {
    date.map_or_else(|| view::Cell::text("").sorted_by("9999"), day)
}

/// The path of the YAML file a record came from, for "edit here" notes.
pub fn source_path(source: &crate::data::Source) -> String {
    crate::diagnostics::display_path(&source.path)
}
