//! What a record kind's declaration produces, before any output is chosen: a
//! [`Value`] per field, tables of values ([`Grid`]), and the titled parts of a
//! record page, a ledger workbook and the monthly report made of them. Each
//! renderer (site, xlsx, PDF) turns these into its own cells in one place, so a
//! column's header and its cells always come from the same declaration.

use chrono::NaiveDate;

use super::Kind;
use crate::data::Data;
use crate::domain::{ClockTime, Stamp};

/// One field's value, saying how it is shown rather than how it is stored.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    /// Narrative text (a summary, an answer, a cause): wraps in cells.
    Long(String),
    /// An enum's Japanese label.
    Label(&'static str),
    Date(NaiveDate),
    Stamp(Stamp),
    Time(ClockTime),
    Number(i64),
    /// A staff or actor id, shown by its display name.
    Person(String),
    People(Vec<String>),
    /// Another record, linked to its page.
    Record(Kind, String),
    /// Handbook pages (paths below `content/`), linked.
    Pages(Vec<String>),
    Dates(Vec<NaiveDate>),
    /// Values one per line.
    Lines(Vec<Value>),
    /// Values side by side (`2027-01-05〜2027-01-07`).
    Join(Vec<Value>),
    /// A value to notice (late, open), with the sort key it keeps.
    Flagged(Flag, Box<Value>),
    /// A value that should be there and is not: the site and the report say so
    /// (`未`, `未確認`), a ledger cell stays empty.
    Missing(&'static str),
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    pub fn opt_text(s: &Option<String>) -> Value {
        s.as_ref().map_or(Value::Empty, |s| Value::Text(s.clone()))
    }

    pub fn opt_long(s: &Option<String>) -> Value {
        s.as_ref().map_or(Value::Empty, |s| Value::Long(s.clone()))
    }

    pub fn opt_person(id: &Option<String>) -> Value {
        id.as_ref()
            .map_or(Value::Empty, |p| Value::Person(p.clone()))
    }

    pub fn opt_date(d: Option<NaiveDate>) -> Value {
        d.map_or(Value::Empty, Value::Date)
    }

    pub fn opt_stamp(s: Option<Stamp>) -> Value {
        s.map_or(Value::Empty, Value::Stamp)
    }

    pub fn opt_record(kind: Kind, id: &Option<String>) -> Value {
        id.as_ref()
            .map_or(Value::Empty, |id| Value::Record(kind, id.clone()))
    }

    pub fn flagged(self, flag: Flag) -> Value {
        match flag {
            Flag::None => self,
            flag => Value::Flagged(flag, Box::new(self)),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) | Value::Long(s) => s.is_empty(),
            Value::People(v) | Value::Pages(v) => v.is_empty(),
            Value::Dates(v) => v.is_empty(),
            Value::Lines(v) | Value::Join(v) => v.iter().all(Value::is_empty),
            _ => false,
        }
    }

    /// The flag of a flagged value.
    pub fn flag(&self) -> Flag {
        match self {
            Value::Flagged(f, _) => *f,
            Value::Missing(_) => Flag::Warn,
            _ => Flag::None,
        }
    }

    /// Every staff or actor id the value names, for reference checks.
    pub fn people(&self) -> Vec<&str> {
        match self {
            Value::Person(p) => vec![p.as_str()],
            Value::People(v) => v.iter().map(String::as_str).collect(),
            Value::Lines(v) | Value::Join(v) => v.iter().flat_map(Value::people).collect(),
            Value::Flagged(_, v) => v.people(),
            _ => Vec::new(),
        }
    }

    /// Plain text with dates as ISO dates and people by name: what a search,
    /// a comparison or a note reads.
    pub fn plain(&self, data: &Data) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) | Value::Long(s) => s.clone(),
            Value::Label(s) => (*s).to_string(),
            Value::Date(d) => d.to_string(),
            Value::Stamp(s) => s.to_string(),
            Value::Time(t) => t.to_string(),
            Value::Number(n) => n.to_string(),
            Value::Person(p) => data.person_name(p),
            Value::People(v) => join_names(data, v),
            Value::Record(_, id) => id.clone(),
            Value::Pages(v) => v.join("、"),
            Value::Dates(v) => join_dates(v),
            Value::Lines(v) => v
                .iter()
                .map(|x| x.plain(data))
                .collect::<Vec<_>>()
                .join("\n"),
            Value::Join(v) => v.iter().map(|x| x.plain(data)).collect(),
            Value::Flagged(_, v) => v.plain(data),
            Value::Missing(word) => (*word).to_string(),
        }
    }
}

