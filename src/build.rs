//! The build: load the project once, run every renderer into a staging directory,
//! swap it into place only when all of them succeeded. PDFs come last, in a
//! staging directory of their own: typst may first have to be installed (minutes),
//! and the site and workbooks should be there before that starts.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::Datelike;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::fs::Staging;
use crate::history::GitState;
use crate::project::{LoadOptions, Project};
use crate::render::html::Html;
use crate::render::pdf::{self, Pdf, typst};
use crate::render::{MemorySink, Renderer, Sink};
use crate::uptodate;

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// The output directory; only its `site/`, `xlsx/`, `pdf/` … entries are replaced.
    pub output: PathBuf,
    /// Build the edition without personal data (also `redact: true` in tebiki.yaml).
    pub redact: bool,
    /// Make the PDFs (needs typst, installed on first use); false for `--no-pdf`.
    pub pdf: bool,
}

#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    pub files: usize,
    pub warnings: Diagnostics,
}

pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    let started = Instant::now();
    check_output_dir(&options.root, &options.output)?;
    let git_state = GitState::read(&options.root);
    let snapshot = uptodate::Snapshot::take(&uptodate::Options {
        root: &options.root,
        redact: options.redact,
        pdf: options.pdf,
        git_state: &git_state,
    });
    if let Some(previous) = snapshot.unchanged(&options.output) {
        return Ok(report_unchanged(options, previous, started));
    }
    // Every renderer gets the redacted project, so every output is covered.
    // The templates are parsed meanwhile (on the other core).
    let (edition, html) = rayon::join(
        || {
            load_edition(
                &options.root,
                &options.output,
                options.redact,
                Some(git_state),
            )
        },
        || Html::new(&options.root),
    );
    let (project, personal) = edition?;
    tracing::debug!("読み込み: {:.2} 秒", started.elapsed().as_secs_f64());
    let renderers = renderers(html?);
    // Problems in the PDFs' inputs are found before anything is written.
    let documents = if options.pdf {
        let documents = pdf::documents(&project)?;
        crate::redact::guard_documents(&documents, &personal)?;
        Some(documents)
    } else {
        None
    };
    let staging = Staging::create(&options.output)?;
    let guard = crate::redact::GuardSink::new(&staging, personal.clone());
    let mut files = run_all(&renderers, &project, &guard)?;
    let step = Instant::now();
    staging.commit()?;
    project
        .history
        .save_cache(&crate::history::cache_file(&options.output))?;
    tracing::debug!("入れ替え: {:.2} 秒", step.elapsed().as_secs_f64());
    if let Some(documents) = documents {
        let typst = typst::provision(&typst::Lookup::from_env())?;
        let renderer = Pdf::new(typst, documents, &options.output);
        let staging = Staging::create(&options.output)?;
        let guard = crate::redact::GuardSink::new(&staging, personal.clone());
        files += run(&renderer, &project, &guard)?;
        staging.commit()?;
    }
    snapshot.record(
        &options.output,
        files,
        &project.warnings,
        project.history.notice(),
    )?;
    tracing::info!(
        "{} に {} ファイルを書き出しました（{:.2} 秒）",
        options.output.display(),
        files,
        started.elapsed().as_secs_f64()
    );
    let report = BuildReport {
        files,
        warnings: project.warnings.clone(),
    };
    drop_in_background((project, renderers));
    Ok(report)
}

/// Frees what a build held on a thread of its own: the process ends right after
/// a build, and freeing every page's allocations one by one took 40 ms of a
/// 10,000-page build, on one core, at the very end.
fn drop_in_background<T: Send + 'static>(value: T) {
    std::thread::spawn(move || drop(value));
}

/// Says again what the build that made the output said: nothing changed since.
fn report_unchanged(
    options: &BuildOptions,
    previous: uptodate::Previous,
    started: Instant,
) -> BuildReport {
    let mut warnings = Diagnostics::new();
    for warning in previous.warnings {
        tracing::warn!("{warning}");
        warnings.push(warning);
    }
    if let Some(notice) = previous.notice {
        tracing::info!("{notice}");
    }
    tracing::info!(
        "入力に変更がないため、{} の {} ファイルは前回のままです（{:.2} 秒）",
        options.output.display(),
        previous.files,
        started.elapsed().as_secs_f64()
    );
    BuildReport {
        files: previous.files,
        warnings,
    }
}

