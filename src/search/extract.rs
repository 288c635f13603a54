//! The searchable text of a built page, taken from the HTML the site renderer
//! wrote (so anything it renders, Markdown or generated, is searchable): the
//! `<main>` element, cut into sections at headings that have an id.
//!
//! Skipped: `<nav>`, `<script>`, `<style>`, `<noscript>`, `<form>` and any element
//! with a `data-nosearch` attribute; a `<main data-nosearch>` page is not indexed.
//! The HTML is tebiki's own (templates + pulldown-cmark), so a small tolerant
//! scanner is enough; it never fails, it only reads less.

use std::borrow::Cow;

/// The text of one page.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Doc {
    pub title: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    /// Id of the heading that opens the section; `""` for the top of the page.
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

/// Where the ASCII byte `b` first is in `text`: `str::find(char)` compares
/// each candidate through `memcmp`, which was a tenth of the scan.
fn find_byte(b: u8, text: &str) -> Option<usize> {
    memchr::memchr(b, text.as_bytes())
}

/// Elements whose content is not read.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "nav" | "script" | "style" | "noscript" | "form" | "template" | "svg"
    )
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements that do not break the text around them.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "cite"
            | "code"
            | "del"
            | "dfn"
            | "em"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
    )
}

struct Tag<'a> {
    /// Lower case; borrowed unless the HTML had upper case.
    name: Cow<'a, str>,
    end: bool,
    attrs: &'a str,
}

