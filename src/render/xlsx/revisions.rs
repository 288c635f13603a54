//! 手引き改訂履歴 (手引き改訂履歴.xlsx): every commit that changed the handbook's
//! pages or data, from git, with its 版 and what it changed — the 改訂履歴 a
//! Japanese office keeps beside a manual. Commit subjects are user text and go
//! in through `write_text`, so none becomes a formula. Not written without
//! history. A renderer of its own: the workbook is keyed by what it shows, so a
//! rebuild with nothing changed keeps it without reading the whole history.

use std::path::Path;

use chrono::NaiveDate;
use rust_xlsxwriter::XlsxError;

use super::office::{self, Cell, Column, Row, Shade, Table};
use super::{XLSX_DIR, xlsx_error};
use crate::error::Error;
use crate::fingerprint::{self, Fingerprint, Fingerprinter};
use crate::history::editions::{self, is_handbook_source};
use crate::project::Project;
use crate::render::revisions::PageTitles;
use crate::render::{Renderer, Sink, Summary};

pub const FILE: &str = "手引き改訂履歴.xlsx";
const TITLE: &str = "運用手引き 改訂履歴";

pub struct RevisionsWorkbook;

impl Renderer for RevisionsWorkbook {
    fn name(&self) -> &'static str {
        "xlsx-revisions"
    }

    fn render(&self, project: &Project, sink: &dyn Sink) -> Result<Summary, Error> {
        if project.history.is_empty() {
            return Ok(Summary { files: 0 });
        }
        let rel = Path::new(XLSX_DIR).join(FILE);
        let key = key(project);
        if !sink.keep(&rel, key)? {
            let bytes = workbook(project).map_err(|e| xlsx_error(FILE, e))?;
            sink.write_keyed(&rel, key, &bytes)?;
        }
        Ok(Summary { files: 1 })
    }
}

/// What the workbook shows: the history, the pages' titles, the day it is made
/// (作成日), the edition and who signs it.
fn key(project: &Project) -> Fingerprint {
    let mut f = Fingerprinter::new();
    f.add_fingerprint(fingerprint::of_binary())
        .add_fingerprint(project.history.fingerprint())
        .add_str(&project.today.to_string())
        .add(&[u8::from(project.redacted)])
        .add_str(&contractor(project));
    for page in &project.content.pages {
        f.add_str(&page.rel).add_str(&page.meta.title);
    }
    f.finish()
}

fn contractor(project: &Project) -> String {
    project
        .data
        .person_name(&project.config.organisation.contractor_actor)
}

fn workbook(project: &Project) -> Result<Vec<u8>, XlsxError> {
    let mut wb = office::workbook(TITLE, &contractor(project), project.today)?;
    let with_author = !project.redacted;
    let mut columns = vec![
        Column::new("日付"),
        Column::new("版"),
        Column::new("内容").wrapped(40.0),
        Column::new("変更したページ・データ").wrapped(50.0),
        Column::new("件数"),
        Column::new("コミット"),
    ];
    if with_author {
        columns.push(Column::new("更新者"));
    }
    let rows = rows(project, with_author);
    office::write_table(
        &mut wb,
        &Table {
            sheet: "改訂履歴",
            title: TITLE,
            created: project.today,
            notes: vec![
                "git の履歴から作成（原稿 content/ とデータ data/ の変更。記録の変更は含みません）"
                    .to_string(),
            ],
            landscape: true,
            columns,
        },
        &rows,
    )?;
    wb.save_to_buffer()
}

/// The targets a row names before "ほか N 件".
const TARGETS_SHOWN: usize = 10;

/// One row per commit that changed the handbook, oldest first, as a 改訂履歴 reads.
fn rows(project: &Project, with_author: bool) -> Vec<Row> {
    let history = &project.history;
    let editions = editions::editions(history);
    let titles = PageTitles::new(&project.content);
    // Per commit: the first names (changes come sorted by path) and how many.
    let mut targets: Vec<(Vec<String>, usize)> = vec![(Vec::new(), 0); history.commits().len()];
    for c in history.changes_between(NaiveDate::MIN, NaiveDate::MAX) {
        if is_handbook_source(&c.file.path) {
            let (names, count) = &mut targets[c.change.commit];
            *count += 1;
            if names.len() < TARGETS_SHOWN {
                names.push(format!("{}（{}）", titles.name(&c), c.change.kind.label()));
            }
        }
    }
    let mut rows = Vec::new();
    for edition in &editions {
        for &i in &edition.commits {
            let commit = &history.commits()[i];
            let (names, count) = &targets[i];
            let mut shown = names.join("\n");
            if *count > names.len() {
                shown.push_str(&format!("\nほか {} 件", count - names.len()));
            }
            let mut cells = vec![
                Cell::Date(commit.date),
                Cell::from(edition.label.as_str()),
                Cell::from(commit.subject.as_str()),
                Cell::from(shown),
                Cell::Int(*count as i64),
                Cell::from(commit.short.as_str()),
            ];
            if with_author {
                cells.push(Cell::from(commit.author.as_str()));
            }
            rows.push(Row {
                cells,
                shade: Shade::None,
            });
        }
    }
    rows
}
