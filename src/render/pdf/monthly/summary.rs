//! The first section of ⑥: one line per work area of §4.1–4.11, each saying in a
//! sentence what the month's records count.

use super::{Month, breakdown, hours};
use crate::data::records::{
    Direction, InquiryCategory, InquiryChannel, InquiryStatus, LogKind, MeetingKind, Operation,
    Route, UpdateMethod,
};
use crate::domain::sla::{Evaluation, Measure, format_rate};
use crate::render::pdf::table::Table;

/// The work areas of §4 in the source's order, with its titles for projects whose
/// `data/areas.yaml` does not list them.
const AREAS: [(&str, &str); 11] = [
    ("4.1", "オンライン処理 基本運用"),
    ("4.2", "バッチ処理 基本運用"),
    ("4.3", "オンライン稼働スケジュール管理"),
    ("4.4", "夜間日次バッチスケジュール管理"),
    ("4.5", "問合せ・依頼対応"),
    ("4.6", "システム監視対応"),
    ("4.7", "データ入出力業務"),
    ("4.8", "マスタメンテナンス"),
    ("4.9", "業務オンライン操作ログ管理"),
    ("4.10", "アカウント・権限管理"),
    ("4.11", "会議体・報告資料対応"),
];

pub(super) fn table(m: &Month<'_>, evaluation: &Evaluation) -> Table {
    let mut table = Table::new(&[("業務（情報提供依頼書 4.）", 0), ("当月の実施内容", 1)]);
    for (id, default_title) in AREAS {
        let title = m
            .project
            .data
            .areas
            .iter()
            .find(|a| a.id == id)
            .map_or(default_title, |a| a.title.as_str());
        let text = match id {
            "4.1" => online(m, evaluation),
            "4.2" => batches(m, evaluation),
            "4.3" => schedule(m),
            "4.4" => nightly(m),
            "4.5" => inquiries(m),
            "4.6" => incidents(m),
            "4.7" => transfers(m),
            "4.8" => masters(m),
            "4.9" => logs(m),
            "4.10" => accounts(m),
            _ => meetings(m),
        };
        table.push(vec![format!("{id} {title}"), text]);
    }
    table
}

fn online(m: &Month<'_>, evaluation: &Evaluation) -> String {
    let s = m.project.calendar.month_summary(m.year, m.month);
    let row = evaluation.row(Measure::OnlineAvailability);
    format!(
        "オンライン稼働 {}日・{}（計画どおり提供できなかった時間 {}）、稼働率 {}。延長 {}回（計画 {}回・突発 {}回）、計画停止 {}日、稼働時間の変更 {}日。",
        s.online_days,
        hours(row.own.numerator),
        hours(row.own.denominator - row.own.numerator),
        format_rate(row.own_rate),
        s.extensions(),
        s.extensions_planned,
        s.extensions_unplanned,
        s.stopped_days,
        s.changed_days,
    )
}

fn batches(m: &Month<'_>, evaluation: &Evaluation) -> String {
    let row = evaluation.row(Measure::BatchExecution);
    let mut text = format!(
        "夜間日次バッチ 計画 {}回・未実行 {}回。",
        row.own.denominator,
        row.own.denominator - row.own.numerator
    );
    text.push_str(&super::batches::summary(m));
    text
}

fn schedule(m: &Month<'_>) -> String {
    let calendar = &m.project.calendar;
    let mut parts = Vec::new();
    for year in calendar.years() {
        if year.annual_fixed.is_some_and(|d| m.contains(d)) {
            parts.push(format!("{}の年間稼働日を仮確定。", year.label));
        }
        for plan in year.monthly.iter().filter(|p| m.contains(p.fixed)) {
            parts.push(format!(
                "{}の稼働時間を確定（{}）。",
                crate::domain::wareki::format_month(plan.year, plan.month),
                m.day(plan.fixed)
            ));
        }
    }
    let requests = calendar
        .years()
        .iter()
        .flat_map(|y| {
            y.extensions
                .iter()
                .filter_map(|e| e.request.as_ref())
                .chain(y.changes.iter().filter_map(|c| c.request.as_ref()))
        })
        .filter(|r| m.contains(r.sent))
        .count();
    parts.push(format!(
        "延長・変更の作業依頼（チャットボット・コンタクトセンター経由） {requests}件。"
    ));
    parts.concat()
}

