//! `tebiki new` for the contractor's records and the yearly and monthly data:
//! an inquiry, an incident, a meeting, a month of SLA figures, a fiscal year's
//! schedule. Each gets the next free id (its file name), today's date and every
//! required key, with the allowed values listed in comments; free text is left
//! empty (`""`) for the person to write.

use std::path::Path;

use chrono::{Datelike, Months, NaiveDate};

use super::{Request, Scaffold, next_id};
use crate::config::Config;
use crate::data::DATA_DIR;
use crate::data::records::{
    IncidentStatus, InquiryCategory, InquiryChannel, InquiryStatus, Kind, MeetingKind, SLA_DIR,
    ServiceReport,
};
use crate::data::schedule::SCHEDULE_DIR;
use crate::error::Error;

const NO_RESIDENT_DATA: &str = "# 住民の情報（氏名・被保険者番号など）は書かない。";

pub fn inquiry(req: &Request<'_>) -> Result<Scaffold, Error> {
    let dir = record_dir(Kind::Inquiries);
    let id = next_id_in(req.root, &dir, &format!("INQ-{}-", req.today.year()), 4);
    let rel = format!("{dir}/{id}.yaml");
    let text = format!(
        "{modeline}# 問合せ・依頼の記録（{id}）。id はファイル名。\n{NO_RESIDENT_DATA}\n\
         received_at: {now}\n\
         # {channels}\n\
         channel: chatbot\n\
         # 問合せ・依頼をした人: data/staff.yaml か data/actors.yaml の id\n\
         from: {from}\n\
         # {categories}\n\
         category: question\n\
         summary: \"\"\n\
         # {statuses}\n\
         status: open\n",
        modeline = crate::schema::modeline(&rel, "inquiry.json"),
        now = stamp(req),
        channels = choices(InquiryChannel::ALL.iter().map(|c| (c.key(), c.label()))),
        from = contractor(req.root)?,
        categories = choices(InquiryCategory::ALL.iter().map(|c| (c.key(), c.label()))),
        statuses = choices(InquiryStatus::ALL.iter().map(|c| (c.key(), c.label()))),
    );
    Ok(Scaffold { rel, text })
}

pub fn incident(req: &Request<'_>) -> Result<Scaffold, Error> {
    let dir = record_dir(Kind::Incidents);
    let id = next_id_in(req.root, &dir, &format!("INC-{}-", req.today.year()), 4);
    let rel = format!("{dir}/{id}.yaml");
    let text = format!(
        "{modeline}# 障害対応の記録（{id}）。id はファイル名。\n{NO_RESIDENT_DATA}\n\
         title: \"\"\n\
         detected_at: {now}\n\
         # 検知した人または組織: data/staff.yaml か data/actors.yaml の id\n\
         detected_by: {by}\n\
         impact: \"\"\n\
         # {statuses}\n\
         status: open\n",
        modeline = crate::schema::modeline(&rel, "incident.json"),
        now = stamp(req),
        by = contractor(req.root)?,
        statuses = choices(IncidentStatus::ALL.iter().map(|c| (c.key(), c.label()))),
    );
    Ok(Scaffold { rel, text })
}

/// NAME is the kind of meeting (`teireikai` when not given).
pub fn meeting(req: &Request<'_>) -> Result<Scaffold, Error> {
    let kind_key = req.name.unwrap_or("teireikai");
    let kind = MeetingKind::ALL
        .iter()
        .find(|k| k.key() == kind_key)
        .ok_or_else(|| {
            Error::Environment(format!(
                "会議の種類 `{kind_key}` はありません（{}）",
                choices(MeetingKind::ALL.iter().map(|c| (c.key(), c.label())))
            ))
        })?;
    let dir = record_dir(Kind::Meetings);
    let rel = format!("{dir}/MTG-{}-{kind_key}.yaml", req.today);
    let text = format!(
        "{modeline}# {label}の記録。出席者は data/staff.yaml・data/actors.yaml の id で書く。\n\
         date: {today}\n\
         start: \"{start}\"\n\
         kind: {kind_key}\n\
         attendees: []\n\
         agenda: []\n\
         decisions: []\n\
         action_items: []\n",
        modeline = crate::schema::modeline(&rel, "meeting.json"),
        label = kind.label(),
        today = req.today,
        start = req.now.format("%H:%M"),
    );
    Ok(Scaffold { rel, text })
}

