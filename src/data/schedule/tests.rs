use super::*;

fn parse_text(text: &str) -> (Option<(YearPlan, ScheduleSource)>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let parsed = parse(
        text,
        Path::new("data/schedule/2027.yaml"),
        FiscalYear(2027),
        &mut diags,
    );
    (parsed, diags)
}

#[test]
fn a_day_that_does_not_exist_is_a_clear_error_at_its_line() {
    let text = "extensions:\n  - date: 2027-04-05\n    planned: true\n    reason: a\n    requested_by: gyomu\n  - date: 2027-02-30\n    planned: false\n    reason: b\n    requested_by: gyomu\n";
    let (parsed, diags) = parse_text(text);
    let report = diags.report();
    assert!(
        report.contains(
            "data/schedule/2027.yaml:6:11: エラー: 日付 `2027-02-30` は存在しません（2027年2月に30日はありません）"
        ),
        "{report}"
    );
    let (plan, source) = parsed.unwrap();
    assert_eq!(plan.extensions.len(), 1, "the good entry is kept");
    assert_eq!(source.extensions[0].date.line, 2);
}

#[test]
fn malformed_dates_say_how_to_write_them() {
    assert_eq!(
        parse_date("2027/4/5").unwrap_err(),
        "日付 `2027/4/5` は YYYY-MM-DD で書いてください（例: 2027-04-05）"
    );
    assert_eq!(
        parse_date("2027-4-5").unwrap_err(),
        "日付 `2027-4-5` は YYYY-MM-DD で書いてください（例: 2027-04-05）"
    );
    assert!(parse_date("2028-02-29").is_ok());
}

#[test]
fn same_date_twice_is_located_at_each_entry() {
    let text = "changes:\n  - date: 2027-05-15\n    kind: stop\n    reason: a\n    requested_by: fujitsu\n  - date: 2027-05-15\n    kind: hours\n    start: \"9:00\"\n    end: \"20:00\"\n    reason: b\n    requested_by: fujitsu\n";
    let (parsed, diags) = parse_text(text);
    assert!(diags.is_empty(), "{diags}");
    let (plan, source) = parsed.unwrap();
    assert_eq!(plan.changes.len(), 2);
    let lines: Vec<_> = source.changes.iter().map(|c| c.date.line).collect();
    assert_eq!(lines, [2, 6]);
    assert_eq!(source.changes[1].line, 6);
}

#[test]
fn hours_change_needs_start_and_end() {
    let text = "changes:\n  - date: 2027-05-17\n    kind: hours\n    start: \"9:00\"\n    reason: a\n    requested_by: fujitsu\n";
    let (parsed, diags) = parse_text(text);
    assert_eq!(parsed.unwrap().0.changes.len(), 0);
    let d = diags.iter().next().unwrap();
    assert_eq!(d.location.as_ref().unwrap().line, 3);
    assert!(d.message.contains("start と end"), "{}", d.message);
}

#[test]
fn monthly_plans_are_read_in_month_order_with_their_lines() {
    let text = "plan:\n  annual_fixed: 2027-02-19\n  monthly_fixed:\n    2027-05: 2027-04-14\n    2027-04: 2027-03-12\n";
    let (parsed, diags) = parse_text(text);
    assert!(diags.is_empty(), "{diags}");
    let (plan, source) = parsed.unwrap();
    assert_eq!(plan.annual_fixed, NaiveDate::from_ymd_opt(2027, 2, 19));
    assert_eq!(source.annual_fixed.unwrap().line, 2);
    assert_eq!(plan.monthly[0].month, 4);
    assert_eq!(source.monthly[0].line, 5);
    assert_eq!(source.monthly_section.line, 3);
}

#[test]
fn file_names_are_fiscal_years() {
    assert_eq!(fiscal_year_of_file("2027.yaml"), Some(FiscalYear(2027)));
    assert_eq!(fiscal_year_of_file("r9.yaml"), None);
    assert_eq!(fiscal_year_of_file("2027.yml"), None);
}
