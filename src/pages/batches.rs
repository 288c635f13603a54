//! Batch pages: the job catalog (a filterable table), one page per job, the
//! parameter deadlines and each parameter period (under
//! `content/batches/parameters.md`, §4.4), and the notices to staff and the
//! backup log (under `content/batches/_index.md`, §4.2).

pub mod notices;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{GeneratedPage, Inputs, Item};
use crate::data::batches::{Job, JobKind, ParamType, Parameter, Period, Window};
use crate::domain::{wareki, weekday};

/// The Markdown pages the batch pages hang under.
pub const PARENT: &str = "batches/_index.md";
pub const PARAMS_PARENT: &str = "batches/parameters.md";

pub const CATALOG_URL: &str = "batches/catalog.html";
pub const DEADLINES_URL: &str = "batches/deadlines.html";
pub const NOTICES_URL: &str = "batches/notices.html";
pub const BACKUPS_URL: &str = "batches/backups.html";

pub fn job_url(id: &str) -> String {
    format!("batches/jobs/{id}.html")
}

pub fn period_url(code: &str) -> String {
    format!("batches/params/{code}.html")
}

pub fn notice_url(slug: &str) -> String {
    format!("batches/notices/{slug}.html")
}

/// No pages without a catalog, so a handbook without batches needs no
/// `content/batches/`.
pub fn pages(inputs: &Inputs<'_>) -> Vec<GeneratedPage> {
    if inputs.data.batches.sections.is_empty() {
        return Vec::new();
    }
    let mut pages = vec![page(
        CATALOG_URL,
        "バッチジョブ一覧",
        PARENT,
        catalog(inputs),
    )];
    let mut seen = std::collections::HashSet::new();
    // A duplicate id is reported by the catalog check; it gets no second page.
    for job in inputs
        .data
        .batches
        .jobs()
        .filter(|j| seen.insert(j.id.as_str()))
    {
        pages.push(page(
            &job_url(&job.id),
            &format!("{} {}", job.id, job.name),
            // The nightly batch is §4.4's: its jobs hang under the parameters page.
            if job.kind == JobKind::Nightly {
                PARAMS_PARENT
            } else {
                PARENT
            },
            job_view(inputs, job),
        ));
    }
    pages.push(page(
        DEADLINES_URL,
        "夜間日次バッチ パラメータの確定期限",
        PARAMS_PARENT,
        deadlines(inputs),
    ));
    for period in &inputs.batches.periods {
        pages.push(page(
            &period_url(&period.code),
            &format!("夜間日次バッチ パラメータ（{}）", period.label),
            PARAMS_PARENT,
            period_view(inputs, period),
        ));
    }
    pages.extend(notices::pages(inputs));
    pages
}

/// Every batch page is made from the batch data.
const SOURCES: &[&str] = &[
    "data/batches/",
    "data/batch-params/",
    "data/batch-runs/",
    "data/backups/",
];

fn page(url: &str, title: &str, parent: &str, item: impl Into<Item>) -> GeneratedPage {
    GeneratedPage::new(url, title, parent, item).made_from(SOURCES)
}

/// 令和9年1月4日（月）.
pub fn day_label(date: NaiveDate) -> String {
    format!(
        "{}（{}）",
        wareki::format_date(date),
        weekday::short_name(date.weekday())
    )
}

fn actor_name(inputs: &Inputs<'_>, id: &str) -> String {
    inputs
        .data
        .actor(id)
        .map_or_else(|| id.to_string(), |a| a.name.clone())
}

/// Who starts a job, in words.
fn runner_label(inputs: &Inputs<'_>, job: &Job) -> String {
    let name = actor_name(inputs, &job.runner);
    match job.kind {
        JobKind::Nightly => format!("{name}（システムの自動運用）"),
        _ => format!("{name}（業務オンライン端末から手動実行）"),
    }
}

