//! ② 外部パラメータファイル設定シート (§4.4-②): one workbook per parameter
//! period (a month, or a fiscal year fixed in February) with a cover, every
//! night's jobs and values (validation lists on the editable cells), a day-by-job
//! overview and the parameter definitions from the catalog.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};
use rust_xlsxwriter::{DataValidation, DataValidationRule, Workbook, XlsxError};

use super::office::{self, Cell, Column, Form, Row, Shade, Table};
use super::{Book, xlsx_error};
use crate::data::batches::{Job, JobKind, NightlyRun, ParamType, Parameter, Period, RunValue};
use crate::domain::schedule::month_days;
use crate::domain::{wareki, weekday};
use crate::error::Error;
use crate::project::Project;
use crate::render::params::runs;

pub const SHEET_COVER: &str = "表紙";
pub const SHEET_SETTINGS: &str = "パラメータ設定";
pub const SHEET_DAYS: &str = "実行日一覧";
pub const SHEET_JOBS: &str = "ジョブ定義";
/// パラメータ名 and 値 column pairs on the settings sheet.
const FIRST_PARAM_COL: u16 = 6;

pub fn workbooks(project: &Project) -> Result<Vec<Book>, Error> {
    project
        .batches
        .periods
        .iter()
        .map(|period| {
            let file = period.sheet_file_name();
            let bytes = workbook(project, period).map_err(|e| xlsx_error(&file, e))?;
            // Not laid out below fileserver/: ②'s folder is the automatic
            // transfer folder, where only the tool's output may go.
            Ok(Book {
                file,
                bytes,
                deliverable: None,
            })
        })
        .collect()
}

fn workbook(project: &Project, period: &Period) -> Result<Vec<u8>, XlsxError> {
    let title = format!("外部パラメータファイル設定シート（{}）", period.label);
    let contractor = &project.config.organisation.contractor_actor;
    let author = project
        .data
        .actor(contractor)
        .map_or(contractor.as_str(), |a| a.name.as_str());
    let mut wb = office::workbook(&title, author, project.today)?;
    cover_sheet(&mut wb, project, period)?;
    settings_sheet(&mut wb, project, period)?;
    days_sheet(&mut wb, project, period)?;
    jobs_sheet(&mut wb, project, period)?;
    wb.save_to_buffer()
}

fn date_or(date: Option<NaiveDate>, missing: &str) -> Cell {
    date.map_or_else(|| Cell::Text(missing.to_string()), Cell::Date)
}

fn cover_sheet(wb: &mut Workbook, project: &Project, period: &Period) -> Result<(), XlsxError> {
    let config = &project.config.batches;
    let run_count = period.months.iter().map(|m| m.runs.len()).sum::<usize>();
    let fixed_by = period.fixed_by.as_deref().map(|id| {
        project
            .data
            .actor(id)
            .map_or_else(|| id.to_string(), |a| a.name.clone())
    });
    let line_ending = match config.param_file.line_ending {
        crate::data::batches::config::LineEnding::Crlf => "CRLF",
        crate::data::batches::config::LineEnding::Lf => "LF",
    };
    let rows = vec![
        (
            "対象".to_string(),
            Cell::Text(format!("{}（{}）", period.label, period.code)),
        ),
        (
            "方式".to_string(),
            Cell::from(if period.yearly {
                "年度単位（2月に翌年度の4月〜翌3月分を確定）"
            } else {
                "月単位（前月に翌月分を確定）"
            }),
        ),
        ("確定期限".to_string(), Cell::Date(period.deadline)),
        ("確定日".to_string(), date_or(period.fixed, "未確定")),
        ("確定者".to_string(), Cell::from(fixed_by)),
        (
            "アップロード日".to_string(),
            date_or(period.uploaded, "未アップロード"),
        ),
        (
            "外部パラメータファイル".to_string(),
            Cell::Text(config.file_name(&period.code)),
        ),
        (
            "文字コード・改行".to_string(),
            Cell::Text(format!("{}・{line_ending}", config.param_file.encoding)),
        ),
        ("実行件数".to_string(), Cell::Int(run_count as i64)),
        ("元データ".to_string(), Cell::Text(period.file.clone())),
        ("備考".to_string(), Cell::from(period.note.clone())),
        (
            "手順".to_string(),
            Cell::from(
                "① このシートで区と内容を確認し確定する\n② 外部パラメータファイル作成ツールで外部パラメータファイルを作る（tebiki は同じ内容のファイルを output/params/ に書き出す）\n③ ファイルサーバの所定のフォルダへアップロードする（業務システムへは自動転送・自動反映）",
            ),
        ),
    ];
    office::write_form(
        wb,
        &Form {
            sheet: SHEET_COVER,
            title: &format!("外部パラメータファイル設定シート（{}）", period.label),
            created: project.today,
            rows,
        },
    )
}

