//! The offline search index: built from the HTML of every page the site renderer
//! wrote, written as a plain script (`assets/search-index.js`) that
//! templates/static/search.js loads with a `<script>` element, so search works
//! from file:// with no fetch, no server and no third-party service.
//!
//! Japanese has no spaces between words, so the index is by character bigram:
//! each pair of adjacent word characters (after [`fold`]) maps to the sections
//! that contain it. A query's bigrams narrow the candidates; the script then
//! checks each candidate for the exact (folded) query and ranks the hits.

pub mod extract;
pub mod fold;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::Instant;

use rayon::prelude::*;

pub use extract::{Doc, Section, extract};

/// Where the index is written, below the site root.
pub const INDEX_FILE: &str = "assets/search-index.js";

/// One indexed page: its URL below the site root and its text.
#[derive(Debug, Clone)]
pub struct IndexedPage {
    pub url: String,
    pub doc: Doc,
}

/// How big the index is and how long it took, for the build log and the bench.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexStats {
    pub pages: usize,
    pub sections: usize,
    pub bigrams: usize,
    pub bytes: usize,
    pub seconds: f64,
}

/// The text a section is found by: the page title belongs to its first section.
fn searchable(doc: &Doc, index: usize) -> String {
    let s = &doc.sections[index];
    let title = if index == 0 { doc.title.as_str() } else { "" };
    fold::fold(&format!("{title} {} {}", s.heading, s.text))
}

/// Builds the index script. Pages keep the order given (the site's reading order).
pub fn build_index(pages: &[IndexedPage]) -> (String, IndexStats) {
    let started = Instant::now();
    // Distinct bigrams of every section, in parallel; section ids follow page order.
    let per_page: Vec<Vec<Vec<u64>>> = pages
        .par_iter()
        .map(|p| {
            (0..p.doc.sections.len())
                .map(|i| {
                    let mut keys = Vec::new();
                    fold::bigrams(&searchable(&p.doc, i), &mut keys);
                    keys.sort_unstable();
                    keys.dedup();
                    keys
                })
                .collect()
        })
        .collect();
    // Postings come out sorted because sections are visited in id order.
    let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
    let mut section_id: u32 = 0;
    for page in &per_page {
        for keys in page {
            for &key in keys {
                postings.entry(key).or_default().push(section_id);
            }
            section_id += 1;
        }
    }
    let mut keys: Vec<u64> = postings.keys().copied().collect();
    keys.sort_unstable();

    let mut js = String::with_capacity(1 << 16);
    js.push_str("{\"v\":1,\"docs\":[");
    for (i, p) in pages.iter().enumerate() {
        sep(&mut js, i);
        let _ = write!(js, "[{},{}]", json(&p.url), json(&p.doc.title));
    }
    js.push_str("],\"secs\":[");
    let mut n = 0;
    for (d, p) in pages.iter().enumerate() {
        for s in &p.doc.sections {
            sep(&mut js, n);
            let _ = write!(js, "[{d},{},{}]", json(&s.anchor), json(&s.heading));
            n += 1;
        }
    }
    js.push_str("],\"text\":[");
    let mut n = 0;
    for p in pages {
        for s in &p.doc.sections {
            sep(&mut js, n);
            js.push_str(&json(&s.text));
            n += 1;
        }
    }
    // Each posting list is delta-encoded: [first id, gap, gap, …].
    js.push_str("],\"grams\":{");
    for (i, key) in keys.iter().enumerate() {
        sep(&mut js, i);
        js.push_str(&json(&fold::bigram_text(*key)));
        js.push_str(":[");
        let mut last = 0;
        for (j, id) in postings[key].iter().enumerate() {
            sep(&mut js, j);
            let _ = write!(js, "{}", id - last);
            last = *id;
        }
        js.push(']');
    }
    js.push_str("}}");
    // A JSON string parsed by JSON.parse loads much faster than the same data
    // as an object literal (the browser's JSON parser is simpler than its JS one).
    let js = format!(
        "window.TEBIKI_SEARCH_INDEX=JSON.parse('{}');\n",
        js_single_quoted(&js)
    );
    let stats = IndexStats {
        pages: pages.len(),
        sections: section_id as usize,
        bigrams: keys.len(),
        bytes: js.len(),
        seconds: started.elapsed().as_secs_f64(),
    };
    (js, stats)
}

/// The data of an index script written by [`build_index`] (for tests and tools).
pub fn read_index(js: &str) -> Option<serde_json::Value> {
    let quoted = js
        .strip_prefix("window.TEBIKI_SEARCH_INDEX=JSON.parse('")?
        .strip_suffix("');\n")?;
    let mut json = String::with_capacity(quoted.len());
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            json.push(c);
            continue;
        }
        match chars.next()? {
            'n' => json.push('\n'),
            'r' => json.push('\r'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                json.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            other => json.push(other),
        }
    }
    serde_json::from_str(&json).ok()
}

/// `text` as the inside of a single-quoted JS string.
fn js_single_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn sep(out: &mut String, i: usize) {
    if i > 0 {
        out.push(',');
    }
}

fn json(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str, title: &str, sections: &[(&str, &str, &str)]) -> IndexedPage {
        IndexedPage {
            url: url.into(),
            doc: Doc {
                title: title.into(),
                sections: sections
                    .iter()
                    .map(|(a, h, t)| Section {
                        anchor: (*a).into(),
                        heading: (*h).into(),
                        text: (*t).into(),
                    })
                    .collect(),
            },
        }
    }

    fn parse(js: &str) -> serde_json::Value {
        read_index(js).expect("index script")
    }

    #[test]
    fn postings_are_delta_encoded_section_ids() {
        let pages = [
            page("a.html", "夜間", &[("", "", "バッチ")]),
            page("b.html", "稼働", &[("", "", "前"), ("x", "夜間", "バッチ")]),
        ];
        let (js, stats) = build_index(&pages);
        let index = parse(&js);
        assert_eq!(stats.sections, 3);
        assert_eq!(index["docs"][1][0], "b.html");
        assert_eq!(index["secs"][2], serde_json::json!([1, "x", "夜間"]));
        assert_eq!(index["grams"]["夜間"], serde_json::json!([0, 2]));
        assert_eq!(index["grams"]["バッ"], serde_json::json!([0, 2]));
        assert_eq!(index["grams"]["稼働"], serde_json::json!([1]));
        assert_eq!(stats.bytes, js.len());
    }

    #[test]
    fn index_text_is_json_escaped() {
        let pages = [page(
            "a.html",
            "\"</script>\\'",
            &[("", "", "改行\n\u{2028}")],
        )];
        let (js, _) = build_index(&pages);
        assert_eq!(js.lines().count(), 1);
        let index = parse(&js);
        assert_eq!(index["docs"][0][1], "\"</script>\\'");
        assert_eq!(index["text"][0], "改行\n\u{2028}");
    }
}
