//! The handbook site: every page through its Tera template, plus static assets,
//! written below `site/` with relative URLs only.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use super::nav::{Link, ListItem, Nav, NavItem};
use super::{Renderer, Sink, Summary};
use crate::content::links::root_prefix;
use crate::content::markdown::{self, Heading};
use crate::content::{CONTENT_DIR, Page};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, display_path};
use crate::error::Error;
use crate::project::Project;

pub const TEMPLATES_DIR: &str = "templates";
/// Static files (CSS, JS) below `templates/`, copied to `site/assets/`.
const STATIC_DIR: &str = "static";
pub const SITE_DIR: &str = "site";

pub struct Html {
    tera: tera::Tera,
}

impl Html {
    /// Loads the project's templates. Errors name the template file.
    pub fn new(root: &Path) -> Result<Html, Diagnostics> {
        let dir = root.join(TEMPLATES_DIR);
        let mut diags = Diagnostics::new();
        let mut sources = Vec::new();
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    diags.push(Diagnostic::global(format!("{TEMPLATES_DIR}/ を読めません: {e}")));
                    continue;
                }
            };
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let is_template = entry.file_type().is_file()
                && !rel.starts_with(STATIC_DIR)
                && rel.extension().is_some_and(|e| e == "html");
            if !is_template {
                continue;
            }
            let shown = Path::new(TEMPLATES_DIR).join(rel);
            match crate::fs::read_text(entry.path(), &shown) {
                Ok(text) => sources.push((display_path(rel), text)),
                Err(d) => diags.push(d),
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let mut tera = tera::Tera::default();
        if let Err(e) = tera.add_raw_templates(sources) {
            diags.push(Diagnostic::error(
                Location::file(TEMPLATES_DIR),
                format!("テンプレートを読み込めません: {}", error_chain(&e)),
            ));
            return Err(diags);
        }
        Ok(Html { tera })
    }

    /// Renders one page to HTML.
    fn render_page(&self, project: &Project, nav: &Nav<'_>, base: &tera::Context, index: usize) -> Result<String, Diagnostic> {
        let page = &project.content.pages[index];
        let template = template_for(page);
        let view = PageContext::new(project, nav, index);
        let mut context = base.clone();
        context.extend(tera::Context::from_serialize(&view).map_err(|e| {
            Diagnostic::error(Location::file(&page.source), error_chain(&e))
        })?);
        self.tera.render(template, &context).map_err(|e| {
            Diagnostic::error(
                Location::file(&page.source),
                format!("{TEMPLATES_DIR}/{template} で描画できません: {}", error_chain(&e)),
            )
        })
    }
}

fn template_for(page: &Page) -> &str {
    match &page.meta.template {
        Some(t) => t,
        None if page.rel == "_index.md" => "home.html",
        None if page.is_section_index => "section.html",
        None => "page.html",
    }
}

/// Tera hides the useful part of an error in its source chain.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

/// What a template sees as `site`, `data` and `build`, the same for every page.
fn base_context(project: &Project) -> Result<tera::Context, Error> {
    #[derive(Serialize)]
    struct Build<'a> {
        version: &'a str,
        date: String,
    }
    let mut context = tera::Context::new();
    context.insert("site", &project.config);
    context.insert("data", &project.data);
    context.insert(
        "build",
        &Build {
            version: env!("CARGO_PKG_VERSION"),
            date: chrono::Local::now().date_naive().to_string(),
        },
    );
    Ok(context)
}

#[derive(Serialize)]
struct PageContext<'a> {
    /// Prefix leading back to the site root: `{{ root }}assets/style.css`.
    root: String,
    page: PageView<'a>,
    breadcrumbs: Vec<Link>,
    prev: Option<Link>,
    next: Option<Link>,
    nav: Vec<NavItem>,
    listing: Vec<ListItem>,
}

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    url: &'a str,
    source: String,
    content: String,
    toc: Vec<&'a Heading>,
    summary: Option<&'a str>,
    area: &'a str,
    area_title: Option<&'a str>,
    owner: &'a str,
    owner_name: Option<&'a str>,
    reviewed: String,
    review_due: Option<String>,
    tags: &'a [String],
    deliverables: Vec<&'a crate::data::Deliverable>,
    is_section_index: bool,
}

