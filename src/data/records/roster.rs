//! 年度別名簿 (§4.10③): who holds which account where in one fiscal year, from
//! the ward's 組織・職員情報; two consecutive rosters give the fiscal-year
//! switch's bulk-registration list.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Kind;
use super::account::ACCOUNTS_BOOK;
use super::kind::{About, Field, IdRule, LedgerSheet, RecordKind, Start, Views, grid};
use super::switch::{SwitchRow, switch_rows};
use super::value::{Env, Flag, Sheet, Value};
use crate::data::Source;
use crate::diagnostics::Diagnostics;
use crate::domain::FiscalYear;

/// One line of a fiscal year's roster: who holds which account where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RosterEntry {
    /// A staff id.
    pub person: String,
    pub user_id: String,
    pub organisation: String,
    pub role: String,
    #[serde(default)]
    pub permissions: Vec<String>,
}

/// The organisation and permissions of every account holder for one 年度
/// (`data/records/rosters/fy<year>.yaml`).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roster {
    #[serde(default)]
    pub id: String,
    /// The fiscal year, by the calendar year it starts in (2027 = 令和9年度).
    pub fiscal_year: i32,
    /// The day the ward gave the roster.
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    pub members: Vec<RosterEntry>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

/// The lines of a switch list, on its page and its sheet.
// reason: a table of fields, one per line, reads better than rustfmt's layout
#[rustfmt::skip]
pub const SWITCH_LINES: &[Field<SwitchRow>] = &[
    Field::<SwitchRow>::new("", "操作", |r, _| Value::Label(r.operation)).ledger(),
    Field::<SwitchRow>::new("", "ユーザーID", |r, _| Value::text(&r.user_id)).ledger(),
    Field::<SwitchRow>::new("", "氏名", |r, _| Value::text(&r.name)).ledger().personal(),
    Field::<SwitchRow>::new("", "組織", |r, _| Value::text(&r.organisation)).ledger(),
    Field::<SwitchRow>::new("", "役割", |r, _| Value::text(&r.role)).ledger(),
    Field::<SwitchRow>::new("", "権限", |r, _| Value::text(&r.permissions)).ledger().wrap(40.0),
    Field::<SwitchRow>::new("", "変更項目", |r, _| Value::text(&r.changed)).ledger(),
    Field::<SwitchRow>::new("", "変更前（組織 / 役割 / 権限）", |r, _| Value::text(&r.before)).ledger().wrap(40.0),
];

impl RecordKind for Roster {
    const KIND: Kind = Kind::Rosters;
    const ABOUT: About = About {
        dir: "rosters",
        name: "年度別名簿",
        command: "roster",
        ids: IdRule::FiscalYear,
        schema: "roster.json",
        page: "records/accounts.md",
        pages: false,
        ledger: Some(LedgerSheet {
            book: &ACCOUNTS_BOOK,
            sheet: "年度切替",
            title: "年度切替 一括登録リスト",
            note: None,
            numbered: false,
        }),
        report: None,
    };

    // reason: a table of fields, one per line, reads better than rustfmt's layout
    #[rustfmt::skip]
    const FIELDS: &'static [Field<Roster>] = &[
        Field::<Roster>::new("id", "ID", |r, _| Value::text(&r.id)).not_on_page(),
        Field::<Roster>::new("fiscal_year", "年度", |r, _| Value::Text(FiscalYear(r.fiscal_year).label())).required(Start::FiscalYear),
        Field::<Roster>::new("received_on", "受領日", |r, _| Value::opt_date(r.received_on)).required(Start::Today),
        Field::<Roster>::new("members", "名簿", |r, _| Value::Number(r.members.len() as i64)).required(Start::EmptyList),
        Field::<Roster>::new("remarks", "備考", |r, _| Value::opt_long(&r.remarks)),
    ];

    id_and_source!();

    fn date(&self) -> NaiveDate {
        FiscalYear(self.fiscal_year).start()
    }

    /// A roster is an input for the switch, not work done in a month.
    fn dates(&self) -> Vec<NaiveDate> {
        Vec::new()
    }

    fn title(&self) -> String {
        format!("{} 名簿", FiscalYear(self.fiscal_year).label())
    }

    fn sort(records: &mut [Self]) {
        records.sort_by_key(|r| r.fiscal_year);
    }

    /// One 一括登録リスト sheet per switch between two consecutive rosters.
    fn sheets(records: &[Self], env: &Env<'_>) -> Vec<Sheet> {
        switches(records)
            .into_iter()
            .map(|(current, next)| {
                let rows = switch_rows(env.data, current, next);
                let fy = FiscalYear(next.fiscal_year);
                Sheet {
                    name: format!("年度切替_{}", fy.label()),
                    title: format!("{} 年度切替 一括登録リスト（{} 適用）", fy.label(), fy.start()),
                    notes: vec![format!(
                        "{}の名簿と{}の名簿の差分。メンテナンスツールで設定ファイルを作成し、チャットボットで一括登録代行を依頼する（4.10③）",
                        FiscalYear(current.fiscal_year).label(),
                        fy.label()
                    )],
                    numbered: false,
                    grid: grid(SWITCH_LINES, Views::LEDGER, &rows, env, |_| Flag::None),
                }
            })
            .collect()
    }

    fn check(&self, refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
        let s = &self.source;
        let mut people = HashSet::new();
        let mut ids = HashSet::new();
        for m in &self.members {
            if !refs.is_staff(&m.person) {
                diags.error(
                    refs.locate(s, "person", &m.person),
                    super::check::unknown_staff(&m.person),
                );
            }
            if !people.insert(m.person.as_str()) {
                diags.error(
                    refs.locate(s, "person", &m.person),
                    format!(
                        "`{}` が名簿に2回あります（アカウントは個人単位で1つです）",
                        m.person
                    ),
                );
            }
            if !ids.insert(m.user_id.as_str()) {
                diags.error(
                    refs.locate(s, "user_id", &m.user_id),
                    format!("ユーザーID `{}` が名簿に2回あります", m.user_id),
                );
            }
        }
    }

    fn check_all(records: &[Self], refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
        let mut years = HashSet::new();
        for r in records {
            if !years.insert(r.fiscal_year) {
                diags.error(
                    refs.locate(&r.source, "fiscal_year", &r.fiscal_year.to_string()),
                    format!("{} 年度の名簿が複数あります", r.fiscal_year),
                );
            }
        }
    }
}

/// The pairs of consecutive rosters (this year, next year): one fiscal-year
/// switch each.
pub fn switches(rosters: &[Roster]) -> Vec<(&Roster, &Roster)> {
    rosters
        .windows(2)
        .filter(|w| w[1].fiscal_year == w[0].fiscal_year + 1)
        .map(|w| (&w[0], &w[1]))
        .collect()
}
