//! 作業日誌 (§6, §8): the contractor's own working time, one file per day with
//! an entry per piece of work — who, from when to when, in which work area
//! (§4.1–4.11, 会議, ドキュメント作成, 準備), where (§6), what was done, the
//! records it produced and whether it was an on-call consultation (§8②).
//! ⑥ adds its minutes up by work area and by place; the annual report adds the
//! same minutes by month.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Kind;
use super::kind::{
    About, Book, Field, IdRule, LedgerSheet, ListFilter, ListRows, Of, RecordKind, ReportSection,
    Start, Views, nested_grid,
};
use super::value::{Env, Grid, ReportPart, Section, Sheet, Value};
use crate::data::Source;
use crate::diagnostics::Diagnostics;
use crate::domain::work_hours::{hours_text, sum_by};

mod check;
use crate::domain::{ClockTime, FiscalYear};
pub use check::check_hours;
use check::{check_entry, check_overlaps};

labelled_enum! {
    /// The work areas of §4, and the work around them.
    WorkArea {
        Online => "4.1 オンライン処理",
        Batch => "4.2 バッチ処理",
        OnlineSchedule => "4.3 オンライン稼働スケジュール管理",
        NightlyBatch => "4.4 夜間日次バッチスケジュール管理",
        Inquiry => "4.5 問合せ・依頼対応",
        Monitoring => "4.6 システム監視対応",
        DataTransfer => "4.7 データ入出力業務",
        Master => "4.8 マスタメンテナンス",
        Logs => "4.9 業務オンライン操作ログ管理",
        Accounts => "4.10 アカウント・権限管理",
        Reports => "4.11 会議体・報告資料対応",
        Meeting => "会議",
        Document => "ドキュメント作成",
        Preparation => "準備",
    }
}

impl WorkArea {
    /// Work done on the business system (§4.1–4.10): never from the
    /// contractor's own office (§6③ リモートアクセスによるオペレーションは不可).
    pub fn is_operation(self) -> bool {
        !matches!(
            self,
            WorkArea::Reports | WorkArea::Meeting | WorkArea::Document | WorkArea::Preparation
        )
    }
}

labelled_enum! {
    /// §6 作業場所.
    WorkPlace {
        Honchosha => "本庁舎3階",
        NakamuraKita => "中村北分館",
        Office => "受託者の事業所",
    }
}

/// One piece of work of one person.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkEntry {
    /// A staff id of `data/staff.yaml`.
    pub staff: String,
    #[serde(default)]
    pub start: Option<ClockTime>,
    #[serde(default)]
    pub end: Option<ClockTime>,
    /// The time taken, where no start and end are written (a phone consultation).
    #[serde(default)]
    pub minutes: Option<u32>,
    pub area: WorkArea,
    pub place: WorkPlace,
    pub work: String,
    /// Ids of the records the work produced (`INQ-2027-0001`, `MTG-2027-01-27-teirei`).
    #[serde(default)]
    pub records: Vec<String>,
    /// §8② 緊急時は職員からのオンコール対応により相談を受付.
    #[serde(default)]
    pub on_call: bool,
}

impl WorkEntry {
    /// The minutes worked: end − start, or the minutes written.
    pub fn minutes(&self) -> u32 {
        match (self.start, self.end) {
            (Some(s), Some(e)) => e.minutes().saturating_sub(s.minutes()),
            _ => self.minutes.unwrap_or(0),
        }
    }

    /// `[start, end)` in minutes of the day, where both are written.
    pub fn span(&self) -> Option<(u32, u32)> {
        Some((self.start?.minutes(), self.end?.minutes()))
    }

    fn time(&self) -> Value {
        match (self.start, self.end) {
            (Some(s), Some(e)) => {
                Value::Join(vec![Value::Time(s), Value::text("〜"), Value::Time(e)])
            }
            _ => Value::Empty,
        }
    }

    /// The linked records, each linked to its page.
    fn linked(&self, env: &Env<'_>) -> Value {
        let mut linked: Vec<Value> = self
            .records
            .iter()
            .map(|id| match env.data.records.kind_of(id) {
                Some(kind) => Value::Record(kind, id.clone()),
                None => Value::text(id),
            })
            .collect();
        match linked.len() {
            0 => Value::Empty,
            // One record is a link on the site; several are a line each.
            1 => linked.remove(0),
            _ => Value::Lines(linked),
        }
    }
}

