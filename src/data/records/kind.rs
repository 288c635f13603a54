//! A record kind, declared once: its folder, its Japanese name, its id rule, its
//! fields (label, how a value is shown, where it appears, how wide, whether it
//! names a person, whether `tebiki new` writes it) and its derived values. The
//! site's list and record pages, the ledger workbooks, the monthly report, the
//! scaffolds, the JSON Schemas and the reference checks all read the
//! declaration, so adding a field or a kind is one entry, not one per output.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;

use super::Kind;
use super::value::{Column, Env, Flag, Grid, ReportPart, Row, Section, Sheet, Value, Width};
use crate::data::Source;
use crate::diagnostics::Diagnostics;

/// What a kind is, apart from its fields.
#[derive(Debug, Clone, Copy)]
pub struct About {
    /// The folder below `data/records/`, also the site's folder of its pages.
    pub dir: &'static str,
    /// The Japanese name: 問合せ・依頼.
    pub name: &'static str,
    /// The name `tebiki new <command>` takes: `inquiry`.
    pub command: &'static str,
    /// How a new record's id (its file name) is made.
    pub ids: IdRule,
    /// Its JSON Schema, below `schemas/`.
    pub schema: &'static str,
    /// The explanation page below `content/` the kind's pages hang under.
    pub page: &'static str,
    /// Whether the site has a list page and a page per record.
    pub pages: bool,
    /// Its sheet in a ledger workbook (§5), if it has one.
    pub ledger: Option<LedgerSheet>,
    /// Its place in ⑥ 月間作業実績報告書, if it has one.
    pub report: Option<ReportSection>,
}

/// A list page's rows made by the kind, and its filters.
pub struct ListRows {
    pub grid: Grid,
    pub filters: Vec<ListFilter>,
}

/// One filter of a list: its label, the values it offers, and each row's value.
pub struct ListFilter {
    pub label: &'static str,
    pub values: Vec<String>,
    /// One per row of the grid.
    pub rows: Vec<String>,
}

/// How `tebiki new` names a record (the file name is the id).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdRule {
    /// `INQ-2027-0001`: the prefix, this year, the next number of the year.
    Yearly { prefix: &'static str, width: usize },
    /// `ACC-0001`: the prefix and the next number.
    Numbered { prefix: &'static str, width: usize },
    /// `MTG-2027-01-27-teirei`: the prefix, today and the NAME argument.
    Dated { prefix: &'static str },
    /// `fy2027`: the fiscal year after the latest one on file.
    FiscalYear,
}

/// A ledger workbook (§5 ③④⑤⑦): several kinds may share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Book {
    pub file: &'static str,
    pub title: &'static str,
    /// The deliverable's id in `data/deliverables.yaml` (`d5`).
    pub deliverable: &'static str,
}

/// A kind's own sheet in a workbook.
#[derive(Debug, Clone, Copy)]
pub struct LedgerSheet {
    pub book: &'static Book,
    pub sheet: &'static str,
    pub title: &'static str,
    /// A line under the title (what a shaded row means).
    pub note: Option<&'static str>,
    /// A No. column first, as an office numbers a ledger's lines.
    pub numbered: bool,
}

/// Where a kind's table sits in the monthly report: the chapter (kinds next to
/// each other with the same chapter share its heading), a sub-heading, a note,
/// and what is said when the month has none.
#[derive(Debug, Clone, Copy)]
pub struct ReportSection {
    pub chapter: &'static str,
    pub heading: Option<&'static str>,
    pub note: Option<&'static str>,
    pub empty: &'static str,
}

/// The outputs a field appears in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Views(u8);

impl Views {
    /// The site's list page of the kind.
    pub const LIST: Views = Views(1);
    /// The site's page of one record.
    pub const DETAIL: Views = Views(2);
    /// The kind's sheet of its ledger workbook.
    pub const LEDGER: Views = Views(4);
    /// The kind's table in the monthly report.
    pub const REPORT: Views = Views(8);
    /// The 詳細 sheet beside the ledger sheet, keyed by the record's ID: long
    /// narrative fields, so the ledger prints on A4 at a legible size.
    pub const LEDGER_DETAIL: Views = Views(16);

    pub const fn has(self, view: Views) -> bool {
        self.0 & view.0 != 0
    }

    const fn with(self, view: Views) -> Views {
        Views(self.0 | view.0)
    }

    const fn without(self, view: Views) -> Views {
        Views(self.0 & !view.0)
    }
}

/// What `tebiki new` writes for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scaffold {
    /// Not written: optional, for the person to add.
    Omit,
    /// Written with this starting value.
    Required(Start),
}