impl<'a> PageContext<'a> {
    fn new(project: &'a Project, nav: &Nav<'_>, index: usize) -> Self {
        let page = &project.content.pages[index];
        let data = &project.data;
        let meta = &page.meta;
        let content = markdown::render(
            &page.body,
            &page.scan.headings,
            &page.links,
            project.config.markdown.allow_raw_html,
        );
        PageContext {
            root: root_prefix(&page.url),
            page: PageView {
                title: &meta.title,
                url: page.url.rsplit('/').next().unwrap_or(&page.url),
                source: display_path(&page.source),
                content,
                toc: page.scan.headings.iter().filter(|h| (2..=3).contains(&h.level)).collect(),
                summary: meta.summary.as_deref(),
                area: &meta.area,
                area_title: data.areas.iter().find(|a| a.id == meta.area).map(|a| a.title.as_str()),
                owner: &meta.owner,
                owner_name: data.actor(&meta.owner).map(|a| a.name.as_str()),
                reviewed: meta.reviewed.to_string(),
                review_due: meta
                    .reviewed
                    .checked_add_months(chrono::Months::new(meta.review_every))
                    .map(|d| d.to_string()),
                tags: &meta.tags,
                deliverables: meta
                    .deliverables
                    .iter()
                    .filter_map(|id| data.deliverables.iter().find(|d| &d.id == id))
                    .collect(),
                is_section_index: page.is_section_index,
            },
            breadcrumbs: nav.breadcrumbs(index),
            prev: nav.previous(index),
            next: nav.next(index),
            nav: nav.tree(index),
            listing: nav.listing(index),
        }
    }
}

impl Renderer for Html {
    fn name(&self) -> &'static str {
        "site"
    }

    fn render(&self, project: &Project, sink: &dyn Sink) -> Result<Summary, Error> {
        let nav = Nav::new(&project.content);
        let base = base_context(project)?;
        let site = PathBuf::from(SITE_DIR);
        let results: Vec<Result<(), Error>> = project
            .content
            .reading_order
            .par_iter()
            .map(|&index| {
                let html = self
                    .render_page(project, &nav, &base, index)
                    .map_err(|d| Error::Problems(d.into()))?;
                sink.write(&site.join(&project.content.pages[index].url), html.as_bytes())
            })
            .collect();
        let mut diags = Diagnostics::new();
        for result in results {
            match result {
                Ok(()) => {}
                Err(Error::Problems(d)) => diags.extend(d),
                Err(other) => return Err(other),
            }
        }
        if !diags.is_empty() {
            return Err(Error::Problems(diags.sorted()));
        }
        let mut files = project.content.pages.len();
        files += copy_dir(&project.root.join(TEMPLATES_DIR).join(STATIC_DIR), sink, &site.join("assets"))?;
        for asset in &project.content.assets {
            let from = project.root.join(CONTENT_DIR).join(asset);
            let bytes = std::fs::read(&from).map_err(|e| Error::io(&from, e))?;
            sink.write(&site.join(asset), &bytes)?;
            files += 1;
        }
        Ok(Summary { files })
    }
}

/// Copies a directory of static files into the sink; a missing directory is empty.
fn copy_dir(src: &Path, sink: &dyn Sink, dest: &Path) -> Result<usize, Error> {
    let mut count = 0;
    if !src.is_dir() {
        return Ok(0);
    }
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(src, std::io::Error::other(e)))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(src).unwrap_or(entry.path());
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        sink.write(&dest.join(rel), &bytes)?;
        count += 1;
    }
    Ok(count)
}
