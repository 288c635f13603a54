//! Batches in ⑥ (§4.2, §4.4): the nightly batch, counted from the calendar and
//! the incidents; its parameters (外部パラメータファイル) due in the month; the
//! business batches announced to staff; and the manual backups taken after the
//! counters closed (`data/batch-runs/`, `data/backups/`).

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::Month;
use crate::domain::sla;
use crate::render::pdf::table::{Table, or_dash};

pub(super) fn section(m: &Month<'_>) -> Value {
    let p = m.project;
    let ratio = p.data.records.batch_execution(m.year, m.month, &p.calendar);
    let mut nightly = Table::new(&[("項目", 0), ("回数", 0), ("備考", 1)]);
    nightly.push(vec![
        "夜間日次バッチ（計画）".into(),
        format!("{}回", ratio.denominator),
        "オンライン稼働日ごとに 1 回（オンライン終了後に自動実行）".into(),
    ]);
    let missed: Vec<String> = p
        .data
        .records
        .incidents
        .iter()
        .flat_map(|i| {
            i.batches_not_run
                .iter()
                .filter(|d| m.contains(**d))
                .map(move |d| format!("{}（障害 {}）", m.day(*d), i.id))
        })
        .collect();
    nightly.push(vec![
        "夜間日次バッチ（未実行）".into(),
        format!("{}回", ratio.denominator - ratio.numerator),
        if missed.is_empty() {
            "なし".into()
        } else {
            missed.join("、")
        },
    ]);
    nightly.push(vec![
        "バッチ実行率（記録からの算出値）".into(),
        sla::format_rate(ratio.rate()),
        "サービスレベルの章を参照".into(),
    ]);
    let business = business_batches(m);
    json!({
        "nightly": nightly.to_value(),
        "params": parameter_table(m).to_value(),
        "runs": business.runs.to_value(),
        "backups": business.backups.to_value(),
    })
}

/// The month's business batches and backups (§4.2 ①②), as tables for the report.
pub(super) struct BusinessBatches {
    /// 業務バッチの実行と職員への周知: 実行日, バッチ, 実行部門, 周知日, 備考.
    pub runs: Table,
    /// 随時バックアップ: 実施日, 対象, 時刻, 結果, 実施者.
    pub backups: Table,
}

/// `SK-M01 資格異動処理`, or the id alone for a job the catalog lacks.
fn job_name(m: &Month<'_>, id: &str) -> String {
    match m.project.data.batches.job(id) {
        Some(job) => format!("{id} {}", job.name),
        None => id.to_string(),
    }
}

fn section_name(m: &Month<'_>, id: &str) -> String {
    m.project
        .data
        .batches
        .section(id)
        .map_or_else(|| id.to_string(), |s| s.name.clone())
}

pub(super) fn business_batches(m: &Month<'_>) -> BusinessBatches {
    let mut runs = Table::new(&[
        ("実行日", 0),
        ("業務バッチ", 2),
        ("実行部門", 2),
        ("職員への周知", 0),
        ("備考", 2),
    ]);
    for n in m
        .project
        .batches
        .notices
        .iter()
        .filter(|n| m.contains(n.date))
    {
        let mut date = m.day(n.date);
        if let Some(start) = n.start {
            date.push_str(&format!("\n{start}〜"));
        }
        runs.push(vec![
            date,
            job_name(m, &n.job),
            section_name(m, &n.section),
            m.day(n.notice_date),
            or_dash(n.note.clone()),
        ]);
    }
    let mut backups = Table::new(&[
        ("実施日", 0),
        ("対象", 2),
        ("時刻", 0),
        ("結果", 1),
        ("実施者", 0),
    ]);
    for b in m
        .project
        .data
        .batches
        .backups
        .iter()
        .filter(|b| m.contains(b.date))
    {
        let mut what = b.what.clone();
        if let Some(job) = &b.job {
            what.push_str(&format!("\n（{}）", job_name(m, job)));
        }
        let mut result = b.result.label().to_string();
        if let Some(ticket) = &b.ticket {
            result.push_str(&format!("\n受付番号 {ticket}"));
        }
        if let Some(note) = &b.note {
            result.push_str(&format!("\n{note}"));
        }
        backups.push(vec![
            m.day(b.date),
            what,
            match b.end {
                Some(end) => format!("{}〜{end}", b.start),
                None => format!("{}〜", b.start),
            },
            result,
            m.person(&b.by),
        ]);
    }
    BusinessBatches { runs, backups }
}

