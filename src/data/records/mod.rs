//! The contractor's records (§4.5–4.11, §5 ③④⑤⑦): one YAML file per record below
//! `data/records/<kind>/`, plus the file server's folder structure
//! (`data/fileserver.yaml`) and the provider's monthly service-level figures
//! (`data/sla/<YYYY-MM>.yaml`). Loaded once into [`Records`], which the site, the
//! ledgers, the SLA evaluation and the monthly report all read.
//!
//! Each kind is one type and its declaration (`kind.rs`): to add a kind, write
//! its module (the type, `impl RecordKind`), add one line to [`record_kinds!`]
//! below, and write its explanation page `content/<About::page>`.
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

            /// Every label, in order: a list's filter values.
            pub fn labels() -> Vec<String> {
                Self::ALL.iter().map(|v| v.label().to_string()).collect()
            }

            /// (key, label) of every value, for scaffold comments.
            pub fn choices() -> Vec<(String, &'static str)> {
                Self::ALL.iter().map(|v| (v.key(), v.label())).collect()
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

/// The accessors of `impl RecordKind` that every kind writes alike, from its
/// `id` and `source` fields.
macro_rules! id_and_source {
    () => {
        fn id(&self) -> &str {
            &self.id
        }

        fn source(&self) -> &crate::data::Source {
            &self.source
        }

        fn origin(&mut self) -> (&mut String, &mut crate::data::Source) {
            (&mut self.id, &mut self.source)
        }
    };
}

pub mod account;
mod check;
pub mod data_transfer;
pub mod fileserver;
pub mod incident;
pub mod inquiry;
pub mod kind;
mod load;
pub mod log_investigation;
pub mod master_update;
pub mod meeting;
pub mod roster;
pub mod secrets;
pub mod service;
mod sla;
pub mod switch;
pub mod value;
mod warnings;
pub mod work_log;
pub mod year;

use chrono::{Datelike, NaiveDate};

pub use crate::domain::{Due, Stamp};
pub use account::{Account, AccountEvent, Operation};
pub use check::check;
pub use data_transfer::{DataTransfer, Direction, Route};
pub use fileserver::{FileServer, Folder, FolderClass};
pub use incident::{Incident, IncidentAction, IncidentStatus, Outage};
pub use inquiry::{Inquiry, InquiryCategory, InquiryChannel, InquiryStatus};
pub use kind::{KindVisitor, RecordKind};
pub use load::{
    FILESERVER_FILE, RECORDS_DIR, SLA_DIR, SOME_RECORD_UNLOADED, any_unloaded, is_safe_id, load,
    unloaded_record,
};
pub use log_investigation::{LogInvestigation, LogKind, Period};
pub use master_update::{MasterKind, MasterUpdate, UpdateMethod};
pub use meeting::{ActionItem, ActionStatus, Meeting, MeetingKind, TrackedAction, track_actions};
pub use roster::{Roster, RosterEntry};
pub use service::{Figures, ServiceReport};
pub use switch::{SwitchLine, SwitchRow, diff, switch_rows};
pub use warnings::{ProjectContext, check_with_project};
pub use work_log::{WorkArea, WorkEntry, WorkLog, WorkPlace};

/// Declares the record kinds, in the order every output lists them: the
/// [`Kind`] enum, a field of [`Records`] per kind, and the visit of them all.
macro_rules! record_kinds {
    ($($variant:ident($field:ident): $t:ty),+ $(,)?) => {
        /// The record kinds, each a folder below `data/records/`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Kind { $($variant),+ }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$variant),+];

            pub fn about(self) -> &'static kind::About {
                match self { $(Kind::$variant => &<$t as RecordKind>::ABOUT),+ }
            }
        }

        /// Every record of the project, each kind in its own order (by date, then id).
        #[derive(Debug, Clone, Default)]
        pub struct Records {
            $(pub $field: Vec<$t>,)+
            /// `data/fileserver.yaml`.
            pub fileserver: FileServer,
            /// `data/sla/`: the provider's service reports, oldest month first.
            pub sla: Vec<ServiceReport>,
        }

        impl Records {
            /// Calls the visitor with every kind's records, in declaration order.
            pub fn visit(&self, v: &mut impl KindVisitor) {
                $(v.visit::<$t>(&self.$field);)+
            }

            /// The kind of the record with the id `id` (ids are file names,
            /// unique within a kind; the first kind that has it).
            pub fn kind_of(&self, id: &str) -> Option<Kind> {
                Kind::ALL.iter().copied().find(|k| self.has(*k, id))
            }

            /// Whether a record of `kind` has the id `id`.
            pub fn has(&self, kind: Kind, id: &str) -> bool {
                match kind {
                    $(Kind::$variant => self.$field.iter().any(|r| r.id() == id),)+
                }
            }

            fn load_kinds(root: &std::path::Path, diags: &mut crate::diagnostics::Diagnostics) -> Records {
                Records {
                    $($field: load::load_kind::<$t>(root, diags),)+
                    fileserver: load::load_fileserver(root, diags),
                    sla: load::load_service_reports(root, diags),
                }
            }
        }
    };
}

