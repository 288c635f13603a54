//! The computed holidays agree with a published reference list on every date
//! from 1990 to 2099 (tests/reference/holidays_jp_1990_2099.csv, generated from
//! PyPI `holidays` and cross-checked with PyPI `jpholiday`; see gen_holidays.py).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use tebiki::domain::holidays::{self, FIRST_YEAR, LAST_YEAR};

/// The reference library names two one-off days differently from the law's
/// wording that tebiki uses.
fn reference_name(name: &str) -> &str {
    match name {
        "即位礼正殿の儀が行われる日" => "即位礼正殿の儀",
        "結婚の儀" => "皇太子徳仁親王の結婚の儀",
        other => other,
    }
}

fn reference() -> BTreeMap<NaiveDate, String> {
    let text = include_str!("reference/holidays_jp_1990_2099.csv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (date, name) = l.split_once(',').expect("date,name");
            (
                NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("ISO date"),
                reference_name(name).to_string(),
            )
        })
        .collect()
}

#[test]
fn computed_holidays_match_the_reference_list_for_every_date_1990_to_2099() {
    let reference = reference();
    assert!(reference.len() > 1900, "reference list looks truncated");
    let mut computed = BTreeMap::new();
    for year in FIRST_YEAR..=LAST_YEAR {
        for h in holidays::holidays_in_year(year) {
            assert_eq!(h.date.year(), year);
            computed.insert(h.date, h.name.to_string());
        }
    }
    let missing: Vec<_> = reference
        .iter()
        .filter(|(d, _)| !computed.contains_key(d))
        .collect();
    let extra: Vec<_> = computed
        .iter()
        .filter(|(d, _)| !reference.contains_key(d))
        .collect();
    assert!(missing.is_empty(), "not computed: {missing:?}");
    assert!(extra.is_empty(), "not in the reference: {extra:?}");
    let renamed: Vec<_> = reference
        .iter()
        .filter(|(d, name)| computed[*d] != **name)
        .map(|(d, name)| format!("{d}: {name} / {}", computed[d]))
        .collect();
    assert!(renamed.is_empty(), "names differ: {renamed:?}");
}

#[test]
fn every_date_of_the_range_agrees_with_holiday_on() {
    let reference = reference();
    let first = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap();
    let mut days = 0;
    for date in first.iter_days().take_while(|d| *d <= last) {
        let computed = holidays::holiday_on(date).map(|h| h.name);
        assert_eq!(computed, reference.get(&date).map(String::as_str), "{date}");
        days += 1;
    }
    assert_eq!(days, 40_177);
}
