//! Role views (what one actor does, by rhythm), the RACI matrix (tasks × actors)
//! and the handover checklist (引継ぎチェックリスト), all from data/actors.yaml,
//! data/roles.yaml and the pages each actor owns.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{ViewInput, handover_url, role_url};
use crate::content::links::relative_url;
use crate::data::{Actor, Rhythm, Task};

/// The rhythms in the order a role page lists them; `None` is for tasks without one
/// (bimonthly meetings, §4.11).
const RHYTHMS: [(Option<Rhythm>, &str, &str); 5] = [
    (Some(Rhythm::Daily), "daily", "毎日（日次）"),
    (Some(Rhythm::Monthly), "monthly", "毎月（月次）"),
    (Some(Rhythm::Yearly), "yearly", "毎年（年次）"),
    (Some(Rhythm::OnEvent), "on_event", "随時（事象の発生時）"),
    (None, "other", "定期の会議など"),
];

#[derive(Debug, Clone, Serialize)]
pub struct TaskRow {
    id: String,
    name: String,
    area: String,
    area_title: String,
    letters: String,
    /// The other actors of the task with their letters: "富士通Japan C".
    others: Vec<String>,
}

/// Tasks (or duties) of one rhythm.
#[derive(Debug, Clone, Serialize)]
pub struct Rhythmic<T> {
    key: &'static str,
    label: &'static str,
    #[serde(rename = "tasks")]
    items: Vec<T>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Duties {
    key: &'static str,
    label: &'static str,
    items: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OwnedPage {
    title: String,
    url: String,
    area: String,
    area_title: String,
    summary: Option<String>,
    reviewed: String,
    overdue: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContactRow {
    name: String,
    actor: String,
    channel: &'static str,
    address: Option<String>,
    hours: String,
}

/// 役割: what one actor does.
#[derive(Debug, Clone, Serialize)]
pub struct Role {
    actor: Actor,
    duties: Vec<Duties>,
    tasks: Vec<Rhythmic<TaskRow>>,
    involved: Vec<TaskRow>,
    contacts: Vec<ContactRow>,
    pages: Vec<OwnedPage>,
    handover_url: String,
    raci_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RaciActor {
    id: String,
    short: String,
    name: String,
    url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RaciTask {
    id: String,
    name: String,
    cells: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RaciArea {
    id: String,
    title: String,
    tasks: Vec<RaciTask>,
}

/// 役割分担表: tasks × actors.
#[derive(Debug, Clone, Serialize)]
pub struct Raci {
    actors: Vec<RaciActor>,
    areas: Vec<RaciArea>,
    task_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndexActor {
    name: String,
    short: String,
    role: String,
    in_scope: bool,
    responsible: usize,
    url: String,
    handover_url: String,
}

/// 役割別ビュー: every actor.
#[derive(Debug, Clone, Serialize)]
pub struct Index {
    actors: Vec<IndexActor>,
    raci_url: String,
    freshness_url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeliverableRow {
    mark: String,
    name: String,
    submission: String,
    frequency: String,
}

/// 引継ぎチェックリスト of one actor.
#[derive(Debug, Clone, Serialize)]
pub struct Handover {
    actor: Actor,
    pages: Vec<OwnedPage>,
    tasks: Vec<Rhythmic<TaskRow>>,
    duties: Vec<Duties>,
    deliverables: Vec<DeliverableRow>,
    contacts: Vec<ContactRow>,
    role_url: String,
    raci_url: String,
}

/// Letters meaning the actor carries the task out or answers for it.
fn is_responsible(letters: &str) -> bool {
    letters.contains('R') || letters.contains('A')
}

fn area_title(input: &ViewInput<'_>, id: &str) -> String {
    input
        .data
        .areas
        .iter()
        .find(|a| a.id == id)
        .map_or(String::new(), |a| a.title.clone())
}

fn short_name(input: &ViewInput<'_>, id: &str) -> String {
    input
        .data
        .actor(id)
        .map_or_else(|| id.to_string(), |a| a.short.clone())
}

fn task_row(input: &ViewInput<'_>, task: &Task, actor: &str) -> TaskRow {
    TaskRow {
        id: task.id.clone(),
        name: task.name.clone(),
        area: task.area.clone(),
        area_title: area_title(input, &task.area),
        letters: task.raci.get(actor).cloned().unwrap_or_default(),
        // In the order of data/actors.yaml, as the RACI matrix shows them.
        others: input
            .data
            .actors
            .iter()
            .filter(|a| a.id != actor)
            .filter_map(|a| Some(format!("{} {}", a.short, task.raci.get(&a.id)?)))
            .collect(),
    }
}

/// The actor's R/A tasks grouped by rhythm; empty groups are left out.
fn tasks_by_rhythm(input: &ViewInput<'_>, actor: &str) -> Vec<Rhythmic<TaskRow>> {
    RHYTHMS
        .iter()
        .filter_map(|(rhythm, key, label)| {
            let tasks: Vec<TaskRow> = input
                .data
                .roles
                .iter()
                .filter(|t| t.rhythm == *rhythm)
                .filter(|t| t.raci.get(actor).is_some_and(|l| is_responsible(l)))
                .map(|t| task_row(input, t, actor))
                .collect();
            (!tasks.is_empty()).then_some(Rhythmic {
                key,
                label,
                items: tasks,
            })
        })
        .collect()
}

/// Tasks where the actor is only consulted or informed.
fn involved_tasks(input: &ViewInput<'_>, actor: &str) -> Vec<TaskRow> {
    input
        .data
        .roles
        .iter()
        .filter(|t| t.raci.get(actor).is_some_and(|l| !is_responsible(l)))
        .map(|t| task_row(input, t, actor))
        .collect()
}

fn duties(actor: &Actor) -> Vec<Duties> {
    let d = &actor.duties;
    [
        ("daily", "毎日（日次）", &d.daily),
        ("monthly", "毎月（月次）", &d.monthly),
        ("yearly", "毎年（年次）", &d.yearly),
        ("on_event", "随時（事象の発生時）", &d.on_event),
    ]
    .into_iter()
    .filter(|(_, _, items)| !items.is_empty())
    .map(|(key, label, items)| Duties {
        key,
        label,
        items: items.clone(),
    })
    .collect()
}

/// The Markdown pages an actor owns, in reading order.
fn owned_pages(input: &ViewInput<'_>, actor: &str, from: &str) -> Vec<OwnedPage> {
    input
        .content
        .reading_order
        .iter()
        .map(|&i| &input.content.pages[i])
        .filter(|p| p.meta.owner == actor)
        .map(|p| OwnedPage {
            title: p.meta.title.clone(),
            url: relative_url(from, &p.url),
            area: p.meta.area.clone(),
            area_title: area_title(input, &p.meta.area),
            summary: p.meta.summary.clone(),
            reviewed: p.meta.reviewed.to_string(),
            overdue: super::freshness::days_overdue(p, input.today).is_some(),
        })
        .collect()
}

fn contacts_of(input: &ViewInput<'_>, actors: &BTreeSet<&str>) -> Vec<ContactRow> {
    input
        .data
        .contacts
        .iter()
        .filter(|c| actors.contains(c.actor.as_str()))
        .map(|c| ContactRow {
            name: c.name.clone(),
            actor: short_name(input, &c.actor),
            channel: c.channel.label(),
            address: c.address.clone(),
            hours: super::contact_now::hours_label(&c.hours),
        })
        .collect()
}

pub fn role(input: &ViewInput<'_>, actor: &Actor, url: &str) -> Role {
    let own: BTreeSet<&str> = [actor.id.as_str()].into();
    Role {
        actor: actor.clone(),
        duties: duties(actor),
        tasks: tasks_by_rhythm(input, &actor.id),
        involved: involved_tasks(input, &actor.id),
        contacts: contacts_of(input, &own),
        pages: owned_pages(input, &actor.id, url),
        handover_url: relative_url(url, &handover_url(&actor.id)),
        raci_url: relative_url(url, super::RACI_URL),
    }
}

pub fn raci(input: &ViewInput<'_>, url: &str) -> Raci {
    let actors: Vec<RaciActor> = input
        .data
        .actors
        .iter()
        .map(|a| RaciActor {
            id: a.id.clone(),
            short: a.short.clone(),
            name: a.name.clone(),
            url: relative_url(url, &role_url(&a.id)),
        })
        .collect();
    let mut areas: Vec<RaciArea> = Vec::new();
    for area in &input.data.areas {
        let tasks: Vec<RaciTask> = input
            .data
            .roles
            .iter()
            .filter(|t| t.area == area.id)
            .map(|t| {
                let cells: Vec<String> = input
                    .data
                    .actors
                    .iter()
                    .map(|a| t.raci.get(&a.id).cloned().unwrap_or_default())
                    .collect();
                RaciTask {
                    id: t.id.clone(),
                    name: t.name.clone(),
                    cells,
                }
            })
            .collect();
        if !tasks.is_empty() {
            areas.push(RaciArea {
                id: area.id.clone(),
                title: area.title.clone(),
                tasks,
            });
        }
    }
    Raci {
        actors,
        areas,
        task_count: input.data.roles.len(),
    }
}

pub fn index(input: &ViewInput<'_>, url: &str) -> Index {
    let actors: Vec<IndexActor> = input
        .data
        .actors
        .iter()
        .map(|a| {
            let responsible = input
                .data
                .roles
                .iter()
                .filter(|t| t.raci.get(&a.id).is_some_and(|l| is_responsible(l)))
                .count();
            IndexActor {
                name: a.name.clone(),
                short: a.short.clone(),
                role: a.role.clone(),
                in_scope: a.in_scope,
                responsible,
                url: relative_url(url, &role_url(&a.id)),
                handover_url: relative_url(url, &handover_url(&a.id)),
            }
        })
        .collect();
    Index {
        actors,
        raci_url: relative_url(url, super::RACI_URL),
        freshness_url: relative_url(url, super::FRESHNESS_URL),
    }
}

/// What someone taking over the actor's role must read and do: its pages, its
/// R/A tasks by rhythm, its recurring duties, the deliverables of its areas and
/// the contacts of everyone it works with.
pub fn handover(input: &ViewInput<'_>, actor: &Actor, url: &str) -> Handover {
    let mut partners: BTreeSet<&str> = [actor.id.as_str()].into();
    let mut areas: BTreeSet<&str> = BTreeSet::new();
    for task in &input.data.roles {
        if let Some(letters) = task.raci.get(&actor.id) {
            partners.extend(task.raci.keys().map(String::as_str));
            if is_responsible(letters) {
                areas.insert(&task.area);
            }
        }
    }
    let deliverables: Vec<DeliverableRow> = input
        .data
        .deliverables
        .iter()
        .filter(|d| d.areas.iter().any(|a| areas.contains(a.as_str())))
        .map(|d| DeliverableRow {
            mark: d.mark.clone(),
            name: d.name.clone(),
            submission: d.submission.clone(),
            frequency: d.frequency.clone(),
        })
        .collect();
    Handover {
        actor: actor.clone(),
        pages: owned_pages(input, &actor.id, url),
        tasks: tasks_by_rhythm(input, &actor.id),
        duties: duties(actor),
        deliverables,
        contacts: contacts_of(input, &partners),
        role_url: relative_url(url, &role_url(&actor.id)),
        raci_url: relative_url(url, super::RACI_URL),
    }
}
