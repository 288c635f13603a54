//! Pages of ③ マスタ更新記録, log investigations, data transfers and the file
//! server's folder tree.

use serde::Serialize;

use super::view::{Cell, Field, ListView, RecordView, Section, Table, TableRow};
use super::{Ctx, day, list_url, opt_day, page, parent, record_url, source_path, when};
use crate::data::records::{Kind, UpdateMethod};
use crate::pages::GeneratedPage;

pub const FILESERVER_URL: &str = "records/fileserver/index.html";

pub fn pages(ctx: &Ctx<'_>) -> Vec<GeneratedPage> {
    let r = ctx.records;
    let mut pages = Vec::new();
    let mut kind = |kind: Kind,
                    name: &str,
                    title: &str,
                    list: ListView,
                    items: Vec<(String, String, RecordView)>| {
        if items.is_empty() {
            return;
        }
        pages.push(page(
            list_url(kind),
            format!("{title} 一覧"),
            "records-list.html",
            parent(name),
            &list,
        ));
        for (id, page_title, view) in items {
            pages.push(page(
                record_url(kind, &id),
                page_title,
                "record.html",
                parent(name),
                &view,
            ));
        }
    };
    kind(
        Kind::MasterUpdates,
        "master-updates",
        "マスタ更新記録",
        master_list(ctx),
        r.master_updates
            .iter()
            .map(|m| {
                (
                    m.id.clone(),
                    format!("マスタ更新 {}", m.id),
                    master_page(ctx, m),
                )
            })
            .collect(),
    );
    kind(
        Kind::LogInvestigations,
        "log-investigations",
        "ログ調査",
        log_list(ctx),
        r.log_investigations
            .iter()
            .map(|l| (l.id.clone(), format!("ログ調査 {}", l.id), log_page(ctx, l)))
            .collect(),
    );
    kind(
        Kind::DataTransfers,
        "data-transfers",
        "データ入出力",
        transfer_list(ctx),
        r.data_transfers
            .iter()
            .map(|t| {
                (
                    t.id.clone(),
                    format!("データ入出力 {}", t.id),
                    transfer_page(ctx, t),
                )
            })
            .collect(),
    );
    if !r.fileserver.folders.is_empty() {
        pages.push(page(
            FILESERVER_URL.into(),
            "フォルダ構成（ツリー）".into(),
            "fileserver.html",
            parent("fileserver"),
            &folder_tree(ctx),
        ));
    }
    pages
}

fn master_list(ctx: &Ctx<'_>) -> ListView {
    let mut table = Table::new(&[
        "ID",
        "更新日",
        "マスタ",
        "反映方法",
        "内容",
        "依頼者",
        "作業者",
        "確認者",
    ]);
    for m in &ctx.records.master_updates {
        table.rows.push(TableRow {
            cells: vec![
                Cell::link(&m.id, format!("{}.html", m.id)),
                day(m.date),
                Cell::text(m.master.label()),
                Cell::text(m.method.label()),
                Cell::text(&m.content),
                Cell::text(ctx.person(&m.requested_by)),
                Cell::text(ctx.person(&m.done_by)),
                match &m.verified_by {
                    Some(v) => Cell::text(ctx.person(v)),
                    None => Cell::text("未確認").with_class("warn"),
                },
            ],
            status: Some(m.method.label().to_string()),
            class: None,
        });
    }
    ListView {
        kind: "マスタ更新記録",
        intro: format!("{} 件。", ctx.records.master_updates.len()),
        table,
        statuses: UpdateMethod::ALL
            .iter()
            .map(|s| s.label().to_string())
            .collect(),
        links: Vec::new(),
        notes: Vec::new(),
    }
}

fn master_page(ctx: &Ctx<'_>, m: &crate::data::records::MasterUpdate) -> RecordView {
    let mut fields = vec![
        Field::new("更新日", m.date.to_string()),
        Field::new("マスタ", m.master.label()),
        Field::new("反映方法", m.method.label()),
        Field::new("内容", &m.content),
        Field::new("依頼者", ctx.person(&m.requested_by)),
        Field::new("作業者", ctx.person(&m.done_by)),
        Field::new(
            "確認者",
            m.verified_by
                .as_deref()
                .map(|v| ctx.person(v))
                .unwrap_or_default(),
        ),
    ];
    if let Some(id) = &m.request {
        fields.push(Field::items(
            "富士通Japan(株)への依頼",
            vec![Cell::link(id, super::record_link(Kind::Inquiries, id))],
        ));
    }
    fields.push(Field::new("備考", m.remarks.clone().unwrap_or_default()));
    RecordView {
        kind: "マスタ更新記録",
        id: m.id.clone(),
        list_url: "index.html".into(),
        source: source_path(&m.source),
        alerts: Vec::new(),
        fields,
        sections: Vec::new(),
    }
}

fn log_list(ctx: &Ctx<'_>) -> ListView {
    let mut table = Table::new(&[
        "ID",
        "種類",
        "依頼者",
        "依頼日",
        "対象期間",
        "範囲",
        "実施日",
        "報告日",
    ]);
    for l in &ctx.records.log_investigations {
        table.rows.push(TableRow {
            cells: vec![
                Cell::link(&l.id, format!("{}.html", l.id)),
                Cell::text(l.kind.label()),
                Cell::text(ctx.person(&l.requester)),
                day(l.requested_on),
                Cell::text(format!("{}〜{}", l.period.from, l.period.to))
                    .sorted_by(l.period.from.to_string()),
                Cell::text(&l.scope),
                opt_day(l.done_on),
                opt_day(l.reported_on),
            ],
            status: Some(l.kind.label().to_string()),
            class: None,
        });
    }
    ListView {
        kind: "ログ調査",
        intro: format!("{} 件。", ctx.records.log_investigations.len()),
        table,
        statuses: crate::data::records::LogKind::ALL
            .iter()
            .map(|k| k.label().to_string())
            .collect(),
        links: Vec::new(),
        notes: Vec::new(),
    }
}

