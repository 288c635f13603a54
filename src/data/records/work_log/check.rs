//! The work log's checks: §6 (no system work from the contractor's office),
//! §8 (the contractor's hours), the people and records an entry names, and
//! entries of one person that overlap.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{WorkEntry, WorkLog, WorkPlace};
use crate::data::records::Kind;
use crate::data::records::check::{Refs, unknown_staff};
use crate::diagnostics::Diagnostics;
use crate::domain::OperatingCalendar;
use crate::domain::work_hours::overlaps;

pub(super) fn check_entry(
    log: &WorkLog,
    i: usize,
    e: &WorkEntry,
    refs: &Refs<'_>,
    diags: &mut Diagnostics,
) {
    if !refs.is_staff(&e.staff) {
        diags.error(log.locate_entry(i, "staff"), unknown_staff(&e.staff));
    }
    match (e.start, e.end, e.minutes) {
        (Some(s), Some(end), None) if end <= s => diags.error(
            log.locate_entry(i, "end"),
            format!("終了時刻（{end}）が開始時刻（{s}）より後になっていません"),
        ),
        (Some(_), Some(_), None) => {}
        (None, None, Some(m)) if m > 0 => {}
        (None, None, Some(_)) => diags.error(
            log.locate_entry(i, "minutes"),
            "minutes は 1 以上にしてください",
        ),
        _ => diags.error(
            log.locate_entry(i, "staff"),
            "作業時間は start と end の両方か、minutes のどちらか一方で書いてください",
        ),
    }
    if e.place == WorkPlace::Office && e.area.is_operation() && !e.on_call {
        diags.error(
            log.locate_entry(i, "place"),
            format!(
                "受託者の事業所で「{}」の作業が記録されています: 事業所ではドキュメント作成のみで、リモートアクセスによるオペレーションは不可です（§6③）",
                e.area.label()
            ),
        );
    }
    for (j, id) in e.records.iter().enumerate() {
        let at = || {
            crate::yaml::locate_path(
                &log.source.text,
                &log.source.path,
                &["entries", &i.to_string(), "records", &j.to_string()],
            )
        };
        if refs.records.kind_of(id).is_none()
            && !Kind::ALL
                .iter()
                .any(|k| diags.is_unloaded(&crate::data::records::unloaded_record(*k, id)))
        {
            diags.error(
                at(),
                format!(
                    "関連記録 `{id}` は data/records/ のどの記録にもありません（id はファイル名）"
                ),
            );
        }
    }
}

/// A timed entry: its day's log, its index and its minutes of the day.
type TimedEntry<'a> = (&'a WorkLog, usize, (u32, u32));

/// Two entries of one person on one day that share a minute.
pub(super) fn check_overlaps(records: &[WorkLog], diags: &mut Diagnostics) {
    let mut by_person: BTreeMap<(NaiveDate, &str), Vec<TimedEntry<'_>>> = BTreeMap::new();
    for log in records {
        for (i, e) in log.entries.iter().enumerate() {
            if let Some(span) = e.span() {
                by_person
                    .entry((log.date, &e.staff))
                    .or_default()
                    .push((log, i, span));
            }
        }
    }
    for ((date, staff), entries) in by_person {
        for (n, (log, i, span)) in entries.iter().enumerate() {
            if let Some((_, _, other)) = entries[..n].iter().find(|(_, _, o)| overlaps(*o, *span)) {
                diags.error(
                    log.locate_entry(*i, "start"),
                    format!(
                        "{staff} の {date} の作業 {}〜{} が、同じ人の作業 {}〜{} と重なっています",
                        minutes_clock(span.0),
                        minutes_clock(span.1),
                        minutes_clock(other.0),
                        minutes_clock(other.1)
                    ),
                );
            }
        }
    }
}

fn minutes_clock(m: u32) -> String {
    format!("{}:{:02}", m / 60, m % 60)
}

/// §8 作業時間: work outside the contractor's hours of the day (weekdays
/// 8:30–20:00, to 21:00 when online is extended) is a warning; on-call
/// consultations are the exception §8② makes.
pub fn check_hours(log: &WorkLog, calendar: &OperatingCalendar, diags: &mut Diagnostics) {
    let day = calendar.day(log.date);
    let hours = calendar.is_business_day(log.date).then(|| {
        calendar
            .rules()
            .contractor_span(log.date, day.online.map(|s| s.end))
    });
    for (i, e) in log.entries.iter().enumerate() {
        if e.on_call {
            continue;
        }
        let message = match (hours, e.span()) {
            (None, _) => format!(
                "{} は平日ではありません（§8 作業時間は平日）: オンコール対応なら on_call: true と書いてください",
                log.date
            ),
            (Some(h), Some((start, end))) if start < h.start.minutes() || end > h.end.minutes() => {
                format!(
                    "作業 {}〜{} が {} の作業時間 {h} の外です（§8）: オンコール対応なら on_call: true と書いてください",
                    minutes_clock(start),
                    minutes_clock(end),
                    log.date
                )
            }
            _ => continue,
        };
        diags.warning(
            log.locate_entry(i, if e.start.is_some() { "start" } else { "staff" }),
            message,
        );
    }
}
