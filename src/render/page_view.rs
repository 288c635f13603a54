//! What a page's template sees: the page itself (`page`), the pages around it
//! (the fields of [`PageNav`]) and the markup Rust writes for it ([`fragments`]).

use serde::Serialize;

use super::fragments;
use super::nav::PageNav;
use crate::content::Page;
use crate::content::frontmatter::FrontMatter;
use crate::content::glossary::GlossaryLinks;
use crate::content::links::{relative_url, root_prefix};
use crate::content::markdown::{self, Heading};
use crate::diagnostics::display_path;
use crate::pages::GeneratedPage;
use crate::project::Project;

#[derive(Serialize)]
pub(super) struct PageContext<'a> {
    /// Prefix leading back to the site root: `{{ root }}assets/style.css`.
    root: String,
    page: PageView<'a>,
    /// Breadcrumbs, previous/next, the server-rendered part of the tree, a
    /// section's listing: what the page shows of the pages around it.
    #[serde(flatten)]
    nav: &'a PageNav,
    /// `breadcrumbs` as the page shows them, ending at the page itself.
    breadcrumbs_html: String,
    /// `prev` and `next` as the page shows them.
    prev_next_html: String,
    /// The data a generated page shows.
    item: Option<&'a crate::pages::Item>,
}

/// What a template sees as `page`. Generated pages have a title and a URL only.
#[derive(Serialize, Default)]
struct PageView<'a> {
    title: &'a str,
    /// File name of the page, for links to itself.
    url: &'a str,
    source: Option<String>,
    content: String,
    toc: Vec<&'a Heading>,
    /// `toc` as the page shows it (nothing for fewer than two headings).
    toc_html: String,
    summary: Option<&'a str>,
    area: Option<&'a str>,
    area_title: Option<&'a str>,
    owner: Option<&'a str>,
    owner_name: Option<&'a str>,
    reviewed: Option<String>,
    review_due: Option<String>,
    tags: &'a [String],
    deliverables: Vec<&'a crate::data::Deliverable>,
    is_section_index: bool,
    is_generated: bool,
    /// The last git commit that changed the page's source.
    last_change: Option<crate::history::Change>,
    /// Every commit that changed it, newest first: the 改訂履歴 block, escaped.
    revisions_html: String,
    /// Past its review date (最終確認日 + review_every months).
    overdue: bool,
    /// 業務領域, 最終確認日, 担当, 次回確認期限 and 最終更新, as a `<dl>`.
    meta_html: String,
}

impl<'a> PageView<'a> {
    /// The area, owner and review dates of a Markdown page's front matter.
    fn with_meta(mut self, meta: &'a FrontMatter, data: &'a crate::data::Data) -> Self {
        self.area = Some(&meta.area);
        self.area_title = data
            .areas
            .iter()
            .find(|a| a.id == meta.area)
            .map(|a| a.title.as_str());
        self.owner = Some(&meta.owner);
        self.owner_name = data.actor(&meta.owner).map(|a| a.name.as_str());
        self.reviewed = Some(meta.reviewed.to_string());
        self.review_due = meta
            .reviewed
            .checked_add_months(chrono::Months::new(meta.review_every))
            .map(|d| d.to_string());
        self
    }

    fn meta(&self) -> fragments::Meta<'_> {
        fragments::Meta {
            area: self.area,
            area_title: self.area_title,
            reviewed: self.reviewed.as_deref(),
            owner_name: self.owner_name,
            review_due: self.review_due.as_deref(),
            overdue: self.overdue,
            last_change: self.last_change.as_ref(),
        }
    }
}

fn file_name(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or(url)
}

/// The glossary terms and the page that explains them.
pub(super) struct Glossary {
    links: GlossaryLinks,
    url: String,
}

impl Glossary {
    pub(super) fn new(project: &Project) -> Option<Glossary> {
        Some(Glossary {
            url: crate::pages::views::page_with_template(&project.content, "glossary.html")?,
            links: GlossaryLinks::new(&project.data.glossary)?,
        })
    }
}

impl<'a> PageContext<'a> {
    /// The context of the Markdown page `index`.
    pub(super) fn page(
        project: &'a Project,
        nav: &'a PageNav,
        glossary: Option<&Glossary>,
        index: usize,
        revisions_html: String,
    ) -> Self {
        let page = &project.content.pages[index];
        let data = &project.data;
        let meta = &page.meta;
        // The glossary page does not link to itself.
        let glossary_url = glossary
            .filter(|g| g.url != page.url)
            .map(|g| (&g.links, relative_url(&page.url, &g.url)));
        let content = markdown::render_linked(
            &page.body,
            &page.scan.headings,
            &page.links,
            project.config.markdown.allow_raw_html,
            glossary_url.as_ref().map(|(l, u)| (*l, u.as_str())),
        );
        let view = PageView {
            title: &meta.title,
            url: file_name(&page.url),
            source: Some(display_path(&page.source)),
            content,
            toc: page
                .scan
                .headings
                .iter()
                .filter(|h| (2..=3).contains(&h.level))
                .collect(),
            summary: meta.summary.as_deref(),
            tags: &meta.tags,
            deliverables: meta
                .deliverables
                .iter()
                .filter_map(|id| data.deliverables.iter().find(|d| &d.id == id))
                .collect(),
            is_section_index: page.is_section_index,
            last_change: project.history.last_change(&page.source),
            revisions_html,
            overdue: crate::pages::views::freshness::days_overdue(page, project.today).is_some(),
            ..PageView::default()
        };
        PageContext::new(&page.url, view.with_meta(meta, data), nav, None)
    }

    /// The context of a page built from data: it shows the area, owner and
    /// review dates of the Markdown page it hangs under (`parent`), whose
    /// owner keeps the data right.
    pub(super) fn generated(
        page: &'a GeneratedPage,
        parent: Option<&'a Page>,
        data: &'a crate::data::Data,
        nav: &'a PageNav,
        revisions_html: String,
    ) -> Self {
        let mut view = PageView {
            title: &page.title,
            url: file_name(&page.url),
            is_generated: true,
            revisions_html,
            ..PageView::default()
        };
        if let Some(parent) = parent {
            view = view.with_meta(&parent.meta, data);
        }
        PageContext::new(&page.url, view, nav, Some(&page.item))
    }

    fn new(
        url: &str,
        mut page: PageView<'a>,
        nav: &'a PageNav,
        item: Option<&'a crate::pages::Item>,
    ) -> Self {
        page.meta_html = fragments::page_meta(&page.meta());
        page.toc_html = fragments::toc(&page.toc);
        PageContext {
            root: root_prefix(url),
            breadcrumbs_html: fragments::breadcrumbs(&nav.breadcrumbs, page.title),
            prev_next_html: fragments::prev_next(nav.prev.as_ref(), nav.next.as_ref()),
            page,
            nav,
            item,
        }
    }
}
