//! `tebiki report --month YYYY-MM`: one month's ⑥ 月間作業実績報告書.

use std::path::Path;

use crate::build::{ReportOptions, report};
use crate::cli::ReportArgs;
use crate::error::Error;

pub fn run(root: &Path, args: ReportArgs) -> Result<i32, Error> {
    let (year, month) = args.month;
    report(&ReportOptions {
        root: root.to_path_buf(),
        output: args.output.unwrap_or_else(|| root.join("output")),
        redact: args.redact,
        year,
        month,
    })?;
    Ok(0)
}
