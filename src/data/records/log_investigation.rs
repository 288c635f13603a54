//! ログ調査 (§4.9): a search of the business system's operation logs for the
//! audit department, a disclosure request, or the section itself.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Kind;
use super::kind::{About, Field, IdRule, RecordKind, ReportSection, Start};
use super::value::{Env, Value};
use crate::data::Source;
use crate::diagnostics::Diagnostics;

labelled_enum! {
    /// §4.9③: the three kinds of log search.
    LogKind {
        Audit => "システム監査",
        Disclosure => "公開請求",
        Own => "ログ検索",
    }
}

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// `2027-01-05〜2027-01-07`.
    pub fn value(&self) -> Value {
        Value::Join(vec![
            Value::Date(self.from),
            Value::text("〜"),
            Value::Date(self.to),
        ])
    }
}

/// One log investigation (§4.9). The scope names operations and terminals, never
/// a resident.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LogInvestigation {
    #[serde(default)]
    pub id: String,
    pub kind: LogKind,
    /// Who asked for it: an actor id (監査部署, こくほ電算調整係) or a staff id.
    pub requester: String,
    pub requested_on: NaiveDate,
    /// The days whose logs were searched.
    pub period: Period,
    pub scope: String,
    #[serde(default)]
    pub result: Option<String>,
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    #[serde(default)]
    pub reported_on: Option<NaiveDate>,
    #[serde(default)]
    pub done_by: Option<String>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

impl LogInvestigation {
    /// The day the result was reported (or, without a report, done) by `day`.
    pub fn reported_by(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.reported_on.or(self.done_on).filter(|d| *d <= day)
    }
}

impl RecordKind for LogInvestigation {
    const KIND: Kind = Kind::LogInvestigations;
    const ABOUT: About = About {
        dir: "log-investigations",
        name: "ログ調査",
        command: "log-investigation",
        ids: IdRule::Yearly {
            prefix: "LOG",
            width: 4,
        },
        schema: "log-investigation.json",
        page: "records/log-investigations.md",
        pages: true,
        ledger: None,
        report: Some(ReportSection {
            chapter: "業務オンライン操作ログの調査",
            heading: None,
            note: None,
            empty: "当月のログ調査はありません。",
        }),
    };

    // reason: a table of fields, one per line, reads better than rustfmt's layout
    #[rustfmt::skip]
    const FIELDS: &'static [Field<LogInvestigation>] = &[
        Field::<LogInvestigation>::new("id", "ID", |r, _| Value::Record(Kind::LogInvestigations, r.id.clone())).list().not_on_page(),
        Field::<LogInvestigation>::new("kind", "種類", |r, _| Value::Label(r.kind.label())).list().report(0).required(Start::Literal("own")).choices(LogKind::choices),
        Field::<LogInvestigation>::new("requester", "依頼者", |r, _| Value::Person(r.requester.clone())).list().report(0).personal().required(Start::Contractor).help("調査を依頼した人または組織: data/staff.yaml か data/actors.yaml の id"),
        Field::<LogInvestigation>::new("requested_on", "依頼日", |r, _| Value::Date(r.requested_on)).list().report(0).required(Start::Today),
        Field::<LogInvestigation>::new("period", "対象期間", |r, _| r.period.value()).list().required(Start::TodaySpan),
        Field::<LogInvestigation>::new("scope", "範囲", |r, _| Value::Long(r.scope.clone())).list().required(Start::EmptyText).help("調査した操作・端末など。住民の情報は書かない"),
        Field::<LogInvestigation>::new("", "対象期間・範囲", |r, _| Value::Lines(vec![r.period.value(), Value::Long(r.scope.clone())])).report_only(2),
        Field::<LogInvestigation>::new("result", "結果", |r, _| Value::opt_long(&r.result)).report(2),
        Field::<LogInvestigation>::new("done_on", "実施日", |r, _| Value::opt_date(r.done_on)).list(),
        Field::<LogInvestigation>::new("reported_on", "報告日", |r, _| Value::opt_date(r.reported_on)).list(),
        Field::<LogInvestigation>::new("", "報告", |r, env| Value::opt_date(r.reported_by(env.day))).report_only(0),
        Field::<LogInvestigation>::new("done_by", "実施者", |r, _| Value::opt_person(&r.done_by)).personal(),
        Field::<LogInvestigation>::new("remarks", "備考", |r, _| Value::opt_long(&r.remarks)),
    ];

    id_and_source!();

    fn date(&self) -> NaiveDate {
        self.requested_on
    }

    fn title(&self) -> String {
        format!("ログ調査 {}", self.id)
    }

    fn filters() -> Vec<String> {
        LogKind::labels()
    }

    fn filter(&self, _env: &Env<'_>) -> Option<String> {
        Some(self.kind.label().to_string())
    }

    fn check(&self, refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
        let s = &self.source;
        let p = self.period;
        refs.date_order(
            s,
            ("期間の始め", p.from),
            ("期間の終わり", "to", p.to),
            diags,
        );
        if let Some(done) = self.done_on {
            refs.date_order(
                s,
                ("依頼日", self.requested_on),
                ("実施日", "done_on", done),
                diags,
            );
            if let Some(rep) = self.reported_on {
                refs.date_order(s, ("実施日", done), ("報告日", "reported_on", rep), diags);
            }
        }
    }
}
