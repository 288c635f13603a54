//! A page's Markdown body as Typst markup: pulldown-cmark events become Typst
//! elements (headings, lists, tables, footnotes, links) whose text is always
//! escaped, each block marked with the page line it came from.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Alignment, CodeBlockKind, Event, Parser, Tag, TagEnd};

use super::markup::{Markup, is_wide, string_literal};
use crate::content::links::{self, Target};
use crate::content::{CONTENT_DIR, Page};

/// The pages a document holds and the Typst labels of them and their headings,
/// so that links between them become links inside the PDF.
#[derive(Debug, Default)]
pub struct Targets {
    pages: HashMap<String, (String, Vec<String>)>,
}

impl Targets {
    /// Adds a page under `label` (`p3`); its headings get `p3-0`, `p3-1`, ….
    pub fn add(&mut self, page: &Page, label: String) {
        let ids = page.scan.headings.iter().map(|h| h.id.clone()).collect();
        self.pages.insert(page.rel.clone(), (label, ids));
    }

    pub fn page(&self, rel: &str) -> Option<&str> {
        self.pages.get(rel).map(|(label, _)| label.as_str())
    }

    /// The label of the heading `fragment` (as written, maybe percent-encoded).
    pub fn heading(&self, rel: &str, fragment: &str) -> Option<String> {
        let (label, ids) = self.pages.get(rel)?;
        let decoded = crate::content::resolve::percent_decode(fragment);
        let k = ids.iter().position(|id| id == fragment || *id == decoded)?;
        Some(heading_label(label, k))
    }
}

fn heading_label(page_label: &str, k: usize) -> String {
    format!("{page_label}-{k}")
}

/// Images a document shows, copied into its compile directory as `img/<n>.<ext>`
/// so the directory holds nothing else from the project.
#[derive(Debug, Default, Clone)]
pub struct Images {
    pub files: Vec<ImageFile>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImageFile {
    /// Name inside the compile directory: `img/1.png`.
    pub name: String,
    /// The file in the project, relative to its root: `content/ops/fig.png`.
    pub source: PathBuf,
}

impl Images {
    fn add(&mut self, source: PathBuf) -> String {
        if let Some(f) = self.files.iter().find(|f| f.source == source) {
            return f.name.clone();
        }
        let ext: String = source
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let name = format!("img/{}.{ext}", self.files.len() + 1);
        self.files.push(ImageFile {
            name: name.clone(),
            source,
        });
        name
    }
}

/// How one page's body goes into a document.
pub struct Body<'a> {
    pub page: &'a Page,
    /// Heading level of the page's own title; `##` in the body becomes one below.
    pub title_level: usize,
    pub targets: &'a Targets,
    pub allow_raw_html: bool,
}

/// Writes the body of `body.page` into `out`.
pub fn render_body(out: &mut Markup, body: &Body<'_>, images: &mut Images) {
    let (items, footnotes) = prepare(&body.page.body);
    let mut writer = Writer {
        body,
        images,
        footnotes: &footnotes,
        open_footnotes: HashSet::new(),
        stack: Vec::new(),
    };
    writer.items(out, &items);
    out.trim_end();
    out.code("\n\n");
}

/// An event with its byte offset in the body and, for a heading, its index among
/// the page's headings (the same order as `Scan::headings`).
struct Item<'a> {
    event: Event<'a>,
    offset: usize,
    heading: usize,
}

