//! `tebiki new` for the contractor's records and the yearly and monthly data:
//! a record of any kind (from its declaration), a month of SLA figures, a
//! fiscal year's schedule. Each gets the next free id (its file name), today's
//! date and every required key, with the allowed values listed in comments; free
//! text is left empty (`""`) for the person to write.

use std::path::Path;

use chrono::{Datelike, Months, NaiveDate};

use super::{Request, Scaffold, next_id};
use crate::config::Config;
use crate::data::DATA_DIR;
use crate::data::records::kind::{Field, IdRule, Scaffold as Written, Start};
use crate::data::records::{Kind, KindVisitor, RecordKind, Records, SLA_DIR, ServiceReport};
use crate::data::schedule::SCHEDULE_DIR;
use crate::error::Error;

const NO_RESIDENT_DATA: &str = "# 住民の情報（氏名・被保険者番号など）は書かない。";

/// A new record of `kind`: the next free id, and every field its declaration
/// requires, with its starting value and a comment saying what to write.
pub fn record(kind: Kind, req: &Request<'_>) -> Result<Scaffold, Error> {
    struct Plan<'r, 'a> {
        kind: Kind,
        req: &'r Request<'a>,
        out: Option<Result<Scaffold, Error>>,
    }
    impl KindVisitor for Plan<'_, '_> {
        fn visit<R: RecordKind>(&mut self, _: &[R]) {
            if R::KIND == self.kind {
                self.out = Some(plan::<R>(self.req));
            }
        }
    }
    let mut p = Plan {
        kind,
        req,
        out: None,
    };
    Records::default().visit(&mut p);
    p.out
        .unwrap_or_else(|| Err(Error::Environment(format!("{} は作れません", kind.label()))))
}

fn plan<R: RecordKind>(req: &Request<'_>) -> Result<Scaffold, Error> {
    let about = &R::ABOUT;
    let dir = record_dir(R::KIND);
    let id = new_id::<R>(req, &dir)?;
    let rel = format!("{dir}/{id}.yaml");
    let mut text = format!(
        "{}# {}の記録（{id}）。id はファイル名。\n{NO_RESIDENT_DATA}\n",
        crate::schema::modeline(&rel, about.schema),
        about.name,
    );
    let context = Context::read(req)?;
    for field in R::FIELDS {
        let Written::Required(start) = field.scaffold else {
            continue;
        };
        if let Some(comment) = comment(field) {
            text.push_str(&format!("# {comment}\n"));
        }
        let value = start_value(start, field, req, &context, &id)?;
        text.push_str(&format!("{}: {value}\n", field.key));
    }
    Ok(Scaffold { rel, text })
}

/// What to write in a field: its help, or the values it allows.
fn comment<R>(field: &Field<R>) -> Option<String> {
    let choices = field
        .choices
        .map(|c| choices(c().into_iter()))
        .filter(|c| !c.is_empty());
    match (field.help, choices) {
        ("", None) => None,
        ("", Some(c)) => Some(format!("{}: {c}", field.label)),
        (help, None) => Some(format!("{}: {help}", field.label)),
        (help, Some(c)) => Some(format!("{}: {help}。{c}", field.label)),
    }
}

/// The project's values a scaffold starts from.
struct Context {
    contractor: String,
    first_staff: Option<String>,
    /// The contractor's staff: the people on duty of a work log.
    on_duty: Vec<String>,
    rules: crate::domain::Rules,
}

impl Context {
    fn read(req: &Request<'_>) -> Result<Context, Error> {
        let mut diags = crate::diagnostics::Diagnostics::new();
        let data = crate::data::load(req.root, &mut diags);
        let config = Config::load(req.root).map_err(Error::Problems)?;
        let contractor = config.organisation.contractor_actor;
        Ok(Context {
            first_staff: data.staff.first().map(|s| s.id.clone()),
            on_duty: data
                .staff
                .iter()
                .filter(|s| s.actor == contractor)
                .map(|s| s.id.clone())
                .collect(),
            contractor,
            rules: config.schedule,
        })
    }

