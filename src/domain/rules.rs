//! The rules of the online operating schedule, with the source document's values
//! as defaults (`schedule:` in tebiki.yaml overrides them for another municipality).

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ClockTime;
use super::schedule::Span;
use super::weekday;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Rules {
    /// §2-⑤ オンラインの起動/停止: 8:00-20:00.
    pub online_start: ClockTime,
    pub online_end: ClockTime,
    /// §2-⑤ (停止時間延長:21:00 まで): the latest an extension may run.
    pub extended_end: ClockTime,
    /// Weekdays whose usual online hours differ (none in the source; a
    /// municipality may, say, close online at 19:00 on Saturdays).
    pub online_by_weekday: Vec<WeekdayHours>,
    /// §2-⑤ 日曜日…のオンライン運用はなし. Saturdays are not excluded by the source.
    pub closed_weekdays: Vec<Weekday>,
    /// §2-⑤ 祝休日…のオンライン運用はなし (祝日・振替休日・国民の休日).
    pub closed_on_holidays: bool,
    /// §2-⑤ 年末年始(12月29日~1月3日), both days included.
    pub year_end_from: MonthDay,
    pub year_end_to: MonthDay,
    /// §8 作業時間: 平日 8時30分~20時 (オンライン延長の場合は21時).
    pub contractor_start: ClockTime,
    pub contractor_end: ClockTime,
    pub contractor_extended_end: ClockTime,
    /// §8 平日: the weekdays the contractor is on site (holidays and the year-end
    /// closure excepted).
    pub contractor_weekdays: Vec<Weekday>,
    /// §2-⑤ オンラインバッチ(業務中不可):18:00-20:00.
    pub offhours_batch_start: ClockTime,
    pub offhours_batch_end: ClockTime,
    /// §8 計画・突発合せ5回/年未満: this many extensions in a fiscal year is a warning.
    pub extension_limit: usize,
    /// §2-⑤ 年次(12 月末~2月末): the month by whose end the next fiscal year's
    /// operating days must be fixed.
    pub annual_plan_deadline_month: u32,
}

impl Default for Rules {
    fn default() -> Self {
        use Weekday::*;
        Rules {
            online_start: ClockTime::new(8, 0),
            online_end: ClockTime::new(20, 0),
            extended_end: ClockTime::new(21, 0),
            online_by_weekday: Vec::new(),
            closed_weekdays: vec![Sun],
            closed_on_holidays: true,
            year_end_from: MonthDay::new(12, 29),
            year_end_to: MonthDay::new(1, 3),
            contractor_start: ClockTime::new(8, 30),
            contractor_end: ClockTime::new(20, 0),
            contractor_extended_end: ClockTime::new(21, 0),
            contractor_weekdays: vec![Mon, Tue, Wed, Thu, Fri],
            offhours_batch_start: ClockTime::new(18, 0),
            offhours_batch_end: ClockTime::new(20, 0),
            extension_limit: 5,
            annual_plan_deadline_month: 2,
        }
    }
}

/// The usual online hours of one weekday, where they differ from
/// `online_start`–`online_end`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeekdayHours {
    #[schemars(description = "曜日（mon, tue, wed, thu, fri, sat, sun）")]
    pub weekday: Weekday,
    #[serde(default)]
    #[schemars(description = "この曜日の開始時刻（省略すると online_start）")]
    pub start: Option<ClockTime>,
    #[serde(default)]
    #[schemars(description = "この曜日の終了時刻（省略すると online_end）")]
    pub end: Option<ClockTime>,
}

impl Rules {
    /// The usual online hours of `date`'s weekday, before closures, stops,
    /// changes and extensions: every "usual hours" figure comes from here.
    pub fn usual_span(&self, date: NaiveDate) -> Span {
        self.usual_span_on(date.weekday())
    }

    pub fn usual_span_on(&self, day: Weekday) -> Span {
        let own = self.online_by_weekday.iter().find(|w| w.weekday == day);
        Span {
            start: own.and_then(|w| w.start).unwrap_or(self.online_start),
            end: own.and_then(|w| w.end).unwrap_or(self.online_end),
        }
    }

    /// The contractor's hours on a 平日 (§8), to the extended end when online
    /// runs past that day's usual end.
    pub fn contractor_span(&self, date: NaiveDate, online_end: Option<ClockTime>) -> Span {
        let extended = online_end.is_some_and(|end| end > self.usual_span(date).end);
        Span {
            start: self.contractor_start,
            end: if extended {
                self.contractor_extended_end
            } else {
                self.contractor_end
            },
        }
    }

