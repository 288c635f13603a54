//! Reference data of the handbook itself: work areas, deliverables, the RACI
//! task list and the glossary.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A work area of §4 of the source document, or `general`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// `"4.1"` … `"4.11"`, or `general`.
    pub id: String,
    pub title: String,
    /// The source document's own wording of the area's tasks.
    #[serde(default)]
    pub source: Vec<String>,
}

/// A deliverable of §5 (①–⑧).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deliverable {
    pub id: String,
    /// The circled number the source uses: ①.
    pub mark: String,
    pub name: String,
    pub format: String,
    /// How it reaches the ward (ファイルサーバへ格納 / ファイルで提出).
    pub submission: String,
    pub frequency: String,
    #[serde(default)]
    pub areas: Vec<String>,
    #[serde(default)]
    pub optional: bool,
    pub description: String,
    /// Where the build writes it, below `output/`, once a renderer produces it.
    #[serde(default)]
    pub output: Option<String>,
    /// The file-server folder it is stored in (a path of `data/fileserver.yaml`),
    /// for deliverables submitted ファイルサーバへ格納.
    #[serde(default)]
    pub folder: Option<String>,
}

/// One task of the responsibility matrix (data/roles.yaml).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: String,
    pub area: String,
    pub name: String,
    /// Actor id → letters of RACI (R 実行, A 説明責任, C 協議, I 報告).
    pub raci: BTreeMap<String, String>,
    #[serde(default)]
    pub rhythm: Option<Rhythm>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rhythm {
    Daily,
    Monthly,
    Yearly,
    OnEvent,
}

/// A glossary entry.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
    /// Reading in hiragana, for sorting in 五十音 order.
    pub reading: String,
    pub definition: String,
    #[serde(default)]
    pub english: Option<String>,
    #[serde(default)]
    pub area: Option<String>,
    #[serde(default)]
    pub see: Vec<String>,
}

/// RACI letters are a non-empty subset of `RACI`, each at most once.
pub fn valid_raci(letters: &str) -> bool {
    !letters.is_empty()
        && letters.chars().all(|c| "RACI".contains(c))
        && letters.chars().count()
            == letters
                .chars()
                .collect::<std::collections::BTreeSet<_>>()
                .len()
}