/// The month after the latest one on file (or last month, for the first file),
/// with the targets of the latest month copied: they change rarely.
pub fn sla_month(req: &Request<'_>) -> Result<Scaffold, Error> {
    let dir = format!("{DATA_DIR}/{SLA_DIR}");
    let months = file_stems(req.root, &dir);
    let latest = months
        .iter()
        .filter_map(|m| NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok())
        .max();
    let month = match latest {
        Some(m) => m + Months::new(1),
        None => first_of_month(req.today) - Months::new(1),
    };
    let targets = latest
        .and_then(|m| {
            let path = req
                .root
                .join(&dir)
                .join(format!("{}.yaml", m.format("%Y-%m")));
            let text = std::fs::read_to_string(path).ok()?;
            serde_yaml::from_str::<ServiceReport>(&text).ok()
        })
        .map(|r| r.targets);
    let figure = |value: Option<f64>| value.map_or_else(|| "null".to_string(), |v| v.to_string());
    let t = targets.unwrap_or_default();
    let rel = format!("{dir}/{}.yaml", month.format("%Y-%m"));
    let text = format!(
        "{modeline}# {year}年{m}月分のサービス実績報告書（富士通Japan(株)）の目標値と報告値。単位は %。\n\
         received_on: {today}\n\
         targets:\n  online_availability: {a}\n  batch_execution: {b}\n  inquiry_resolution: {c}\n  incident_notification: {d}\n\
         # 報告書の値を書く（まだ届いていない項目は null）\n\
         reported:\n  online_availability: null\n  batch_execution: null\n  inquiry_resolution: null\n  incident_notification: null\n",
        modeline = crate::schema::modeline(&rel, "sla-month.json"),
        year = month.year(),
        m = month.month(),
        today = req.today,
        a = figure(t.online_availability),
        b = figure(t.batch_execution),
        c = figure(t.inquiry_resolution),
        d = figure(t.incident_notification),
    );
    Ok(Scaffold { rel, text })
}

/// The fiscal year after the latest one on file (or this fiscal year, for the
/// first file). A fiscal year runs from April to March.
pub fn schedule_year(req: &Request<'_>) -> Result<Scaffold, Error> {
    let dir = format!("{DATA_DIR}/{SCHEDULE_DIR}");
    let latest = file_stems(req.root, &dir)
        .iter()
        .filter_map(|s| s.parse::<i32>().ok())
        .max();
    let this_year = if req.today.month() >= 4 {
        req.today.year()
    } else {
        req.today.year() - 1
    };
    let year = latest.map_or(this_year, |y| y + 1);
    let rel = format!("{dir}/{year}.yaml");
    let text = format!(
        "{modeline}# {year}年度（{year}年4月1日〜{next}年3月31日）のオンライン稼働の例外。\n\
         # 決まりどおりの日（8:00〜20:00、日曜日・祝休日・年末年始は休止）は書かない。\n\
         plan:\n\
         \x20 # 年次計画（稼働日）の仮確定日（YYYY-MM-DD）。決まったら書く。\n\
         \x20 annual_fixed: null\n\
         \x20 # 各月の稼働時間の決定日（YYYY-MM: YYYY-MM-DD）\n\
         \x20 monthly_fixed: {{}}\n\
         # 窓口延長などによる稼働時間の延長\n\
         extensions: []\n\
         # 停止・時間変更\n\
         changes: []\n",
        modeline = crate::schema::modeline(&rel, "schedule.json"),
        next = year + 1,
    );
    Ok(Scaffold { rel, text })
}

fn record_dir(kind: Kind) -> String {
    format!(
        "{DATA_DIR}/{}/{}",
        crate::data::records::RECORDS_DIR,
        kind.dir()
    )
}

/// `2027-01-05 09:30`: today at the time of the request.
fn stamp(req: &Request<'_>) -> String {
    format!("{} {}", req.today, req.now.format("%H:%M"))
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// `key（label） / …` for a comment listing the allowed values.
fn choices(items: impl Iterator<Item = (String, &'static str)>) -> String {
    items
        .map(|(key, label)| format!("{key}（{label}）"))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn contractor(root: &Path) -> Result<String, Error> {
    let config = Config::load(root).map_err(Error::Problems)?;
    Ok(config.organisation.contractor_actor)
}

/// File names without `.yaml` in `dir` (below the root); none when it is missing.
fn file_stems(root: &Path, dir: &str) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_suffix(".yaml")
                .map(str::to_string)
        })
        .collect()
}

fn next_id_in(root: &Path, dir: &str, prefix: &str, width: usize) -> String {
    let stems = file_stems(root, dir);
    next_id(stems.iter().map(String::as_str), prefix, width)
}
