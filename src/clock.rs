//! "Today" for the build: the local date, or `TEBIKI_TODAY=YYYY-MM-DD` so that
//! freshness warnings and the pages that show them are reproducible in tests.

use chrono::NaiveDate;

use crate::diagnostics::Diagnostic;

pub const TODAY_ENV: &str = "TEBIKI_TODAY";

/// The day the build treats as today.
pub fn today() -> Result<NaiveDate, Diagnostic> {
    match std::env::var(TODAY_ENV) {
        Ok(text) => parse_today(&text),
        Err(_) => Ok(chrono::Local::now().date_naive()),
    }
}

fn parse_today(text: &str) -> Result<NaiveDate, Diagnostic> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Diagnostic::global(format!(
            "環境変数 {TODAY_ENV} の `{text}` は日付ではありません（YYYY-MM-DD で書いてください）"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_from_the_environment_must_be_a_date() {
        assert_eq!(
            parse_today("2027-01-05").unwrap(),
            NaiveDate::from_ymd_opt(2027, 1, 5).unwrap()
        );
        assert!(
            parse_today("2027/01/05")
                .unwrap_err()
                .message
                .contains(TODAY_ENV)
        );
    }
}
