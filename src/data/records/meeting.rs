//! ⑦ 会議資料・議事録 (§4.11 ②③): the 運用保守定例会 and the 業務担当者会議, with
//! action items tracked from one meeting to the next.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Kind;
use super::kind::{
    About, Book, Field, IdRule, LedgerSheet, Of, RecordKind, ReportSection, Start, Views, grid,
    nested_grid, own_sheets, report_table,
};
use super::load::{is_safe_id, unsafe_id_message};
use super::value::{Env, Flag, Grid, ReportPart, Section, Sheet, Value};
use crate::data::Source;
use crate::diagnostics::Diagnostics;
use crate::domain::ClockTime;

labelled_enum! {
    MeetingKind {
        /// §4.11②: 運用保守定例会（オンライン, 隔月）.
        Teireikai => "運用保守定例会",
        /// §4.11③: 業務担当者会議（オンライン, 隔月・随時）.
        Gyomu => "業務担当者会議",
        Other => "その他の打合せ",
    }
}

labelled_enum! {
    ActionStatus {
        Open => "未完了",
        Done => "完了",
        Dropped => "取りやめ",
    }
}

/// An action item raised at a meeting.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionItem {
    /// Unique across all meetings; later meetings refer to it in `followups`.
    pub id: String,
    pub item: String,
    /// A staff id or an actor id.
    pub owner: String,
    pub due: NaiveDate,
    pub status: ActionStatus,
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
}

/// A later meeting's word on an action item raised earlier.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Followup {
    pub id: String,
    pub status: ActionStatus,
    /// A new due date agreed at this meeting.
    #[serde(default)]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One meeting.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    #[serde(default)]
    pub id: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub start: Option<ClockTime>,
    #[serde(default)]
    pub end: Option<ClockTime>,
    pub kind: MeetingKind,
    #[serde(default)]
    pub title: Option<String>,
    /// Staff ids, or actor ids for the provider's and the ward's other members.
    pub attendees: Vec<String>,
    pub agenda: Vec<String>,
    #[serde(default)]
    pub materials: Vec<String>,
    #[serde(default)]
    pub decisions: Vec<String>,
    #[serde(default)]
    pub action_items: Vec<ActionItem>,
    #[serde(default)]
    pub followups: Vec<Followup>,
    /// §4.11②③ 議事録レビュー: the day the contractor finished reviewing the minutes.
    #[serde(default)]
    pub minutes_reviewed_on: Option<NaiveDate>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

impl Meeting {
    /// 令和9年1月20日 運用保守定例会, or the title when one is given.
    pub fn display_title(&self) -> String {
        match &self.title {
            Some(t) => t.clone(),
            None => format!(
                "{} {}",
                crate::domain::wareki::format_date(self.date),
                self.kind.label()
            ),
        }
    }

    /// The minutes' PDF below `pdf/`: `minutes/MTG-2027-01-27-teirei.pdf`.
    pub fn minutes_file(id: &str) -> String {
        format!("minutes/{id}.pdf")
    }
}

/// An action item as it stands after every meeting that spoke of it.
#[derive(Debug, Clone, Serialize)]
pub struct TrackedAction {
    pub id: String,
    pub item: String,
    pub owner: String,
    /// The meeting that raised it.
    pub raised_in: String,
    pub raised_on: NaiveDate,
    pub due: NaiveDate,
    pub status: ActionStatus,
    pub done_on: Option<NaiveDate>,
    /// (meeting id, date, status, note) of every later word on it, oldest first.
    pub history: Vec<(String, NaiveDate, ActionStatus, Option<String>)>,
}

impl TrackedAction {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.due < today
    }

    /// `期限超過` for an open item past its due date, its status otherwise.
    pub fn status_text(&self, day: NaiveDate) -> &'static str {
        if self.is_overdue(day) {
            "期限超過"
        } else {
            self.status.label()
        }
    }

    /// `2027-02-17 完了：note`, one line per later meeting's word on it.
    pub fn history_lines(&self) -> Vec<Value> {
        self.history
            .iter()
            .map(|(m, d, s, n)| {
                let mut parts = vec![Value::Date(*d), Value::Text(format!(" {m} {}", s.label()))];
                if let Some(n) = n {
                    parts.push(Value::Text(format!("：{n}")));
                }
                Value::Join(parts)
            })
            .collect()
    }
}

/// One later meeting's word on an action item: (meeting id, date, status, note).
type HistoryEntry = (String, NaiveDate, ActionStatus, Option<String>);

