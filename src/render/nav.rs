//! Navigation around a page: breadcrumbs, previous and next, the section's own
//! pages, and the tree of the whole handbook.
//!
//! The tree is written once per build ([`Nav::script`], `assets/nav-data.js`)
//! and opened at the page by `templates/static/nav.js` in the browser: a copy of
//! it in every page made the site three times the size of Hugo's, and writing
//! those copies was most of the build. Without JavaScript, a page shows its
//! section's pages in a frame ([`Nav::frames`], one small page a section below
//! `assets/nav/`, as mdBook does with its whole table of contents), and keeps
//! its own breadcrumbs and previous/next ([`PageNav`]); none of it grows with
//! the number of pages.

use serde::Serialize;

use super::html::escape_into;
use crate::content::Content;
use crate::content::links::{relative_parts, relative_url};
use crate::fingerprint::{Fingerprint, Fingerprinter};

/// Below `site/`: the tree every page's navigation is built from.
pub const SCRIPT_FILE: &str = "assets/nav-data.js";
const SCRIPT_VARIABLE: &str = "window.TEBIKI_NAV";
/// Below `site/`: the folder of the sections' frames.
const FRAMES_DIR: &str = "assets/nav";

/// The frame of the section whose folder is `dir` (below `content/`), below `site/`.
fn frame_url(dir: &str) -> String {
    if dir.is_empty() {
        format!("{FRAMES_DIR}/index.html")
    } else {
        format!("{FRAMES_DIR}/{dir}/index.html")
    }
}

/// The id of a page in the frame of its section (folder `dir`): its URL from
/// the section's folder, `online.html`, `sub/index.html`.
fn frame_id<'a>(dir: &str, url: &'a str) -> &'a str {
    url.strip_prefix(dir)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(url)
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
    /// The navigation without JavaScript: the frame of the page's section,
    /// relative to the page, with the page as its fragment when it is one of
    /// the section's (the frame highlights its `:target`).
    pub nav_frame: String,
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
            nav_frame: self.frame_link(here),
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

    /// The frame of the page's section, from the page:
    /// `../assets/nav/ops/index.html#online.html`.
    fn frame_link(&self, here: Viewpoint<'_>) -> String {
        let anchor = &self.content.pages[here.anchor];
        let section = &self.content.sections[anchor.section];
        let mut link = relative_url(here.url, &frame_url(&section.dir));
        if here.page == Some(here.anchor) {
            link.push('#');
            link.push_str(frame_id(&section.dir, &anchor.url));
        }
        link
    }

    /// The frames the pages show without JavaScript, one for each section, with
    /// their paths below `site/`: the section open with its pages (each with its
    /// [`frame_id`] as its id, so that the frame highlights the page that shows it) and
    /// its sub-sections closed, as the tree shows them; the top section's pages
    /// and sections stand at the top level.
    /// `language` is the site's, the frames' `lang`.
    pub fn frames(&self, language: &str) -> Vec<(String, String)> {
        (0..self.content.sections.len())
            .map(|section| {
                let url = frame_url(&self.content.sections[section].dir);
                let html = self.frame_html(&url, section, language);
                (url, html)
            })
            .collect()
    }

    fn frame_html(&self, url: &str, section: usize, language: &str) -> String {
        let s = &self.content.sections[section];
        let mut html = String::with_capacity(256 + s.pages.len() * 96);
        html.push_str("<!DOCTYPE html>\n<html lang=\"");
        escape_into(&mut html, language);
        html.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
        escape_into(&mut html, &self.content.pages[s.index].meta.title);
        html.push_str("</title>\n<link rel=\"stylesheet\" href=\"");
        push_relative_url(&mut html, url, "assets/style.css");
        // Links open in the page that shows the frame.
        html.push_str("\">\n<base target=\"_parent\">\n</head>\n<body class=\"nav-frame-page\">\n<ul class=\"nav-tree\">\n");
        let nested = section != 0;
        let frame = (url, s.dir.as_str());
        self.write_frame_item(
            frame,
            s.index,
            if nested { "nav-section open" } else { "" },
            &mut html,
        );
        html.push_str(if nested { "<ul>" } else { "</li>" });
        for &p in &s.pages {
            self.write_frame_item(frame, p, "", &mut html);
            html.push_str("</li>");
        }
        for &child in &s.children {
            let index = self.content.sections[child].index;
            self.write_frame_item(frame, index, "nav-section", &mut html);
            html.push_str("</li>");
        }
        if nested {
            html.push_str("</ul></li>");
        }
        html.push_str("\n</ul>\n</body>\n</html>\n");
        html
    }

    /// Opens an `<li>` with the page's link, in the frame at `frame` (its URL
    /// and its section's folder); the caller closes it. Its id is the page's
    /// [`frame_id`].
    fn write_frame_item(&self, frame: (&str, &str), to: usize, class: &str, html: &mut String) {
        let (frame, dir) = frame;
        let page = &self.content.pages[to];
        html.push_str("<li id=\"");
        escape_into(html, frame_id(dir, &page.url));
        html.push('"');
        if !class.is_empty() {
            html.push_str(" class=\"");
            html.push_str(class);
            html.push('"');
        }
        html.push_str("><a href=\"");
        push_relative_url(html, frame, &page.url);
        html.push_str("\">");
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
    /// the lines right after its index, as the reading order puts them;
    /// `search` is the search page's URL from the root.
    pub fn script(&self) -> String {
        #[derive(Serialize)]
        struct Tree<'a> {
            pages: &'a str,
            sections: Vec<(usize, usize, &'a [usize])>,
            /// The search page, where the header's search box sends its query.
            search: &'a str,
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
            search: crate::pages::views::SEARCH_URL,
        };
        format!(
            "/* Generated by tebiki: the navigation tree of every page (read by nav.js). */\n{SCRIPT_VARIABLE} = {};\n",
            serde_json::to_string(&tree).unwrap_or_else(|_| "null".to_string())
        )
    }
}
