//! 業務バッチ実施のお知らせ (§4.2-①): one printable page per planned business
//! batch and a list with the coming ones first; and the backup log (§4.2-②).

use serde::Serialize;

use super::{
    BACKUPS_URL, Link, NOTICES_URL, PARENT, actor_name, day_label, notice_url, page, window_detail,
};
use crate::data::Channel;
use crate::data::batches::{Notice, RunValue, Window};
use crate::pages::{GeneratedPage, Inputs};

pub fn pages(inputs: &Inputs<'_>) -> Vec<GeneratedPage> {
    let mut pages = vec![page(
        NOTICES_URL,
        "業務バッチ実施のお知らせ一覧",
        PARENT,
        list(inputs),
    )];
    for n in &inputs.batches.notices {
        let view = notice(inputs, n);
        pages.push(page(
            &notice_url(&n.slug),
            &format!(
                "業務バッチ実施のお知らせ（{} {}）",
                view.date_short, view.job_name
            ),
            PARENT,
            view,
        ));
    }
    pages.push(page(
        BACKUPS_URL,
        "随時バックアップの記録",
        PARENT,
        backups(inputs),
    ));
    pages
}

#[derive(Debug, Clone, Serialize)]
struct NoticeRow {
    date: String,
    date_iso: String,
    job_id: String,
    job_name: String,
    kind_label: &'static str,
    section: String,
    window: &'static str,
    notice_date: String,
    url: String,
    /// The notice should be out by now but the batch is still to come.
    send_now: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    today: String,
    coming: Vec<NoticeRow>,
    past: Vec<NoticeRow>,
}

fn row(inputs: &Inputs<'_>, n: &Notice) -> NoticeRow {
    let batches = &inputs.data.batches;
    let job = batches.job(&n.job);
    NoticeRow {
        date: day_label(n.date),
        date_iso: n.date.to_string(),
        job_id: n.job.clone(),
        job_name: job.map_or_else(String::new, |j| j.name.clone()),
        kind_label: job.map_or("", |j| j.kind.label()),
        section: batches
            .section(&n.section)
            .map_or_else(|| n.section.clone(), |s| s.name.clone()),
        window: job.map_or("", |j| j.window.label()),
        notice_date: day_label(n.notice_date),
        url: format!("notices/{}.html", n.slug),
        send_now: n.notice_date <= inputs.today && n.date >= inputs.today,
    }
}

fn list(inputs: &Inputs<'_>) -> ListView {
    let (coming, past): (Vec<&Notice>, Vec<&Notice>) = inputs
        .batches
        .notices
        .iter()
        .partition(|n| n.date >= inputs.today);
    ListView {
        today: day_label(inputs.today),
        coming: coming.into_iter().map(|n| row(inputs, n)).collect(),
        // The most recent first.
        past: past.into_iter().rev().map(|n| row(inputs, n)).collect(),
    }
}

