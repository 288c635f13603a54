use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u8, m: u8) -> ClockTime {
    ClockTime::new(h, m)
}

fn extension(date: NaiveDate, planned: bool) -> Extension {
    Extension {
        date,
        until: None,
        planned,
        reason: "窓口延長".into(),
        requested_by: "gyomu".into(),
        assessment: None,
        request: None,
        remarks: None,
    }
}

fn change(date: NaiveDate, through: NaiveDate, kind: ChangeKind) -> Change {
    Change {
        date,
        through,
        kind,
        reason: "定期保守".into(),
        requested_by: "fujitsu".into(),
        options: Vec::new(),
        decision: None,
        request: None,
        remarks: None,
    }
}

fn calendar(years: Vec<YearPlan>) -> OperatingCalendar {
    OperatingCalendar::new(Rules::default(), d(2027, 1, 4), years)
}

#[test]
fn whole_fiscal_year_follows_the_rules() {
    let cal = calendar(Vec::new());
    let (from, to) = cal.fiscal_year_range(FiscalYear(2027)).unwrap();
    let days: Vec<_> = cal.days(from, to).collect();
    assert_eq!(days.len(), 366, "2028 is a leap year");
    // Checked against an independent count (Python jpholiday): 294 online days.
    assert_eq!(days.iter().filter(|d| d.is_online()).count(), 294);
    for day in &days {
        let sunday = day.weekday() == Weekday::Sun;
        let year_end = (day.date.month() == 12 && day.date.day() >= 29)
            || (day.date.month() == 1 && day.date.day() <= 3);
        let expect_online = !sunday && !year_end && day.holiday.is_none();
        assert_eq!(day.is_online(), expect_online, "{}", day.date);
        if let Some(span) = day.online {
            assert_eq!(span.to_string(), "8:00〜20:00", "{}", day.date);
            assert_eq!(day.nightly_batch_after, Some(t(20, 0)));
            assert_eq!(day.offhours_batch.unwrap().to_string(), "18:00〜20:00");
        }
    }
    let saturday = cal.day(d(2027, 5, 15));
    assert!(
        saturday.is_online(),
        "Saturdays are not excluded by the source"
    );
    assert!(!saturday.business_day);
    assert_eq!(saturday.contractor, None);
}

#[test]
fn service_in_year_starts_on_2027_01_04() {
    let cal = calendar(Vec::new());
    assert_eq!(
        cal.fiscal_year_range(FiscalYear(2026)),
        Some((d(2027, 1, 4), d(2027, 3, 31)))
    );
    assert_eq!(cal.day(d(2027, 1, 3)).closed, Some(Closed::BeforeServiceIn));
    assert!(cal.is_online_day(d(2027, 1, 4)));
    let january = cal.month_summary(2027, 1);
    assert_eq!(january.days, 28);
    // 1/10 and 1/17, 1/24, 1/31 are Sundays, 1/11 is 成人の日.
    assert_eq!(january.online_days, 23);
    assert_eq!(january.online_minutes, 23 * 12 * 60);
}

#[test]
fn closed_days_say_why() {
    let cal = calendar(Vec::new());
    assert_eq!(cal.day(d(2027, 3, 21)).closed.unwrap().label(), "春分の日");
    assert_eq!(cal.day(d(2027, 3, 22)).closed.unwrap().label(), "振替休日");
    assert_eq!(cal.day(d(2027, 3, 28)).closed.unwrap().label(), "日曜日");
    assert_eq!(cal.day(d(2027, 12, 29)).closed.unwrap().label(), "年末年始");
    assert_eq!(cal.day(d(2028, 1, 1)).closed.unwrap().label(), "年末年始");
    assert_eq!(cal.day(d(2028, 1, 1)).holiday, Some("元日"));
}

#[test]
fn extension_day_moves_contractor_end_to_21_00() {
    let mut plan = YearPlan::new(FiscalYear(2027));
    plan.extensions.push(extension(d(2027, 4, 5), true));
    let cal = calendar(vec![plan]);
    let day = cal.day(d(2027, 4, 5));
    assert_eq!(day.online.unwrap().to_string(), "8:00〜21:00");
    assert_eq!(day.contractor.unwrap().to_string(), "8:30〜21:00");
    assert_eq!(day.nightly_batch_after, Some(t(21, 0)));
    assert_eq!(day.offhours_batch.unwrap().to_string(), "18:00〜20:00");
    assert_eq!(cal.planned_online_minutes(d(2027, 4, 5)), 13 * 60);
    let normal = cal.day(d(2027, 4, 6));
    assert_eq!(normal.contractor.unwrap().to_string(), "8:30〜20:00");
    let april = cal.month_summary(2027, 4);
    assert_eq!(april.extensions_planned, 1);
    assert_eq!(
        cal.planned_online_minutes_in_month(2027, 4),
        april.online_days * 720 + 60
    );
}

#[test]
fn stop_and_changed_hours_replace_the_rule_hours() {
    let mut plan = YearPlan::new(FiscalYear(2027));
    plan.changes
        .push(change(d(2027, 5, 15), d(2027, 5, 15), ChangeKind::Stop));
    plan.changes.push(change(
        d(2027, 6, 7),
        d(2027, 6, 8),
        ChangeKind::Hours {
            start: t(9, 0),
            end: t(20, 0),
        },
    ));
    let cal = calendar(vec![plan]);
    let stopped = cal.day(d(2027, 5, 15));
    assert!(!stopped.is_online());
    assert_eq!(stopped.closed.unwrap().label(), "停止（定期保守）");
    assert_eq!(
        cal.day(d(2027, 6, 8)).online.unwrap().to_string(),
        "9:00〜20:00"
    );
    assert_eq!(
        cal.day(d(2027, 6, 9)).online.unwrap().to_string(),
        "8:00〜20:00"
    );
    let may = cal.month_summary(2027, 5);
    assert_eq!(may.online_days, 23 - 1);
    assert_eq!(may.stopped_days, 1);
    assert_eq!(cal.month_summary(2027, 6).changed_days, 2);
}

#[test]
fn last_business_day_skips_weekends_and_holidays() {
    let cal = calendar(Vec::new());
    // 2027-07-31 is a Saturday: online, but not a business day.
    assert_eq!(
        cal.last_business_day_of_month(2027, 7),
        Some(d(2027, 7, 30))
    );
    assert_eq!(cal.last_online_day_of_month(2027, 7), Some(d(2027, 7, 31)));
    // December ends with the year-end closure.
    assert_eq!(
        cal.last_business_day_of_month(2027, 12),
        Some(d(2027, 12, 28))
    );
    assert_eq!(cal.next_online_day(d(2027, 12, 28)), Some(d(2028, 1, 4)));
}