/// What `tebiki report` makes: one month's ⑥ 月間作業実績報告書.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    pub root: PathBuf,
    /// The output directory; only `pdf/monthly/<month>.pdf` (and the PDF
    /// manifest beside `pdf/`) is written, everything else stays.
    pub output: PathBuf,
    pub redact: bool,
    pub target: ReportTarget,
}

/// The report `tebiki report` makes.
#[derive(Debug, Clone, Copy)]
pub enum ReportTarget {
    /// ⑥ of one month.
    Month(i32, u32),
    /// 年間実績報告書 of one fiscal year: the PDF and its workbook.
    Year(crate::domain::FiscalYear),
}

/// Builds one monthly report into `output/pdf/monthly/` and returns its path.
/// A month without records is a problem in the inputs (exit code 1).
pub fn report(options: &ReportOptions) -> Result<PathBuf, Error> {
    let started = Instant::now();
    check_output_dir(&options.root, &options.output)?;
    let (project, personal) = load_edition(&options.root, &options.output, options.redact, None)?;
    let document = match options.target {
        ReportTarget::Month(year, month) => {
            let months = pdf::monthly::months(&project);
            if !months.contains(&(year, month)) {
                return Err(Error::Problems(
                    Diagnostic::global(no_report_message(&project, year, month, &months)).into(),
                ));
            }
            pdf::monthly::document(&project, year, month)
        }
        ReportTarget::Year(fy) => {
            if !pdf::annual::years(&project).contains(&fy) {
                return Err(Error::Problems(
                    Diagnostic::global(format!(
                        "{}（{}）にはサービスイン後の記録がないので、年間実績報告書を作れません",
                        fy.label(),
                        fy.0
                    ))
                    .into(),
                ));
            }
            write_annual_workbook(&project, fy, &options.output, &personal)?;
            pdf::annual::document(&project, fy)
        }
    };
    let name = document.name.clone();
    let documents = vec![document];
    pdf::check_inputs(&project, &documents)?;
    crate::redact::guard_documents(&documents, &personal)?;
    let typst = typst::provision(&typst::Lookup::from_env())?;
    let renderer = Pdf::partial(typst, documents, &options.output);
    let sink = crate::render::DirSink::new(&options.output);
    let guard = crate::redact::GuardSink::new(&sink, personal);
    run(&renderer, &project, &guard)?;
    let path = options.output.join(pdf::PDF_DIR).join(name);
    tracing::info!(
        "{} を書き出しました（{:.2} 秒）",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(path)
}

/// The annual report's workbook, written straight into `output/xlsx/`
/// (through the personal-data guard, like every output).
fn write_annual_workbook(
    project: &Project,
    fy: crate::domain::FiscalYear,
    output: &Path,
    personal: &[crate::redact::PersonalValue],
) -> Result<(), Error> {
    let sink = crate::render::DirSink::new(output);
    let guard = crate::redact::GuardSink::new(&sink, personal.to_vec());
    let file = crate::render::xlsx::annual::file_name(fy);
    for book in crate::render::xlsx::annual::workbooks(project)? {
        if book.file == file {
            crate::render::Sink::write(
                &guard,
                &std::path::PathBuf::from(crate::render::xlsx::XLSX_DIR).join(&book.file),
                &book.bytes,
            )?;
        }
    }
    Ok(())
}

/// Why there is no report for the month, with the months that have one.
fn no_report_message(project: &Project, year: i32, month: u32, months: &[(i32, u32)]) -> String {
    let label = format!(
        "{}（{year}-{month:02}）",
        crate::domain::wareki::format_month(year, month)
    );
    let service_in = project.config.service_in;
    let reason = if (year, month) < (service_in.year(), service_in.month()) {
        format!(
            "はサービスイン（{}）より前の月なので、月間作業実績報告書はありません",
            crate::domain::wareki::format_date(service_in)
        )
    } else {
        "の記録（data/records/、data/sla/）がないので、月間作業実績報告書を作れません".to_string()
    };
    let known = if months.is_empty() {
        "記録のある月はまだありません".to_string()
    } else {
        let list: Vec<String> = months.iter().map(|(y, m)| format!("{y}-{m:02}")).collect();
        format!("記録のある月: {}", list.join("、"))
    };
    format!("{label}{reason}（{known}）")
}

/// Runs the renderers side by side (the site keeps both cores busy but for its
/// last steps, which the workbooks fill); their problems are reported together,
/// or the first other error.
fn run_all(
    renderers: &[Box<dyn Renderer + Send>],
    project: &Project,
    staging: &dyn Sink,
) -> Result<usize, Error> {
    use rayon::prelude::*;
    let results: Vec<Result<usize, Error>> = renderers
        .par_iter()
        .map(|r| run(r.as_ref(), project, staging))
        .collect();
    let mut files = 0;
    let mut problems = Diagnostics::new();
    for result in results {
        match result {
            Ok(n) => files += n,
            Err(Error::Problems(d)) => problems.extend(d),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(Error::Problems(problems.sorted()))
    }
}

fn run(renderer: &dyn Renderer, project: &Project, staging: &dyn Sink) -> Result<usize, Error> {
    let step = Instant::now();
    let summary = renderer.render(project, staging)?;
    tracing::info!(
        "{}: {} ファイル（{:.2} 秒）",
        renderer.name(),
        summary.files,
        step.elapsed().as_secs_f64()
    );
    Ok(summary.files)
}

/// Everything `build` would check, with nothing written: the project is loaded and
/// every renderer runs into memory, so template errors are found too. The PDFs'
/// inputs are checked without running typst.
pub fn check(root: &Path) -> Diagnostics {
    let project = match Project::load(&LoadOptions {
        root: root.to_path_buf(),
        history_cache: None,
        git_state: None,
    }) {
        Ok(p) => p,
        Err(diags) => return diags,
    };
    let mut diags = project.warnings.clone();
    match Html::new(project.root()) {
        Ok(html) => {
            let renderers = renderers(html);
            for renderer in &renderers {
                match renderer.render(&project, &MemorySink::default()) {
                    Ok(_) => {}
                    Err(Error::Problems(d)) => diags.extend(d),
                    Err(other) => diags.push(Diagnostic::global(other.to_string())),
                }
            }
        }
        Err(d) => diags.extend(d),
    }
    if let Err(d) = pdf::documents(&project) {
        diags.extend(d);
    }
    diags.sorted()
}

/// The project as `build` and `report` write it: loaded (warnings logged), and
/// redacted when asked here or in tebiki.yaml, with the personal values that
/// must then appear in no output.
fn load_edition(
    root: &Path,
    output: &Path,
    redact: bool,
    git_state: Option<GitState>,
) -> Result<(Project, Vec<crate::redact::PersonalValue>), Error> {
    let project = Project::load(&LoadOptions {
        root: root.to_path_buf(),
        history_cache: Some(crate::history::cache_file(output)),
        git_state,
    })?;
    for warning in project.warnings.iter() {
        tracing::warn!("{warning}");
    }
    if let Some(notice) = project.history.notice() {
        tracing::info!("{notice}");
    }
    if redact || project.config.redact {
        tracing::info!("公開版（個人情報を除いた版）を作ります");
        let values = crate::redact::project_personal_values(&project);
        Ok((project.redacted(), values))
    } else {
        Ok((project, Vec::new()))
    }
}

fn renderers(html: Html) -> Vec<Box<dyn Renderer + Send>> {
    vec![
        Box::new(html),
        Box::new(crate::render::calendar::CalendarFiles),
        Box::new(crate::render::xlsx::Xlsx),
        Box::new(crate::render::xlsx::revisions::RevisionsWorkbook),
        Box::new(crate::render::params::ParamFiles),
    ]
}

/// The output directory is replaced piece by piece; refuse one that holds the
/// project's inputs, so a typo in `--output` cannot clobber `content/`.
fn check_output_dir(root: &Path, output: &Path) -> Result<(), Error> {
    let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    let output_abs = match output.canonicalize() {
        Ok(p) => p,
        Err(_) => std::path::absolute(output).map_err(|e| Error::io(output, e))?,
    };
    let inputs = ["content", "data", "templates", "fonts", "src", ".git"];
    let clobbers = root.starts_with(&output_abs)
        || inputs.iter().any(|i| output_abs.starts_with(root.join(i)));
    if clobbers {
        return Err(Error::Environment(format!(
            "出力先 {} はプロジェクトの入力を含むため使えません",
            output.display()
        )));
    }
    Ok(())
}
