//! 要員一覧 (§9③): the contractor's staff with 氏名, 役割, 電話番号,
//! メールアドレス and 保有資格, from `data/staff.yaml`, for submission to the
//! ward. It is personal data through and through, so the redacted edition has
//! no such workbook (the build says so) rather than one of masks.

use rust_xlsxwriter::XlsxError;

use super::office::{self, Cell, Column, Row, Shade, Table};
use super::{Book, xlsx_error};
use crate::error::Error;
use crate::project::Project;

pub const FILE: &str = "要員一覧.xlsx";
const TITLE: &str = "要員一覧";

pub fn workbooks(project: &Project) -> Result<Vec<Book>, Error> {
    if project.redacted {
        tracing::info!("{FILE} は個人情報だけの一覧のため、公開版では作りません");
        return Ok(Vec::new());
    }
    let contractor = &project.config.organisation.contractor_actor;
    let staff: Vec<_> = project
        .data
        .staff
        .iter()
        .filter(|s| &s.actor == contractor)
        .collect();
    if staff.is_empty() {
        return Ok(Vec::new());
    }
    let bytes = write(project, &staff).map_err(|e| xlsx_error(FILE, e))?;
    Ok(vec![Book {
        file: FILE.to_string(),
        bytes,
        deliverable: None,
    }])
}

fn write(project: &Project, staff: &[&crate::data::Staff]) -> Result<Vec<u8>, XlsxError> {
    let author = project
        .data
        .person_name(&project.config.organisation.contractor_actor);
    let mut wb = office::workbook(TITLE, &author, project.today)?;
    let rows: Vec<Row> = staff
        .iter()
        .enumerate()
        .map(|(i, s)| Row {
            cells: vec![
                Cell::Int(i as i64 + 1),
                Cell::from(s.name.as_str()),
                Cell::from(s.role.as_str()),
                Cell::from(s.phone.clone()),
                Cell::from(s.email.clone()),
                Cell::from(s.qualifications.join("\n")),
            ],
            // §9① the one who leads and is the ward's contact stands out.
            shade: if s.lead {
                Shade::Highlight
            } else {
                Shade::None
            },
        })
        .collect();
    let mut notes = vec![format!(
        "{}（情報提供依頼書 9-③）。個人情報のため取扱いに注意し、公開版には含めない。",
        project.config.organisation.contract_title
    )];
    if staff.iter().any(|s| s.lead) {
        notes.push("黄色の行は業務を統括し当区との窓口となる者（9-①）".into());
    }
    if staff.iter().any(|s| s.fictional) {
        notes.push("この一覧の要員は架空の例示です".into());
    }
    office::write_table(
        &mut wb,
        &Table {
            sheet: TITLE,
            title: TITLE,
            created: project.today,
            notes,
            landscape: true,
            columns: vec![
                Column::new("No."),
                Column::new("氏名"),
                Column::new("役割").wrapped(40.0),
                Column::new("電話番号"),
                Column::new("メールアドレス"),
                Column::new("保有資格").wrapped(36.0),
            ],
        },
        &rows,
    )?;
    wb.save_to_buffer()
}
