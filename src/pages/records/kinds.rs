//! The list page and the page of each record, for every kind, from its
//! declaration: the list shows the fields declared for the list, a record's page
//! those declared for it, plus the kind's alerts and sections.

use super::view::{
    Attr, Cell, Facet, Field, ListView, RecordView, Section, Table, TableRow, page_url,
};
use super::{Ctx, page, source_path};
use crate::data::Data;
use crate::data::records::kind::{ListRows, RecordKind, Views};
use crate::data::records::value::{Env, Grid, Value, join_dates, join_names};
use crate::data::records::{Kind, KindVisitor};
use crate::pages::GeneratedPage;

/// `records/inquiries/index.html`.
pub fn list_url(kind: Kind) -> String {
    format!("{}/{}/index.html", super::SECTION, kind.dir())
}

/// `records/inquiries/INQ-2027-0001.html`.
pub fn record_url(kind: Kind, id: &str) -> String {
    format!("{}/{}/{id}.html", super::SECTION, kind.dir())
}

/// A record's URL from the page at `from`, as short as it can be written:
/// `Q2.html` beside it, `../incidents/I1.html` from another kind's page.
pub fn record_href(from: &str, kind: Kind, id: &str) -> String {
    relative(from, &record_url(kind, id))
}

/// The URL of `to` from the page at `from`, both `/`-separated below the site root.
fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let common = from_dirs
        .iter()
        .zip(&to_parts[..to_parts.len() - 1])
        .take_while(|(a, b)| a == b)
        .count();
    let mut url = "../".repeat(from_dirs.len() - common);
    url.push_str(&to_parts[common..].join("/"));
    url
}

/// Every kind's list page and record pages.
pub fn pages(ctx: &Ctx<'_>) -> Vec<GeneratedPage> {
    let mut site = SitePages {
        env: ctx.env(),
        pages: Vec::new(),
    };
    ctx.records.visit(&mut site);
    site.pages
}

struct SitePages<'a> {
    env: Env<'a>,
    pages: Vec<GeneratedPage>,
}

impl KindVisitor for SitePages<'_> {
    fn visit<R: RecordKind>(&mut self, records: &[R]) {
        if !R::ABOUT.pages || records.is_empty() {
            return;
        }
        let about = &R::ABOUT;
        let url = list_url(R::KIND);
        let folder = format!("data/records/{}/", about.dir);
        self.pages.push(
            page(
                url.clone(),
                R::list_title(),
                about.page.to_string(),
                list_view(records, &self.env, &url),
            )
            .made_from(&[&folder]),
        );
        for r in records {
            let url = record_url(R::KIND, r.id());
            let view = record_view(r, &self.env, &url);
            let own = source_path(r.source());
            self.pages
                .push(page(url, r.title(), about.page.to_string(), view).made_from(&[&own]));
        }
    }
}

fn list_view<R: RecordKind>(records: &[R], env: &Env<'_>, from: &str) -> ListView {
    let (table, facets) = match R::list_rows(records, env) {
        Some(rows) => own_rows(&rows, from, env.data),
        None => (field_rows(records, env, from), Vec::new()),
    };
    ListView {
        kind: R::ABOUT.name,
        intro: R::intro(records, env),
        table,
        statuses: R::filters(),
        facets,
        links: R::links(records)
            .into_iter()
            .map(|(text, url)| Cell::link(text, url))
            .collect(),
        notes: R::notes(),
    }
}

/// The kind's own rows, each with the value of every filter.
fn own_rows(rows: &ListRows, from: &str, data: &Data) -> (Table, Vec<Facet>) {
    let mut table = table(&rows.grid, from, data);
    let mut facets = Vec::new();
    for (n, filter) in rows.filters.iter().enumerate() {
        let name = format!("f{}", n + 1);
        for (row, value) in table.rows.iter_mut().zip(&filter.rows) {
            row.attrs.push(Attr {
                name: name.clone(),
                value: value.clone(),
            });
        }
        facets.push(Facet {
            label: filter.label,
            name,
            values: filter.values.clone(),
        });
    }
    (table, facets)
}

/// One row per record, of the fields declared for the list.
fn field_rows<R: RecordKind>(records: &[R], env: &Env<'_>, from: &str) -> Table {
    let shown: Vec<_> = R::FIELDS
        .iter()
        .filter(|f| f.views.has(Views::LIST))
        .collect();
    let mut table = Table::new(&shown.iter().map(|f| f.label).collect::<Vec<_>>());
    for r in records {
        table.rows.push(TableRow {
            cells: shown
                .iter()
                .map(|f| cell(&f.eval(r, env), from, env.data))
                .collect(),
            status: r.filter(env),
            class: r.flag(env).class(),
            attrs: Vec::new(),
        });
    }
    table
}

