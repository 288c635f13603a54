//! Revision history from git, checked against a fixture repository made by the
//! test (tests/common/history.rs: commits at fixed dates, a rename, a deletion,
//! edition tags): each page's 改訂履歴, the 更新履歴 by month and the data of the
//! since-view, the redacted edition without author names, builds outside git
//! and in a shallow clone, and a commit that changes only history.

mod common;

use common::TestProject;
use common::history::{
    AUTHORS, DELETE, FIRST, MARKUP_SUBJECT, MOVE, RECORD, changes_part, git, repository, run,
    seconds,
};
use scraper::{ElementRef, Html, Selector};

fn doc(p: &TestProject, page: &str) -> Html {
    Html::parse_document(&p.read(&format!("output/site/{page}")))
}

fn text_of(e: ElementRef<'_>, css: &str) -> String {
    let sel = Selector::parse(css).unwrap();
    e.select(&sel)
        .map(|x| x.text().collect::<String>())
        .collect()
}

/// `(date, commit, kind, subject, author)` of each row of a page's 改訂履歴.
fn revisions(page: &Html) -> Vec<[String; 5]> {
    let rows = Selector::parse(".revisions tbody tr").unwrap();
    page.select(&rows)
        .map(|row| {
            [
                text_of(row, "td:first-child"),
                text_of(row, "code"),
                text_of(row, ".rev-kind"),
                text_of(row, ".rev-subject"),
                text_of(row, ".rev-author"),
            ]
        })
        .collect()
}

fn row(date: &str, commit: &str, kind: &str, subject: &str, author: &str) -> [String; 5] {
    [date, commit, kind, subject, author].map(str::to_string)
}

#[test]
fn every_page_lists_its_commits_newest_first_through_renames() {
    let (p, commits) = repository();
    run(&p, &["build", "--no-pdf"]).assert_ok();
    let [hanako, jiro] = AUTHORS;

    let checklist = doc(&p, "proposals/checklist.html");
    assert_eq!(
        revisions(&checklist),
        [
            row(
                "2027-02-03",
                commits.of(MARKUP_SUBJECT),
                "",
                MARKUP_SUBJECT,
                jiro
            ),
            row("2027-01-10", commits.of(FIRST), "追加", FIRST, hanako),
        ]
    );
    // The subject is text: its markup made no element.
    let markup = Selector::parse(".revisions .rev-subject b").unwrap();
    assert!(checklist.select(&markup).next().is_none());
    let summary = Selector::parse(".revisions > summary").unwrap();
    let summary: String = checklist.select(&summary).next().unwrap().text().collect();
    assert_eq!(summary, "改訂履歴（2 件）");
    let details = Selector::parse("details.revisions:not([open])").unwrap();
    assert!(
        checklist.select(&details).next().is_some(),
        "collapsed by default"
    );

    // Moved to another section: its history from before the move stays.
    let moved = doc(&p, "batches/moved.html");
    assert_eq!(
        revisions(&moved),
        [
            row("2027-02-15", commits.of(MOVE), "移動", MOVE, hanako),
            row("2027-01-10", commits.of(FIRST), "追加", FIRST, hanako),
        ]
    );
    let from = Selector::parse(".rev-from").unwrap();
    let from: String = moved.select(&from).next().unwrap().text().collect();
    assert_eq!(from, "（content/guide/moving.md から）");

    // A page made from data lists the commits of its data file.
    let q2 = doc(&p, "records/inquiries/Q2.html");
    assert_eq!(
        revisions(&q2),
        [row("2027-02-20", commits.of(RECORD), "追加", RECORD, jiro)]
    );
}

/// The entries of one list of one month of changes.html: title and subjects.
fn month_list(page: &Html, month: &str, list: &str) -> Vec<(String, Vec<String>)> {
    let sel = Selector::parse(&format!(
        "section[data-month=\"{month}\"] ul[data-list=\"{list}\"] > li:not(.chg-more)"
    ))
    .unwrap();
    let title = Selector::parse(":scope > a, :scope > .chg-title").unwrap();
    let subject = Selector::parse(".chg-subject").unwrap();
    page.select(&sel)
        .map(|li| {
            let t = li
                .select(&title)
                .next()
                .map(|e| e.text().collect())
                .unwrap();
            let s = li.select(&subject).map(|e| e.text().collect()).collect();
            (t, s)
        })
        .collect()
}