/// The sentence about batches in the summary by area (§4.2).
pub(super) fn summary(m: &Month<'_>) -> String {
    let b = business_batches(m);
    format!(
        "業務バッチの実行・職員への周知 {}件、窓口業務終了後の随時バックアップ {}回。",
        b.runs.len(),
        b.backups.len()
    )
}

/// The sentence about the parameter files in the summary by area (§4.4).
pub(super) fn parameters_summary(m: &Month<'_>) -> String {
    let uploaded: Vec<String> = m
        .project
        .batches
        .periods
        .iter()
        .filter_map(|p| p.uploaded.filter(|d| m.contains(*d)).map(|d| (p, d)))
        .map(|(p, d)| format!("{}（{}）", p.label, m.day(d)))
        .collect();
    if uploaded.is_empty() {
        "当月にファイルサーバへ格納した夜間日次バッチパラメータはありません。".to_string()
    } else {
        format!(
            "夜間日次バッチパラメータを確定し、外部パラメータファイルをファイルサーバへ格納: {}。",
            uploaded.join("、")
        )
    }
}

/// Parameter deadlines (§4.4) falling in `(year, month)`, one per file (a yearly
/// file covers twelve months with one deadline), with where each stood at the
/// report month's end: `(deadline, [期日, 内容, 状況])`.
fn parameter_deadlines(m: &Month<'_>, year: i32, month: u32) -> Vec<(NaiveDate, Vec<String>)> {
    let batches = &m.project.batches;
    let mut rows: Vec<(NaiveDate, Vec<String>)> = Vec::new();
    let mut seen: Vec<(NaiveDate, String)> = Vec::new();
    for d in batches.deadlines.iter().filter(|d| {
        chrono::Datelike::year(&d.deadline) == year && chrono::Datelike::month(&d.deadline) == month
    }) {
        let period = d
            .period
            .as_ref()
            .and_then(|code| batches.periods.iter().find(|p| &p.code == code));
        let what = match period {
            Some(p) if p.yearly => p.label.clone(),
            _ => format!("{}分", crate::domain::wareki::format_month(d.year, d.month)),
        };
        if seen.contains(&(d.deadline, what.clone())) {
            continue;
        }
        seen.push((d.deadline, what.clone()));
        let state = match period {
            Some(p) if p.uploaded.is_some_and(|u| u <= m.last) => format!(
                "アップロード済み（{}）",
                p.uploaded.map(|u| m.day(u)).unwrap_or_default()
            ),
            Some(p) if p.fixed.is_some_and(|f| f <= m.last) => "確定済み（未アップロード）".into(),
            Some(_) => "作成中（未確定）".into(),
            None if d.deadline < m.last => "期限超過（未作成）".into(),
            None => "未作成".into(),
        };
        rows.push((
            d.deadline,
            vec![
                m.day(d.deadline),
                format!("夜間日次バッチパラメータ {what}の確定とファイルサーバへの格納"),
                state,
            ],
        ));
    }
    rows
}

fn parameter_table(m: &Month<'_>) -> Table {
    let mut table = Table::new(&[("期限", 0), ("内容", 3), ("状況（月末）", 1)]);
    for (_, row) in parameter_deadlines(m, m.year, m.month) {
        table.push(row);
    }
    table
}

/// Batch deadlines falling in `(year, month)` for next month's plan: parameter
/// files to fix and upload, notices to send and business batches to run.
pub(super) fn deadlines(m: &Month<'_>, year: i32, month: u32) -> Vec<(NaiveDate, Vec<String>)> {
    let in_month =
        |d: NaiveDate| chrono::Datelike::year(&d) == year && chrono::Datelike::month(&d) == month;
    let mut rows = parameter_deadlines(m, year, month);
    for n in &m.project.batches.notices {
        if in_month(n.notice_date) {
            rows.push((
                n.notice_date,
                vec![
                    m.day(n.notice_date),
                    format!(
                        "業務バッチ実施のお知らせを職員へ発信: {}（{}、実行日 {}）",
                        job_name(m, &n.job),
                        section_name(m, &n.section),
                        m.day(n.date)
                    ),
                    "予定".into(),
                ],
            ));
        }
        if in_month(n.date) {
            rows.push((
                n.date,
                vec![
                    m.day(n.date),
                    format!(
                        "業務バッチの実行: {}（{}）",
                        job_name(m, &n.job),
                        section_name(m, &n.section)
                    ),
                    format!("周知 {}", m.day(n.notice_date)),
                ],
            ));
        }
    }
    rows
}
