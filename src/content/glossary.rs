//! Glossary first-use links: the first occurrence of each term of
//! data/glossary.yaml in a page's text links to its entry on the glossary page.
//!
//! Works on pulldown-cmark events, never on HTML strings: only `Text` events are
//! touched, and never inside headings, links, images or code blocks (inline code
//! is a `Code` event and is left alone too).

use aho_corasick::{AhoCorasick, MatchKind};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::data::Term;

/// The id of a term's entry on the glossary page (templates/glossary.html makes
/// the same one).
pub fn term_anchor(term: &str) -> String {
    format!("term-{}", term.replace(' ', "-"))
}

/// Finds every glossary term at once (Aho-Corasick, longest match first, so
/// 夜間日次バッチ wins over バッチ).
pub struct GlossaryLinks {
    matcher: AhoCorasick,
    terms: Vec<String>,
}

impl GlossaryLinks {
    pub fn new(terms: &[Term]) -> Option<GlossaryLinks> {
        let terms: Vec<String> = terms
            .iter()
            .map(|t| t.term.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        if terms.is_empty() {
            return None;
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&terms)
            .ok()?;
        Some(GlossaryLinks { matcher, terms })
    }

    /// Rewrites `events` so the first use of each term links to `glossary_url`
    /// (the glossary page, relative to the page being rendered).
    pub fn link<'a>(
        &self,
        events: impl Iterator<Item = Event<'a>>,
        glossary_url: &str,
    ) -> Vec<Event<'a>> {
        let mut used = vec![false; self.terms.len()];
        let mut blocked = 0usize;
        let mut out = Vec::new();
        for event in pulldown_cmark::TextMergeStream::new(events) {
            match &event {
                Event::Start(tag) if blocks_links(tag) => blocked += 1,
                Event::End(tag) if ends_block(tag) => blocked = blocked.saturating_sub(1),
                Event::Text(text) if blocked == 0 => {
                    self.split_text(text, glossary_url, &mut used, &mut out);
                    continue;
                }
                _ => {}
            }
            out.push(event);
        }
        out
    }

    fn split_text<'a>(
        &self,
        text: &str,
        glossary_url: &str,
        used: &mut [bool],
        out: &mut Vec<Event<'a>>,
    ) {
        let mut last = 0;
        for m in self.matcher.find_iter(text) {
            let index = m.pattern().as_usize();
            if used[index] || !at_word_boundary(text, m.start(), m.end()) {
                continue;
            }
            used[index] = true;
            if m.start() > last {
                out.push(Event::Text(CowStr::from(text[last..m.start()].to_string())));
            }
            let href = format!("{glossary_url}#{}", term_anchor(&self.terms[index]));
            out.push(Event::InlineHtml(CowStr::from(format!(
                r#"<a class="term" href="{}">"#,
                crate::escape::escape_html(&href)
            ))));
            out.push(Event::Text(CowStr::from(
                text[m.start()..m.end()].to_string(),
            )));
            out.push(Event::InlineHtml(CowStr::from("</a>")));
            last = m.end();
        }
        if last < text.len() || last == 0 {
            out.push(Event::Text(CowStr::from(text[last..].to_string())));
        }
    }
}

fn blocks_links(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Heading { .. }
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::CodeBlock(_)
            | Tag::MetadataBlock(_)
    )
}

fn ends_block(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Heading(_)
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::CodeBlock
            | TagEnd::MetadataBlock(_)
    )
}

/// A term written in ASCII (`AWS`, `e-CRM2`) must not match inside a longer word.
fn at_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_ascii_alphanumeric();
    let before = text[..start].chars().next_back();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let after = text[end..].chars().next();
    let joins = |a: Option<char>, b: Option<char>| a.is_some_and(word) && b.is_some_and(word);
    !joins(before, first) && !joins(last, after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::markdown::{render_linked, scan};
    use std::collections::HashMap;

    fn term(t: &str) -> Term {
        Term {
            term: t.into(),
            reading: String::new(),
            definition: String::new(),
            english: None,
            area: None,
            see: Vec::new(),
        }
    }

    fn render(body: &str, terms: &[&str]) -> String {
        let terms: Vec<Term> = terms.iter().map(|t| term(t)).collect();
        let links = GlossaryLinks::new(&terms).unwrap();
        let s = scan(body);
        render_linked(
            body,
            &s.headings,
            &HashMap::new(),
            false,
            Some((&links, "g.html")),
        )
    }

    #[test]
    fn only_the_first_use_of_a_term_is_linked() {
        let html = render(
            "夜間日次バッチを確認する。夜間日次バッチは自動。\n",
            &["夜間日次バッチ"],
        );
        assert_eq!(
            html,
            "<p><a class=\"term\" href=\"g.html#term-夜間日次バッチ\">夜間日次バッチ</a>を確認する。夜間日次バッチは自動。</p>\n"
        );
    }

    #[test]
    fn headings_links_and_code_are_never_linked() {
        let html = render(
            "## 夜間日次バッチ\n\n[夜間日次バッチ](a.md) `夜間日次バッチ`\n\n```\n夜間日次バッチ\n```\n\nここで夜間日次バッチ。\n",
            &["夜間日次バッチ"],
        );
        assert_eq!(html.matches("class=\"term\"").count(), 1, "{html}");
        assert!(html.contains("ここで<a class=\"term\""), "{html}");
        assert!(
            html.contains("<h2 id=\"夜間日次バッチ\">夜間日次バッチ</h2>"),
            "{html}"
        );
    }

    #[test]
    fn longest_term_wins_and_ascii_terms_respect_word_boundaries() {
        let html = render(
            "夜間日次バッチとバッチ。AWSX と AWS。\n",
            &["バッチ", "夜間日次バッチ", "AWS"],
        );
        assert!(
            html.contains(
                ">夜間日次バッチ</a>と<a class=\"term\" href=\"g.html#term-バッチ\">バッチ</a>"
            ),
            "{html}"
        );
        assert!(
            html.contains("AWSX と <a class=\"term\" href=\"g.html#term-AWS\">AWS</a>"),
            "{html}"
        );
    }

    #[test]
    fn markup_in_text_stays_escaped() {
        let html = render("a <b> & 用語 </p>\n", &["用語"]);
        assert!(
            html.contains("a &lt;b&gt; &amp; <a class=\"term\""),
            "{html}"
        );
        assert!(html.contains("</a> &lt;/p&gt;"), "{html}");
    }
}