pub fn join_names(data: &Data, ids: &[String]) -> String {
    ids.iter()
        .map(|id| data.person_name(id))
        .collect::<Vec<_>>()
        .join("、")
}

pub fn join_dates(dates: &[NaiveDate]) -> String {
    dates
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("、")
}

/// Something a row or a value asks the reader to notice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Flag {
    #[default]
    None,
    /// Late or missing: the site's `warn`, the ledger's yellow row.
    Warn,
    /// Still being handled.
    Open,
    /// No longer in force (an expired account).
    Muted,
}

impl Flag {
    /// The CSS class of the site.
    pub fn class(self) -> Option<&'static str> {
        match self {
            Flag::None => None,
            Flag::Warn => Some("warn"),
            Flag::Open => Some("open"),
            Flag::Muted => Some("muted"),
        }
    }
}

/// What a value is worked out against: the data (names, other records) and the
/// day it is judged on — today for the site and the ledgers, the last day of
/// the month for the monthly report, so a report made later says the same.
#[derive(Debug, Clone, Copy)]
pub struct Env<'a> {
    pub data: &'a Data,
    pub day: NaiveDate,
    /// 所定時間 of the incident notification (tebiki.yaml `sla.notification_minutes`).
    pub notification_minutes: u32,
    /// The edition without personal data.
    pub redacted: bool,
}

/// A column of a [`Grid`]: its header and how wide it is in each output.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub label: &'static str,
    pub width: Width,
    /// Share of the report's width (`n fr`); 0 fits the content.
    pub weight: u32,
    /// The values of an enum field: a list in the ledger.
    pub choices: Option<ChoiceList>,
}

/// The (key, label) of every value of an enum field, compared by the values.
#[derive(Clone, Copy)]
pub struct ChoiceList(pub super::kind::Choices);

impl ChoiceList {
    pub fn labels(&self) -> Vec<String> {
        (self.0)().into_iter().map(|(_, l)| l.to_string()).collect()
    }
}

impl PartialEq for ChoiceList {
    fn eq(&self, other: &Self) -> bool {
        (self.0)() == (other.0)()
    }
}

impl std::fmt::Debug for ChoiceList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.labels()).finish()
    }
}

/// How wide an Excel column is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Width {
    /// Fitted to the content.
    Fit,
    /// Wrapped at this many characters.
    Wrap(f64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub values: Vec<Value>,
    pub flag: Flag,
    /// What the site list's filter matches.
    pub filter: Option<String>,
}

/// A table of values: every record list, ledger sheet and report table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Grid {
    /// A table with fitted columns of the given weights, for counts and sums.
    pub fn plain(columns: &[(&'static str, u32)]) -> Grid {
        Grid {
            columns: columns
                .iter()
                .map(|&(label, weight)| Column {
                    label,
                    width: Width::Fit,
                    weight,
                    choices: None,
                })
                .collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, values: Vec<Value>) {
        self.rows.push(Row {
            values,
            flag: Flag::None,
            filter: None,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// A titled part of a record page: lines, a table, or both.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    pub lines: Vec<String>,
    pub grid: Option<Grid>,
}

impl Section {
    pub fn lines(title: impl Into<String>, lines: Vec<String>) -> Section {
        Section {
            title: title.into(),
            lines,
            grid: None,
        }
    }

    pub fn table(title: impl Into<String>, grid: Grid) -> Section {
        Section {
            title: title.into(),
            lines: Vec::new(),
            grid: (!grid.is_empty()).then_some(grid),
        }
    }
}

/// One sheet of a ledger workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub title: String,
    pub notes: Vec<String>,
    /// A No. column first.
    pub numbered: bool,
    pub grid: Grid,
}

/// One part of the monthly report's section of a kind: an optional sub-heading,
/// a note under it, the table, and what is said when it is empty.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportPart {
    pub heading: Option<&'static str>,
    pub note: Option<String>,
    pub grid: Grid,
    pub empty: String,
}
