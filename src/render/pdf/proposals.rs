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
    let area = area_label(project, &meta.area);
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
        name: file_name(rel),
        template: TEMPLATE.to_string(),
        data: payload,
        body,
        images: images.files,
        source: page.source.clone(),
        timestamp: timestamp_of(meta.reviewed),
    }
}

/// `proposals/knowledge.pdf` for the page `proposals/knowledge.md`.
fn file_name(rel: &str) -> String {
    format!("{PROPOSALS_DIR}/{}.pdf", rel.trim_end_matches(".md"))
}

/// `4.11 会議体・報告資料対応`, or `全般`.
fn area_label(project: &Project, id: &str) -> String {
    project
        .data
        .areas
        .iter()
        .find(|a| a.id == id)
        .map(|a| {
            if a.id == "general" {
                a.title.clone()
            } else {
                format!("{} {}", a.id, a.title)
            }
        })
        .unwrap_or_else(|| id.to_string())
}

/// The proposals as a table for ⑥ (課題と改善提案): 件名, 対象業務, 概要, the PDF.
pub(super) fn table(project: &Project) -> super::table::Table {
    let prefix = format!("{PROPOSALS_DIR}/");
    let mut table =
        super::table::Table::new(&[("件名", 2), ("対象業務", 1), ("概要", 3), ("提案書", 1)]);
    for page in project
        .content
        .pages
        .iter()
        .filter(|p| p.rel.starts_with(&prefix) && !p.is_section_index)
    {
        table.push(vec![
            page.meta.title.clone(),
            area_label(project, &page.meta.area),
            page.meta.summary.clone().unwrap_or_default(),
            format!(
                "{}（{}）",
                file_name(&page.rel[prefix.len()..]),
                crate::domain::wareki::format_date(page.meta.reviewed)
            ),
        ]);
    }
    table
}
