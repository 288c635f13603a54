//! Pages: `content/**/*.md` with front matter, grouped into sections by folder.

pub mod flat_yaml;
pub mod frontmatter;
pub mod glossary;
pub mod links;
pub mod markdown;
pub(crate) mod resolve;
pub mod update;
pub mod vars;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex, Location, display_path};
pub use frontmatter::FrontMatter;
use markdown::Scan;
pub use vars::Vars;

pub const CONTENT_DIR: &str = "content";
const SECTION_INDEX: &str = "_index.md";

#[derive(Debug, Clone)]
pub struct Page {
    /// Path as shown in messages: `content/batch/nightly.md`.
    pub source: PathBuf,
    /// Path below `content/` with `/` separators: `batch/nightly.md`.
    pub rel: String,
    /// Built file below the site root: `batch/nightly.html`, `batch/index.html`.
    pub url: String,
    /// The section this page belongs to; a section's own index page belongs to it.
    pub section: usize,
    pub is_section_index: bool,
    pub meta: FrontMatter,
    pub front: String,
    pub front_line: usize,
    pub body: String,
    pub body_line: usize,
    pub scan: Scan,
    /// Link destinations as written → URLs to emit, filled by link resolution.
    pub links: HashMap<String, String>,
    /// The body's line starts, made the first time a place in it is asked for.
    pub body_lines: std::sync::OnceLock<LineIndex>,
}

impl Page {
    /// Location of a byte offset in the body, counted from the top of the file.
    pub fn body_location(&self, offset: usize) -> Location {
        let lines = self.body_lines.get_or_init(|| LineIndex::new(&self.body));
        let (line, col) = lines.line_col(&self.body, offset);
        Location::new(&self.source, line + self.body_line - 1, col)
    }

    /// Location of `key: value` in the front matter.
    pub fn front_location(&self, key: &str, value: &str) -> Location {
        crate::yaml::locate(&self.front, &self.source, key, value, 1).shifted(self.front_line)
    }
}

#[derive(Debug, Clone)]
pub struct Section {
    /// Folder below `content/` with `/` separators; `""` for the top.
    pub dir: String,
    pub index: usize,
    pub parent: Option<usize>,
    /// Pages of this folder (not the index), in display order.
    pub pages: Vec<usize>,
    /// Sub-folders, in display order.
    pub children: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Content {
    pub pages: Vec<Page>,
    pub sections: Vec<Section>,
    /// Files other than Markdown below `content/` (images), copied to the site.
    pub assets: Vec<String>,
    /// Every page in reading order: a section's index, its pages, then its
    /// sub-sections. Previous/next follow this order.
    pub reading_order: Vec<usize>,
}

impl Content {
    pub fn root_section(&self) -> &Section {
        &self.sections[0]
    }

    pub fn page_by_rel(&self, rel: &str) -> Option<&Page> {
        self.pages.iter().find(|p| p.rel == rel)
    }

