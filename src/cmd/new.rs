//! `tebiki new`: a new file of a registered kind, or a fresh handbook.

use std::path::Path;

use crate::cli::NewArgs;
use crate::error::Error;
use crate::scaffold::{self, Request, project};

pub fn run(root: &Path, args: NewArgs) -> Result<i32, Error> {
    let today = crate::today().map_err(|d| Error::Problems(d.into()))?;
    if args.list {
        println!("{}", scaffold::kinds_list());
        return Ok(0);
    }
    if let Some(dir) = &args.project {
        let municipality = args
            .municipality
            .as_deref()
            .unwrap_or(project::DEFAULT_MUNICIPALITY);
        let written = project::create(&project::NewProject {
            dir,
            municipality: project::checked_municipality(municipality)?,
            today,
        })?;
        tracing::info!(
            "{} に新しい手引きを作りました（{} ファイル）。次は: tebiki --root {} check",
            dir.display(),
            written.len(),
            dir.display()
        );
        return Ok(0);
    }
    let kind = scaffold::kind(args.kind.as_deref().unwrap_or_default())?;
    // A fixed today (tests, reproducible runs) comes with a fixed time.
    let now = if std::env::var_os(crate::clock::TODAY_ENV).is_some() {
        chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default()
    } else {
        chrono::Local::now().time()
    };
    let request = Request {
        root,
        today,
        now,
        name: args.name.as_deref(),
        title: args.title.as_deref(),
    };
    let planned = kind.plan(&request)?;
    scaffold::create(root, &planned)?;
    println!("{}", planned.rel);
    Ok(0)
}
