//! The parts of a page's markup written by Rust rather than by its template:
//! small, the same on every page, and made of many values. Tera looks up
//! each value through a chain of allocations, so these parts cost a tenth of
//! a 10,000-page build through templates, and little here. Every value is
//! escaped as Tera would escape it ([`escape_into`]); templates print the
//! result with `| safe`.

use super::nav::Link;
use crate::content::markdown::Heading;
use crate::escape::escape_into;
use crate::history::Change;

/// What a page shows about itself under its title.
pub struct Meta<'a> {
    pub area: Option<&'a str>,
    pub area_title: Option<&'a str>,
    pub reviewed: Option<&'a str>,
    pub owner_name: Option<&'a str>,
    pub review_due: Option<&'a str>,
    pub overdue: bool,
    pub last_change: Option<&'a Change>,
}

/// Present and not empty, as a template's `{% if %}` reads a string.
fn shown(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
}

/// 業務領域, 最終確認日, 担当, 次回確認期限 and 最終更新, each when known.
pub fn page_meta(meta: &Meta<'_>) -> String {
    let mut out = String::with_capacity(512);
    out.push_str(r#"<dl class="page-meta" data-nosearch>"#);
    if let Some(title) = shown(meta.area_title) {
        push_entry(&mut out, "業務領域", |out| {
            if let Some(area) = meta.area.filter(|a| *a != "general") {
                out.push('§');
                escape_into(out, area);
                out.push(' ');
            }
            escape_into(out, title);
        });
    }
    if let Some(reviewed) = shown(meta.reviewed) {
        push_entry(&mut out, "最終確認日", |out| push_time(out, reviewed));
    }
    if let Some(owner) = shown(meta.owner_name) {
        push_entry(&mut out, "担当", |out| escape_into(out, owner));
    }
    if let Some(due) = shown(meta.review_due) {
        push_entry(&mut out, "次回確認期限", |out| {
            push_time(out, due);
            if meta.overdue {
                out.push_str(r#" <span class="badge badge-stop">期限切れ</span>"#);
            }
        });
    }
    if let Some(change) = meta.last_change {
        push_entry(&mut out, "最終更新", |out| {
            push_time(out, &change.date);
            out.push_str(r#" <code class="commit" title="git のコミット">"#);
            escape_into(out, &change.commit);
            out.push_str("</code>");
        });
    }
    out.push_str("</dl>");
    out
}

/// One term of a `<dl>` and its description, grouped for the stylesheet.
fn push_entry(out: &mut String, term: &str, description: impl FnOnce(&mut String)) {
    out.push_str("<div><dt>");
    out.push_str(term);
    out.push_str("</dt><dd>");
    description(out);
    out.push_str("</dd></div>");
}

/// A `<time>` whose text is an ISO date needs no datetime attribute.
fn push_time(out: &mut String, date: &str) {
    out.push_str("<time>");
    escape_into(out, date);
    out.push_str("</time>");
}

/// このページの内容: the page's headings, when it has more than one; the
/// deeper ones marked with their level (the stylesheet indents them and
/// leaves them out of the numbering).
pub fn toc(headings: &[&Heading]) -> String {
    if headings.len() < 2 {
        return String::new();
    }
    let mut out = String::with_capacity(160 + 64 * headings.len());
    out.push_str(concat!(
        r#"<nav class="toc" aria-labelledby="toc-title">"#,
        "\n",
        r#"<h2 id="toc-title">このページの内容</h2>"#,
        "\n<ol>"
    ));
    for h in headings {
        out.push_str("<li");
        if h.level > 2 {
            out.push_str(r#" class="toc-h"#);
            out.push(char::from(b'0' + h.level.min(9)));
            out.push('"');
        }
        out.push_str(r##"><a href="#"##);
        escape_into(&mut out, &h.id);
        out.push_str(r#"">"#);
        escape_into(&mut out, &h.text);
        out.push_str("</a></li>");
    }
    out.push_str("</ol>\n</nav>\n");
    out
}

/// Where the page is: the pages above it, then itself (`title`); nothing on
/// the home page, which has none above it.
pub fn breadcrumbs(crumbs: &[Link], title: &str) -> String {
    if crumbs.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(128 + 96 * crumbs.len());
    out.push_str(r#"<nav class="breadcrumbs" aria-label="現在位置"><ol>"#);
    for crumb in crumbs {
        out.push_str(r#"<li><a href=""#);
        escape_into(&mut out, &crumb.url);
        out.push_str(r#"">"#);
        escape_into(&mut out, &crumb.title);
        out.push_str("</a></li>");
    }
    out.push_str(r#"<li aria-current="page">"#);
    escape_into(&mut out, title);
    out.push_str("</li></ol></nav>\n");
    out
}

/// The previous and next pages in reading order, when there are any.
pub fn prev_next(prev: Option<&Link>, next: Option<&Link>) -> String {
    if prev.is_none() && next.is_none() {
        return String::new();
    }
    let mut out = String::with_capacity(320);
    out.push_str(r#"<nav class="prev-next" aria-label="前後のページ">"#);
    for (link, class, label) in [(prev, "prev", "前へ"), (next, "next", "次へ")] {
        let Some(link) = link else { continue };
        out.push_str(r#"<a class=""#);
        out.push_str(class);
        out.push_str(r#"" href=""#);
        escape_into(&mut out, &link.url);
        out.push_str(r#"" rel=""#);
        out.push_str(class);
        out.push_str(r#""><span>"#);
        out.push_str(label);
        out.push_str("</span>");
        escape_into(&mut out, &link.title);
        out.push_str("</a>");
    }
    out.push_str("</nav>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(title: &str, url: &str) -> Link {
        Link {
            title: title.into(),
            url: url.into(),
        }
    }

    #[test]
    fn user_text_is_escaped_in_every_fragment() {
        let evil = r#"<script>alert("x")</script>&'"#;
        let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;";
        let change = Change {
            date: evil.into(),
            commit: evil.into(),
        };
        let meta = page_meta(&Meta {
            area: Some(evil),
            area_title: Some(evil),
            reviewed: Some(evil),
            owner_name: Some(evil),
            review_due: Some(evil),
            overdue: true,
            last_change: Some(&change),
        });
        let heading = Heading {
            level: 3,
            text: evil.into(),
            id: evil.into(),
        };
        let toc = toc(&[&heading, &heading]);
        let crumbs = breadcrumbs(&[link(evil, evil)], evil);
        let around = prev_next(Some(&link(evil, evil)), Some(&link(evil, evil)));
        for (html, times) in [(meta, 7), (toc, 4), (crumbs, 3), (around, 4)] {
            assert!(!html.contains("<script"), "{html}");
            assert_eq!(html.matches(escaped).count(), times, "{html}");
        }
    }

    #[test]
    fn empty_values_are_left_out_as_a_template_would() {
        let meta = page_meta(&Meta {
            area: Some("general"),
            area_title: Some("共通"),
            reviewed: Some(""),
            owner_name: None,
            review_due: Some("2027-05-01"),
            overdue: false,
            last_change: None,
        });
        assert_eq!(
            meta,
            "<dl class=\"page-meta\" data-nosearch><div><dt>業務領域</dt><dd>共通</dd></div>\
             <div><dt>次回確認期限</dt><dd><time>2027-05-01</time></dd></div></dl>"
        );
        let one = Heading {
            level: 2,
            text: "概要".into(),
            id: "概要".into(),
        };
        assert_eq!(toc(&[&one]), "");
        assert_eq!(breadcrumbs(&[], "ホーム"), "");
        assert_eq!(prev_next(None, None), "");
        let only_next = prev_next(None, Some(&link("次", "b.html")));
        assert!(!only_next.contains("前へ") && only_next.contains(r#"href="b.html""#));
    }
}
