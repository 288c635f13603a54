//! Batches in ⑥ (§4.2, §4.4): the nightly batch, counted from the calendar and
//! the incidents, and the business batches announced to staff and the manual
//! backups taken after the counters closed.
//!
//! The business-batch records (`data/batch-runs/`, `data/backups/`) come with the
//! batch catalogue, which is not part of tebiki yet: [`business_batches`] is the one
//! place to fill from them, and returns empty tables until then.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::Month;
use crate::domain::sla;
use crate::render::pdf::table::Table;

pub(super) fn section(m: &Month<'_>) -> Value {
    let p = m.project;
    let ratio = sla::batch_execution(m.year, m.month, &p.calendar, &p.data.records);
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

/// Hook for the batch records: empty tables until `data/batch-runs/` and
/// `data/backups/` are part of the project data.
pub(super) fn business_batches(_m: &Month<'_>) -> BusinessBatches {
    BusinessBatches {
        runs: Table::new(&[
            ("実行日", 0),
            ("業務バッチ", 2),
            ("実行部門", 1),
            ("職員への周知", 0),
            ("備考", 2),
        ]),
        backups: Table::new(&[
            ("実施日", 0),
            ("対象", 2),
            ("時刻", 0),
            ("結果", 0),
            ("実施者", 0),
        ]),
    }
}

/// The sentence about business batches in the summary by area.
pub(super) fn summary(m: &Month<'_>) -> String {
    let b = business_batches(m);
    format!(
        "業務バッチの実行・職員への周知 {}件、窓口業務終了後の随時バックアップ {}回。",
        b.runs.len(),
        b.backups.len()
    )
}

/// Batch deadlines falling in the month `(year, month)` for next month's plan
/// (parameter files to upload, notices to send): none until the batch records
/// are part of the project data.
pub(super) fn deadlines(_m: &Month<'_>, _year: i32, _month: u32) -> Vec<(NaiveDate, Vec<String>)> {
    Vec::new()
}
