//! The offline search index: built from the HTML of every page the site renderer
//! wrote, written as plain scripts (`assets/search/*.js`) that
//! templates/static/search.js loads with a `<script>` element, so search works
//! from file:// with no fetch, no server and no third-party service.
//!
//! Japanese has no spaces between words, so the index is by character bigram:
//! each pair of adjacent word characters (after [`fold`]) maps to the sections
//! that contain it. A query's bigrams narrow the candidates; the script then
//! checks each candidate for the exact (folded) query and ranks the hits.

pub mod extract;
pub mod fold;
pub mod script;

use std::collections::HashMap;
use std::time::Instant;

use rayon::prelude::*;

pub use extract::{Doc, Section, extract};

/// Where the index's scripts are written, below the site root.
pub const INDEX_DIR: &str = "assets/search";

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
    pub files: usize,
    pub bytes: usize,
    pub largest: usize,
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

/// The index's first script, below the site root: the list of pages and how
/// the rest is split. The other parts are beside it (see [`build_index`]).
pub const INDEX_FILE: &str = "assets/search/index.js";

/// Between the pages' URLs, and between their titles, in the first part (a tab
/// in a title becomes a space).
const LIST_SEP: &str = "\t";

/// Roughly how big one part of the bigram table or of the texts may grow: the
/// browser loads only the parts a query needs, each in a few milliseconds.
const PART_BYTES: usize = 192 * 1024;

/// One script of the index: its path below the site root and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexFile {
    pub path: String,
    pub script: String,
}

/// Which part of the bigram table holds `gram` when there are `parts` parts:
/// a hash of its UTF-16 units, which templates/static/search.js computes alike.
pub fn gram_part(gram: &str, parts: u32) -> u32 {
    let hash = gram.encode_utf16().fold(0u32, |h, unit| {
        h.wrapping_mul(31).wrapping_add(u32::from(unit))
    });
    hash % parts.max(1)
}