fn record_view<R: RecordKind>(r: &R, env: &Env<'_>, from: &str) -> RecordView {
    let fields = R::FIELDS
        .iter()
        .filter(|f| f.views.has(Views::DETAIL))
        .map(|f| field(f.label, &f.eval(r, env), from, env.data))
        .collect();
    RecordView {
        kind: R::ABOUT.name,
        id: r.id().to_string(),
        list_url: "index.html".into(),
        source: source_path(r.source()),
        alerts: r.alerts(env),
        fields,
        sections: r
            .sections(env)
            .into_iter()
            .map(|s| Section {
                title: s.title,
                table: s.grid.map(|g| table(&g, from, env.data)),
                lines: s.lines,
            })
            .collect(),
    }
}

/// A table of values as the site shows it.
pub fn table(grid: &Grid, from: &str, data: &Data) -> Table {
    Table {
        columns: grid.columns.iter().map(|c| c.label).collect(),
        rows: grid
            .rows
            .iter()
            .map(|row| TableRow {
                cells: row.values.iter().map(|v| cell(v, from, data)).collect(),
                status: row.filter.clone(),
                class: row.flag.class(),
                attrs: Vec::new(),
            })
            .collect(),
    }
}

/// One value as a table cell on the page at `from`: text, a link, the key it
/// sorts by (ISO dates, zero-padded numbers) and the class of a flag.
pub fn cell(value: &Value, from: &str, data: &Data) -> Cell {
    match value {
        Value::Empty => Cell::text(""),
        Value::Text(s) | Value::Long(s) => Cell::text(s),
        Value::Label(s) => Cell::text(*s),
        Value::Date(d) => Cell::text(d.to_string()).sorted_by(d.to_string()),
        Value::Stamp(s) => Cell::text(s.to_string()).sorted_by(s.to_string()),
        Value::Time(t) => Cell::text(t.to_string()).sorted_by(format!("{:04}", t.minutes())),
        Value::Number(n) => Cell::text(n.to_string()).sorted_by(format!("{n:012}")),
        Value::Person(p) => Cell::text(data.person_name(p)),
        Value::People(v) => Cell::text(join_names(data, v)),
        Value::Record(kind, id) => Cell::link(id, record_href(from, *kind, id)),
        Value::Pages(v) => Cell::text(v.join("、")),
        Value::Dates(v) => Cell::text(join_dates(v)),
        Value::Lines(v) => Cell::text(
            v.iter()
                .map(|x| cell(x, from, data).text)
                .collect::<Vec<_>>()
                .join(" ／ "),
        ),
        Value::Join(v) => {
            let cells: Vec<Cell> = v.iter().map(|x| cell(x, from, data)).collect();
            let sort = cells.first().and_then(|c| c.sort.clone());
            let text: String = cells.into_iter().map(|c| c.text).collect();
            match sort {
                Some(key) => Cell::text(text).sorted_by(key),
                None => Cell::text(text),
            }
        }
        Value::Missing(word) => Cell::text(*word).with_class("warn"),
        Value::Flagged(flag, v) => {
            let c = cell(v, from, data);
            match flag.class() {
                Some(class) => c.with_class(class),
                None => c,
            }
        }
    }
}

/// One labelled value on a record's page: links become items.
fn field(label: &'static str, value: &Value, from: &str, data: &Data) -> Field {
    let items: Vec<Cell> = match value {
        Value::Pages(pages) => pages
            .iter()
            .map(|rel| Cell::link(rel, page_url(from, rel)))
            .collect(),
        Value::Record(..) => vec![cell(value, from, data)],
        Value::Lines(v) if v.iter().any(|x| matches!(x, Value::Record(..))) => {
            v.iter().map(|x| cell(x, from, data)).collect()
        }
        Value::People(ids) => ids
            .iter()
            .map(|id| Cell::text(data.person_name(id)))
            .collect(),
        _ => Vec::new(),
    };
    if items.is_empty() {
        let c = cell(value, from, data);
        let mut f = Field::new(label, c.text);
        f.class = c.class;
        f
    } else {
        Field::items(label, items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_links_are_relative_to_the_page_they_are_on() {
        let from = "records/inquiries/Q1.html";
        assert_eq!(record_href(from, Kind::Inquiries, "Q2"), "Q2.html");
        assert_eq!(
            record_href(from, Kind::Incidents, "I1"),
            "../incidents/I1.html"
        );
        assert_eq!(
            record_href("index.html", Kind::Meetings, "M1"),
            "records/meetings/M1.html"
        );
        assert_eq!(
            record_href("roles/x/y.html", Kind::Meetings, "M1"),
            "../../records/meetings/M1.html"
        );
    }
}
