//! 手引き改訂履歴 (手引き改訂履歴.xlsx): every commit that changed the handbook's
//! pages or data, from git, with its 版 and what it changed — the 改訂履歴 a
//! Japanese office keeps beside a manual. Commit subjects are user text and go in through `write_text`, so none
//! becomes a formula. Not written without history.

use chrono::NaiveDate;
use rust_xlsxwriter::XlsxError;

use super::office::{self, Cell, Column, Row, Shade, Table};
use super::{Book, xlsx_error};
use crate::error::Error;
use crate::history::editions::{self, is_handbook_source};
use crate::project::Project;
use crate::render::revisions::PageTitles;

pub const FILE: &str = "手引き改訂履歴.xlsx";
const TITLE: &str = "運用手引き 改訂履歴";

pub fn workbooks(project: &Project) -> Result<Vec<Book>, Error> {
    if project.history.is_empty() {
        return Ok(Vec::new());
    }
    let bytes = workbook(project).map_err(|e| xlsx_error(FILE, e))?;
    Ok(vec![Book {
        file: FILE.to_string(),
        bytes,
        deliverable: None,
    }])
}

fn workbook(project: &Project) -> Result<Vec<u8>, XlsxError> {
    let author = project
        .data
        .person_name(&project.config.organisation.contractor_actor);
    let mut wb = office::workbook(TITLE, &author, project.today)?;
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
    let mut targets: Vec<Vec<String>> = vec![Vec::new(); history.commits().len()];
    for c in history.changes_between(NaiveDate::MIN, NaiveDate::MAX) {
        if is_handbook_source(&c.file.path) {
            let name = format!("{}（{}）", titles.name(&c), c.change.kind.label());
            targets[c.change.commit].push(name);
        }
    }
    let mut rows = Vec::new();
    for edition in &editions {
        for &i in &edition.commits {
            let commit = &history.commits()[i];
            let list = &mut targets[i];
            list.sort();
            let mut shown = list[..list.len().min(TARGETS_SHOWN)].join("\n");
            if list.len() > TARGETS_SHOWN {
                shown.push_str(&format!("\nほか {} 件", list.len() - TARGETS_SHOWN));
            }
            let mut cells = vec![
                Cell::Date(commit.date),
                Cell::from(edition.label.as_str()),
                Cell::from(commit.subject.as_str()),
                Cell::from(shown),
                Cell::Int(list.len() as i64),
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
