//! ⑧ 改善提案書: one PDF for each page in `content/proposals/` (§5: 改善提案書（任意）、
//! ファイルで提出), with the page's front matter as the cover block.

use serde_json::json;

use super::markdown::{Body, Images, Targets, render_body};
use super::markup::Markup;
use super::{PdfDocument, timestamp_of};
use crate::content::Page;
use crate::project::Project;

/// Folder below `content/` whose pages are proposals.
pub const PROPOSALS_DIR: &str = "proposals";
const TEMPLATE: &str = "proposal.typ";

pub(super) fn documents(project: &Project) -> Vec<PdfDocument> {
    let prefix = format!("{PROPOSALS_DIR}/");
    project
        .content
        .pages
        .iter()
        .filter(|p| p.rel.starts_with(&prefix) && !p.is_section_index)
        .map(|p| document(project, p, &p.rel[prefix.len()..]))
        .collect()
}

fn document(project: &Project, page: &Page, rel: &str) -> PdfDocument {
    let mut targets = Targets::default();
    targets.add(page, "p0".to_string());
    let mut body = Markup::new();
    let mut images = Images::default();
    render_body(
        &mut body,
        &Body {
            page,
            // `##` in the proposal is a first-level heading of the PDF.
            title_level: 0,
            targets: &targets,
            allow_raw_html: project.config.markdown.allow_raw_html,
        },
        &mut images,
    );
    let config = &project.config;
    let data = &project.data;
    let meta = &page.meta;
    let author = data
        .actor(&meta.owner)
        .map_or(meta.owner.as_str(), |a| a.name.as_str());
    let area = data
        .areas
        .iter()
        .find(|a| a.id == meta.area)
        .map(|a| {
            if a.id == "general" {
                a.title.clone()
            } else {
                format!("{} {}", a.id, a.title)
            }
        })
        .unwrap_or_else(|| meta.area.clone());
    let payload = json!({
        "kind": "改善提案書",
        "title": meta.title,
        "summary": meta.summary,
        "date": crate::domain::wareki::format_date(meta.reviewed),
        "language": config.site.language,
        "organisation": config.organisation.name,
        "client": config.organisation.client,
        "contract_title": config.organisation.contract_title,
        "author": author,
        "area": area,
        "tags": meta.tags,
        "source": crate::diagnostics::display_path(&page.source),
    });
    PdfDocument {
        name: format!("{PROPOSALS_DIR}/{}.pdf", rel.trim_end_matches(".md")),
        template: TEMPLATE.to_string(),
        data: payload,
        body,
        images: images.files,
        source: page.source.clone(),
        timestamp: timestamp_of(meta.reviewed),
    }
}