fn weekday_shade(date: NaiveDate, closed: bool) -> Shade {
    if closed || date.weekday() == Weekday::Sun {
        Shade::Holiday
    } else if date.weekday() == Weekday::Sat {
        Shade::Saturday
    } else {
        Shade::None
    }
}

fn value_cell(p: Option<&Parameter>, v: &RunValue) -> Cell {
    match p.map(|p| p.kind) {
        Some(ParamType::Date) => NaiveDate::parse_from_str(&v.value, "%Y%m%d")
            .map_or_else(|_| Cell::Text(v.value.clone()), Cell::Date),
        Some(ParamType::Int | ParamType::Flag | ParamType::Choice) if is_plain_number(&v.value) => {
            v.value
                .parse()
                .map_or_else(|_| Cell::Text(v.value.clone()), Cell::Int)
        }
        _ => Cell::Text(v.value.clone()),
    }
}

/// A number Excel would store as a number (no leading zero, no sign): `1`,
/// `120`. A code like `01` stays text so its zero is kept.
fn is_plain_number(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 15
        && s.bytes().all(|b| b.is_ascii_digit())
        && (s == "0" || !s.starts_with('0'))
}

/// A night's run with its job from the catalog (`None`: not in the catalog).
type RunOf<'a> = (&'a NightlyRun, Option<&'a Job>);