// reason: a table of columns, one per line, reads better than rustfmt's layout
#[rustfmt::skip]
const FOLLOWUPS: &[Of<TrackedAction, HistoryEntry>] = &[
    Of::Parent(Field::new("id", "ID", |a: &TrackedAction, _| Value::text(&a.id)).ledger()),
    Of::Child(Field::new("date", "日付", |f: &HistoryEntry, _| Value::Date(f.1)).ledger()),
    Of::Child(Field::new("meeting", "会議", |f: &HistoryEntry, _| Value::text(&f.0)).ledger()),
    Of::Child(Field::new("status", "状態", |f: &HistoryEntry, _| Value::Label(f.2.label())).ledger().choices(ActionStatus::choices)),
    Of::Child(Field::new("note", "メモ", |f: &HistoryEntry, _| Value::opt_long(&f.3)).ledger().wrap(60.0)),
];

/// アクションアイテムの経過: one row per later meeting's word on an item, with
/// a real date, instead of one text cell of them all.
fn followup_sheet(actions: &[TrackedAction], env: &Env<'_>) -> Sheet {
    let rows = actions
        .iter()
        .flat_map(|a| a.history.iter().map(move |f| (a, f)));
    Sheet {
        name: "アクションアイテム経過".into(),
        title: "アクションアイテムの経過（会議ごと）".into(),
        notes: vec!["ID で「アクションアイテム」シートの行と対応します".into()],
        numbered: false,
        grid: nested_grid(FOLLOWUPS, Views::LEDGER, rows, env),
    }
}

/// Every action item raised in `meetings`, with the follow-ups of later meetings
/// applied in date order. Follow-ups naming an unknown item are ignored here
/// (`check` reports them).
pub fn track_actions(meetings: &[Meeting]) -> Vec<TrackedAction> {
    let mut order: Vec<&Meeting> = meetings.iter().collect();
    order.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let mut out: Vec<TrackedAction> = Vec::new();
    for m in &order {
        for a in &m.action_items {
            out.push(TrackedAction {
                id: a.id.clone(),
                item: a.item.clone(),
                owner: a.owner.clone(),
                raised_in: m.id.clone(),
                raised_on: m.date,
                due: a.due,
                status: a.status,
                done_on: a.done_on,
                history: Vec::new(),
            });
        }
        for f in &m.followups {
            if let Some(t) = out.iter_mut().find(|t| t.id == f.id && t.raised_in != m.id) {
                t.status = f.status;
                if let Some(due) = f.due {
                    t.due = due;
                }
                if f.done_on.is_some() {
                    t.done_on = f.done_on;
                }
                t.history
                    .push((m.id.clone(), m.date, f.status, f.note.clone()));
            }
        }
    }
    out
}

pub const MEETINGS_BOOK: Book = Book {
    file: "会議一覧・アクションアイテム.xlsx",
    title: "会議一覧・アクションアイテム",
    deliverable: "d7",
};

/// The action items: the ledger's sheet, a meeting's page, the report's open items.
// reason: a table of fields, one per line, reads better than rustfmt's layout
#[rustfmt::skip]
pub const ACTIONS: &[Field<TrackedAction>] = &[
    Field::<TrackedAction>::new("id", "ID", |a, _| Value::text(&a.id)).ledger().report(0),
    Field::<TrackedAction>::new("item", "内容", |a, _| Value::Long(a.item.clone())).ledger().wrap(50.0).report(3),
    Field::<TrackedAction>::new("owner", "担当", |a, _| Value::Person(a.owner.clone())).ledger().report(0).personal(),
    Field::<TrackedAction>::new("due", "期限", |a, _| Value::Date(a.due)).ledger().report(0),
    Field::<TrackedAction>::new("status", "状態", |a, env| Value::Label(a.status_text(env.day)).flagged(action_flag(a, env))).report(0),
    Field::<TrackedAction>::new("", "状態", |a, _| Value::Label(a.status.label())).ledger().not_on_page().choices(ActionStatus::choices),
    Field::<TrackedAction>::new("done_on", "完了日", |a, _| Value::opt_date(a.done_on)).ledger().not_on_page(),
    Field::<TrackedAction>::new("", "発生した会議", |a, _| Value::text(&a.raised_in)).ledger().not_on_page(),
    Field::<TrackedAction>::new("", "発生日", |a, _| Value::Date(a.raised_on)).ledger().not_on_page(),
];

fn action_flag(a: &TrackedAction, env: &Env<'_>) -> Flag {
    if a.is_overdue(env.day) {
        Flag::Warn
    } else {
        Flag::None
    }
}

fn open_actions(m: &Meeting, env: &Env<'_>) -> Value {
    let tracked = env.data.records.actions();
    let open = tracked
        .iter()
        .filter(|a| a.raised_in == m.id && a.status == ActionStatus::Open)
        .count();
    Value::Text(format!("{} 件（未完了 {open} 件）", m.action_items.len()))
}

