//! The site's search index in a build that keeps unchanged pages: their text is
//! not extracted again but taken from the previous build's cache of page texts
//! (`.tebiki-cache/search-docs.json`, keyed by render key), and when no page
//! changed, the index and the cache themselves are kept.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Sink;
use crate::error::Error;
use crate::fingerprint::{Fingerprint, Fingerprinter};
use crate::search::{self, Doc, IndexStats, IndexedPage};

/// Below the output directory, beside `site/`: never published.
pub const CACHE_FILE: &str = ".tebiki-cache/search-docs.json";

/// A page of the site in reading order: its text when it was rendered now,
/// `None` when it was kept (its text is then in the cache).
pub struct PageText {
    pub url: String,
    pub key: Fingerprint,
    /// `Some(None)`: rendered, and not to be indexed (`data-nosearch`).
    pub doc: Option<Option<Doc>>,
}

/// Writes the index (and the cache) unless every page is as before. Returns the
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
    let index_rel = site.join(search::INDEX_FILE);
    let cache_rel = PathBuf::from(CACHE_FILE);
    if sink.keep(&index_rel, key)? && sink.keep(&cache_rel, key)? {
        return Ok(None);
    }
    let mut previous: HashMap<String, Option<Doc>> = if pages.iter().any(|p| p.doc.is_none()) {
        sink.read_previous(&cache_rel)
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    } else {
        HashMap::new()
    };
    let mut cache: HashMap<String, Option<Doc>> = HashMap::with_capacity(pages.len());
    let mut indexed = Vec::with_capacity(pages.len());
    for page in pages {
        let hex = page.key.to_string();
        let doc = match page.doc {
            Some(doc) => doc,
            None => match previous.remove(&hex) {
                Some(doc) => doc,
                // No cache (an output from before caches existed): read the page.
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
        if let Some(doc) = &doc {
            indexed.push(IndexedPage {
                url: page.url,
                doc: doc.clone(),
            });
        }
        cache.insert(hex, doc);
    }
    let (index, stats) = search::build_index(&indexed);
    sink.write_keyed(&index_rel, key, index.as_bytes())?;
    let cache = serde_json::to_vec(&cache).map_err(|e| Error::Environment(e.to_string()))?;
    sink.write_keyed(&cache_rel, key, &cache)?;
    Ok(Some(stats))
}