/// The starting value of a scaffolded field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// The time of the request: `2027-01-05 09:30`.
    Now,
    /// Today: `2027-01-05`.
    Today,
    /// The time of day of the request, quoted: `"09:30"`.
    TimeNow,
    /// The contractor's actor id (tebiki.yaml `organisation.contractor_actor`).
    Contractor,
    /// The first staff member of `data/staff.yaml` (the contractor without one).
    Staff,
    /// `""`, for the person to write.
    EmptyText,
    /// `[]`.
    EmptyList,
    /// An enum key or another literal YAML value.
    Literal(&'static str),
    /// The NAME argument of `tebiki new`, or this when none is given.
    NameOr(&'static str),
    /// `{from: today, to: today}`.
    TodaySpan,
    /// A history whose first entry registers the record today.
    Registration,
    /// The fiscal year of the new id (`fy2027` → 2027).
    FiscalYear,
    /// A work-log entry for each of the contractor's staff, over the day's
    /// contractor hours.
    DutyEntries,
}

/// The (key, label) of every value an enum field allows.
pub type Choices = fn() -> Vec<(String, &'static str)>;

/// One field of a kind, in the order the outputs show them.
pub struct Field<R: 'static> {
    /// The key in the YAML file; empty for a derived value.
    pub key: &'static str,
    pub label: &'static str,
    pub value: fn(&R, &Env<'_>) -> Value,
    pub views: Views,
    pub width: Width,
    pub weight: u32,
    /// It names a person: staff names follow the redaction rules (masked in the
    /// redacted edition, where free text of such a field is dropped too).
    pub personal: bool,
    pub scaffold: Scaffold,
    /// The allowed values (key, label) of an enum field, for scaffolds.
    pub choices: Option<Choices>,
    /// What to write, for scaffold comments and schema descriptions.
    pub help: &'static str,
}

impl<R: 'static> Field<R> {
    /// A field shown on the record page only; the builder methods add outputs.
    pub const fn new(
        key: &'static str,
        label: &'static str,
        value: fn(&R, &Env<'_>) -> Value,
    ) -> Self {
        Field {
            key,
            label,
            value,
            views: Views::DETAIL,
            width: Width::Fit,
            weight: 0,
            personal: false,
            scaffold: Scaffold::Omit,
            choices: None,
            help: "",
        }
    }

    /// In the site's list table too.
    pub const fn list(mut self) -> Self {
        self.views = self.views.with(Views::LIST);
        self
    }

    /// In the ledger sheet too.
    pub const fn ledger(mut self) -> Self {
        self.views = self.views.with(Views::LEDGER);
        self
    }

    /// In the ledger's 詳細 sheet (keyed by ID), not on the ledger sheet itself.
    pub const fn ledger_detail(mut self) -> Self {
        self.views = self.views.with(Views::LEDGER_DETAIL);
        self
    }

    /// In the monthly report's table too, with this share of its width.
    pub const fn report(mut self, weight: u32) -> Self {
        self.views = self.views.with(Views::REPORT);
        self.weight = weight;
        self
    }

    /// Only in the monthly report (a column that joins several fields for print).
    pub const fn report_only(mut self, weight: u32) -> Self {
        self.views = Views::REPORT;
        self.weight = weight;
        self
    }

    /// Not on the record page (shown there another way).
    pub const fn not_on_page(mut self) -> Self {
        self.views = self.views.without(Views::DETAIL);
        self
    }

    /// Wrapped at `width` characters in Excel.
    pub const fn wrap(mut self, width: f64) -> Self {
        self.width = Width::Wrap(width);
        self
    }

    pub const fn personal(mut self) -> Self {
        self.personal = true;
        self
    }

    pub const fn required(mut self, start: Start) -> Self {
        self.scaffold = Scaffold::Required(start);
        self
    }

    pub const fn choices(mut self, choices: Choices) -> Self {
        self.choices = Some(choices);
        self
    }

    pub const fn help(mut self, help: &'static str) -> Self {
        self.help = help;
        self
    }

    /// The field's value for one record. In the redacted edition a personal
    /// field's free text is dropped (people are masked by name already).
    pub fn eval(&self, record: &R, env: &Env<'_>) -> Value {
        let value = (self.value)(record, env);
        if self.personal && env.redacted && value.people().is_empty() && !value.is_empty() {
            return Value::text(crate::data::MASK);
        }
        value
    }

    pub fn column(&self) -> Column {
        Column {
            label: self.label,
            width: self.width,
            weight: self.weight,
            choices: self.choices.map(super::value::ChoiceList),
        }
    }
}

/// The fields of `fields` shown in `view`, as a table of `rows`.
pub fn grid<'r, S: 'static>(
    fields: &[Field<S>],
    view: Views,
    rows: impl IntoIterator<Item = &'r S>,
    env: &Env<'_>,
    flag: impl Fn(&S) -> Flag,
) -> Grid {
    let shown: Vec<&Field<S>> = fields.iter().filter(|f| f.views.has(view)).collect();
    grid_of(&shown, rows, env, flag)
}

/// The table of `shown` fields over `rows`.
fn grid_of<'r, S: 'static>(
    shown: &[&Field<S>],
    rows: impl IntoIterator<Item = &'r S>,
    env: &Env<'_>,
    flag: impl Fn(&S) -> Flag,
) -> Grid {
    Grid {
        columns: shown.iter().map(|f| f.column()).collect(),
        rows: rows
            .into_iter()
            .map(|r| Row {
                values: shown.iter().map(|f| f.eval(r, env)).collect(),
                flag: flag(r),
                filter: None,
            })
            .collect(),
    }
}

/// One kind of record: a type read from `data/records/<dir>/<id>.yaml` and its
/// declaration. Only [`RecordKind::ABOUT`], [`RecordKind::FIELDS`] and the
/// accessors are required; the rest has defaults a kind overrides for what is
/// its own (an incident's timeline, an account's history).
pub trait RecordKind: DeserializeOwned + schemars::JsonSchema + Sized + 'static {
    const KIND: Kind;
    const ABOUT: About;
    const FIELDS: &'static [Field<Self>];

    fn id(&self) -> &str;
    fn source(&self) -> &Source;
    /// The id and source, set from the file the record was read from.
    fn origin(&mut self) -> (&mut String, &mut Source);
    /// The day the record is filed under: its month in the monthly report.
    fn date(&self) -> NaiveDate;

    /// Every day the record shows work on (an account's changes, say).
    fn dates(&self) -> Vec<NaiveDate> {
        vec![self.date()]
    }

    /// The title of the kind's list page.
    fn list_title() -> String {
        format!("{} 一覧", Self::ABOUT.name)
    }

    /// The title of its page.
    fn title(&self) -> String {
        format!("{} {}", Self::ABOUT.name, self.id())
    }

    /// The order of the kind's lists: by date, then id.
    fn sort(records: &mut [Self]) {
        records.sort_by(|a, b| (a.date(), a.id()).cmp(&(b.date(), b.id())));
    }

    /// What the row asks the reader to notice, on `env.day`.
    fn flag(&self, _env: &Env<'_>) -> Flag {
        Flag::None
    }

    /// The values of the list's 区分 filter, and the record's own.
    fn filters() -> Vec<String> {
        Vec::new()
    }

    fn filter(&self, _env: &Env<'_>) -> Option<String> {
        None
    }

    /// The list's rows when they are not the records themselves (a work log
    /// lists its entries), with filters of their own.
    fn list_rows(_records: &[Self], _env: &Env<'_>) -> Option<ListRows> {
        None
    }

    /// The sentence above the list.
    fn intro(records: &[Self], _env: &Env<'_>) -> String {
        format!("{} 件。", records.len())
    }

    /// Other pages of the kind linked from its list: (text, URL from the list).
    fn links(_records: &[Self]) -> Vec<(String, String)> {
        Vec::new()
    }

    /// Notes under the list.
    fn notes() -> Vec<String> {
        Vec::new()
    }

    /// Things to act on, at the top of the record's page.
    fn alerts(&self, _env: &Env<'_>) -> Vec<String> {
        Vec::new()
    }

    /// Parts of the record's page beyond its fields.
    fn sections(&self, _env: &Env<'_>) -> Vec<Section> {
        Vec::new()
    }

    /// The kind's sheets of its ledger workbook: its own sheet by default.
    fn sheets(records: &[Self], env: &Env<'_>) -> Vec<Sheet> {
        own_sheets(records, env)
    }

    /// Whether the record belongs in the report of the month `first..=last`.
    fn in_month(&self, first: NaiveDate, last: NaiveDate) -> bool {
        self.dates().iter().any(|d| (first..=last).contains(d))
    }

    /// The kind's parts of the monthly report of `first..=env.day`, from the
    /// month's records: its declared table by default.
    fn report(month: &[&Self], _first: NaiveDate, env: &Env<'_>) -> Vec<ReportPart> {
        report_table(month.iter().copied(), env)
            .into_iter()
            .collect()
    }

    /// Checks of the kind beyond the declared references (the order of its
    /// times, its status against its dates).
    fn check(&self, _refs: &super::check::Refs<'_>, _diags: &mut Diagnostics) {}

    /// Checks across the kind's records (a user ID used twice).
    fn check_all(_records: &[Self], _refs: &super::check::Refs<'_>, _diags: &mut Diagnostics) {}
}

/// The kind's own ledger sheet, from its LEDGER fields, and its 詳細 sheet
/// (the ID and the LEDGER_DETAIL fields) when it declares any.
pub fn own_sheets<R: RecordKind>(records: &[R], env: &Env<'_>) -> Vec<Sheet> {
    let Some(ledger) = R::ABOUT.ledger else {
        return Vec::new();
    };
    let grid = grid(R::FIELDS, Views::LEDGER, records, env, |r| r.flag(env));
    let mut notes: Vec<String> = ledger.note.map(str::to_string).into_iter().collect();
    if has_examples(records, env) {
        notes.push(EXAMPLE_NOTE.to_string());
    }
    let mut sheets = vec![Sheet {
        name: ledger.sheet.to_string(),
        title: ledger.title.to_string(),
        notes,
        numbered: ledger.numbered,
        grid,
    }];
    sheets.extend(detail_sheet(
        ledger.sheet,
        ledger.title,
        R::FIELDS,
        records,
        env,
    ));
    sheets
}

/// `<sheet>_詳細`: the first LEDGER field (the ID) and the LEDGER_DETAIL
/// fields, for the long text the ledger sheet leaves out.
pub fn detail_sheet<'r, S: 'static>(
    sheet: &str,
    title: &str,
    fields: &[Field<S>],
    rows: impl IntoIterator<Item = &'r S>,
    env: &Env<'_>,
) -> Option<Sheet> {
    let id = fields.iter().find(|f| f.views.has(Views::LEDGER))?;
    let detail: Vec<&Field<S>> = fields
        .iter()
        .filter(|f| f.views.has(Views::LEDGER_DETAIL))
        .collect();
    if detail.is_empty() {
        return None;
    }
    let shown: Vec<&Field<S>> = std::iter::once(id).chain(detail).collect();
    let grid = grid_of(&shown, rows, env, |_| Flag::None);
    Some(Sheet {
        name: format!("{sheet}_詳細"),
        title: format!("{title}（詳細）"),
        notes: vec![format!(
            "{}の各行の長い記述。{} で「{sheet}」シートの行と対応します",
            title, id.label
        )],
        numbered: false,
        grid,
    })
}

const EXAMPLE_NOTE: &str =
    "備考に「例示」とある行は記録の書き方の見本です（実際の記録ではありません）";

/// Some record's 備考 says it is an example (例示), not a real record.
fn has_examples<R: RecordKind>(records: &[R], env: &Env<'_>) -> bool {
    let Some(remarks) = R::FIELDS.iter().find(|f| f.key == "remarks") else {
        return false;
    };
    records
        .iter()
        .any(|r| remarks.eval(r, env).plain(env.data).contains("例示"))
}

/// The kind's declared table of the monthly report, over `records`.
pub fn report_table<'r, R: RecordKind>(
    records: impl IntoIterator<Item = &'r R>,
    env: &Env<'_>,
) -> Option<ReportPart> {
    let section = R::ABOUT.report?;
    Some(ReportPart {
        heading: section.heading,
        note: section.note.map(str::to_string),
        grid: grid(R::FIELDS, Views::REPORT, records, env, |r| r.flag(env)),
        empty: section.empty.to_string(),
    })
}

/// Visits every kind's records in declaration order: each output written once
/// for any kind implements this.
pub trait KindVisitor {
    fn visit<R: RecordKind>(&mut self, records: &[R]);
}

/// A column of a table of sub-rows (an incident's steps, an account's changes):
/// a field of the parent record or of the sub-row.
pub enum Of<P: 'static, C: 'static> {
    Parent(Field<P>),
    Child(Field<C>),
}

impl<P: 'static, C: 'static> Of<P, C> {
    fn field_views(&self) -> Views {
        match self {
            Of::Parent(f) => f.views,
            Of::Child(f) => f.views,
        }
    }

    fn column(&self) -> Column {
        match self {
            Of::Parent(f) => f.column(),
            Of::Child(f) => f.column(),
        }
    }

    fn eval(&self, parent: &P, child: &C, env: &Env<'_>) -> Value {
        match self {
            Of::Parent(f) => f.eval(parent, env),
            Of::Child(f) => f.eval(child, env),
        }
    }
}

/// The columns of `columns` shown in `view`, as a table of (parent, sub-row) pairs.
pub fn nested_grid<'r, P: 'static, C: 'static>(
    columns: &[Of<P, C>],
    view: Views,
    rows: impl IntoIterator<Item = (&'r P, &'r C)>,
    env: &Env<'_>,
) -> Grid {
    let shown: Vec<&Of<P, C>> = columns
        .iter()
        .filter(|c| c.field_views().has(view))
        .collect();
    Grid {
        columns: shown.iter().map(|c| c.column()).collect(),
        rows: rows
            .into_iter()
            .map(|(p, c)| Row {
                values: shown.iter().map(|col| col.eval(p, c, env)).collect(),
                flag: Flag::None,
                filter: None,
            })
            .collect(),
    }
}
