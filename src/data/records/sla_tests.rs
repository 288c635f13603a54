//! The SLA formulas against months worked out by hand (January and February 2027,
//! the first months after service-in), including empty months.

use chrono::NaiveDate;

use crate::data::records::{Figures, Incident, Inquiry, Records, ServiceReport};
use crate::domain::sla::{
    Measure, Ratio, SlaSettings, batch_execution, format_rate, incident_notification,
    inquiry_resolution, online_availability,
};
use crate::domain::{OperatingCalendar, Rules};

fn calendar() -> OperatingCalendar {
    OperatingCalendar::new(Rules::default(), day("2027-01-04"), Vec::new())
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn incident(yaml: &str) -> Incident {
    let base = "title: t\ndetected_by: fujitsu\nimpact: i\nstatus: open\n";
    serde_yaml::from_str(&format!("{base}{yaml}")).unwrap()
}

fn inquiry(yaml: &str) -> Inquiry {
    let base = "from: contractor\ncategory: question\nsummary: s\n";
    serde_yaml::from_str(&format!("{base}{yaml}")).unwrap()
}

#[test]
fn january_2027_has_23_online_days_of_720_minutes() {
    // 2027-01-04 (service-in, Mon) .. 01-31: 28 days, minus 4 Sundays (10, 17, 24,
    // 31) and 成人の日 (01-11) = 23 days × 8:00–20:00.
    let r = online_availability(2027, 1, &calendar(), &Records::default().sla_facts());
    assert_eq!(
        r,
        Ratio {
            numerator: 16_560,
            denominator: 16_560
        }
    );
    assert_eq!(r.rate(), Some(100.0));
}

#[test]
fn outages_count_only_inside_the_planned_online_hours_and_overlaps_once() {
    let records = Records {
        incidents: vec![
            // 45 minutes on Tuesday 01-12.
            incident(
                "detected_at: 2027-01-12 10:00\noutages:\n  - {from: 2027-01-12 10:00, to: 2027-01-12 10:45}\n",
            ),
            // 19:30–20:30 on 01-13: only 30 minutes fall before the 20:00 end.
            incident(
                "detected_at: 2027-01-13 19:30\noutages:\n  - {from: 2027-01-13 19:30, to: 2027-01-13 20:30}\n",
            ),
            // Overlaps the first by 15 minutes (10:30–10:45) and adds 15 (10:45–11:00).
            incident(
                "detected_at: 2027-01-12 10:30\noutages:\n  - {from: 2027-01-12 10:30, to: 2027-01-12 11:00}\n",
            ),
            // A Sunday (01-17): no service planned, nothing lost.
            incident(
                "detected_at: 2027-01-17 09:00\noutages:\n  - {from: 2027-01-17 09:00, to: 2027-01-17 12:00}\n",
            ),
        ],
        ..Records::default()
    };
    let r = online_availability(2027, 1, &calendar(), &records.sla_facts());
    // 45 + 15 + 30 = 90 minutes lost of 16,560.
    assert_eq!(
        r,
        Ratio {
            numerator: 16_470,
            denominator: 16_560
        }
    );
    let rate = r.rate().unwrap();
    assert!((rate - 99.456_521_739).abs() < 1e-6, "{rate}");
}

#[test]
fn an_outage_over_midnight_is_split_between_the_two_days() {
    let records = Records {
        incidents: vec![incident(
            "detected_at: 2027-02-01 19:00\noutages:\n  - {from: 2027-02-01 19:00, to: 2027-02-02 09:00}\n",
        )],
        ..Records::default()
    };
    // 60 minutes on 02-01 (19:00–20:00) and 60 on 02-02 (8:00–9:00).
    let r = online_availability(2027, 2, &calendar(), &records.sla_facts());
    // February 2027: 28 days − 4 Sundays − 建国記念の日 (11) − 天皇誕生日 (23) = 22 days.
    assert_eq!(
        r,
        Ratio {
            numerator: 22 * 720 - 120,
            denominator: 22 * 720
        }
    );
}

#[test]
fn batch_execution_counts_one_nightly_batch_per_online_day() {
    let records = Records {
        incidents: vec![
            incident("detected_at: 2027-02-03 23:00\nbatches_not_run: [2027-02-03]\n"),
            // The same day again, and a Sunday with no batch planned: neither counts.
            incident("detected_at: 2027-02-04 01:00\nbatches_not_run: [2027-02-03, 2027-02-07]\n"),
        ],
        ..Records::default()
    };
    let r = batch_execution(2027, 2, &calendar(), &records.sla_facts());
    assert_eq!(
        r,
        Ratio {
            numerator: 21,
            denominator: 22
        }
    );
}

#[test]
fn inquiry_resolution_counts_provider_inquiries_due_in_the_month() {
    let records = Records {
        inquiries: vec![
            // Due in January, resolved on the due day: on time.
            inquiry(
                "received_at: 2027-01-05 09:00\nchannel: chatbot\ndeadline: 2027-01-07\nresolved_at: 2027-01-07 17:00\nstatus: resolved\n",
            ),
            // Due at a moment and resolved a minute late.
            inquiry(
                "received_at: 2027-01-12 10:00\nchannel: contact_center\ndeadline: 2027-01-14 12:00\nresolved_at: 2027-01-14 12:01\nstatus: resolved\n",
            ),
            // Still open past its deadline: late.
            inquiry(
                "received_at: 2027-01-20 10:00\nchannel: contact_center\ndeadline: 2027-01-22\nstatus: open\n",
            ),
            // Not the provider's channel: not counted.
            inquiry(
                "received_at: 2027-01-20 10:00\nchannel: support_site\ndeadline: 2027-01-22\nstatus: open\n",
            ),
            // Withdrawn, no deadline, or due in February: not counted in January.
            inquiry(
                "received_at: 2027-01-21 10:00\nchannel: chatbot\ndeadline: 2027-01-25\nstatus: withdrawn\n",
            ),
            inquiry("received_at: 2027-01-21 10:00\nchannel: chatbot\nstatus: open\n"),
            inquiry(
                "received_at: 2027-01-29 10:00\nchannel: chatbot\ndeadline: 2027-02-02\nresolved_at: 2027-02-01 10:00\nstatus: resolved\n",
            ),
        ],
        ..Records::default()
    };
    assert_eq!(
        inquiry_resolution(2027, 1, &records.sla_facts()),
        Ratio {
            numerator: 1,
            denominator: 3
        }
    );
    assert_eq!(
        inquiry_resolution(2027, 2, &records.sla_facts()),
        Ratio {
            numerator: 1,
            denominator: 1
        }
    );
}

#[test]
fn incident_notification_is_on_time_up_to_the_prescribed_minutes() {
    let records = Records {
        incidents: vec![
            incident("detected_at: 2027-01-12 10:00\nnotified_at: 2027-01-12 10:30\n"),
            incident("detected_at: 2027-01-13 10:00\nnotified_at: 2027-01-13 10:31\n"),
            // Never notified: late.
            incident("detected_at: 2027-01-14 10:00\n"),
            // Detected in February: not January's.
            incident("detected_at: 2027-02-01 10:00\nnotified_at: 2027-02-01 10:05\n"),
        ],
        ..Records::default()
    };
    // Detected by the ward's own network team: not the provider's to notify.
    let mut other = incident("detected_at: 2027-01-15 09:00\n");
    other.detected_by = "joho-seisaku".to_string();
    let mut records = records;
    records.incidents.push(other);
    let settings = |minutes| SlaSettings {
        notification_minutes: minutes,
        ..SlaSettings::default()
    };
    assert_eq!(
        incident_notification(2027, 1, &records.sla_facts(), &settings(30)),
        Ratio {
            numerator: 1,
            denominator: 3
        }
    );
    assert_eq!(
        incident_notification(2027, 1, &records.sla_facts(), &settings(31)),
        Ratio {
            numerator: 2,
            denominator: 3
        }
    );
}

#[test]
fn an_empty_month_divides_by_nothing_and_gives_no_rate() {
    let cal = calendar();
    let none = Records::default();
    // December 2026 is before service-in: nothing is planned at all.
    let e = none.evaluate_sla(2026, 12, &cal, &SlaSettings::default());
    for row in &e.rows {
        assert_eq!(row.own, Ratio::default(), "{}", row.label);
        assert_eq!(row.own_rate, None);
        assert!(!row.flagged);
    }
    assert_eq!(format_rate(e.rows[0].own_rate), "—");
    // A month in service with no inquiries and no incidents: the two counts are
    // empty, while the calendar still plans online time and batches.
    let e = none.evaluate_sla(2027, 2, &cal, &SlaSettings::default());
    assert_eq!(e.row(Measure::OnlineAvailability).own_rate, Some(100.0));
    assert_eq!(e.row(Measure::BatchExecution).own_rate, Some(100.0));
    assert_eq!(e.row(Measure::InquiryResolution).own_rate, None);
    assert_eq!(e.row(Measure::IncidentNotification).own_rate, None);
}

#[test]
fn reported_figures_beyond_the_tolerance_are_flagged() {
    let report = ServiceReport {
        id: "2027-01".into(),
        year: 2027,
        month: 1,
        received_on: None,
        targets: Figures {
            online_availability: Some(99.5),
            ..Figures::default()
        },
        reported: Figures {
            online_availability: Some(99.60),
            batch_execution: Some(99.95),
            inquiry_resolution: Some(100.0),
            incident_notification: None,
        },
        remarks: None,
        source: Default::default(),
    };
    let records = Records {
        incidents: vec![incident(
            "detected_at: 2027-01-12 10:00\noutages:\n  - {from: 2027-01-12 10:00, to: 2027-01-12 11:30}\n",
        )],
        sla: vec![report],
        ..Records::default()
    };
    let e = records.evaluate_sla(2027, 1, &calendar(), &SlaSettings::default());
    let online = e.row(Measure::OnlineAvailability);
    // Ours: (16,560 − 90) / 16,560 = 99.4565 %; reported 99.60: 0.14 points apart.
    assert!((online.difference.unwrap() - 0.143_478).abs() < 1e-5);
    assert!(online.flagged);
    assert_eq!(online.meets_target, Some(false));
    // Batches: ours 100 %, reported 99.95: 0.05 apart, within 0.1.
    assert!(!e.row(Measure::BatchExecution).flagged);
    // Inquiries: reported 100 but nothing was due: nothing to compare.
    let inq = e.row(Measure::InquiryResolution);
    assert_eq!(
        (inq.own_rate, inq.difference, inq.flagged),
        (None, None, false)
    );
    assert_eq!(e.flagged(), 1);
    // A wider tolerance accepts the same difference.
    let wide = SlaSettings {
        tolerance: 0.15,
        ..SlaSettings::default()
    };
    assert_eq!(
        records.evaluate_sla(2027, 1, &calendar(), &wide).flagged(),
        0
    );
}
