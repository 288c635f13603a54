//! The offline search index: built from the HTML of every page the site renderer
//! wrote, written as plain scripts (`assets/search/*.js`) that
//! templates/static/search.js loads with a `<script>` element, so search works
//! from file:// with no fetch, no server and no third-party service.
//!
//! Japanese has no spaces between words, so the index is by character bigram:
//! each pair of adjacent word characters (after [`fold`]) maps to the sections
//! that contain it. A query's bigrams narrow the candidates; the script then
//! checks each candidate for the exact (folded) query and ranks the hits. The
//! index is split into parts so that a query loads only what it needs.

mod build;
pub mod extract;
pub mod fold;
mod read;
pub mod script;

pub use build::build_index;
pub use extract::{Doc, Section, extract};
pub use read::{read_docs, read_index, read_part_names};

/// Where the index's scripts are written, below the site root.
pub const INDEX_DIR: &str = "assets/search";

/// The index's first script, below the site root: the pages' section counts and
/// how the rest is split. The other parts are beside it (see [`build_index`]).
pub const INDEX_FILE: &str = "assets/search/index.js";

/// Where the script of index part `part` (`index`, `g-0`, `t-0`, …) is, below
/// the site root.
pub fn part_path(part: &str) -> String {
    format!("{INDEX_DIR}/{part}.js")
}

/// Before a bigram in the bigram parts: the pages whose title has it.
const TITLE_KEY: &str = "#";

/// Roughly how big one part of the bigram table or of the texts may grow: the
/// browser loads only the parts a query needs, each in a few milliseconds.
const PART_BYTES: usize = 192 * 1024;

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

/// One script of the index: its path below the site root and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexFile {
    pub path: String,
    pub script: String,
}

/// Which part of the bigram table holds `gram` when there are `parts` parts:
/// a hash of its UTF-16 units, which templates/static/search.js computes alike.
/// A title bigram (`#` + bigram) is in its bigram's part: a query needs both.
pub fn gram_part(gram: &str, parts: u32) -> u32 {
    let gram = gram.strip_prefix(TITLE_KEY).unwrap_or(gram);
    let hash = gram.encode_utf16().fold(0u32, |h, unit| {
        h.wrapping_mul(31).wrapping_add(u32::from(unit))
    });
    hash % parts.max(1)
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
        // Title bigrams lead to pages, not sections.
        assert_eq!(index["titles"]["夜間"], serde_json::json!([0]));
        assert_eq!(index["titles"]["稼働"], serde_json::json!([1]));
        assert_eq!(index["titles"]["バッ"], serde_json::Value::Null);
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
        assert_eq!(gram_part("#夜間", 7), gram_part("夜間", 7));
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
        assert_eq!(part_path("index"), INDEX_FILE);
        let docs = read_docs(|path| {
            files
                .iter()
                .find(|f| f.path == path)
                .map(|f| f.script.clone())
        })
        .expect("docs");
        assert_eq!(docs, pages);
        // A missing text part is no index at all, not a partial one.
        assert!(
            read_docs(|path| files
                .iter()
                .find(|f| f.path == path && path != part_path("t-0"))
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
        // A page without sections keeps its place and title.
        let (files, _) = build(&[page("b.html", "タブ\tの題", &[]), page("c.html", "次", &[])]);
        let tabbed = parse(&files);
        assert_eq!(tabbed["docs"][0][1], "タブ\tの題");
        assert_eq!(tabbed["docs"][1][1], "次");
        assert_eq!(index["text"][0], "改行\n\u{2028}");
    }
}
