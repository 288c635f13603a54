//! The annual report's first page: the year in three sentences of figures,
//! then what went well and what did not, each with its months and numbers, so
//! an evaluator can read the year on one page.

use serde_json::{Value, json};

use super::{month_label, rate, ratio, sums};
use crate::data::records::year::{MonthFigures, MonthState, YearFigures};
use crate::domain::sla::{Measure, format_rate};
use crate::domain::wareki;
use crate::domain::work_hours::hours_text;
use crate::project::Project;

pub(super) fn summary(project: &Project, y: &YearFigures) -> Value {
    let lines = vec![scope(project, y), online(y), records(y)];
    let (mut good, mut bad) = service_levels(y);
    let extensions = y.online().extensions() as usize;
    let limit = y.extension_limit;
    if extensions < limit {
        good.push(format!(
            "オンライン延長は {extensions} 回で、年 {limit} 回未満の想定（8-①）の範囲内です。"
        ));
    } else {
        bad.push(format!(
            "オンライン延長が {extensions} 回で、年 {limit} 回未満の想定（8-①）を超えました。"
        ));
    }
    if y.actions.open_at_end > 0 {
        bad.push(format!(
            "年度末に未完了のアクションアイテムが {} 件あります。",
            y.actions.open_at_end
        ));
    }
    json!({ "lines": lines, "good": good, "bad": bad })
}

/// Which months are reported, and as of when.
fn scope(project: &Project, y: &YearFigures) -> String {
    let in_service: Vec<&MonthFigures> = y.reported().collect();
    let before = y
        .months
        .iter()
        .filter(|m| m.state == MonthState::BeforeServiceIn)
        .count();
    let months: Vec<String> = in_service.iter().map(|m| month_label(m)).collect();
    let mut line = format!(
        "{}の{}か月（{}）を報告します",
        y.fiscal_year.label(),
        in_service.len(),
        months.join("・")
    );
    if before > 0 {
        line.push_str(&format!(
            "（サービスイン {} より前の {before} か月は対象外）",
            wareki::format_date(project.config.service_in)
        ));
    }
    if project.today < y.last {
        line.push_str(&format!(
            "。年度途中のため {} 時点の値です",
            wareki::format_date(project.today)
        ));
    }
    line.push('。');
    line
}

fn online(y: &YearFigures) -> String {
    let online = y.online();
    let (provided, planned) = sums(y, Measure::OnlineAvailability);
    format!(
        "オンライン稼働 {} 日、計画 {} に対し提供 {}（稼働率 {}、時間:分）。延長 {} 回、計画停止 {} 日、稼働時間の変更 {} 日。",
        online.online_days,
        hours_text(planned as u32),
        hours_text(provided as u32),
        rate(provided, planned),
        online.extensions(),
        online.stopped_days,
        online.changed_days,
    )
}

fn records(y: &YearFigures) -> String {
    let hours = y.hours();
    format!(
        "問合せ・依頼 {} 件、障害 {} 件、マスタ更新 {} 件、アカウント変更 {} 件、ログ調査 {} 件、データ入出力 {} 件、会議 {} 回。作業時間 {}（うちオンコール対応 {}）。",
        y.count(|m| m.inquiries),
        y.count(|m| m.incidents),
        y.count(|m| m.master_updates),
        y.count(|m| m.account_events),
        y.count(|m| m.log_investigations),
        y.count(|m| m.data_transfers),
        y.count(|m| m.meetings.len()),
        hours_text(hours.total),
        hours_text(hours.on_call),
    )
}

/// (went well, did not) for the four service levels: months below target, and
/// months whose provider figure differs from the records beyond tolerance.
fn service_levels(y: &YearFigures) -> (Vec<String>, Vec<String>) {
    let in_service: Vec<&MonthFigures> = y.reported().collect();
    let (mut good, mut bad) = (Vec::new(), Vec::new());
    for measure in Measure::ALL {
        let row = |m: &MonthFigures| m.sla.row(measure).clone();
        let missed: Vec<String> = in_service
            .iter()
            .filter(|m| row(m).meets_target == Some(false))
            .map(|m| format!("{}（{}）", month_label(m), format_rate(row(m).own_rate)))
            .collect();
        let (n, d) = sums(y, measure);
        let year = ratio(n, d);
        let label = measure.label();
        if !in_service.iter().any(|m| row(m).meets_target.is_some()) {
            bad.push(format!(
                "{label}は目標値がないため判定していません（年度 {year}）。"
            ));
        } else if missed.is_empty() {
            good.push(format!(
                "{label}は目標を下回った月がありません（年度 {year}）。"
            ));
        } else {
            bad.push(format!(
                "{label}が目標に届かなかった月: {}（年度 {year}）。",
                missed.join("、")
            ));
        }
        let flagged: Vec<String> = in_service
            .iter()
            .filter(|m| row(m).flagged)
            .map(|m| month_label(m))
            .collect();
        if !flagged.is_empty() {
            bad.push(format!(
                "{label}の報告値と記録からの算出値の差が許容差を超えた月: {}。",
                flagged.join("、")
            ));
        }
    }
    (good, bad)
}