/// One day's 作業日誌.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkLog {
    #[serde(default)]
    pub id: String,
    pub date: NaiveDate,
    pub entries: Vec<WorkEntry>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

impl WorkLog {
    /// The minutes of every entry of the day.
    pub fn minutes(&self) -> u32 {
        self.entries.iter().map(WorkEntry::minutes).sum()
    }

    fn staff(&self) -> Vec<String> {
        let mut staff: Vec<String> = Vec::new();
        for e in &self.entries {
            if !staff.contains(&e.staff) {
                staff.push(e.staff.clone());
            }
        }
        staff
    }

    fn areas(&self) -> Vec<WorkArea> {
        let mut areas: Vec<WorkArea> = self.entries.iter().map(|e| e.area).collect();
        areas.sort_unstable();
        areas.dedup();
        areas
    }

    /// Where entry `index`'s `key` is written.
    pub fn locate_entry(&self, index: usize, key: &str) -> crate::diagnostics::Location {
        let index = index.to_string();
        crate::yaml::locate_path(
            &self.source.text,
            &self.source.path,
            &["entries", &index, key],
        )
    }
}

/// Minutes by work area and by place of the logs of `first..=last`: what ⑥
/// and the annual report print.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hours {
    pub by_area: BTreeMap<WorkArea, u32>,
    pub by_place: BTreeMap<WorkPlace, u32>,
    pub total: u32,
    /// Minutes of on-call consultations (§8②), part of the total.
    pub on_call: u32,
}

impl Hours {
    pub fn of<'a>(
        logs: impl IntoIterator<Item = &'a WorkLog>,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Hours {
        let entries: Vec<&WorkEntry> = logs
            .into_iter()
            .filter(|l| (first..=last).contains(&l.date))
            .flat_map(|l| &l.entries)
            .collect();
        Hours {
            by_area: sum_by(entries.iter().map(|e| (e.area, e.minutes()))),
            by_place: sum_by(entries.iter().map(|e| (e.place, e.minutes()))),
            total: entries.iter().map(|e| e.minutes()).sum(),
            on_call: entries
                .iter()
                .filter(|e| e.on_call)
                .map(|e| e.minutes())
                .sum(),
        }
    }
}

/// ⑥'s work-log workbook: the entries, one line each.
pub const WORK_LOG_BOOK: Book = Book {
    file: "作業日誌.xlsx",
    title: "作業日誌",
    deliverable: "d6",
};

/// The entries, one line each: the site's list (linked to its day) and the
/// ledger (and the day's page) from the same columns.
// reason: a table of columns, one per line, reads better than rustfmt's layout
#[rustfmt::skip]
const ENTRIES: &[Of<WorkLog, WorkEntry>] = &[
    Of::Parent(Field::new("id", "作業日誌", |l: &WorkLog, _| Value::Record(Kind::WorkLogs, l.id.clone())).list().not_on_page()),
    Of::Parent(Field::new("date", "日付", |l: &WorkLog, _| Value::Date(l.date)).ledger().not_on_page()),
    Of::Child(Field::new("staff", "要員", |e: &WorkEntry, _| Value::Person(e.staff.clone())).list().ledger().personal()),
    Of::Child(Field::new("start", "時間", |e: &WorkEntry, _| e.time()).list().ledger()),
    Of::Child(Field::new("minutes", "作業時間", |e: &WorkEntry, _| Value::text(hours_text(e.minutes()))).list().not_on_page()),
    Of::Child(Field::new("minutes", "作業時間（分）", |e: &WorkEntry, _| Value::Number(i64::from(e.minutes()))).ledger()),
    Of::Child(Field::new("area", "作業区分", |e: &WorkEntry, _| Value::Label(e.area.label())).list().ledger().wrap(18.0)),
    Of::Child(Field::new("place", "作業場所", |e: &WorkEntry, _| Value::Label(e.place.label())).list().ledger()),
    Of::Child(Field::new("work", "作業内容", |e: &WorkEntry, _| Value::Long(e.work.clone())).list().ledger().wrap(36.0)),
    Of::Child(Field::new("records", "関連記録", |e: &WorkEntry, env| e.linked(env)).list().ledger()),
    Of::Child(Field::new("on_call", "オンコール", |e: &WorkEntry, _| Value::text(if e.on_call { "○" } else { "" })).ledger()),
];

