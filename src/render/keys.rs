//! Render keys of the site's pages: a fingerprint of everything a page's HTML
//! depends on, so a build can keep a page whose key has not changed instead of
//! rendering it again.
//!
//! A page depends on its own source, on what it shows of the pages around it
//! (breadcrumbs, previous/next, its section's pages, a section's listing: the
//! fingerprint of its [`PageNav`](super::nav::PageNav)), and on what every page
//! shares: the templates, the template context (`site`, `data`, `build`,
//! `links`) and the tebiki binary itself. The tree of all pages is not in any
//! page (it is `assets/nav-data.js`), so a page added or renamed makes again
//! only the pages that show it.

use crate::content::Page;
use crate::fingerprint::{self, Fingerprint, Fingerprinter};
use crate::pages::GeneratedPage;

/// What every page shares. `context_json` is the serialised base template context.
pub fn site_key(templates: Fingerprint, context_json: &[u8]) -> Fingerprint {
    Fingerprinter::new()
        .add_fingerprint(fingerprint::of_binary())
        .add_fingerprint(templates)
        .add(context_json)
        .finish()
}

/// A Markdown page: the shared key, its source, the URLs its links became,
/// `extras`: whatever else of the project the page alone shows (its 改訂履歴),
/// and `nav`: what it shows of the pages around it.
pub fn page_key(site: Fingerprint, page: &Page, extras: &[u8], nav: Fingerprint) -> Fingerprint {
    let mut f = Fingerprinter::new();
    f.add_fingerprint(site)
        .add_str(&page.rel)
        .add_str(&page.front)
        .add_str(&page.body)
        .add(extras)
        .add_fingerprint(nav);
    let mut links: Vec<_> = page.links.iter().collect();
    links.sort();
    for (dest, url) in links {
        f.add_str(dest).add_str(url);
    }
    f.finish()
}

/// A page generated from data: the shared key, everything the page carries and
/// what it shows of the pages around it and `extras` (its 改訂履歴).
pub fn generated_key(
    site: Fingerprint,
    page: &GeneratedPage,
    nav: Fingerprint,
    extras: &[u8],
) -> Fingerprint {
    let json = serde_json::to_vec(page).unwrap_or_default();
    Fingerprinter::new()
        .add_fingerprint(site)
        .add(&json)
        .add_fingerprint(nav)
        .add(extras)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str, rel: &str) -> Page {
        crate::content::parse_page(text, rel, &Default::default()).unwrap()
    }

    const FRONT: &str =
        "---\ntitle: 夜間\narea: general\nowner: x\nreviewed: 2026-11-01\nreview_every: 6\n---\n";

    #[test]
    fn page_key_changes_with_the_body_and_not_with_other_pages() {
        let site = Fingerprint::of(b"site");
        let nav = Fingerprint::of(b"nav");
        let a = page(&format!("{FRONT}本文\n"), "a.md");
        let a2 = page(&format!("{FRONT}本文を直した\n"), "a.md");
        assert_ne!(page_key(site, &a, b"", nav), page_key(site, &a2, b"", nav));
        assert_eq!(
            page_key(site, &a, b"", nav),
            page_key(site, &a.clone(), b"", nav)
        );
        assert_ne!(
            page_key(site, &a, b"", nav),
            page_key(Fingerprint::of(b"other"), &a, b"", nav)
        );
        assert_ne!(
            page_key(site, &a, b"", nav),
            page_key(site, &a, b"", Fingerprint::of(b"neighbours renamed"))
        );
    }
}