    /// One entry per person on duty over the day's contractor hours, for the
    /// person to split into the pieces of work done.
    fn duty_entries(&self, today: NaiveDate) -> String {
        let hours = self.rules.contractor_span(today, None);
        let mut text = String::new();
        for staff in &self.on_duty {
            text.push_str(&format!(
                "\n  - staff: {staff}\n    start: \"{}\"\n    end: \"{}\"\n    area: online\n    place: honchosha\n    work: \"\"\n    records: []",
                hours.start, hours.end
            ));
        }
        if text.is_empty() { "[]".into() } else { text }
    }
}

fn start_value<R>(
    start: Start,
    field: &Field<R>,
    req: &Request<'_>,
    context: &Context,
    id: &str,
) -> Result<String, Error> {
    Ok(match start {
        Start::Now => stamp(req),
        Start::Today => req.today.to_string(),
        Start::TimeNow => format!("\"{}\"", req.now.format("%H:%M")),
        Start::Contractor => context.contractor.clone(),
        Start::Staff => context
            .first_staff
            .clone()
            .unwrap_or_else(|| context.contractor.clone()),
        Start::EmptyText => "\"\"".into(),
        Start::EmptyList => "[]".into(),
        Start::Literal(value) => value.into(),
        Start::NameOr(default) => chosen(field, req.name.unwrap_or(default))?,
        Start::TodaySpan => format!("{{from: {0}, to: {0}}}", req.today),
        Start::Registration => format!(
            "\n  - date: {}\n    operation: register\n    detail: \"\"\n    by: {}",
            req.today, context.contractor
        ),
        Start::FiscalYear => id.trim_start_matches("fy").to_string(),
        Start::DutyEntries => context.duty_entries(req.today),
    })
}

/// The NAME argument as the value of an enum field: one of its keys.
fn chosen<R>(field: &Field<R>, name: &str) -> Result<String, Error> {
    let Some(allowed) = field.choices.map(|c| c()) else {
        return Ok(name.to_string());
    };
    if allowed.iter().any(|(key, _)| key == name) {
        Ok(name.to_string())
    } else {
        Err(Error::Environment(format!(
            "{} `{name}` はありません（{}）",
            field.label,
            choices(allowed.into_iter())
        )))
    }
}

/// The id (file name) of the new record by the kind's rule.
fn new_id<R: RecordKind>(req: &Request<'_>, dir: &str) -> Result<String, Error> {
    Ok(match R::ABOUT.ids {
        IdRule::Yearly { prefix, width } => next_id_in(
            req.root,
            dir,
            &format!("{prefix}-{}-", req.today.year()),
            width,
        ),
        IdRule::Numbered { prefix, width } => {
            next_id_in(req.root, dir, &format!("{prefix}-"), width)
        }
        IdRule::Dated { prefix } => {
            let name = R::FIELDS
                .iter()
                .find_map(|f| match f.scaffold {
                    Written::Required(Start::NameOr(default)) => {
                        Some(chosen(f, req.name.unwrap_or(default)))
                    }
                    _ => None,
                })
                .transpose()?;
            match name {
                Some(name) => format!("{prefix}-{}-{name}", req.today),
                None => format!("{prefix}-{}", req.today),
            }
        }
        IdRule::FiscalYear => {
            let latest = file_stems(req.root, dir)
                .iter()
                .filter_map(|s| s.strip_prefix("fy")?.parse::<i32>().ok())
                .max();
            let this_year = crate::domain::FiscalYear::of(req.today).0;
            format!("fy{}", latest.map_or(this_year, |y| y + 1))
        }
    })
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
    let rules = Config::load(req.root).map_err(Error::Problems)?.schedule;
    let text = format!(
        "{modeline}# {year}年度（{year}年4月1日〜{next}年3月31日）のオンライン稼働の例外。\n\
         # 決まりどおりの日（{usual}、{closed}は休止）は書かない。\n\
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
        usual = rules.usual_hours_text(),
        closed = rules.closed_days_text(),
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
