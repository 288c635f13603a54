//! Navigation around a page: breadcrumbs, the section tree, previous and next.
//!
//! Each page gets the tree of top-level sections with only its own branch opened,
//! so a page's navigation grows with the depth of the tree, not with the number of
//! pages: the build stays linear at 10,000 pages (../shared/notes/performance.md).

use serde::Serialize;

use super::html::escape_into;
use crate::content::Content;

/// A section longer than this shows only a window of its pages around the
/// current one, and a link to the section page for the rest.
const NAV_MAX_PAGES: usize = 30;

/// Which pages of a section of `len` pages to list: the range, and how many are
/// left out. `current` is the position of the page being rendered, if it is there.
fn window(len: usize, current: Option<usize>) -> (std::ops::Range<usize>, usize) {
    if len <= NAV_MAX_PAGES {
        return (0..len, 0);
    }
    let half = NAV_MAX_PAGES / 2;
    let start = current.map_or(0, |c| c.saturating_sub(half).min(len - NAV_MAX_PAGES));
    (start..start + NAV_MAX_PAGES, len - NAV_MAX_PAGES)
}
use crate::content::links::{relative_parts, relative_url};

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

    fn link(&self, from: &str, to: usize) -> Link {
        let page = &self.content.pages[to];
        Link {
            title: page.meta.title.clone(),
            url: relative_url(from, &page.url),
        }
    }

    pub fn breadcrumbs(&self, here: Viewpoint<'_>) -> Vec<Link> {
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

    pub fn previous(&self, here: Viewpoint<'_>) -> Option<Link> {
        let pos = self.position[here.page?];
        let prev = *self.content.reading_order.get(pos.checked_sub(1)?)?;
        Some(self.link(here.url, prev))
    }

    pub fn next(&self, here: Viewpoint<'_>) -> Option<Link> {
        let pos = self.position[here.page?];
        let next = *self.content.reading_order.get(pos + 1)?;
        Some(self.link(here.url, next))
    }

    /// The navigation tree as HTML `<li>` items: the top section's pages and
    /// sub-sections, with the sections leading to the viewpoint opened. Written
    /// here rather than by a recursive template macro: it is on every page, and a
    /// long section is cut to a window around the current page, so the tree stays
    /// small however many pages the handbook has.
    pub fn tree_html(&self, here: Viewpoint<'_>) -> String {
        let open = self.content.ancestors(here.anchor);
        let mut html = String::with_capacity(4096);
        self.write_section_items(here, 0, &open, &mut html);
        html
    }

    fn write_section_items(
        &self,
        here: Viewpoint<'_>,
        section: usize,
        open: &[usize],
        html: &mut String,
    ) {
        let s = &self.content.sections[section];
        let current = here.page.and_then(|p| s.pages.iter().position(|&q| q == p));
        let (shown, hidden) = window(s.pages.len(), current);
        for &p in &s.pages[shown] {
            self.write_item(here, p, "", html);
            html.push_str("</li>\n");
        }
        if hidden > 0 {
            let index = &self.content.pages[s.index];
            html.push_str("<li class=\"nav-more\"><a href=\"");
            push_relative_url(html, here.url, &index.url);
            html.push_str(&format!("\">…ほか {hidden} ページ</a></li>\n"));
        }
        for &child in &s.children {
            let index = self.content.sections[child].index;
            let is_open = open.contains(&child);
            self.write_item(
                here,
                index,
                if is_open {
                    "nav-section open"
                } else {
                    "nav-section"
                },
                html,
            );
            if is_open {
                html.push_str("<ul>");
                self.write_section_items(here, child, open, html);
                html.push_str("</ul>");
            }
            html.push_str("</li>\n");
        }
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
    pub fn listing(&self, page: usize) -> Vec<ListItem> {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_sections_are_listed_whole() {
        assert_eq!(window(5, Some(2)), (0..5, 0));
    }

    #[test]
    fn long_sections_show_a_window_around_the_current_page() {
        assert_eq!(window(100, None), (0..30, 70));
        assert_eq!(window(100, Some(50)), (35..65, 70));
        assert_eq!(window(100, Some(99)), (70..100, 70));
        assert_eq!(window(100, Some(3)), (0..30, 70));
    }
}
