//! `tebiki check`: every problem, numbered, then a count.

use std::path::Path;

use crate::cli::CheckArgs;
use crate::error::Error;

pub fn run(root: &Path, _args: CheckArgs) -> Result<i32, Error> {
    let diags = crate::build::check(root);
    print!("{}", diags.report());
    Ok(if diags.has_errors() { 1 } else { 0 })
}
