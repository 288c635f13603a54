//! Navigation around a page: breadcrumbs, previous and next, the section's own
//! pages, and the tree of the whole handbook.
//!
//! The tree is written once per build ([`Nav::script`], `assets/nav-data.js`)
//! and opened at the page by `templates/static/nav.js` in the browser: a copy of
//! it in every page made the site three times the size of Hugo's, and writing
//! those copies was most of the build. Each page keeps a small server-rendered
//! navigation that works without JavaScript and does not grow with the number
//! of pages: breadcrumbs, previous/next and a window of its section's pages
//! ([`PageNav`]).

use serde::Serialize;

use super::html::escape_into;
use crate::content::Content;
use crate::content::links::{relative_parts, relative_url};
use crate::fingerprint::{Fingerprint, Fingerprinter};

/// Below `site/`: the tree every page's navigation is built from.
pub const SCRIPT_FILE: &str = "assets/nav-data.js";
const SCRIPT_VARIABLE: &str = "window.TEBIKI_NAV";

/// Pages of its section the server-rendered navigation lists around a page.
/// The tree the browser builds shows 30 (`MAX_PAGES` in nav.js); this one is
/// on every page and only has to keep the neighbours one click away.
const FALLBACK_PAGES: usize = 5;

/// Which pages of a section of `len` pages to list, at most `max`: the range, and
/// how many are left out. `current` is the position of the page being rendered,
/// if it is there. nav.js cuts the tree's sections the same way.
fn window(len: usize, current: Option<usize>, max: usize) -> (std::ops::Range<usize>, usize) {
    if len <= max {
        return (0..len, 0);
    }
    let half = max / 2;
    let start = current.map_or(0, |c| c.saturating_sub(half).min(len - max));
    (start..start + max, len - max)
}

/// The URL of `to` from `from`, escaped for an attribute, appended to `html`.
fn push_relative_url(html: &mut String, from: &str, to: &str) {
    let (ups, rest) = relative_parts(from, to);
    for _ in 0..ups {
        html.push_str("../");
    }
    escape_into(html, rest);
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    /// Relative to the page being rendered.
    pub url: String,
}

/// An entry of a section's listing: its pages and sub-sections.
#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub area: String,
    pub is_section: bool,
}

/// Where a page sits: the file being rendered and the Markdown page whose place in
/// the tree it takes. A generated page (a calendar month) takes its parent's place.
#[derive(Debug, Clone, Copy)]
pub struct Viewpoint<'a> {
    pub url: &'a str,
    /// The Markdown page being rendered, if it is one.
    pub page: Option<usize>,
    pub anchor: usize,
}

impl<'a> Viewpoint<'a> {
    pub fn of_page(content: &'a Content, page: usize) -> Self {
        Viewpoint {
            url: &content.pages[page].url,
            page: Some(page),
            anchor: page,
        }
    }
}

/// Everything a page shows of the pages around it, as the templates see it.
/// Its fingerprint is part of the page's render key: a page is made again when
/// what it shows of other pages changes, and only then.
#[derive(Debug, Serialize)]
pub struct PageNav {
    pub breadcrumbs: Vec<Link>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    /// Where nav.js opens the tree, from the site root: the page's own URL, or
    /// that of the page a generated page hangs under.
    pub nav_at: String,
    /// True when `nav_at` is the page itself, highlighted in the tree.
    pub nav_current: bool,
    /// The tree without JavaScript, as `<li>` items (escaped): the page's
    /// section with its pages around the page.
    pub nav_html: String,
    /// A section index's pages and sub-sections.
    pub listing: Vec<ListItem>,
}

impl PageNav {
    pub fn fingerprint(&self) -> Fingerprint {
        let json = serde_json::to_vec(self).unwrap_or_default();
        Fingerprinter::new().add(&json).finish()
    }
}

pub struct Nav<'a> {
    content: &'a Content,
    /// Position of each page in the reading order.
    position: Vec<usize>,
}

impl<'a> Nav<'a> {
    pub fn new(content: &'a Content) -> Self {
        let mut position = vec![0; content.pages.len()];
        for (i, &p) in content.reading_order.iter().enumerate() {
            position[p] = i;
        }
        Nav { content, position }
    }

    /// What the page at `here` shows of the pages around it.
    pub fn around(&self, here: Viewpoint<'_>) -> PageNav {
        PageNav {
            breadcrumbs: self.breadcrumbs(here),
            prev: self.previous(here),
            next: self.next(here),
            nav_at: self.content.pages[here.anchor].url.clone(),
            nav_current: here.page == Some(here.anchor),
            nav_html: self.fallback_html(here),
            listing: here.page.map(|p| self.listing(p)).unwrap_or_default(),
        }
    }

    fn link(&self, from: &str, to: usize) -> Link {
        let page = &self.content.pages[to];
        Link {
            title: page.meta.title.clone(),
            url: relative_url(from, &page.url),
        }
    }

    fn breadcrumbs(&self, here: Viewpoint<'_>) -> Vec<Link> {
        let mut chain: Vec<usize> = self
            .content
            .ancestors(here.anchor)
            .into_iter()
            .map(|s| self.content.sections[s].index)
            .collect();
        if !chain.contains(&here.anchor) {
            chain.push(here.anchor);
        }
        chain
            .into_iter()
            .filter(|&index| Some(index) != here.page)
            .map(|index| self.link(here.url, index))
            .collect()
    }

