//! Content hashes: what an output was made from (its render key) and what it holds.
//! Not cryptographic; they only decide whether a file must be made again.

use std::fmt;

use xxhash_rust::xxh3::Xxh3;

/// A 128-bit XXH3 hash, written as 32 hex digits in the build manifest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(pub u128);

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Fingerprint {
        Fingerprint(xxhash_rust::xxh3::xxh3_128(bytes))
    }

    pub fn parse(hex: &str) -> Option<Fingerprint> {
        (hex.len() == 32)
            .then(|| u128::from_str_radix(hex, 16).ok())
            .flatten()
            .map(Fingerprint)
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

/// Hashes several parts into one fingerprint. Each part is length-prefixed, so
/// `("ab", "c")` and `("a", "bc")` differ.
#[derive(Default, Clone)]
pub struct Fingerprinter {
    state: Xxh3,
}

impl Fingerprinter {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, bytes: &[u8]) -> &mut Self {
        self.state.update(&(bytes.len() as u64).to_le_bytes());
        self.state.update(bytes);
        self
    }

    pub fn add_str(&mut self, text: &str) -> &mut Self {
        self.add(text.as_bytes())
    }

    pub fn add_fingerprint(&mut self, f: Fingerprint) -> &mut Self {
        self.add(&f.0.to_le_bytes())
    }

    pub fn finish(&self) -> Fingerprint {
        Fingerprint(self.state.digest128())
    }
}

/// The running tebiki binary: a changed renderer must not keep outputs made by
/// an older one. Its size and modification time stand for its contents (reading
/// a 90 MB debug binary on every build would cost a second); the version is the
/// fallback when the executable cannot be found.
pub fn of_binary() -> Fingerprint {
    static BINARY: std::sync::OnceLock<Fingerprint> = std::sync::OnceLock::new();
    *BINARY.get_or_init(|| {
        let mut f = Fingerprinter::new();
        f.add_str(env!("CARGO_PKG_VERSION"));
        let meta = std::env::current_exe().and_then(std::fs::metadata);
        if let Ok(meta) = meta {
            let mtime = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            f.add(&meta.len().to_le_bytes())
                .add(&mtime.map_or(0, |t| t.as_nanos()).to_le_bytes());
        }
        f.finish()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_length_prefixed() {
        let a = Fingerprinter::new().add_str("ab").add_str("c").finish();
        let b = Fingerprinter::new().add_str("a").add_str("bc").finish();
        assert_ne!(a, b);
    }

    #[test]
    fn fingerprints_round_trip_through_hex() {
        let f = Fingerprint::of(b"page");
        assert_eq!(Fingerprint::parse(&f.to_string()), Some(f));
        assert_eq!(Fingerprint::parse("xyz"), None);
    }
}
