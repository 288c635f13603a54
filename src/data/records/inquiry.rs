//! 問合せ・依頼 (§4.5, ⑤ 問合せ・障害対応記録): an inquiry or request sent to the
//! provider's chatbot, contact center or emergency contact, to 国保中央会's
//! support site, or raised by ward staff.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Kind;
use super::kind::report_table;
use super::kind::{About, Book, Field, IdRule, LedgerSheet, RecordKind, ReportSection, Start};
use super::value::{Env, Flag, Grid, ReportPart, Value};
use crate::data::Source;
use crate::diagnostics::Diagnostics;
use crate::domain::{Due, Stamp};

labelled_enum! {
    /// Where an inquiry or request went (§2-⑤ 問合せ・依頼, §4.5 ①–④).
    InquiryChannel {
        Chatbot => "自治体コミュニティ基盤（チャットボット）",
        ContactCenter => "コンタクトセンター",
        Emergency => "緊急連絡窓口",
        SupportSite => "国保中央会サポートサイト",
        WardStaff => "区職員",
    }
}

impl InquiryChannel {
    /// Channels run by the O&M provider: their inquiries count for the
    /// provider's 問合せ期限内解決率.
    pub fn is_provider(self) -> bool {
        matches!(
            self,
            InquiryChannel::Chatbot | InquiryChannel::ContactCenter | InquiryChannel::Emergency
        )
    }
}

labelled_enum! {
    /// What an inquiry is about. The first five are the chatbot's routine requests (§2-⑤).
    InquiryCategory {
        OnlineHours => "オンライン時間帯変更",
        BatchSchedule => "バッチスケジュール・パラメタ変更",
        LogData => "ログデータ入替",
        Gaiji => "外字登録依頼",
        Account => "職員・操作権限登録代行",
        MasterBatch => "マスタ反映（バッチ）依頼",
        Question => "運用に関する問合せ",
        Incident => "障害連絡",
        Specification => "仕様・設計・更新計画",
        Other => "その他",
    }
}

labelled_enum! {
    InquiryStatus {
        Open => "対応中",
        Resolved => "解決",
        Withdrawn => "取下げ",
    }
}

/// One inquiry or request (§4.5). Never about a resident: about operations only.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inquiry {
    /// The file name without `.yaml`; written in the file only to repeat it.
    #[serde(default)]
    pub id: String,
    pub received_at: Stamp,
    pub channel: InquiryChannel,
    /// Who raised it: a staff id or an actor id.
    pub from: String,
    pub category: InquiryCategory,
    pub summary: String,
    /// 受付番号 given by the chatbot or the contact center.
    #[serde(default)]
    pub ticket: Option<String>,
    #[serde(default)]
    pub answer: Option<String>,
    #[serde(default)]
    pub deadline: Option<Due>,
    #[serde(default)]
    pub resolved_at: Option<Stamp>,
    pub status: InquiryStatus,
    /// The contractor's staff who handled it.
    #[serde(default)]
    pub handled_by: Option<String>,
    /// The incident this inquiry belongs to, if any.
    #[serde(default)]
    pub incident: Option<String>,
    /// Handbook pages (paths below `content/`) the answer changed or relates to.
    #[serde(default)]
    pub pages: Vec<String>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

impl Inquiry {
    /// Its state at the end of `day`: withdrawn, resolved by then, or open.
    pub fn state_on(&self, day: NaiveDate) -> InquiryStatus {
        if self.status == InquiryStatus::Withdrawn {
            InquiryStatus::Withdrawn
        } else if self.resolved_at.is_some_and(|r| r.date() <= day) {
            InquiryStatus::Resolved
        } else {
            InquiryStatus::Open
        }
    }

    /// Still open after its deadline on `day`.
    pub fn is_overdue(&self, day: NaiveDate) -> bool {
        self.state_on(day) == InquiryStatus::Open && self.deadline.is_some_and(|d| d.is_past(day))
    }

    /// Its deadline was missed as seen on `day`: resolved after it, or still
    /// open when it has passed.
    pub fn missed_deadline(&self, day: NaiveDate) -> bool {
        self.state_on(day) != InquiryStatus::Withdrawn
            && self
                .deadline
                .is_some_and(|d| self.resolved_at.map_or(d.is_past(day), |r| !d.is_met_by(r)))
    }

    /// `対応中（期限超過）`: the state on `day`, and whether the deadline was missed.
    pub fn status_text(&self, day: NaiveDate) -> String {
        let state = self.state_on(day).label();
        if self.missed_deadline(day) {
            format!("{state}（期限超過）")
        } else {
            state.to_string()
        }
    }

    /// 主な問合せ of a month: still open at its end, late, made through the
    /// emergency contact, or tied to an incident.
    pub fn is_notable(&self, day: NaiveDate) -> bool {
        self.state_on(day) == InquiryStatus::Open
            || self.missed_deadline(day)
            || self.channel == InquiryChannel::Emergency
            || self.incident.is_some()
            || self.category == InquiryCategory::Incident
    }
}