/// When a job may run, with the hours from the rules.
fn window_detail(inputs: &Inputs<'_>, window: Window) -> String {
    let r = inputs.calendar.rules();
    match window {
        Window::OnlineHours => format!(
            "オンラインサービス提供時間中（{}〜{}、延長日は {} まで）に業務オンライン端末から実行（§2-⑤ オンラインバッチ(業務中可)）",
            r.online_start, r.online_end, r.extended_end
        ),
        Window::AfterCounters => format!(
            "窓口業務終了後の {}〜{} に業務オンライン端末から実行（§2-⑤ オンラインバッチ(業務中不可)）",
            r.offhours_batch_start, r.offhours_batch_end
        ),
        Window::Nightly => {
            "オンライン終了後の夜間に、事前登録したパラメータで自動実行（§2-⑤ 夜間日次バッチ）"
                .to_string()
        }
    }
}

#[derive(Debug, Clone, Serialize)]
struct Choice {
    id: &'static str,
    label: String,
}

#[derive(Debug, Clone, Serialize)]
struct JobRow {
    id: String,
    name: String,
    url: String,
    kind: &'static str,
    kind_label: &'static str,
    business: String,
    section: String,
    runner: String,
    runner_name: String,
    window_label: &'static str,
    timing: String,
    summary: String,
    parameters: usize,
    illustrative: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CatalogView {
    jobs: Vec<JobRow>,
    kinds: Vec<Choice>,
    businesses: Vec<String>,
    runners: Vec<String>,
    illustrative: usize,
}

fn catalog(inputs: &Inputs<'_>) -> CatalogView {
    let batches = &inputs.data.batches;
    let jobs: Vec<JobRow> = batches
        .jobs()
        .map(|j| {
            let section = batches.section(&j.section);
            JobRow {
                id: j.id.clone(),
                name: j.name.clone(),
                url: format!("jobs/{}.html", j.id),
                kind: j.kind.id(),
                kind_label: j.kind.label(),
                business: section.map_or_else(String::new, |s| s.business.clone()),
                section: section.map_or_else(String::new, |s| s.name.clone()),
                runner: j.runner.clone(),
                runner_name: inputs
                    .data
                    .actor(&j.runner)
                    .map_or_else(|| j.runner.clone(), |a| a.short.clone()),
                window_label: j.window.label(),
                timing: j.timing.clone(),
                summary: j.summary.clone(),
                parameters: j.parameters.len(),
                illustrative: j.illustrative,
            }
        })
        .collect();
    let mut runners: Vec<String> = Vec::new();
    for j in &jobs {
        if !runners.contains(&j.runner_name) {
            runners.push(j.runner_name.clone());
        }
    }
    CatalogView {
        illustrative: jobs.iter().filter(|j| j.illustrative).count(),
        kinds: JobKind::ALL
            .iter()
            .filter(|k| jobs.iter().any(|j| j.kind == k.id()))
            .map(|k| Choice {
                id: k.id(),
                label: k.label().to_string(),
            })
            .collect(),
        businesses: batches
            .sections
            .iter()
            .map(|s| s.business.clone())
            .collect(),
        runners,
        jobs,
    }
}

#[derive(Debug, Clone, Serialize)]
struct Link {
    title: String,
    url: String,
}

#[derive(Debug, Clone, Serialize)]
struct ParamView {
    name: String,
    label: String,
    type_label: &'static str,
    allowed: Vec<String>,
    default: Option<String>,
    description: Option<String>,
}

fn param_view(p: &Parameter) -> ParamView {
    let allowed = match p.kind {
        ParamType::Choice => p
            .values
            .iter()
            .map(|c| format!("{}: {}", c.value, c.label))
            .collect(),
        ParamType::Flag => vec!["1: あり".into(), "0: なし".into()],
        ParamType::Int => match (p.min, p.max) {
            (Some(a), Some(b)) => vec![format!("{a}〜{b}")],
            (Some(a), None) => vec![format!("{a} 以上")],
            (None, Some(b)) => vec![format!("{b} 以下")],
            (None, None) => Vec::new(),
        },
        ParamType::Text => p
            .max_length
            .map(|n| format!("{n} 文字以内"))
            .into_iter()
            .collect(),
        ParamType::Date => vec!["YYYY-MM-DD".into()],
    };
    ParamView {
        name: p.name.clone(),
        label: p.label.clone(),
        type_label: p.kind.label(),
        allowed,
        default: p.default.clone().map(|d| {
            if d == crate::data::batches::catalog::RUN_DATE {
                "run_date（その夜の日付）".to_string()
            } else {
                p.display(&d)
            }
        }),
        description: p.description.clone(),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct JobView {
    id: String,
    name: String,
    kind_label: &'static str,
    nightly: bool,
    summary: String,
    description: Option<String>,
    timing: String,
    window_label: &'static str,
    window_detail: String,
    runner: String,
    business: String,
    section: String,
    section_illustrative: bool,
    illustrative: bool,
    source: Option<String>,
    requires: Vec<String>,
    after: Vec<Link>,
    followed_by: Vec<Link>,
    outputs: Vec<String>,
    parameters: Vec<ParamView>,
    staff_notes: Vec<String>,
    on_failure: Vec<String>,
    planned: Vec<Link>,
    periods: Vec<Link>,
    file: String,
}

fn job_links(inputs: &Inputs<'_>, ids: &[String]) -> Vec<Link> {
    ids.iter()
        .map(|id| Link {
            title: inputs
                .data
                .batches
                .job(id)
                .map_or_else(|| id.clone(), |j| format!("{} {}", j.id, j.name)),
            url: format!("{id}.html"),
        })
        .collect()
}

fn job_view(inputs: &Inputs<'_>, job: &Job) -> JobView {
    let batches = &inputs.data.batches;
    let section = batches.section(&job.section);
    let planned = inputs
        .batches
        .notices
        .iter()
        .filter(|n| n.job == job.id)
        .map(|n| Link {
            title: day_label(n.date),
            url: format!("../notices/{}.html", n.slug),
        })
        .collect();
    let periods = inputs
        .batches
        .periods
        .iter()
        .filter(|p| {
            p.months
                .iter()
                .any(|m| m.runs.iter().any(|r| r.job == job.id))
        })
        .map(|p| Link {
            title: p.label.clone(),
            url: format!("../params/{}.html", p.code),
        })
        .collect();
    JobView {
        id: job.id.clone(),
        name: job.name.clone(),
        kind_label: job.kind.label(),
        nightly: job.kind == JobKind::Nightly,
        summary: job.summary.clone(),
        description: job.description.clone(),
        timing: job.timing.clone(),
        window_label: job.window.label(),
        window_detail: window_detail(inputs, job.window),
        runner: runner_label(inputs, job),
        business: section.map_or_else(String::new, |s| s.business.clone()),
        section: section.map_or_else(String::new, |s| s.name.clone()),
        section_illustrative: section.is_some_and(|s| s.illustrative),
        illustrative: job.illustrative,
        source: job.source.clone(),
        requires: job.requires.clone(),
        after: job_links(inputs, &job.after),
        followed_by: job_links(inputs, &job.followed_by),
        outputs: job.outputs.clone(),
        parameters: job.parameters.iter().map(param_view).collect(),
        staff_notes: job.staff_notes.clone(),
        on_failure: job.on_failure.clone(),
        planned,
        periods,
        file: format!("data/batches/{}.yaml", job.section),
    }
}

#[derive(Debug, Clone, Serialize)]
struct DeadlineRow {
    month: String,
    code: String,
    deadline: String,
    deadline_iso: String,
    cycle: &'static str,
    state: &'static str,
    state_label: &'static str,
    period_url: Option<String>,
    /// Due within the next 10 days and not yet fixed.
    due_soon: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeadlinesView {
    rule: String,
    today: String,
    rows: Vec<DeadlineRow>,
}

fn deadlines(inputs: &Inputs<'_>) -> DeadlinesView {
    use crate::data::batches::{Cycle, DeadlineState};
    let config = &inputs.config.batches;
    let n = config.monthly_deadline_business_days;
    let rule = format!(
        "月単位: 前月の{}。年度単位（2月に確定）: {}月の最終営業日。営業日は平日（祝日・年末年始を除く）。",
        if n == 1 {
            "最終営業日".to_string()
        } else {
            format!("最終営業日から数えて {n} 営業日目")
        },
        config.yearly_deadline_month
    );
    let rows = inputs
        .batches
        .deadlines
        .iter()
        .map(|d| {
            let open = matches!(d.state, DeadlineState::Pending | DeadlineState::Draft);
            let days_left = (d.deadline - inputs.today).num_days();
            DeadlineRow {
                month: wareki::format_month(d.year, d.month),
                code: format!("{}-{:02}", d.year, d.month),
                deadline: day_label(d.deadline),
                deadline_iso: d.deadline.to_string(),
                cycle: match d.cycle {
                    Cycle::Monthly => "月単位",
                    Cycle::Yearly => "年度単位",
                },
                state: match d.state {
                    DeadlineState::Uploaded => "uploaded",
                    DeadlineState::Fixed => "fixed",
                    DeadlineState::Draft => "draft",
                    DeadlineState::Pending => "pending",
                    DeadlineState::Overdue => "overdue",
                },
                state_label: d.state.label(),
                period_url: d.period.as_ref().map(|c| format!("params/{c}.html")),
                due_soon: open && (0..=10).contains(&days_left),
            }
        })
        .collect();
    DeadlinesView {
        rule,
        today: wareki::format_date(inputs.today),
        rows,
    }
}

#[derive(Debug, Clone, Serialize)]
struct NightView {
    date: String,
    weekday: &'static str,
    classes: &'static str,
    jobs: Vec<Link>,
    special: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct MonthView {
    label: String,
    note: Option<String>,
    runs: usize,
    nights: Vec<NightView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodView {
    label: String,
    code: String,
    yearly: bool,
    file: String,
    deadline: String,
    fixed: Option<String>,
    fixed_by: Option<String>,
    uploaded: Option<String>,
    note: Option<String>,
    output_file: String,
    workbook: String,
    /// The jobs of the period, id and name, in order of first use.
    jobs: Vec<Link>,
    months: Vec<MonthView>,
}

fn period_view(inputs: &Inputs<'_>, period: &Period) -> PeriodView {
    let catalog = &inputs.data.batches;
    let mut legend: Vec<Link> = Vec::new();
    let months: Vec<MonthView> = period
        .months
        .iter()
        .map(|m| {
            let mut nights: Vec<NightView> = Vec::new();
            for run in &m.runs {
                let job = catalog.job(&run.job);
                let special: Vec<String> = run
                    .values
                    .iter()
                    .filter(|v| v.special)
                    .map(|v| format!("{} {}: {}", run.job, v.label, v.display))
                    .collect();
                let link = Link {
                    title: run.job.clone(),
                    url: format!("../jobs/{}.html", run.job),
                };
                if !legend
                    .iter()
                    .any(|l: &Link| l.title.starts_with(&format!("{} ", run.job)))
                {
                    legend.push(Link {
                        title: job
                            .map_or_else(|| run.job.clone(), |j| format!("{} {}", j.id, j.name)),
                        url: format!("../jobs/{}.html", run.job),
                    });
                }
                let date = day_label(run.date);
                match nights.last_mut() {
                    Some(n) if n.date == date => {
                        n.jobs.push(link);
                        n.special.extend(special);
                    }
                    _ => nights.push(NightView {
                        date,
                        weekday: weekday::short_name(run.date.weekday()),
                        classes: match run.date.weekday() {
                            chrono::Weekday::Sat => "sat",
                            _ => "",
                        },
                        jobs: vec![link],
                        special,
                    }),
                }
            }
            MonthView {
                label: wareki::format_month(m.year, m.month),
                note: m.note.clone(),
                runs: m.runs.len(),
                nights,
            }
        })
        .collect();
    PeriodView {
        label: period.label.clone(),
        code: period.code.clone(),
        yearly: period.yearly,
        file: period.file.clone(),
        deadline: day_label(period.deadline),
        fixed: period.fixed.map(day_label),
        fixed_by: period.fixed_by.as_deref().map(|id| actor_name(inputs, id)),
        uploaded: period.uploaded.map(day_label),
        note: period.note.clone(),
        output_file: format!(
            "output/params/{}",
            inputs.config.batches.file_name(&period.code)
        ),
        workbook: format!("output/xlsx/{}", period.sheet_file_name()),
        jobs: legend,
        months,
    }
}
