//! 障害 (§4.6, ⑤ 問合せ・障害対応記録): an incident escalated by the O&M
//! provider, escalated on to the ward, investigated and reported on.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Kind;
use super::inquiry::SUPPORT_BOOK;
use super::kind::{
    About, Field, IdRule, LedgerSheet, Of, RecordKind, ReportSection, Start, Views, nested_grid,
    own_sheets,
};
use super::value::{Env, Flag, Grid, Section, Sheet, Value};
use crate::data::Source;
use crate::diagnostics::Diagnostics;
use crate::domain::Stamp;

labelled_enum! {
    IncidentStatus {
        Open => "対応中",
        Recovered => "復旧（完了報告待ち）",
        Closed => "完了",
    }
}

/// A stretch of time without online service, for the オンライン稼働率.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outage {
    pub from: Stamp,
    pub to: Stamp,
}

impl Outage {
    pub fn minutes(&self) -> u64 {
        self.from.minutes_until(self.to).max(0) as u64
    }
}

/// One step taken while handling an incident.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentAction {
    pub at: Stamp,
    /// A staff id or an actor id.
    pub by: String,
    pub action: String,
}

/// One incident (§4.6).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    #[serde(default)]
    pub id: String,
    pub title: String,
    /// When the fault (or its sign) was detected.
    pub detected_at: Stamp,
    /// Actor id of who detected it (usually the provider's monitoring).
    pub detected_by: String,
    /// §4.6①: the provider's notification (escalation) to the contractor.
    #[serde(default)]
    pub notified_at: Option<Stamp>,
    /// §4.6②: the contractor's escalation to the ward.
    #[serde(default)]
    pub escalated_at: Option<Stamp>,
    pub impact: String,
    /// Online service lost, for the オンライン稼働率.
    #[serde(default)]
    pub outages: Vec<Outage>,
    /// Days whose nightly batch did not run, for the バッチ実行率.
    #[serde(default)]
    pub batches_not_run: Vec<NaiveDate>,
    #[serde(default)]
    pub actions: Vec<IncidentAction>,
    #[serde(default)]
    pub recovered_at: Option<Stamp>,
    #[serde(default)]
    pub cause: Option<String>,
    /// §4.6④: days of 状況報告 attended.
    #[serde(default)]
    pub status_reports: Vec<NaiveDate>,
    /// §4.6④: the day of the 完了報告.
    #[serde(default)]
    pub completion_report: Option<NaiveDate>,
    pub status: IncidentStatus,
    #[serde(default)]
    pub pages: Vec<String>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

impl Incident {
    /// Minutes from detection to the provider's notification.
    pub fn notification_minutes(&self) -> Option<i64> {
        self.notified_at.map(|n| self.detected_at.minutes_until(n))
    }

    /// `検知から 12 分（所定時間 30 分以内）`.
    pub fn notification_text(&self, limit: u32) -> String {
        match self.notification_minutes() {
            Some(m) if m <= i64::from(limit) => {
                format!("検知から {m} 分（所定時間 {limit} 分以内）")
            }
            Some(m) => format!("検知から {m} 分（所定時間 {limit} 分を超過）"),
            None => "通報の記録なし".to_string(),
        }
    }

    /// Minutes of every outage recorded, whether or not online was planned.
    pub fn outage_minutes(&self) -> u64 {
        self.outages.iter().map(Outage::minutes).sum()
    }

    /// Recovered by the end of `day`.
    pub fn recovered_by(&self, day: NaiveDate) -> Option<Stamp> {
        self.recovered_at.filter(|r| r.date() <= day)
    }

    /// Its state at the end of `day`, from its dates: completed once the
    /// 完了報告 is made, recovered once service is back.
    pub fn state_on(&self, day: NaiveDate) -> IncidentStatus {
        if self.completion_report.is_some_and(|c| c <= day) {
            IncidentStatus::Closed
        } else if self.recovered_by(day).is_some() {
            IncidentStatus::Recovered
        } else {
            IncidentStatus::Open
        }
    }

    /// Still waiting for its 完了報告 on `day`.
    pub fn awaits_report(&self, day: NaiveDate) -> bool {
        self.detected_at.date() <= day && self.completion_report.is_none_or(|c| c > day)
    }