#[test]
fn the_changes_page_lists_each_month_and_the_since_view_reads_the_same_months() {
    let (p, _) = repository();
    run(&p, &["build", "--no-pdf"]).assert_ok();
    let page = doc(&p, "changes.html");
    let months: Vec<String> = page
        .select(&Selector::parse("section[data-month]").unwrap())
        .map(|s| s.value().attr("data-month").unwrap().to_string())
        .collect();
    assert_eq!(months, ["2027-03", "2027-02", "2027-01"]);
    assert_eq!(
        month_list(&page, "2027-03", "pages_removed"),
        [(
            "content/guide/gone.md".to_string(),
            vec![DELETE.to_string()]
        )]
    );
    let changed = month_list(&page, "2027-02", "pages_changed");
    assert_eq!(
        changed,
        [
            ("移る手順".to_string(), vec![MOVE.to_string()]),
            (
                "延長判断チェックリストの導入".to_string(),
                vec![MARKUP_SUBJECT.to_string()]
            ),
        ]
    );
    let records = month_list(&page, "2027-02", "records_added");
    assert_eq!(records.len(), 1, "{records:?}");
    assert!(records[0].0.contains("Q2"), "{records:?}");
    assert_eq!(records[0].1, [RECORD]);
    let added = month_list(&page, "2027-01", "pages_added");
    // A page removed since is named by its path: its title is gone with it.
    for title in ["移る手順", "content/guide/gone.md"] {
        assert!(
            added.iter().any(|(t, s)| t == title && s == &[FIRST]),
            "{added:?}"
        );
    }

    // The since-view's data: the same months as scripts, each entry with its
    // page's URL, its section and the time of its newest commit.
    let site = p.path().join("output/site");
    let index = changes_part(&site, "index");
    assert_eq!(
        index["months"],
        serde_json::json!(["2027-03", "2027-02", "2027-01"])
    );
    assert_eq!(index["newest"], seconds("2027-03-01T10:00:00+09:00"));
    let february = changes_part(&site, "2027-02");
    let entries: Vec<&serde_json::Value> = february["lists"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["entries"].as_array().unwrap())
        .collect();
    let moved = entries
        .iter()
        .find(|e| e["url"] == "batches/moved.html")
        .unwrap();
    assert_eq!(moved["time"], seconds("2027-02-15T10:00:00+09:00"));
    let group = &index["groups"][moved["group"].as_u64().unwrap() as usize];
    assert_eq!(group["url"], "batches/index.html");
    // Entries name their commits by index into the month's commits.
    let dates: Vec<&str> = february["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["date"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2027-02-20", "2027-02-15", "2027-02-03"]);
    let first = moved["commits"][0].as_u64().unwrap() as usize;
    assert_eq!(february["commits"][first]["subject"], MOVE);
}

#[test]
fn the_redacted_edition_has_no_author_names() {
    let (p, commits) = repository();
    run(&p, &["build", "--no-pdf", "--redact"]).assert_ok();
    let site = p.path().join("output/site");
    for file in common::list_files(&site) {
        let Ok(text) = std::fs::read_to_string(site.join(&file)) else {
            continue;
        };
        for name in AUTHORS {
            assert!(!text.contains(name), "{file} names {name}");
        }
    }
    let checklist = doc(&p, "proposals/checklist.html");
    let rows = revisions(&checklist);
    assert_eq!(rows[0][1], commits.of(MARKUP_SUBJECT));
    assert!(rows.iter().all(|r| r[4].is_empty()), "{rows:?}");
    let header = Selector::parse(".revisions thead th").unwrap();
    let headers: Vec<String> = checklist
        .select(&header)
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(headers, ["日付", "コミット", "内容"]);
}

