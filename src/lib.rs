//! tebiki (手引き): builds an operations handbook — site, Excel workbooks and PDF
//! reports — from Markdown and YAML kept in git.

pub mod build;
pub mod cli;
pub mod clock;
pub mod cmd;
pub mod config;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod domain;
pub mod encoding;
pub mod error;
pub mod escape;
pub mod fingerprint;
pub mod fs;
pub mod history;
pub mod json_schema;
pub mod manifest;
pub mod pages;
pub mod project;
pub mod redact;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod uptodate;

pub mod yaml;

pub use clock::today;
pub use error::{Error, Result};
pub use project::{LoadOptions, Project};
