//! ③ マスタ更新記録 (§4.8): every update of a master, by online screen or by a
//! batch requested from the provider, with who did and who checked it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Kind;
use super::kind::{About, Book, Field, IdRule, LedgerSheet, RecordKind, ReportSection, Start};
use super::value::{Env, Value};
use crate::data::Source;
use crate::diagnostics::Diagnostics;

labelled_enum! {
    /// The masters of §2-⑤ マスタメンテ運用 and §4.8①.
    MasterKind {
        TerminalPrinter => "端末・プリンタ紐づけ",
        CityAddress => "市内住所",
        OutsideAddress => "市外住所",
        MunicipalityAddress => "自治体住所",
        Municipality => "自治体情報",
        Office => "行政区・事務所情報",
        Other => "その他",
    }
}

labelled_enum! {
    /// §4.8②: by online screen, or by a batch requested from the provider.
    UpdateMethod {
        Screen => "オンライン画面",
        Batch => "バッチ処理（富士通Japan(株)へ依頼）",
    }
}

/// One master update (③ マスタ更新記録).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MasterUpdate {
    #[serde(default)]
    pub id: String,
    /// The day it was applied.
    pub date: NaiveDate,
    pub master: MasterKind,
    pub method: UpdateMethod,
    pub content: String,
    /// Staff or actor ids.
    pub requested_by: String,
    pub done_by: String,
    #[serde(default)]
    pub verified_by: Option<String>,
    /// The inquiry record of the batch request sent to the provider.
    #[serde(default)]
    pub request: Option<String>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

pub const MASTER_BOOK: Book = Book {
    file: "マスタ更新記録.xlsx",
    title: "マスタ更新記録",
    deliverable: "d3",
};

fn verifier(r: &MasterUpdate) -> Value {
    match &r.verified_by {
        Some(v) => Value::Person(v.clone()),
        None => Value::Missing("未確認"),
    }
}

/// 実施・確認 in one cell of the printed report.
fn done_and_checked(r: &MasterUpdate) -> Value {
    let mut lines = vec![Value::Person(r.done_by.clone())];
    if let Some(v) = &r.verified_by {
        lines.push(Value::Join(vec![
            Value::text("確認: "),
            Value::Person(v.clone()),
        ]));
    }
    Value::Lines(lines)
}

impl RecordKind for MasterUpdate {
    const KIND: Kind = Kind::MasterUpdates;
    const ABOUT: About = About {
        dir: "master-updates",
        name: "マスタ更新記録",
        command: "master-update",
        ids: IdRule::Yearly {
            prefix: "MST",
            width: 4,
        },
        schema: "master-update.json",
        page: "records/master-updates.md",
        pages: true,
        ledger: Some(LedgerSheet {
            book: &MASTER_BOOK,
            sheet: "マスタ更新記録",
            title: "③ マスタ更新記録",
            note: None,
            numbered: true,
        }),
        report: Some(ReportSection {
            chapter: "マスタメンテナンス",
            heading: None,
            note: None,
            empty: "当月のマスタ更新はありません。",
        }),
    };

    // reason: a table of fields, one per line, reads better than rustfmt's layout
    #[rustfmt::skip]
    const FIELDS: &'static [Field<MasterUpdate>] = &[
        Field::<MasterUpdate>::new("id", "ID", |r, _| Value::Record(Kind::MasterUpdates, r.id.clone())).list().ledger().not_on_page(),
        Field::<MasterUpdate>::new("date", "更新日", |r, _| Value::Date(r.date)).list().ledger().report(0).required(Start::Today),
        Field::<MasterUpdate>::new("master", "マスタ", |r, _| Value::Label(r.master.label())).list().ledger().wrap(16.0).report(2).required(Start::Literal("city_address")).choices(MasterKind::choices),
        Field::<MasterUpdate>::new("method", "反映方法", |r, _| Value::Label(r.method.label())).list().ledger().wrap(16.0).report(2).required(Start::Literal("screen")).choices(UpdateMethod::choices),
        Field::<MasterUpdate>::new("content", "内容", |r, _| Value::Long(r.content.clone())).list().ledger().wrap(40.0).report(4).required(Start::EmptyText),
        Field::<MasterUpdate>::new("requested_by", "依頼者", |r, _| Value::Person(r.requested_by.clone())).list().ledger().report(0).personal().required(Start::Contractor).help("更新を依頼した人または組織: data/staff.yaml か data/actors.yaml の id"),
        Field::<MasterUpdate>::new("done_by", "作業者", |r, _| Value::Person(r.done_by.clone())).list().ledger().personal().required(Start::Contractor).help("更新した人: data/staff.yaml の id"),
        Field::<MasterUpdate>::new("verified_by", "確認者", |r, _| verifier(r)).list().ledger().personal(),
        Field::<MasterUpdate>::new("", "作業・確認", |r, _| done_and_checked(r)).report_only(0),
        Field::<MasterUpdate>::new("request", "依頼記録", |r, _| Value::opt_record(Kind::Inquiries, &r.request)).ledger(),
        Field::<MasterUpdate>::new("remarks", "備考", |r, _| Value::opt_long(&r.remarks)).ledger_detail().wrap(50.0),
    ];

    id_and_source!();

    fn date(&self) -> NaiveDate {
        self.date
    }

    fn title(&self) -> String {
        format!("マスタ更新 {}", self.id)
    }

    fn filters() -> Vec<String> {
        UpdateMethod::labels()
    }

    fn filter(&self, _env: &Env<'_>) -> Option<String> {
        Some(self.method.label().to_string())
    }

    fn check(&self, refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
        let s = &self.source;
        match &self.verified_by {
            Some(v) if v == &self.done_by => diags.warning(
                refs.locate(s, "verified_by", v),
                "作業者と確認者が同じです（更新結果は別の人が確認してください）",
            ),
            Some(_) => {}
            None => diags.warning(
                refs.locate(s, "done_by", &self.done_by),
                "確認者（verified_by）がありません：更新結果の確認が済んでいません",
            ),
        }
        if self.request.is_none() && self.method == UpdateMethod::Batch {
            diags.warning(
                refs.locate(s, "method", "batch"),
                "バッチ処理による反映ですが、富士通Japan(株)への依頼の記録（request: 問合せの id）がありません",
            );
        }
    }
}
