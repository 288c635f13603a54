use std::path::Path;

use super::editions::{self, Edition};
use super::*;

/// One commit of a `git log -z --name-status` as git writes it.
fn commit(short: &str, date: &str, decorations: &str, subject: &str, files: &[&str]) -> String {
    let mut out = format!(
        "\u{1e}{short}\u{1f}{date}\u{1f}1790000000\u{1f}手引 花子\u{1f}{decorations}\u{1f}{subject}\0\n"
    );
    for f in files {
        for part in f.split(' ') {
            out.push_str(part);
            out.push('\0');
        }
    }
    out
}

/// Newest first, as git logs: a page added, renamed, edited; another deleted,
/// and its name taken by a new page.
fn log() -> String {
    [
        commit(
            "e5",
            "2027-04-02",
            "",
            "別のページを同じ名前で",
            &["A content/old.md"],
        ),
        commit(
            "d4",
            "2027-03-01",
            "tag: handbook-v1.1",
            "古い手順を削除",
            &["D content/old.md"],
        ),
        commit(
            "c3",
            "2027-02-20",
            "",
            "移動先で直す",
            &["M content/ops/moved.md"],
        ),
        commit(
            "b2",
            "2027-02-15",
            "tag: handbook-v1.0, tag: other-tag",
            "ページを移動",
            &["R100 content/moving.md content/ops/moved.md"],
        ),
        commit(
            "a1",
            "2027-01-10",
            "",
            "初版 <b>&</b>",
            &[
                "A content/moving.md",
                "A content/old.md",
                "A data/records/inquiries/INQ-1.yaml",
            ],
        ),
    ]
    .concat()
}

fn subjects(revisions: &[Revision]) -> Vec<(&str, &str, &str)> {
    revisions
        .iter()
        .map(|r| (r.commit.as_str(), r.kind, r.subject.as_str()))
        .collect()
}

#[test]
fn a_renamed_page_keeps_its_history_newest_first() {
    let h = History::parse(&log());
    let revisions = h.revisions(Path::new("content/ops/moved.md"));
    assert_eq!(
        subjects(&revisions),
        [
            ("c3", "更新", "移動先で直す"),
            ("b2", "移動", "ページを移動"),
            ("a1", "追加", "初版 <b>&</b>"),
        ]
    );
    assert_eq!(revisions[1].from.as_deref(), Some("content/moving.md"));
    assert_eq!(revisions[0].date, "2027-02-20");
    assert_eq!(revisions[0].author.as_deref(), Some("手引 花子"));
    assert_eq!(
        h.last_change(Path::new("content/ops/moved.md")),
        Some(Change {
            date: "2027-02-20".into(),
            commit: "c3".into()
        })
    );
    // The old name is no file of the present.
    assert!(h.file(Path::new("content/moving.md")).is_none());
}

#[test]
fn a_deleted_page_is_kept_apart_from_the_page_that_took_its_name() {
    let h = History::parse(&log());
    let now = h.revisions(Path::new("content/old.md"));
    assert_eq!(subjects(&now), [("e5", "追加", "別のページを同じ名前で")]);
    let gone: Vec<&FileHistory> = h.files().iter().filter(|f| !f.exists).collect();
    assert_eq!(gone.len(), 1);
    assert_eq!(gone[0].path, "content/old.md");
    let kinds: Vec<ChangeKind> = gone[0].changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ChangeKind::Deleted, ChangeKind::Added]);
}

#[test]
fn a_page_made_of_a_folder_lists_each_commit_once() {
    let log = [
        commit(
            "b2",
            "2027-02-01",
            "",
            "二件",
            &["M data/x/a.yaml", "A data/x/b.yaml"],
        ),
        commit(
            "a1",
            "2027-01-01",
            "",
            "一件",
            &["A data/x/a.yaml", "A data/y.yaml"],
        ),
    ]
    .concat();
    let h = History::parse(&log);
    let r = h.revisions_of(&["data/x/".to_string()]);
    assert_eq!(
        subjects(&r),
        [("b2", "更新", "二件"), ("a1", "追加", "一件")]
    );
    let r = h.revisions_of(&["data/y.yaml".to_string()]);
    assert_eq!(subjects(&r), [("a1", "追加", "一件")]);
}

