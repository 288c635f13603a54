//! Render keys of the site's pages: a fingerprint of everything a page's HTML
//! depends on, so a build can keep a page whose key has not changed instead of
//! rendering it again.
//!
//! A page depends on its own source, and on what every page shares: the templates,
//! the template context (`site`, `data`, `build`), the navigation (titles, URLs,
//! order, summaries and areas of all pages, which appear in every page's tree and
//! in section listings) and the tebiki binary itself.

use crate::content::{Content, Page};
use crate::fingerprint::{self, Fingerprint, Fingerprinter};
use crate::pages::GeneratedPage;

/// What every page shares. `context_json` is the serialised base template context.
pub fn site_key(templates: Fingerprint, context_json: &[u8], content: &Content) -> Fingerprint {
    Fingerprinter::new()
        .add_fingerprint(fingerprint::of_binary())
        .add_fingerprint(templates)
        .add(context_json)
        .add_fingerprint(navigation_key(content))
        .finish()
}

/// Everything of the page tree that appears on pages other than the page itself.
pub fn navigation_key(content: &Content) -> Fingerprint {
    let mut f = Fingerprinter::new();
    for page in &content.pages {
        let meta = &page.meta;
        f.add_str(&page.rel)
            .add_str(&page.url)
            .add_str(&meta.title)
            .add_str(meta.summary.as_deref().unwrap_or("\u{0}"))
            .add_str(&meta.area)
            .add_str(meta.template.as_deref().unwrap_or("\u{0}"))
            .add(&meta.order.unwrap_or(i32::MAX).to_le_bytes())
            .add(&[u8::from(page.is_section_index)])
            .add(&(page.section as u64).to_le_bytes());
    }
    for &i in &content.reading_order {
        f.add(&(i as u64).to_le_bytes());
    }
    for s in &content.sections {
        f.add_str(&s.dir).add(&(s.index as u64).to_le_bytes());
        for &i in s.pages.iter().chain(&s.children) {
            f.add(&(i as u64).to_le_bytes());
        }
    }
    f.finish()
}

/// A Markdown page: the shared key, its source, the URLs its links became, and
/// `extras`: whatever else of the project the page alone shows (its last change
/// in git).
pub fn page_key(site: Fingerprint, page: &Page, extras: &[u8]) -> Fingerprint {
    let mut f = Fingerprinter::new();
    f.add_fingerprint(site)
        .add_str(&page.rel)
        .add_str(&page.front)
        .add_str(&page.body)
        .add(extras);
    let mut links: Vec<_> = page.links.iter().collect();
    links.sort();
    for (dest, url) in links {
        f.add_str(dest).add_str(url);
    }
    f.finish()
}

/// A page generated from data: the shared key and everything the page carries.
pub fn generated_key(site: Fingerprint, page: &GeneratedPage) -> Fingerprint {
    let json = serde_json::to_vec(page).unwrap_or_default();
    Fingerprinter::new()
        .add_fingerprint(site)
        .add(&json)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str, rel: &str) -> Page {
        crate::content::parse_page(text, rel).unwrap()
    }

    const FRONT: &str =
        "---\ntitle: 夜間\narea: general\nowner: x\nreviewed: 2026-11-01\nreview_every: 6\n---\n";

    #[test]
    fn page_key_changes_with_the_body_and_not_with_other_pages() {
        let site = Fingerprint::of(b"site");
        let a = page(&format!("{FRONT}本文\n"), "a.md");
        let a2 = page(&format!("{FRONT}本文を直した\n"), "a.md");
        assert_ne!(page_key(site, &a, b""), page_key(site, &a2, b""));
        assert_eq!(page_key(site, &a, b""), page_key(site, &a.clone(), b""));
        assert_ne!(
            page_key(site, &a, b""),
            page_key(Fingerprint::of(b"other"), &a, b"")
        );
    }
}