/// Parses the body; footnote definitions are taken out, to be written where they
/// are referenced; soft breaks between two East Asian characters are dropped.
fn prepare(body: &str) -> (Vec<Item<'_>>, HashMap<String, Vec<Item<'_>>>) {
    let mut items = Vec::new();
    let mut footnotes: HashMap<String, Vec<Item<'_>>> = HashMap::new();
    let mut current: Option<(String, Vec<Item<'_>>)> = None;
    let mut headings = 0;
    for (event, range) in
        Parser::new_ext(body, crate::content::markdown::options()).into_offset_iter()
    {
        let mut heading = 0;
        if matches!(event, Event::Start(Tag::Heading { .. })) {
            heading = headings;
            headings += 1;
        }
        match event {
            Event::Start(Tag::FootnoteDefinition(name)) => {
                current = Some((name.to_string(), Vec::new()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((name, def)) = current.take() {
                    footnotes.entry(name).or_insert(def);
                }
            }
            event => {
                let item = Item {
                    event,
                    offset: range.start,
                    heading,
                };
                match &mut current {
                    Some((_, def)) => def.push(item),
                    None => items.push(item),
                }
            }
        }
    }
    drop_wide_soft_breaks(&mut items);
    for def in footnotes.values_mut() {
        drop_wide_soft_breaks(def);
    }
    (items, footnotes)
}

fn drop_wide_soft_breaks(items: &mut [Item<'_>]) {
    for i in 0..items.len() {
        if !matches!(items[i].event, Event::SoftBreak) {
            continue;
        }
        let before = items[..i].iter().rev().find_map(|it| match &it.event {
            Event::Text(t) | Event::Code(t) => t.chars().last(),
            _ => None,
        });
        let after = items[i + 1..].iter().find_map(|it| match &it.event {
            Event::Text(t) | Event::Code(t) => t.chars().next(),
            _ => None,
        });
        if before.is_some_and(is_wide) && after.is_some_and(is_wide) {
            items[i].event = Event::Text("".into());
        }
    }
}

/// What is open while writing: each needs its own closing code.
enum Open {
    /// A link that became a Typst link (`true`) or plain text (`false`).
    Link(bool),
    Table,
    /// An image: its alt text is collected instead of written.
    Image {
        name: Option<String>,
        alt: String,
    },
    /// A code block: its text so far and its language.
    Code(String, Option<String>),
    /// A heading, with its index among the page's headings.
    Heading(usize),
}

struct Writer<'a, 'b> {
    body: &'a Body<'a>,
    images: &'b mut Images,
    footnotes: &'a HashMap<String, Vec<Item<'a>>>,
    /// Footnotes being written, so one that refers to itself cannot loop.
    open_footnotes: HashSet<String>,
    stack: Vec<Open>,
}

impl<'a> Writer<'a, '_> {
    fn items(&mut self, out: &mut Markup, items: &'a [Item<'a>]) {
        for item in items {
            self.item(out, item);
        }
    }

    fn at(&self, offset: usize) -> crate::diagnostics::Location {
        self.body.page.body_location(offset)
    }

    fn item(&mut self, out: &mut Markup, item: &'a Item<'a>) {
        // Inside an image or a code block, text is collected, not written.
        match (self.stack.last_mut(), &item.event) {
            (Some(Open::Image { alt, .. }), Event::Text(t) | Event::Code(t)) => {
                alt.push_str(t);
                return;
            }
            (Some(Open::Image { .. }), ev) if !matches!(ev, Event::End(TagEnd::Image)) => return,
            (Some(Open::Code(code, _)), Event::Text(t)) => {
                code.push_str(t);
                return;
            }
            _ => {}
        }
        match &item.event {
            Event::Start(tag) => self.start(out, tag, item),
            Event::End(tag) => self.end(out, *tag),
            Event::Text(t) => out.text(t),
            Event::Code(t) => out.code(&format!("#raw({})", string_literal(t))),
            Event::SoftBreak => out.code("\n"),
            Event::HardBreak => out.code("\\\n"),
            Event::Rule => {
                out.mark(self.at(item.offset));
                out.code("#line(length: 100%)\n\n");
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let comment = html.trim_start().starts_with("<!--");
                if !(self.body.allow_raw_html && comment) {
                    out.text(html.trim_end_matches('\n'));
                    if matches!(item.event, Event::Html(_)) {
                        out.code("\n");
                    }
                }
            }
            Event::FootnoteReference(name) => self.footnote(out, name),
            Event::TaskListMarker(done) => out.text(if *done { "■ " } else { "□ " }),
            _ => {}
        }
    }

    fn start(&mut self, out: &mut Markup, tag: &Tag<'a>, item: &Item<'a>) {
        // A block inside a tight list item follows its text on a line of its own.
        let block = matches!(
            tag,
            Tag::List(_)
                | Tag::Table(_)
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::Heading { .. }
        );
        if block && !out.as_str().is_empty() && !out.ends_with("\n") && !out.ends_with("[") {
            out.code("\n");
        }
        match tag {
            Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Table(_) => {
                // A block's lines are traced back to its place in the source.
                out.mark(self.at(item.offset));
                self.start_block(out, tag, item);
            }
            _ => self.start_inline(out, tag),
        }
    }

    /// Opens a block (already marked with its source location).
    fn start_block(&mut self, out: &mut Markup, tag: &Tag<'a>, item: &Item<'a>) {
        match tag {
            Tag::Heading { level, .. } => {
                let level = self.body.title_level + (*level as usize).max(2) - 1;
                out.code(&format!("#heading(level: {level})["));
                self.stack.push(Open::Heading(item.heading));
            }
            Tag::BlockQuote(_) => out.code("#quote(block: true)[\n"),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().map(str::to_string)
                    }
                    CodeBlockKind::Indented => None,
                };
                self.stack.push(Open::Code(String::new(), lang));
            }
            Tag::List(first) => match first {
                Some(n) => out.code(&format!("#enum(start: {n},\n")),
                None => out.code("#list(\n"),
            },
            Tag::Item => out.code("["),
            Tag::Table(alignments) => {
                out.code(&table_start(alignments));
                self.stack.push(Open::Table);
            }
            _ => {}
        }
    }

    /// Opens a table part or an inline element: emphasis, a link, an image.
    fn start_inline(&mut self, out: &mut Markup, tag: &Tag<'a>) {
        match tag {
            Tag::TableHead => out.code("table.header("),
            Tag::TableRow => {}
            Tag::TableCell => out.code("["),
            Tag::Emphasis => out.code("#emph["),
            Tag::Strong => out.code("#strong["),
            Tag::Strikethrough => out.code("#strike["),
            Tag::Link { dest_url, .. } => {
                let target = self.link_target(dest_url);
                if let Some(target) = &target {
                    out.code(&format!("#link({target})["));
                }
                self.stack.push(Open::Link(target.is_some()));
            }
            Tag::Image { dest_url, .. } => {
                let name = self.image(dest_url);
                self.stack.push(Open::Image {
                    name,
                    alt: String::new(),
                });
            }
            _ => {}
        }
    }

    fn end(&mut self, out: &mut Markup, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => out.code("\n\n"),
            TagEnd::Heading(_) => {
                out.trim_end();
                let k = match self.stack.pop() {
                    Some(Open::Heading(k)) => Some(k),
                    _ => None,
                };
                // A heading inside a footnote may be written twice: it gets no label.
                let page = self.body.targets.page(&self.body.page.rel);
                match (page.filter(|_| self.open_footnotes.is_empty()), k) {
                    (Some(label), Some(k)) => {
                        out.code(&format!("] <{}>\n\n", heading_label(label, k)));
                    }
                    _ => out.code("]\n\n"),
                }
            }
            TagEnd::BlockQuote(_) => {
                out.trim_end();
                out.code("\n]\n\n");
            }
            TagEnd::CodeBlock => {
                if let Some(Open::Code(code, lang)) = self.stack.pop() {
                    let lang =
                        lang.map_or(String::new(), |l| format!("lang: {}, ", string_literal(&l)));
                    out.code(&format!(
                        "#raw(block: true, {lang}{})\n\n",
                        string_literal(code.trim_end_matches('\n'))
                    ));
                }
            }
            TagEnd::List(_) => {
                out.code(")\n\n");
            }
            TagEnd::Item => {
                out.trim_end();
                out.code("],\n");
            }
            TagEnd::Table => {
                self.stack.pop();
                out.code(")\n\n");
            }
            TagEnd::TableHead => {
                out.trim_end();
                out.code("),\n");
            }
            TagEnd::TableRow => {
                out.trim_end();
                out.code("\n");
            }
            TagEnd::TableCell => out.code("], "),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => out.code("]"),
            TagEnd::Link => {
                if let Some(Open::Link(true)) = self.stack.pop() {
                    out.code("]");
                }
            }
            TagEnd::Image => {
                if let Some(Open::Image { name, alt }) = self.stack.pop() {
                    match name {
                        Some(name) => out.code(&format!(
                            "#image({}, alt: {})",
                            string_literal(&name),
                            string_literal(&alt)
                        )),
                        None => out.text(&alt),
                    }
                }
            }
            _ => {}
        }
    }

    fn footnote(&mut self, out: &mut Markup, name: &str) {
        let Some(def) = self.footnotes.get(name) else {
            out.text(&format!("[^{name}]"));
            return;
        };
        if !self.open_footnotes.insert(name.to_string()) {
            return;
        }
        out.code("#footnote[");
        self.items(out, def);
        out.trim_end();
        out.code("]");
        self.open_footnotes.remove(name);
    }

    /// The Typst link target of a Markdown destination: a URL, or the label of a
    /// page or heading in this document. `None` prints the link text alone (a page
    /// that is not in this PDF, a file).
    fn link_target(&self, dest: &str) -> Option<String> {
        let page = self.body.page;
        let targets = self.body.targets;
        match links::classify(dest) {
            Target::External => Some(string_literal(dest)),
            Target::Anchor(anchor) => targets.heading(&page.rel, anchor).map(|l| format!("<{l}>")),
            Target::Page { path, fragment } => {
                let rel = content_rel(page, path)?;
                let label = match fragment {
                    Some(f) => targets.heading(&rel, f)?,
                    None => targets.page(&rel)?.to_string(),
                };
                Some(format!("<{label}>"))
            }
            _ => None,
        }
    }

    /// An image next to the page is copied into the document; a remote one is
    /// never fetched (its alt text is printed instead).
    fn image(&mut self, dest: &str) -> Option<String> {
        let Target::File(path) = links::classify(dest) else {
            return None;
        };
        let rel = content_rel(self.body.page, path)?;
        Some(self.images.add(Path::new(CONTENT_DIR).join(rel)))
    }
}

/// The opening of a Typst table with one column per Markdown column.
fn table_start(alignments: &[Alignment]) -> String {
    let align: Vec<&str> = alignments
        .iter()
        .map(|a| match a {
            Alignment::None => "auto",
            Alignment::Left => "left",
            Alignment::Center => "center",
            Alignment::Right => "right",
        })
        .collect();
    format!(
        "#table(columns: {}, align: ({},),\n",
        align.len(),
        align.join(", ")
    )
}

/// `path` (written in `page`) as a path below `content/`.
fn content_rel(page: &Page, path: &str) -> Option<String> {
    let dir = Path::new(&page.rel).parent().unwrap_or(Path::new(""));
    let joined = crate::fs::join_inside(dir, path)?;
    Some(joined.to_string_lossy().replace('\\', "/"))
}
