//! The fiscal-year switch lists of ④ (§4.10③): from two consecutive rosters, the
//! accounts to add, change and delete, and how to request the bulk registration.

use super::view::{Field, RecordView, Section};
use super::{Ctx, kinds, page, parent, source_path};
use crate::data::records::kind::{Views, grid};
use crate::data::records::roster::SWITCH_LINES;
use crate::data::records::value::Flag;
use crate::data::records::{Operation, Roster, switch_rows};
use crate::domain::FiscalYear;
use crate::pages::GeneratedPage;

/// `records/accounts/switch-fy2027.html`: the switch into fiscal year 2027.
pub fn switch_url(next: i32) -> String {
    format!("records/accounts/switch-fy{next}.html")
}

pub fn pages(ctx: &Ctx<'_>) -> Vec<GeneratedPage> {
    ctx.records
        .roster_switches()
        .into_iter()
        .map(|(current, next)| {
            let title = format!(
                "{} 年度切替 一括登録リスト",
                FiscalYear(next.fiscal_year).label()
            );
            page(
                switch_url(next.fiscal_year),
                title,
                parent("accounts"),
                switch_page(ctx, current, next),
            )
            .made_from(&["data/records/accounts/", "data/records/rosters/"])
        })
        .collect()
}

const STEPS: [&str; 4] = [
    "このリストを区（こくほ電算調整係）に確認してもらう。",
    "メンテナンスツールで一括登録の設定ファイルを作成する（リストの内容と一致させる）。",
    "チャットボット（自治体コミュニティ基盤）から一括登録代行を依頼し、問合せの記録を残す。",
    "切替日以降、オンライン画面で登録結果を確認し、台帳の履歴に記録する。",
];

fn switch_page(ctx: &Ctx<'_>, current: &Roster, next: &Roster) -> RecordView {
    let env = ctx.env();
    let rows = switch_rows(ctx.data, current, next);
    let list = grid(SWITCH_LINES, Views::DETAIL, &rows, &env, |_| Flag::None);
    let url = switch_url(next.fiscal_year);
    let count = |op: Operation| rows.iter().filter(|r| r.operation == op.label()).count();
    let (this, coming) = (
        FiscalYear(current.fiscal_year),
        FiscalYear(next.fiscal_year),
    );
    RecordView {
        kind: "年度切替",
        id: format!("fy{}", next.fiscal_year),
        list_url: "index.html".into(),
        source: source_path(&next.source),
        alerts: Vec::new(),
        fields: vec![
            Field::new("切替日", coming.start().to_string()),
            Field::new(
                "名簿",
                format!(
                    "{}（{}）→ {}（{}）",
                    this.label(),
                    source_path(&current.source),
                    coming.label(),
                    source_path(&next.source)
                ),
            ),
            Field::new(
                "件数",
                format!(
                    "追加 {} 件、変更 {} 件、削除 {} 件",
                    count(Operation::Register),
                    count(Operation::Update),
                    count(Operation::Delete)
                ),
            ),
        ],
        sections: vec![
            Section {
                title: "一括登録リスト".into(),
                table: Some(kinds::table(&list, &url, ctx.data)),
                lines: Vec::new(),
            },
            Section {
                title: "依頼の手順（4.10③）".into(),
                table: None,
                lines: STEPS.iter().map(|s| s.to_string()).collect(),
            },
        ],
    }
}