fn settings_sheet(wb: &mut Workbook, project: &Project, period: &Period) -> Result<(), XlsxError> {
    let runs = runs(project, period);
    let pairs = runs
        .iter()
        .map(|(r, _)| r.values.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let rows: Vec<Row> = runs
        .iter()
        .enumerate()
        .map(|(i, run)| settings_row(project, i, run, pairs))
        .collect();
    let header = office::write_table(
        wb,
        &Table {
            sheet: SHEET_SETTINGS,
            title: &format!("夜間日次バッチ パラメータ設定（{}）", period.label),
            created: project.today,
            notes: vec![
                format!(
                    "確定期限: {}／確定日: {}",
                    wareki::format_date(period.deadline),
                    period
                        .fixed
                        .map_or_else(|| "未確定".to_string(), wareki::format_date)
                ),
                "黄色の行は既定値と違う値を使う夜です。値の列は選べる値の一覧から入力できます。"
                    .to_string(),
            ],
            landscape: true,
            columns: settings_columns(pairs),
        },
        &rows,
    )?;
    add_settings_validations(wb, project, &runs, header + 1)
}

/// The run's day and job, then a name and value column per parameter (`pairs`
/// of them, the most any night has), then the values described.
fn settings_columns(pairs: usize) -> Vec<Column> {
    let mut columns = vec![
        Column::new("No"),
        Column::new("処理日"),
        Column::new("曜日"),
        Column::new("ジョブID"),
        Column::new("ジョブ名"),
        Column::new("業務"),
    ];
    for n in 1..=pairs {
        columns.push(Column::new(&format!("パラメータ{n}")));
        columns.push(Column::new(&format!("値{n}")));
    }
    columns.push(Column::new("設定内容").wrapped(44.0));
    columns
}

/// The `i`-th run of the period; highlighted when a value differs from its default.
fn settings_row(project: &Project, i: usize, (run, job): &RunOf<'_>, pairs: usize) -> Row {
    let business = job
        .and_then(|j| project.data.batches.section(&j.section))
        .map_or("", |s| s.business.as_str());
    let mut cells = vec![
        Cell::Int(i as i64 + 1),
        Cell::Date(run.date),
        Cell::from(weekday::short_name(run.date.weekday())),
        Cell::from(run.job.as_str()),
        Cell::from(job.map_or("", |j| j.name.as_str())),
        Cell::from(business),
    ];
    let mut special = false;
    for v in &run.values {
        let p = job.and_then(|j| j.parameter(&v.name));
        cells.push(Cell::from(v.name.as_str()));
        cells.push(value_cell(p, v));
        special |= v.special;
    }
    cells.resize(FIRST_PARAM_COL as usize + 2 * pairs, Cell::Empty);
    let summary: Vec<String> = run
        .values
        .iter()
        .map(|v| format!("{}: {}", v.label, v.display))
        .collect();
    cells.push(Cell::Text(summary.join("\n")));
    let shade = if special {
        Shade::Highlight
    } else {
        weekday_shade(run.date, false)
    };
    Row { cells, shade }
}

/// Lists of the editable cells (from row `first`): the job ids of the catalog's
/// nightly jobs, and each value's allowed values or range.
fn add_settings_validations(
    wb: &mut Workbook,
    project: &Project,
    runs: &[RunOf<'_>],
    first: u32,
) -> Result<(), XlsxError> {
    let ws = wb.worksheet_from_name(SHEET_SETTINGS)?;
    let nightly: Vec<String> = project
        .data
        .batches
        .jobs()
        .filter(|j| j.kind == JobKind::Nightly)
        .map(|j| j.id.clone())
        .collect();
    // Excel keeps a list of at most 255 characters.
    if !runs.is_empty() && nightly.iter().map(|s| s.len() + 1).sum::<usize>() < 255 {
        let list = DataValidation::new()
            .allow_list_strings(&nightly)?
            .set_error_title("ジョブID")?
            .set_error_message("カタログにある夜間日次バッチのジョブIDを選んでください。")?;
        ws.add_data_validation(first, 3, first + runs.len() as u32 - 1, 3, &list)?;
    }
    for (i, (run, job)) in runs.iter().enumerate() {
        for (k, v) in run.values.iter().enumerate() {
            if let Some(rule) = job.and_then(|j| j.parameter(&v.name)).and_then(validation) {
                let col = FIRST_PARAM_COL + 2 * k as u16 + 1;
                ws.add_data_validation(first + i as u32, col, first + i as u32, col, &rule?)?;
            }
        }
    }
    Ok(())
}

/// The validation of a value cell, where one helps.
fn validation(p: &Parameter) -> Option<Result<DataValidation, XlsxError>> {
    let message = |v: DataValidation| {
        v.set_error_title(p.label.as_str())
            .and_then(|v| v.set_input_title(p.label.as_str()))
    };
    match p.kind {
        ParamType::Choice => {
            let values: Vec<&str> = p.values.iter().map(|c| c.value.as_str()).collect();
            Some(
                DataValidation::new()
                    .allow_list_strings(&values)
                    .and_then(message),
            )
        }
        ParamType::Flag => Some(
            DataValidation::new()
                .allow_list_strings(&["1", "0"])
                .and_then(message),
        ),
        ParamType::Int => {
            let clamp = |n: i64| n.clamp(i32::MIN as i64, i32::MAX as i64) as i32;
            let rule = match (p.min, p.max) {
                (Some(a), Some(b)) => DataValidationRule::Between(clamp(a), clamp(b)),
                (Some(a), None) => DataValidationRule::GreaterThanOrEqualTo(clamp(a)),
                (None, Some(b)) => DataValidationRule::LessThanOrEqualTo(clamp(b)),
                (None, None) => return None,
            };
            Some(message(DataValidation::new().allow_whole_number(rule)))
        }
        ParamType::Text => p.max_length.map(|n| {
            message(
                DataValidation::new()
                    .allow_text_length(DataValidationRule::LessThanOrEqualTo(n as u32)),
            )
        }),
        ParamType::Date => None,
    }
}

fn days_sheet(wb: &mut Workbook, project: &Project, period: &Period) -> Result<(), XlsxError> {
    let cal = &project.calendar;
    let batches = &project.data.batches;
    let mut jobs: Vec<&str> = Vec::new();
    for m in &period.months {
        for r in &m.runs {
            if !jobs.contains(&r.job.as_str()) {
                jobs.push(&r.job);
            }
        }
    }
    let mut columns = vec![
        Column::new("日付"),
        Column::new("曜日"),
        Column::new("オンライン"),
    ];
    for id in &jobs {
        let name = batches.job(id).map_or("", |j| j.name.as_str());
        columns.push(Column::new(&format!("{id}\n{name}")).wrapped(10.0));
    }
    let mut rows = Vec::new();
    for m in &period.months {
        let ran: BTreeSet<(NaiveDate, &str)> =
            m.runs.iter().map(|r| (r.date, r.job.as_str())).collect();
        for date in month_days(m.year, m.month) {
            let day = cal.day(date);
            let online = match (&day.online, &day.closed) {
                (Some(span), _) => span.to_string(),
                (None, Some(closed)) => format!("なし（{}）", closed.label()),
                (None, None) => "なし".to_string(),
            };
            let mut cells = vec![
                Cell::Date(date),
                Cell::from(weekday::short_name(date.weekday())),
                Cell::Text(online),
            ];
            for id in &jobs {
                cells.push(Cell::from(if ran.contains(&(date, *id)) {
                    "○"
                } else {
                    ""
                }));
            }
            rows.push(Row {
                cells,
                shade: weekday_shade(date, day.online.is_none()),
            });
        }
    }
    let header = office::write_table(
        wb,
        &Table {
            sheet: SHEET_DAYS,
            title: &format!("夜間日次バッチ 実行日一覧（{}）", period.label),
            created: project.today,
            notes: vec!["○: その日の夜（オンライン終了後）に実行する。夜間日次バッチはオンライン稼働日の夜にだけ実行する。".to_string()],
            landscape: true,
            columns,
        },
        &rows,
    )?;
    // Job names wrap in the header; neither Excel nor LibreOffice grows the row.
    let ws = wb.worksheet_from_name(SHEET_DAYS)?;
    ws.set_row_height(header, 60)?;
    Ok(())
}

fn allowed(p: &Parameter) -> String {
    match p.kind {
        ParamType::Choice => p
            .values
            .iter()
            .map(|c| format!("{}: {}", c.value, c.label))
            .collect::<Vec<_>>()
            .join("\n"),
        ParamType::Flag => "1: あり\n0: なし".to_string(),
        ParamType::Int => match (p.min, p.max) {
            (Some(a), Some(b)) => format!("{a}〜{b}"),
            (Some(a), None) => format!("{a} 以上"),
            (None, Some(b)) => format!("{b} 以下"),
            (None, None) => String::new(),
        },
        ParamType::Text => p
            .max_length
            .map(|n| format!("{n} 文字以内"))
            .unwrap_or_default(),
        ParamType::Date => "YYYYMMDD（run_date = その夜の日付）".to_string(),
    }
}

fn jobs_sheet(wb: &mut Workbook, project: &Project, period: &Period) -> Result<(), XlsxError> {
    let batches = &project.data.batches;
    let used: BTreeSet<&str> = period
        .months
        .iter()
        .flat_map(|m| m.runs.iter().map(|r| r.job.as_str()))
        .collect();
    let jobs: Vec<&Job> = batches
        .jobs()
        .filter(|j| j.kind == JobKind::Nightly)
        .collect();
    let mut rows = Vec::new();
    for job in jobs {
        let business = batches
            .section(&job.section)
            .map_or("", |s| s.business.as_str());
        let shade = if used.contains(job.id.as_str()) {
            Shade::None
        } else {
            Shade::Holiday
        };
        for p in &job.parameters {
            let default = p.default.clone().map(|d| {
                if d == "run_date" {
                    "その夜の日付".to_string()
                } else {
                    d
                }
            });
            rows.push(Row {
                cells: vec![
                    Cell::from(job.id.as_str()),
                    Cell::from(job.name.as_str()),
                    Cell::from(business),
                    Cell::from(p.name.as_str()),
                    Cell::from(p.label.as_str()),
                    Cell::from(p.kind.label()),
                    Cell::Text(allowed(p)),
                    match default {
                        // A number is stored as a number, a code like `01` as text.
                        Some(d) if is_plain_number(&d) => {
                            d.parse().map_or(Cell::Text(d), Cell::Int)
                        }
                        d => Cell::from(d),
                    },
                    Cell::from(p.description.clone()),
                ],
                shade,
            });
        }
    }
    office::write_table(
        wb,
        &Table {
            sheet: SHEET_JOBS,
            title: "夜間日次バッチ ジョブ・パラメータ定義",
            created: project.today,
            notes: vec![
                "出典: data/batches/（ジョブカタログ）。赤の行はこの期間に実行しないジョブです。"
                    .to_string(),
            ],
            landscape: true,
            columns: vec![
                Column::new("ジョブID"),
                Column::new("ジョブ名"),
                Column::new("業務"),
                Column::new("パラメータ"),
                Column::new("名称"),
                Column::new("型"),
                Column::new("選べる値・範囲").wrapped(30.0),
                Column::new("既定値"),
                Column::new("説明").wrapped(40.0),
            ],
        },
        &rows,
    )?;
    Ok(())
}
