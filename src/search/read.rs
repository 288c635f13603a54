//! Reading back the scripts [`super::build_index`] wrote: the kept pages' texts
//! for an incremental build, and the whole index for tests and tools.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::{Doc, Section, TITLE_KEY, gram_part, part_path, script};

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

/// The pages and sections of the text parts, in order.
struct Texts {
    /// Each page's URL and title, by page number.
    pages: HashMap<u64, (String, String)>,
    /// `[anchor, heading, text]` of every section.
    sections: Vec<Value>,
}

fn read_texts(meta: &Value, part: impl Fn(&str) -> Option<Value>) -> Option<Texts> {
    let mut texts = Texts {
        pages: HashMap::new(),
        sections: Vec::new(),
    };
    for k in 0..meta["t"].as_array()?.len() {
        let part = part(&format!("t-{k}"))?;
        for d in part["d"].as_array()? {
            let page = (d[1].as_str()?.to_string(), d[2].as_str()?.to_string());
            texts.pages.insert(d[0].as_u64()?, page);
        }
        texts.sections.extend(part["s"].as_array()?.iter().cloned());
    }
    Some(texts)
}

/// Each page's number of sections, from the first part.
fn counts(meta: &Value) -> Option<Vec<usize>> {
    meta["counts"]
        .as_array()?
        .iter()
        .map(|c| usize::try_from(c.as_u64()?).ok())
        .collect()
}

/// The pages' URLs and texts in an index, in its order, reading its scripts by
/// their path below the site root ([`part_path`]); the bigram parts are not needed.
pub fn read_docs(read: impl Fn(&str) -> Option<String>) -> Option<Vec<(String, Doc)>> {
    let part = |name: &str| script::read_part(&read(&part_path(name))?).map(|(_, value)| value);
    let meta = part("index")?;
    let mut texts = read_texts(&meta, part)?;
    let mut sections = texts.sections.iter();
    let mut docs = Vec::new();
    for (page, count) in counts(&meta)?.into_iter().enumerate() {
        let (url, title) = texts.pages.remove(&(page as u64))?;
        let sections: Option<Vec<Section>> = sections
            .by_ref()
            .take(count)
            .map(|s| {
                Some(Section {
                    anchor: s[0].as_str()?.to_string(),
                    heading: s[1].as_str()?.to_string(),
                    text: s[2].as_str()?.to_string(),
                })
            })
            .collect();
        let doc = Doc {
            title,
            sections: sections?,
        };
        if doc.sections.len() != count {
            return None;
        }
        docs.push((url, doc));
    }
    Some(docs)
}

/// The whole index as one value, from the scripts [`super::build_index`] wrote
/// (for tests and tools): `{"docs":[[url,title]…],"secs":[[doc,anchor,heading]…],
/// "text":[…],"grams":{gram:[deltas]…},"titles":{gram:[page deltas]…},
/// "parts":{"g":G,"t":T}}`; posting lists written as bitmaps come back as deltas.
pub fn read_index<'a>(scripts: impl IntoIterator<Item = &'a str>) -> Option<Value> {
    let mut parts: HashMap<String, Value> = HashMap::new();
    for js in scripts {
        let (name, value) = script::read_part(js)?;
        parts.insert(name, value);
    }
    let meta = parts.get("index")?;
    let mut texts = read_texts(meta, |name| parts.get(name).cloned())?;
    let (mut docs, mut secs, mut text) = (Vec::new(), Vec::new(), Vec::new());
    let mut sections = texts.sections.iter();
    for (page, count) in counts(meta)?.into_iter().enumerate() {
        let (url, title) = texts.pages.remove(&(page as u64))?;
        docs.push(json!([url, title]));
        for s in sections.by_ref().take(count) {
            secs.push(json!([page, s[0], s[1]]));
            text.push(s[2].clone());
        }
    }
    let gram_parts = meta["g"].as_u64()?;
    let (mut grams, mut titles) = (Map::new(), Map::new());
    for k in 0..gram_parts {
        for (gram, list) in parts.get(&format!("g-{k}"))?.as_object()? {
            if u64::from(gram_part(gram, u32::try_from(gram_parts).ok()?)) != k {
                return None;
            }
            match gram.strip_prefix(TITLE_KEY) {
                Some(title_gram) => titles.insert(title_gram.to_string(), as_deltas(list)?),
                None => grams.insert(gram.clone(), as_deltas(list)?),
            };
        }
    }
    (text.len() == secs.len() && sections.next().is_none() && texts.pages.is_empty()).then(|| {
        json!({"docs": docs, "secs": secs, "text": text, "grams": grams, "titles": titles,
               "parts": {"g": gram_parts, "t": meta["t"].as_array().map(Vec::len)}})
    })
}

/// A posting list as written, a delta array or a base64 bitmap, as deltas.
fn as_deltas(list: &Value) -> Option<Value> {
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
