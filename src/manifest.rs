//! The build manifest kept in the output directory: for every file a build wrote,
//! the key of the inputs it was made from and the hash of what it holds, so the
//! next build can keep it instead of making it again.
//!
//! One line per file: `key<TAB>hash<TAB>len<TAB>mtime_ns<TAB>path` (`-` for a file
//! written without a key). A missing or unreadable manifest is an empty one: the
//! build then makes everything, as it did before manifests existed.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::UNIX_EPOCH;

use crate::fingerprint::Fingerprint;

pub const MANIFEST_FILE: &str = ".tebiki-manifest";
/// Beside the manifest: the record of the build that left the output as it is
/// (src/uptodate.rs). Anything that writes into the output removes it first.
pub const UPTODATE_FILE: &str = ".tebiki-uptodate";
const HEADER: &str = "tebiki-manifest 1";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// What the file was made from; `None` when the renderer gave no key.
    pub key: Option<Fingerprint>,
    /// What the file holds.
    pub hash: Fingerprint,
    /// Size and modification time when it was written: a file changed by hand
    /// since then is made again rather than kept.
    pub stamp: Stamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub mtime_ns: u128,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Stamp> {
        Stamp::from_metadata(&std::fs::metadata(path).ok()?)
    }

    pub fn from_metadata(meta: &std::fs::Metadata) -> Option<Stamp> {
        let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            len: meta.len(),
            mtime_ns: mtime.as_nanos(),
        })
    }
}

/// Files by their path below the output directory, `/`-separated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub files: BTreeMap<String, Entry>,
}

impl Manifest {
    pub fn read(out_dir: &Path) -> Manifest {
        std::fs::read_to_string(out_dir.join(MANIFEST_FILE))
            .map(|text| Manifest::parse(&text))
            .unwrap_or_default()
    }

    /// Lines that do not parse are dropped: their files are simply made again.
    pub fn parse(text: &str) -> Manifest {
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return Manifest::default();
        }
        let files = lines
            .filter_map(|line| {
                let mut f = line.splitn(5, '\t');
                let key = match f.next()? {
                    "-" => None,
                    hex => Some(Fingerprint::parse(hex)?),
                };
                let hash = Fingerprint::parse(f.next()?)?;
                let len = f.next()?.parse().ok()?;
                let mtime_ns = f.next()?.parse().ok()?;
                let path = f.next()?.to_string();
                let stamp = Stamp { len, mtime_ns };
                Some((path, Entry { key, hash, stamp }))
            })
            .collect();
        Manifest { files }
    }

    pub fn render(&self) -> String {
        let mut out = String::with_capacity(self.files.len() * 120 + 20);
        out.push_str(HEADER);
        out.push('\n');
        for (path, e) in &self.files {
            // A path that would break the line format is left out: it is made again.
            if path.contains(['\t', '\n', '\r']) {
                continue;
            }
            let key = e.key.map_or_else(|| "-".to_string(), |k| k.to_string());
            out.push_str(&format!(
                "{key}\t{}\t{}\t{}\t{path}\n",
                e.hash, e.stamp.len, e.stamp.mtime_ns
            ));
        }
        out
    }
}

/// The first component of a path below the output directory (`site`, `xlsx`).
pub fn top_level(path: &str) -> &str {
    path.split('/').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_round_trips_and_drops_broken_lines() {
        let mut m = Manifest::default();
        let stamp = Stamp {
            len: 10,
            mtime_ns: 1_700_000_000_000_000_000,
        };
        m.files.insert(
            "site/a b.html".into(),
            Entry {
                key: Some(Fingerprint::of(b"k")),
                hash: Fingerprint::of(b"h"),
                stamp,
            },
        );
        m.files.insert(
            "site/assets/style.css".into(),
            Entry {
                key: None,
                hash: Fingerprint::of(b"css"),
                stamp,
            },
        );
        let text = m.render();
        assert_eq!(Manifest::parse(&text), m);
        let broken = format!("{text}zz\tnot a line\n");
        assert_eq!(Manifest::parse(&broken), m);
        assert_eq!(Manifest::parse("other format\n"), Manifest::default());
    }
}
