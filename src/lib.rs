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
pub mod error;
pub mod fingerprint;
pub mod fs;
pub mod manifest;
pub mod pages;
pub mod project;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod yaml;

pub use clock::today;
pub use error::{Error, Result};
pub use project::{LoadOptions, Project};
