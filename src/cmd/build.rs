//! `tebiki build`.

use std::path::Path;

use crate::build::{BuildOptions, build};
use crate::cli::BuildArgs;
use crate::error::Error;

pub fn run(root: &Path, args: BuildArgs) -> Result<i32, Error> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: args.output.unwrap_or_else(|| root.join("output")),
        redact: args.redact,
        pdf: !args.no_pdf,
    };
    build(&options)?;
    Ok(0)
}