#[derive(Debug, Clone, Serialize)]
struct ContactView {
    name: String,
    address: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoticeView {
    date: String,
    date_short: String,
    notice_date: String,
    to: String,
    from: String,
    contractor: String,
    job_id: String,
    job_name: String,
    job_url: String,
    kind_label: &'static str,
    summary: String,
    description: Option<String>,
    section: String,
    when: String,
    start: Option<String>,
    after_counters: bool,
    online: Option<String>,
    extended: bool,
    values: Vec<RunValue>,
    requires: Vec<String>,
    after: Vec<Link>,
    followed_by: Vec<Link>,
    outputs: Vec<String>,
    staff_notes: Vec<String>,
    nightly: Vec<String>,
    note: Option<String>,
    contacts: Vec<ContactView>,
    illustrative: bool,
}

fn notice(inputs: &Inputs<'_>, n: &Notice) -> NoticeView {
    let batches = &inputs.data.batches;
    let job = batches.job(&n.job);
    let day = inputs.calendar.day(n.date);
    let org = &inputs.config.organisation;
    let section = batches
        .section(&n.section)
        .map_or_else(|| n.section.clone(), |s| s.name.clone());
    let links = |ids: &[String]| -> Vec<Link> {
        ids.iter()
            .map(|id| Link {
                title: batches
                    .job(id)
                    .map_or_else(|| id.clone(), |j| format!("{} {}", j.id, j.name)),
                url: format!("../jobs/{id}.html"),
            })
            .collect()
    };
    let nightly = inputs
        .batches
        .runs_on(n.date)
        .map(|r| {
            batches
                .job(&r.job)
                .map_or_else(|| r.job.clone(), |j| format!("{} {}", j.id, j.name))
        })
        .collect();
    let contacts = inputs
        .data
        .contacts
        .iter()
        .filter(|c| {
            c.actor == org.client_actor && matches!(c.channel, Channel::Phone | Channel::Email)
        })
        .filter_map(|c| {
            Some(ContactView {
                name: c.name.clone(),
                address: c.address.clone()?,
            })
        })
        .collect();
    let window = job.map_or(Window::OnlineHours, |j| j.window);
    NoticeView {
        date: day_label(n.date),
        date_short: crate::domain::wareki::format_short(n.date),
        notice_date: day_label(n.notice_date),
        to: format!("{}・関係各係 職員各位", section),
        from: org.client.clone(),
        contractor: actor_name(inputs, &org.contractor_actor),
        job_id: n.job.clone(),
        job_name: job.map_or_else(String::new, |j| j.name.clone()),
        job_url: format!("../jobs/{}.html", n.job),
        kind_label: job.map_or("", |j| j.kind.label()),
        summary: job.map_or_else(String::new, |j| j.summary.clone()),
        description: job.and_then(|j| j.description.clone()),
        section,
        when: window_detail(inputs, window),
        start: n.start.map(|t| t.to_string()),
        after_counters: window == Window::AfterCounters,
        online: day.online.map(|s| s.to_string()),
        extended: day.extension.is_some(),
        values: n.values.clone(),
        requires: job.map_or_else(Vec::new, |j| j.requires.clone()),
        after: job.map_or_else(Vec::new, |j| links(&j.after)),
        followed_by: job.map_or_else(Vec::new, |j| links(&j.followed_by)),
        outputs: job.map_or_else(Vec::new, |j| j.outputs.clone()),
        staff_notes: job.map_or_else(Vec::new, |j| j.staff_notes.clone()),
        nightly,
        note: n.note.clone(),
        contacts,
        illustrative: job.is_some_and(|j| j.illustrative),
    }
}

#[derive(Debug, Clone, Serialize)]
struct BackupRow {
    date: String,
    date_iso: String,
    what: String,
    job: Option<Link>,
    by: String,
    start: String,
    end: Option<String>,
    result: &'static str,
    result_label: &'static str,
    note: Option<String>,
    ticket: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct BackupsView {
    rows: Vec<BackupRow>,
    ok: usize,
    failed: usize,
}

fn backups(inputs: &Inputs<'_>) -> BackupsView {
    use crate::data::batches::BackupResult;
    let data = inputs.data;
    let mut list: Vec<_> = data.batches.backups.iter().collect();
    // Newest first: the log is read to see what happened lately.
    list.sort_by_key(|b| std::cmp::Reverse((b.date, b.start)));
    let rows = list
        .iter()
        .map(|b| BackupRow {
            date: day_label(b.date),
            date_iso: b.date.to_string(),
            what: b.what.clone(),
            job: b.job.as_ref().map(|id| Link {
                title: data
                    .batches
                    .job(id)
                    .map_or_else(|| id.clone(), |j| j.name.clone()),
                url: format!("jobs/{id}.html"),
            }),
            by: data
                .staff
                .iter()
                .find(|s| s.id == b.by)
                .map_or_else(|| b.by.clone(), |s| s.name.clone()),
            start: b.start.to_string(),
            end: b.end.map(|t| t.to_string()),
            result: match b.result {
                BackupResult::Ok => "ok",
                BackupResult::Failed => "failed",
                BackupResult::Cancelled => "cancelled",
            },
            result_label: b.result.label(),
            note: b.note.clone(),
            ticket: b.ticket.clone(),
        })
        .collect();
    BackupsView {
        ok: list.iter().filter(|b| b.result == BackupResult::Ok).count(),
        failed: list
            .iter()
            .filter(|b| b.result == BackupResult::Failed)
            .count(),
        rows,
    }
}
