//! The handbook site: every page through its Tera template, plus static assets,
//! written below `site/` with relative URLs only.

use std::path::{Path, PathBuf};

pub use crate::escape::{escape_html, escape_into};

use rayon::prelude::*;
use serde::Serialize;

use super::contexts::Contexts;
use super::keys;
use super::nav::{self, Nav, PageNav, Viewpoint};
use super::page_view::{Glossary, PageContext};
use super::revisions;
use super::search_cache::PageText;
use super::site_files::{self, PageWriter};
use super::{Renderer, Sink, Summary};
use crate::content::{CONTENT_DIR, Page};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, display_path};
use crate::error::Error;
use crate::fingerprint::{Fingerprint, Fingerprinter};
use crate::pages::GeneratedPage;
use crate::project::Project;

pub const TEMPLATES_DIR: &str = "templates";
/// Static files (CSS, JS) below `templates/`, copied to `site/assets/`.
pub(super) const STATIC_DIR: &str = "static";
pub const SITE_DIR: &str = "site";

pub struct Html {
    tera: tera::Tera,
    /// Every template's name and text, part of every page's render key.
    templates: Fingerprint,
}

/// One page rendered alone (by `serve` when only that page changed).
pub struct RenderedPage {
    /// Below the output directory: `site/ops/nightly.html`.
    pub rel: PathBuf,
    pub key: Fingerprint,
    pub html: String,
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
                    diags.push(Diagnostic::global(format!(
                        "{TEMPLATES_DIR}/ を読めません: {e}"
                    )));
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
        let mut templates = Fingerprinter::new();
        for (name, text) in &sources {
            templates.add_str(name).add_str(text);
        }
        let mut tera = tera::Tera::default();
        tera.set_escape_fn(escape_html);
        if let Err(e) = tera.add_raw_templates(sources) {
            let message = error_chain(&e);
            diags.push(Diagnostic::error(
                template_error_location(&message),
                format!("テンプレートを読み込めません: {message}"),
            ));
            return Err(diags);
        }
        Ok(Html {
            tera,
            templates: templates.finish(),
        })
    }

    /// The key every page's own key starts from (see [`keys`]).
    fn site_key(&self, base: &tera::Context) -> Fingerprint {
        let json = serde_json::to_vec(&base.clone().into_json()).unwrap_or_default();
        keys::site_key(self.templates, &json)
    }

    /// Renders the Markdown page `index` alone, with the navigation of the whole
    /// project, exactly as [`Renderer::render`] would.
    pub fn render_single(&self, project: &Project, index: usize) -> Result<RenderedPage, Error> {
        let nav = Nav::new(&project.content);
        let mut base = base_context(project)?;
        let site_key = self.site_key(&base);
        let page = &project.content.pages[index];
        let glossary = Glossary::new(project);
        let around = nav.around(Viewpoint::of_page(&project.content, index));
        let revisions = revisions::page_block(project, index);
        let key = keys::page_key(site_key, page, revisions.as_bytes(), around.fingerprint());
        let html = self
            .render_page(
                project,
                &around,
                &mut base,
                glossary.as_ref(),
                index,
                revisions,
            )
            .map_err(|d| Error::Problems(d.into()))?;
        Ok(RenderedPage {
            rel: Path::new(SITE_DIR).join(&page.url),
            key,
            html,
        })
    }

    /// Renders one Markdown page to HTML. `context` holds what every page shares
    /// ([`base_context`]); the page's own values are put in it, replacing the
    /// previous page's.
    fn render_page(
        &self,
        project: &Project,
        around: &PageNav,
        context: &mut tera::Context,
        glossary: Option<&Glossary>,
        index: usize,
        revisions: String,
    ) -> Result<String, Diagnostic> {
        let page = &project.content.pages[index];
        let view = PageContext::page(project, around, glossary, index, revisions);
        self.render_view(
            context,
            template_for(page),
            &view,
            Location::file(&page.source),
        )
    }

    /// Renders one page built from data (`context` as for [`Html::render_page`]).
    fn render_generated(
        &self,
        project: &Project,
        around: &PageNav,
        context: &mut tera::Context,
        page: &GeneratedPage,
        revisions: String,
    ) -> Result<String, Diagnostic> {
        let anchor = anchor_of(project, page);
        let parent = project
            .content
            .pages
            .get(anchor)
            .filter(|p| p.rel == page.parent);
        let view = PageContext::generated(page, parent, &project.data, around, revisions);
        let at = Location::file(Path::new(CONTENT_DIR).join(&page.parent));
        self.render_view(context, page.template(), &view, at)
    }

    /// Every page's context has the same keys (the fields of [`PageContext`]), so
    /// putting them in replaces all of the previous page's: the shared values,
    /// which hold all the data, are not copied for every page.
    fn render_view(
        &self,
        context: &mut tera::Context,
        template: &str,
        view: &PageContext<'_>,
        at: Location,
    ) -> Result<String, Diagnostic> {
        let view = tera::Context::from_serialize(view)
            .map_err(|e| Diagnostic::error(at.clone(), error_chain(&e)))?;
        context.extend(view);
        let error = |e: &dyn std::error::Error| {
            Diagnostic::error(
                at.clone(),
                format!(
                    "{TEMPLATES_DIR}/{template} で描画できません: {}",
                    error_chain(e)
                ),
            )
        };
        // Into bytes, checked here: Tera's own check of a page's UTF-8 was a
        // seventh of its time (see `encoding::utf8_string`).
        let mut html = Vec::with_capacity(8 * 1024);
        self.tera
            .render_to(template, context, &mut html)
            .map_err(|e| error(&e))?;
        crate::encoding::utf8_string(html).map_err(|e| error(&e))
    }
}

