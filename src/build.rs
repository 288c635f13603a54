//! The build: load the project once, run every renderer into a staging directory,
//! swap it into place only when all of them succeeded.

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::fs::Staging;
use crate::project::{LoadOptions, Project};
use crate::render::html::Html;
use crate::render::{MemorySink, Renderer};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// The output directory; only its `site/`, `xlsx/`, `pdf/` … entries are replaced.
    pub output: PathBuf,
    /// Whether to typeset the PDFs (`--no-pdf` turns it off).
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
    let project = Project::load(&LoadOptions {
        root: options.root.clone(),
    })?;
    for warning in project.warnings.iter() {
        tracing::warn!("{warning}");
    }
    let renderers = renderers(&project)?;
    let staging = Staging::create(&options.output)?;
    let mut files = 0;
    for renderer in &renderers {
        let step = Instant::now();
        let summary = renderer.render(&project, &staging)?;
        tracing::info!(
            "{}: {} ファイル（{:.2} 秒）",
            renderer.name(),
            summary.files,
            step.elapsed().as_secs_f64()
        );
        files += summary.files;
    }
    staging.commit()?;
    tracing::info!(
        "{} に {} ファイルを書き出しました（{:.2} 秒）",
        options.output.display(),
        files,
        started.elapsed().as_secs_f64()
    );
    Ok(BuildReport {
        files,
        warnings: project.warnings,
    })
}

/// Everything `build` would check, with nothing written: the project is loaded and
/// every renderer runs into memory, so template errors are found too.
pub fn check(root: &Path) -> Diagnostics {
    let project = match Project::load(&LoadOptions {
        root: root.to_path_buf(),
    }) {
        Ok(p) => p,
        Err(diags) => return diags,
    };
    let mut diags = project.warnings.clone();
    match renderers(&project) {
        Ok(renderers) => {
            for renderer in &renderers {
                match renderer.render(&project, &MemorySink::default()) {
                    Ok(_) => {}
                    Err(Error::Problems(d)) => diags.extend(d),
                    Err(other) => diags.push(Diagnostic::global(other.to_string())),
                }
            }
        }
        Err(Error::Problems(d)) => diags.extend(d),
        Err(other) => diags.push(Diagnostic::global(other.to_string())),
    }
    diags.sorted()
}

fn renderers(project: &Project) -> Result<Vec<Box<dyn Renderer>>, Error> {
    Ok(vec![Box::new(Html::new(project.root())?)])
}

/// The output directory is replaced piece by piece; refuse one that holds the
/// project's inputs, so a typo in `--output` cannot clobber `content/`.
fn check_output_dir(root: &Path, output: &Path) -> Result<(), Error> {
    let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    let output_abs = match output.canonicalize() {
        Ok(p) => p,
        Err(_) => std::path::absolute(output).map_err(|e| Error::io(output, e))?,
    };
    let inputs = ["content", "data", "templates", "src", ".git"];
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
