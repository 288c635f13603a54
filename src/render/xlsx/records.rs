//! The record ledgers (§5): ③ マスタ更新記録, ④ アカウント・組織・権限管理台帳
//! (with the fiscal-year switch list), ⑤ 問合せ・障害対応記録 and ⑦ the meeting
//! list with its action items — all list sheets in the shared office look.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::office::{self, Cell, Column, Row, Shade, Table};
use super::{Book, xlsx_error};
use crate::data::records::{Records, Stamp};
use crate::domain::FiscalYear;
use crate::error::Error;
use crate::project::Project;

pub const MASTER_FILE: &str = "マスタ更新記録.xlsx";
pub const ACCOUNTS_FILE: &str = "アカウント・組織・権限管理台帳.xlsx";
pub const SUPPORT_FILE: &str = "問合せ・障害対応記録.xlsx";
pub const MEETINGS_FILE: &str = "会議一覧・アクションアイテム.xlsx";

type Build = fn(&Project, &mut Workbook) -> Result<(), XlsxError>;

/// Every ledger that has records, each with the deliverable it is.
pub fn workbooks(project: &Project) -> Result<Vec<Book>, Error> {
    let r = &project.data.records;
    let books: [(&str, &str, &'static str, bool, Build); 4] = [
        (
            MASTER_FILE,
            "マスタ更新記録",
            "d3",
            !r.master_updates.is_empty(),
            master_sheet,
        ),
        (
            ACCOUNTS_FILE,
            "アカウント・組織・権限管理台帳",
            "d4",
            !(r.accounts.is_empty() && r.rosters.is_empty()),
            account_sheets,
        ),
        (
            SUPPORT_FILE,
            "問合せ・障害対応記録",
            "d5",
            !(r.inquiries.is_empty() && r.incidents.is_empty()),
            support_sheets,
        ),
        (
            MEETINGS_FILE,
            "会議一覧・アクションアイテム",
            "d7",
            !r.meetings.is_empty(),
            meeting_sheets,
        ),
    ];
    let mut out = Vec::new();
    for (file, title, deliverable, present, build) in books {
        if !present {
            continue;
        }
        let bytes = (|| {
            let author = project
                .data
                .person_name(&project.config.organisation.contractor_actor);
            let mut wb = office::workbook(title, &author, project.today)?;
            build(project, &mut wb)?;
            wb.save_to_buffer()
        })()
        .map_err(|e| xlsx_error(file, e))?;
        out.push(Book {
            file: file.to_string(),
            bytes,
            deliverable: Some(deliverable),
        });
    }
    Ok(out)
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt_text(s: &Option<String>) -> Cell {
    s.clone().map_or(Cell::Empty, Cell::Text)
}

fn stamp(s: Stamp) -> Cell {
    Cell::DateTime(s.0)
}

fn opt_stamp(s: Option<Stamp>) -> Cell {
    s.map_or(Cell::Empty, stamp)
}

fn row(cells: Vec<Cell>) -> Row {
    Row {
        cells,
        shade: Shade::None,
    }
}

fn columns(specs: &[(&str, Option<f64>)]) -> Vec<Column> {
    specs
        .iter()
        .map(|(h, wrap)| match wrap {
            Some(w) => Column::new(h).wrapped(*w),
            None => Column::new(h),
        })
        .collect()
}

fn note(records: &Records) -> Vec<String> {
    let mut notes = Vec::new();
    if records
        .master_updates
        .iter()
        .any(|r| r.remarks.as_deref().is_some_and(|m| m.contains("例示")))
        || records
            .inquiries
            .iter()
            .any(|r| r.remarks.as_deref().is_some_and(|m| m.contains("例示")))
    {
        notes.push(
            "備考に「例示」とある行は記録の書き方の見本です（実際の記録ではありません）"
                .to_string(),
        );
    }
    notes
}

fn master_sheet(p: &Project, wb: &mut Workbook) -> Result<(), XlsxError> {
    let records = &p.data.records;
    let name = |id: &str| p.data.person_name(id);
    let rows: Vec<Row> = records
        .master_updates
        .iter()
        .enumerate()
        .map(|(i, m)| {
            row(vec![
                Cell::Int(i as i64 + 1),
                text(&m.id),
                Cell::Date(m.date),
                text(m.master.label()),
                text(m.method.label()),
                text(&m.content),
                text(name(&m.requested_by)),
                text(name(&m.done_by)),
                m.verified_by
                    .as_deref()
                    .map_or(Cell::Empty, |v| text(name(v))),
                opt_text(&m.request),
                opt_text(&m.remarks),
            ])
        })
        .collect();
    let table = Table {
        sheet: "マスタ更新記録",
        title: "③ マスタ更新記録",
        created: p.today,
        notes: note(records),
        landscape: true,
        columns: columns(&[
            ("No.", None),
            ("ID", None),
            ("更新日", None),
            ("マスタ", None),
            ("反映方法", None),
            ("内容", Some(50.0)),
            ("依頼者", None),
            ("作業者", None),
            ("確認者", None),
            ("依頼記録", None),
            ("備考", Some(24.0)),
        ]),
    };
    office::write_table(wb, &table, &rows)?;
    Ok(())
}

fn account_sheets(p: &Project, wb: &mut Workbook) -> Result<(), XlsxError> {
    let records = &p.data.records;
    let name = |id: &str| p.data.person_name(id);
    let ledger: Vec<Row> = records
        .accounts
        .iter()
        .map(|a| Row {
            cells: vec![
                text(&a.user_id),
                text(name(&a.person)),
                text(&a.organisation),
                text(&a.role),
                text(a.permissions.join("、")),
                Cell::Date(a.valid_from),
                a.valid_to.map_or(Cell::Empty, Cell::Date),
                text(if a.is_valid_on(p.today) {
                    "有効"
                } else {
                    "無効"
                }),
                opt_text(&a.remarks),
            ],
            shade: if a.is_valid_on(p.today) {
                Shade::None
            } else {
                Shade::Holiday
            },
        })
        .collect();
    office::write_table(
        wb,
        &Table {
            sheet: "台帳",
            title: "④ アカウント・組織・権限管理台帳",
            created: p.today,
            notes: vec![
                "アカウントは個人単位で1つ（業務システムアカウント・クラウドドメインアカウント兼用）。パスワードは記載しない".into(),
            ],
            landscape: true,
            columns: columns(&[
                ("ユーザーID", None),
                ("氏名", None),
                ("組織", None),
                ("役割", None),
                ("権限", Some(40.0)),
                ("有効開始", None),
                ("有効終了", None),
                ("状態", None),
                ("備考", Some(24.0)),
            ]),
        },
        &ledger,
    )?;
    let mut events: Vec<_> = records
        .accounts
        .iter()
        .flat_map(|a| a.history.iter().map(move |e| (a, e)))
        .collect();
    events.sort_by(|x, y| (x.1.date, &x.0.user_id).cmp(&(y.1.date, &y.0.user_id)));
    let history: Vec<Row> = events
        .iter()
        .map(|(a, e)| {
            row(vec![
                Cell::Date(e.date),
                text(e.operation.label()),
                text(&a.user_id),
                text(name(&a.person)),
                text(&e.detail),
                text(name(&e.by)),
                opt_text(&e.request),
            ])
        })
        .collect();
    office::write_table(
        wb,
        &Table {
            sheet: "登録・更新・削除履歴",
            title: "アカウントの登録・更新・削除履歴",
            created: p.today,
            notes: Vec::new(),
            landscape: true,
            columns: columns(&[
                ("日付", None),
                ("操作", None),
                ("ユーザーID", None),
                ("氏名", None),
                ("内容", Some(50.0)),
                ("実施者", None),
                ("依頼記録", None),
            ]),
        },
        &history,
    )?;
    for (current, next) in records.roster_switches() {
        let rows: Vec<Row> = crate::data::records::switch_rows(&p.data, current, next)
            .into_iter()
            .map(|r| {
                row(vec![
                    text(r.operation),
                    text(r.user_id),
                    text(r.name),
                    text(r.organisation),
                    text(r.role),
                    text(r.permissions),
                    text(r.changed),
                    text(r.before),
                ])
            })
            .collect();
        let fy = FiscalYear(next.fiscal_year);
        let sheet = format!("年度切替_{}", fy.label());
        let title = format!(
            "{} 年度切替 一括登録リスト（{} 適用）",
            fy.label(),
            fy.start()
        );
        office::write_table(
            wb,
            &Table {
                sheet: &sheet,
                title: &title,
                created: p.today,
                notes: vec![format!(
                    "{}の名簿と{}の名簿の差分。メンテナンスツールで設定ファイルを作成し、チャットボットで一括登録代行を依頼する（4.10③）",
                    FiscalYear(current.fiscal_year).label(),
                    fy.label()
                )],
                landscape: true,
                columns: columns(&[
                    ("操作", None),
                    ("ユーザーID", None),
                    ("氏名", None),
                    ("組織", None),
                    ("役割", None),
                    ("権限", Some(40.0)),
                    ("変更項目", None),
                    ("変更前（組織 / 役割 / 権限）", Some(40.0)),
                ]),
            },
            &rows,
        )?;
    }
    Ok(())
}

fn support_sheets(p: &Project, wb: &mut Workbook) -> Result<(), XlsxError> {
    let records = &p.data.records;
    let name = |id: &str| p.data.person_name(id);
    let inquiries: Vec<Row> = records
        .inquiries
        .iter()
        .map(|r| Row {
            cells: vec![
                text(&r.id),
                stamp(r.received_at),
                text(r.channel.label()),
                text(r.category.label()),
                text(name(&r.from)),
                text(&r.summary),
                opt_text(&r.ticket),
                opt_text(&r.answer),
                r.deadline.map_or(Cell::Empty, |d| match d {
                    crate::data::records::Due::Day(day) => Cell::Date(day),
                    crate::data::records::Due::At(s) => stamp(s),
                }),
                opt_stamp(r.resolved_at),
                text(if r.is_overdue(p.today) {
                    format!("{}（期限超過）", r.status.label())
                } else {
                    r.status.label().to_string()
                }),
                r.handled_by
                    .as_deref()
                    .map_or(Cell::Empty, |h| text(name(h))),
                opt_text(&r.remarks),
            ],
            shade: if r.is_overdue(p.today) {
                Shade::Highlight
            } else {
                Shade::None
            },
        })
        .collect();
    office::write_table(
        wb,
        &Table {
            sheet: "問合せ・依頼",
            title: "⑤ 問合せ・障害対応記録（問合せ・依頼）",
            created: p.today,
            notes: note(records),
            landscape: true,
            columns: columns(&[
                ("ID", None),
                ("受付日時", None),
                ("窓口", None),
                ("分類", None),
                ("依頼元", None),
                ("内容", Some(40.0)),
                ("受付番号", None),
                ("回答・対応", Some(40.0)),
                ("期限", None),
                ("解決日時", None),
                ("状態", None),
                ("対応者", None),
                ("備考", Some(24.0)),
            ]),
        },
        &inquiries,
    )?;
    let incidents: Vec<Row> = records
        .incidents
        .iter()
        .map(|r| Row {
            cells: vec![
                text(&r.id),
                text(&r.title),
                stamp(r.detected_at),
                text(name(&r.detected_by)),
                opt_stamp(r.notified_at),
                opt_stamp(r.escalated_at),
                text(&r.impact),
                opt_stamp(r.recovered_at),
                opt_text(&r.cause),
                text(
                    r.status_reports
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("、"),
                ),
                r.completion_report.map_or(Cell::Empty, Cell::Date),
                text(r.status.label()),
                opt_text(&r.remarks),
            ],
            shade: if r.completion_report.is_none() {
                Shade::Highlight
            } else {
                Shade::None
            },
        })
        .collect();
    office::write_table(
        wb,
        &Table {
            sheet: "障害",
            title: "⑤ 問合せ・障害対応記録（障害）",
            created: p.today,
            notes: vec!["黄色の行は完了報告がまだない障害".into()],
            landscape: true,
            columns: columns(&[
                ("ID", None),
                ("件名", Some(30.0)),
                ("検知", None),
                ("検知者", None),
                ("富士通Japan(株)からの通報", None),
                ("区へのエスカレーション", None),
                ("影響", Some(40.0)),
                ("復旧", None),
                ("原因", Some(30.0)),
                ("状況報告", None),
                ("完了報告", None),
                ("状態", None),
                ("備考", Some(24.0)),
            ]),
        },
        &incidents,
    )?;
    let mut steps: Vec<Row> = Vec::new();
    for r in &records.incidents {
        for a in &r.actions {
            steps.push(row(vec![
                text(&r.id),
                stamp(a.at),
                text(name(&a.by)),
                text(&a.action),
            ]));
        }
    }
    office::write_table(
        wb,
        &Table {
            sheet: "障害対応経過",
            title: "障害対応の経過",
            created: p.today,
            notes: Vec::new(),
            landscape: true,
            columns: columns(&[
                ("障害ID", None),
                ("日時", None),
                ("実施者", None),
                ("対応", Some(60.0)),
            ]),
        },
        &steps,
    )?;
    Ok(())
}

fn meeting_sheets(p: &Project, wb: &mut Workbook) -> Result<(), XlsxError> {
    let records = &p.data.records;
    let name = |id: &str| p.data.person_name(id);
    let meetings: Vec<Row> = records
        .meetings
        .iter()
        .map(|m| {
            row(vec![
                text(&m.id),
                Cell::Date(m.date),
                m.start.map_or(Cell::Empty, Cell::Time),
                m.end.map_or(Cell::Empty, Cell::Time),
                text(m.kind.label()),
                text(
                    m.attendees
                        .iter()
                        .map(|a| name(a))
                        .collect::<Vec<_>>()
                        .join("、"),
                ),
                text(m.agenda.join("\n")),
                text(m.decisions.join("\n")),
                text(m.materials.join("\n")),
                m.minutes_reviewed_on.map_or(Cell::Empty, Cell::Date),
                opt_text(&m.remarks),
            ])
        })
        .collect();
    office::write_table(
        wb,
        &Table {
            sheet: "会議一覧",
            title: "⑦ 会議一覧",
            created: p.today,
            notes: Vec::new(),
            landscape: true,
            columns: columns(&[
                ("ID", None),
                ("開催日", None),
                ("開始", None),
                ("終了", None),
                ("会議", None),
                ("出席者", Some(24.0)),
                ("議題", Some(40.0)),
                ("決定事項", Some(40.0)),
                ("資料", Some(30.0)),
                ("議事録レビュー", None),
                ("備考", Some(24.0)),
            ]),
        },
        &meetings,
    )?;
    let actions: Vec<Row> = records
        .actions()
        .iter()
        .map(|a| Row {
            cells: vec![
                text(&a.id),
                text(&a.item),
                text(name(&a.owner)),
                Cell::Date(a.due),
                text(if a.is_overdue(p.today) {
                    "期限超過"
                } else {
                    a.status.label()
                }),
                a.done_on.map_or(Cell::Empty, Cell::Date),
                text(&a.raised_in),
                Cell::Date(a.raised_on),
                text(
                    a.history
                        .iter()
                        .map(|(m, d, s, n)| match n {
                            Some(n) => format!("{d} {m} {}：{n}", s.label()),
                            None => format!("{d} {m} {}", s.label()),
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
            ],
            shade: if a.is_overdue(p.today) {
                Shade::Highlight
            } else {
                Shade::None
            },
        })
        .collect();
    office::write_table(
        wb,
        &Table {
            sheet: "アクションアイテム",
            title: "アクションアイテム一覧（会議をまたいだ最新の状態）",
            created: p.today,
            notes: vec!["黄色の行は期限を過ぎた未完了のアクションアイテム".into()],
            landscape: true,
            columns: columns(&[
                ("ID", None),
                ("内容", Some(50.0)),
                ("担当", None),
                ("期限", None),
                ("状態", None),
                ("完了日", None),
                ("発生した会議", None),
                ("発生日", None),
                ("経過", Some(50.0)),
            ]),
        },
        &actions,
    )?;
    Ok(())
}
