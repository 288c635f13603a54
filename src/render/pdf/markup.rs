//! Typst markup built from user text: every character with a meaning in Typst is
//! escaped, so no page can run Typst code; and a line map from the generated file
//! back to the page line each block came from, for typst's error messages.
//!
//! Markdown bodies are turned into markup by [`super::markdown`]; strings that are
//! not Markdown (titles, dates) go in as string literals or through `json()`.

use crate::diagnostics::Location;

/// A growing `.typ` source and, for each stretch of lines, where it came from.
#[derive(Debug, Clone, Default)]
pub struct Markup {
    text: String,
    /// Line (from 1) the next character is written on.
    line: usize,
    /// `(first line, source)`, sorted by line: a line belongs to the last mark at
    /// or before it.
    marks: Vec<(usize, Location)>,
}

impl Markup {
    pub fn new() -> Markup {
        Markup {
            text: String::new(),
            line: 1,
            marks: Vec::new(),
        }
    }

    /// Appends Typst code or markup written by tebiki itself (never user text).
    pub fn code(&mut self, code: &str) {
        self.line += code.matches('\n').count();
        self.text.push_str(code);
    }

    /// Appends user text, escaped so it prints exactly as written.
    pub fn text(&mut self, text: &str) {
        let escaped = escape_text(text);
        self.code(&escaped);
    }

    /// Lines written from here on came from `at` (until the next mark).
    pub fn mark(&mut self, at: Location) {
        match self.marks.last_mut() {
            Some((line, loc)) if *line == self.line => *loc = at,
            Some((_, loc)) if *loc == at => {}
            _ => self.marks.push((self.line, at)),
        }
    }

    /// The source of a line of this markup, if it was marked.
    pub fn source_of(&self, line: usize) -> Option<&Location> {
        let after = self.marks.partition_point(|(first, _)| *first <= line);
        after.checked_sub(1).map(|i| &self.marks[i].1)
    }

    /// Removes trailing blank space (before closing a `[...]` block), with the
    /// marks of the lines that disappear.
    pub fn trim_end(&mut self) {
        let kept = self.text.trim_end().len();
        let removed = &self.text[kept..];
        self.line -= removed.matches('\n').count();
        self.text.truncate(kept);
        // Marks are sorted by line (the ones written last are at the end), so only
        // the tail can point past the new end. `retain` over every mark made a
        // document of 10,000 pages quadratic.
        while self
            .marks
            .last()
            .is_some_and(|(first, _)| *first > self.line)
        {
            self.marks.pop();
        }
    }

    pub fn ends_with(&self, suffix: &str) -> bool {
        self.text.ends_with(suffix)
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Number of lines written so far (the line the next character goes on).
    pub fn line(&self) -> usize {
        self.line
    }
}

/// Characters printed as themselves without a backslash. Every other ASCII
/// punctuation character gets one: `\` followed by any character except
/// whitespace and `u{` makes that character literal in Typst markup, and the
/// backslash is never put before a letter, so `\u{…}` cannot appear.
const LITERAL_PUNCTUATION: [char; 5] = [',', ':', '!', '?', '%'];

/// `text` as Typst markup that prints exactly `text`: `#`, `$`, `*`, `_`, `` ` ``,
/// `<`, `>`, `@`, `[`, `]`, `\`, `/` (comments, URLs), `=`, `-`, `+`, `.` (line-start
/// syntax and `--`, `...`), quotes, `~`, `(`, `)`, `;` (which would continue or end
/// an embedded expression written just before) are all escaped. Line breaks and
/// control characters become spaces: markup lines are tebiki's to place.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() && !LITERAL_PUNCTUATION.contains(&c) {
            out.push('\\');
            out.push(c);
        } else if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` as a Typst string literal, quotes included.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters of East Asian scripts (CJK ideographs, kana, hangul, full-width
/// forms). A line break between two of them is no space in Japanese text.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_with_a_meaning_in_typst_is_escaped() {
        assert_eq!(
            escape_text(r#"#read("/etc/passwd") $x$ @ref <l> *b* // c \ ]"#),
            r#"\#read\(\"\/etc\/passwd\"\) \$x\$ \@ref \<l\> \*b\* \/\/ c \\ \]"#
        );
        assert_eq!(escape_text("= 1. - + ..."), r"\= 1\. \- \+ \.\.\.");
        assert_eq!(escape_text("8:00、50%!?"), "8:00、50%!?");
        assert_eq!(escape_text("a\nb\u{2028}c"), "a b c");
    }

    #[test]
    fn a_backslash_is_never_put_before_a_letter() {
        let escaped = escape_text(r"\u{41} \n");
        assert_eq!(escaped, r"\\u\{41\} \\n");
    }

    #[test]
    fn string_literals_escape_quotes_backslashes_and_controls() {
        assert_eq!(string_literal("a\"b\\c\nd\u{1}"), r#""a\"b\\c\nd\u{1}""#);
    }

    #[test]
    fn lines_map_back_to_the_last_mark_before_them() {
        let mut m = Markup::new();
        m.code("header\n");
        m.mark(Location::new("content/a.md", 10, 1));
        m.code("one\ntwo\n");
        m.mark(Location::new("content/a.md", 14, 1));
        m.code("three\n\n\n");
        m.trim_end();
        m.code("\n");
        assert_eq!(m.source_of(1), None);
        assert_eq!(m.source_of(3).unwrap().line, 10);
        assert_eq!(m.source_of(4).unwrap().line, 14);
        assert_eq!(m.line(), 5);
    }

    #[test]
    fn japanese_letters_are_wide_and_latin_ones_are_not() {
        assert!(is_wide('日') && is_wide('か') && is_wide('カ') && is_wide('。'));
        assert!(!is_wide('a') && !is_wide('1') && !is_wide(' '));
    }
}