    /// `完了（完了報告 2027-01-20）`: the state on `day`, with the day of the report.
    pub fn state_text(&self, day: NaiveDate) -> Value {
        match (self.state_on(day), self.completion_report) {
            (IncidentStatus::Closed, Some(c)) => Value::Join(vec![
                Value::text("完了（完了報告 "),
                Value::Date(c),
                Value::text("）"),
            ]),
            (state, _) => Value::Label(state.label()),
        }
    }

    /// The escalation chain (§4.6 ①②) as (label, key, time), in the order it
    /// must have happened: detection, the provider's notification, the
    /// escalation to the ward.
    pub fn escalation(&self) -> Vec<(&'static str, &'static str, Stamp)> {
        let mut out = vec![("検知", "detected_at", self.detected_at)];
        if let Some(t) = self.notified_at {
            out.push(("富士通Japan(株)からの通報", "notified_at", t));
        }
        if let Some(t) = self.escalated_at {
            out.push(("区へのエスカレーション", "escalated_at", t));
        }
        out
    }

    /// 経過: the escalation, every step and the recovery, in time order.
    fn timeline(&self) -> Grid {
        let mut grid = Grid::plain(&[("日時", 0), ("事項", 1), ("実施者", 0)]);
        for (label, _, at) in self.escalation() {
            grid.push(vec![Value::Stamp(at), Value::Label(label), Value::Empty]);
        }
        for a in &self.actions {
            grid.push(vec![
                Value::Stamp(a.at),
                Value::Long(a.action.clone()),
                Value::Person(a.by.clone()),
            ]);
        }
        if let Some(at) = self.recovered_at {
            grid.push(vec![Value::Stamp(at), Value::Label("復旧"), Value::Empty]);
        }
        grid.rows.sort_by_key(|r| match r.values[0] {
            Value::Stamp(s) => Some(s),
            _ => None,
        });
        grid
    }
}

fn notification_lines(r: &Incident) -> Value {
    let notified = match r.notification_minutes() {
        Some(n) => format!("通報まで {n}分"),
        None => "通報の記録なし".into(),
    };
    let mut lines = vec![Value::Text(notified)];
    if let Some(at) = r.escalated_at {
        lines.push(Value::Join(vec![Value::text("区へ "), Value::Stamp(at)]));
    }
    Value::Lines(lines)
}

fn what_lines(r: &Incident) -> Value {
    let mut lines = vec![Value::Text(r.title.clone()), Value::Long(r.impact.clone())];
    if let Some(cause) = &r.cause {
        lines.push(Value::Long(format!("原因: {cause}")));
    }
    Value::Lines(lines)
}

fn completion(r: &Incident, env: &Env<'_>) -> Value {
    match r.completion_report {
        Some(d) => Value::Date(d),
        None if r.state_on(env.day) != IncidentStatus::Closed => Value::Missing("未"),
        None => Value::Empty,
    }
}

/// 障害対応経過: every step of every incident, one row each.
// reason: a table of fields, one per line, reads better than rustfmt's layout
#[rustfmt::skip]
const STEPS: &[Of<Incident, IncidentAction>] = &[
    Of::Parent(Field::new("id", "障害ID", |r: &Incident, _| Value::text(&r.id)).ledger()),
    Of::Child(Field::new("at", "日時", |a: &IncidentAction, _| Value::Stamp(a.at)).ledger()),
    Of::Child(Field::new("by", "実施者", |a: &IncidentAction, _| Value::Person(a.by.clone())).ledger().personal()),
    Of::Child(Field::new("action", "対応", |a: &IncidentAction, _| Value::Long(a.action.clone())).ledger().wrap(60.0)),
];

const OUTAGES: &[Field<Outage>] = &[
    Field::<Outage>::new("from", "停止開始", |o, _| Value::Stamp(o.from)),
    Field::<Outage>::new("to", "停止終了", |o, _| Value::Stamp(o.to)),
    Field::<Outage>::new("", "分", |o, _| Value::Number(o.minutes() as i64)),
];

impl RecordKind for Incident {
    const KIND: Kind = Kind::Incidents;
    const ABOUT: About = About {
        dir: "incidents",
        name: "障害",
        command: "incident",
        ids: IdRule::Yearly {
            prefix: "INC",
            width: 4,
        },
        schema: "incident.json",
        page: "records/incidents.md",
        pages: true,
        ledger: Some(LedgerSheet {
            book: &SUPPORT_BOOK,
            sheet: "障害",
            title: "⑤ 問合せ・障害対応記録（障害）",
            note: Some("黄色の行は完了報告がまだない障害"),
            numbered: false,
        }),
        report: Some(ReportSection {
            chapter: "問合せ・障害対応",
            heading: Some("障害"),
            note: None,
            empty: "当月の障害はありません。",
        }),
    };