/// Reads `<name attrs>` or `</name>` at the start of `html`; returns it and its length.
fn read_tag(html: &str) -> Option<(Tag<'_>, usize)> {
    let bytes = html.as_bytes();
    let end = bytes.first() == Some(&b'/');
    let start = usize::from(end);
    let name_len = bytes[start..]
        .iter()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(html.len() - start);
    if name_len == 0 {
        return None;
    }
    let raw = &html[start..start + name_len];
    let name = if raw.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(raw.to_ascii_lowercase())
    } else {
        Cow::Borrowed(raw)
    };
    // Find the closing `>`, skipping quoted attribute values.
    let mut quote: Option<u8> = None;
    let mut i = start + name_len;
    while i < bytes.len() {
        match (quote, bytes[i]) {
            (Some(q), b) if b == q => quote = None,
            (None, b'"') | (None, b'\'') => quote = Some(bytes[i]),
            (None, b'>') => {
                let attrs = &html[start + name_len..i];
                return Some((Tag { name, end, attrs }, i + 1));
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    // Most tags have no attribute, or a few short ones.
    if attrs.len() < name.len() {
        return None;
    }
    let mut rest = attrs;
    while let Some(pos) = memchr::memmem::find(rest.as_bytes(), name.as_bytes()) {
        let before_ok = rest[..pos]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let after = &rest[pos + name.len()..];
        if before_ok {
            if let Some(value) = after.strip_prefix("=\"") {
                return find_byte(b'"', value).map(|e| &value[..e]);
            }
            if after.is_empty() || after.starts_with(|c: char| c.is_whitespace() || c == '/') {
                return Some("");
            }
        }
        rest = after;
    }
    None
}

/// Decodes the entities tebiki's HTML contains.
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = find_byte(b'&', rest) {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
        let semi = find_byte(b';', after).filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| {
            let entity = &after[1..i];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => entity.strip_prefix('#').and_then(|n| {
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, i + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Appends text, collapsing runs of white space into one space. Runs of other
/// characters are copied whole: a page's text is mostly long runs.
fn push_text(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Characters are stepped over by their first byte; only those that
        // can be white space are looked at: ASCII white space, U+3000 (E3 80
        // 80: most Japanese characters also start with E3 or E4..E9), and the
        // rest, decoded: U+0085, U+00A0 (C2), U+1680 (E1), U+2000..U+205F (E2).
        let b = bytes[i];
        let space = match b {
            b'\t'..=b'\r' | b' ' => 1,
            0x00..=0x7F => 0,
            0xE3 if bytes[i + 1..].starts_with(&[0x80, 0x80]) => 3,
            0xC2 | 0xE1 | 0xE2 => {
                let c = text[i..].chars().next().unwrap_or('\0');
                if c.is_whitespace() { c.len_utf8() } else { 0 }
            }
            _ => 0,
        };
        if space == 0 {
            i += match b {
                0x00..=0xBF => 1,
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            continue;
        }
        out.push_str(&text[run..i]);
        push_break(out);
        i += space;
        run = i;
    }
    out.push_str(&text[run..]);
}

fn push_break(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

/// What follows the end tag of the element `name` whose start tag `html` comes
/// after, found without reading the tags in between (same-name elements inside
/// are counted; `<script>` and `<style>` end at their first end tag, as in a
/// browser); empty when it is never closed.
fn after_element<'a>(html: &'a str, name: &str) -> &'a str {
    let raw_text = matches!(name, "script" | "style");
    let mut depth = 1;
    let mut rest = html;
    while let Some(lt) = find_byte(b'<', rest) {
        rest = &rest[lt + 1..];
        let (end, after) = match rest.strip_prefix('/') {
            Some(after) => (true, after),
            None => (false, rest),
        };
        let bytes = after.as_bytes();
        let named = bytes
            .get(..name.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(name.as_bytes()))
            && !bytes.get(name.len()).is_some_and(u8::is_ascii_alphanumeric);
        if !named {
            continue;
        }
        if !end {
            depth += usize::from(!raw_text);
            continue;
        }
        depth -= 1;
        if depth == 0 {
            let tail = &after[name.len()..];
            return find_byte(b'>', tail).map_or("", |i| &tail[i + 1..]);
        }
    }
    ""
}

/// The searchable text of a page, or `None` when it has no `<main>` or opts out.
pub fn extract(html: &str) -> Option<Doc> {
    let start = memchr::memmem::find(html.as_bytes(), b"<main")?;
    let (main, main_len) = read_tag(&html[start + 1..])?;
    if attr(main.attrs, "data-nosearch").is_some() {
        return None;
    }
    let mut scan = Scanner::default();
    let mut rest = &html[start + 1 + main_len..];
    let mut decoded = String::new();
    loop {
        let lt = find_byte(b'<', rest).unwrap_or(rest.len());
        if lt > 0 {
            let raw = &rest[..lt];
            if find_byte(b'&', raw).is_some() {
                decoded.clear();
                push_decoded(&mut decoded, raw);
                push_text(scan.text(), &decoded);
            } else {
                push_text(scan.text(), raw);
            }
        }
        if lt >= rest.len() {
            break;
        }
        rest = &rest[lt + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |e| &comment[e + 3..]);
            continue;
        }
        let Some((tag, len)) = read_tag(rest) else {
            continue;
        };
        rest = &rest[len..];
        let level = match tag.name.as_bytes() {
            [b'h', d @ b'1'..=b'6'] => Some(d - b'0'),
            _ => None,
        };
        let inline = is_inline(&tag.name);
        if tag.end {
            if tag.name == "main" && !scan.stack.iter().any(|n| n == "main") {
                break;
            }
            scan.close(&tag, level);
        } else if scan.skipped(&tag) {
            // Nothing inside is read: go past its end tag at once (a page's
            // 改訂履歴 and navigation are long runs of tags).
            rest = after_element(rest, &tag.name);
        } else {
            scan.open(tag, level);
        }
        if !inline {
            push_break(scan.text());
        }
    }
    Some(scan.finish())
}

/// What the scan of `<main>` has read so far, and where it is.
#[derive(Default)]
struct Scanner<'a> {
    doc: Doc,
    /// The section being read.
    current: Section,
    /// A heading being read: its level, id and text so far.
    heading: Option<(u8, String, String)>,
    /// The open elements (never a skipped one: its content is not read).
    stack: Vec<Cow<'a, str>>,
}

impl<'a> Scanner<'a> {
    /// Where text goes now: the heading being read, or the current section.
    fn text(&mut self) -> &mut String {
        match self.heading.as_mut() {
            Some((_, _, text)) => text,
            None => &mut self.current.text,
        }
    }

    /// A start tag of an element whose content is not read (and that has
    /// content: not void, not self-closing).
    fn skipped(&self, tag: &Tag<'_>) -> bool {
        let skip = is_skipped(&tag.name) || attr(tag.attrs, "data-nosearch").is_some();
        skip && !is_void(&tag.name) && !tag.attrs.trim_end().ends_with('/')
    }

    /// A start tag: pushed unless void; a heading starts (outside skipped elements).
    fn open(&mut self, tag: Tag<'a>, level: Option<u8>) {
        let self_closing = tag.attrs.trim_end().ends_with('/');
        if !is_void(&tag.name) && !self_closing {
            self.stack.push(tag.name);
        }
        if let Some(l) = level {
            let id = attr(tag.attrs, "id").unwrap_or("").to_string();
            self.heading = Some((l, id, String::new()));
        }
    }

    /// A closing tag: closes the element (and any left open inside it); a heading
    /// ends, and one with an id starts a section.
    fn close(&mut self, tag: &Tag<'_>, level: Option<u8>) {
        if let Some(pos) = self.stack.iter().rposition(|n| *n == tag.name) {
            self.stack.truncate(pos);
        }
        let Some((l, id, text)) = level.and_then(|_| self.heading.take()) else {
            return;
        };
        let text = text.trim().to_string();
        if l == 1 {
            if self.doc.title.is_empty() {
                self.doc.title = text;
            }
        } else if !id.is_empty() {
            let done = std::mem::replace(
                &mut self.current,
                Section {
                    anchor: id,
                    heading: text,
                    text: String::new(),
                },
            );
            self.doc.sections.push(done);
        } else {
            push_text(&mut self.current.text, &text);
        }
    }

    /// The page's text, each section's trimmed.
    fn finish(mut self) -> Doc {
        self.doc.sections.push(self.current);
        for s in &mut self.doc.sections {
            let trimmed = s.text.trim();
            if trimmed.len() != s.text.len() {
                s.text = trimmed.to_string();
            }
        }
        self.doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_is_cut_into_sections_at_headings_with_ids() {
        let html = r#"<html><body><header>ヘッダ</header><main id="main" tabindex="-1">
<nav class="breadcrumbs"><a href="x">ホーム</a></nav>
<h1>オンライン処理</h1><dl class="page-meta" data-nosearch><dt>最終確認日</dt></dl>
<p>前書き &amp; 概要</p>
<h2 id="稼働時間">稼働<em>時間</em></h2><p>8:00〜20:00</p><ul><li>日曜</li><li>祝日</li></ul>
<h3 id="延長">延長</h3><p>21:00 まで<br>可能</p><script>var x = "<p>";</script>
</main><footer>フッタ</footer></body></html>"#;
        let doc = extract(html).unwrap();
        assert_eq!(doc.title, "オンライン処理");
        let got: Vec<(&str, &str, &str)> = doc
            .sections
            .iter()
            .map(|s| (s.anchor.as_str(), s.heading.as_str(), s.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("", "", "前書き & 概要"),
                ("稼働時間", "稼働時間", "8:00〜20:00 日曜 祝日"),
                ("延長", "延長", "21:00 まで 可能"),
            ]
        );
    }

    #[test]
    fn pages_that_opt_out_are_not_indexed() {
        assert!(extract("<main id=\"main\" data-nosearch><p>x</p></main>").is_none());
        assert!(extract("<p>no main</p>").is_none());
    }

    /// What `push_text` does, one character at a time.
    fn push_text_by_chars(out: &mut String, text: &str) {
        for c in text.chars() {
            if c.is_whitespace() {
                push_break(out);
            } else {
                out.push(c);
            }
        }
    }

    #[test]
    fn every_kind_of_white_space_collapses_to_one_space() {
        let mut out = String::new();
        push_text(
            &mut out,
            "\u{3000}稼働\u{3000}\u{3000}時間\u{a0}\u{85}8:00\u{2003}\u{205f}〜\t\n20:00 ",
        );
        assert_eq!(out, "稼働 時間 8:00 〜 20:00 ");
    }

    /// Any characters, with white space of every kind and its neighbours
    /// (U+3001 and ã share lead bytes with U+3000 and U+00A0) often.
    fn text_with_spaces() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let spaces = vec![
            '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}', '\u{200a}', '\u{2028}', '\u{2029}',
            '\u{202f}', '\u{205f}', '\u{3000}', '\u{3001}', 'ã', ' ', '\t', '\n', '稼',
        ];
        proptest::collection::vec(
            prop_oneof![any::<char>(), proptest::sample::select(spaces)],
            0..40,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    proptest::proptest! {
        #[test]
        fn text_is_collapsed_as_character_by_character(
            before in "[ a\u{3000}]{0,2}",
            text in text_with_spaces(),
        ) {
            let (mut fast, mut slow) = (before.clone(), before);
            push_text(&mut fast, &text);
            push_text_by_chars(&mut slow, &text);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn entities_are_decoded() {
        let doc = extract("<main><p>&lt;b&gt; &#x3042;&#12354; &unknown; a&b</p></main>").unwrap();
        assert_eq!(doc.sections[0].text, "<b> ああ &unknown; a&b");
    }
}