fn reviewed(m: &Meeting) -> Value {
    m.minutes_reviewed_on
        .map_or_else(|| Value::text("未"), Value::Date)
}

fn lines(items: &[String]) -> Value {
    Value::Lines(items.iter().map(|s| Value::Long(s.clone())).collect())
}

impl RecordKind for Meeting {
    const KIND: Kind = Kind::Meetings;
    const ABOUT: About = About {
        dir: "meetings",
        name: "会議",
        command: "meeting",
        ids: IdRule::Dated { prefix: "MTG" },
        schema: "meeting.json",
        page: "records/meetings.md",
        pages: true,
        ledger: Some(LedgerSheet {
            book: &MEETINGS_BOOK,
            sheet: "会議一覧",
            title: "⑦ 会議一覧",
            note: None,
            numbered: false,
        }),
        report: Some(ReportSection {
            chapter: "会議",
            heading: Some("開催した会議"),
            note: None,
            empty: "当月に開催した会議はありません。",
        }),
    };

    // reason: a table of fields, one per line, reads better than rustfmt's layout
    #[rustfmt::skip]
    const FIELDS: &'static [Field<Meeting>] = &[
        Field::<Meeting>::new("id", "ID", |r, _| Value::Record(Kind::Meetings, r.id.clone())).list().ledger().not_on_page(),
        Field::<Meeting>::new("date", "開催日", |r, _| Value::Date(r.date)).list().ledger().report(0).required(Start::Today),
        Field::<Meeting>::new("start", "開始", |r, _| r.start.map_or(Value::Empty, Value::Time)).ledger().required(Start::TimeNow),
        Field::<Meeting>::new("end", "終了", |r, _| r.end.map_or(Value::Empty, Value::Time)).ledger(),
        Field::<Meeting>::new("kind", "会議", |r, _| Value::Label(r.kind.label())).list().ledger().report(0).required(Start::NameOr("teireikai")).choices(MeetingKind::choices),
        Field::<Meeting>::new("title", "件名", |r, _| Value::opt_text(&r.title)),
        Field::<Meeting>::new("attendees", "出席者", |r, _| Value::People(r.attendees.clone())).ledger().wrap(24.0).personal().required(Start::EmptyList).help("data/staff.yaml・data/actors.yaml の id"),
        Field::<Meeting>::new("agenda", "議題", |r, _| lines(&r.agenda)).list().ledger().wrap(40.0).report(3).not_on_page().required(Start::EmptyList),
        Field::<Meeting>::new("decisions", "決定事項", |r, _| lines(&r.decisions)).ledger_detail().wrap(60.0).report(3).not_on_page().required(Start::EmptyList),
        Field::<Meeting>::new("", "決定事項（件）", |r, _| Value::Number(r.decisions.len() as i64)).list().not_on_page(),
        Field::<Meeting>::new("materials", "資料", |r, _| lines(&r.materials)).ledger_detail().wrap(40.0).not_on_page(),
        Field::<Meeting>::new("action_items", "アクション", open_actions).list().not_on_page().required(Start::EmptyList),
        // Shown as the page's section 前回までのアクションアイテムの確認.
        Field::<Meeting>::new("followups", "前回までのアクションアイテムの確認", |_, _| Value::Empty).not_on_page(),
        Field::<Meeting>::new("minutes_reviewed_on", "議事録レビュー", |r, _| reviewed(r)).list().ledger(),
        Field::<Meeting>::new("", "議事録", |r, _| Value::Text(Meeting::minutes_file(&r.id))).report_only(0),
        Field::<Meeting>::new("remarks", "備考", |r, _| Value::opt_long(&r.remarks)).ledger_detail().wrap(40.0),
    ];

    id_and_source!();

    fn date(&self) -> NaiveDate {
        self.date
    }

    fn title(&self) -> String {
        self.display_title()
    }

    fn filters() -> Vec<String> {
        MeetingKind::labels()
    }

    fn filter(&self, _env: &Env<'_>) -> Option<String> {
        Some(self.kind.label().to_string())
    }

    fn links(_records: &[Self]) -> Vec<(String, String)> {
        vec![("アクションアイテム ボード".into(), "actions.html".into())]
    }

    fn sections(&self, env: &Env<'_>) -> Vec<Section> {
        let tracked = env.data.records.actions();
        let raised = tracked.iter().filter(|a| a.raised_in == self.id);
        vec![
            Section::lines("議題", self.agenda.clone()),
            Section::lines("資料", self.materials.clone()),
            Section::lines("決定事項", self.decisions.clone()),
            Section::table(
                "この会議で挙がったアクションアイテム",
                grid(ACTIONS, Views::DETAIL, raised, env, |_| Flag::None),
            ),
            Section::table(
                "前回までのアクションアイテムの確認",
                self.followup_grid(&tracked),
            ),
        ]
    }

    fn sheets(records: &[Self], env: &Env<'_>) -> Vec<Sheet> {
        let actions = track_actions(records);
        let mut sheets: Vec<Sheet> = own_sheets(records, env);
        let (sheet, title) = (
            "アクションアイテム",
            "アクションアイテム一覧（会議をまたいだ最新の状態）",
        );
        sheets.push(Sheet {
            name: sheet.into(),
            title: title.into(),
            notes: vec!["黄色の行は期限を過ぎた未完了のアクションアイテム".into()],
            numbered: false,
            grid: grid(ACTIONS, Views::LEDGER, &actions, env, |a| {
                action_flag(a, env)
            }),
        });
        sheets.push(followup_sheet(&actions, env));
        sheets
    }

    fn report(month: &[&Self], _first: NaiveDate, env: &Env<'_>) -> Vec<ReportPart> {
        let mut parts: Vec<ReportPart> = report_table(month.iter().copied(), env)
            .into_iter()
            .collect();
        parts.push(ReportPart {
            heading: Some("未完了のアクションアイテム（月末時点）"),
            note: None,
            grid: open_at(env),
            empty: "未完了のアクションアイテムはありません。".into(),
        });
        parts
    }

    fn check(&self, refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
        let s = &self.source;
        if let (Some(start), Some(end)) = (self.start, self.end)
            && end <= start
        {
            diags.error(
                refs.locate(s, "end", &end.to_string()),
                "終了時刻が開始時刻より後になっていません",
            );
        }
        for a in &self.action_items {
            if !is_safe_id(&a.id) {
                diags.error(refs.locate(s, "id", &a.id), unsafe_id_message(&a.id));
            }
            refs.person(s, "owner", &a.owner, diags);
            if a.status == ActionStatus::Done && a.done_on.is_none() {
                diags.warning(
                    refs.locate(s, "id", &a.id),
                    format!("`{}` は完了ですが done_on（完了日）がありません", a.id),
                );
            }
        }
    }

    fn check_all(records: &[Self], refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
        check_action_ids(records, refs, diags);
    }
}

