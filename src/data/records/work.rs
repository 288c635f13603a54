//! Records of the contractor's own operations work: ③ マスタ更新記録 (§4.8), log
//! investigations (§4.9) and uploads/downloads of system-operation files (§4.7).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::data::Source;
use crate::domain::Stamp;

labelled_enum! {
    /// The masters of §2-⑤ マスタメンテ運用 and §4.8①.
    MasterKind {
        TerminalPrinter => "端末・プリンタ紐づけ",
        CityAddress => "市内住所",
        OutsideAddress => "市外住所",
        MunicipalityAddress => "自治体住所",
        Municipality => "自治体情報",
        Office => "行政区・事務所情報",
        Other => "その他",
    }
}

labelled_enum! {
    /// §4.8②: by online screen, or by a batch requested from the provider.
    UpdateMethod {
        Screen => "オンライン画面",
        Batch => "バッチ処理（富士通Japan(株)へ依頼）",
    }
}

/// One master update (③ マスタ更新記録).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MasterUpdate {
    #[serde(default)]
    pub id: String,
    /// The day it was applied.
    pub date: NaiveDate,
    pub master: MasterKind,
    pub method: UpdateMethod,
    pub content: String,
    /// Staff or actor ids.
    pub requested_by: String,
    pub done_by: String,
    #[serde(default)]
    pub verified_by: Option<String>,
    /// The inquiry record of the batch request sent to the provider.
    #[serde(default)]
    pub request: Option<String>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

labelled_enum! {
    /// §4.9③: the three kinds of log search.
    LogKind {
        Audit => "システム監査",
        Disclosure => "公開請求",
        Own => "ログ検索",
    }
}

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// One log investigation (§4.9). The scope names operations and terminals, never
/// a resident.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LogInvestigation {
    #[serde(default)]
    pub id: String,
    pub kind: LogKind,
    /// Who asked for it: an actor id (監査部署, こくほ電算調整係) or a staff id.
    pub requester: String,
    pub requested_on: NaiveDate,
    /// The days whose logs were searched.
    pub period: Period,
    pub scope: String,
    #[serde(default)]
    pub result: Option<String>,
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    #[serde(default)]
    pub reported_on: Option<NaiveDate>,
    #[serde(default)]
    pub done_by: Option<String>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(skip)]
    pub source: Source,
}

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
