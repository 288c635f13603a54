//! Markdown to HTML with pulldown-cmark: heading anchors that work for Japanese,
//! links rewritten to built pages, raw HTML only when the project allows it.
//!
//! A page is parsed twice: [`scan`] collects headings and links so that links
//! between pages can be checked once every page is known, then [`render`] writes
//! the HTML with the resolved links. Parsing is cheap next to everything else.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use super::glossary::GlossaryLinks;

/// The Markdown extensions every renderer parses with (site and PDF alike).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// A link or image destination as written in the Markdown, with its byte offset
/// in the body (for error locations).
#[derive(Debug, Clone, PartialEq)]
pub struct RawLink {
    pub dest: String,
    pub offset: usize,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scan {
    pub headings: Vec<Heading>,
    pub links: Vec<RawLink>,
    /// Byte offsets of raw HTML, reported when the project does not allow it.
    pub raw_html: Vec<usize>,
}

impl Scan {
    pub fn anchors(&self) -> HashSet<&str> {
        self.headings.iter().map(|h| h.id.as_str()).collect()
    }
}

pub fn scan(body: &str) -> Scan {
    let mut scan = Scan::default();
    let mut ids = IdAllocator::default();
    let mut heading: Option<(u8, Option<String>, String)> = None;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                heading = Some((
                    level_number(level),
                    id.map(|s| s.to_string()),
                    String::new(),
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, text)) = heading.take() {
                    let id = ids.allocate(explicit.as_deref(), &text);
                    scan.headings.push(Heading { level, text, id });
                }
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                scan.links.push(RawLink {
                    dest: dest_url.to_string(),
                    offset: range.start,
                });
            }
            Event::Html(_) | Event::InlineHtml(_) => scan.raw_html.push(range.start),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            _ => {}
        }
    }
    scan
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// Renders `body` to HTML. `headings` comes from [`scan`] of the same body and gives
/// each heading its id; `links` maps a destination as written to the URL to emit
/// (destinations missing from it are emitted unchanged).
pub fn render(
    body: &str,
    headings: &[Heading],
    links: &HashMap<String, String>,
    allow_raw_html: bool,
) -> String {
    render_linked(body, headings, links, allow_raw_html, None)
}

/// [`render`], with the first use of each glossary term linked to the glossary
/// page (given relative to the page being rendered).
pub fn render_linked(
    body: &str,
    headings: &[Heading],
    links: &HashMap<String, String>,
    allow_raw_html: bool,
    glossary: Option<(&GlossaryLinks, &str)>,
) -> String {
    let mut heading_ids = headings.iter().map(|h| h.id.as_str());
    let events = Parser::new_ext(body, options()).map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            classes,
            attrs,
            ..
        }) => Event::Start(Tag::Heading {
            level,
            id: heading_ids.next().map(|id| CowStr::from(id.to_string())),
            classes,
            attrs,
        }),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: rewrite(dest_url, links),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: rewrite(dest_url, links),
            title,
            id,
        }),
        Event::Html(html) | Event::InlineHtml(html) if !allow_raw_html => Event::Text(html),
        other => other,
    });
    let mut html = String::with_capacity(body.len() * 3 / 2);
    match glossary {
        // Raw HTML is already text here (unless allowed), so the only HTML the
        // linker adds is its own links.
        Some((terms, url)) => {
            pulldown_cmark::html::push_html(&mut html, terms.link(events, url).into_iter())
        }
        None => pulldown_cmark::html::push_html(&mut html, events),
    }
    html
}

fn rewrite<'a>(dest: CowStr<'a>, links: &HashMap<String, String>) -> CowStr<'a> {
    match links.get(dest.as_ref()) {
        Some(url) => CowStr::from(url.clone()),
        None => dest,
    }
}

/// Gives each heading of a page a unique id.
#[derive(Default)]
struct IdAllocator {
    used: HashSet<String>,
}

impl IdAllocator {
    fn allocate(&mut self, explicit: Option<&str>, text: &str) -> String {
        let base = match explicit {
            Some(id) => id.to_string(),
            None => slugify(text),
        };
        let mut id = base.clone();
        let mut n = 1;
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// The anchor id of a heading: letters and digits of any script are kept (so
/// `夜間日次バッチの流れ` stays readable in the URL), ASCII is lower-cased, spaces
/// become `-`, and punctuation such as `「」（）、。・` is dropped.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            slug.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '.')
            && !slug.ends_with('-')
            && !slug.is_empty()
        {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_headings_keep_their_letters_in_ids() {
        assert_eq!(
            slugify("4.4 夜間日次バッチ（月次）の流れ"),
            "4-4-夜間日次バッチ月次の流れ"
        );
        assert_eq!(slugify("Online 稼働"), "online-稼働");
        assert_eq!(slugify("「」"), "section");
    }

    #[test]
    fn repeated_headings_get_numbered_ids() {
        let scan = scan("## 手順\n\n## 手順\n\n## 手順 {#own}\n");
        let ids: Vec<_> = scan.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["手順", "手順-1", "own"]);
    }

    #[test]
    fn raw_html_is_text_unless_allowed() {
        let body = "a <b>x</b>\n\n<script>alert(1)</script>\n";
        let s = scan(body);
        assert_eq!(s.raw_html.len(), 3);
        let html = render(body, &s.headings, &HashMap::new(), false);
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>"), "{html}");
        let html = render(body, &s.headings, &HashMap::new(), true);
        assert!(html.contains("<script>"), "{html}");
    }

    #[test]
    fn links_are_rewritten_and_headings_get_ids() {
        let body = "## 概要\n\n[次へ](b.md#手順)\n";
        let s = scan(body);
        assert_eq!(s.links[0].dest, "b.md#手順");
        let links = HashMap::from([("b.md#手順".to_string(), "b.html#手順".to_string())]);
        let html = render(body, &s.headings, &links, false);
        assert!(html.contains(r#"<h2 id="概要">概要</h2>"#), "{html}");
        assert!(
            html.contains(r#"href="b.html#%E6%89%8B%E9%A0%86""#)
                || html.contains(r#"href="b.html#手順""#),
            "{html}"
        );
    }
}
