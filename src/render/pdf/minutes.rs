//! ⑦ 会議資料・議事録 (§4.11②③, §5⑦): one PDF of minutes per meeting record, and
//! one listing every meeting with its materials. The minutes show the meeting as
//! recorded that day: action items with the status given at the meeting, and the
//! word this meeting gave on earlier items.

use serde_json::{Value, json};

use super::PdfDocument;
use super::table::{Table, or_dash};
use crate::data::records::{Meeting, MeetingKind};
use crate::domain::{wareki, weekday};
use crate::project::Project;

/// Folder below `pdf/` for the minutes.
pub const DIR: &str = "minutes";
/// The list of meetings and materials, below `pdf/` (beside the folder, so no
/// meeting id can take its name).
pub const LIST: &str = "meetings.pdf";
const TEMPLATE: &str = "minutes.typ";
const LIST_TEMPLATE: &str = "meetings.typ";

/// `minutes/MTG-2027-01-27-teirei.pdf`.
pub fn file_name(id: &str) -> String {
    format!("{DIR}/{id}.pdf")
}

pub(super) fn documents(project: &Project) -> Vec<PdfDocument> {
    let meetings = &project.data.records.meetings;
    let mut docs: Vec<PdfDocument> = meetings.iter().map(|m| minutes(project, m)).collect();
    if let Some(last) = meetings.iter().map(|m| m.date).max() {
        docs.push(PdfDocument::from_data(
            LIST,
            LIST_TEMPLATE,
            list(project),
            meetings_dir(),
            last,
        ));
    }
    docs
}

fn meetings_dir() -> std::path::PathBuf {
    std::path::Path::new(crate::data::DATA_DIR)
        .join(crate::data::records::RECORDS_DIR)
        .join(crate::data::records::Kind::Meetings.dir())
}

fn person(project: &Project, id: &str) -> String {
    project.data.person_name(id)
}

/// 令和9年1月27日（水）.
fn long_date(date: chrono::NaiveDate) -> String {
    format!(
        "{}（{}）",
        wareki::format_date(date),
        weekday::short_name(chrono::Datelike::weekday(&date))
    )
}

/// §4.11: what each kind of meeting is for, and that both are held online.
fn purpose(kind: MeetingKind) -> Option<&'static str> {
    match kind {
        MeetingKind::Teireikai => Some(
            "クラウドサービスの実績報告、今後のイベント等予定確認、各種調整等（オンライン、隔月）",
        ),
        MeetingKind::Gyomu => Some(
            "インシデント案件の調査結果・対策・対応結果の確認、業務システム改修の確認・対応方針協議、各種レビュー、本番リリース判定、今後のイベント等予定確認、各種調整等（オンライン、隔月・随時）",
        ),
        MeetingKind::Other => None,
    }
}

/// The attendees grouped by organisation: 所属, then each person with the role
/// data/staff.yaml gives (the name is masked in the redacted edition).
fn attendees(project: &Project, m: &Meeting) -> Table {
    let data = &project.data;
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for id in &m.attendees {
        let (org, who) = match data.staff.iter().find(|s| &s.id == id) {
            Some(s) => (
                data.actor(&s.actor)
                    .map_or_else(|| s.actor.clone(), |a| a.name.clone()),
                format!("{}（{}）", s.name, s.role),
            ),
            None => (
                data.actor(id)
                    .map_or_else(|| id.clone(), |a| a.name.clone()),
                "出席".to_string(),
            ),
        };
        match groups.iter_mut().find(|(o, _)| *o == org) {
            Some((_, people)) => people.push(who),
            None => groups.push((org, vec![who])),
        }
    }
    let mut table = Table::new(&[("所属", 1), ("出席者", 2)]);
    for (org, people) in groups {
        table.push(vec![org, people.join("\n")]);
    }
    table
}

