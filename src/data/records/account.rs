//! ④ アカウント・組織・権限管理台帳 (§4.10): one account per person, its
//! organisation, role and permissions, and every register/update/delete.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Kind;
use super::kind::{
    About, Book, Field, IdRule, LedgerSheet, Of, RecordKind, ReportSection, Start, Views,
    nested_grid, own_sheets,
};
use super::value::{Env, Flag, ReportPart, Section, Sheet, Value};
use crate::data::Source;
use crate::diagnostics::Diagnostics;

labelled_enum! {
    /// §4.10②: 登録・更新・削除.
    Operation {
        Register => "登録",
        Update => "更新",
        Delete => "削除",
    }
}

/// One change made to an account on the online screen or by bulk registration.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountEvent {
    pub date: NaiveDate,
    pub operation: Operation,
    pub detail: String,
    /// A staff id (the contractor's operator) or an actor id (the provider, for a
    /// bulk registration).
    pub by: String,
    /// The inquiry record of the chatbot request, for a bulk registration.
    #[serde(default)]
    pub request: Option<String>,
}

/// One account (§4.10①): the business-system account and the cloud-domain
/// (file server) account are the same, one per person. No password, ever.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Account {
    #[serde(default)]
    pub id: String,
    /// The user ID of the business system and the file server.
    pub user_id: String,
    /// The holder: a staff id of `data/staff.yaml`.
    pub person: String,
    pub organisation: String,
    pub role: String,
    #[serde(default)]
    pub permissions: Vec<String>,
    pub valid_from: NaiveDate,
    #[serde(default)]
    pub valid_to: Option<NaiveDate>,
    pub history: Vec<AccountEvent>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

impl Account {
    pub fn is_valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && self.valid_to.is_none_or(|to| day <= to)
    }

    /// Two validity spans share a day.
    pub fn overlaps(&self, other: &Account) -> bool {
        let ends_before = |a: &Account, b: &Account| a.valid_to.is_some_and(|to| to < b.valid_from);
        !ends_before(self, other) && !ends_before(other, self)
    }

    /// 有効 or 無効 on `day`.
    pub fn validity(&self, day: NaiveDate) -> &'static str {
        if self.is_valid_on(day) {
            "有効"
        } else {
            "無効"
        }
    }
}

pub const ACCOUNTS_BOOK: Book = Book {
    file: "アカウント・組織・権限管理台帳.xlsx",
    title: "アカウント・組織・権限管理台帳",
    deliverable: "d4",
};

fn last_change(a: &Account) -> Value {
    a.history.last().map_or(Value::Empty, |e| {
        Value::Join(vec![
            Value::Date(e.date),
            Value::text(" "),
            Value::Label(e.operation.label()),
        ])
    })
}

/// The changes of accounts: on an account's page, the ledger's history sheet
/// and the monthly report.
// reason: a table of fields, one per line, reads better than rustfmt's layout
#[rustfmt::skip]
const CHANGES: &[Of<Account, AccountEvent>] = &[
    Of::Child(Field::new("date", "日付", |e: &AccountEvent, _| Value::Date(e.date)).ledger().report(0)),
    Of::Child(Field::new("operation", "操作", |e: &AccountEvent, _| Value::Label(e.operation.label())).ledger().report(0)),
    Of::Parent(Field::new("user_id", "ユーザーID", |a: &Account, _| Value::text(&a.user_id)).ledger().report(0).not_on_page()),
    Of::Parent(Field::new("person", "氏名", |a: &Account, _| Value::Person(a.person.clone())).ledger().personal().not_on_page()),
    Of::Parent(Field::new("", "利用者・所属", |a: &Account, _| Value::Lines(vec![Value::Person(a.person.clone()), Value::text(&a.organisation)])).report_only(1).personal()),
    Of::Child(Field::new("detail", "内容", |e: &AccountEvent, _| Value::Long(e.detail.clone())).ledger().wrap(50.0).report(2)),
    Of::Child(Field::new("by", "実施者", |e: &AccountEvent, _| Value::Person(e.by.clone())).ledger().report(0).personal()),
    Of::Child(Field::new("request", "依頼記録", |e: &AccountEvent, _| Value::opt_record(Kind::Inquiries, &e.request)).ledger()),
];

/// 有効 / 無効 on a day: the 状態 the ledger offers as a list.
fn validity_choices() -> Vec<(String, &'static str)> {
    vec![("valid".into(), "有効"), ("invalid".into(), "無効")]
}

