//! Pages of ⑤ 問合せ・障害対応記録: inquiries and incidents.

use super::view::{Cell, Field, ListView, RecordView, Section, Table, TableRow, page_url};
use super::{Ctx, day, list_url, page, parent, record_link, record_url, source_path, when};
use crate::data::records::{Incident, IncidentStatus, Inquiry, InquiryStatus, Kind};
use crate::pages::GeneratedPage;

pub fn pages(ctx: &Ctx<'_>) -> Vec<GeneratedPage> {
    let mut pages = Vec::new();
    let records = ctx.records;
    if !records.inquiries.is_empty() {
        pages.push(page(
            list_url(Kind::Inquiries),
            "問合せ・依頼 一覧".into(),
            "records-list.html",
            parent("inquiries"),
            &inquiry_list(ctx),
        ));
        for r in &records.inquiries {
            pages.push(page(
                record_url(Kind::Inquiries, &r.id),
                format!("問合せ {}", r.id),
                "record.html",
                parent("inquiries"),
                &inquiry_page(ctx, r),
            ));
        }
    }
    if !records.incidents.is_empty() {
        pages.push(page(
            list_url(Kind::Incidents),
            "障害 一覧".into(),
            "records-list.html",
            parent("incidents"),
            &incident_list(ctx),
        ));
        for r in &records.incidents {
            pages.push(page(
                record_url(Kind::Incidents, &r.id),
                format!("障害 {} {}", r.id, r.title),
                "record.html",
                parent("incidents"),
                &incident_page(ctx, r),
            ));
        }
    }
    pages
}

fn inquiry_status(ctx: &Ctx<'_>, r: &Inquiry) -> Cell {
    let cell = Cell::text(r.status.label());
    if r.is_overdue(ctx.today) {
        Cell::text(format!("{}（期限超過）", r.status.label())).with_class("warn")
    } else if r.status == InquiryStatus::Open {
        cell.with_class("open")
    } else {
        cell
    }
}

fn inquiry_list(ctx: &Ctx<'_>) -> ListView {
    let mut table = Table::new(&[
        "ID",
        "受付日時",
        "窓口",
        "分類",
        "内容",
        "依頼元",
        "期限",
        "解決日時",
        "状態",
    ]);
    for r in &ctx.records.inquiries {
        table.rows.push(TableRow {
            cells: vec![
                Cell::link(&r.id, format!("{}.html", r.id)),
                when(r.received_at),
                Cell::text(r.channel.label()),
                Cell::text(r.category.label()),
                Cell::text(&r.summary),
                Cell::text(ctx.person(&r.from)),
                Cell::opt(r.deadline),
                r.resolved_at.map_or_else(|| Cell::text(""), when),
                inquiry_status(ctx, r),
            ],
            status: Some(r.status.label().to_string()),
            class: r.is_overdue(ctx.today).then_some("warn"),
        });
    }
    let overdue = ctx.records.overdue_inquiries(ctx.today).len();
    ListView {
        kind: "問合せ・依頼",
        intro: format!(
            "{} 件（うち対応中 {} 件、期限超過 {} 件、{} 時点）。",
            ctx.records.inquiries.len(),
            ctx.records
                .inquiries
                .iter()
                .filter(|r| r.status == InquiryStatus::Open)
                .count(),
            overdue,
            ctx.today
        ),
        table,
        statuses: InquiryStatus::ALL
            .iter()
            .map(|s| s.label().to_string())
            .collect(),
        links: Vec::new(),
        notes: Vec::new(),
    }
}

fn handbook_links(from: &str, pages: &[String]) -> Vec<Cell> {
    pages
        .iter()
        .map(|rel| Cell::link(rel, page_url(from, rel)))
        .collect()
}

fn inquiry_page(ctx: &Ctx<'_>, r: &Inquiry) -> RecordView {
    let url = record_url(Kind::Inquiries, &r.id);
    let mut alerts = Vec::new();
    if r.is_overdue(ctx.today) {
        alerts.push(format!(
            "期限（{}）を過ぎても対応中です。督促し、経過を記録してください。",
            r.deadline.map(|d| d.to_string()).unwrap_or_default()
        ));
    }
    let mut fields = vec![
        Field::new("受付日時", r.received_at.to_string()),
        Field::new("窓口", r.channel.label()),
        Field::new("依頼元", ctx.person(&r.from)),
        Field::new("分類", r.category.label()),
        Field::new("内容", &r.summary),
        Field::new("受付番号", r.ticket.clone().unwrap_or_default()),
        Field::new("回答・対応", r.answer.clone().unwrap_or_default()),
        Field::new(
            "期限",
            r.deadline.map(|d| d.to_string()).unwrap_or_default(),
        ),
        Field::new(
            "解決日時",
            r.resolved_at.map(|d| d.to_string()).unwrap_or_default(),
        ),
        Field::new("状態", r.status.label()),
        Field::new(
            "対応者",
            r.handled_by
                .as_deref()
                .map(|p| ctx.person(p))
                .unwrap_or_default(),
        ),
    ];
    if let Some(id) = &r.incident {
        fields.push(Field::items(
            "関連する障害",
            vec![Cell::link(id, record_link(Kind::Incidents, id))],
        ));
    }
    fields.push(Field::items(
        "関連する手引きのページ",
        handbook_links(&url, &r.pages),
    ));
    fields.push(Field::new("備考", r.remarks.clone().unwrap_or_default()));
    RecordView {
        kind: "問合せ・依頼",
        id: r.id.clone(),
        list_url: "index.html".into(),
        source: source_path(&r.source),
        alerts,
        fields,
        sections: Vec::new(),
    }
}

