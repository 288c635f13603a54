//! The contractor's records (§4.5–4.11, §5 ③④⑤⑦): one YAML file per record below
//! `data/records/<kind>/`, plus the file server's folder structure
//! (`data/fileserver.yaml`) and the provider's monthly service-level figures
//! (`data/sla/<YYYY-MM>.yaml`). Loaded once into [`Records`], which the site, the
//! ledgers, the SLA evaluation and the monthly report all read.
//!
//! A record's id is its file name, so ids are restricted to safe names; a key
//! named like a password or a secret is refused before anything is parsed.

/// An enum written in snake_case in YAML, with the Japanese label shown to people.
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $label:expr),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* #[schemars(description = $label)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The key written in YAML (`contact_center`).
            pub fn key(self) -> String {
                serde_json::to_value(self)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default()
            }
        }
    };
}

pub mod accounts;
mod check;
pub mod fileserver;
mod load;
pub mod meetings;
pub mod secrets;
pub mod service;
mod sla;

pub mod support;
pub mod switch;
mod warnings;
pub mod work;

use chrono::{Datelike, NaiveDate};

pub use crate::domain::{Due, Stamp};
pub use accounts::{Account, AccountEvent, Operation, Roster, RosterEntry};
pub use check::check;
pub use fileserver::{FileServer, Folder, FolderClass};
pub use load::{
    FILESERVER_FILE, Kind, RECORDS_DIR, SLA_DIR, SOME_RECORD_UNLOADED, is_safe_id, load,
    unloaded_record,
};
pub use meetings::{ActionItem, ActionStatus, Meeting, MeetingKind, TrackedAction, track_actions};
pub use service::{Figures, ServiceReport};
pub use support::{
    Incident, IncidentStatus, Inquiry, InquiryCategory, InquiryChannel, InquiryStatus,
};
pub use switch::{SwitchLine, SwitchRow, diff, switch_rows};
pub use warnings::{ProjectContext, check_with_project};
pub use work::{
    DataTransfer, Direction, LogInvestigation, LogKind, MasterKind, MasterUpdate, Period, Route,
    UpdateMethod,
};

/// Every record of the project, each kind sorted by its date, then its id.
#[derive(Debug, Clone, Default)]
pub struct Records {
    pub inquiries: Vec<Inquiry>,
    pub incidents: Vec<Incident>,
    pub master_updates: Vec<MasterUpdate>,
    pub log_investigations: Vec<LogInvestigation>,
    pub accounts: Vec<Account>,
    pub rosters: Vec<Roster>,
    pub meetings: Vec<Meeting>,
    pub data_transfers: Vec<DataTransfer>,
    /// `data/fileserver.yaml`.
    pub fileserver: FileServer,
    /// `data/sla/`: the provider's service reports, oldest month first.
    pub sla: Vec<ServiceReport>,
}

/// The records that fall in one calendar month, for the monthly report (⑥) and
/// the SLA: each kind by its main date (received, detected, applied, held, …).
#[derive(Debug, Clone)]
pub struct MonthRecords<'a> {
    pub year: i32,
    pub month: u32,
    pub inquiries: Vec<&'a Inquiry>,
    pub incidents: Vec<&'a Incident>,
    pub master_updates: Vec<&'a MasterUpdate>,
    pub log_investigations: Vec<&'a LogInvestigation>,
    /// Every register/update/delete made in the month, with its account.
    pub account_events: Vec<(&'a Account, &'a AccountEvent)>,
    pub meetings: Vec<&'a Meeting>,
    pub data_transfers: Vec<&'a DataTransfer>,
    pub service_report: Option<&'a ServiceReport>,
}

fn in_month(date: NaiveDate, year: i32, month: u32) -> bool {
    date.year() == year && date.month() == month
}

impl Records {
    pub fn inquiry(&self, id: &str) -> Option<&Inquiry> {
        self.inquiries.iter().find(|r| r.id == id)
    }

