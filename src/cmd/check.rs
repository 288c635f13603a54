//! `tebiki check`: every problem, numbered, then a count; or all of them as JSON.

use std::path::Path;

use crate::cli::{CheckArgs, Format};
use crate::error::Error;

pub fn run(root: &Path, args: CheckArgs) -> Result<i32, Error> {
    let diags = crate::build::check(root);
    match args.format {
        Format::Text => print!("{}", diags.report()),
        Format::Json => {
            let json = serde_json::to_string_pretty(&diags.to_json_report())
                .map_err(|e| Error::Environment(e.to_string()))?;
            println!("{json}");
        }
    }
    Ok(if diags.has_errors() { 1 } else { 0 })
}
