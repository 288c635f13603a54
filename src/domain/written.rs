//! Dates and times as people write them in the inputs, with a message that
//! tells a malformed value (`2027-2-3`) from one that does not exist
//! (`2027-02-30`, `25:05`).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// `YYYY-MM-DD`.
pub fn date(raw: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = raw.trim().split('-').collect();
    let numbers: Option<Vec<u32>> = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            parts.iter().map(|p| p.parse().ok()).collect()
        }
        _ => None,
    };
    let Some([y, m, d]) = numbers.as_deref().map(|n| [n[0], n[1], n[2]]) else {
        return Err(format!(
            "日付 `{raw}` は YYYY-MM-DD で書いてください（例: 2027-04-05）"
        ));
    };
    if !(1..=12).contains(&m) {
        return Err(format!("日付 `{raw}` は存在しません（{m}月はありません）"));
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
        .ok_or_else(|| format!("日付 `{raw}` は存在しません（{y}年{m}月に{d}日はありません）"))
}

/// `H:MM` or `HH:MM` (with `:SS` when `seconds`), 0:00 to 23:59.
pub fn clock(raw: &str, seconds: bool) -> Result<NaiveTime, String> {
    let parts: Vec<&str> = raw.trim().split(':').collect();
    let well_formed = match parts.as_slice() {
        [h, m] => (1..=2).contains(&h.len()) && m.len() == 2,
        [h, m, s] => seconds && (1..=2).contains(&h.len()) && m.len() == 2 && s.len() == 2,
        _ => false,
    };
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    let (Some(numbers), true) = (numbers, well_formed) else {
        return Err(format!(
            "時刻 `{raw}` は HH:MM で書いてください（例: 08:30）"
        ));
    };
    let (h, m, s) = (numbers[0], numbers[1], numbers.get(2).copied().unwrap_or(0));
    NaiveTime::from_hms_opt(h, m, s)
        .ok_or_else(|| format!("時刻 `{raw}` は存在しません（0:00〜23:59 で書いてください）"))
}

/// `YYYY-MM-DD HH:MM` (a `T` for the space and `:SS` allowed).
pub fn date_time(raw: &str) -> Result<NaiveDateTime, String> {
    let malformed =
        || format!("日時 `{raw}` は YYYY-MM-DD HH:MM で書いてください（例: 2027-01-05 09:30）");
    let text = raw.trim();
    let (day, time) = text.split_once([' ', 'T']).ok_or_else(malformed)?;
    let (day, time) = (date(day), clock(time.trim_start(), true));
    match (day, time) {
        (Ok(d), Ok(t)) => Ok(d.and_time(t)),
        (Err(e), _) | (_, Err(e)) if e.contains("存在しません") => {
            Err(format!("日時 `{raw}` は存在しません（{}）", reason(&e)))
        }
        _ => Err(malformed()),
    }
}

/// The part of a message in （…）.
fn reason(message: &str) -> &str {
    message
        .split_once('（')
        .map_or(message, |(_, r)| r.trim_end_matches('）'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_that_does_not_exist_is_told_from_a_malformed_one() {
        assert_eq!(
            date("2027-02-30").unwrap_err(),
            "日付 `2027-02-30` は存在しません（2027年2月に30日はありません）"
        );
        assert!(
            date("2027-2-3")
                .unwrap_err()
                .contains("YYYY-MM-DD で書いて")
        );
        assert!(date("2027-13-01").unwrap_err().contains("13月はありません"));
        assert_eq!(
            date("2028-02-29"),
            NaiveDate::from_ymd_opt(2028, 2, 29).ok_or(String::new())
        );
    }

    #[test]
    fn a_time_that_does_not_exist_is_told_from_a_malformed_one() {
        assert_eq!(
            date_time("2027-01-12 25:05").unwrap_err(),
            "日時 `2027-01-12 25:05` は存在しません（0:00〜23:59 で書いてください）"
        );
        assert_eq!(
            date_time("2027-02-30 10:00").unwrap_err(),
            "日時 `2027-02-30 10:00` は存在しません（2027年2月に30日はありません）"
        );
        assert!(
            date_time("2027-01-12")
                .unwrap_err()
                .contains("YYYY-MM-DD HH:MM で書いて")
        );
        assert!(
            date_time("2027-01-12 9:5")
                .unwrap_err()
                .contains("YYYY-MM-DD HH:MM で書いて")
        );
        let at = date_time("2027-01-12T09:05:30").unwrap();
        assert_eq!(at.to_string(), "2027-01-12 09:05:30");
        assert_eq!(clock("8:30", false).unwrap().to_string(), "08:30:00");
        assert!(clock("24:00", false).unwrap_err().contains("存在しません"));
    }
}