/// Builds the index scripts. Pages keep the order given (the site's reading
/// order); sections are numbered in that order.
///
/// - `index.js`: `{"v":3,"urls":"…","titles":"…","counts":[sections…],"g":G,
///   "t":[first…],"n":N}`: the pages (URLs and titles joined by a tab, the number
///   of sections of each), the number of bigram parts and the first section of
///   each text part;
/// - `g-<k>.js`: the posting lists of the bigrams whose [`gram_part`] is k, each
///   delta-encoded (`[first id, gap, gap, …]`) or, where shorter, a base64 bitmap;
/// - `t-<k>.js`: `[[anchor,heading,text]…]` for the sections of text part k.
///
/// Every step runs in parallel over chunks of pages (or over bigrams): the index
/// is made at the end of the build, when there is nothing left to overlap it with.
pub fn build_index(pages: &[IndexedPage<'_>]) -> (Vec<IndexFile>, IndexStats) {
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

    // The JSON, already quoted for the scripts, piece by piece: the pages of
    // each chunk, and each section's entry of the texts.
    let pieces: Vec<([String; 3], Vec<String>)> = pages
        .par_chunks(chunk)
        .map(|chunk_pages| {
            let [mut urls, mut titles, mut counts] = [String::new(), String::new(), String::new()];
            let mut secs = Vec::new();
            for p in chunk_pages {
                if !counts.is_empty() {
                    script::push_escaped(&mut urls, LIST_SEP);
                    script::push_escaped(&mut titles, LIST_SEP);
                }
                script::push_escaped(&mut urls, &p.url.replace(LIST_SEP, " "));
                script::push_escaped(&mut titles, &p.doc.title.replace(LIST_SEP, " "));
                script::sep(&mut counts);
                script::push_number(&mut counts, p.doc.sections.len() as u64);
                for s in &p.doc.sections {
                    let mut entry = String::with_capacity(s.text.len() + 64);
                    entry.push('[');
                    script::push_quoted(&mut entry, &s.anchor);
                    entry.push(',');
                    script::push_quoted(&mut entry, &s.heading);
                    entry.push(',');
                    script::push_quoted(&mut entry, &s.text);
                    entry.push(']');
                    secs.push(entry);
                }
            }
            ([urls, titles, counts], secs)
        })
        .collect();
    // Each posting list: `"gram":[first id, gap, gap, …]`, or, when that is
    // longer, `"gram":"<base64>"`, a bitmap of the sections (bit i of byte
    // i / 8, lowest bit first): a bigram in most sections (ます, する) is then
    // one bit a section instead of about two bytes.
    let bitmap_len = (sections as usize).div_ceil(8).div_ceil(3) * 4 + 2;
    let grams: Vec<(String, String)> = keys
        .par_iter()
        .map(|key| {
            let gram = fold::bigram_text(*key);
            let mut out = String::with_capacity(64);
            script::push_quoted(&mut out, &gram);
            out.push(':');
            let start = out.len();
            out.push('[');
            let mut last = 0;
            let mut first = true;
            for ids in parts.iter().filter_map(|p| p.get(key)) {
                for &id in ids {
                    if !first {
                        out.push(',');
                    }
                    script::push_number(&mut out, u64::from(id - last));
                    last = id;
                    first = false;
                }
            }
            out.push(']');
            if out.len() - start > bitmap_len {
                let mut bits = vec![0u8; (sections as usize).div_ceil(8)];
                for &id in parts.iter().filter_map(|p| p.get(key)).flatten() {
                    bits[id as usize / 8] |= 1 << (id % 8);
                }
                out.truncate(start);
                out.push('"');
                script::push_base64(&mut out, &bits);
                out.push('"');
            }
            (gram, out)
        })
        .collect();

    let mut files = Vec::new();
    let gram_bytes: usize = grams.iter().map(|(_, g)| g.len() + 1).sum();
    let gram_parts = u32::try_from(gram_bytes.div_ceil(PART_BYTES).max(1)).unwrap_or(u32::MAX);
    let mut by_part: Vec<String> = vec![String::new(); gram_parts as usize];
    for (gram, list) in &grams {
        let part = &mut by_part[gram_part(gram, gram_parts) as usize];
        script::sep(part);
        part.push_str(list);
    }
    files.par_extend(by_part.par_iter().enumerate().map(|(k, list)| IndexFile {
        path: format!("{INDEX_DIR}/g-{k}.js"),
        script: script::part_script(&format!("g-{k}"), &["{", list, "}"]),
    }));

    // Text parts: consecutive sections, cut when a part has grown past the size.
    let entries: Vec<&String> = pieces.iter().flat_map(|(_, secs)| secs).collect();
    let mut text_first = vec![0usize];
    let mut size = 0;
    for (id, entry) in entries.iter().enumerate() {
        if size >= PART_BYTES {
            text_first.push(id);
            size = 0;
        }
        size += entry.len() + 1;
    }
    let text_ranges: Vec<(usize, usize)> = text_first
        .iter()
        .zip(text_first.iter().skip(1).chain([&entries.len()]))
        .map(|(&a, &b)| (a, b))
        .collect();
    files.par_extend(text_ranges.par_iter().enumerate().map(|(k, &(a, b))| {
        let mut list = String::with_capacity(entries[a..b].iter().map(|e| e.len() + 1).sum());
        script::join(&mut list, entries[a..b].iter().map(|e| e.as_str()));
        IndexFile {
            path: format!("{INDEX_DIR}/t-{k}.js"),
            script: script::part_script(&format!("t-{k}"), &["[", &list, "]"]),
        }
    }));

    // The pages as two strings and a list (URLs and titles joined by a tab):
    // the browser parses that far faster than one small array a page.
    let mut sep = String::new();
    script::push_escaped(&mut sep, LIST_SEP);
    let mut meta = String::from("{\"v\":3,\"urls\":\"");
    let non_empty = || pieces.iter().filter(|(p, _)| !p[2].is_empty());
    meta.push_str(
        &non_empty()
            .map(|(p, _)| p[0].as_str())
            .collect::<Vec<_>>()
            .join(&sep),
    );
    meta.push_str("\",\"titles\":\"");
    meta.push_str(
        &non_empty()
            .map(|(p, _)| p[1].as_str())
            .collect::<Vec<_>>()
            .join(&sep),
    );
    meta.push_str("\",\"counts\":[");
    script::join(&mut meta, pieces.iter().map(|(p, _)| p[2].as_str()));
    meta.push_str("],\"g\":");
    script::push_number(&mut meta, u64::from(gram_parts));
    meta.push_str(",\"t\":[");
    for (i, first) in text_first.iter().enumerate() {
        if i > 0 {
            meta.push(',');
        }
        script::push_number(&mut meta, *first as u64);
    }
    meta.push_str("],\"n\":");
    script::push_number(&mut meta, u64::from(sections));
    meta.push('}');
    files.insert(
        0,
        IndexFile {
            path: INDEX_FILE.to_string(),
            script: script::part_script("index", &[&meta]),
        },
    );

    let stats = IndexStats {
        pages: pages.len(),
        sections: sections as usize,
        bigrams: keys.len(),
        files: files.len(),
        bytes: files.iter().map(|f| f.script.len()).sum(),
        largest: files.iter().map(|f| f.script.len()).max().unwrap_or(0),
        seconds: started.elapsed().as_secs_f64(),
    };
    (files, stats)
}

/// The names of the other parts (`g-0`, `t-0`, …) an index's first script lists.
pub fn read_part_names(meta_script: &str) -> Option<Vec<String>> {
    let (name, meta) = script::read_part(meta_script)?;
    if name != "index" {
        return None;
    }
    let grams = (0..meta["g"].as_u64()?).map(|k| format!("g-{k}"));
    let texts = (0..meta["t"].as_array()?.len()).map(|k| format!("t-{k}"));
    Some(grams.chain(texts).collect())
}

/// The pages' URLs and texts in an index, in its order, reading its scripts by
/// part name (`index`, `t-0`, …); the bigram parts are not needed.
pub fn read_docs(read: impl Fn(&str) -> Option<String>) -> Option<Vec<(String, Doc)>> {
    let (_, meta) = script::read_part(&read("index")?)?;
    let mut sections = Vec::with_capacity(meta["n"].as_u64()? as usize);
    for k in 0..meta["t"].as_array()?.len() {
        let (_, part) = script::read_part(&read(&format!("t-{k}"))?)?;
        for entry in part.as_array()? {
            sections.push(Section {
                anchor: entry[0].as_str()?.to_string(),
                heading: entry[1].as_str()?.to_string(),
                text: entry[2].as_str()?.to_string(),
            });
        }
    }
    let mut sections = sections.into_iter();
    let mut docs = Vec::new();
    for (url, title, count) in meta_docs(&meta)? {
        let doc = Doc {
            title: title.to_string(),
            sections: sections.by_ref().take(count).collect(),
        };
        if doc.sections.len() != count {
            return None;
        }
        docs.push((url.to_string(), doc));
    }
    Some(docs)
}

/// Each page's URL, title and number of sections, from the first part.
fn meta_docs(meta: &serde_json::Value) -> Option<Vec<(&str, &str, usize)>> {
    let counts = meta["counts"].as_array()?;
    let split = |list: &'static str| -> Option<Vec<&str>> {
        let joined = meta[list].as_str()?;
        Some(if counts.is_empty() {
            Vec::new()
        } else {
            joined.split(LIST_SEP).collect()
        })
    };
    let (urls, titles) = (split("urls")?, split("titles")?);
    if urls.len() != counts.len() || titles.len() != counts.len() {
        return None;
    }
    let counts: Option<Vec<usize>> = counts
        .iter()
        .map(|c| usize::try_from(c.as_u64()?).ok())
        .collect();
    Some(
        urls.into_iter()
            .zip(titles)
            .zip(counts?)
            .map(|((u, t), c)| (u, t, c))
            .collect(),
    )
}

