//! 年間実績報告書 and ⑥ of the same `reports` fixture agree: every month's four
//! service levels to the hundredth of a percent with their counts, and the
//! work hours to the minute. A binary of its own: the test sets today for the
//! library before loading.

mod common;

use common::TestProject;
use serde_json::Value;

fn rows(table: &Value) -> Vec<Vec<String>> {
    table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn the_annual_report_says_what_the_monthly_reports_say() {
    // SAFETY: the only test of this binary, so no other thread reads the
    // environment; the fixture's batch records must not lie in the future.
    unsafe { std::env::set_var("TEBIKI_TODAY", "2027-03-01") };
    let p = TestProject::fixture("reports");
    let project = p.load();
    let fy = tebiki::domain::FiscalYear(2026);
    let annual = tebiki::render::pdf::annual::document(&project, fy).data;
    let hours = rows(&annual["hours"]);
    let mut compared = 0;
    for (column, month) in [(1usize, 1u32), (2, 2)] {
        let monthly = tebiki::render::pdf::monthly::document(&project, 2027, month).data;
        // The four service levels: the rate and its counts.
        for (i, row) in rows(&monthly["sla"]["table"]).iter().enumerate() {
            let annual_rows = rows(&annual["sla"][i]["table"]);
            let label = format!("{month}月");
            let same = annual_rows.iter().find(|r| r[0] == label).unwrap();
            let counts: Vec<String> = row[4]
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            let expected = if counts[1] == "0" {
                "—".to_string()
            } else {
                format!("{}/{}（{}）", counts[0], counts[1], row[3])
            };
            assert_eq!(same[3], expected, "{} of {label}", row[0]);
            assert_eq!(same[1], row[1], "target of {}", row[0]);
            assert_eq!(same[2], row[2], "reported {}", row[0]);
            compared += 1;
        }
        // The hours of each work area, and the fiscal year's running total.
        let chapter = monthly["records"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["title"] == "作業時間")
            .expect("⑥ has the work hours");
        for r in rows(&chapter["parts"][0]["table"]) {
            let same = hours
                .iter()
                .find(|h| h[0] == r[0])
                .unwrap_or_else(|| panic!("{} missing", r[0]));
            assert_eq!(same[column], r[1], "{} in {month}月", r[0]);
            if month == 2 {
                assert_eq!(same[same.len() - 1], r[2], "year to February of {}", r[0]);
            }
            compared += 1;
        }
    }
    assert!(compared > 20, "compared {compared} figures");
}
