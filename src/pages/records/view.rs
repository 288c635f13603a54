//! The shapes record pages are drawn from: a sortable table for a list page, and
//! fields plus tables for one record. Every record kind is turned into these, so
//! two templates (`records-list.html`, `record.html`) draw them all.

use serde::Serialize;

/// One table cell: its text, an optional link, and the key it sorts by.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    pub text: String,
    /// Sorts by this instead of the text (ISO dates, zero-padded numbers).
    pub sort: Option<String>,
    pub url: Option<String>,
    /// A CSS class: `warn` for something late, `ok`, `muted`.
    pub class: Option<&'static str>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            ..Cell::default()
        }
    }

    pub fn link(text: impl Into<String>, url: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            url: Some(url.into()),
            ..Cell::default()
        }
    }

    pub fn opt(text: Option<impl ToString>) -> Cell {
        Cell::text(text.map_or_else(String::new, |t| t.to_string()))
    }

    pub fn sorted_by(mut self, key: impl Into<String>) -> Cell {
        self.sort = Some(key.into());
        self
    }

    pub fn with_class(mut self, class: &'static str) -> Cell {
        self.class = Some(class);
        self
    }

    pub fn number(n: u64) -> Cell {
        Cell::text(n.to_string()).sorted_by(format!("{n:012}"))
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct TableRow {
    pub cells: Vec<Cell>,
    /// What the list's status filter matches.
    pub status: Option<String>,
    /// A CSS class for the whole row (`warn`).
    pub class: Option<&'static str>,
    /// What the list's other filters match: `data-<name>="<value>"`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attrs: Vec<Attr>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Attr {
    pub name: String,
    pub value: String,
}

/// A filter of a list page beyond 区分: its label, the row attribute it
/// matches and the values it offers.
#[derive(Debug, Clone, Serialize)]
pub struct Facet {
    pub label: &'static str,
    pub name: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Table {
    pub columns: Vec<&'static str>,
    pub rows: Vec<TableRow>,
}

impl Table {
    pub fn new(columns: &[&'static str]) -> Table {
        Table {
            columns: columns.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, cells: Vec<Cell>) {
        self.rows.push(TableRow {
            cells,
            ..TableRow::default()
        });
    }
}

/// A list page of one record kind.
#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    pub kind: &'static str,
    pub intro: String,
    pub table: Table,
    /// The values the status filter offers (empty: no filter).
    pub statuses: Vec<String>,
    /// The kind's other filters (a work log's person, area and month).
    pub facets: Vec<Facet>,
    /// Other pages of the kind (the action board, the fiscal-year switch).
    pub links: Vec<Cell>,
    pub notes: Vec<String>,
}

/// A label and its value; `items` when the value is a list or a link.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub label: &'static str,
    pub text: String,
    pub items: Vec<Cell>,
    pub class: Option<&'static str>,
}

impl Field {
    pub fn new(label: &'static str, text: impl Into<String>) -> Field {
        Field {
            label,
            text: text.into(),
            items: Vec::new(),
            class: None,
        }
    }

    pub fn items(label: &'static str, items: Vec<Cell>) -> Field {
        Field {
            label,
            text: String::new(),
            items,
            class: None,
        }
    }
}

/// A titled part of a record page: a table, a list of lines, or both.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub title: String,
    pub table: Option<Table>,
    pub lines: Vec<String>,
}

/// The page of one record.
#[derive(Debug, Clone, Serialize)]
pub struct RecordView {
    pub kind: &'static str,
    pub id: String,
    /// The kind's list page, relative to this page.
    pub list_url: String,
    /// The YAML file it was read from, to edit.
    pub source: String,
    /// Things to act on (late, missing a report), shown at the top.
    pub alerts: Vec<String>,
    pub fields: Vec<Field>,
    pub sections: Vec<Section>,
}

/// The URL of a Markdown page (`operations/monitoring.md`) from a page at `from`.
pub fn page_url(from: &str, rel: &str) -> String {
    let url = match rel.strip_suffix("_index.md") {
        Some(dir) => format!("{dir}index.html"),
        None => format!("{}.html", rel.trim_end_matches(".md")),
    };
    format!("{}{url}", crate::content::links::root_prefix(from))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_are_relative_to_the_page_they_are_on() {
        assert_eq!(
            page_url("records/inquiries/INQ-1.html", "operations/monitoring.md"),
            "../../operations/monitoring.html"
        );
        assert_eq!(
            page_url("records/sla/index.html", "records/_index.md"),
            "../../records/index.html"
        );
    }
}
