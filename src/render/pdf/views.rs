//! The data a page shows through its site template (glossary, deliverables,
//! contacts), as plain tables of strings for the PDF's `data-table` function.
//! Staff names and phone numbers are personal data and stay out of the PDF.

use serde_json::{Value, json};

use crate::content::Page;
use crate::data::Contact;
use crate::data::time::HoursEnd;
use crate::project::Project;

/// `(key in data.tables, heading, table)` for each table the page shows.
pub(super) fn tables_for(
    project: &Project,
    page: &Page,
) -> Vec<(&'static str, &'static str, Value)> {
    match page.meta.template.as_deref() {
        Some("glossary.html") => vec![("glossary", "用語", glossary(project))],
        Some("deliverables.html") => vec![("deliverables", "成果物一覧", deliverables(project))],
        Some("contacts.html") => vec![
            ("contacts", "連絡窓口", contacts(project)),
            ("actors", "関係者と役割", actors(project)),
        ],
        Some("structure.html") => vec![("structure", "報告・連絡体制（9-②）", structure(project))],
        _ => Vec::new(),
    }
}

/// §9② by role: who reports to whom, the lead (§9①) first. Roles, not names:
/// names are personal data and stay out of the PDF.
fn structure(project: &Project) -> Value {
    let data = &project.data;
    let role_of = |id: &str| {
        data.staff
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.role.clone())
            .or_else(|| data.actor(id).map(|a| a.name.clone()))
            .unwrap_or_else(|| id.to_string())
    };
    let mut staff: Vec<_> = data
        .staff
        .iter()
        .filter(|s| s.lead || s.reports_to.is_some())
        .collect();
    staff.sort_by_key(|s| !s.lead);
    let rows = staff
        .iter()
        .map(|s| {
            let actor = data
                .actor(&s.actor)
                .map_or(s.actor.clone(), |a| a.name.clone());
            let role = if s.lead {
                format!("{}（窓口、9-①）", s.role)
            } else {
                s.role.clone()
            };
            vec![
                actor,
                role,
                s.reports_to.as_deref().map(role_of).unwrap_or_default(),
            ]
        })
        .collect();
    table(&["所属", "役割", "報告先"], &[1, 2, 2], rows)
}

/// `widths`: 0 is `auto`, n is `n fr`.
fn table(columns: &[&str], widths: &[u32], rows: Vec<Vec<String>>) -> Value {
    json!({ "columns": columns, "widths": widths, "rows": rows })
}

fn glossary(project: &Project) -> Value {
    let mut terms: Vec<_> = project.data.glossary.iter().collect();
    terms.sort_by(|a, b| a.reading.cmp(&b.reading));
    let rows = terms
        .iter()
        .map(|t| {
            let mut definition = t.definition.clone();
            if !t.see.is_empty() {
                definition.push_str(&format!("（関連: {}）", t.see.join("、")));
            }
            let term = match &t.english {
                Some(en) => format!("{}\n{en}", t.term),
                None => t.term.clone(),
            };
            vec![term, t.reading.clone(), definition]
        })
        .collect();
    table(&["用語", "読み", "説明"], &[0, 0, 1], rows)
}

fn deliverables(project: &Project) -> Value {
    let rows = project
        .data
        .deliverables
        .iter()
        .map(|d| {
            let name = if d.optional {
                format!("{}（任意）", d.name)
            } else {
                d.name.clone()
            };
            vec![
                d.mark.clone(),
                name,
                d.format.clone(),
                d.submission.clone(),
                d.frequency.clone(),
                d.description.clone(),
            ]
        })
        .collect();
    table(
        &["番号", "成果物", "形式", "提出方法", "頻度", "内容"],
        &[0, 2, 1, 1, 2, 4],
        rows,
    )
}

fn contacts(project: &Project) -> Value {
    let data = &project.data;
    let rows = data
        .contacts
        .iter()
        .map(|c| {
            let mut name = c.name.clone();
            if let Some(p) = c.emergency_priority {
                name.push_str(&format!("\n緊急時 優先順位{p}"));
            }
            let actor = data
                .actor(&c.actor)
                .map_or(c.actor.clone(), |a| a.short.clone());
            let mut address = c.address.clone().unwrap_or_else(|| "—".to_string());
            if let Some(notes) = &c.notes {
                address.push_str(&format!("\n{notes}"));
            }
            vec![
                name,
                actor,
                c.channel.label().to_string(),
                hours(c),
                address,
                c.purposes.join("\n"),
            ]
        })
        .collect();
    table(
        &["窓口", "相手", "手段", "受付時間", "連絡先", "用途"],
        &[2, 1, 1, 2, 3, 3],
        rows,
    )
}

fn hours(c: &Contact) -> String {
    let mut text = c.hours.days.label().to_string();
    if let Some(from) = c.hours.from {
        text.push_str(&format!(" {from}〜"));
    }
    match c.hours.to {
        Some(HoursEnd::At(t)) => text.push_str(&t.to_string()),
        Some(HoursEnd::OnlineEnd) => text.push_str("オンライン終了時刻まで"),
        None => {}
    }
    if let Some(after) = &c.after_hours {
        text.push_str(&format!("\n{after}"));
    }
    text
}

fn actors(project: &Project) -> Value {
    let rows = project
        .data
        .actors
        .iter()
        .map(|a| {
            let role = if a.in_scope {
                a.role.clone()
            } else {
                format!("{}（本業務の対象外）", a.role)
            };
            vec![a.name.clone(), role, a.description.clone()]
        })
        .collect();
    table(&["関係者", "役割", "説明"], &[2, 2, 5], rows)
}