impl RecordKind for WorkLog {
    const KIND: Kind = Kind::WorkLogs;
    const ABOUT: About = About {
        dir: "work-logs",
        name: "作業日誌",
        command: "worklog",
        ids: IdRule::Dated { prefix: "WL" },
        schema: "work-log.json",
        page: "records/work-logs.md",
        pages: true,
        ledger: Some(LedgerSheet {
            book: &WORK_LOG_BOOK,
            sheet: "作業日誌",
            title: "作業日誌（作業ごと）",
            note: None,
            numbered: true,
        }),
        report: Some(ReportSection {
            chapter: "作業時間",
            heading: None,
            note: None,
            empty: "当月の作業日誌はありません。",
        }),
    };

    // reason: a table of fields, one per line, reads better than rustfmt's layout
    #[rustfmt::skip]
    const FIELDS: &'static [Field<WorkLog>] = &[
        Field::<WorkLog>::new("id", "ID", |r, _| Value::Record(Kind::WorkLogs, r.id.clone())).list().not_on_page(),
        Field::<WorkLog>::new("date", "日付", |r, _| Value::Date(r.date)).list().required(Start::Today),
        Field::<WorkLog>::new("entries", "作業件数", |r, _| Value::Number(r.entries.len() as i64)).required(Start::DutyEntries).help("作業ごとに staff（data/staff.yaml の id）, start・end（\"8:30\"）または minutes, area, place, work, records（関連する記録の id）, on_call（オンコール相談なら true）"),
        Field::<WorkLog>::new("", "要員", |r, _| Value::People(r.staff())).list().personal(),
        Field::<WorkLog>::new("", "作業時間", |r, _| Value::text(hours_text(r.minutes()))).list(),
        Field::<WorkLog>::new("", "作業区分", |r, _| Value::Lines(r.areas().into_iter().map(|a| Value::Label(a.label())).collect())).list(),
        Field::<WorkLog>::new("remarks", "備考", |r, _| Value::opt_long(&r.remarks)),
    ];

    id_and_source!();

    fn date(&self) -> NaiveDate {
        self.date
    }

    fn title(&self) -> String {
        format!("作業日誌 {}", self.date)
    }

    fn list_rows(records: &[Self], env: &Env<'_>) -> Option<ListRows> {
        let rows: Vec<(&WorkLog, &WorkEntry)> = records
            .iter()
            .flat_map(|l| l.entries.iter().map(move |e| (l, e)))
            .collect();
        let people: Vec<String> = rows
            .iter()
            .map(|(_, e)| env.data.person_name(&e.staff))
            .collect();
        let areas: Vec<String> = rows
            .iter()
            .map(|(_, e)| e.area.label().to_string())
            .collect();
        let months: Vec<String> = rows.iter().map(|(l, _)| month_key(l.date)).collect();
        let filter = |label, rows: Vec<String>| {
            let mut values = rows.clone();
            values.sort();
            values.dedup();
            ListFilter {
                label,
                values,
                rows,
            }
        };
        let mut area_filter = filter("作業区分", areas);
        // Areas in the order of §4, not of their labels.
        area_filter.values = WorkArea::ALL
            .iter()
            .map(|a| a.label().to_string())
            .filter(|a| area_filter.values.contains(a))
            .collect();
        Some(ListRows {
            grid: nested_grid(ENTRIES, Views::LIST, rows, env),
            filters: vec![filter("要員", people), area_filter, filter("月", months)],
        })
    }

    fn intro(records: &[Self], _env: &Env<'_>) -> String {
        let minutes: u32 = records.iter().map(WorkLog::minutes).sum();
        format!(
            "{} 日分、作業 {} 件、計 {}。",
            records.len(),
            records.iter().map(|r| r.entries.len()).sum::<usize>(),
            hours_text(minutes)
        )
    }

    fn sections(&self, env: &Env<'_>) -> Vec<Section> {
        let rows = self.entries.iter().map(|e| (self, e));
        vec![Section::table(
            "作業",
            nested_grid(ENTRIES, Views::LEDGER, rows, env),
        )]
    }

    fn sheets(records: &[Self], env: &Env<'_>) -> Vec<Sheet> {
        let Some(ledger) = Self::ABOUT.ledger else {
            return Vec::new();
        };
        let rows: Vec<(&WorkLog, &WorkEntry)> = records
            .iter()
            .flat_map(|l| l.entries.iter().map(move |e| (l, e)))
            .collect();
        let grid = nested_grid(ENTRIES, Views::LEDGER, rows, env);
        vec![Sheet {
            name: ledger.sheet.into(),
            title: ledger.title.into(),
            notes: ledger.note.map(str::to_string).into_iter().collect(),
            numbered: ledger.numbered,
            grid,
        }]
    }

    fn report(month: &[&Self], first: NaiveDate, env: &Env<'_>) -> Vec<ReportPart> {
        if month.is_empty() {
            return vec![ReportPart {
                heading: None,
                note: None,
                grid: Grid::default(),
                empty: "当月の作業日誌はありません。".into(),
            }];
        }
        let this = Hours::of(month.iter().copied(), first, env.day);
        let year = Hours::of(
            &env.data.records.work_logs,
            FiscalYear::of(first).start(),
            env.day,
        );
        hours_parts(&this, &year)
    }

    fn check(&self, refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
        for (i, e) in self.entries.iter().enumerate() {
            check_entry(self, i, e, refs, diags);
        }
    }

    fn check_all(records: &[Self], _refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
        check_overlaps(records, diags);
    }
}