    /// `8:00〜20:00`, with the weekdays that differ: `8:00〜20:00（土曜日は 8:00〜19:00）`.
    pub fn usual_hours_text(&self) -> String {
        let usual = Span {
            start: self.online_start,
            end: self.online_end,
        };
        with_exceptions(
            usual.to_string(),
            self.weekday_exceptions(|s| s.to_string()),
        )
    }

    /// `20:00`, with the weekdays that differ: `20:00（土曜日は 19:00）`.
    pub fn usual_end_text(&self) -> String {
        with_exceptions(
            self.online_end.to_string(),
            self.weekday_exceptions(|s| s.end.to_string()),
        )
    }

    /// `日曜日・祝休日・年末年始（12月29日〜1月3日）`: the days without online service.
    pub fn closed_days_text(&self) -> String {
        let mut parts: Vec<String> = weekday::SUNDAY_FIRST
            .iter()
            .filter(|d| self.closed_weekdays.contains(d))
            .map(|d| weekday::long_name(*d))
            .collect();
        if self.closed_on_holidays {
            parts.push("祝休日".into());
        }
        let (from, to) = (self.year_end_from, self.year_end_to);
        parts.push(format!(
            "年末年始（{}月{}日〜{}月{}日）",
            from.month, from.day, to.month, to.day
        ));
        parts.join("・")
    }

    /// (weekday name, text) of every weekday whose hours differ, Sunday first.
    fn weekday_exceptions(&self, text: impl Fn(Span) -> String) -> Vec<String> {
        weekday::SUNDAY_FIRST
            .iter()
            .filter(|d| self.online_by_weekday.iter().any(|w| w.weekday == **d))
            .map(|d| {
                format!(
                    "{}は {}",
                    weekday::long_name(*d),
                    text(self.usual_span_on(*d))
                )
            })
            .collect()
    }

    /// The named texts of the rules that Markdown pages may write as
    /// `{{ rules.online }}`, so a page never states other hours than the calendar.
    pub fn texts(&self) -> Vec<(&'static str, String)> {
        let span = |start, end| Span { start, end }.to_string();
        vec![
            ("rules.online", self.usual_hours_text()),
            ("rules.online_start", self.online_start.to_string()),
            ("rules.online_end", self.usual_end_text()),
            ("rules.extended_end", self.extended_end.to_string()),
            ("rules.closed_days", self.closed_days_text()),
            (
                "rules.contractor",
                span(self.contractor_start, self.contractor_end),
            ),
            (
                "rules.contractor_extended_end",
                self.contractor_extended_end.to_string(),
            ),
            (
                "rules.offhours_batch",
                span(self.offhours_batch_start, self.offhours_batch_end),
            ),
        ]
    }

    /// Inside the year-end closure, which may wrap over the new year (12-29..01-03).
    pub fn in_year_end(&self, date: NaiveDate) -> bool {
        let md = MonthDay::new(date.month(), date.day());
        let (from, to) = (self.year_end_from, self.year_end_to);
        if from <= to {
            from <= md && md <= to
        } else {
            md >= from || md <= to
        }
    }

    /// Problems with the rules themselves, as (key, message), for tebiki.yaml.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.online_start >= self.online_end {
            out.push((
                "online_end",
                "schedule.online_end は online_start より後にしてください".to_string(),
            ));
        }
        if self.extended_end < self.online_end {
            out.push((
                "extended_end",
                "schedule.extended_end は online_end 以後にしてください".to_string(),
            ));
        }
        if self.contractor_start >= self.contractor_end
            || self.contractor_extended_end < self.contractor_end
        {
            out.push((
                "contractor_end",
                "schedule の受託者の作業時間（contractor_start < contractor_end ≦ contractor_extended_end）が正しくありません".to_string(),
            ));
        }
        if self.offhours_batch_start >= self.offhours_batch_end {
            out.push((
                "offhours_batch_end",
                "schedule.offhours_batch_end は offhours_batch_start より後にしてください"
                    .to_string(),
            ));
        }
        let mut seen = Vec::new();
        for w in &self.online_by_weekday {
            let span = self.usual_span_on(w.weekday);
            if seen.contains(&w.weekday) {
                out.push((
                    "weekday",
                    format!(
                        "schedule.online_by_weekday: {} が 2 回あります",
                        weekday::long_name(w.weekday)
                    ),
                ));
            } else if span.start >= span.end || span.end > self.extended_end {
                out.push((
                    "weekday",
                    format!(
                        "schedule.online_by_weekday: {}の時間 {span} は開始より後に終わり、extended_end（{}）以前にしてください",
                        weekday::long_name(w.weekday),
                        self.extended_end
                    ),
                ));
            }
            seen.push(w.weekday);
        }
        if !(1..=12).contains(&self.annual_plan_deadline_month) {
            out.push((
                "annual_plan_deadline_month",
                "schedule.annual_plan_deadline_month は 1〜12 にしてください".to_string(),
            ));
        }
        out
    }
}