#[test]
fn edition_tags_close_editions_and_later_changes_are_named_by_date() {
    let h = History::parse(&log());
    let list = editions::editions(&h);
    let labels: Vec<(&str, bool)> = list.iter().map(|e| (e.label.as_str(), e.tagged)).collect();
    assert_eq!(
        labels,
        [
            ("第1.0版", true),
            ("第1.1版", true),
            ("令和9年4月2日版", false)
        ]
    );
    assert_eq!(list[0].subjects, ["初版 <b>&</b>", "ページを移動"]);
    assert_eq!(list[1].subjects, ["移動先で直す", "古い手順を削除"]);
    assert_eq!(
        editions::current(&list).map(|e| e.label.as_str()),
        Some("令和9年4月2日版")
    );
}

#[test]
fn without_tags_each_month_is_an_edition() {
    let log = [
        commit("c3", "2027-02-03", "", "二月", &["M content/a.md"]),
        commit(
            "b2",
            "2027-01-20",
            "",
            "一月の二",
            &["M src/main.rs", "M content/a.md"],
        ),
        commit("x9", "2027-01-15", "", "ツールだけ", &["M src/main.rs"]),
        commit("a1", "2027-01-10", "", "一月", &["A content/a.md"]),
    ]
    .concat();
    let list = editions::editions(&History::parse(&log));
    assert_eq!(
        list,
        [
            Edition {
                label: "令和9年1月20日版".into(),
                date: chrono::NaiveDate::from_ymd_opt(2027, 1, 20).unwrap(),
                subjects: vec!["一月".into(), "一月の二".into()],
                commits: vec![3, 1],
                tagged: false,
            },
            Edition {
                label: "令和9年2月3日版".into(),
                date: chrono::NaiveDate::from_ymd_opt(2027, 2, 3).unwrap(),
                subjects: vec!["二月".into()],
                commits: vec![0],
                tagged: false,
            },
        ]
    );
}

#[test]
fn a_shallow_clone_says_so_and_its_boundary_changes_nothing() {
    let log = [
        commit("b2", "2027-02-01", "", "直す", &["M content/a.md"]),
        commit(
            "a1",
            "2027-01-01",
            "grafted",
            "境界",
            &["A content/a.md", "A content/b.md"],
        ),
    ]
    .concat();
    let h = History::parse(&log);
    assert!(
        h.notice().unwrap().contains("2027-01-01 より前"),
        "{:?}",
        h.notice()
    );
    assert_eq!(
        subjects(&h.revisions(Path::new("content/a.md"))),
        [("b2", "更新", "直す")]
    );
    assert!(h.revisions(Path::new("content/b.md")).is_empty());
    assert!(h.last_change(Path::new("content/b.md")).is_none());
}

#[test]
fn revised_pages_are_counted_once_per_fiscal_year() {
    let log = [
        commit("d4", "2028-04-01", "", "翌年度", &["M content/a.md"]),
        commit(
            "c3",
            "2028-03-31",
            "",
            "年度末",
            &["M content/a.md", "M data/areas.yaml"],
        ),
        commit(
            "b2",
            "2027-06-01",
            "",
            "六月",
            &["M content/a.md", "A content/b.md"],
        ),
        commit(
            "a1",
            "2027-03-31",
            "",
            "前年度",
            &["A content/a.md", "A content/c.md"],
        ),
    ]
    .concat();
    let h = History::parse(&log);
    assert_eq!(h.revised_pages_in_fiscal_year(2027), 2);
    assert_eq!(h.revised_pages_in_fiscal_year(2026), 2);
    assert_eq!(h.revised_pages_in_fiscal_year(2028), 1);
}

#[test]
fn the_redacted_history_has_no_author_names() {
    let h = History::parse(&log());
    assert_eq!(h.authors(), ["手引 花子"]);
    let redacted = h.redacted(&|s| s.replace("初版", "（非公開）"));
    assert!(redacted.authors().is_empty());
    let r = redacted.revisions(Path::new("content/ops/moved.md"));
    assert!(r.iter().all(|r| r.author.is_none()));
    assert_eq!(r[2].subject, "（非公開） <b>&</b>");
}

#[test]
fn a_directory_outside_git_has_no_history_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let h = History::load(dir.path());
    assert!(h.is_empty());
    assert!(h.notice().unwrap().contains("改訂履歴"), "{:?}", h.notice());
}