impl RecordKind for Account {
    const KIND: Kind = Kind::Accounts;
    const ABOUT: About = About {
        dir: "accounts",
        name: "アカウント",
        command: "account",
        ids: IdRule::Numbered {
            prefix: "ACC",
            width: 4,
        },
        schema: "account.json",
        page: "records/accounts.md",
        pages: true,
        ledger: Some(LedgerSheet {
            book: &ACCOUNTS_BOOK,
            sheet: "台帳",
            title: "④ アカウント・組織・権限管理台帳",
            note: Some(
                "アカウントは個人単位で1つ（業務システムアカウント・クラウドドメインアカウント兼用）。パスワードは記載しない",
            ),
            numbered: false,
        }),
        report: Some(ReportSection {
            chapter: "アカウント・権限管理",
            heading: None,
            note: None,
            empty: "当月のアカウントの登録・更新・削除はありません。",
        }),
    };

    // reason: a table of fields, one per line, reads better than rustfmt's layout
    #[rustfmt::skip]
    const FIELDS: &'static [Field<Account>] = &[
        Field::<Account>::new("id", "ID", |r, _| Value::Record(Kind::Accounts, r.id.clone())).list().not_on_page(),
        Field::<Account>::new("user_id", "ユーザーID", |r, _| Value::text(&r.user_id)).list().ledger().required(Start::EmptyText).help("業務システム・ファイルサーバ共通のユーザーID"),
        Field::<Account>::new("person", "氏名", |r, _| Value::Person(r.person.clone())).list().ledger().personal().required(Start::Staff).help("アカウントを持つ人: data/staff.yaml の id"),
        Field::<Account>::new("organisation", "組織", |r, _| Value::text(&r.organisation)).list().ledger().required(Start::EmptyText),
        Field::<Account>::new("role", "役割", |r, _| Value::text(&r.role)).list().ledger().required(Start::EmptyText),
        Field::<Account>::new("permissions", "権限", |r, _| Value::Text(r.permissions.join("、"))).list().ledger().wrap(40.0).required(Start::EmptyList),
        Field::<Account>::new("valid_from", "有効開始", |r, _| Value::Date(r.valid_from)).list().ledger().required(Start::Today),
        Field::<Account>::new("valid_to", "有効終了", |r, _| Value::opt_date(r.valid_to)).list().ledger(),
        Field::<Account>::new("", "状態", |r, env| Value::Label(r.validity(env.day))).ledger().choices(validity_choices),
        Field::<Account>::new("", "最終更新", |r, _| last_change(r)).list().not_on_page(),
        Field::<Account>::new("history", "登録・更新・削除の履歴", |_, _| Value::Empty).not_on_page().required(Start::Registration),
        Field::<Account>::new("remarks", "備考", |r, _| Value::opt_long(&r.remarks)).ledger().wrap(24.0),
    ];

    id_and_source!();

    fn date(&self) -> NaiveDate {
        self.valid_from
    }

    fn dates(&self) -> Vec<NaiveDate> {
        self.history.iter().map(|e| e.date).collect()
    }

    fn list_title() -> String {
        ACCOUNTS_BOOK.title.to_string()
    }

    fn title(&self) -> String {
        format!("アカウント {}", self.user_id)
    }

    fn sort(records: &mut [Self]) {
        records.sort_by(|a, b| (&a.user_id, &a.id).cmp(&(&b.user_id, &b.id)));
    }

    fn flag(&self, env: &Env<'_>) -> Flag {
        if self.is_valid_on(env.day) {
            Flag::None
        } else {
            Flag::Muted
        }
    }

    fn filters() -> Vec<String> {
        validity_choices()
            .into_iter()
            .map(|(_, l)| l.to_string())
            .collect()
    }

    fn filter(&self, env: &Env<'_>) -> Option<String> {
        Some(self.validity(env.day).to_string())
    }

    fn intro(records: &[Self], env: &Env<'_>) -> String {
        let valid = records.iter().filter(|a| a.is_valid_on(env.day)).count();
        format!(
            "{} 件（{} 時点で有効 {valid} 件）。アカウントは個人単位で1つ、業務システムとファイルサーバで兼用です。パスワードは記載しません。",
            records.len(),
            env.day
        )
    }

    fn sections(&self, env: &Env<'_>) -> Vec<Section> {
        let rows = self.history.iter().map(|e| (self, e));
        vec![Section::table(
            "登録・更新・削除の履歴",
            nested_grid(CHANGES, Views::DETAIL, rows, env),
        )]
    }

    fn sheets(records: &[Self], env: &Env<'_>) -> Vec<Sheet> {
        let mut changes: Vec<(&Account, &AccountEvent)> = records
            .iter()
            .flat_map(|a| a.history.iter().map(move |e| (a, e)))
            .collect();
        changes.sort_by(|x, y| (x.1.date, &x.0.user_id).cmp(&(y.1.date, &y.0.user_id)));
        let mut sheets: Vec<Sheet> = own_sheets(records, env);
        sheets.push(Sheet {
            name: "登録・更新・削除履歴".into(),
            title: "アカウントの登録・更新・削除履歴".into(),
            notes: Vec::new(),
            numbered: false,
            grid: nested_grid(CHANGES, Views::LEDGER, changes, env),
        });
        sheets
    }

    fn report(month: &[&Self], first: NaiveDate, env: &Env<'_>) -> Vec<ReportPart> {
        let mut changes: Vec<(&Account, &AccountEvent)> = month
            .iter()
            .flat_map(|a| a.history.iter().map(move |e| (*a, e)))
            .filter(|(_, e)| (first..=env.day).contains(&e.date))
            .collect();
        changes.sort_by(|x, y| (x.1.date, &x.0.user_id).cmp(&(y.1.date, &y.0.user_id)));
        let Some(section) = Self::ABOUT.report else {
            return Vec::new();
        };
        vec![ReportPart {
            heading: section.heading,
            note: None,
            grid: nested_grid(CHANGES, Views::REPORT, changes, env),
            empty: section.empty.to_string(),
        }]
    }

    fn check(&self, refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
        let s = &self.source;
        // An id of nobody at all is reported by the reference check already.
        if !refs.is_staff(&self.person) && refs.data.actor(&self.person).is_some() {
            diags.error(
                refs.locate(s, "person", &self.person),
                super::check::unknown_staff(&self.person),
            );
        }
        if let Some(to) = self.valid_to {
            refs.date_order(
                s,
                ("有効開始", self.valid_from),
                ("有効終了", "valid_to", to),
                diags,
            );
        }
        check_history(self, refs, diags);
    }

    fn check_all(records: &[Self], refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
        check_accounts(records, refs, diags);
    }
}