record_kinds! {
    Inquiries(inquiries): Inquiry,
    Incidents(incidents): Incident,
    MasterUpdates(master_updates): MasterUpdate,
    Accounts(accounts): Account,
    Rosters(rosters): Roster,
    LogInvestigations(log_investigations): LogInvestigation,
    Meetings(meetings): Meeting,
    DataTransfers(data_transfers): DataTransfer,
    WorkLogs(work_logs): WorkLog,
}

impl Kind {
    /// The folder name, also used in the site's URLs.
    pub fn dir(self) -> &'static str {
        self.about().dir
    }

    pub fn label(self) -> &'static str {
        self.about().name
    }
}

/// The records that fall in one calendar month, for the monthly report (⑥):
/// each kind by its main date (received, detected, applied, held, …).
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

fn of_month<R: RecordKind>(records: &[R], year: i32, month: u32) -> Vec<&R> {
    records
        .iter()
        .filter(|r| in_month(r.date(), year, month))
        .collect()
}

/// Every month a kind's records show work in.
struct Months(Vec<(i32, u32)>);

impl KindVisitor for Months {
    fn visit<R: RecordKind>(&mut self, records: &[R]) {
        for d in records.iter().flat_map(RecordKind::dates) {
            self.0.push((d.year(), d.month()));
        }
    }
}

impl Records {
    /// Reads every kind below `data/records/`, `data/fileserver.yaml` and `data/sla/`.
    pub fn load(root: &std::path::Path, diags: &mut crate::diagnostics::Diagnostics) -> Records {
        load::report_unknown_kinds(root, diags);
        Records::load_kinds(root, diags)
    }

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
        MonthRecords {
            year,
            month,
            inquiries: of_month(&self.inquiries, year, month),
            incidents: of_month(&self.incidents, year, month),
            master_updates: of_month(&self.master_updates, year, month),
            log_investigations: of_month(&self.log_investigations, year, month),
            account_events: self
                .accounts
                .iter()
                .flat_map(|a| a.history.iter().map(move |e| (a, e)))
                .filter(|(_, e)| in_month(e.date, year, month))
                .collect(),
            meetings: of_month(&self.meetings, year, month),
            data_transfers: of_month(&self.data_transfers, year, month),
            service_report: self.service_report(year, month),
        }
    }

    /// Every month that has a record or a service report, oldest first.
    pub fn months(&self) -> Vec<(i32, u32)> {
        let mut months = Months(Vec::new());
        self.visit(&mut months);
        let mut months = months.0;
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
        struct Empty(bool);
        impl KindVisitor for Empty {
            fn visit<R: RecordKind>(&mut self, records: &[R]) {
                self.0 &= records.is_empty();
            }
        }
        let mut empty = Empty(true);
        self.visit(&mut empty);
        empty.0 && self.sla.is_empty()
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
