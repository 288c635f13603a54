//! `tebiki serve`.

use std::path::Path;

use crate::cli::ServeArgs;
use crate::error::Error;
use crate::serve::{ServeOptions, serve};

pub fn run(root: &Path, args: ServeArgs) -> Result<i32, Error> {
    serve(&ServeOptions {
        root: root.to_path_buf(),
        port: args.port,
    })?;
    Ok(0)
}
