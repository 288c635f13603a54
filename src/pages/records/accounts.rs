//! Pages of ④ アカウント・組織・権限管理台帳: the ledger, one page per account
//! with its history, and the fiscal-year switch list from two rosters.

use super::view::{Cell, Field, ListView, RecordView, Section, Table, TableRow};
use super::{Ctx, day, list_url, page, parent, record_url, source_path};
use crate::data::records::{Account, Kind, Roster, switch_rows};
use crate::domain::FiscalYear;
use crate::pages::GeneratedPage;

/// `records/accounts/switch-fy2027.html`: the switch into fiscal year 2027.
pub fn switch_url(next: i32) -> String {
    format!("records/accounts/switch-fy{next}.html")
}

pub fn pages(ctx: &Ctx<'_>) -> Vec<GeneratedPage> {
    let records = ctx.records;
    let mut pages = Vec::new();
    if records.accounts.is_empty() && records.rosters.is_empty() {
        return pages;
    }
    pages.push(page(
        list_url(Kind::Accounts),
        "アカウント・組織・権限管理台帳".into(),
        "records-list.html",
        parent("accounts"),
        &ledger(ctx),
    ));
    for a in &records.accounts {
        pages.push(page(
            record_url(Kind::Accounts, &a.id),
            format!("アカウント {}", a.user_id),
            "record.html",
            parent("accounts"),
            &account_page(ctx, a),
        ));
    }
    for (current, next) in records.roster_switches() {
        let title = format!(
            "{} 年度切替 一括登録リスト",
            FiscalYear(next.fiscal_year).label()
        );
        pages.push(page(
            switch_url(next.fiscal_year),
            title,
            "record.html",
            parent("accounts"),
            &switch_page(ctx, current, next),
        ));
    }
    pages
}

fn ledger(ctx: &Ctx<'_>) -> ListView {
    let mut table = Table::new(&[
        "ユーザーID",
        "氏名",
        "組織",
        "役割",
        "権限",
        "有効開始",
        "有効終了",
        "最終更新",
    ]);
    for a in &ctx.records.accounts {
        let valid = a.is_valid_on(ctx.today);
        let last = a.history.last();
        table.rows.push(TableRow {
            cells: vec![
                Cell::link(&a.user_id, format!("{}.html", a.id)),
                Cell::text(ctx.person(&a.person)),
                Cell::text(&a.organisation),
                Cell::text(&a.role),
                Cell::text(a.permissions.join("、")),
                day(a.valid_from),
                super::opt_day(a.valid_to),
                Cell::text(last.map_or(String::new(), |e| {
                    format!("{} {}", e.date, e.operation.label())
                }))
                .sorted_by(last.map_or(String::new(), |e| e.date.to_string())),
            ],
            status: Some(if valid { "有効" } else { "無効" }.to_string()),
            class: (!valid).then_some("muted"),
        });
    }
    let links = ctx
        .records
        .roster_switches()
        .into_iter()
        .map(|(_, next)| {
            Cell::link(
                format!(
                    "{} 年度切替 一括登録リスト",
                    FiscalYear(next.fiscal_year).label()
                ),
                format!("switch-fy{}.html", next.fiscal_year),
            )
        })
        .collect();
    ListView {
        kind: "アカウント",
        intro: format!(
            "{} 件（{} 時点で有効 {} 件）。アカウントは個人単位で1つ、業務システムとファイルサーバで兼用です。パスワードは記載しません。",
            ctx.records.accounts.len(),
            ctx.today,
            ctx.records
                .accounts
                .iter()
                .filter(|a| a.is_valid_on(ctx.today))
                .count()
        ),
        table,
        statuses: vec!["有効".into(), "無効".into()],
        links,
        notes: Vec::new(),
    }
}

fn account_page(ctx: &Ctx<'_>, a: &Account) -> RecordView {
    let mut history = Table::new(&["日付", "操作", "内容", "実施者", "依頼"]);
    for e in &a.history {
        history.push(vec![
            day(e.date),
            Cell::text(e.operation.label()),
            Cell::text(&e.detail),
            Cell::text(ctx.person(&e.by)),
            e.request.as_ref().map_or_else(
                || Cell::text(""),
                |id| Cell::link(id, super::record_link(Kind::Inquiries, id)),
            ),
        ]);
    }
    RecordView {
        kind: "アカウント",
        id: a.user_id.clone(),
        list_url: "index.html".into(),
        source: source_path(&a.source),
        alerts: Vec::new(),
        fields: vec![
            Field::new("ユーザーID", &a.user_id),
            Field::new("氏名", ctx.person(&a.person)),
            Field::new("組織", &a.organisation),
            Field::new("役割", &a.role),
            Field::new("権限", a.permissions.join("、")),
            Field::new("有効開始", a.valid_from.to_string()),
            Field::new(
                "有効終了",
                a.valid_to.map(|d| d.to_string()).unwrap_or_default(),
            ),
            Field::new("備考", a.remarks.clone().unwrap_or_default()),
        ],
        sections: vec![Section {
            title: "登録・更新・削除の履歴".into(),
            table: Some(history),
            lines: Vec::new(),
        }],
    }
}

fn switch_page(ctx: &Ctx<'_>, current: &Roster, next: &Roster) -> RecordView {
    let rows = switch_rows(ctx.data, current, next);
    let mut table = Table::new(&[
        "操作",
        "ユーザーID",
        "氏名",
        "組織",
        "役割",
        "権限",
        "変更項目",
        "変更前",
    ]);
    for r in &rows {
        table.push(vec![
            Cell::text(r.operation),
            Cell::text(&r.user_id),
            Cell::text(&r.name),
            Cell::text(&r.organisation),
            Cell::text(&r.role),
            Cell::text(&r.permissions),
            Cell::text(&r.changed),
            Cell::text(&r.before),
        ]);
    }
    let count = |op: crate::data::records::Operation| {
        rows.iter().filter(|r| r.operation == op.label()).count()
    };
    use crate::data::records::Operation::*;
    RecordView {
        kind: "年度切替",
        id: format!("fy{}", next.fiscal_year),
        list_url: "index.html".into(),
        source: source_path(&next.source),
        alerts: Vec::new(),
        fields: vec![
            Field::new("切替日", FiscalYear(next.fiscal_year).start().to_string()),
            Field::new(
                "名簿",
                format!(
                    "{}（{}）→ {}（{}）",
                    FiscalYear(current.fiscal_year).label(),
                    source_path(&current.source),
                    FiscalYear(next.fiscal_year).label(),
                    source_path(&next.source)
                ),
            ),
            Field::new(
                "件数",
                format!("追加 {} 件、変更 {} 件、削除 {} 件", count(Register), count(Update), count(Delete)),
            ),
        ],
        sections: vec![
            Section {
                title: "一括登録リスト".into(),
                table: Some(table),
                lines: Vec::new(),
            },
            super::work::lines(
                "依頼の手順（4.10③）",
                vec![
                    "このリストを区（こくほ電算調整係）に確認してもらう。".into(),
                    "メンテナンスツールで一括登録の設定ファイルを作成する（リストの内容と一致させる）。".into(),
                    "チャットボット（自治体コミュニティ基盤）から一括登録代行を依頼し、問合せの記録を残す。".into(),
                    "切替日以降、オンライン画面で登録結果を確認し、台帳の履歴に記録する。".into(),
                ],
            ),
        ],
    }
}
