//! The site's search index in a build that keeps unchanged pages: their text is
//! not extracted again but taken from the previous build's cache of page texts
//! (`.tebiki-cache/search-docs.json`, keyed by render key), and when no page
//! changed, the index and the cache themselves are kept.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

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
    let cache_rel = PathBuf::from(CACHE_FILE);
    if keep_index(sink, site, key)? && sink.keep(&cache_rel, key)? {
        return Ok(None);
    }
    let mut previous: HashMap<String, Option<Doc>> = if pages.iter().any(|p| p.doc.is_none()) {
        sink.read_previous(&cache_rel)
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    } else {
        HashMap::new()
    };
    let mut texts: Vec<(String, Fingerprint, Option<Doc>)> = Vec::with_capacity(pages.len());
    for page in pages {
        let doc = match page.doc {
            Some(doc) => doc,
            None => match previous.remove(&page.key.to_string()) {
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
        texts.push((page.url, page.key, doc));
    }
    let indexed: Vec<IndexedPage> = texts
        .iter()
        .filter_map(|(url, _, doc)| doc.as_ref().map(|doc| IndexedPage { url, doc }))
        .collect();
    // The index and the cache are made and written side by side.
    let ((stats, index_written), cache_written) = rayon::join(
        || {
            let (files, stats) = search::build_index(&indexed);
            let written = files
                .par_iter()
                .try_for_each(|f| sink.write_keyed(&site.join(&f.path), key, f.script.as_bytes()));
            (stats, written)
        },
        || {
            let cache = cache_json(&texts)?;
            sink.write_keyed(&cache_rel, key, &cache)
        },
    );
    index_written?;
    cache_written?;
    Ok(Some(stats))
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
        let rel = site.join(search::INDEX_DIR).join(format!("{part}.js"));
        if !sink.keep(&rel, key)? {
            return Err(Error::Environment(format!(
                "前回の検索索引 {} が欠けています（--output を消してからもう一度作ってください）",
                rel.display()
            )));
        }
    }
    Ok(true)
}

/// The cache as one JSON object, render key (hex) → text, serialised in
/// parallel chunks.
fn cache_json(texts: &[(String, Fingerprint, Option<Doc>)]) -> Result<Vec<u8>, Error> {
    let parts: Vec<Vec<u8>> = texts
        .par_chunks(256)
        .map(|chunk| {
            let mut out = Vec::with_capacity(chunk.len() * 4096);
            for (_, key, doc) in chunk {
                if !out.is_empty() {
                    out.push(b',');
                }
                serde_json::to_writer(&mut out, &key.to_string())?;
                out.push(b':');
                serde_json::to_writer(&mut out, doc)?;
            }
            Ok(out)
        })
        .collect::<Result<_, serde_json::Error>>()
        .map_err(|e| Error::Environment(e.to_string()))?;
    let mut json = Vec::with_capacity(parts.iter().map(|p| p.len() + 1).sum::<usize>() + 2);
    json.push(b'{');
    for part in parts.iter().filter(|p| !p.is_empty()) {
        if json.len() > 1 {
            json.push(b',');
        }
        json.extend_from_slice(part);
    }
    json.push(b'}');
    Ok(json)
}
