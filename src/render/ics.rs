//! iCalendar (RFC 5545) written by hand: CRLF line ends, lines folded at 75
//! octets without splitting a UTF-8 character, TEXT values escaped. Plus the
//! export of the operating schedule (operating days, extensions, stops) that
//! staff subscribe to in Outlook or Google Calendar.

use chrono::{Datelike, Duration, NaiveDate};

use crate::domain::ClockTime;
use crate::domain::OperatingCalendar;
use crate::domain::schedule::describe;

/// RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the CRLF.
const MAX_OCTETS: usize = 75;
/// The schedule's zone; Japan has no daylight saving time.
const TZID: &str = "Asia/Tokyo";

/// Builds the text of a calendar object one content line at a time.
#[derive(Default)]
pub struct IcsWriter {
    out: String,
}

impl IcsWriter {
    pub fn new() -> Self {
        Self::default()
    }

    /// A content line whose value is written as is (dates, enumerations).
    /// `name` may carry parameters: `DTSTART;TZID=Asia/Tokyo`.
    pub fn raw(&mut self, name: &str, value: &str) {
        self.out.push_str(&fold(&format!("{name}:{value}")));
        self.out.push_str("\r\n");
    }

    /// A content line with a TEXT value, escaped.
    pub fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape_text(value));
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// RFC 5545 §3.3.11: backslash, semicolon and comma are escaped, and a line
/// break becomes `\n`.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// RFC 5545 §3.1: splits a line into pieces of at most 75 octets, each
/// continuation starting with a space (which counts toward its 75).
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > MAX_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out
}

/// What names the exported calendar.
pub struct IcsInfo<'a> {
    /// The calendar's display name (X-WR-CALNAME).
    pub name: &'a str,
    /// The right-hand side of every UID, stable across builds so subscribed
    /// calendars update events instead of adding new ones.
    pub uid_domain: &'a str,
    /// DTSTAMP of every event (the build day, at midnight UTC).
    pub stamp: NaiveDate,
    pub today: NaiveDate,
    pub actor_name: &'a dyn Fn(&str) -> String,
}

/// Every day from `from` to `through`: one timed event per operating day with
/// its hours (an extension or changed hours in the summary) and an all-day event
/// per stopped day.
pub fn schedule_ics(
    cal: &OperatingCalendar,
    from: NaiveDate,
    through: NaiveDate,
    info: &IcsInfo<'_>,
) -> String {
    let mut w = IcsWriter::new();
    w.raw("BEGIN", "VCALENDAR");
    w.raw("VERSION", "2.0");
    w.raw(
        "PRODID",
        &format!("-//tebiki//tebiki {}//JA", env!("CARGO_PKG_VERSION")),
    );
    w.raw("CALSCALE", "GREGORIAN");
    w.raw("METHOD", "PUBLISH");
    w.text("X-WR-CALNAME", info.name);
    w.raw("X-WR-TIMEZONE", TZID);
    write_timezone(&mut w);
    let stamp = format!("{}T000000Z", basic_date(info.stamp));
    for day in cal.days(from, through) {
        let remarks = describe::remarks(&day, info.actor_name);
        if let Some(span) = day.online {
            let mut summary = format!("オンライン稼働 {span}");
            if let Some(e) = day.extension {
                summary.push_str(&format!("（{}延長）", describe::planned_label(e.planned)));
            } else if day.change.is_some() {
                summary.push_str("（時間変更）");
            }
            w.raw("BEGIN", "VEVENT");
            w.raw(
                "UID",
                &format!("online-{}@{}", basic_date(day.date), info.uid_domain),
            );
            w.raw("DTSTAMP", &stamp);
            w.raw(
                &format!("DTSTART;TZID={TZID}"),
                &local(day.date, span.start),
            );
            w.raw(&format!("DTEND;TZID={TZID}"), &local(day.date, span.end));
            w.text("SUMMARY", &summary);
            if !remarks.is_empty() {
                w.text("DESCRIPTION", &remarks.join("\n"));
            }
            w.text("CATEGORIES", "オンライン稼働");
            w.raw("TRANSP", "TRANSPARENT");
            w.raw("END", "VEVENT");
        } else if let Some(change) = day
            .change
            .filter(|_| day.closed.is_some_and(|c| !c.is_rule()))
        {
            w.raw("BEGIN", "VEVENT");
            w.raw(
                "UID",
                &format!("stop-{}@{}", basic_date(day.date), info.uid_domain),
            );
            w.raw("DTSTAMP", &stamp);
            w.raw("DTSTART;VALUE=DATE", &basic_date(day.date));
            w.raw(
                "DTEND;VALUE=DATE",
                &basic_date(day.date + Duration::days(1)),
            );
            w.text("SUMMARY", &format!("オンライン停止（{}）", change.reason));
            w.text("DESCRIPTION", &remarks.join("\n"));
            w.text("CATEGORIES", "オンライン停止");
            w.raw("TRANSP", "TRANSPARENT");
            w.raw("END", "VEVENT");
        }
    }
    w.raw("END", "VCALENDAR");
    w.finish()
}

/// Asia/Tokyo has been UTC+9 without daylight saving since 1952.
fn write_timezone(w: &mut IcsWriter) {
    w.raw("BEGIN", "VTIMEZONE");
    w.raw("TZID", TZID);
    w.raw("BEGIN", "STANDARD");
    w.raw("DTSTART", "19700101T000000");
    w.raw("TZOFFSETFROM", "+0900");
    w.raw("TZOFFSETTO", "+0900");
    w.raw("TZNAME", "JST");
    w.raw("END", "STANDARD");
    w.raw("END", "VTIMEZONE");
}

fn basic_date(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

fn local(date: NaiveDate, time: ClockTime) -> String {
    format!("{}T{:02}{:02}00", basic_date(date), time.hour, time.minute)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_escape_separators_and_line_breaks() {
        assert_eq!(
            escape_text("保守; 再起動, 確認\\済\r\n次行\n"),
            "保守\\; 再起動\\, 確認\\\\済\\n次行\\n"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let line = format!("SUMMARY:{}", "稼働".repeat(40));
        let folded = fold(&line);
        for piece in folded.split("\r\n") {
            assert!(piece.len() <= MAX_OCTETS, "{} octets: {piece}", piece.len());
        }
        assert!(folded.contains("\r\n "));
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }
}
