//! Role views (what one actor does, by rhythm), the RACI matrix (tasks × actors)
//! and the handover checklist (引継ぎチェックリスト), all from data/actors.yaml,
//! data/roles.yaml and the pages each actor owns.

use std::collections::BTreeSet;

use serde::Serialize;
use serde_json::{Value, json};

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

#[derive(Serialize)]
struct TaskRow<'a> {
    id: &'a str,
    name: &'a str,
    area: &'a str,
    area_title: &'a str,
    letters: &'a str,
    /// The other actors of the task with their letters: "富士通Japan C".
    others: Vec<String>,
}

/// Letters meaning the actor carries the task out or answers for it.
fn is_responsible(letters: &str) -> bool {
    letters.contains('R') || letters.contains('A')
}

fn area_title<'a>(input: &'a ViewInput<'_>, id: &str) -> &'a str {
    input
        .data
        .areas
        .iter()
        .find(|a| a.id == id)
        .map_or("", |a| a.title.as_str())
}

fn short_name<'a>(input: &'a ViewInput<'_>, id: &'a str) -> &'a str {
    input.data.actor(id).map_or(id, |a| a.short.as_str())
}

fn task_row<'a>(input: &'a ViewInput<'_>, task: &'a Task, actor: &str) -> TaskRow<'a> {
    TaskRow {
        id: &task.id,
        name: &task.name,
        area: &task.area,
        area_title: area_title(input, &task.area),
        letters: task.raci.get(actor).map_or("", String::as_str),
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
fn tasks_by_rhythm(input: &ViewInput<'_>, actor: &str) -> Vec<Value> {
    RHYTHMS
        .iter()
        .filter_map(|(rhythm, key, label)| {
            let tasks: Vec<TaskRow<'_>> = input
                .data
                .roles
                .iter()
                .filter(|t| t.rhythm == *rhythm)
                .filter(|t| t.raci.get(actor).is_some_and(|l| is_responsible(l)))
                .map(|t| task_row(input, t, actor))
                .collect();
            (!tasks.is_empty()).then(|| json!({"key": key, "label": label, "tasks": tasks}))
        })
        .collect()
}

/// Tasks where the actor is only consulted or informed.
fn involved_tasks<'a>(input: &'a ViewInput<'_>, actor: &str) -> Vec<TaskRow<'a>> {
    input
        .data
        .roles
        .iter()
        .filter(|t| t.raci.get(actor).is_some_and(|l| !is_responsible(l)))
        .map(|t| task_row(input, t, actor))
        .collect()
}

fn duties(actor: &Actor) -> Vec<Value> {
    let d = &actor.duties;
    [
        ("daily", "毎日（日次）", &d.daily),
        ("monthly", "毎月（月次）", &d.monthly),
        ("yearly", "毎年（年次）", &d.yearly),
        ("on_event", "随時（事象の発生時）", &d.on_event),
    ]
    .into_iter()
    .filter(|(_, _, items)| !items.is_empty())
    .map(|(key, label, items)| json!({"key": key, "label": label, "items": items}))
    .collect()
}

/// The Markdown pages an actor owns, in reading order.
fn owned_pages(input: &ViewInput<'_>, actor: &str, from: &str) -> Vec<Value> {
    input
        .content
        .reading_order
        .iter()
        .map(|&i| &input.content.pages[i])
        .filter(|p| p.meta.owner == actor)
        .map(|p| {
            json!({
                "title": p.meta.title,
                "url": relative_url(from, &p.url),
                "area": p.meta.area,
                "area_title": area_title(input, &p.meta.area),
                "summary": p.meta.summary,
                "reviewed": p.meta.reviewed.to_string(),
                "overdue": super::freshness::days_overdue(p, input.today).is_some(),
            })
        })
        .collect()
}

fn contacts_of(input: &ViewInput<'_>, actors: &BTreeSet<&str>) -> Vec<Value> {
    input
        .data
        .contacts
        .iter()
        .filter(|c| actors.contains(c.actor.as_str()))
        .map(|c| {
            json!({
                "name": c.name,
                "actor": short_name(input, &c.actor),
                "channel": c.channel.label(),
                "address": c.address,
                "hours": super::contact_now::hours_label(&c.hours),
            })
        })
        .collect()
}

pub fn role(input: &ViewInput<'_>, actor: &Actor, url: &str) -> Value {
    let own: BTreeSet<&str> = [actor.id.as_str()].into();
    json!({
        "actor": actor,
        "duties": duties(actor),
        "tasks": tasks_by_rhythm(input, &actor.id),
        "involved": involved_tasks(input, &actor.id),
        "contacts": contacts_of(input, &own),
        "pages": owned_pages(input, &actor.id, url),
        "handover_url": relative_url(url, &handover_url(&actor.id)),
        "raci_url": relative_url(url, super::RACI_URL),
    })
}

pub fn raci(input: &ViewInput<'_>, url: &str) -> Value {
    let actors: Vec<Value> = input
        .data
        .actors
        .iter()
        .map(|a| json!({"id": a.id, "short": a.short, "name": a.name, "url": relative_url(url, &role_url(&a.id))}))
        .collect();
    let mut areas: Vec<Value> = Vec::new();
    for area in &input.data.areas {
        let tasks: Vec<Value> = input
            .data
            .roles
            .iter()
            .filter(|t| t.area == area.id)
            .map(|t| {
                let cells: Vec<&str> = input
                    .data
                    .actors
                    .iter()
                    .map(|a| t.raci.get(&a.id).map_or("", String::as_str))
                    .collect();
                json!({"id": t.id, "name": t.name, "cells": cells})
            })
            .collect();
        if !tasks.is_empty() {
            areas.push(json!({"id": area.id, "title": area.title, "tasks": tasks}));
        }
    }
    json!({"actors": actors, "areas": areas, "task_count": input.data.roles.len()})
}

pub fn index(input: &ViewInput<'_>, url: &str) -> Value {
    let actors: Vec<Value> = input
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
            json!({
                "name": a.name,
                "short": a.short,
                "role": a.role,
                "in_scope": a.in_scope,
                "responsible": responsible,
                "url": relative_url(url, &role_url(&a.id)),
                "handover_url": relative_url(url, &handover_url(&a.id)),
            })
        })
        .collect();
    json!({
        "actors": actors,
        "raci_url": relative_url(url, super::RACI_URL),
        "freshness_url": relative_url(url, super::FRESHNESS_URL),
    })
}

/// What someone taking over the actor's role must read and do: its pages, its
/// R/A tasks by rhythm, its recurring duties, the deliverables of its areas and
/// the contacts of everyone it works with.
pub fn handover(input: &ViewInput<'_>, actor: &Actor, url: &str) -> Value {
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
    let deliverables: Vec<Value> = input
        .data
        .deliverables
        .iter()
        .filter(|d| d.areas.iter().any(|a| areas.contains(a.as_str())))
        .map(|d| json!({"mark": d.mark, "name": d.name, "submission": d.submission, "frequency": d.frequency}))
        .collect();
    json!({
        "actor": actor,
        "pages": owned_pages(input, &actor.id, url),
        "tasks": tasks_by_rhythm(input, &actor.id),
        "duties": duties(actor),
        "deliverables": deliverables,
        "contacts": contacts_of(input, &partners),
        "role_url": relative_url(url, &role_url(&actor.id)),
        "raci_url": relative_url(url, super::RACI_URL),
    })
}
