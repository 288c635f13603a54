//! Making the index's scripts from the pages' texts (see [`build_index`]).

use std::collections::HashMap;
use std::time::Instant;

use rayon::prelude::*;

use super::{
    Doc, IndexFile, IndexStats, IndexedPage, PART_BYTES, TITLE_KEY, fold, gram_part, part_path,
    script,
};

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

/// Postings of a chunk of pages: bigram → sections, and title bigram → pages.
#[derive(Default)]
struct ChunkPostings {
    sections: Postings,
    titles: Postings,
}

/// Builds the index scripts. Pages keep the order given (the site's reading
/// order); pages and sections are numbered in that order.
///
/// - `index.js`: `{"v":4,"counts":[sections of each page…],"g":G,"t":[first…],
///   "n":N}`: the number of bigram parts and the first section of each text part.
///   Small, so that the first search starts fast.
/// - `g-<k>.js`: the posting lists of the bigrams whose [`gram_part`] is k: a
///   bigram's sections, and under `#` + bigram the pages whose title has it; each
///   delta-encoded (`[first id, gap, gap, …]`) or, where shorter, a base64 bitmap.
/// - `t-<k>.js`: `{"d":[[page,url,title]…],"s":[[anchor,heading,text]…]}`: the
///   sections of text part k and the pages they belong to.
///
/// Every step runs in parallel over chunks of pages (or over bigrams): the index
/// is made at the end of the build, when there is nothing left to overlap it with.
pub fn build_index(pages: &[IndexedPage<'_>]) -> (Vec<IndexFile>, IndexStats) {
    let started = Instant::now();
    let (starts, sections) = section_starts(pages);
    let parts = chunk_postings(pages, &starts);
    let lists = posting_lists(&parts, sections, pages.len() as u32);
    let bigrams = lists
        .iter()
        .filter(|l| !l.gram.starts_with(TITLE_KEY))
        .count();
    let (mut files, gram_parts) = gram_files(&lists);

    let texts = text_parts(pages, &starts);
    let text_first: Vec<u32> = texts.iter().map(|t| t.first).collect();
    files.par_extend(
        texts
            .par_iter()
            .enumerate()
            .map(|(k, part)| text_file(pages, k, part)),
    );

    let meta = meta_script(pages, gram_parts, &text_first, sections);
    files.insert(
        0,
        IndexFile {
            path: part_path("index"),
            script: script::part_script("index", &[&meta]),
        },
    );

    let stats = IndexStats {
        pages: pages.len(),
        sections: sections as usize,
        bigrams,
        files: files.len(),
        bytes: files.iter().map(|f| f.script.len()).sum(),
        largest: files.iter().map(|f| f.script.len()).max().unwrap_or(0),
        seconds: started.elapsed().as_secs_f64(),
    };
    (files, stats)
}

/// Where each page's sections start (and, last, the number of sections);
/// sections are numbered in page order.
fn section_starts(pages: &[IndexedPage<'_>]) -> (Vec<u32>, u32) {
    let mut starts = Vec::with_capacity(pages.len() + 1);
    let mut sections: u32 = 0;
    for p in pages {
        starts.push(sections);
        sections += u32::try_from(p.doc.sections.len()).unwrap_or(u32::MAX);
    }
    starts.push(sections);
    (starts, sections)
}

/// Postings of each chunk of pages; they come out sorted because sections are
/// visited in id order and the chunks are merged in order.
fn chunk_postings(pages: &[IndexedPage<'_>], starts: &[u32]) -> Vec<ChunkPostings> {
    let chunk = (pages.len() / (rayon::current_num_threads() * 8)).max(64);
    pages
        .par_chunks(chunk)
        .enumerate()
        .map(|(c, chunk_pages)| {
            let mut postings = ChunkPostings::default();
            let mut keys = Vec::new();
            for (i, p) in chunk_pages.iter().enumerate() {
                let page = (c * chunk + i) as u32;
                for (s, id) in (starts[page as usize]..)
                    .take(p.doc.sections.len())
                    .enumerate()
                {
                    keys.clear();
                    section_bigrams(p.doc, s, &mut keys);
                    // Sections come in id order: a bigram seen again in the
                    // same section ends its list already (a third faster than
                    // sorting each section's bigrams to drop the repeats).
                    for &key in &keys {
                        let list = postings.sections.entry(key).or_default();
                        if list.last() != Some(&id) {
                            list.push(id);
                        }
                    }
                }
                keys.clear();
                fold::bigrams_of(p.doc.title.chars().map(fold::fold_char), &mut keys);
                keys.sort_unstable();
                keys.dedup();
                for &key in &keys {
                    postings.titles.entry(key).or_default().push(page);
                }
            }
            postings
        })
        .collect()
}

/// A bigram's posting list: its ids in the chunks' lists, in order (merged
/// only as it is written: a copy of every list was 70 MB at 10,000 pages).
struct PostingList<'a> {
    gram: String,
    chunks: Vec<&'a [u32]>,
    /// The number of ids there could be.
    universe: u32,
}

/// Each bigram's posting list over the chunks: the sections' bigrams, then the
/// titles' under [`TITLE_KEY`].
fn posting_lists(parts: &[ChunkPostings], sections: u32, pages: u32) -> Vec<PostingList<'_>> {
    let mut lists = Vec::new();
    for (prefix, universe, pick) in [
        (
            "",
            sections,
            (|p: &ChunkPostings| &p.sections) as fn(&ChunkPostings) -> &Postings,
        ),
        (TITLE_KEY, pages, |p: &ChunkPostings| &p.titles),
    ] {
        let mut keys: Vec<u64> = parts.iter().flat_map(|p| pick(p).keys().copied()).collect();
        keys.sort_unstable();
        keys.dedup();
        lists.par_extend(keys.par_iter().map(|key| {
            PostingList {
                gram: format!("{prefix}{}", fold::bigram_text(*key)),
                chunks: parts
                    .iter()
                    .filter_map(|p| pick(p).get(key).map(Vec::as_slice))
                    .collect(),
                universe,
            }
        }));
    }
    lists
}

/// Each posting list as `"gram":…`, grouped into the `g-<k>.js` parts by
/// [`gram_part`]. Returns the files and the number of parts.
fn gram_files(lists: &[PostingList<'_>]) -> (Vec<IndexFile>, u32) {
    let grams: Vec<(&str, String)> = lists
        .par_iter()
        .map(|list| {
            let mut out = String::with_capacity(64);
            script::push_quoted(&mut out, &list.gram);
            out.push(':');
            push_postings(&mut out, &list.chunks, list.universe);
            (list.gram.as_str(), out)
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
        path: part_path(&format!("g-{k}")),
        script: script::part_script(&format!("g-{k}"), &["{", list, "}"]),
    }));
    (files, gram_parts)
}

/// `t-<k>.js`: the pages of text part `k` and its sections' texts.
fn text_file(pages: &[IndexedPage<'_>], k: usize, part: &TextPart) -> IndexFile {
    let mut docs = String::new();
    for &page in &part.pages {
        let p = &pages[page as usize];
        script::sep(&mut docs);
        docs.push('[');
        script::push_number(&mut docs, u64::from(page));
        docs.push(',');
        script::push_quoted(&mut docs, p.url);
        docs.push(',');
        script::push_quoted(&mut docs, &p.doc.title);
        docs.push(']');
    }
    let mut secs = String::with_capacity(part.bytes);
    for (page, s) in &part.sections {
        let s = &pages[*page as usize].doc.sections[*s];
        script::sep(&mut secs);
        secs.push('[');
        script::push_quoted(&mut secs, &s.anchor);
        secs.push(',');
        script::push_quoted(&mut secs, &s.heading);
        secs.push(',');
        script::push_quoted(&mut secs, &s.text);
        secs.push(']');
    }
    IndexFile {
        path: part_path(&format!("t-{k}")),
        script: script::part_script(
            &format!("t-{k}"),
            &["{\"d\":[", &docs, "],\"s\":[", &secs, "]}"],
        ),
    }
}

/// The object of `index.js`: the sections of each page, the number of bigram
/// parts, the first section of each text part and the number of sections.
fn meta_script(
    pages: &[IndexedPage<'_>],
    gram_parts: u32,
    text_first: &[u32],
    sections: u32,
) -> String {
    let mut meta = String::from("{\"v\":4,\"counts\":[");
    for (i, p) in pages.iter().enumerate() {
        if i > 0 {
            meta.push(',');
        }
        script::push_number(&mut meta, p.doc.sections.len() as u64);
    }
    meta.push_str("],\"g\":");
    script::push_number(&mut meta, u64::from(gram_parts));
    meta.push_str(",\"t\":[");
    for (i, first) in text_first.iter().enumerate() {
        if i > 0 {
            meta.push(',');
        }
        script::push_number(&mut meta, u64::from(*first));
    }
    meta.push_str("],\"n\":");
    script::push_number(&mut meta, u64::from(sections));
    meta.push('}');
    meta
}

/// Appends a sorted posting list over ids `0..universe` (given as the ids of
/// `chunks` in order): `[first, gap, gap, …]`, or `"<base64>"`, a bitmap (bit i
/// of byte i / 8, lowest bit first), when that is shorter: a bigram in most
/// sections (ます, する) is then one bit a section instead of about two bytes.
/// The list's length is worked out first, so the longer form is never written.
fn push_postings(out: &mut String, chunks: &[&[u32]], universe: u32) {
    let ids = || chunks.iter().flat_map(|c| c.iter().copied());
    let bitmap_len = (universe as usize).div_ceil(8).div_ceil(3) * 4 + 2;
    let mut list_len = 2;
    let mut last = 0;
    for (i, id) in ids().enumerate() {
        list_len += usize::from(i > 0) + script::number_len(u64::from(id - last));
        last = id;
    }
    if list_len > bitmap_len {
        let mut bits = vec![0u8; (universe as usize).div_ceil(8)];
        for id in ids() {
            bits[id as usize / 8] |= 1 << (id % 8);
        }
        out.push('"');
        script::push_base64(out, &bits);
        out.push('"');
        return;
    }
    out.reserve(list_len);
    out.push('[');
    let mut last = 0;
    for (i, id) in ids().enumerate() {
        if i > 0 {
            out.push(',');
        }
        script::push_number(out, u64::from(id - last));
        last = id;
    }
    out.push(']');
}

/// One text part: consecutive sections, and every page they belong to.
struct TextPart {
    first: u32,
    /// (page, section of the page).
    sections: Vec<(u32, usize)>,
    pages: Vec<u32>,
    bytes: usize,
}

/// Cuts the sections into parts of about [`PART_BYTES`] of text. A page lies in
/// every part that holds one of its sections; a page without sections in the
/// part where its sections would start (the last, at the end).
fn text_parts(pages: &[IndexedPage<'_>], starts: &[u32]) -> Vec<TextPart> {
    let new_part = |first| TextPart {
        first,
        sections: Vec::new(),
        pages: Vec::new(),
        bytes: 0,
    };
    let mut parts = Vec::new();
    let mut current = new_part(0);
    for (page, p) in pages.iter().enumerate() {
        let page = page as u32;
        for (s, section) in p.doc.sections.iter().enumerate() {
            if current.bytes >= PART_BYTES {
                let next = new_part(starts[page as usize] + s as u32);
                parts.push(std::mem::replace(&mut current, next));
            }
            current.sections.push((page, s));
            current.bytes += section.text.len() + section.heading.len() + section.anchor.len() + 16;
            if current.pages.last() != Some(&page) {
                current.pages.push(page);
            }
        }
        if p.doc.sections.is_empty() {
            current.pages.push(page);
        }
    }
    parts.push(current);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Section;

    #[test]
    fn every_text_part_names_the_pages_of_its_sections() {
        let big = "夜".repeat(PART_BYTES / 3 / 2);
        let section = |text: &str| Section {
            anchor: String::new(),
            heading: String::new(),
            text: text.to_string(),
        };
        // A page of five large sections spans parts; empty pages sit between.
        let docs = [
            Doc {
                title: "a".into(),
                sections: vec![section("x")],
            },
            Doc {
                title: "b".into(),
                sections: (0..5).map(|_| section(&big)).collect(),
            },
            Doc {
                title: "c".into(),
                sections: Vec::new(),
            },
            Doc {
                title: "d".into(),
                sections: vec![section(&big), section("y")],
            },
        ];
        let pages: Vec<IndexedPage> = docs
            .iter()
            .map(|doc| IndexedPage { url: "p.html", doc })
            .collect();
        let mut starts = vec![0];
        for d in &docs {
            starts.push(starts.last().unwrap() + d.sections.len() as u32);
        }
        let parts = text_parts(&pages, &starts);
        assert!(parts.len() >= 3, "{} parts", parts.len());
        let mut next = 0;
        for part in &parts {
            assert_eq!(part.first, next);
            for (page, _) in &part.sections {
                assert!(part.pages.contains(page), "page {page} missing");
            }
            next += part.sections.len() as u32;
        }
        assert_eq!(next, 8);
        assert!(parts.iter().any(|p| p.pages.contains(&2)));
        assert_eq!(parts.iter().filter(|p| p.pages.contains(&1)).count(), 3);
    }
}