    /// The sections from the top down to the page's own, for breadcrumbs.
    pub fn ancestors(&self, page: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut current = Some(self.pages[page].section);
        while let Some(s) = current {
            chain.push(s);
            current = self.sections[s].parent;
        }
        chain.reverse();
        chain
    }
}

struct Walked {
    markdown: Vec<String>,
    assets: Vec<String>,
    dirs: Vec<String>,
}

/// Loads every page below `root/content`. Problems are collected, not returned at
/// the first one, so `check` can report them all. `generated` holds the site URLs of
/// pages built from data, which Markdown may link to.
pub fn load(
    root: &Path,
    allow_raw_html: bool,
    generated: &HashSet<String>,
    vars: &Vars,
    diags: &mut Diagnostics,
) -> Content {
    let Some(walked) = walk(root, diags) else {
        return Content::default();
    };
    let paths: Vec<PathBuf> = walked
        .markdown
        .iter()
        .map(|rel| root.join(CONTENT_DIR).join(rel))
        .collect();
    let parsed: Vec<Result<Page, Diagnostics>> = crate::fs::read_many(&paths, |i, read| {
        let rel = &walked.markdown[i];
        let source = Path::new(CONTENT_DIR).join(rel);
        let text = crate::fs::decode_text(read, &source)?;
        parse_page(&text, rel, vars)
    });
    let mut pages = Vec::with_capacity(parsed.len());
    // Pages that failed to load: links to them are not reported again as missing.
    let mut unreadable = HashSet::new();
    for (result, rel) in parsed.into_iter().zip(&walked.markdown) {
        match result {
            Ok(page) => pages.push(page),
            Err(d) => {
                diags.extend(d);
                diags.note_unloaded(format!("{CONTENT_DIR}/{rel}"));
                unreadable.insert(rel.clone());
            }
        }
    }
    if !allow_raw_html {
        for page in &pages {
            // One warning per line: `<b>x</b>` is two HTML events on one line.
            let mut lines = HashSet::new();
            for &offset in &page.scan.raw_html {
                let at = page.body_location(offset);
                if !lines.insert(at.line) {
                    continue;
                }
                diags.warning(
                    at,
                    "HTML タグは文字として表示されます（tebiki.yaml の markdown.allow_raw_html で許可できます）",
                );
            }
        }
    }
    let mut content = assemble(pages, &walked.dirs, diags);
    content.assets = walked.assets;
    let known = resolve::Known {
        generated,
        unreadable: &unreadable,
    };
    resolve::resolve_links(&mut content, &known, diags);
    content
}

fn walk(root: &Path, diags: &mut Diagnostics) -> Option<Walked> {
    let content_dir = root.join(CONTENT_DIR);
    if !content_dir.is_dir() {
        diags.push(Diagnostic::global(format!(
            "{CONTENT_DIR}/ ディレクトリがありません"
        )));
        return None;
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut walked = Walked {
        markdown: Vec::new(),
        assets: Vec::new(),
        dirs: Vec::new(),
    };
    let walker = walkdir::WalkDir::new(&content_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let shown = e
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .unwrap_or(Path::new(CONTENT_DIR));
                diags.error(Location::file(shown), format!("読み込めません: {e}"));
                continue;
            }
        };
        let shown = entry.path().strip_prefix(root).unwrap_or(entry.path());
        if entry.path_is_symlink() {
            let inside = entry
                .path()
                .canonicalize()
                .is_ok_and(|target| target.starts_with(&canonical_root));
            if !inside {
                diags.error(
                    Location::file(shown),
                    "シンボリックリンクがプロジェクトの外を指しています",
                );
                continue;
            }
        }
        let Some(rel) = entry
            .path()
            .strip_prefix(&content_dir)
            .ok()
            .and_then(Path::to_str)
        else {
            diags.error(Location::file(shown), "ファイル名が UTF-8 ではありません");
            continue;
        };
        let rel = rel.replace('\\', "/");
        if entry.file_type().is_dir() {
            walked.dirs.push(rel);
        } else if rel.ends_with(".md") {
            walked.markdown.push(rel);
        } else {
            walked.assets.push(rel);
        }
    }
    Some(walked)
}

/// Parses one page from its text; `rel` is its path below `content/`.
pub fn parse_page(text: &str, rel: &str, vars: &Vars) -> Result<Page, Diagnostics> {
    let source = Path::new(CONTENT_DIR).join(rel);
    let split = frontmatter::split(text, &source)?;
    let meta = frontmatter::parse(&split, &source)?;
    let body = expand_vars(split.body, split.body_line, &source, vars)?;
    let (dir, file) = match rel.rsplit_once('/') {
        Some((d, f)) => (d, f),
        None => ("", rel),
    };
    let is_section_index = file == SECTION_INDEX;
    let stem = if is_section_index {
        "index"
    } else {
        file.trim_end_matches(".md")
    };
    let url = if dir.is_empty() {
        format!("{stem}.html")
    } else {
        format!("{dir}/{stem}.html")
    };
    Ok(Page {
        source,
        rel: rel.to_string(),
        url,
        section: 0,
        is_section_index,
        meta,
        front: split.front.to_string(),
        front_line: split.front_line,
        scan: markdown::scan(&body),
        body: body.into_owned(),
        body_line: split.body_line,
        links: HashMap::new(),
        body_lines: std::sync::OnceLock::new(),
    })
}

/// The body with the rules' texts in place of `{{ rules.… }}`.
fn expand_vars<'a>(
    body: &'a str,
    body_line: usize,
    source: &Path,
    vars: &Vars,
) -> Result<std::borrow::Cow<'a, str>, Diagnostics> {
    vars::expand(body, vars).map_err(|problems| {
        let lines = LineIndex::new(body);
        let mut diags = Diagnostics::new();
        for (offset, message) in problems {
            let (line, col) = lines.line_col(body, offset);
            diags.error(Location::new(source, line + body_line - 1, col), message);
        }
        diags
    })
}