    // reason: a table of fields, one per line, reads better than rustfmt's layout
    #[rustfmt::skip]
    const FIELDS: &'static [Field<Incident>] = &[
        Field::<Incident>::new("id", "ID", |r, _| Value::Record(Kind::Incidents, r.id.clone())).list().ledger().report(0).not_on_page(),
        Field::<Incident>::new("title", "件名", |r, _| Value::text(&r.title)).list().ledger().wrap(20.0).required(Start::EmptyText),
        Field::<Incident>::new("detected_at", "検知", |r, _| Value::Stamp(r.detected_at)).list().ledger().report(0).required(Start::Now),
        Field::<Incident>::new("detected_by", "検知者", |r, _| Value::Person(r.detected_by.clone())).ledger().personal().required(Start::Contractor).help("検知した人または組織: data/staff.yaml か data/actors.yaml の id"),
        Field::<Incident>::new("", "件名・影響", |r, _| what_lines(r)).report_only(3),
        Field::<Incident>::new("notified_at", "富士通Japan(株)からの通報", |r, _| Value::opt_stamp(r.notified_at)).list().ledger(),
        Field::<Incident>::new("escalated_at", "区へのエスカレーション", |r, _| Value::opt_stamp(r.escalated_at)).list().ledger(),
        Field::<Incident>::new("", "通報", |r, env| Value::Text(r.notification_text(env.notification_minutes))),
        Field::<Incident>::new("", "通報・区への連絡", |r, _| notification_lines(r)).report_only(2),
        Field::<Incident>::new("impact", "影響", |r, _| Value::Long(r.impact.clone())).ledger_detail().wrap(50.0).required(Start::EmptyText),
        Field::<Incident>::new("recovered_at", "復旧", |r, env| Value::opt_stamp(r.recovered_by(env.day))).list().ledger().report(0),
        Field::<Incident>::new("", "停止（分）", |r, _| Value::Number(r.outage_minutes() as i64)).list().not_on_page(),
        Field::<Incident>::new("cause", "原因", |r, _| Value::opt_long(&r.cause)).ledger_detail().wrap(50.0),
        // Shown as the page's 経過 and オンラインの停止 sections and the 障害対応経過 sheet.
        Field::<Incident>::new("actions", "対応の経過", |_, _| Value::Empty).not_on_page(),
        Field::<Incident>::new("outages", "オンラインの停止", |_, _| Value::Empty).not_on_page(),
        Field::<Incident>::new("batches_not_run", "未実行の夜間日次バッチ", |r, _| Value::Dates(r.batches_not_run.clone())),
        Field::<Incident>::new("status_reports", "状況報告", |r, _| Value::Dates(r.status_reports.clone())).ledger(),
        Field::<Incident>::new("completion_report", "完了報告", completion).list().ledger(),
        Field::<Incident>::new("status", "状態", |r, env| Value::Label(r.state_on(env.day).label())).list().ledger().required(Start::Literal("open")).choices(IncidentStatus::choices),
        Field::<Incident>::new("", "状況（月末）", |r, env| r.state_text(env.day)).report_only(2),
        Field::<Incident>::new("", "関連する問合せ", related_inquiries),
        Field::<Incident>::new("pages", "関連する手引きのページ", |r, _| Value::Pages(r.pages.clone())),
        Field::<Incident>::new("remarks", "備考", |r, _| Value::opt_long(&r.remarks)).ledger_detail().wrap(40.0),
    ];

    id_and_source!();

    fn date(&self) -> NaiveDate {
        self.detected_at.date()
    }

    fn title(&self) -> String {
        format!("障害 {} {}", self.id, self.title)
    }

    fn sort(records: &mut [Self]) {
        records.sort_by(|a, b| (a.detected_at, &a.id).cmp(&(b.detected_at, &b.id)));
    }

    fn flag(&self, env: &Env<'_>) -> Flag {
        if self.awaits_report(env.day) {
            Flag::Warn
        } else {
            Flag::None
        }
    }

    fn filters() -> Vec<String> {
        IncidentStatus::labels()
    }

    fn filter(&self, env: &Env<'_>) -> Option<String> {
        Some(self.state_on(env.day).label().to_string())
    }

    fn intro(records: &[Self], env: &Env<'_>) -> String {
        let waiting = records.iter().filter(|r| r.awaits_report(env.day)).count();
        format!("{} 件（うち完了報告なし {waiting} 件）。", records.len())
    }

    fn notes() -> Vec<String> {
        vec!["停止（分）は記録した停止時間の合計です。オンライン稼働率では計画稼働時間内の分だけを数えます。".into()]
    }

    fn alerts(&self, env: &Env<'_>) -> Vec<String> {
        if self.awaits_report(env.day) {
            vec!["完了報告がまだありません（4.6④ 状況報告・完了報告への立会）。".into()]
        } else {
            Vec::new()
        }
    }

    fn sections(&self, env: &Env<'_>) -> Vec<Section> {
        let outages = super::kind::grid(OUTAGES, Views::DETAIL, &self.outages, env, |_| Flag::None);
        vec![
            Section::table("経過", self.timeline()),
            Section::table("オンラインの停止", outages),
        ]
    }

    fn sheets(records: &[Self], env: &Env<'_>) -> Vec<Sheet> {
        let steps = records
            .iter()
            .flat_map(|r| r.actions.iter().map(move |a| (r, a)));
        let mut sheets: Vec<Sheet> = own_sheets(records, env);
        sheets.push(Sheet {
            name: "障害対応経過".into(),
            title: "障害対応の経過".into(),
            notes: Vec::new(),
            numbered: false,
            grid: nested_grid(STEPS, Views::LEDGER, steps, env),
        });
        sheets
    }

    fn check(&self, refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
        check_times(self, refs, diags);
        let s = &self.source;
        for a in &self.actions {
            refs.person(s, "by", &a.by, diags);
        }
        let needs_recovery = matches!(
            self.status,
            IncidentStatus::Recovered | IncidentStatus::Closed
        );
        if needs_recovery && self.recovered_at.is_none() {
            diags.error(
                refs.locate(s, "status", &self.status.key()),
                "復旧・完了の障害には recovered_at（復旧日時）を書いてください",
            );
        }
        if self.status == IncidentStatus::Closed && self.completion_report.is_none() {
            diags.error(
                refs.locate(s, "status", "closed"),
                "status が closed（完了）なのに completion_report（完了報告日）がありません",
            );
        }
    }
}

