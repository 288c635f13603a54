//! Checks every link written in a page and works out the URL it becomes.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use super::links::{self, Target};
use super::markdown::RawLink;
use super::{CONTENT_DIR, Content, Page};
use crate::diagnostics::Diagnostics;

/// What links may point at besides the loaded pages and assets.
pub struct Known<'a> {
    /// Site URLs of pages generated from data.
    pub generated: &'a HashSet<String>,
    /// Pages that exist but failed to load; their own problem is already reported.
    pub unreadable: &'a HashSet<String>,
}

/// Everything a link may point at, looked up once for all pages.
struct Targets<'a> {
    pages: &'a [Page],
    by_rel: HashMap<&'a str, usize>,
    anchors: Vec<HashSet<&'a str>>,
    assets: HashSet<&'a str>,
    known: &'a Known<'a>,
}

/// Fills `Page::links` for every page. A link to a missing page or anchor, a
/// root-relative link, an unsafe scheme, or a path that climbs out of `content/`
/// is a problem.
pub fn resolve_links(content: &mut Content, known: &Known<'_>, diags: &mut Diagnostics) {
    let targets = Targets {
        pages: &content.pages,
        by_rel: content
            .pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.rel.as_str(), i))
            .collect(),
        anchors: content.pages.par_iter().map(|p| p.scan.anchors()).collect(),
        assets: content.assets.iter().map(String::as_str).collect(),
        known,
    };
    // Each page on its own, in parallel; the problems in page order.
    let resolved: Vec<(HashMap<String, String>, Diagnostics)> = content
        .pages
        .par_iter()
        .map(|page| {
            let mut own = Diagnostics::new();
            (page_links(page, &targets, &mut own), own)
        })
        .collect();
    for (page, (map, own)) in content.pages.iter_mut().zip(resolved) {
        page.links = map;
        diags.extend(own);
    }
}

/// The URL to emit for each link of one page that points at another page.
fn page_links(
    page: &Page,
    targets: &Targets<'_>,
    diags: &mut Diagnostics,
) -> HashMap<String, String> {
    let mut map = HashMap::new();
    let dir = Path::new(&page.rel).parent().unwrap_or(Path::new(""));
    for link in &page.scan.links {
        let at = || page.body_location(link.offset);
        match links::classify(&link.dest) {
            Target::External => {}
            Target::UnsafeScheme(scheme) => diags.error(
                at(),
                format!("{scheme}: のリンクは使えません（http, https, mailto, tel のみ）"),
            ),
            Target::RootRelative => diags.error(
                at(),
                format!(
                    "/ で始まるリンク {} は file:// で開くと切れます。ページからの相対パスで書いてください",
                    link.dest
                ),
            ),
            Target::Anchor(anchor) => {
                let own = &targets.anchors[page_index(&targets.by_rel, page)];
                if !anchor.is_empty() && !anchors_contain(own, anchor) {
                    diags.error(at(), format!("このページに見出し #{anchor} がありません"));
                }
            }
            Target::Page { path, fragment } => {
                let Some(target_rel) = inside_content(dir, path) else {
                    diags.error(
                        at(),
                        format!("リンク {} は {CONTENT_DIR}/ の外を指しています", link.dest),
                    );
                    continue;
                };
                let url = page_url(page, link, &target_rel, fragment, targets, diags);
                if let Some(url) = url {
                    map.insert(link.dest.clone(), url);
                }
            }
            Target::File(path) => check_file(page, link, dir, path, targets, diags),
        }
    }
    map
}

/// The relative URL of a link to the page `target_rel` (below `content/`), or
/// `None` when there is no such page; a missing fragment is reported but kept.
fn page_url(
    page: &Page,
    link: &RawLink,
    target_rel: &str,
    fragment: Option<&str>,
    targets: &Targets<'_>,
    diags: &mut Diagnostics,
) -> Option<String> {
    let at = || page.body_location(link.offset);
    let Some(&target) = targets.by_rel.get(target_rel) else {
        if !targets.known.unreadable.contains(target_rel) {
            diags.error(
                at(),
                format!(
                    "リンク先のページがありません: {} （{CONTENT_DIR}/{target_rel}）",
                    link.dest
                ),
            );
        }
        return None;
    };
    let mut url = links::relative_url(&page.url, &targets.pages[target].url);
    if let Some(fragment) = fragment {
        if !anchors_contain(&targets.anchors[target], fragment) {
            diags.error(
                at(),
                format!("リンク先 {CONTENT_DIR}/{target_rel} に見出し #{fragment} がありません"),
            );
        }
        url.push('#');
        url.push_str(fragment);
    }
    Some(url)
}

/// A link to a file (an image, a generated page): it must stay inside `content/`
/// and be an asset or a generated page.
fn check_file(
    page: &Page,
    link: &RawLink,
    dir: &Path,
    path: &str,
    targets: &Targets<'_>,
    diags: &mut Diagnostics,
) {
    let at = || page.body_location(link.offset);
    let generated = targets.known.generated;
    match inside_content(dir, path) {
        None => diags.error(
            at(),
            format!("リンク {} は {CONTENT_DIR}/ の外を指しています", link.dest),
        ),
        // The site mirrors content/, so a path below content/ is also
        // the site URL of a generated page.
        Some(rel)
            if !targets.assets.contains(rel.as_str())
                && !generated.contains(&rel)
                && !generated_unknown(&rel, diags) =>
        {
            diags.error(
                at(),
                format!(
                    "リンク先のファイルがありません: {} （{CONTENT_DIR}/{rel}）",
                    link.dest
                ),
            )
        }
        Some(_) => {}
    }
}

/// Without `tebiki.yaml` the pages generated from data are not known; any
/// `.html` could be one of them.
fn generated_unknown(rel: &str, diags: &Diagnostics) -> bool {
    rel.ends_with(".html") && diags.is_unloaded(crate::config::CONFIG_FILE)
}

fn page_index(by_rel: &HashMap<&str, usize>, page: &Page) -> usize {
    by_rel[page.rel.as_str()]
}

/// Fragments may be written percent-encoded (`#%E6%89%8B`) or as is (`#手順`).
fn anchors_contain(anchors: &HashSet<&str>, fragment: &str) -> bool {
    anchors.contains(fragment) || anchors.contains(percent_decode(fragment).as_str())
}

pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        if bytes[i] == b'%'
            && let Some(Ok(b)) = hex.map(|h| u8::from_str_radix(h, 16))
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `path` (relative to the folder `dir` below `content/`) as a path below
/// `content/`, or `None` when it climbs out.
fn inside_content(dir: &Path, path: &str) -> Option<String> {
    let joined = crate::fs::join_inside(dir, path)?;
    Some(joined.to_string_lossy().replace('\\', "/"))
}