/// Groups pages into sections (one per folder, each with its `_index.md`), refuses
/// two pages that would be built to the same file, and fixes the reading order.
fn assemble(mut pages: Vec<Page>, dirs: &[String], diags: &mut Diagnostics) -> Content {
    check_unique_outputs(&pages, diags);
    let (mut sections, section_of_dir) = find_sections(&pages, dirs, diags);
    if sections.first().is_none_or(|s| !s.dir.is_empty()) {
        return Content::default();
    }
    link_sections(&mut sections, &mut pages, &section_of_dir);
    sort_sections(&mut sections, &pages);

    let mut content = Content {
        pages,
        sections,
        assets: Vec::new(),
        reading_order: Vec::new(),
    };
    let mut order = Vec::with_capacity(content.pages.len());
    push_reading_order(&content, 0, &mut order);
    content.reading_order = order;
    content
}

/// Reports every page that would be built to the same file as an earlier one.
fn check_unique_outputs(pages: &[Page], diags: &mut Diagnostics) {
    let mut outputs: BTreeMap<String, &Path> = BTreeMap::new();
    for page in pages {
        // Case-insensitive: `A.md` and `a.md` collide on Windows and macOS disks.
        if let Some(first) = outputs.insert(page.url.to_lowercase(), &page.source) {
            diags.error(
                Location::file(&page.source),
                format!(
                    "出力先 {} が {} と重複しています",
                    page.url,
                    display_path(first)
                ),
            );
        }
    }
}

/// One section per folder that has its `_index.md` (a folder without one is an
/// error), in walk order, and the section number of each such folder.
fn find_sections<'d>(
    pages: &[Page],
    dirs: &'d [String],
    diags: &mut Diagnostics,
) -> (Vec<Section>, HashMap<&'d str, usize>) {
    let mut section_of_dir: HashMap<&str, usize> = HashMap::new();
    let mut sections = Vec::new();
    for dir in dirs {
        let index_rel = if dir.is_empty() {
            SECTION_INDEX.to_string()
        } else {
            format!("{dir}/{SECTION_INDEX}")
        };
        match pages.iter().position(|p| p.rel == index_rel) {
            Some(index) => {
                section_of_dir.insert(dir, sections.len());
                sections.push(Section {
                    dir: dir.clone(),
                    index,
                    parent: None,
                    pages: Vec::new(),
                    children: Vec::new(),
                });
            }
            None => diags.error(
                Location::file(Path::new(CONTENT_DIR).join(dir)),
                format!("セクションの {SECTION_INDEX} がありません（フォルダごとに必要です）"),
            ),
        }
    }
    (sections, section_of_dir)
}

/// Sets each section's parent and children, and each page's section (pages of a
/// folder without a section keep section 0).
fn link_sections(
    sections: &mut [Section],
    pages: &mut [Page],
    section_of_dir: &HashMap<&str, usize>,
) {
    for s in 0..sections.len() {
        let parent = parent_dir(&sections[s].dir).and_then(|d| section_of_dir.get(d).copied());
        sections[s].parent = parent;
        if let Some(p) = parent {
            sections[p].children.push(s);
        }
    }
    for (i, page) in pages.iter_mut().enumerate() {
        let dir = page.rel.rsplit_once('/').map_or("", |(d, _)| d);
        let Some(&s) = section_of_dir.get(dir) else {
            continue;
        };
        page.section = s;
        if !page.is_section_index {
            sections[s].pages.push(i);
        }
    }
}

/// Display order: by `order:` in the front matter (none last), then by path; a
/// sub-section sorts by its index page.
fn sort_sections(sections: &mut [Section], pages: &[Page]) {
    let key = |p: &Page| (p.meta.order.unwrap_or(i32::MAX), p.rel.clone());
    for section in sections.iter_mut() {
        section.pages.sort_by_key(|&i| key(&pages[i]));
    }
    let section_keys: Vec<_> = sections.iter().map(|s| key(&pages[s.index])).collect();
    for section in sections.iter_mut() {
        section.children.sort_by_key(|&c| section_keys[c].clone());
    }
}

fn parent_dir(dir: &str) -> Option<&str> {
    if dir.is_empty() {
        None
    } else {
        Some(dir.rsplit_once('/').map_or("", |(d, _)| d))
    }
}

fn push_reading_order(content: &Content, section: usize, order: &mut Vec<usize>) {
    let s = &content.sections[section];
    order.push(s.index);
    order.extend(&s.pages);
    for &child in &s.children {
        push_reading_order(content, child, order);
    }
}
