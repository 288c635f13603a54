//! Today's date: the machine's clock, or `TEBIKI_TODAY=YYYY-MM-DD` so tests and
//! reproducible builds get a fixed day. Every "today" in tebiki comes from here.

use chrono::NaiveDate;

use crate::error::Error;

pub const TODAY_VAR: &str = "TEBIKI_TODAY";

/// Today, in the local time zone, unless `TEBIKI_TODAY` says otherwise. A value
/// that is not a date is an environment error, not silently ignored.
pub fn today() -> Result<NaiveDate, Error> {
    match std::env::var(TODAY_VAR) {
        Ok(value) if !value.trim().is_empty() => parse_today(&value),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}

fn parse_today(value: &str) -> Result<NaiveDate, Error> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        Error::Environment(format!(
            "環境変数 {TODAY_VAR}=`{value}` は日付ではありません（YYYY-MM-DD の形で指定してください）"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_override_must_be_a_date() {
        assert_eq!(
            parse_today("2027-01-04").unwrap(),
            NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()
        );
        let err = parse_today("2027/01/04").unwrap_err();
        assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
    }
}
