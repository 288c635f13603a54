//! データ入出力 (§4.7①): one upload or download of a system-operation file,
//! through an online screen or the file server.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Kind;
use super::fileserver::normalise;
use super::kind::{About, Field, IdRule, RecordKind, Start};
use super::value::{Env, Value};
use crate::data::Source;
use crate::diagnostics::Diagnostics;
use crate::domain::Stamp;

labelled_enum! {
    Direction {
        Upload => "アップロード",
        Download => "ダウンロード",
    }
}

labelled_enum! {
    /// §4.7①: online screen or the file server (自動転送).
    Route {
        Screen => "オンライン画面",
        FileServer => "ファイルサーバ",
    }
}

/// One upload or download of a system-operation file (§4.7①).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataTransfer {
    #[serde(default)]
    pub id: String,
    pub at: Stamp,
    pub direction: Direction,
    pub route: Route,
    /// The file name, without a folder.
    pub file: String,
    /// The file-server folder (a path of `data/fileserver.yaml`); required on the
    /// file-server route.
    #[serde(default)]
    pub folder: Option<String>,
    pub purpose: String,
    /// A staff id.
    pub by: String,
    /// The deliverable the file is, if it is one (`d2`).
    #[serde(default)]
    pub deliverable: Option<String>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

impl DataTransfer {
    /// The folder as `data/fileserver.yaml` writes paths.
    pub fn folder_path(&self) -> Option<&str> {
        self.folder.as_deref().map(normalise)
    }
}

fn deliverable(r: &DataTransfer, env: &Env<'_>) -> Value {
    let Some(id) = &r.deliverable else {
        return Value::Empty;
    };
    let name = env
        .data
        .deliverables
        .iter()
        .find(|d| &d.id == id)
        .map_or_else(|| id.clone(), |d| format!("{} {}", d.mark, d.name));
    Value::Text(name)
}

impl RecordKind for DataTransfer {
    const KIND: Kind = Kind::DataTransfers;
    const ABOUT: About = About {
        dir: "data-transfers",
        name: "データ入出力",
        command: "data-transfer",
        ids: IdRule::Yearly {
            prefix: "DIO",
            width: 4,
        },
        schema: "data-transfer.json",
        page: "records/data-transfers.md",
        pages: true,
        ledger: None,
        report: None,
    };

    // reason: a table of fields, one per line, reads better than rustfmt's layout
    #[rustfmt::skip]
    const FIELDS: &'static [Field<DataTransfer>] = &[
        Field::<DataTransfer>::new("id", "ID", |r, _| Value::Record(Kind::DataTransfers, r.id.clone())).list().not_on_page(),
        Field::<DataTransfer>::new("at", "日時", |r, _| Value::Stamp(r.at)).list().required(Start::Now),
        Field::<DataTransfer>::new("direction", "方向", |r, _| Value::Label(r.direction.label())).list().required(Start::Literal("upload")).choices(Direction::choices),
        Field::<DataTransfer>::new("route", "経路", |r, _| Value::Label(r.route.label())).list().required(Start::Literal("screen")).choices(Route::choices),
        Field::<DataTransfer>::new("file", "ファイル", |r, _| Value::text(&r.file)).list().required(Start::EmptyText).help("ファイル名だけ（フォルダは folder に）"),
        Field::<DataTransfer>::new("folder", "フォルダ", |r, _| Value::opt_text(&r.folder)).list().help("data/fileserver.yaml のフォルダ（ファイルサーバ経由のとき）"),
        Field::<DataTransfer>::new("purpose", "目的", |r, _| Value::Long(r.purpose.clone())).list().required(Start::EmptyText),
        Field::<DataTransfer>::new("by", "作業者", |r, _| Value::Person(r.by.clone())).list().personal().required(Start::Contractor).help("作業した人: data/staff.yaml の id"),
        Field::<DataTransfer>::new("deliverable", "成果物", deliverable),
        Field::<DataTransfer>::new("remarks", "備考", |r, _| Value::opt_long(&r.remarks)),
    ];

    id_and_source!();

    fn date(&self) -> NaiveDate {
        self.at.date()
    }

    fn title(&self) -> String {
        format!("データ入出力 {}", self.id)
    }

    fn sort(records: &mut [Self]) {
        records.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    }

    fn filters() -> Vec<String> {
        Direction::labels()
    }

    fn filter(&self, _env: &Env<'_>) -> Option<String> {
        Some(self.direction.label().to_string())
    }

    fn links(_records: &[Self]) -> Vec<(String, String)> {
        vec![(
            "ファイルサーバのフォルダ構成".into(),
            "../fileserver/index.html".into(),
        )]
    }

    fn check(&self, refs: &super::check::Refs<'_>, diags: &mut Diagnostics) {
        let s = &self.source;
        if self.file.contains(['/', '\\']) {
            diags.error(
                refs.locate(s, "file", &self.file),
                "file にはファイル名だけを書き、フォルダは folder に書いてください",
            );
        } else if self.file.trim().is_empty() {
            diags.warning(
                refs.locate(s, "file", &self.file),
                "file（入出力したファイルの名前）を書いてください",
            );
        }
        let folders = &refs.records.fileserver;
        match (&self.folder, self.route) {
            (None, Route::FileServer) => diags.error(
                refs.locate(s, "route", "file_server"),
                "ファイルサーバ経由の入出力には folder（data/fileserver.yaml のフォルダ）を書いてください",
            ),
            (Some(f), _) if folders.folder(f).is_none() => diags.error(
                refs.locate(s, "folder", f),
                format!("フォルダ `{f}` は data/fileserver.yaml のフォルダ構成にありません"),
            ),
            _ => {}
        }
        if let Some(d) = &self.deliverable
            && !refs.data.has_deliverable(d)
        {
            diags.error(
                refs.locate(s, "deliverable", d),
                format!("成果物 `{d}` は data/deliverables.yaml にありません"),
            );
        }
    }
}