/// ⑥'s two tables: minutes by work area and by place, the month and the
/// fiscal year to its end.
pub fn hours_parts(month: &Hours, year: &Hours) -> Vec<ReportPart> {
    let by_area = hours_grid(
        "作業区分",
        WorkArea::ALL,
        WorkArea::label,
        &month.by_area,
        &year.by_area,
        (month.total, year.total),
    );
    let by_place = hours_grid(
        "作業場所",
        WorkPlace::ALL,
        WorkPlace::label,
        &month.by_place,
        &year.by_place,
        (month.total, year.total),
    );
    let note = (month.on_call > 0 || year.on_call > 0).then(|| {
        format!(
            "うちオンコール対応（§8②）: 当月 {}、年度累計 {}",
            hours_text(month.on_call),
            hours_text(year.on_call)
        )
    });
    vec![
        ReportPart {
            heading: Some("作業区分別の作業時間（作業日誌から、時間:分）"),
            note,
            grid: by_area,
            empty: String::new(),
        },
        ReportPart {
            heading: Some("作業場所別の作業時間"),
            note: None,
            grid: by_place,
            empty: String::new(),
        },
    ]
}

/// One hours table: a row per key with minutes in the month or the year (in
/// the keys' order), then the totals.
fn hours_grid<K: Ord + Copy>(
    header: &'static str,
    keys: &[K],
    label: fn(K) -> &'static str,
    month: &BTreeMap<K, u32>,
    year: &BTreeMap<K, u32>,
    (month_total, year_total): (u32, u32),
) -> Grid {
    let row = |label: &'static str, m: u32, y: u32| {
        vec![
            Value::Label(label),
            Value::text(hours_text(m)),
            Value::text(hours_text(y)),
        ]
    };
    let mut grid = Grid::plain(&[(header, 2), ("当月", 1), ("年度累計", 1)]);
    for key in keys {
        let (m, y) = (month.get(key), year.get(key));
        if m.is_some() || y.is_some() {
            grid.push(row(
                label(*key),
                m.copied().unwrap_or(0),
                y.copied().unwrap_or(0),
            ));
        }
    }
    grid.push(row("合計", month_total, year_total));
    grid
}

/// The month of a log, for the list's filter.
pub fn month_key(date: NaiveDate) -> String {
    format!("{}-{:02}", date.year(), date.month())
}