/// Every time of the incident runs in order (§4.6: detection, the provider's
/// notification, the escalation to the ward, the steps, the reports).
fn check_times(r: &Incident, refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
    let s = &r.source;
    for pair in r.escalation().windows(2) {
        let ((a_label, _, a), (b_label, b_key, b)) = (pair[0], pair[1]);
        refs.in_order(s, (a_label, a), (b_label, b_key, b), diags);
    }
    if let Some(at) = r.recovered_at {
        refs.in_order(
            s,
            ("検知", r.detected_at),
            ("復旧", "recovered_at", at),
            diags,
        );
    }
    let mut last = r.detected_at;
    let mut last_label = "検知";
    for a in &r.actions {
        refs.in_order(s, (last_label, last), ("対応", "at", a.at), diags);
        last = last.max(a.at);
        last_label = "前の対応";
    }
    for o in &r.outages {
        if o.to <= o.from {
            diags.error(
                refs.locate(s, "to", &o.to.to_string()),
                format!(
                    "停止の終わり（{}）が始まり（{}）より後になっていません",
                    o.to, o.from
                ),
            );
        }
    }
    for d in &r.status_reports {
        refs.date_order(
            s,
            ("検知", r.detected_at.date()),
            ("状況報告", "status_reports", *d),
            diags,
        );
    }
    if let (Some(done), Some(rec)) = (r.completion_report, r.recovered_at) {
        refs.date_order(
            s,
            ("復旧", rec.date()),
            ("完了報告", "completion_report", done),
            diags,
        );
    }
}

fn related_inquiries(r: &Incident, env: &Env<'_>) -> Value {
    Value::Lines(
        env.data
            .records
            .inquiries
            .iter()
            .filter(|i| i.incident.as_deref() == Some(r.id.as_str()))
            .map(|i| Value::Record(Kind::Inquiries, i.id.clone()))
            .collect(),
    )
}
