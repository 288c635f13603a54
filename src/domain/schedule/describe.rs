//! The Japanese wording of a day of the schedule, shared by the site, the
//! workbook and the iCalendar file so that all three say the same thing.

use chrono::{Datelike, NaiveDate};

use super::{ChangeKind, Closed, OperatingDay, Rules};
use crate::domain::holidays;

/// Marks a holiday of a year that is not yet official (see `holidays::is_projection`).
pub const PROJECTION_MARK: &str = "（予測）";

/// 春分の日, or 春分の日（予測） for a year after the next calendar year.
pub fn holiday(name: &str, date: NaiveDate, today: NaiveDate) -> String {
    if holidays::is_projection(date.year(), today) {
        format!("{name}{PROJECTION_MARK}")
    } else {
        name.to_string()
    }
}

/// Why there is no online service, in a word or two: 日曜日, 元日, 年末年始,
/// 停止（…）. `None` on an online day.
pub fn closed(day: &OperatingDay<'_>, today: NaiveDate) -> Option<String> {
    day.closed.map(|c| match c {
        Closed::Holiday(name) => holiday(name, day.date, today),
        other => other.label(),
    })
}

/// 延長 21:00 まで（計画）.
pub fn extension_short(day: &OperatingDay<'_>, rules: &Rules) -> Option<String> {
    day.extension.map(|e| {
        format!(
            "延長 {} まで（{}）",
            e.end(rules),
            if e.planned { "計画" } else { "突発" }
        )
    })
}

/// 計画 / 突発.
pub fn planned_label(planned: bool) -> &'static str {
    if planned { "計画" } else { "突発" }
}

/// オンライン停止 / 稼働時間変更 9:00〜19:00.
pub fn change_short(kind: ChangeKind) -> String {
    match kind {
        ChangeKind::Stop => kind.label().to_string(),
        ChangeKind::Hours { start, end } => format!("{} {start}〜{end}", kind.label()),
    }
}

/// The remarks of a day: the reason of its extension or change, by whom it was
/// asked (`actor_name` turns an actor id into its short name).
pub fn remarks(day: &OperatingDay<'_>, actor_name: &dyn Fn(&str) -> String) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(e) = day.extension {
        out.push(format!(
            "延長理由: {}（要請: {}）",
            e.reason,
            actor_name(&e.requested_by)
        ));
        if let Some(r) = &e.remarks {
            out.push(r.clone());
        }
    }
    if let Some(c) = day.change {
        out.push(format!(
            "{}: {}（要請: {}）",
            change_short(c.kind),
            c.reason,
            actor_name(&c.requested_by)
        ));
        if let Some(d) = &c.decision {
            out.push(format!("対応: {d}"));
        }
        if let Some(r) = &c.remarks {
            out.push(r.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projected_holidays_are_marked() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let d = |y| NaiveDate::from_ymd_opt(y, 3, 20).unwrap();
        assert_eq!(holiday("春分の日", d(2027), today), "春分の日");
        assert_eq!(holiday("春分の日", d(2028), today), "春分の日（予測）");
    }
}
