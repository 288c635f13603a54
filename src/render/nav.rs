//! Navigation around a page: breadcrumbs, the section tree, previous and next.
//!
//! Each page gets the tree of top-level sections with only its own branch opened,
//! so a page's navigation grows with the depth of the tree, not with the number of
//! pages: the build stays linear at 10,000 pages (../shared/notes/performance.md).

use serde::Serialize;

use crate::content::links::relative_url;
use crate::content::{Content, Page};

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

    fn link(&self, from: &Page, to: usize) -> Link {
        let page = &self.content.pages[to];
        Link {
            title: page.meta.title.clone(),
            url: relative_url(&from.url, &page.url),
        }
    }

    pub fn breadcrumbs(&self, page: usize) -> Vec<Link> {
        let from = &self.content.pages[page];
        self.content
            .ancestors(page)
            .into_iter()
            .map(|s| self.content.sections[s].index)
            .filter(|&index| index != page)
            .map(|index| self.link(from, index))
            .collect()
    }

    pub fn previous(&self, page: usize) -> Option<Link> {
        let pos = self.position[page];
        let prev = *self.content.reading_order.get(pos.checked_sub(1)?)?;
        Some(self.link(&self.content.pages[page], prev))
    }

    pub fn next(&self, page: usize) -> Option<Link> {
        let pos = self.position[page];
        let next = *self.content.reading_order.get(pos + 1)?;
        Some(self.link(&self.content.pages[page], next))
    }

    /// The navigation tree: the top section's pages and sub-sections, with the
    /// sections leading to `page` opened.
    pub fn tree(&self, page: usize) -> Vec<NavItem> {
        let open = self.content.ancestors(page);
        self.section_items(page, 0, &open)
    }

    fn section_items(&self, page: usize, section: usize, open: &[usize]) -> Vec<NavItem> {
        let s = &self.content.sections[section];
        let from = &self.content.pages[page];
        let mut items: Vec<NavItem> = s
            .pages
            .iter()
            .map(|&p| NavItem {
                current: p == page,
                open: false,
                is_section: false,
                children: Vec::new(),
                ..self.item(from, p)
            })
            .collect();
        for &child in &s.children {
            let index = self.content.sections[child].index;
            let is_open = open.contains(&child);
            items.push(NavItem {
                current: index == page,
                open: is_open,
                is_section: true,
                children: if is_open {
                    self.section_items(page, child, open)
                } else {
                    Vec::new()
                },
                ..self.item(from, index)
            });
        }
        items
    }

    fn item(&self, from: &Page, to: usize) -> NavItem {
        let link = self.link(from, to);
        NavItem {
            title: link.title,
            url: link.url,
            current: false,
            open: false,
            is_section: false,
            children: Vec::new(),
        }
    }

    /// The pages and sub-sections of the section whose index is `page`.
    pub fn listing(&self, page: usize) -> Vec<ListItem> {
        let from = &self.content.pages[page];
        if !from.is_section_index {
            return Vec::new();
        }
        let s = &self.content.sections[from.section];
        let children = s.children.iter().map(|&c| (self.content.sections[c].index, true));
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
