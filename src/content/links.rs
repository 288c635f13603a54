//! Link destinations as written in Markdown, and relative URLs between built files.
//!
//! Every URL tebiki writes is relative, so the site works from `file://` and from
//! any sub-path of a web server.

/// What a link destination written in a page points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'a> {
    /// `https://…`, `mailto:…`, `tel:…`: left as written.
    External,
    /// A scheme that could run code or leave the handbook (`javascript:`, `file:`).
    UnsafeScheme(&'a str),
    /// `#anchor` on the same page.
    Anchor(&'a str),
    /// `/x`: would break under `file://` and sub-paths.
    RootRelative,
    /// `other.md#anchor`, relative to the page.
    Page {
        path: &'a str,
        fragment: Option<&'a str>,
    },
    /// Anything else relative (an image next to the page, a generated file).
    File(&'a str),
}

const SAFE_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

pub fn classify(dest: &str) -> Target<'_> {
    if let Some(anchor) = dest.strip_prefix('#') {
        return Target::Anchor(anchor);
    }
    if dest.starts_with('/') || dest.starts_with('\\') {
        return Target::RootRelative;
    }
    if let Some(scheme) = scheme_of(dest) {
        return if SAFE_SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme)) {
            Target::External
        } else {
            Target::UnsafeScheme(scheme)
        };
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    if path.ends_with(".md") {
        Target::Page { path, fragment }
    } else {
        Target::File(path)
    }
}

/// The scheme of an absolute URL: letters, digits, `+ - .` before the first `:`,
/// which must come before any `/`, `?` or `#`.
fn scheme_of(dest: &str) -> Option<&str> {
    let colon = dest.find(':')?;
    let scheme = &dest[..colon];
    let valid = scheme.chars().next()?.is_ascii_alphabetic()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// The URL of `to` as seen from the file `from`, both relative to the site root
/// with `/` separators: `relative_url("a/b.html", "c/index.html") == "../c/index.html"`.
pub fn relative_url(from: &str, to: &str) -> String {
    let (ups, rest) = relative_parts(from, to);
    let mut url = String::with_capacity(ups * 3 + rest.len());
    for _ in 0..ups {
        url.push_str("../");
    }
    url.push_str(rest);
    url
}

/// [`relative_url`] as the number of `../` and the rest of `to`, without
/// allocating (the navigation writes about a hundred links on every page).
pub fn relative_parts<'a>(from: &str, to: &'a str) -> (usize, &'a str) {
    let from_dir = from.rfind('/').map(|end| &from[..end]);
    let dir_len = from_dir.map_or(0, |d| d.split('/').count());
    let common = from_dir.map_or(0, |d| {
        d.split('/')
            .zip(to.split('/'))
            .take_while(|(a, b)| a == b)
            .count()
    });
    // The rest of `to` after its first `common` components.
    let rest = if common == 0 {
        to
    } else {
        to.match_indices('/')
            .nth(common - 1)
            .map_or("", |(i, _)| &to[i + 1..])
    };
    (dir_len - common, rest)
}

/// The prefix that leads from the file `from` back to the site root: `""` at the
/// top, `"../"` one folder down.
pub fn root_prefix(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_destinations() {
        assert_eq!(classify("https://example.jp"), Target::External);
        assert_eq!(classify("mailto:a@b"), Target::External);
        assert_eq!(
            classify("JavaScript:alert(1)"),
            Target::UnsafeScheme("JavaScript")
        );
        assert_eq!(classify("#手順"), Target::Anchor("手順"));
        assert_eq!(classify("/abs.md"), Target::RootRelative);
        assert_eq!(
            classify("../b/c.md#x"),
            Target::Page {
                path: "../b/c.md",
                fragment: Some("x")
            }
        );
        assert_eq!(classify("img/a.png"), Target::File("img/a.png"));
    }

    #[test]
    fn relative_urls_climb_only_as_far_as_needed() {
        assert_eq!(relative_url("a/b.html", "c/index.html"), "../c/index.html");
        assert_eq!(relative_url("a/b.html", "a/c.html"), "c.html");
        assert_eq!(relative_url("index.html", "a/b/c.html"), "a/b/c.html");
        assert_eq!(relative_url("a/b/c.html", "index.html"), "../../index.html");
        assert_eq!(root_prefix("a/b/c.html"), "../../");
        assert_eq!(root_prefix("index.html"), "");
    }

    #[test]
    fn relative_parts_agree_with_splitting_into_components() {
        fn by_components(from: &str, to: &str) -> String {
            let from_dir: Vec<&str> = from.split('/').collect();
            let from_dir = &from_dir[..from_dir.len() - 1];
            let to_parts: Vec<&str> = to.split('/').collect();
            let common = from_dir
                .iter()
                .zip(&to_parts)
                .take_while(|(a, b)| a == b)
                .count();
            let mut url = "../".repeat(from_dir.len() - common);
            url.push_str(&to_parts[common..].join("/"));
            url
        }
        let urls = [
            "",
            "index.html",
            "a.html",
            "a/b.html",
            "a/index.html",
            "a/b/c.html",
            "a/b",
            "a/bb/c.html",
            "b/a.html",
            "/x.html",
            "a//b.html",
            "a/b/",
            "a/b/c/d.html",
        ];
        for from in urls {
            for to in urls {
                assert_eq!(
                    relative_url(from, to),
                    by_components(from, to),
                    "{from} → {to}"
                );
            }
        }
    }
}