impl Meeting {
    /// 前回までのアクションアイテムの確認: this meeting's word on earlier items.
    fn followup_grid(&self, tracked: &[TrackedAction]) -> Grid {
        let mut grid = Grid::plain(&[("ID", 0), ("内容", 2), ("この会議での状態", 0), ("メモ", 1)]);
        for f in &self.followups {
            let item = tracked.iter().find(|a| a.id == f.id);
            grid.push(vec![
                Value::text(&f.id),
                item.map_or(Value::Empty, |a| Value::Long(a.item.clone())),
                Value::Label(f.status.label()),
                Value::opt_long(&f.note),
            ]);
        }
        grid
    }
}

/// The items still open at `env.day`, with only the meetings held by then applied.
fn open_at(env: &Env<'_>) -> Grid {
    let held: Vec<Meeting> = env
        .data
        .records
        .meetings
        .iter()
        .filter(|r| r.date <= env.day)
        .cloned()
        .collect();
    let actions = track_actions(&held);
    let open = actions.iter().filter(|a| a.status == ActionStatus::Open);
    grid(ACTIONS, Views::REPORT, open, env, |_| Flag::None)
}

/// Action ids are unique across meetings; follow-ups speak of items raised at an
/// earlier meeting.
fn check_action_ids(meetings: &[Meeting], refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
    let mut raised: HashMap<&str, (&str, NaiveDate)> = HashMap::new();
    for m in meetings {
        for a in &m.action_items {
            if let Some((other, _)) = raised.insert(&a.id, (&m.id, m.date)) {
                diags.error(
                    refs.locate(&m.source, "id", &a.id),
                    format!("アクションアイテム `{}` は会議 `{other}` にもあります（id は全会議で一意にしてください）", a.id),
                );
            }
        }
    }
    for m in meetings {
        for f in &m.followups {
            match raised.get(f.id.as_str()) {
                Some((by, date)) if *by != m.id && *date <= m.date => {}
                Some(_) => diags.error(
                    refs.locate(&m.source, "id", &f.id),
                    format!("`{}` はこの会議より後の会議（または同じ会議）で挙がったアクションアイテムです。followups には前の会議のものを書きます", f.id),
                ),
                // A meeting that failed to load may have raised it.
                None if diags.is_unloaded(&super::any_unloaded(Kind::Meetings)) => {}
                None => diags.error(
                    refs.locate(&m.source, "id", &f.id),
                    format!("アクションアイテム `{}` はどの会議の action_items にもありません", f.id),
                ),
            }
        }
    }
}
