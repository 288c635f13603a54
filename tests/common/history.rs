//! A fixture repository made by the test: the `reports` fixture committed at
//! fixed dates by two authors, with a rename, a deletion, a record added later
//! and two edition tags.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use super::TestProject;

/// Who made each commit; personal, so absent from the redacted edition.
pub const AUTHORS: [&str; 2] = ["手引 花子", "運用 次郎"];

/// The subject of the commit that edits a page: Typst, HTML and an Excel formula.
pub const MARKUP_SUBJECT: &str =
    "=SUM(A1) 手順を <b>修正</b> & #set text(red) *強調* [リンク](x) $x$";

/// The subjects and short hashes of the fixture's commits, oldest first.
pub struct Commits {
    pub short: BTreeMap<&'static str, String>,
}

impl Commits {
    pub fn of(&self, subject: &str) -> &str {
        &self.short[subject]
    }
}

pub const FIRST: &str = "初版を作成";
pub const MOVE: &str = "手順をバッチの節へ移動";
pub const RECORD: &str = "問合せ Q2 を登録";
pub const DELETE: &str = "古い手順を削除";

/// Runs git in `dir` as `author` at `date` (`2027-01-10T10:00:00+09:00`).
pub fn git(dir: &Path, args: &[&str], author: &str, date: &str) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            &format!("user.name={author}"),
            "-c",
            "user.email=test@example.invalid",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

const FRONT: &str = "area: \"4.1\"\nowner: contractor\nreviewed: 2026-11-10\nreview_every: 12\n";

/// The `reports` fixture and a section `guide/` of two pages, committed:
///
/// | date | author | commit |
/// |---|---|---|
/// | 2027-01-10 | 手引 花子 | 初版を作成 (everything but the inquiry Q2), tag handbook-v1.0 |
/// | 2027-02-03 | 運用 次郎 | [`MARKUP_SUBJECT`]: edits `proposals/checklist.md` |
/// | 2027-02-15 | 手引 花子 | 手順をバッチの節へ移動: `guide/moving.md` → `batches/moved.md` |
/// | 2027-02-20 | 運用 次郎 | 問合せ Q2 を登録: adds `data/records/inquiries/Q2.yaml` |
/// | 2027-03-01 | 手引 花子 | 古い手順を削除: removes `guide/gone.md`, tag handbook-v1.1 |
pub fn repository() -> (TestProject, Commits) {
    let p = TestProject::fixture("reports");
    p.write(
        "content/guide/_index.md",
        &format!("---\ntitle: 運用の手引き\n{FRONT}---\n手引きの節。\n"),
    );
    p.write(
        "content/guide/moving.md",
        &format!("---\ntitle: 移る手順\n{FRONT}---\n移る手順の本文。\n"),
    );
    p.write(
        "content/guide/gone.md",
        &format!("---\ntitle: 消える手順\n{FRONT}---\n消える手順の本文。\n"),
    );
    let q2 = p.read("data/records/inquiries/Q2.yaml");
    p.remove("data/records/inquiries/Q2.yaml");
    let dir = p.path();
    let [hanako, jiro] = AUTHORS;
    let mut short = BTreeMap::new();
    let mut commit = |subject: &'static str, author: &str, date: &str| {
        git(
            dir,
            &["add", "-A", "content", "data", "tebiki.yaml", "templates"],
            author,
            date,
        );
        git(dir, &["commit", "-q", "-m", subject], author, date);
        short.insert(
            subject,
            git(dir, &["rev-parse", "--short", "HEAD"], author, date),
        );
    };
    git(dir, &["init", "-q"], hanako, "2027-01-10T10:00:00+09:00");
    commit(FIRST, hanako, "2027-01-10T10:00:00+09:00");
    git(
        dir,
        &["tag", "handbook-v1.0"],
        hanako,
        "2027-01-10T10:00:00+09:00",
    );

    let checklist = p.read("content/proposals/checklist.md");
    p.write(
        "content/proposals/checklist.md",
        &format!("{checklist}\n修正した段落。\n"),
    );
    commit(MARKUP_SUBJECT, jiro, "2027-02-03T10:00:00+09:00");

    std::fs::create_dir_all(dir.join("content/batches")).unwrap();
    git(
        dir,
        &["mv", "content/guide/moving.md", "content/batches/moved.md"],
        hanako,
        "2027-02-15T10:00:00+09:00",
    );
    commit(MOVE, hanako, "2027-02-15T10:00:00+09:00");

    p.write("data/records/inquiries/Q2.yaml", &q2);
    commit(RECORD, jiro, "2027-02-20T10:00:00+09:00");

    p.remove("content/guide/gone.md");
    commit(DELETE, hanako, "2027-03-01T10:00:00+09:00");
    git(
        dir,
        &["tag", "handbook-v1.1"],
        hanako,
        "2027-03-01T10:00:00+09:00",
    );
    (p, Commits { short })
}

/// After every commit, so that no record of the fixture lies in the future.
pub const TODAY: &str = "2027-03-10";

/// `tebiki <args>` on `p` as of [`TODAY`].
pub fn run(p: &TestProject, args: &[&str]) -> super::Run {
    p.run_with(args, &[("TEBIKI_TODAY", TODAY)])
}

/// Seconds since 1970 of a commit date written as above.
pub fn seconds(date: &str) -> i64 {
    chrono::DateTime::parse_from_rfc3339(date)
        .unwrap()
        .timestamp()
}

/// The data of one `assets/changes/<name>.js` part (src/render/changes.rs).
pub fn changes_part(site: &Path, name: &str) -> serde_json::Value {
    let js = std::fs::read_to_string(site.join("assets/changes").join(format!("{name}.js")))
        .unwrap_or_else(|e| panic!("{name}.js: {e}"));
    let prefix = format!("window.tebikiChanges&&window.tebikiChanges.add(\"{name}\",");
    let json = js
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("{name}.js is not a part script: {js}"));
    serde_json::from_str(json).unwrap()
}