fn nightly(m: &Month<'_>) -> String {
    let requests = m
        .records
        .inquiries
        .iter()
        .filter(|i| i.category == InquiryCategory::BatchSchedule)
        .count();
    let uploads = m
        .records
        .data_transfers
        .iter()
        .filter(|t| t.direction == Direction::Upload && t.deliverable.as_deref() == Some("d2"))
        .count();
    format!(
        "{}バッチスケジュール・パラメータの変更依頼 {requests}件、外部パラメータファイルのアップロード記録 {uploads}件。",
        super::batches::parameters_summary(m)
    )
}

fn inquiries(m: &Month<'_>) -> String {
    let list = &m.records.inquiries;
    let by_channel: Vec<(&str, usize)> = InquiryChannel::ALL
        .iter()
        .map(|c| (c.label(), list.iter().filter(|i| i.channel == *c).count()))
        .collect();
    let open = list
        .iter()
        .filter(|i| i.status == InquiryStatus::Open)
        .count();
    format!(
        "問合せ・依頼 {}件（{}）。うち対応中 {open}件。",
        list.len(),
        breakdown(&by_channel)
    )
}

fn incidents(m: &Month<'_>) -> String {
    let list = &m.records.incidents;
    let notified = list.iter().filter(|i| i.notified_at.is_some()).count();
    let escalated = list.iter().filter(|i| i.escalated_at.is_some()).count();
    let all = &m.project.data.records.incidents;
    let attended = all
        .iter()
        .flat_map(|i| i.status_reports.iter())
        .filter(|d| m.contains(**d))
        .count();
    let completed = all
        .iter()
        .filter_map(|i| i.completion_report)
        .filter(|d| m.contains(*d))
        .count();
    format!(
        "障害 {}件（{}からの通報受付 {notified}件、区へのエスカレーション {escalated}件）。状況報告への立会 {attended}回、完了報告への立会 {completed}回。",
        list.len(),
        m.provider()
    )
}

fn transfers(m: &Month<'_>) -> String {
    let list = &m.records.data_transfers;
    let count = |d: Direction| list.iter().filter(|t| t.direction == d).count();
    let by_route: Vec<(&str, usize)> = Route::ALL
        .iter()
        .map(|r| (r.label(), list.iter().filter(|t| t.route == *r).count()))
        .collect();
    format!(
        "アップロード {}件、ダウンロード {}件（経路: {}）。",
        count(Direction::Upload),
        count(Direction::Download),
        breakdown(&by_route)
    )
}

fn masters(m: &Month<'_>) -> String {
    let list = &m.records.master_updates;
    let by_method: Vec<(&str, usize)> = UpdateMethod::ALL
        .iter()
        .map(|u| (u.label(), list.iter().filter(|r| r.method == *u).count()))
        .collect();
    format!("マスタ更新 {}件（{}）。", list.len(), breakdown(&by_method))
}

fn logs(m: &Month<'_>) -> String {
    let list = &m.records.log_investigations;
    let by_kind: Vec<(&str, usize)> = LogKind::ALL
        .iter()
        .map(|k| (k.label(), list.iter().filter(|r| r.kind == *k).count()))
        .collect();
    format!("ログ調査 {}件（{}）。", list.len(), breakdown(&by_kind))
}

fn accounts(m: &Month<'_>) -> String {
    let list = &m.records.account_events;
    let by_op: Vec<(&str, usize)> = Operation::ALL
        .iter()
        .map(|o| {
            (
                o.label(),
                list.iter().filter(|(_, e)| e.operation == *o).count(),
            )
        })
        .collect();
    format!(
        "アカウントの変更 {}件（{}）。",
        list.len(),
        breakdown(&by_op)
    )
}

fn meetings(m: &Month<'_>) -> String {
    let list = &m.records.meetings;
    let count = |k: MeetingKind| list.iter().filter(|r| r.kind == k).count();
    let reviewed = m
        .project
        .data
        .records
        .meetings
        .iter()
        .filter(|r| r.minutes_reviewed_on.is_some_and(|d| m.contains(d)))
        .count();
    let mut text = format!(
        "会議 {}回（運用保守定例会 {}回、業務担当者会議 {}回、その他 {}回）、議事録レビュー {reviewed}件。",
        list.len(),
        count(MeetingKind::Teireikai),
        count(MeetingKind::Gyomu),
        count(MeetingKind::Other),
    );
    for report in m
        .project
        .data
        .records
        .sla
        .iter()
        .filter(|r| r.received_on.is_some_and(|d| m.contains(d)))
    {
        text.push_str(&format!(
            "サービス実績報告書（{}分）を受領し評価（{}）。",
            crate::domain::wareki::format_month(report.year, report.month),
            report.received_on.map(|d| m.day(d)).unwrap_or_default()
        ));
    }
    text
}