/// The Markdown page a generated page hangs under, whose place in the tree it takes.
fn anchor_of(project: &Project, page: &GeneratedPage) -> usize {
    project
        .content
        .pages
        .iter()
        .position(|p| p.rel == page.parent)
        .unwrap_or(0)
}

fn template_for(page: &Page) -> &str {
    match &page.meta.template {
        Some(t) => t,
        None if page.rel == "_index.md" => "home.html",
        None if page.is_section_index => "section.html",
        None => "page.html",
    }
}

/// Tera names the template as `'page.html'` and places a parse error as
/// ` --> 22:7`; turn that into `templates/page.html:22:7`.
fn template_error_location(message: &str) -> Location {
    let name = message
        .split('\'')
        .nth(1)
        .filter(|n| n.ends_with(".html"))
        .unwrap_or("");
    let path = Path::new(TEMPLATES_DIR).join(name);
    let place = message.split("--> ").nth(1).and_then(|rest| {
        let rest: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ':')
            .collect();
        let (line, col) = rest.split_once(':')?;
        Some((line.parse().ok()?, col.parse().ok()?))
    });
    match place {
        Some((line, col)) => Location::new(path, line, col),
        None => Location::file(path),
    }
}

/// Tera hides the useful part of an error in its source chain, and parse errors
/// draw the line in ASCII art over several lines; a problem is reported on one
/// line, so keep only the words.
pub(crate) fn error_chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts
        .join(": ")
        .lines()
        .map(str::trim)
        .filter(|l| {
            let after_number = l
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start();
            !l.is_empty() && !l.starts_with("-->") && !after_number.starts_with('|')
        })
        .map(|l| l.trim_start_matches("= "))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a template sees as `site`, `data` and `build`, the same for every page.
fn base_context(project: &Project) -> Result<tera::Context, Error> {
    #[derive(Serialize)]
    struct Build<'a> {
        version: &'a str,
        date: String,
        /// The edition without personal data.
        redacted: bool,
    }
    let mut context = tera::Context::new();
    context.insert("site", &project.config);
    context.insert("data", &project.data);
    context.insert(
        "build",
        &Build {
            version: env!("CARGO_PKG_VERSION"),
            date: project.today.to_string(),
            redacted: project.redacted,
        },
    );
    context.insert("links", &crate::pages::views::Links::new(&project.content));
    // Escaped for a <script> element by panel_json; printed with `| safe`.
    context.insert(
        "contact_now_json",
        &crate::pages::views::contact_now::panel_json(
            &project.data,
            &project.calendar,
            project.today,
        ),
    );
    Ok(context)
}

