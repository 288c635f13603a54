//! YAML into typed structs, with every problem placed at the value (or key)
//! it is about, in the file it came from. One way for every YAML input:
//! records, `tebiki.yaml`, every `data/` file and front matter.
//!
//! The text is read into a tree whose nodes know their line and column
//! ([`tree`]), then deserialised from it ([`de`]), so an error raised by any
//! value's parser lands on that value. A file with several bad values gives a
//! problem for each: the node a problem is about is taken out and the file read
//! again, and a key reported missing only because its bad value was taken out
//! is not reported twice. Front matter starts on line 2 of a page, so callers
//! pass the line the YAML text starts on (Zola gets this wrong, STYLE.md §4).

pub mod de;
mod message;
pub mod tree;

use std::collections::HashSet;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use de::{Cause, NodeDe};
use tree::{Kind, Mark, Node, Removed};

/// A file with more problems than this gets one more line saying so: the
/// rest are usually the same mistake repeated.
const MAX_PROBLEMS: usize = 50;

/// What reading one YAML text gave: the value, if one could be made with the
/// bad parts left out (defaults in their place), and every problem.
#[derive(Debug)]
pub struct Read<T> {
    pub value: Option<T>,
    pub problems: Diagnostics,
}

/// Deserialises `text`, which starts on line `first_line` of `path`; on failure
/// every problem of the text, each at its place.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
) -> Result<T, Diagnostics> {
    let read = read::<T>(text, path, first_line);
    match read.value {
        Some(value) if read.problems.is_empty() => Ok(value),
        _ => Err(read.problems),
    }
}

/// Like [`parse`], also keeping the value made without the bad parts, for
/// inputs (`tebiki.yaml`) whose absence would make every later check fail.
pub fn read<T: DeserializeOwned>(text: &str, path: &Path, first_line: usize) -> Read<T> {
    let place = |at: Mark| Location::new(path, at.line + first_line - 1, at.col);
    let (mut root, duplicates) = match tree::parse(text) {
        Ok(parsed) => parsed,
        Err(e) => {
            return Read {
                value: None,
                problems: Diagnostic::error(place(e.at), e.message).into(),
            };
        }
    };
    let mut problems = Diagnostics::new();
    for d in duplicates {
        let first = d.first_line + first_line - 1;
        let message = format!("キー `{}` が重複しています（{first} 行目と同じ）", d.key);
        problems.error(place(d.at), message);
    }
    // Paths are those of the text as written, whatever was taken out since.
    let original = root.clone();
    let mut emptied: HashSet<(usize, String)> = HashSet::new();
    let mut shortened: HashSet<usize> = HashSet::new();
    // Mappings and lists something was taken out of.
    let mut touched: HashSet<usize> = HashSet::new();
    loop {
        let error = match T::deserialize(NodeDe(&root)) {
            Ok(value) => {
                let value = Some(value);
                return Read { value, problems };
            }
            Err(e) => e,
        };
        let (id, at) = error.node.unwrap_or((root.id, root.at));
        // A key is missing, or a list too short, because an earlier problem's
        // node was taken out: that problem is already reported.
        let consequence = match &error.cause {
            Cause::MissingField(field) => emptied.contains(&(id, field.clone())),
            Cause::Length => shortened.contains(&id),
            // `kind: {zz: 1}`: the unknown variant was reported, and the mapping
            // emptied of it is the same mistake.
            Cause::Other => touched.contains(&id),
        };
        let removed = tree::remove(&mut root, id);
        if !consequence {
            if problems.len() >= MAX_PROBLEMS {
                problems.error(place(at), "このファイルにはほかにも問題があります（上の問題を直してから、もう一度検査してください）");
                break;
            }
            let message = match tree::path_of(&original, id) {
                Some(key_path) if !key_path.0.is_empty() => {
                    format!("{key_path}: {}", error.message)
                }
                _ => error.message,
            };
            problems.error(place(at), message);
        }
        match removed {
            Some(Removed::Entry { map, key }) => {
                touched.insert(map);
                emptied.insert((map, key));
            }
            Some(Removed::Item { seq }) => {
                touched.insert(seq);
                shortened.insert(seq);
            }
            None => break,
        }
    }
    Read {
        value: None,
        problems,
    }
}

/// Where `key: value` is written in `text`, for checks that run after
/// deserialisation (an unknown owner id, say): the first value of `key`, at or
/// after line `from_line` (1-based), that is `value` — a scalar however it is
/// quoted, or an item of a list under the key, in block or flow style, inside
/// flow mappings too. Falls back to the first value of the key (its key when it
/// is empty), then to `from_line`.
pub fn locate(text: &str, path: &Path, key: &str, value: &str, from_line: usize) -> Location {
    let found = tree::parse(text)
        .ok()
        .and_then(|(root, _)| find(&root, key, value, from_line));
    let at = found.unwrap_or(Mark {
        line: from_line.max(1),
        col: 1,
    });
    Location::new(path, at.line, at.col)
}

/// Where the value at `path` (keys from the top: `["batches", "param_file",
/// "name"]`, numbers for list items: `["entries", "0", "end"]`) is written; the deepest key of it that is written when the rest is
/// not (a default), else the top of the file.
pub fn locate_path(text: &str, shown: &Path, path: &[&str]) -> Location {
    let mut at = Mark { line: 1, col: 1 };
    if let Ok((root, _)) = tree::parse(text) {
        let mut node = &root;
        for key in path {
            if let Kind::Seq(items) = &node.kind {
                // A number is an item of a list: `["entries", "2", "start"]`.
                let Some(item) = key.parse::<usize>().ok().and_then(|i| items.get(i)) else {
                    break;
                };
                at = item.at;
                node = item;
                continue;
            }
            let Kind::Map(entries) = &node.kind else {
                break;
            };
            let Some((k, v)) = entries.iter().find(|(k, _)| k.scalar() == Some(key)) else {
                break;
            };
            at = if matches!(v.kind, Kind::Scalar(..)) && !v.is_null() {
                v.at
            } else {
                k.at
            };
            node = v;
        }
    }
    Location::new(shown, at.line, at.col)
}

fn find(root: &Node, key: &str, value: &str, from_line: usize) -> Option<Mark> {
    let (mut exact, mut key_only): (Option<Mark>, Option<Mark>) = (None, None);
    let earliest = |best: &mut Option<Mark>, at: Mark| {
        if best.is_none_or(|other| at < other) {
            *best = Some(at);
        }
    };
    for node in root.walk() {
        let Kind::Map(entries) = &node.kind else {
            continue;
        };
        for (k, v) in entries {
            if k.scalar() != Some(key) || k.at.line < from_line {
                continue;
            }
            match &v.kind {
                Kind::Scalar(s, _) if s == value => {
                    earliest(&mut exact, if s.is_empty() { k.at } else { v.at });
                }
                Kind::Seq(items) => {
                    if let Some(item) = items.iter().find(|i| i.scalar() == Some(value)) {
                        earliest(&mut exact, item.at);
                    }
                }
                _ => {}
            }
            let scalar = matches!(v.kind, Kind::Scalar(..)) && !v.is_null();
            earliest(&mut key_only, if scalar { v.at } else { k.at });
        }
    }
    exact.or(key_only)
}

#[cfg(test)]
mod tests;
