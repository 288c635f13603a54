//! The shape of `src/`, read from the sources: dependencies between the
//! top-level modules point one way only (no cycles; `domain/` imports no other
//! module of the crate but the leaf helpers), and no function is longer than a
//! screen or two (80 lines).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    common::repo_root().join("src")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The top-level module a file of `src/` belongs to (`src/data/records/x.rs` → `data`).
fn module_of(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src()).ok()?;
    let first = rel.components().next()?.as_os_str().to_string_lossy();
    let name = first.trim_end_matches(".rs").to_string();
    (name != "lib" && name != "main").then_some(name)
}

/// Code without comments, string and char literals, so neither `crate::x` in a
/// doc comment nor a `{` in a string counts.
fn strip(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        if b[i] == b'\n' {
                            out.push('\n');
                        }
                        i += 1;
                    }
                }
            }
            b'r' if matches!(b.get(i + 1), Some(b'"') | Some(b'#'))
                && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) =>
            {
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    out.push('r');
                    i += 1;
                    continue;
                }
                j += 1;
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                while j < b.len() && !b[j..].starts_with(&close) {
                    if b[j] == b'\n' {
                        out.push('\n');
                    }
                    j += 1;
                }
                out.push_str("\"\"");
                i = j + close.len();
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    if b.get(i) == Some(&b'\n') {
                        out.push('\n');
                    }
                    i += 1;
                }
                out.push_str("\"\"");
                i += 1;
            }
            // A char literal ('{', '\''), not a lifetime ('a).
            b'\'' if b.get(i + 2) == Some(&b'\'') || b.get(i + 1) == Some(&b'\\') => {
                i += 1;
                while i < b.len() && b[i] != b'\'' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                out.push_str("' '");
                i += 1;
            }
            _ => {
                // Keep multi-byte characters whole.
                let ch = text[i..].chars().next().unwrap_or(' ');
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    out
}

/// The top-level modules a piece of code names: `crate::x` paths and the first
/// names inside `crate::{x, y::z}`.
fn referenced(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && !c.is_whitespace() => {
                        start = false;
                        let name = ident(&group[i..]);
                        if !name.is_empty() {
                            out.insert(name);
                        }
                    }
                    _ => {}
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

/// Module → the other top-level modules it names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = rust_files(&src())
        .iter()
        .filter_map(|f| module_of(f))
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&src()) {
        let Some(module) = module_of(&file) else {
            continue;
        };
        let code = strip(&std::fs::read_to_string(&file).unwrap());
        let deps = graph.entry(module.clone()).or_default();
        for name in referenced(&code) {
            if name != module && modules.contains(&name) {
                deps.insert(name);
            }
        }
    }
    graph
}

/// A cycle through `start`, as a path of module names, if there is one.
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == start {
                let mut cycle = path.clone();
                cycle.push(start.to_string());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut p = path.clone();
                p.push(next.clone());
                stack.push((next.clone(), p));
            }
        }
    }
    None
}

#[test]
fn top_level_modules_import_each_other_in_one_direction_only() {
    let graph = graph();
    assert!(graph.len() > 10, "too few modules found: {graph:?}");
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_from(&graph, m))
        .map(|c| c.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn domain_is_pure_and_imports_no_other_layer() {
    let graph = graph();
    let allowed: BTreeSet<&str> = ["json_schema"].into();
    let domain = &graph["domain"];
    let extra: Vec<&String> = domain
        .iter()
        .filter(|d| !allowed.contains(d.as_str()))
        .collect();
    assert!(extra.is_empty(), "domain/ imports {extra:?}");
}

#[test]
fn the_dependency_reader_sees_grouped_and_plain_paths() {
    let code = strip(
        "use crate::{data::Data, render::{html, xlsx}};\n// crate::fake\nlet s = \"crate::nope\";\nx = crate::domain::FiscalYear(1);",
    );
    let names: Vec<String> = referenced(&code).into_iter().collect();
    assert_eq!(names, ["data", "domain", "render"]);
    let graph = BTreeMap::from([
        ("a".to_string(), BTreeSet::from(["b".to_string()])),
        ("b".to_string(), BTreeSet::from(["a".to_string()])),
    ]);
    assert_eq!(cycle_from(&graph, "a").unwrap(), ["a", "b", "a"]);
}

/// `path/below/src.rs::name` → length of every `fn` whose body spans more than
/// `limit` lines.
fn long_functions(limit: usize) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for file in rust_files(&src()) {
        let code = strip(&std::fs::read_to_string(&file).unwrap());
        let rel = file.strip_prefix(src()).unwrap().display().to_string();
        for (line, len) in function_lengths(&code) {
            if len > limit {
                let name = fn_name(code.lines().nth(line - 1).unwrap_or(""));
                out.insert(format!("{rel}::{name}"), len);
            }
        }
    }
    out
}

fn fn_name(line: &str) -> String {
    let after = line.split("fn ").nth(1).unwrap_or("");
    after
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// (first line, number of lines) of each function body in stripped code.
fn function_lengths(code: &str) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let is_fn = t.starts_with("fn ")
            || [
                "pub ",
                "pub(crate) ",
                "pub(super) ",
                "const ",
                "async ",
                "unsafe ",
            ]
            .iter()
            .any(|p| t.starts_with(p) && t.contains("fn "));
        if !is_fn {
            continue;
        }
        // The body opens at the first `{` after the signature (or there is none: `;`).
        let mut depth = 0usize;
        let mut opened = false;
        'scan: for (j, l) in lines.iter().enumerate().skip(i) {
            for c in l.chars() {
                match c {
                    ';' if !opened => break 'scan,
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' if opened => {
                        depth -= 1;
                        if depth == 0 {
                            out.push((i + 1, j - i + 1));
                            break 'scan;
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

/// Functions still being split along their steps (issue 11); the list may only
/// shrink: a function that is split must leave it, and no other may grow past 80.
const BEING_SPLIT: &[&str] = &[];

#[test]
fn no_function_in_src_is_longer_than_80_lines() {
    let long = long_functions(80);
    let new: Vec<String> = long
        .iter()
        .filter(|(name, _)| !BEING_SPLIT.contains(&name.as_str()))
        .map(|(name, len)| format!("{name}: {len} lines"))
        .collect();
    assert!(
        new.is_empty(),
        "functions over 80 lines:\n{}",
        new.join("\n")
    );
    let done: Vec<&&str> = BEING_SPLIT
        .iter()
        .filter(|name| !long.contains_key(**name))
        .collect();
    assert!(
        done.is_empty(),
        "split already, remove from BEING_SPLIT: {done:?}"
    );
}

#[test]
fn function_lengths_are_counted_from_signature_to_closing_brace() {
    let code = strip(
        "fn a() {\n    let s = \"}\";\n    if x { y }\n}\nfn b();\npub fn c(\n    x: u8,\n) -> u8 {\n    x\n}\n",
    );
    assert_eq!(function_lengths(&code), [(1, 4), (6, 5)]);
}
