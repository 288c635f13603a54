//! `data/fileserver.yaml`: the folder structure of the file server (§4.7②), the
//! tree every data transfer and file-server deliverable must fit into.

use serde::{Deserialize, Serialize};

use crate::data::Source;

labelled_enum! {
    /// §4.7②: システム運用系ファイル・業務運用系ファイル.
    FolderClass {
        System => "システム運用系",
        Business => "業務運用系",
    }
}

/// One folder. `path` is `/`-separated below the share's root; every parent
/// folder is listed too, so each has a stated purpose.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Folder {
    pub path: String,
    pub class: FolderClass,
    pub purpose: String,
    /// What goes there.
    #[serde(default)]
    pub contents: Option<String>,
    /// How files in it are named.
    #[serde(default)]
    pub naming: Option<String>,
    /// Actor id of who keeps it tidy.
    pub owner: String,
    #[serde(default)]
    pub retention: Option<String>,
}

impl Folder {
    pub fn depth(&self) -> usize {
        self.path.split('/').count() - 1
    }

    pub fn name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }

    pub fn parent(&self) -> Option<&str> {
        self.path.rsplit_once('/').map(|(p, _)| p)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileServer {
    /// How staff see the share's root (`\\fileserver\kokuho`, say); shown only.
    #[serde(default)]
    pub root: Option<String>,
    #[serde(default)]
    pub remarks: Option<String>,
    #[serde(default)]
    pub folders: Vec<Folder>,
    #[serde(skip)]
    pub source: Source,
}

impl FileServer {
    pub fn folder(&self, path: &str) -> Option<&Folder> {
        let path = normalise(path);
        self.folders.iter().find(|f| f.path == path)
    }

    /// The folders in tree order: each parent before its children, siblings by name.
    pub fn tree(&self) -> Vec<&Folder> {
        let mut folders: Vec<&Folder> = self.folders.iter().collect();
        folders.sort_by(|a, b| a.path.split('/').cmp(b.path.split('/')));
        folders
    }
}

/// Paths may be written with a leading or trailing `/`.
pub fn normalise(path: &str) -> &str {
    path.trim().trim_matches('/')
}

/// Why a folder path cannot be laid out on disk, if it cannot: every segment
/// becomes a directory below `output/fileserver/`.
pub fn path_problem(path: &str) -> Option<String> {
    if path.trim().is_empty() {
        return Some("フォルダのパスが空です".to_string());
    }
    for segment in path.split('/') {
        if segment.is_empty() || segment == "." || segment == ".." {
            return Some(format!(
                "フォルダのパス `{path}` に空の階層・`.`・`..` は使えません"
            ));
        }
        if segment
            .chars()
            .any(|c| c.is_control() || "\\:*?\"<>|".contains(c))
        {
            return Some(format!(
                "フォルダ名 `{segment}` に使えない文字（\\ : * ? \" < > | や制御文字）があります"
            ));
        }
        if segment != segment.trim() || segment.ends_with('.') {
            return Some(format!(
                "フォルダ名 `{segment}` の前後に空白や末尾の `.` は使えません"
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_paths_that_would_leave_the_output_are_refused() {
        assert!(path_problem("システム運用系/01_スケジュール管理").is_none());
        assert!(path_problem("a/../b").is_some());
        assert!(path_problem("a//b").is_some());
        assert!(path_problem("a\\b").is_some());
        assert!(path_problem("").is_some());
    }
}
