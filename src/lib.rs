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
pub mod fs;
pub mod history;
pub mod pages;
pub mod project;
pub mod redact;
pub mod render;
pub mod search;
pub mod views;
pub mod yaml;

pub use error::{Error, Result};
pub use project::{LoadOptions, Project};
