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
use std::time::Instant;

use rayon::prelude::*;

pub use extract::{Doc, Section, extract};

/// Where the index is written, below the site root.
pub const INDEX_FILE: &str = "assets/search-index.js";

/// One indexed page: its URL below the site root and its text.
#[derive(Debug, Clone, Copy)]
pub struct IndexedPage<'a> {
    pub url: &'a str,
    pub doc: &'a Doc,
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

/// The bigrams a section is found by: of its folded heading and text, and of
/// the page title for the first section.
fn section_bigrams(doc: &Doc, index: usize, out: &mut Vec<u64>) {
    let s = &doc.sections[index];
    let title = if index == 0 { doc.title.as_str() } else { "" };
    let text = title
        .chars()
        .chain([' '])
        .chain(s.heading.chars())
        .chain([' '])
        .chain(s.text.chars());
    fold::bigrams_of(text.map(fold::fold_char), out);
}

/// A hasher for bigram keys, which are already well spread integers; the
/// default SipHash is a large part of building the postings.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type Postings = HashMap<u64, Vec<u32>, std::hash::BuildHasherDefault<KeyHasher>>;

/// Builds the index script. Pages keep the order given (the site's reading order).
///
/// Every step runs in parallel over chunks of pages (or over bigrams) and the
/// pieces are concatenated: the index is made at the end of the build, when
/// there is nothing left to overlap it with.
pub fn build_index(pages: &[IndexedPage<'_>]) -> (String, IndexStats) {
    let started = Instant::now();
    let chunk = (pages.len() / (rayon::current_num_threads() * 8)).max(64);
    // Section ids follow page order: the first id of each chunk.
    let mut chunk_first = Vec::new();
    let mut sections: u32 = 0;
    for (i, p) in pages.iter().enumerate() {
        if i % chunk == 0 {
            chunk_first.push(sections);
        }
        sections += u32::try_from(p.doc.sections.len()).unwrap_or(u32::MAX);
    }
    // Postings of each chunk; they come out sorted because sections are visited
    // in id order and the chunks are merged in order.
    let parts: Vec<Postings> = pages
        .par_chunks(chunk)
        .zip(&chunk_first)
        .map(|(chunk, &first)| {
            let mut postings = Postings::default();
            let mut keys = Vec::new();
            let mut id = first;
            for p in chunk {
                for i in 0..p.doc.sections.len() {
                    keys.clear();
                    section_bigrams(p.doc, i, &mut keys);
                    keys.sort_unstable();
                    keys.dedup();
                    for &key in &keys {
                        postings.entry(key).or_default().push(id);
                    }
                    id += 1;
                }
            }
            postings
        })
        .collect();
    let mut keys: Vec<u64> = parts.iter().flat_map(|p| p.keys().copied()).collect();
    keys.sort_unstable();
    keys.dedup();

    // The JSON, already quoted for the script, piece by piece.
    let lists: Vec<[String; 3]> = pages
        .par_chunks(chunk)
        .enumerate()
        .map(|(c, chunk_pages)| {
            let [mut docs, mut secs, mut text] = [String::new(), String::new(), String::new()];
            for (i, p) in chunk_pages.iter().enumerate() {
                sep(&mut docs);
                docs.push('[');
                push_quoted(&mut docs, p.url);
                docs.push(',');
                push_quoted(&mut docs, &p.doc.title);
                docs.push(']');
                for s in &p.doc.sections {
                    sep(&mut secs);
                    secs.push('[');
                    push_number(&mut secs, (c * chunk + i) as u64);
                    secs.push(',');
                    push_quoted(&mut secs, &s.anchor);
                    secs.push(',');
                    push_quoted(&mut secs, &s.heading);
                    secs.push(']');
                    sep(&mut text);
                    push_quoted(&mut text, &s.text);
                }
            }
            [docs, secs, text]
        })
        .collect();
    // Each posting list is delta-encoded: [first id, gap, gap, …].
    let grams: Vec<String> = keys
        .par_iter()
        .map(|key| {
            let mut out = String::with_capacity(64);
            push_quoted(&mut out, &fold::bigram_text(*key));
            out.push_str(":[");
            let mut last = 0;
            let mut first = true;
            for ids in parts.iter().filter_map(|p| p.get(key)) {
                for &id in ids {
                    if !first {
                        out.push(',');
                    }
                    push_number(&mut out, u64::from(id - last));
                    last = id;
                    first = false;
                }
            }
            out.push(']');
            out
        })
        .collect();

    // A JSON string parsed by JSON.parse loads much faster than the same data
    // as an object literal (the browser's JSON parser is simpler than its JS one).
    let size = lists.iter().flatten().map(String::len).sum::<usize>()
        + grams.iter().map(|g| g.len() + 1).sum::<usize>();
    let mut js = String::with_capacity(size + 128);
    js.push_str("window.TEBIKI_SEARCH_INDEX=JSON.parse('{\"v\":1,\"docs\":[");
    join(&mut js, lists.iter().map(|l| &l[0]));
    js.push_str("],\"secs\":[");
    join(&mut js, lists.iter().map(|l| &l[1]));
    js.push_str("],\"text\":[");
    join(&mut js, lists.iter().map(|l| &l[2]));
    js.push_str("],\"grams\":{");
    join(&mut js, grams.iter());
    js.push_str("}}');\n");
    let stats = IndexStats {
        pages: pages.len(),
        sections: sections as usize,
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

/// Appends `text` as a JSON string inside a single-quoted JS string: escaped for
/// JSON (exactly as serde_json does), and that escaped again for the quotes
/// (`\` `'` line breaks, U+2028/9), in one pass.
fn push_quoted(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let bytes = text.as_bytes();
    let mut plain = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escaped: &str = match b {
            b'"' => "\\\\\"",
            b'\\' => "\\\\\\\\",
            b'\'' => "\\'",
            b'\n' => "\\\\n",
            b'\r' => "\\\\r",
            b'\t' => "\\\\t",
            0x08 => "\\\\b",
            0x0c => "\\\\f",
            0..=0x1f => "",
            // U+2028 and U+2029 end a line in JS source: E2 80 A8 / A9.
            0xA8 | 0xA9 if i >= 2 && bytes[i - 2] == 0xE2 && bytes[i - 1] == 0x80 => {
                out.push_str(&text[plain..i - 2]);
                out.push_str(if b == 0xA8 { "\\u2028" } else { "\\u2029" });
                plain = i + 1;
                continue;
            }
            _ => continue,
        };
        out.push_str(&text[plain..i]);
        if escaped.is_empty() {
            out.push_str("\\\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        } else {
            out.push_str(escaped);
        }
        plain = i + 1;
    }
    out.push_str(&text[plain..]);
    out.push('"');
}

fn push_number(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[i..].iter().map(|&d| char::from(d)));
}

fn sep(out: &mut String) {
    if !out.is_empty() {
        out.push(',');
    }
}

/// Appends comma-separated lists (empty ones skipped) as one list.
fn join<'a>(out: &mut String, lists: impl Iterator<Item = &'a String>) {
    let mut first = true;
    for list in lists.filter(|l| !l.is_empty()) {
        if !first {
            out.push(',');
        }
        out.push_str(list);
        first = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(url: &str, title: &str, sections: &[(&str, &str, &str)]) -> (String, Doc) {
        let doc = Doc {
            title: title.into(),
            sections: sections
                .iter()
                .map(|(a, h, t)| Section {
                    anchor: (*a).into(),
                    heading: (*h).into(),
                    text: (*t).into(),
                })
                .collect(),
        };
        (url.into(), doc)
    }

    fn build(pages: &[(String, Doc)]) -> (String, IndexStats) {
        let pages: Vec<IndexedPage> = pages
            .iter()
            .map(|(url, doc)| IndexedPage { url, doc })
            .collect();
        build_index(&pages)
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
        let (js, stats) = build(&pages);
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
        let (js, _) = build(&pages);
        assert_eq!(js.lines().count(), 1);
        let index = parse(&js);
        assert_eq!(index["docs"][0][1], "\"</script>\\'");
        assert_eq!(index["text"][0], "改行\n\u{2028}");
    }

    /// The old two-step quoting, which the one-pass [`push_quoted`] must match.
    fn quoted_in_two_steps(text: &str) -> String {
        let json = serde_json::to_string(text).unwrap();
        let mut out = String::new();
        for c in json.chars() {
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

    #[test]
    fn one_pass_quoting_equals_json_then_js_quoting() {
        let texts = [
            "",
            "夜間バッチ",
            "\"引用\" と \\ と '単引用'",
            "改行\n復帰\r\tタブ\u{8}\u{c}\u{1}\u{1f}\u{7f}",
            "\u{2028}行\u{2029}段落\u{2027}\u{202a}",
            "</script><!-- & -->",
        ];
        for text in texts {
            let mut out = String::new();
            push_quoted(&mut out, text);
            assert_eq!(out, quoted_in_two_steps(text), "{text:?}");
        }
        let mut n = String::new();
        push_number(&mut n, 0);
        n.push(' ');
        push_number(&mut n, 4_294_967_295);
        assert_eq!(n, "0 4294967295");
    }
}