/// The whole index as one value, from the scripts [`build_index`] wrote (for
/// tests and tools): `{"docs":[[url,title]…],"secs":[[doc,anchor,heading]…],
/// "text":[…],"grams":{gram:[deltas]…},"parts":{"g":G,"t":T}}`.
pub fn read_index<'a>(scripts: impl IntoIterator<Item = &'a str>) -> Option<serde_json::Value> {
    use serde_json::{Map, Value, json};
    let mut parts: HashMap<String, Value> = HashMap::new();
    for js in scripts {
        let (name, value) = script::read_part(js)?;
        parts.insert(name, value);
    }
    let meta = parts.get("index")?;
    let (mut docs, mut secs) = (Vec::new(), Vec::new());
    for (i, (url, title, count)) in meta_docs(meta)?.into_iter().enumerate() {
        docs.push(json!([url, title]));
        secs.extend((0..count).map(|_| json!([i])));
    }
    let mut text = Vec::new();
    for k in 0..meta["t"].as_array()?.len() {
        for entry in parts.get(&format!("t-{k}"))?.as_array()? {
            let id = text.len();
            let sec = secs.get_mut(id)?.as_array_mut()?;
            sec.push(entry[0].clone());
            sec.push(entry[1].clone());
            text.push(entry[2].clone());
        }
    }
    let gram_parts = meta["g"].as_u64()?;
    let mut grams = Map::new();
    for k in 0..gram_parts {
        for (gram, list) in parts.get(&format!("g-{k}"))?.as_object()? {
            if u64::from(gram_part(gram, u32::try_from(gram_parts).ok()?)) != k {
                return None;
            }
            grams.insert(gram.clone(), as_deltas(list)?);
        }
    }
    (text.len() == secs.len()).then(|| {
        json!({"docs": docs, "secs": secs, "text": text, "grams": grams,
               "parts": {"g": gram_parts, "t": meta["t"].as_array().map(Vec::len)}})
    })
}

