//! Weekday names in Japanese, as tables and calendars print them.

use chrono::Weekday;

/// One character: 月 火 水 木 金 土 日.
pub fn short_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}

/// 月曜日 … 日曜日.
pub fn long_name(day: Weekday) -> String {
    format!("{}曜日", short_name(day))
}

/// The days of a week as Japanese calendars lay them out: Sunday first.
pub const SUNDAY_FIRST: [Weekday; 7] = [
    Weekday::Sun,
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_weekdays_in_japanese() {
        assert_eq!(short_name(Weekday::Mon), "月");
        assert_eq!(long_name(Weekday::Sun), "日曜日");
        let row: String = SUNDAY_FIRST.iter().map(|d| short_name(*d)).collect();
        assert_eq!(row, "日月火水木金土");
    }
}
