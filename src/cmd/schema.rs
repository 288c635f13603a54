//! `tebiki schema`: the editor schemas, generated from the types that read the files.

use std::path::Path;

use crate::cli::SchemaArgs;
use crate::error::Error;
use crate::schema::{SCHEMAS_DIR, vscode_settings, write_all};

pub fn run(root: &Path, args: SchemaArgs) -> Result<i32, Error> {
    let dir = args.out.unwrap_or_else(|| root.join(SCHEMAS_DIR));
    let count = write_all(&dir)?;
    tracing::info!("{} に {count} 個のスキーマを書き出しました", dir.display());
    if args.vscode {
        let path = root.join(".vscode/settings.json");
        crate::fs::write_creating_dirs(&path, vscode_settings().as_bytes())?;
        tracing::info!("{} を書き出しました", path.display());
    }
    Ok(0)
}
