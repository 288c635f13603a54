//! The records as the service-level arithmetic sees them: the facts
//! `domain::sla` counts, and one month's evaluation against the provider's report.

use super::{InquiryStatus, Records};
use crate::domain::OperatingCalendar;
use crate::domain::sla::{
    self, DeadlineFact, Evaluation, NotificationFact, Ratio, Reported, SlaFacts, SlaSettings,
};

impl Records {
    /// Every outage, missed batch, provider deadline and incident detection.
    pub fn sla_facts(&self) -> SlaFacts<'_> {
        SlaFacts {
            outages: self
                .incidents
                .iter()
                .flat_map(|i| i.outages.iter().map(|o| (o.from, o.to)))
                .collect(),
            batches_not_run: self
                .incidents
                .iter()
                .flat_map(|i| i.batches_not_run.iter().copied())
                .collect(),
            deadlines: self
                .inquiries
                .iter()
                .filter(|i| i.channel.is_provider() && i.status != InquiryStatus::Withdrawn)
                .filter_map(|i| {
                    i.deadline.map(|deadline| DeadlineFact {
                        deadline,
                        resolved_at: i.resolved_at,
                    })
                })
                .collect(),
            incidents: self
                .incidents
                .iter()
                .map(|i| NotificationFact {
                    detected_by: &i.detected_by,
                    detected_at: i.detected_at,
                    notification_minutes: i.notification_minutes(),
                })
                .collect(),
        }
    }

    /// One calendar month against the provider's report for it, if any.
    pub fn evaluate_sla(
        &self,
        year: i32,
        month: u32,
        calendar: &OperatingCalendar,
        settings: &SlaSettings,
    ) -> Evaluation {
        let report = self.service_report(year, month).map(|r| Reported {
            targets: &r.targets,
            reported: &r.reported,
        });
        sla::evaluate(year, month, calendar, &self.sla_facts(), report, settings)
    }

    /// バッチ実行率 of one month.
    pub fn batch_execution(&self, year: i32, month: u32, calendar: &OperatingCalendar) -> Ratio {
        sla::batch_execution(year, month, calendar, &self.sla_facts())
    }

    /// Each planned online day of the month with the minutes incidents took.
    pub fn online_days(
        &self,
        year: i32,
        month: u32,
        calendar: &OperatingCalendar,
    ) -> Vec<sla::OnlineDay> {
        sla::online_days(year, month, calendar, &self.sla_facts())
    }
}

#[cfg(test)]
#[path = "sla_tests.rs"]
mod tests;