#[test]
fn outside_git_and_in_a_shallow_clone_the_build_says_once_what_is_missing() {
    let p = TestProject::fixture("reports");
    let out = run(&p, &["build", "--no-pdf"]);
    out.assert_ok();
    assert_eq!(out.stderr.matches("改訂履歴").count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("git の履歴を読めない"),
        "{}",
        out.stderr
    );
    assert!(revisions(&doc(&p, "proposals/checklist.html")).is_empty());
    let changes = p.read("output/site/changes.html");
    assert!(changes.contains("git の履歴がないため"), "{changes}");

    let (repo, commits) = repository();
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    git(
        clone.path(),
        &["clone", "-q", "--depth", "2", &url, "c"],
        AUTHORS[0],
        "2027-03-02T10:00:00+09:00",
    );
    let shallow = TestProject { dir: clone };
    std::fs::rename(shallow.path().join("c"), shallow.path().join("tmp")).unwrap();
    for entry in std::fs::read_dir(shallow.path().join("tmp")).unwrap() {
        let entry = entry.unwrap();
        std::fs::rename(entry.path(), shallow.path().join(entry.file_name())).unwrap();
    }
    let out = run(&shallow, &["build", "--no-pdf"]);
    out.assert_ok();
    assert_eq!(
        out.stderr.matches("浅い clone").count(),
        1,
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("2027-02-20 より前"), "{}", out.stderr);
    // The boundary commit lists every file as added: it is left out.
    assert!(revisions(&doc(&shallow, "proposals/checklist.html")).is_empty());
    let page = doc(&shallow, "changes.html");
    assert_eq!(
        month_list(&page, "2027-03", "pages_removed"),
        [(
            "content/guide/gone.md".to_string(),
            vec![DELETE.to_string()]
        )]
    );
    assert!(
        !shallow
            .read("output/site/changes.html")
            .contains(commits.of(FIRST))
    );
}

#[test]
fn a_commit_that_changes_only_history_renders_again_what_shows_it() {
    use std::os::unix::fs::MetadataExt;
    let (p, _) = repository();
    let page = p.read("content/proposals/checklist.md");
    p.write(
        "content/proposals/checklist.md",
        &format!("{page}\n追記。\n"),
    );
    run(&p, &["build", "--no-pdf"]).assert_ok();
    let site = p.path().join("output/site");
    let inode = |f: &str| std::fs::metadata(site.join(f)).unwrap().ino();
    let files = [
        "proposals/checklist.html",
        "changes.html",
        "batches/moved.html",
        "index.html",
    ];
    let before: Vec<u64> = files.iter().map(|f| inode(f)).collect();

    // The edit is committed: the sources are as they were, the history is not.
    git(
        p.path(),
        &["commit", "-q", "-am", "追記を確定"],
        AUTHORS[1],
        "2027-03-05T10:00:00+09:00",
    );
    run(&p, &["build", "--no-pdf"]).assert_ok();
    let after: Vec<u64> = files.iter().map(|f| inode(f)).collect();
    assert_ne!(before[0], after[0], "the page's 改訂履歴 has a new row");
    assert_ne!(before[1], after[1], "the 更新履歴 has a new commit");
    assert_eq!(
        before[2..],
        after[2..],
        "pages whose history did not change are kept"
    );
    let rows = revisions(&doc(&p, "proposals/checklist.html"));
    assert_eq!(rows[0][3], "追記を確定");
    assert!(changes_part(&site, "index")["months"][0] == "2027-03");
}