/// ⑤ 問合せ・障害対応記録: inquiries, incidents and the incidents' steps.
pub const SUPPORT_BOOK: Book = Book {
    file: "問合せ・障害対応記録.xlsx",
    title: "問合せ・障害対応記録",
    deliverable: "d5",
};

fn status(r: &Inquiry, env: &Env<'_>) -> Value {
    Value::text(r.status_text(env.day)).flagged(r.flag(env))
}

/// The summary, and the incident it belongs to, in one printed cell.
fn summary_with_incident(r: &Inquiry, _env: &Env<'_>) -> Value {
    let mut lines = vec![Value::Long(r.summary.clone())];
    if let Some(id) = &r.incident {
        lines.push(Value::Join(vec![
            Value::text("（障害 "),
            Value::Record(Kind::Incidents, id.clone()),
            Value::text(" に関連）"),
        ]));
    }
    Value::Lines(lines)
}

fn due(r: &Inquiry) -> Value {
    match r.deadline {
        Some(Due::Day(d)) => Value::Date(d),
        Some(Due::At(s)) => Value::Stamp(s),
        None => Value::Empty,
    }
}

impl RecordKind for Inquiry {
    const KIND: Kind = Kind::Inquiries;
    const ABOUT: About = About {
        dir: "inquiries",
        name: "問合せ・依頼",
        command: "inquiry",
        ids: IdRule::Yearly {
            prefix: "INQ",
            width: 4,
        },
        schema: "inquiry.json",
        page: "records/inquiries.md",
        pages: true,
        ledger: Some(LedgerSheet {
            book: &SUPPORT_BOOK,
            sheet: "問合せ・依頼",
            title: "⑤ 問合せ・障害対応記録（問合せ・依頼）",
            note: Some("黄色の行は期限を過ぎた問合せ（期限内に解決しなかったもの、対応中のもの）"),
            numbered: false,
        }),
        report: Some(ReportSection {
            chapter: "問合せ・障害対応",
            heading: Some("主な問合せ"),
            note: Some(
                "月末時点で対応中のもの、期限を過ぎたもの、緊急連絡、障害に関連するもの。すべての記録は ⑤ 問合せ・障害対応記録にあります。",
            ),
            empty: "特記すべき問合せはありません。",
        }),
    };

