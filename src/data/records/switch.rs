//! The fiscal-year switch (§4.10③ 年度切替時の一括登録代行依頼): from this year's
//! and next year's rosters, the accounts to add, change and delete, in the order
//! the bulk-registration list is written.

use serde::Serialize;

use super::{Operation, Records, Roster, RosterEntry};
use crate::data::Data;

/// One line of the bulk-registration list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SwitchLine<'a> {
    pub operation: Operation,
    pub person: &'a str,
    /// The line in this year's roster (absent for an addition).
    pub before: Option<&'a RosterEntry>,
    /// The line in next year's roster (absent for a deletion).
    pub after: Option<&'a RosterEntry>,
    /// What changed, as the ledger's column names (組織, 役割, 権限, ユーザーID).
    pub changed: Vec<&'static str>,
}

impl SwitchLine<'_> {
    /// The entry the line registers, or, for a deletion, the one it deletes.
    pub fn entry(&self) -> &RosterEntry {
        // Every line has at least one side.
        self.after
            .or(self.before)
            .expect("a switch line has an entry")
    }
}

/// Additions, then changes, then deletions, each by user ID. People are matched
/// by their staff id: someone in both rosters whose organisation, role,
/// permissions or user ID differ is a change; identical lines are left out.
pub fn diff<'a>(current: &'a [RosterEntry], next: &'a [RosterEntry]) -> Vec<SwitchLine<'a>> {
    let mut lines = Vec::new();
    for after in next {
        match current.iter().find(|c| c.person == after.person) {
            None => lines.push(SwitchLine {
                operation: Operation::Register,
                person: &after.person,
                before: None,
                after: Some(after),
                changed: Vec::new(),
            }),
            Some(before) => {
                let changed = changed_fields(before, after);
                if !changed.is_empty() {
                    lines.push(SwitchLine {
                        operation: Operation::Update,
                        person: &after.person,
                        before: Some(before),
                        after: Some(after),
                        changed,
                    });
                }
            }
        }
    }
    for before in current {
        if !next.iter().any(|n| n.person == before.person) {
            lines.push(SwitchLine {
                operation: Operation::Delete,
                person: &before.person,
                before: Some(before),
                after: None,
                changed: Vec::new(),
            });
        }
    }
    lines.sort_by(|a, b| (a.operation, &a.entry().user_id).cmp(&(b.operation, &b.entry().user_id)));
    lines
}

fn changed_fields(before: &RosterEntry, after: &RosterEntry) -> Vec<&'static str> {
    let mut out = Vec::new();
    if before.user_id != after.user_id {
        out.push("ユーザーID");
    }
    if before.organisation != after.organisation {
        out.push("組織");
    }
    if before.role != after.role {
        out.push("役割");
    }
    let mut a = before.permissions.clone();
    let mut b = after.permissions.clone();
    a.sort();
    b.sort();
    if a != b {
        out.push("権限");
    }
    out
}

impl Records {
    /// The pairs of consecutive rosters (this year, next year): one fiscal-year
    /// switch each.
    pub fn roster_switches(&self) -> Vec<(&Roster, &Roster)> {
        super::roster::switches(&self.rosters)
    }
}

/// One line of the switch list as the site and the workbook show it.
#[derive(Debug, Clone, Serialize)]
pub struct SwitchRow {
    pub operation: &'static str,
    pub user_id: String,
    pub name: String,
    pub organisation: String,
    pub role: String,
    pub permissions: String,
    /// 変更前: the organisation, role and permissions before, for a change.
    pub before: String,
    pub changed: String,
}

/// The lines of one switch (this year's roster to next year's), as shown.
pub fn switch_rows(data: &Data, current: &Roster, next: &Roster) -> Vec<SwitchRow> {
    diff(&current.members, &next.members)
        .iter()
        .map(|l| {
            let e = l.entry();
            SwitchRow {
                operation: l.operation.label(),
                user_id: e.user_id.clone(),
                name: data.person_name(l.person),
                organisation: e.organisation.clone(),
                role: e.role.clone(),
                permissions: e.permissions.join("、"),
                before: match (l.before, l.after) {
                    (Some(b), Some(_)) => format!(
                        "{} / {} / {}",
                        b.organisation,
                        b.role,
                        b.permissions.join("、")
                    ),
                    _ => String::new(),
                },
                changed: l.changed.join("、"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(person: &str, id: &str, org: &str, perms: &[&str]) -> RosterEntry {
        RosterEntry {
            person: person.into(),
            user_id: id.into(),
            organisation: org.into(),
            role: "業務担当".into(),
            permissions: perms.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn the_switch_lists_additions_changes_and_deletions() {
        let current = vec![
            entry("a", "U1", "資格係", &["資格"]),
            entry("b", "U2", "資格係", &["資格"]),
            entry("c", "U3", "給付係", &["給付", "帳票"]),
            entry("d", "U4", "収納係", &["収納"]),
        ];
        let next = vec![
            entry("e", "U5", "収納係", &["収納"]),
            // Same permissions in another order: unchanged.
            entry("c", "U3", "給付係", &["帳票", "給付"]),
            entry("b", "U2", "給付係", &["給付"]),
            entry("a", "U1", "資格係", &["資格"]),
        ];
        let lines = diff(&current, &next);
        let summary: Vec<(Operation, &str, Vec<&str>)> = lines
            .iter()
            .map(|l| (l.operation, l.person, l.changed.clone()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (Operation::Register, "e", vec![]),
                (Operation::Update, "b", vec!["組織", "権限"]),
                (Operation::Delete, "d", vec![]),
            ]
        );
        assert_eq!(lines[2].entry().user_id, "U4");
    }

    #[test]
    fn identical_rosters_need_no_switch() {
        let r = vec![entry("a", "U1", "資格係", &["資格"])];
        assert!(diff(&r, &r).is_empty());
        assert!(diff(&[], &[]).is_empty());
    }
}