/// A user ID belongs to one account; a person holds one account at a time (§4.10①).
fn check_accounts(accounts: &[Account], refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
    let mut user_ids: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for (i, a) in accounts.iter().enumerate() {
        let s = &a.source;
        if let Some(other) = user_ids.insert(&a.user_id, &a.id) {
            diags.error(
                refs.locate(s, "user_id", &a.user_id),
                format!(
                    "ユーザーID `{}` はアカウント `{other}` と重複しています",
                    a.user_id
                ),
            );
        }
        if let Some(other) = accounts[..i]
            .iter()
            .find(|b| b.person == a.person && b.overlaps(a))
        {
            diags.error(
                refs.locate(s, "person", &a.person),
                format!(
                    "`{}` にはアカウント `{}` が同じ期間に有効です（アカウントは個人単位で1つです）",
                    a.person, other.id
                ),
            );
        }
    }
}

/// The history starts with a registration, runs in date order, and ends at a
/// deletion if there is one.
fn check_history(a: &Account, refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
    let s = &a.source;
    let Some(first) = a.history.first() else {
        diags.error(
            refs.locate(s, "history", ""),
            "history（登録・更新・削除の履歴）が空です",
        );
        return;
    };
    if first.operation != Operation::Register {
        diags.error(
            refs.locate(s, "operation", &first.operation.key()),
            "履歴の最初は登録（register）にしてください",
        );
    }
    let mut last = first.date;
    for (j, e) in a.history.iter().enumerate() {
        refs.person(s, "by", &e.by, diags);
        if let Some(id) = &e.request {
            refs.record(s, "request", Kind::Inquiries, id, diags);
        }
        refs.date_order(s, ("前の履歴", last), ("履歴の日付", "date", e.date), diags);
        last = last.max(e.date);
        if e.operation == Operation::Delete && j + 1 != a.history.len() {
            diags.error(
                refs.locate(s, "operation", "delete"),
                "削除（delete）の後に履歴があります",
            );
        }
    }
    let deleted = a
        .history
        .last()
        .is_some_and(|e| e.operation == Operation::Delete);
    if deleted && a.valid_to.is_none() {
        diags.error(
            refs.locate(s, "operation", "delete"),
            "削除したアカウントには valid_to（有効終了日）を書いてください",
        );
    }
}
