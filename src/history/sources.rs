//! Which files a page generated from data is made from, so that its 改訂履歴
//! lists the commits that changed them. A record's page comes from its own file
//! (`records/inquiries/INQ-2027-0001.html` ← `data/records/inquiries/INQ-2027-0001.yaml`),
//! a kind's list and boards from the kind's folder, the other pages from the
//! data files below (a path ending in `/` is a folder: every file in it).

/// URL prefix → the data the pages below it are made from; the first match wins.
/// The test `every_generated_page_of_the_handbook_has_sources_that_exist` keeps
/// this in step with the pages and the data folders.
const SOURCES: &[(&str, &[&str])] = &[
    ("records/fileserver/", &["data/fileserver.yaml"]),
    (
        "records/accounts/switch-",
        &["data/records/accounts/", "data/records/rosters/"],
    ),
    ("calendar/", &["data/schedule/", "tebiki.yaml"]),
    (
        "batches/",
        &[
            "data/batches/",
            "data/batch-params/",
            "data/batch-runs/",
            "data/backups/",
        ],
    ),
    ("roles/", &["data/actors.yaml", "data/roles.yaml"]),
    ("handover/", &["data/actors.yaml", "data/roles.yaml"]),
];

/// The files and folders the generated page at `url` is made from; none for the
/// pages that list Markdown pages (freshness, search, 更新履歴). `is_file` tells
/// whether a path below the project root is a file.
pub fn of_generated(url: &str, is_file: &dyn Fn(&str) -> bool) -> Vec<String> {
    if let Some((_, sources)) = SOURCES.iter().find(|(prefix, _)| url.starts_with(prefix)) {
        return sources.iter().map(|s| s.to_string()).collect();
    }
    let Some((dir, file)) = url
        .strip_prefix("records/")
        .and_then(|rest| rest.split_once('/'))
    else {
        return Vec::new();
    };
    let folder = if dir == "sla" {
        "data/sla/".to_string()
    } else {
        format!("data/records/{dir}/")
    };
    let own = file.strip_suffix(".html").and_then(|stem| {
        ["yaml", "yml"]
            .iter()
            .map(|ext| format!("{folder}{stem}.{ext}"))
            .find(|path| is_file(path))
    });
    vec![own.unwrap_or(folder)]
}