fn incident_list(ctx: &Ctx<'_>) -> ListView {
    let mut table = Table::new(&[
        "ID",
        "件名",
        "検知",
        "富士通Japan(株)の通報",
        "区へのエスカレーション",
        "復旧",
        "停止（分）",
        "完了報告",
        "状態",
    ]);
    for r in &ctx.records.incidents {
        let stamp = |s: Option<crate::data::records::Stamp>| s.map_or_else(|| Cell::text(""), when);
        let missing_report = r.completion_report.is_none();
        table.rows.push(TableRow {
            cells: vec![
                Cell::link(&r.id, format!("{}.html", r.id)),
                Cell::text(&r.title),
                when(r.detected_at),
                stamp(r.notified_at),
                stamp(r.escalated_at),
                stamp(r.recovered_at),
                Cell::number(outage_minutes(r)),
                match r.completion_report {
                    Some(d) => day(d),
                    None => Cell::text("未").with_class("warn"),
                },
                Cell::text(r.status.label()),
            ],
            status: Some(r.status.label().to_string()),
            class: missing_report.then_some("warn"),
        });
    }
    ListView {
        kind: "障害",
        intro: format!(
            "{} 件（うち完了報告なし {} 件）。",
            ctx.records.incidents.len(),
            ctx.records.incidents_without_completion_report().len()
        ),
        table,
        statuses: IncidentStatus::ALL.iter().map(|s| s.label().to_string()).collect(),
        links: Vec::new(),
        notes: vec!["停止（分）は記録した停止時間の合計です。オンライン稼働率では計画稼働時間内の分だけを数えます。".into()],
    }
}

fn outage_minutes(r: &Incident) -> u64 {
    r.outages
        .iter()
        .map(|o| o.from.minutes_until(o.to).max(0) as u64)
        .sum()
}

fn incident_page(ctx: &Ctx<'_>, r: &Incident) -> RecordView {
    let url = record_url(Kind::Incidents, &r.id);
    let mut alerts = Vec::new();
    if r.completion_report.is_none() {
        alerts.push("完了報告がまだありません（4.6④ 状況報告・完了報告への立会）。".to_string());
    }
    let limit = ctx.inputs.config.sla.notification_minutes;
    let notification = match r.notification_minutes() {
        Some(m) if m <= i64::from(limit) => format!("検知から {m} 分（所定時間 {limit} 分以内）"),
        Some(m) => format!("検知から {m} 分（所定時間 {limit} 分を超過）"),
        None => "通報の記録なし".to_string(),
    };
    let mut timeline = Table::new(&["日時", "事項", "実施者"]);
    for (label, _, at) in r.escalation() {
        timeline.push(vec![when(at), Cell::text(label), Cell::text("")]);
    }
    for a in &r.actions {
        timeline.push(vec![
            when(a.at),
            Cell::text(&a.action),
            Cell::text(ctx.person(&a.by)),
        ]);
    }
    if let Some(at) = r.recovered_at {
        timeline.push(vec![when(at), Cell::text("復旧"), Cell::text("")]);
    }
    timeline
        .rows
        .sort_by(|a, b| a.cells[0].sort.cmp(&b.cells[0].sort));
    let mut sections = vec![Section {
        title: "経過".into(),
        table: Some(timeline),
        lines: Vec::new(),
    }];
    if !r.outages.is_empty() {
        let mut t = Table::new(&["停止開始", "停止終了", "分"]);
        for o in &r.outages {
            t.push(vec![
                when(o.from),
                when(o.to),
                Cell::number(o.from.minutes_until(o.to).max(0) as u64),
            ]);
        }
        sections.push(Section {
            title: "オンラインの停止".into(),
            table: Some(t),
            lines: Vec::new(),
        });
    }
    let related: Vec<Cell> = ctx
        .records
        .inquiries
        .iter()
        .filter(|i| i.incident.as_deref() == Some(r.id.as_str()))
        .map(|i| Cell::link(&i.id, record_link(Kind::Inquiries, &i.id)))
        .collect();
    let fields = vec![
        Field::new("件名", &r.title),
        Field::new(
            "検知",
            format!("{}（{}）", r.detected_at, ctx.person(&r.detected_by)),
        ),
        Field::new("通報", notification),
        Field::new("影響", &r.impact),
        Field::new("原因", r.cause.clone().unwrap_or_default()),
        Field::new(
            "未実行の夜間日次バッチ",
            r.batches_not_run
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("、"),
        ),
        Field::new(
            "状況報告",
            r.status_reports
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("、"),
        ),
        Field::new(
            "完了報告",
            r.completion_report
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        Field::new("状態", r.status.label()),
        Field::items("関連する問合せ", related),
        Field::items("関連する手引きのページ", handbook_links(&url, &r.pages)),
        Field::new("備考", r.remarks.clone().unwrap_or_default()),
    ];
    RecordView {
        kind: "障害",
        id: r.id.clone(),
        list_url: "index.html".into(),
        source: source_path(&r.source),
        alerts,
        fields,
        sections,
    }
}