/// A posting list as written, a delta array or a base64 bitmap, as deltas.
fn as_deltas(list: &serde_json::Value) -> Option<serde_json::Value> {
    let Some(encoded) = list.as_str() else {
        return Some(list.clone());
    };
    let bits = script::read_base64(encoded)?;
    let mut deltas = Vec::new();
    let mut last = 0;
    for (i, byte) in bits.iter().enumerate() {
        for bit in 0..8 {
            if byte & (1 << bit) != 0 {
                let id = i * 8 + bit;
                deltas.push(id - last);
                last = id;
            }
        }
    }
    Some(deltas.into())
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

    fn build(pages: &[(String, Doc)]) -> (Vec<IndexFile>, IndexStats) {
        let pages: Vec<IndexedPage> = pages
            .iter()
            .map(|(url, doc)| IndexedPage { url, doc })
            .collect();
        build_index(&pages)
    }

    fn parse(files: &[IndexFile]) -> serde_json::Value {
        read_index(files.iter().map(|f| f.script.as_str())).expect("index scripts")
    }

    #[test]
    fn postings_are_delta_encoded_section_ids() {
        let pages = [
            page("a.html", "夜間", &[("", "", "バッチ")]),
            page("b.html", "稼働", &[("", "", "前"), ("x", "夜間", "バッチ")]),
        ];
        let (files, stats) = build(&pages);
        let index = parse(&files);
        assert_eq!(stats.sections, 3);
        assert_eq!(index["docs"][1][0], "b.html");
        assert_eq!(index["secs"][2], serde_json::json!([1, "x", "夜間"]));
        assert_eq!(index["grams"]["夜間"], serde_json::json!([0, 2]));
        assert_eq!(index["grams"]["バッ"], serde_json::json!([0, 2]));
        assert_eq!(index["grams"]["稼働"], serde_json::json!([1]));
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            [INDEX_FILE, "assets/search/g-0.js", "assets/search/t-0.js"]
        );
        assert_eq!(
            stats.bytes,
            files.iter().map(|f| f.script.len()).sum::<usize>()
        );
    }

    #[test]
    fn a_large_index_is_split_into_parts_that_each_stay_small() {
        // 3,000 pages of distinct text: several bigram parts and text parts.
        let texts: Vec<String> = (0..3000u32)
            .map(|i| {
                let mut text: String = (0..120u32)
                    .filter_map(|j| char::from_u32(0x4E00 + (i * 7 + j * 13) % 20000))
                    .collect();
                text.push_str(&format!(" 夜間バッチ {i}"));
                text
            })
            .collect();
        let pages: Vec<(String, Doc)> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| page(&format!("p{i}.html"), "頁", &[("", "", t)]))
            .collect();
        let (files, stats) = build(&pages);
        let index = parse(&files);
        let g = index["parts"]["g"].as_u64().unwrap();
        let t = index["parts"]["t"].as_u64().unwrap();
        assert!(g > 1 && t > 1, "{g} bigram parts, {t} text parts");
        assert_eq!(files.len() as u64, 1 + g + t);
        assert!(stats.largest < PART_BYTES * 2, "{}", stats.largest);
        // Every page is found again through its bigrams, whichever part holds them.
        let ids: Vec<u64> = {
            let mut last = 0;
            index["grams"]["夜間"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    last += d.as_u64().unwrap();
                    last
                })
                .collect()
        };
        assert_eq!(ids, (0..3000).collect::<Vec<u64>>());
        // A bigram in every section is written as a bitmap, a rare one as deltas.
        let raw = |gram: &str| {
            files.iter().find_map(|f| {
                let at = f.script.find(&format!("\"{gram}\":"))?;
                f.script[at..].chars().nth(gram.chars().count() + 3)
            })
        };
        assert_eq!(raw("夜間"), Some('"'));
        assert_eq!(raw("29"), Some('['));
        assert_eq!(
            index["text"][2999],
            serde_json::Value::from(texts[2999].clone())
        );
    }

    #[test]
    fn gram_parts_follow_the_hash_the_script_computes() {
        // "夜間" is U+591C U+9593: (0x591C * 31 + 0x9593) mod 7.
        assert_eq!(gram_part("夜間", 7), (0x591C * 31 + 0x9593) % 7);
        assert_eq!(gram_part("ab", 1), 0);
        // Non-BMP characters hash by their UTF-16 units, as in JS.
        let units: Vec<u32> = "𠮷野".encode_utf16().map(u32::from).collect();
        let expected = units
            .iter()
            .fold(0u32, |h, &u| h.wrapping_mul(31).wrapping_add(u))
            % 5;
        assert_eq!(gram_part("𠮷野", 5), expected);
    }

    #[test]
    fn page_texts_read_back_from_the_index_by_url() {
        let pages = [
            page("a.html", "夜間", &[("", "", "バッチ")]),
            page("b.html", "空", &[]),
            page("c.html", "稼働", &[("", "", "前"), ("x", "夜間", "'\"\n")]),
        ];
        let (files, _) = build(&pages);
        let docs = read_docs(|name| {
            let path = format!("{INDEX_DIR}/{name}.js");
            files
                .iter()
                .find(|f| f.path == path)
                .map(|f| f.script.clone())
        })
        .expect("docs");
        assert_eq!(docs, pages);
        // A missing text part is no index at all, not a partial one.
        assert!(
            read_docs(|name| files
                .iter()
                .find(|f| name != "t-0" && f.path.ends_with(&format!("/{name}.js")))
                .map(|f| f.script.clone()))
            .is_none()
        );
    }

    #[test]
    fn index_text_is_json_escaped() {
        let pages = [page(
            "a.html",
            "\"</script>\\'",
            &[("", "", "改行\n\u{2028}")],
        )];
        let (files, _) = build(&pages);
        assert!(files.iter().all(|f| f.script.lines().count() == 1));
        let index = parse(&files);
        assert_eq!(index["docs"][0][1], "\"</script>\\'");
        // The separator of the page list cannot split a title.
        let (files, _) = build(&[page("b.html", "タブ\tの題", &[]), page("c.html", "次", &[])]);
        let tabbed = parse(&files);
        assert_eq!(tabbed["docs"][0][1], "タブ の題");
        assert_eq!(tabbed["docs"][1][1], "次");
        assert_eq!(index["text"][0], "改行\n\u{2028}");
    }
}
