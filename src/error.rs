//! The library's error type and the exit code each kind of failure maps to.

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostics, display_path};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the inputs: exit code 1.
    #[error("{0}")]
    Problems(Diagnostics),

    /// The machine, not the inputs, is at fault (disk, permissions): exit code 2.
    #[error("{}: {source}", display_path(path))]
    Io { path: PathBuf, source: io::Error },

    /// A missing tool or a bad invocation: exit code 2.
    #[error("{0}")]
    Environment(String),

    /// An input tried to write outside the output directory: exit code 1.
    #[error("{0}")]
    Unsafe(String),
}

impl Error {
    pub fn io(path: &Path, source: io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// Exit codes, as documented in `--help` and the README:
    /// 0 success, 1 problems in the inputs, 2 usage or environment error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Problems(_) | Error::Unsafe(_) => 1,
            Error::Io { .. } | Error::Environment(_) => 2,
        }
    }
}

impl From<Diagnostics> for Error {
    fn from(d: Diagnostics) -> Self {
        Error::Problems(d)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