fn minutes(project: &Project, m: &Meeting) -> PdfDocument {
    let config = &project.config;
    let mut actions = Table::new(&[
        ("ID", 0),
        ("内容", 3),
        ("担当", 1),
        ("期限", 0),
        ("状態", 0),
    ]);
    for a in &m.action_items {
        let mut status = a.status.label().to_string();
        if let Some(done) = a.done_on {
            status.push_str(&format!("\n{}", wareki::format_short(done)));
        }
        actions.push(vec![
            a.id.clone(),
            a.item.clone(),
            person(project, &a.owner),
            wareki::format_date(a.due),
            status,
        ]);
    }
    let tracked = project.data.records.actions();
    let mut followups = Table::new(&[("ID", 0), ("内容", 3), ("この会議での状態", 0), ("メモ", 2)]);
    for f in &m.followups {
        let item = tracked.iter().find(|a| a.id == f.id);
        let mut status = f.status.label().to_string();
        if let Some(done) = f.done_on {
            status.push_str(&format!("\n{}", wareki::format_short(done)));
        }
        if let Some(due) = f.due {
            status.push_str(&format!("\n新しい期限 {}", wareki::format_short(due)));
        }
        followups.push(vec![
            f.id.clone(),
            item.map_or(String::new(), |a| a.item.clone()),
            status,
            or_dash(f.note.clone()),
        ]);
    }
    let time = match (m.start, m.end) {
        (Some(s), Some(e)) => Some(format!("{s}〜{e}")),
        (Some(s), None) => Some(format!("{s}〜")),
        _ => None,
    };
    let data = json!({
        "kind": "議事録",
        "id": m.id,
        "title": m.display_title(),
        "meeting": m.kind.label(),
        "date": long_date(m.date),
        "time": time,
        "purpose": purpose(m.kind),
        "language": config.site.language,
        "organisation": config.organisation.name,
        "client": config.organisation.client,
        "contract_title": config.organisation.contract_title,
        "author": super::contractor_name(project),
        "attendees": attendees(project, m).to_value(),
        "agenda": m.agenda,
        "materials": m.materials,
        "decisions": m.decisions,
        "actions": actions.to_value(),
        "followups": followups.to_value(),
        "reviewed": m.minutes_reviewed_on.map(wareki::format_date),
        "remarks": m.remarks,
    });
    PdfDocument::from_data(
        file_name(&m.id),
        TEMPLATE,
        data,
        if m.source.path.as_os_str().is_empty() {
            meetings_dir()
        } else {
            m.source.path.clone()
        },
        m.date,
    )
}

/// 会議資料・議事録 一覧: each meeting with its agenda, materials and minutes file.
fn list(project: &Project) -> Value {
    let config = &project.config;
    let records = &project.data.records;
    let mut meetings = Table::new(&[
        ("開催日", 0),
        ("会議", 0),
        ("議題", 3),
        ("資料", 3),
        ("議事録", 2),
    ]);
    let mut count = 0;
    for m in &records.meetings {
        count += m.materials.len();
        let mut minutes = file_name(&m.id);
        minutes.push_str(&match m.minutes_reviewed_on {
            Some(d) => format!("\nレビュー済み {}", wareki::format_short(d)),
            None => "\nレビュー未了".to_string(),
        });
        meetings.push(vec![
            wareki::format_short(m.date),
            m.kind.label().into(),
            m.agenda.join("\n"),
            or_dash(Some(m.materials.join("\n"))),
            minutes,
        ]);
    }
    let last = records.meetings.iter().map(|m| m.date).max();
    json!({
        "kind": "会議資料・議事録 一覧",
        "title": "会議資料・議事録 一覧",
        "date": last.map(wareki::format_date),
        "summary": format!("会議 {}回、資料 {count}件。", records.meetings.len()),
        "language": config.site.language,
        "organisation": config.organisation.name,
        "client": config.organisation.client,
        "contract_title": config.organisation.contract_title,
        "author": super::contractor_name(project),
        "meetings": meetings.to_value(),
    })
}