/// A day of the year written `MM-DD` (`12-29`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    pub const fn new(month: u32, day: u32) -> Self {
        MonthDay { month, day }
    }

    pub fn parse(s: &str) -> Option<MonthDay> {
        let (m, d) = s.trim().split_once('-')?;
        let (month, day) = (m.parse().ok()?, d.parse().ok()?);
        // 2000 is a leap year, so 02-29 is accepted.
        NaiveDate::from_ymd_opt(2000, month, day).map(|_| MonthDay { month, day })
    }
}

fn with_exceptions(usual: String, exceptions: Vec<String>) -> String {
    if exceptions.is_empty() {
        usual
    } else {
        format!("{usual}（{}）", exceptions.join("、"))
    }
}

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl Serialize for MonthDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        MonthDay::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("月日 `{s}` は MM-DD で書いてください（例: 12-29）"))
        })
    }
}

impl schemars::JsonSchema for MonthDay {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "MonthDay".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        crate::json_schema::pattern_string(r"^\d{1,2}-\d{1,2}$", "月日（MM-DD、例: 12-29）")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_end_closure_wraps_over_new_year() {
        let rules = Rules::default();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert!(!rules.in_year_end(d(2027, 12, 28)));
        assert!(rules.in_year_end(d(2027, 12, 29)));
        assert!(rules.in_year_end(d(2028, 1, 1)));
        assert!(rules.in_year_end(d(2028, 1, 3)));
        assert!(!rules.in_year_end(d(2028, 1, 4)));
    }

    #[test]
    fn rules_parse_from_yaml_with_source_defaults() {
        let rules: Rules =
            serde_yaml::from_str("online_end: \"19:00\"\nclosed_weekdays: [sat, sun]\n").unwrap();
        assert_eq!(rules.online_end, ClockTime::new(19, 0));
        assert_eq!(rules.closed_weekdays, [Weekday::Sat, Weekday::Sun]);
        assert_eq!(rules.extended_end, ClockTime::new(21, 0));
        assert!(rules.problems().is_empty());
        assert_eq!(MonthDay::parse("02-30"), None);
    }

    #[test]
    fn a_weekday_rule_changes_that_weekday_only_and_every_text_says_so() {
        let rules: Rules =
            serde_yaml::from_str("online_by_weekday:\n  - {weekday: sat, end: \"19:00\"}\n")
                .unwrap();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(rules.usual_span(d(2027, 1, 9)).to_string(), "8:00〜19:00"); // Saturday
        assert_eq!(rules.usual_span(d(2027, 1, 8)).to_string(), "8:00〜20:00"); // Friday
        assert_eq!(
            rules.usual_hours_text(),
            "8:00〜20:00（土曜日は 8:00〜19:00）"
        );
        assert_eq!(rules.usual_end_text(), "20:00（土曜日は 19:00）");
        // On a Saturday, online to 20:00 is already an extension for the contractor.
        let sat = d(2027, 1, 9);
        assert_eq!(
            rules.contractor_span(sat, Some(ClockTime::new(20, 0))).end,
            ClockTime::new(21, 0)
        );
        assert!(rules.problems().is_empty());
        assert_eq!(Rules::default().usual_hours_text(), "8:00〜20:00");
        assert_eq!(
            Rules::default().closed_days_text(),
            "日曜日・祝休日・年末年始（12月29日〜1月3日）"
        );
        let bad: Rules = serde_yaml::from_str(
            "online_by_weekday:\n  - {weekday: sat, end: \"7:00\"}\n  - {weekday: sat}\n",
        )
        .unwrap();
        assert_eq!(bad.problems().len(), 2);
    }
}
