//! 運用手引き (the whole handbook) as one PDF, for printing and for handover:
//! every page in reading order, numbered as sections, with a title page (and its
//! 版), the 改訂履歴 from git, a table of contents and links between pages that
//! stay links inside the PDF.

use serde_json::{Value, json};

use super::markdown::{Body, Images, Targets, render_body};
use super::markup::{Markup, string_literal};
use super::table::Table;
use super::{PdfDocument, timestamp_of};
use crate::content::{Content, Page};
use crate::history::editions::{self, Edition};
use crate::project::Project;

pub(super) const NAME: &str = "handbook.pdf";
const TEMPLATE: &str = "handbook.typ";
const ROOT_PAGE: &str = "_index.md";

pub(super) fn document(project: &Project) -> PdfDocument {
    let content = &project.content;
    let mut targets = Targets::default();
    for (n, &i) in content.reading_order.iter().enumerate() {
        targets.add(&content.pages[i], format!("p{n}"));
    }
    let mut body = Markup::new();
    let mut images = Images::default();
    let mut tables = serde_json::Map::new();
    for &i in &print_order(content) {
        let page = &content.pages[i];
        let level = page_heading(&mut body, content, page, &targets);
        body.code(&page_info(project, page));
        render_body(
            &mut body,
            &Body {
                page,
                title_level: level,
                targets: &targets,
                allow_raw_html: project.config.markdown.allow_raw_html,
            },
            &mut images,
        );
        for (key, heading, table) in super::views::tables_for(project, page) {
            body.code(&format!("#heading(level: {})[", level + 1));
            body.text(heading);
            body.code(&format!("]\n#data-table(data.tables.{key})\n\n"));
            tables.insert(key.to_string(), table);
        }
    }
    let newest = content.pages.iter().map(|p| p.meta.reviewed).max();
    let editions = editions::editions(&project.history);
    let config = &project.config;
    let contractor = project
        .data
        .actor(&config.organisation.contractor_actor)
        .map_or(config.organisation.contractor_actor.as_str(), |a| {
            a.name.as_str()
        });
    let data = json!({
        "title": config.site.title,
        "description": config.site.description,
        "language": config.site.language,
        "organisation": config.organisation.name,
        "client": config.organisation.client,
        "contract_title": config.organisation.contract_title,
        "author": contractor,
        "date": newest.map(crate::domain::wareki::format_date),
        "pages": content.pages.len(),
        "tables": Value::Object(tables),
        "edition": editions::current(&editions).map(|e| e.label.clone()),
        "revisions": revision_table(&editions).to_value(),
        "has_history": !project.history.is_empty(),
    });
    PdfDocument {
        name: NAME.to_string(),
        template: TEMPLATE.to_string(),
        data,
        body,
        images: images.files,
        source: std::path::Path::new(crate::content::CONTENT_DIR).join(ROOT_PAGE),
        timestamp: newest.map_or(0, timestamp_of),
    }
}

/// A page's title as a heading with its link target; returns its level. The
/// top page is the handbook's preface, the glossary its appendix: outlined,
/// not numbered.
fn page_heading(body: &mut Markup, content: &Content, page: &Page, targets: &Targets) -> usize {
    let appendix = is_appendix(page);
    let level = if appendix {
        1
    } else {
        title_level(content, page)
    };
    body.mark(page.front_location("title", &page.meta.title));
    let numbering = if page.rel == ROOT_PAGE || appendix {
        ", numbering: none"
    } else {
        ""
    };
    if appendix {
        // The appendix and its headings are not numbered as chapters.
        body.code("#set heading(numbering: none)\n");
    }
    body.code(&format!("#heading(level: {level}{numbering})["));
    if appendix {
        body.text("付録 ");
    }
    body.text(&page.meta.title);
    body.code(&format!(
        "] <{}>\n",
        targets.page(&page.rel).unwrap_or_default()
    ));
    level
}

/// The reading order with the glossary moved to the end, as an appendix: its
/// many pages would otherwise sit in the middle of the book.
fn print_order(content: &Content) -> Vec<usize> {
    let (appendix, body): (Vec<usize>, Vec<usize>) = content
        .reading_order
        .iter()
        .copied()
        .partition(|i| is_appendix(&content.pages[*i]));
    body.into_iter().chain(appendix).collect()
}

fn is_appendix(page: &Page) -> bool {
    page.meta.template.as_deref() == Some("glossary.html")
}

/// The heading level of a page's title: top-level folders are chapters (1), their
/// pages sections (2), and so on down the folders.
fn title_level(content: &Content, page: &Page) -> usize {
    let depth = |section: usize| {
        let dir = &content.sections[section].dir;
        if dir.is_empty() {
            0
        } else {
            dir.matches('/').count() + 1
        }
    };
    let d = depth(page.section);
    if page.is_section_index {
        d.max(1)
    } else {
        d + 1
    }
}

/// The line under a page title: who keeps it, which work area, when it was checked.
pub(super) fn page_info(project: &Project, page: &Page) -> String {
    let meta = &page.meta;
    let data = &project.data;
    let owner = data
        .actor(&meta.owner)
        .map_or(meta.owner.as_str(), |a| a.short.as_str());
    let area = match data.areas.iter().find(|a| a.id == meta.area) {
        Some(a) if a.id == "general" => a.title.clone(),
        Some(a) => format!("{} {}", a.id, a.title),
        None => meta.area.clone(),
    };
    let due = meta
        .reviewed
        .checked_add_months(chrono::Months::new(meta.review_every))
        .map(crate::domain::wareki::format_date)
        .unwrap_or_default();
    format!(
        "#page-info(area: {}, owner: {}, reviewed: {}, due: {})\n\n",
        string_literal(&area),
        string_literal(owner),
        string_literal(&crate::domain::wareki::format_date(meta.reviewed)),
        string_literal(&due),
    )
}

/// Subjects an edition's 内容 lists before "ほか N 件".
const SUBJECTS_SHOWN: usize = 8;

/// The 改訂履歴 after the title page: 版, 日付, 内容 (the commits' subjects),
/// oldest first as Japanese manuals print it.
fn revision_table(editions: &[Edition]) -> Table {
    let mut table = Table::new(&[("版", 0), ("日付", 0), ("内容", 1)]);
    for e in editions {
        let mut text = e.subjects[..e.subjects.len().min(SUBJECTS_SHOWN)].join("\n");
        if e.subjects.len() > SUBJECTS_SHOWN {
            text.push_str(&format!("\nほか {} 件", e.subjects.len() - SUBJECTS_SHOWN));
        }
        table.push(vec![
            e.label.clone(),
            crate::domain::wareki::format_date(e.date),
            text,
        ]);
    }
    table
}