    pub fn incident(&self, id: &str) -> Option<&Incident> {
        self.incidents.iter().find(|r| r.id == id)
    }

    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.meetings.iter().find(|r| r.id == id)
    }

    /// The roster of a fiscal year (by the calendar year it starts in).
    pub fn roster(&self, fiscal_year: i32) -> Option<&Roster> {
        self.rosters.iter().find(|r| r.fiscal_year == fiscal_year)
    }

    pub fn service_report(&self, year: i32, month: u32) -> Option<&ServiceReport> {
        self.sla.iter().find(|r| r.year == year && r.month == month)
    }

    /// Every action item with the later meetings' follow-ups applied.
    pub fn actions(&self) -> Vec<TrackedAction> {
        track_actions(&self.meetings)
    }

    /// The records of one calendar month.
    pub fn for_month(&self, year: i32, month: u32) -> MonthRecords<'_> {
        let m = |d: NaiveDate| in_month(d, year, month);
        MonthRecords {
            year,
            month,
            inquiries: self
                .inquiries
                .iter()
                .filter(|r| m(r.received_at.date()))
                .collect(),
            incidents: self
                .incidents
                .iter()
                .filter(|r| m(r.detected_at.date()))
                .collect(),
            master_updates: self.master_updates.iter().filter(|r| m(r.date)).collect(),
            log_investigations: self
                .log_investigations
                .iter()
                .filter(|r| m(r.requested_on))
                .collect(),
            account_events: self
                .accounts
                .iter()
                .flat_map(|a| a.history.iter().map(move |e| (a, e)))
                .filter(|(_, e)| m(e.date))
                .collect(),
            meetings: self.meetings.iter().filter(|r| m(r.date)).collect(),
            data_transfers: self
                .data_transfers
                .iter()
                .filter(|r| m(r.at.date()))
                .collect(),
            service_report: self.service_report(year, month),
        }
    }

    /// Every month that has a record or a service report, oldest first.
    pub fn months(&self) -> Vec<(i32, u32)> {
        let mut dates: Vec<NaiveDate> = Vec::new();
        dates.extend(self.inquiries.iter().map(|r| r.received_at.date()));
        dates.extend(self.incidents.iter().map(|r| r.detected_at.date()));
        dates.extend(self.master_updates.iter().map(|r| r.date));
        dates.extend(self.log_investigations.iter().map(|r| r.requested_on));
        dates.extend(self.meetings.iter().map(|r| r.date));
        dates.extend(self.data_transfers.iter().map(|r| r.at.date()));
        let mut months: Vec<(i32, u32)> = dates.iter().map(|d| (d.year(), d.month())).collect();
        months.extend(self.sla.iter().map(|r| (r.year, r.month)));
        months.sort_unstable();
        months.dedup();
        months
    }

    /// Open inquiries whose deadline has passed on `today`.
    pub fn overdue_inquiries(&self, today: NaiveDate) -> Vec<&Inquiry> {
        self.inquiries
            .iter()
            .filter(|r| r.is_overdue(today))
            .collect()
    }

    /// Incidents with no 完了報告 yet.
    pub fn incidents_without_completion_report(&self) -> Vec<&Incident> {
        self.incidents
            .iter()
            .filter(|r| r.completion_report.is_none())
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.inquiries.is_empty()
            && self.incidents.is_empty()
            && self.master_updates.is_empty()
            && self.log_investigations.is_empty()
            && self.accounts.is_empty()
            && self.rosters.is_empty()
            && self.meetings.is_empty()
            && self.data_transfers.is_empty()
            && self.sla.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inquiry(at: &str) -> Inquiry {
        serde_yaml::from_str(&format!(
            "received_at: {at}\nchannel: chatbot\nfrom: x\ncategory: question\nsummary: s\nstatus: open\n"
        ))
        .unwrap()
    }

    #[test]
    fn for_month_takes_each_record_by_its_own_date() {
        let meeting: Meeting =
            serde_yaml::from_str("date: 2027-02-01\nkind: gyomu\nattendees: []\nagenda: []\n")
                .unwrap();
        let records = Records {
            inquiries: vec![inquiry("2027-01-31 23:59"), inquiry("2027-02-01 00:00")],
            meetings: vec![meeting],
            ..Records::default()
        };
        let jan = records.for_month(2027, 1);
        assert_eq!(jan.inquiries.len(), 1);
        assert!(jan.meetings.is_empty());
        let feb = records.for_month(2027, 2);
        assert_eq!((feb.inquiries.len(), feb.meetings.len()), (1, 1));
        assert_eq!(records.months(), [(2027, 1), (2027, 2)]);
        assert!(records.for_month(2027, 3).inquiries.is_empty());
    }
}
