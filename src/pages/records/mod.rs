//! Record pages: for each kind a sortable, filterable list and a page per record
//! (from the kinds' declarations, `kinds.rs`), plus the SLA dashboard, the
//! action-item board, the fiscal-year switch lists and the file server's folder
//! tree. They hang under the explanation pages of `content/records/`.

pub mod board;
pub mod fileserver;
pub mod kinds;
pub mod sla;
pub mod svg;
mod switch;
pub mod view;

use super::{GeneratedPage, Inputs, Item};
use crate::data::Data;
use crate::data::records::Records;
use crate::data::records::value::Env;
use chrono::NaiveDate;

pub use kinds::{list_url, record_url};

/// The section the record pages live in, below `content/` and the site root.
pub const SECTION: &str = "records";

/// The explanation page a page hangs under: `records/inquiries.md`.
pub fn parent(name: &str) -> String {
    format!("{SECTION}/{name}.md")
}

/// What every record page builder reads.
pub struct Ctx<'a> {
    pub data: &'a Data,
    pub records: &'a Records,
    pub today: NaiveDate,
    pub inputs: &'a Inputs<'a>,
}

impl<'a> Ctx<'a> {
    pub fn person(&self, id: &str) -> String {
        self.data.person_name(id)
    }

    /// Values as they stand today.
    pub fn env(&self) -> Env<'a> {
        Env {
            data: self.data,
            day: self.today,
            notification_minutes: self.inputs.config.sla.notification_minutes,
            redacted: self.inputs.redacted,
        }
    }
}

pub fn page(url: String, title: String, parent: String, item: impl Into<Item>) -> GeneratedPage {
    GeneratedPage::new(url, title, parent, item)
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
    pages.extend(kinds::pages(&ctx));
    pages.extend(switch::pages(&ctx));
    pages.extend(board::pages(&ctx));
    pages.extend(fileserver::pages(&ctx));
    pages.extend(sla::pages(&ctx));
    pages
}

/// The path of the YAML file a record came from, for "edit here" notes.
pub fn source_path(source: &crate::data::Source) -> String {
    crate::diagnostics::display_path(&source.path)
}
