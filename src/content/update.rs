//! Replacing one page of a loaded [`Content`] in place, when the change cannot
//! affect any other page: `serve` re-renders only that page.

use super::{Content, Page};

/// Puts `new` in the place of the loaded page with the same path, if what other
/// pages see of it is unchanged: its front matter (title, order, summary, area
/// appear in every page's navigation, and owner, area and deliverables were
/// checked against data), its headings (other pages link to them), its links
/// (checked when loaded) and its raw HTML warnings. Returns the page's index, or
/// `new` back when the project must be loaded again instead.
pub fn replace_body(content: &mut Content, mut new: Page, allow_raw_html: bool) -> Option<usize> {
    let index = content.pages.iter().position(|p| p.rel == new.rel)?;
    let old = &content.pages[index];
    let same_links = old.scan.links.len() == new.scan.links.len()
        && old
            .scan
            .links
            .iter()
            .zip(&new.scan.links)
            .all(|(a, b)| a.dest == b.dest);
    let same_warnings =
        allow_raw_html || (old.scan.raw_html.is_empty() && new.scan.raw_html.is_empty());
    let unchanged_for_others = old.meta == new.meta
        && old.scan.headings == new.scan.headings
        && same_links
        && same_warnings
        && old.front_line == new.front_line;
    if !unchanged_for_others {
        return None;
    }
    new.section = old.section;
    new.links = old.links.clone();
    content.pages[index] = new;
    Some(index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse_page;

    const FRONT: &str =
        "---\ntitle: 夜間\narea: general\nowner: x\nreviewed: 2026-11-01\nreview_every: 6\n---\n";

    fn content_with(body: &str) -> Content {
        let page = parse_page(&format!("{FRONT}{body}"), "a.md", &Default::default()).unwrap();
        Content {
            pages: vec![page],
            ..Content::default()
        }
    }

    #[test]
    fn a_new_paragraph_replaces_the_page_in_place() {
        let mut content = content_with("## 手順\n\n本文\n");
        let new = parse_page(
            &format!("{FRONT}## 手順\n\n本文を直した\n"),
            "a.md",
            &Default::default(),
        )
        .unwrap();
        assert_eq!(replace_body(&mut content, new, false), Some(0));
        assert!(content.pages[0].body.contains("直した"));
    }

    #[test]
    fn new_titles_headings_or_links_need_a_full_load() {
        for changed in [
            FRONT.replace("title: 夜間", "title: 昼間") + "## 手順\n\n本文\n",
            format!("{FRONT}## 別の見出し\n\n本文\n"),
            format!("{FRONT}## 手順\n\n[b](b.md)\n"),
            format!("{FRONT}## 手順\n\n<b>本文</b>\n"),
        ] {
            let mut content = content_with("## 手順\n\n本文\n");
            let new = parse_page(&changed, "a.md", &Default::default()).unwrap();
            assert!(
                replace_body(&mut content, new, false).is_none(),
                "{changed}"
            );
            assert!(content.pages[0].body.contains("本文\n"));
        }
    }
}
