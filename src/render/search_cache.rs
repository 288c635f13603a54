//! The site's search index in a build that keeps unchanged pages: their text is
//! not extracted again but read back from the previous build's index, and when
//! no page changed, the index itself is kept.

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use super::Sink;
use crate::error::Error;
use crate::fingerprint::{Fingerprint, Fingerprinter};
use crate::search::{self, Doc, IndexStats, IndexedPage};

/// A page of the site in reading order: its text when it was rendered now,
/// `None` when it was kept (its text is then in the previous index).
pub struct PageText {
    pub url: String,
    pub key: Fingerprint,
    /// `Some(None)`: rendered, and not to be indexed (`data-nosearch`).
    pub doc: Option<Option<Doc>>,
}

/// Writes the index unless every page is as before. Returns the
/// index's figures when it was built.
pub fn write_index(
    pages: Vec<PageText>,
    sink: &dyn Sink,
    site: &Path,
) -> Result<Option<IndexStats>, Error> {
    let mut f = Fingerprinter::new();
    for p in &pages {
        f.add_str(&p.url).add_fingerprint(p.key);
    }
    let key = f.finish();
    if keep_index(sink, site, key)? {
        return Ok(None);
    }
    // Kept pages' texts come from the previous index, which holds every page
    // as it was: a kept page's render key, and so its text, has not changed.
    let mut previous: HashMap<String, Doc> = if pages.iter().any(|p| p.doc.is_none()) {
        previous_docs(sink, site).unwrap_or_default()
    } else {
        HashMap::new()
    };
    let mut texts: Vec<(String, Option<Doc>)> = Vec::with_capacity(pages.len());
    for page in pages {
        let doc = match page.doc {
            Some(doc) => doc,
            None => match previous.remove(&page.url) {
                Some(doc) => Some(doc),
                // Not in the previous index (a page that opts out, or an index
                // that was lost): read the page.
                None => {
                    let html = sink.read_previous(&site.join(&page.url)).ok_or_else(|| {
                        Error::Environment(format!(
                            "前回の出力 {} を読めません（--output を消してからもう一度作ってください）",
                            page.url
                        ))
                    })?;
                    search::extract(&String::from_utf8_lossy(&html))
                }
            },
        };
        texts.push((page.url, doc));
    }
    let indexed: Vec<IndexedPage> = texts
        .iter()
        .filter_map(|(url, doc)| doc.as_ref().map(|doc| IndexedPage { url, doc }))
        .collect();
    let (files, stats) = search::build_index(&indexed);
    files
        .par_iter()
        .try_for_each(|f| sink.write_keyed(&site.join(&f.path), key, f.script.as_bytes()))?;
    Ok(Some(stats))
}

/// The pages' texts in the previous build's index, by URL.
fn previous_docs(sink: &dyn Sink, site: &Path) -> Option<HashMap<String, Doc>> {
    let read = |path: &str| {
        sink.read_previous(&site.join(path))
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
    };
    search::read_docs(read).map(|docs| docs.into_iter().collect())
}

/// Keeps every script of the previous index when it was made from `key`. The
/// first script says how many parts the others are.
fn keep_index(sink: &dyn Sink, site: &Path, key: Fingerprint) -> Result<bool, Error> {
    let meta_rel = site.join(search::INDEX_FILE);
    let Some(meta) = sink.read_previous(&meta_rel) else {
        return Ok(false);
    };
    let Some(parts) = search::read_part_names(&String::from_utf8_lossy(&meta)) else {
        return Ok(false);
    };
    if !sink.keep(&meta_rel, key)? {
        return Ok(false);
    }
    for part in parts {
        let rel = site.join(search::part_path(&part));
        if !sink.keep(&rel, key)? {
            return Err(Error::Environment(format!(
                "前回の検索索引 {} が欠けています（--output を消してからもう一度作ってください）",
                rel.display()
            )));
        }
    }
    Ok(true)
}
