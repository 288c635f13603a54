//! Escaping user text for HTML: every value a template prints and every
//! piece of markup written by Rust (navigation, SVG charts, serve's pages).

/// HTML escaping for every value a template prints. Tera's default also escapes
/// `/`, which is safe but turns every URL into `..&#x2F;index.html`.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// [`escape_html`] appended to `out`: runs of plain text are copied whole.
pub fn escape_into(out: &mut String, text: &str) {
    let mut plain = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[plain..i]);
        out.push_str(entity);
        plain = i + 1;
    }
    out.push_str(&text[plain..]);
}
