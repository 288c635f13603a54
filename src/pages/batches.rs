//! Batch pages: the job catalog, one page per job, the parameter deadlines,
//! the notices to staff and the backup log, under `content/batches/_index.md`.

use super::{GeneratedPage, Inputs};

pub fn pages(_inputs: &Inputs<'_>) -> Vec<GeneratedPage> {
    Vec::new()
}
