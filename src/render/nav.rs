//! Navigation around a page: breadcrumbs, the section tree, previous and next.
//!
//! Each page gets the tree of top-level sections with only its own branch opened,
//! so a page's navigation grows with the depth of the tree, not with the number of
//! pages: the build stays linear at 10,000 pages (../shared/notes/performance.md).

use serde::Serialize;

use crate::content::Content;
use crate::content::links::relative_url;

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    /// Relative to the page being rendered.
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    /// This item is the page being rendered.
    pub current: bool,
    /// This item is a section on the way to the page being rendered.
    pub open: bool,
    pub is_section: bool,
    pub children: Vec<NavItem>,
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

    /// The navigation tree: the top section's pages and sub-sections, with the
    /// sections leading to the viewpoint opened.
    pub fn tree(&self, here: Viewpoint<'_>) -> Vec<NavItem> {
        let open = self.content.ancestors(here.anchor);
        self.section_items(here, 0, &open)
    }

    fn section_items(&self, here: Viewpoint<'_>, section: usize, open: &[usize]) -> Vec<NavItem> {
        let s = &self.content.sections[section];
        let mut items: Vec<NavItem> = s
            .pages
            .iter()
            .map(|&p| self.item(here, p, false, Vec::new()))
            .collect();
        for &child in &s.children {
            let index = self.content.sections[child].index;
            let is_open = open.contains(&child);
            let children = if is_open {
                self.section_items(here, child, open)
            } else {
                Vec::new()
            };
            let mut item = self.item(here, index, true, children);
            item.open = is_open;
            items.push(item);
        }
        items
    }

    fn item(
        &self,
        here: Viewpoint<'_>,
        to: usize,
        is_section: bool,
        children: Vec<NavItem>,
    ) -> NavItem {
        let link = self.link(here.url, to);
        NavItem {
            title: link.title,
            url: link.url,
            current: here.page == Some(to),
            open: false,
            is_section,
            children,
        }
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