    // reason: a table of fields, one per line, reads better than rustfmt's layout
    #[rustfmt::skip]
    const FIELDS: &'static [Field<Inquiry>] = &[
        Field::<Inquiry>::new("id", "ID", |r, _| Value::Record(Kind::Inquiries, r.id.clone())).list().ledger().report(0).not_on_page(),
        Field::<Inquiry>::new("received_at", "受付日時", |r, _| Value::Stamp(r.received_at)).list().ledger().report(0).required(Start::Now),
        Field::<Inquiry>::new("channel", "窓口", |r, _| Value::Label(r.channel.label())).list().ledger().wrap(16.0).required(Start::Literal("chatbot")).choices(InquiryChannel::choices),
        Field::<Inquiry>::new("category", "分類", |r, _| Value::Label(r.category.label())).list().ledger().wrap(16.0).required(Start::Literal("question")).choices(InquiryCategory::choices),
        Field::<Inquiry>::new("", "窓口・分類", |r, _| Value::Lines(vec![Value::Label(r.channel.label()), Value::Label(r.category.label())])).report_only(2),
        Field::<Inquiry>::new("from", "依頼元", |r, _| Value::Person(r.from.clone())).list().ledger().personal().required(Start::Contractor).help("問合せ・依頼をした人: data/staff.yaml か data/actors.yaml の id"),
        Field::<Inquiry>::new("summary", "内容", |r, _| Value::Long(r.summary.clone())).list().ledger().wrap(26.0).required(Start::EmptyText),
        Field::<Inquiry>::new("", "内容", summary_with_incident).report_only(3),
        Field::<Inquiry>::new("ticket", "受付番号", |r, _| Value::opt_text(&r.ticket)).ledger(),
        Field::<Inquiry>::new("answer", "回答・対応", |r, _| Value::opt_long(&r.answer)).ledger_detail().wrap(60.0),
        Field::<Inquiry>::new("deadline", "期限", |r, _| due(r)).list().ledger().report(0).help("YYYY-MM-DD か YYYY-MM-DD HH:MM"),
        Field::<Inquiry>::new("resolved_at", "解決日時", |r, _| Value::opt_stamp(r.resolved_at)).list().ledger(),
        Field::<Inquiry>::new("status", "状態", status).list().required(Start::Literal("open")).choices(InquiryStatus::choices),
        Field::<Inquiry>::new("", "状態", |r, env| Value::Label(r.state_on(env.day).label())).ledger().not_on_page().choices(InquiryStatus::choices),
        Field::<Inquiry>::new("", "状況（月末）", |r, env| Value::Lines(vec![status(r, env), Value::opt_long(&r.answer)])).report_only(3),
        Field::<Inquiry>::new("handled_by", "対応者", |r, _| Value::opt_person(&r.handled_by)).list().ledger().report(0).personal(),
        Field::<Inquiry>::new("incident", "関連する障害", |r, _| Value::opt_record(Kind::Incidents, &r.incident)),
        Field::<Inquiry>::new("pages", "関連する手引きのページ", |r, _| Value::Pages(r.pages.clone())),
        Field::<Inquiry>::new("remarks", "備考", |r, _| Value::opt_long(&r.remarks)).ledger_detail().wrap(40.0),
    ];

    id_and_source!();

    fn date(&self) -> NaiveDate {
        self.received_at.date()
    }

    fn title(&self) -> String {
        format!("問合せ {}", self.id)
    }

    fn sort(records: &mut [Self]) {
        records.sort_by(|a, b| (a.received_at, &a.id).cmp(&(b.received_at, &b.id)));
    }

    fn flag(&self, env: &Env<'_>) -> Flag {
        if self.is_overdue(env.day) {
            Flag::Warn
        } else if self.state_on(env.day) == InquiryStatus::Open {
            Flag::Open
        } else {
            Flag::None
        }
    }

    fn filters() -> Vec<String> {
        InquiryStatus::labels()
    }

    fn filter(&self, env: &Env<'_>) -> Option<String> {
        Some(self.state_on(env.day).label().to_string())
    }

    fn intro(records: &[Self], env: &Env<'_>) -> String {
        let open = records
            .iter()
            .filter(|r| r.state_on(env.day) == InquiryStatus::Open)
            .count();
        let overdue = records.iter().filter(|r| r.is_overdue(env.day)).count();
        format!(
            "{} 件（うち対応中 {open} 件、期限超過 {overdue} 件、{} 時点）。",
            records.len(),
            env.day
        )
    }

    fn alerts(&self, env: &Env<'_>) -> Vec<String> {
        if !self.is_overdue(env.day) {
            return Vec::new();
        }
        let due = self.deadline.map(|d| d.to_string()).unwrap_or_default();
        vec![format!(
            "期限（{due}）を過ぎても対応中です。督促し、経過を記録してください。"
        )]
    }

    fn report(month: &[&Self], _first: NaiveDate, env: &Env<'_>) -> Vec<ReportPart> {
        let mut parts = vec![by_channel(month, env), by_category(month)];
        let notable = month.iter().copied().filter(|i| i.is_notable(env.day));
        parts.extend(report_table(notable, env));
        parts
    }

    fn check(&self, refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
        let s = &self.source;
        match (self.status, self.resolved_at) {
            (InquiryStatus::Resolved, None) => diags.error(
                refs.locate(s, "status", "resolved"),
                "status が resolved（解決）なのに resolved_at（解決日時）がありません",
            ),
            (InquiryStatus::Open, Some(at)) => diags.error(
                refs.locate(s, "resolved_at", &at.to_string()),
                "resolved_at（解決日時）があるのに status が open（対応中）です",
            ),
            _ => {}
        }
        if let Some(at) = self.resolved_at {
            refs.in_order(
                s,
                ("受付", self.received_at),
                ("解決", "resolved_at", at),
                diags,
            );
        }
        if let Some(due) = self.deadline
            && due.date() < self.received_at.date()
        {
            diags.error(
                refs.locate(s, "deadline", &due.to_string()),
                format!("期限（{due}）が受付（{}）より前です", self.received_at),
            );
        }
    }
}

/// 窓口別の件数, as each inquiry stood at the month's end.
fn by_channel(month: &[&Inquiry], env: &Env<'_>) -> ReportPart {
    let mut grid = Grid::plain(&[
        ("窓口", 2),
        ("件数", 0),
        ("解決", 0),
        ("対応中", 0),
        ("取下げ", 0),
    ]);
    for c in InquiryChannel::ALL {
        let of: Vec<&&Inquiry> = month.iter().filter(|i| i.channel == *c).collect();
        if of.is_empty() {
            continue;
        }
        let count = |s: InquiryStatus| {
            Value::Number(of.iter().filter(|i| i.state_on(env.day) == s).count() as i64)
        };
        grid.push(vec![
            Value::Label(c.label()),
            Value::Number(of.len() as i64),
            count(InquiryStatus::Resolved),
            count(InquiryStatus::Open),
            count(InquiryStatus::Withdrawn),
        ]);
    }
    ReportPart {
        heading: Some("窓口別の件数"),
        note: None,
        grid,
        empty: "該当なし。".into(),
    }
}

fn by_category(month: &[&Inquiry]) -> ReportPart {
    let mut grid = Grid::plain(&[("区分", 1), ("件数", 0)]);
    for c in InquiryCategory::ALL {
        let n = month.iter().filter(|i| i.category == *c).count();
        if n > 0 {
            grid.push(vec![Value::Label(c.label()), Value::Number(n as i64)]);
        }
    }
    ReportPart {
        heading: Some("区分別の件数"),
        note: None,
        grid,
        empty: "該当なし。".into(),
    }
}