#[test]
fn the_handbook_pdf_the_monthly_report_and_the_workbook_carry_the_revisions() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    common::require_pdf_tools();
    let (p, commits) = repository();
    run(&p, &["build"]).assert_ok();
    let pdf_dir = p.path().join("output/pdf");

    // handbook.pdf: the 版 on the cover, then the 改訂履歴 by tag, oldest first;
    // the subject's Typst markup printed as written.
    let handbook = pdf_dir.join("handbook.pdf");
    let cover = common::pdf::squeeze(&common::pdf::page_text(&handbook, 1));
    assert!(cover.contains("第1.1版"), "{cover}");
    let history = common::pdf::squeeze(&common::pdf::raw_text(&handbook));
    let table = &history[history.find("改訂履歴").unwrap()..history.find("目次").unwrap()];
    let squeezed = |s: &str| common::pdf::squeeze(s);
    let v10 = table
        .find(&squeezed(&format!("第1.0版令和9年1月10日{FIRST}")))
        .expect(table);
    let v11 = table
        .find(&squeezed(&format!("第1.1版令和9年3月1日{MARKUP_SUBJECT}")))
        .expect(table);
    assert!(v10 < v11, "{table}");
    for subject in [MOVE, DELETE] {
        assert!(table.contains(&squeezed(subject)), "{subject}: {table}");
    }
    // Q2 is a record, not the handbook's text.
    assert!(!table.contains(&squeezed(RECORD)), "{table}");

    // ⑥ for 令和9年2月: the pages changed in the month and why.
    let monthly =
        common::pdf::squeeze(&common::pdf::raw_text(&pdf_dir.join("monthly/2027-02.pdf")));
    let section = &monthly[monthly.rfind("手引きの更新").unwrap()..];
    assert!(
        section.contains("当月は運用手引きの2ページを更新しました"),
        "{section}"
    );
    assert!(
        section.contains(&squeezed(&format!(
            "2月3日延長判断チェックリストの導入更新{MARKUP_SUBJECT}"
        ))),
        "{section}"
    );
    assert!(
        section.contains(&squeezed(&format!("2月15日移る手順移動{MOVE}"))),
        "{section}"
    );

    // The annual report counts the distinct pages the year's commits changed.
    let annual = common::pdf::squeeze(&common::pdf::raw_text(&pdf_dir.join("annual/fy2026.pdf")));
    let revised = revised_pages(&p);
    assert!(
        annual.contains(&format!(
            "年度中に改訂したページ{revised}件（gitの履歴による）"
        )),
        "{revised}: {annual}"
    );

    // 手引き改訂履歴.xlsx: one row per commit of the handbook, the subject as text.
    let mut wb: Xlsx<_> = open_workbook(p.path().join("output/xlsx/手引き改訂履歴.xlsx")).unwrap();
    let range = wb.worksheet_range("改訂履歴").unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let header = rows
        .iter()
        .position(|r| r[0] == Data::String("日付".into()))
        .unwrap();
    let subjects: Vec<String> = rows[header + 1..]
        .iter()
        .map(|r| r[2].to_string())
        .collect();
    assert_eq!(subjects, [FIRST, MARKUP_SUBJECT, MOVE, DELETE]);
    let edit = &rows[header + 2];
    assert_eq!(edit[1], Data::String("第1.1版".into()));
    assert_eq!(edit[5], Data::String(commits.of(MARKUP_SUBJECT).into()));
    assert_eq!(edit[6], Data::String(AUTHORS[1].into()));
    let formulas = wb.worksheet_formula("改訂履歴").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "a subject became a formula"
    );
}

#[test]
fn a_long_month_shows_its_newest_entries_and_the_since_view_has_them_all() {
    let p = TestProject::fixture("basic");
    let front = "area: general\nowner: contractor\nreviewed: 2026-11-01\nreview_every: 6\n";
    for i in 0..55 {
        p.write(
            &format!("content/ops/p{i:02}.md"),
            &format!("---\ntitle: 頁{i:02}\n{front}---\n本文。\n"),
        );
    }
    let author = AUTHORS[0];
    git(
        p.path(),
        &["init", "-q"],
        author,
        "2027-01-10T10:00:00+09:00",
    );
    git(
        p.path(),
        &["add", "content", "data", "tebiki.yaml"],
        author,
        "2027-01-10T10:00:00+09:00",
    );
    git(
        p.path(),
        &["commit", "-q", "-m", FIRST],
        author,
        "2027-01-10T10:00:00+09:00",
    );
    run(&p, &["build", "--no-pdf"]).assert_ok();
    let page = doc(&p, "changes.html");
    let shown = month_list(&page, "2027-01", "pages_added");
    assert_eq!(shown.len(), 50, "{shown:?}");
    let more = Selector::parse("ul[data-list=\"pages_added\"] > li.chg-more").unwrap();
    let more: String = page.select(&more).next().unwrap().text().collect();
    assert_eq!(more, "ほか 9 件（この月以降の変更をすべて表示）");
    let part = changes_part(&p.path().join("output/site"), "2027-01");
    assert_eq!(part["lists"][0]["entries"].as_array().unwrap().len(), 59);
    assert_eq!(part["lists"][0]["total"], 59);
}