impl Renderer for Html {
    fn name(&self) -> &'static str {
        "site"
    }

    fn render(&self, project: &Project, sink: &dyn Sink) -> Result<Summary, Error> {
        let nav = Nav::new(&project.content);
        let contexts = Contexts::new(base_context(project)?);
        let glossary = Glossary::new(project);
        let site = PathBuf::from(SITE_DIR);
        let writer = PageWriter::new(&site, sink);
        let pass = SitePass {
            project,
            nav: &nav,
            contexts: &contexts,
            glossary: glossary.as_ref(),
            site_key: self.site_key(contexts.base()),
            writer: &writer,
        };
        // Side by side, so that a long generated page (更新履歴 of a long
        // history) is not left to one core at the end; the texts stay in the
        // reading order, Markdown pages first.
        let (mut results, generated) = rayon::join(
            || self.write_markdown_pages(&pass),
            || self.write_generated_pages(&pass),
        );
        results.extend(generated);
        let texts = writer.finish(results)?;
        // The index is built in parallel; the other files are written meanwhile.
        let (index, others) = rayon::join(
            || writer.write_search_index(texts),
            || -> Result<usize, Error> {
                sink.write(&site.join(nav::SCRIPT_FILE), nav.script().as_bytes())?;
                let frames = nav.frames(&project.config.site.language);
                for (url, html) in &frames {
                    sink.write(&site.join(url), html.as_bytes())?;
                }
                let changes = super::changes::write(project, sink, &site)?;
                Ok(frames.len() + changes + site_files::copy_static(project, sink, &site)?)
            },
        );
        index?;
        let files = project.content.pages.len() + project.generated.len() + 2 + others?;
        Ok(Summary { files })
    }
}

/// Pages a job renders at most: small jobs keep both cores busy to the end
/// of the pages (with rayon's own split, one core could wait for the other to
/// finish a long job of pages, a tenth of a second at 10,000 pages).
const PAGES_PER_JOB: usize = 16;

/// What every page of one site build shares.
struct SitePass<'a> {
    project: &'a Project,
    nav: &'a Nav<'a>,
    contexts: &'a Contexts,
    glossary: Option<&'a Glossary>,
    site_key: Fingerprint,
    writer: &'a PageWriter<'a>,
}

impl Html {
    /// The Markdown pages in reading order, in parallel.
    fn write_markdown_pages(&self, pass: &SitePass<'_>) -> Vec<Result<PageText, Error>> {
        let project = pass.project;
        project
            .content
            .reading_order
            .par_iter()
            .with_max_len(PAGES_PER_JOB)
            .map(|&index| {
                pass.contexts.with(|context| {
                    let page = &project.content.pages[index];
                    let around = pass.nav.around(Viewpoint::of_page(&project.content, index));
                    let mut revisions = revisions::page_block(project, index);
                    let key = keys::page_key(
                        pass.site_key,
                        page,
                        revisions.as_bytes(),
                        around.fingerprint(),
                    );
                    pass.writer.write(&page.url, key, &mut || {
                        // Called once at most: the block moves into the page.
                        let revisions = std::mem::take(&mut revisions);
                        self.render_page(project, &around, context, pass.glossary, index, revisions)
                    })
                })
            })
            .collect()
    }

    /// The pages generated from data, in parallel.
    fn write_generated_pages(&self, pass: &SitePass<'_>) -> Vec<Result<PageText, Error>> {
        let project = pass.project;
        project
            .generated
            .par_iter()
            .with_max_len(1)
            .map(|page| {
                pass.contexts.with(|context| {
                    let around = pass.nav.around(Viewpoint {
                        url: &page.url,
                        page: None,
                        anchor: anchor_of(project, page),
                    });
                    let mut revisions = revisions::generated_block(project, page);
                    let key = keys::generated_key(
                        pass.site_key,
                        page,
                        around.fingerprint(),
                        revisions.as_bytes(),
                    );
                    pass.writer.write(&page.url, key, &mut || {
                        let revisions = std::mem::take(&mut revisions);
                        self.render_generated(project, &around, context, page, revisions)
                    })
                })
            })
            .collect()
    }
}