fn log_page(ctx: &Ctx<'_>, l: &crate::data::records::LogInvestigation) -> RecordView {
    RecordView {
        kind: "ログ調査",
        id: l.id.clone(),
        list_url: "index.html".into(),
        source: source_path(&l.source),
        alerts: Vec::new(),
        fields: vec![
            Field::new("種類", l.kind.label()),
            Field::new("依頼者", ctx.person(&l.requester)),
            Field::new("依頼日", l.requested_on.to_string()),
            Field::new("対象期間", format!("{}〜{}", l.period.from, l.period.to)),
            Field::new("範囲", &l.scope),
            Field::new("結果", l.result.clone().unwrap_or_default()),
            Field::new(
                "実施日",
                l.done_on.map(|d| d.to_string()).unwrap_or_default(),
            ),
            Field::new(
                "報告日",
                l.reported_on.map(|d| d.to_string()).unwrap_or_default(),
            ),
            Field::new(
                "実施者",
                l.done_by
                    .as_deref()
                    .map(|p| ctx.person(p))
                    .unwrap_or_default(),
            ),
            Field::new("備考", l.remarks.clone().unwrap_or_default()),
        ],
        sections: Vec::new(),
    }
}

fn deliverable_name(ctx: &Ctx<'_>, id: &str) -> String {
    ctx.data
        .deliverables
        .iter()
        .find(|d| d.id == id)
        .map_or_else(|| id.to_string(), |d| format!("{} {}", d.mark, d.name))
}

fn transfer_list(ctx: &Ctx<'_>) -> ListView {
    let mut table = Table::new(&[
        "ID",
        "日時",
        "方向",
        "経路",
        "ファイル",
        "フォルダ",
        "目的",
        "作業者",
    ]);
    for t in &ctx.records.data_transfers {
        table.rows.push(TableRow {
            cells: vec![
                Cell::link(&t.id, format!("{}.html", t.id)),
                when(t.at),
                Cell::text(t.direction.label()),
                Cell::text(t.route.label()),
                Cell::text(&t.file),
                Cell::opt(t.folder.as_deref()),
                Cell::text(&t.purpose),
                Cell::text(ctx.person(&t.by)),
            ],
            status: Some(t.direction.label().to_string()),
            class: None,
        });
    }
    ListView {
        kind: "データ入出力",
        intro: format!("{} 件。", ctx.records.data_transfers.len()),
        table,
        statuses: crate::data::records::Direction::ALL
            .iter()
            .map(|d| d.label().to_string())
            .collect(),
        links: vec![Cell::link(
            "ファイルサーバのフォルダ構成",
            "../fileserver/index.html",
        )],
        notes: Vec::new(),
    }
}

fn transfer_page(ctx: &Ctx<'_>, t: &crate::data::records::DataTransfer) -> RecordView {
    RecordView {
        kind: "データ入出力",
        id: t.id.clone(),
        list_url: "index.html".into(),
        source: source_path(&t.source),
        alerts: Vec::new(),
        fields: vec![
            Field::new("日時", t.at.to_string()),
            Field::new("方向", t.direction.label()),
            Field::new("経路", t.route.label()),
            Field::new("ファイル", &t.file),
            Field::new("フォルダ", t.folder.clone().unwrap_or_default()),
            Field::new("目的", &t.purpose),
            Field::new("作業者", ctx.person(&t.by)),
            Field::new(
                "成果物",
                t.deliverable
                    .as_deref()
                    .map(|d| deliverable_name(ctx, d))
                    .unwrap_or_default(),
            ),
            Field::new("備考", t.remarks.clone().unwrap_or_default()),
        ],
        sections: Vec::new(),
    }
}

#[derive(Serialize)]
struct FolderView {
    path: String,
    name: String,
    depth: usize,
    class: &'static str,
    purpose: String,
    contents: Option<String>,
    naming: Option<String>,
    owner: String,
    retention: Option<String>,
    deliverables: Vec<String>,
    transfers: usize,
}

#[derive(Serialize)]
struct TreeView {
    root: Option<String>,
    remarks: Option<String>,
    folders: Vec<FolderView>,
    source: String,
}

fn folder_tree(ctx: &Ctx<'_>) -> TreeView {
    let fs = &ctx.records.fileserver;
    let folders = fs
        .tree()
        .into_iter()
        .map(|f| FolderView {
            path: f.path.clone(),
            name: f.name().to_string(),
            depth: f.depth(),
            class: f.class.label(),
            purpose: f.purpose.clone(),
            contents: f.contents.clone(),
            naming: f.naming.clone(),
            owner: ctx.person(&f.owner),
            retention: f.retention.clone(),
            deliverables: ctx
                .data
                .deliverables
                .iter()
                .filter(|d| d.folder.as_deref() == Some(f.path.as_str()))
                .map(|d| format!("{} {}", d.mark, d.name))
                .collect(),
            transfers: ctx
                .records
                .data_transfers
                .iter()
                .filter(|t| {
                    t.folder
                        .as_deref()
                        .map(crate::data::records::fileserver::normalise)
                        == Some(f.path.as_str())
                })
                .count(),
        })
        .collect();
    TreeView {
        root: fs.root.clone(),
        remarks: fs.remarks.clone(),
        folders,
        source: source_path(&fs.source),
    }
}

/// A section of a record page holding plain lines.
pub fn lines(title: &str, lines: Vec<String>) -> Section {
    Section {
        title: title.to_string(),
        table: None,
        lines,
    }
}
