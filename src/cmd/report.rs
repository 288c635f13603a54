//! `tebiki report --month YYYY-MM`: one month's ⑥ 月間作業実績報告書;
//! `tebiki report --year YYYY`: one fiscal year's 年間実績報告書.

use std::path::Path;

use crate::build::{ReportOptions, ReportTarget, report};
use crate::cli::ReportArgs;
use crate::error::Error;

pub fn run(root: &Path, args: ReportArgs) -> Result<i32, Error> {
    let target = match (args.month, args.year) {
        (Some((year, month)), _) => ReportTarget::Month(year, month),
        (None, Some(year)) => ReportTarget::Year(crate::domain::FiscalYear(year)),
        (None, None) => unreachable!("clap requires --month or --year"),
    };
    report(&ReportOptions {
        root: root.to_path_buf(),
        output: args.output.unwrap_or_else(|| root.join("output")),
        redact: args.redact,
        target,
    })?;
    Ok(0)
}
