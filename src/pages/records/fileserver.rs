//! The file server's folder tree (§4.7②), with the deliverables and transfers
//! of each folder.

use serde::Serialize;

use super::{Ctx, page, parent, source_path};
use crate::pages::GeneratedPage;

pub const FILESERVER_URL: &str = "records/fileserver/index.html";

pub fn pages(ctx: &Ctx<'_>) -> Vec<GeneratedPage> {
    if ctx.records.fileserver.folders.is_empty() {
        return Vec::new();
    }
    vec![
        page(
            FILESERVER_URL.into(),
            "フォルダ構成（ツリー）".into(),
            parent("fileserver"),
            folder_tree(ctx),
        )
        .made_from(&["data/fileserver.yaml", "data/records/data-transfers/"]),
    ]
}

#[derive(Debug, Clone, Serialize)]
struct FolderView {
    path: String,
    name: String,
    depth: usize,
    class: &'static str,
    purpose: String,
    contents: Option<String>,
    naming: Option<String>,
    owner: String,
    retention: Option<String>,
    deliverables: Vec<String>,
    transfers: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct TreeView {
    root: Option<String>,
    remarks: Option<String>,
    folders: Vec<FolderView>,
    source: String,
}

fn folder_tree(ctx: &Ctx<'_>) -> TreeView {
    let fs = &ctx.records.fileserver;
    let folders = fs
        .tree()
        .into_iter()
        .map(|f| FolderView {
            path: f.path.clone(),
            name: f.name().to_string(),
            depth: f.depth(),
            class: f.class.label(),
            purpose: f.purpose.clone(),
            contents: f.contents.clone(),
            naming: f.naming.clone(),
            owner: ctx.person(&f.owner),
            retention: f.retention.clone(),
            deliverables: ctx
                .data
                .deliverables
                .iter()
                .filter(|d| d.folder.as_deref() == Some(f.path.as_str()))
                .map(|d| format!("{} {}", d.mark, d.name))
                .collect(),
            transfers: ctx
                .records
                .data_transfers
                .iter()
                .filter(|t| t.folder_path() == Some(f.path.as_str()))
                .count(),
        })
        .collect();
    TreeView {
        root: fs.root.clone(),
        remarks: fs.remarks.clone(),
        folders,
        source: source_path(&fs.source),
    }
}
