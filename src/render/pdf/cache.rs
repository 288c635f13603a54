//! Which PDFs can be reused: a manifest of each PDF's inputs hash and output hash,
//! kept beside `pdf/` in the output directory.

use std::collections::BTreeMap;
use std::hash::Hasher as _;
use std::path::Path;

use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};

use super::PDF_DIR;

/// Below the output directory, beside `pdf/` (not in it: `pdf/` goes to the ward).
pub(super) const MANIFEST: &str = ".tebiki-pdf.json";

/// A stable 128-bit hash (fixed keys), the same on every machine and Rust version.
pub(super) struct Hasher(SipHasher13);

impl Hasher {
    pub(super) fn new() -> Hasher {
        Hasher(SipHasher13::new_with_keys(0x7465_6269_6b69, 0x0070_6466))
    }

    /// Adds one named part; lengths are hashed too, so parts cannot run together.
    pub(super) fn add(&mut self, name: &str, bytes: &[u8]) {
        self.0.write_usize(name.len());
        self.0.write(name.as_bytes());
        self.0.write_usize(bytes.len());
        self.0.write(bytes);
    }

    pub(super) fn finish(self) -> String {
        format!("{:032x}", self.0.finish128().as_u128())
    }
}

fn hash_bytes(bytes: &[u8]) -> String {
    let mut h = Hasher::new();
    h.add("pdf", bytes);
    h.finish()
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Manifest {
    documents: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    inputs: String,
    output: String,
}

impl Manifest {
    /// The manifest of the previous build; anything unreadable means "rebuild all".
    pub(super) fn read(out_dir: &Path) -> Manifest {
        std::fs::read(out_dir.join(MANIFEST))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// The previous PDF `name`, if it was made from the same inputs and is still the
    /// file that was written then.
    pub(super) fn reuse(&self, out_dir: &Path, name: &str, inputs: &str) -> Option<Vec<u8>> {
        let entry = self.documents.get(name)?;
        if entry.inputs != inputs {
            return None;
        }
        let bytes = std::fs::read(out_dir.join(PDF_DIR).join(name)).ok()?;
        (hash_bytes(&bytes) == entry.output).then_some(bytes)
    }

    pub(super) fn insert(&mut self, name: String, inputs: String, pdf: &[u8]) {
        self.documents.insert(
            name,
            Entry {
                inputs,
                output: hash_bytes(pdf),
            },
        );
    }

    pub(super) fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_separate_their_parts() {
        let hash = |parts: &[(&str, &[u8])]| {
            let mut h = Hasher::new();
            for (n, b) in parts {
                h.add(n, b);
            }
            h.finish()
        };
        assert_eq!(hash(&[("a", b"x")]), hash(&[("a", b"x")]));
        assert_ne!(hash(&[("a", b"bc")]), hash(&[("ab", b"c")]));
        assert_eq!(hash(&[]).len(), 32);
    }

    #[test]
    fn a_pdf_is_reused_only_with_the_same_inputs_and_bytes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("pdf")).unwrap();
        std::fs::write(dir.path().join("pdf/a.pdf"), b"%PDF-1").unwrap();
        let mut m = Manifest::default();
        m.insert("a.pdf".into(), "in1".into(), b"%PDF-1");
        std::fs::write(dir.path().join(MANIFEST), m.to_json()).unwrap();
        let m = Manifest::read(dir.path());
        assert_eq!(m.reuse(dir.path(), "a.pdf", "in1").unwrap(), b"%PDF-1");
        assert!(m.reuse(dir.path(), "a.pdf", "in2").is_none());
        std::fs::write(dir.path().join("pdf/a.pdf"), b"edited").unwrap();
        assert!(m.reuse(dir.path(), "a.pdf", "in1").is_none());
    }
}