#[test]
fn a_rebuild_of_the_same_commit_reads_the_log_from_the_build_cache() {
    let (p, _) = repository();
    // A git that notes each command before running the real one.
    let bin = tempfile::tempdir().unwrap();
    let calls = bin.path().join("calls.txt");
    let real = String::from_utf8(
        std::process::Command::new("sh")
            .args(["-c", "command -v git"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let script = format!(
        "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in log|rev-parse|commit) echo \"$a\" >> '{}';; esac; done\nexec {} \"$@\"\n",
        calls.display(),
        real.trim()
    );
    let wrapper = bin.path().join("git");
    std::fs::write(&wrapper, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap()
    );
    let build = || {
        p.run_with(
            &["build", "--no-pdf"],
            &[("TEBIKI_TODAY", common::history::TODAY), ("PATH", &path)],
        )
        .assert_ok();
        let text = std::fs::read_to_string(&calls).unwrap_or_default();
        std::fs::remove_file(&calls).ok();
        text.lines().map(str::to_string).collect::<Vec<_>>()
    };
    assert_eq!(build(), ["rev-parse", "log"]);
    assert_eq!(
        build(),
        ["rev-parse"],
        "the same commit: the log is the cached one"
    );
    let before = p.read("output/site/proposals/checklist.html");
    git(
        p.path(),
        &["tag", "handbook-v1.2"],
        AUTHORS[0],
        "2027-03-05T10:00:00+09:00",
    );
    assert_eq!(build(), ["rev-parse", "log"], "a new tag is a new state");
    assert_eq!(p.read("output/site/proposals/checklist.html"), before);
}

/// The pages below `content/` that a commit of fiscal year 2026 added,
/// changed, moved or removed, counted from `git log` itself: a moved page is
/// one page under two paths.
fn revised_pages(p: &TestProject) -> usize {
    let out = std::process::Command::new("git")
        .args([
            "log",
            "-M",
            "--name-status",
            "--format=",
            "--since=2026-04-01",
            "--until=2027-04-01",
            "--",
            "content",
        ])
        .current_dir(p.path())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut paths: Vec<&str> = Vec::new();
    let mut moves = 0;
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields[0].starts_with('R') {
            moves += 1;
        }
        paths.extend(fields[1..].iter().filter(|f| f.ends_with(".md")));
    }
    paths.sort_unstable();
    paths.dedup();
    paths.len() - moves
}

#[test]
fn a_project_in_a_folder_of_its_repository_has_that_folder_s_history() {
    // The repository holds the project below handbook/ and other work beside it.
    let repo = tempfile::tempdir().unwrap();
    let p = TestProject::fixture("basic");
    let project = repo.path().join("handbook");
    std::fs::create_dir(&project).unwrap();
    for item in ["tebiki.yaml", "content", "data", "templates"] {
        let from = p.path().join(item);
        if from.is_dir() {
            common::copy_dir(&from, &project.join(item));
        } else {
            std::fs::copy(&from, project.join(item)).unwrap();
        }
    }
    std::fs::write(repo.path().join("other.txt"), "別の作業\n").unwrap();
    let date = "2027-01-10T10:00:00+09:00";
    git(repo.path(), &["init", "-q"], AUTHORS[0], date);
    git(repo.path(), &["add", "."], AUTHORS[0], date);
    git(
        repo.path(),
        &["commit", "-qm", "手引きを追加"],
        AUTHORS[0],
        date,
    );
    std::fs::write(repo.path().join("other.txt"), "別の作業（続き）\n").unwrap();
    let later = "2027-02-01T10:00:00+09:00";
    git(
        repo.path(),
        &["commit", "-qam", "手引きの外の変更"],
        AUTHORS[1],
        later,
    );
    let page = project.join("content/ops/online.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\n追記。\n")).unwrap();
    let last = "2027-03-01T10:00:00+09:00";
    git(
        repo.path(),
        &["commit", "-qam", "オンラインの手順を追記"],
        AUTHORS[0],
        last,
    );

    common::run_tebiki_with(
        &["--root", project.to_str().unwrap(), "build", "--no-pdf"],
        &project,
        &[("TEBIKI_TODAY", common::history::TODAY)],
    )
    .assert_ok();
    let html = std::fs::read_to_string(project.join("output/site/ops/online.html")).unwrap();
    let page = Html::parse_document(&html);
    let subjects: Vec<String> = revisions(&page).into_iter().map(|r| r[3].clone()).collect();
    assert_eq!(subjects, ["オンラインの手順を追記", "手引きを追加"]);
    // The commit outside the folder is in no page's history and not in 更新履歴.
    let changes = std::fs::read_to_string(project.join("output/site/changes.html")).unwrap();
    assert!(changes.contains("オンラインの手順を追記"), "{changes}");
    assert!(!changes.contains("手引きの外の変更"), "{changes}");
}
