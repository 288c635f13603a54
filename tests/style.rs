//! The stylesheet's colours meet WCAG 2.1 AA: 4.5:1 for text on each background
//! it is used on, 3:1 for the focus ring against what surrounds it.

mod common;

use std::collections::HashMap;

fn palette() -> HashMap<String, String> {
    let css =
        std::fs::read_to_string(common::repo_root().join("templates/static/style.css")).unwrap();
    let root = &css[css.find(":root {").unwrap() + ":root {".len()..];
    let root = &root[..root.find('}').unwrap()];
    let mut colours = HashMap::from([("white".to_string(), "#ffffff".to_string())]);
    for decl in root.split(';') {
        // A comment before a declaration belongs to it; keep what follows it.
        let decl = decl.rsplit("*/").next().unwrap_or(decl);
        if let Some((name, value)) = decl.trim().split_once(':') {
            let (name, value) = (name.trim(), value.trim());
            if let Some(name) = name.strip_prefix("--")
                && value.starts_with('#')
                && value.len() == 7
            {
                colours.insert(name.to_string(), value.to_string());
            }
        }
    }
    colours
}

fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn text_and_focus_colours_meet_wcag_aa_contrast() {
    let colours = palette();
    let get = |name: &str| {
        colours
            .get(name)
            .unwrap_or_else(|| panic!("no --{name} in :root"))
    };
    let text = [
        ("fg", "bg"),
        ("fg", "panel"),
        ("fg", "accent-bg"),
        ("fg", "mark-bg"),
        ("muted", "bg"),
        ("muted", "panel"),
        ("muted", "accent-bg"),
        ("accent", "bg"),
        ("accent", "panel"),
        ("accent", "accent-bg"),
        ("white", "accent"),
        ("warn", "warn-bg"),
        ("ok", "ok-bg"),
        ("ok", "bg"),
        ("white", "ok"),
        ("stop", "stop-bg"),
    ];
    for (fg, bg) in text {
        let ratio = contrast(get(fg), get(bg));
        assert!(ratio >= 4.5, "--{fg} on --{bg}: {ratio:.2}:1 < 4.5:1");
    }
    let ring = [
        ("focus", "bg"),
        ("focus", "panel"),
        ("focus-on-accent", "accent"),
    ];
    for (fg, bg) in ring {
        let ratio = contrast(get(fg), get(bg));
        assert!(ratio >= 3.0, "--{fg} around --{bg}: {ratio:.2}:1 < 3:1");
    }
}

#[test]
fn contrast_formula_matches_known_values() {
    assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 0.01);
    assert!((contrast("#f2a900", "#ffffff") - 2.01).abs() < 0.01);
}