    fn previous(&self, here: Viewpoint<'_>) -> Option<Link> {
        let pos = self.position[here.page?];
        let prev = *self.content.reading_order.get(pos.checked_sub(1)?)?;
        Some(self.link(here.url, prev))
    }

    fn next(&self, here: Viewpoint<'_>) -> Option<Link> {
        let pos = self.position[here.page?];
        let next = *self.content.reading_order.get(pos + 1)?;
        Some(self.link(here.url, next))
    }

    /// The navigation a page shows without JavaScript: its section, open, with
    /// the section's pages around the page and a link to the section page for
    /// the rest (with no count, so that a page added far away does not change
    /// it). The top section's pages and sections stand at the top level, after
    /// ホーム.
    fn fallback_html(&self, here: Viewpoint<'_>) -> String {
        let section = self.content.pages[here.anchor].section;
        let s = &self.content.sections[section];
        let current = here.page.and_then(|p| s.pages.iter().position(|&q| q == p));
        let (shown, hidden) = window(s.pages.len(), current, FALLBACK_PAGES);
        let mut html = String::with_capacity(1024);
        let nested = section != 0;
        if nested {
            self.write_item(here, s.index, "nav-section open", &mut html);
            if s.pages.is_empty() {
                html.push_str("</li>");
                return html;
            }
            html.push_str("<ul>");
        }
        for &p in &s.pages[shown] {
            self.write_item(here, p, "", &mut html);
            html.push_str("</li>");
        }
        if hidden > 0 {
            let index = &self.content.pages[s.index];
            html.push_str("<li class=\"nav-more\"><a href=\"");
            push_relative_url(&mut html, here.url, &index.url);
            html.push_str("\">…ほかのページ</a></li>");
        }
        if nested {
            html.push_str("</ul></li>");
        } else {
            // The top: its sections too, closed (a handbook has a few).
            for &child in &s.children {
                let index = self.content.sections[child].index;
                self.write_item(here, index, "nav-section", &mut html);
                html.push_str("</li>");
            }
        }
        html
    }

    /// Opens an `<li>` with the page's link; the caller closes it.
    fn write_item(&self, here: Viewpoint<'_>, to: usize, class: &str, html: &mut String) {
        let page = &self.content.pages[to];
        html.push_str("<li");
        if !class.is_empty() {
            html.push_str(" class=\"");
            html.push_str(class);
            html.push('"');
        }
        html.push_str("><a href=\"");
        push_relative_url(html, here.url, &page.url);
        html.push('"');
        if here.page == Some(to) {
            html.push_str(" aria-current=\"page\"");
        }
        html.push('>');
        escape_into(html, &page.meta.title);
        html.push_str("</a>");
    }

    /// The pages and sub-sections of the section whose index is `page`.
    fn listing(&self, page: usize) -> Vec<ListItem> {
        let from = &self.content.pages[page];
        if !from.is_section_index {
            return Vec::new();
        }
        let s = &self.content.sections[from.section];
        let children = s
            .children
            .iter()
            .map(|&c| (self.content.sections[c].index, true));
        s.pages
            .iter()
            .map(|&p| (p, false))
            .chain(children)
            .map(|(p, is_section)| {
                let target = &self.content.pages[p];
                ListItem {
                    title: target.meta.title.clone(),
                    url: relative_url(&from.url, &target.url),
                    summary: target.meta.summary.clone(),
                    area: target.meta.area.clone(),
                    is_section,
                }
            })
            .collect()
    }

    /// `assets/nav-data.js`: the tree of every page, for nav.js. `pages` is one
    /// line a page in reading order, `URL<TAB>title` (one string splits far
    /// faster in the browser than 10,000 small arrays parse); `sections` gives
    /// each section as `[line of its index page, number of its own pages,
    /// [its sub-sections]]`, section 0 being the top. A section's own pages are
    /// the lines right after its index, as the reading order puts them.
    pub fn script(&self) -> String {
        #[derive(Serialize)]
        struct Tree<'a> {
            pages: &'a str,
            sections: Vec<(usize, usize, &'a [usize])>,
        }
        let one_line = |text: &str| text.replace(['\t', '\n', '\r'], " ");
        let mut pages = String::with_capacity(self.content.pages.len() * 64);
        for (i, &p) in self.content.reading_order.iter().enumerate() {
            let page = &self.content.pages[p];
            if i > 0 {
                pages.push('\n');
            }
            pages.push_str(&one_line(&page.url));
            pages.push('\t');
            pages.push_str(&one_line(&page.meta.title));
        }
        let sections = self
            .content
            .sections
            .iter()
            .map(|s| (self.position[s.index], s.pages.len(), s.children.as_slice()))
            .collect();
        let tree = Tree {
            pages: &pages,
            sections,
        };
        format!(
            "/* Generated by tebiki: the navigation tree of every page (read by nav.js). */\n{SCRIPT_VARIABLE} = {};\n",
            serde_json::to_string(&tree).unwrap_or_else(|_| "null".to_string())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sections_are_listed_whole() {
        assert_eq!(window(5, Some(2), 30), (0..5, 0));
    }

    #[test]
    fn long_sections_show_a_window_around_the_current_page() {
        assert_eq!(window(100, None, 30), (0..30, 70));
        assert_eq!(window(100, Some(50), 30), (35..65, 70));
        assert_eq!(window(100, Some(99), 30), (70..100, 70));
        assert_eq!(window(100, Some(3), 30), (0..30, 70));
        assert_eq!(window(100, Some(50), FALLBACK_PAGES), (48..53, 95));
    }
}
