//! `tebiki new`: scaffolded pages carry every required field, today's date and
//! the next free order, land in the right folder, pass `check`, and never
//! overwrite; `new --project` starts a handbook that checks and builds as it is.

mod common;

use std::path::Path;
use std::process::Command;

use common::{Run, TestProject};

/// Runs tebiki in `cwd` with a fixed today.
fn tebiki(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(args)
        .current_dir(cwd)
        .env("TEBIKI_TODAY", "2027-01-04")
        .env("NO_COLOR", "1")
        .output()
        .expect("run tebiki");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn new_page_takes_the_section_defaults_today_and_the_next_order() {
    let p = TestProject::fixture("basic");
    let run = tebiki(
        p.path(),
        &["new", "page", "ops/backup", "--title", "バックアップ: 確認"],
    );
    run.assert_ok();
    assert_eq!(run.stdout.trim(), "content/ops/backup.md");
    let text = p.read("content/ops/backup.md");
    let expected_front = "---\n\
        # yaml-language-server: $schema=../../schemas/frontmatter.json\n\
        title: 'バックアップ: 確認'\n\
        area: general\n\
        owner: contractor\n\
        reviewed: 2027-01-04\n\
        review_every: 6\n\
        order: 3\n\
        ---\n";
    assert!(text.starts_with(expected_front), "{text}");
    p.run(&["check"]).assert_ok();
    p.run(&["build"]).assert_ok();
    let html = p.read("output/site/ops/backup.html");
    assert!(html.contains("バックアップ: 確認"));
    assert!(html.contains("2027-01-04"));
}

#[test]
fn new_page_refuses_to_overwrite() {
    let p = TestProject::fixture("basic");
    let before = p.read("content/ops/nightly.md");
    let run = tebiki(p.path(), &["new", "page", "ops/nightly"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("content/ops/nightly.md はすでにあります（上書きしません）"),
        "{}",
        run.stderr
    );
    assert_eq!(p.read("content/ops/nightly.md"), before);
}

#[test]
fn new_section_then_a_page_in_it() {
    let p = TestProject::fixture("basic");
    tebiki(
        p.path(),
        &["new", "page", "ops/yearly/_index", "--title", "年次"],
    )
    .assert_ok();
    tebiki(p.path(), &["new", "page", "ops/yearly/switch.md"]).assert_ok();
    let page = p.read("content/ops/yearly/switch.md");
    assert!(
        page.contains("$schema=../../../schemas/frontmatter.json"),
        "{page}"
    );
    assert!(page.contains("title: switch\n"), "{page}");
    p.run(&["check"]).assert_ok();
}

#[test]
fn new_page_needs_an_existing_section_and_a_safe_name() {
    let p = TestProject::fixture("basic");
    let run = tebiki(p.path(), &["new", "page", "nosuch/x"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("content/nosuch/ はセクションではありません"),
        "{}",
        run.stderr
    );
    for bad in ["../x", "ops/.hidden", "/etc/x"] {
        let run = tebiki(p.path(), &["new", "page", bad]);
        run.assert_code(2);
        assert!(
            run.stderr.contains("使えない名前です"),
            "{bad}: {}",
            run.stderr
        );
    }
    assert!(!p.path().join("x.md").exists());
}

#[test]
fn unknown_kind_lists_the_kinds_that_exist() {
    let p = TestProject::fixture("basic");
    let run = tebiki(p.path(), &["new", "spaceship"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("種類 `spaceship` は作れません"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("page "), "{}", run.stderr);
    let list = tebiki(p.path(), &["new", "--list"]);
    list.assert_ok();
    assert!(list.stdout.contains("page"), "{}", list.stdout);
}

#[test]
fn new_project_checks_and_builds_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("suginami");
    let run = tebiki(
        dir.path(),
        &["new", "--project", "suginami", "--municipality", "杉並区"],
    );
    run.assert_ok();
    let root = project.to_str().unwrap();
    let check = tebiki(dir.path(), &["--root", root, "check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    assert_eq!(check.stdout.trim(), "問題は見つかりませんでした");
    tebiki(dir.path(), &["--root", root, "build"]).assert_ok();
    let home = std::fs::read_to_string(project.join("output/site/index.html")).unwrap();
    assert!(
        home.contains("杉並区 国保標準システム 運用手引き"),
        "{home}"
    );
    assert!(home.contains("2027-01-04"));
    let settings = std::fs::read_to_string(project.join("tebiki.yaml")).unwrap();
    assert!(settings.starts_with("# yaml-language-server: $schema=schemas/tebiki.json\n"));
    assert!(
        !settings.contains("__"),
        "a placeholder is left: {settings}"
    );

    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(project.join("hooks/pre-commit"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o111, 0o111, "the hook is executable");

    // Every kind scaffolded in the new handbook checks too.
    tebiki(&project, &["new", "page", "operations/first"]).assert_ok();
    for kind in [
        "inquiry",
        "incident",
        "master-update",
        // An account needs a staff member; a new handbook has none yet.
        "roster",
        "log-investigation",
        "meeting",
        "data-transfer",
        "sla-month",
        "schedule-year",
    ] {
        tebiki(&project, &["new", kind]).assert_ok();
    }
    let check = tebiki(&project, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

#[test]
fn new_project_refuses_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep.txt"), "大事なファイル").unwrap();
    let run = tebiki(dir.path(), &["new", "--project", "."]);
    run.assert_code(2);
    assert!(run.stderr.contains("空ではありません"), "{}", run.stderr);
    assert_eq!(common::list_files(dir.path()), ["keep.txt"]);
    let run = tebiki(
        dir.path(),
        &["new", "--project", "x", "--municipality", "a: b"],
    );
    run.assert_code(2);
}

#[test]
fn every_template_of_the_repository_is_embedded() {
    let embedded: Vec<&str> = tebiki::scaffold::project::EMBEDDED
        .iter()
        .map(|(rel, _)| *rel)
        .collect();
    for file in common::list_files(&common::repo_root().join("templates")) {
        let rel = format!("templates/{file}");
        assert!(embedded.contains(&rel.as_str()), "{rel} is not embedded");
    }
    assert!(embedded.contains(&"hooks/pre-commit"));
    for (rel, bytes) in tebiki::scaffold::project::EMBEDDED {
        if rel.starts_with("templates/") {
            let on_disk = std::fs::read(common::repo_root().join(rel)).unwrap();
            // Not assert_eq!: the bytes of two whole files are no help in a report.
            assert!(
                on_disk == *bytes,
                "{rel} differs from the embedded copy (rebuild the crate)"
            );
        }
    }
}

/// A copy of the repository's handbook, which has records of every kind.
fn handbook() -> TestProject {
    let dir = tempfile::tempdir().unwrap();
    for item in ["tebiki.yaml", "content", "data", "templates", "fonts"] {
        let src = common::repo_root().join(item);
        if src.is_dir() {
            common::copy_dir(&src, &dir.path().join(item));
        } else {
            std::fs::copy(&src, dir.path().join(item)).unwrap();
        }
    }
    TestProject { dir }
}

#[test]
fn record_kinds_get_the_next_free_id_and_pass_check() {
    let p = handbook();
    let made: Vec<String> = [
        vec!["new", "inquiry"],
        vec!["new", "incident"],
        vec!["new", "meeting", "gyomu"],
        vec!["new", "sla-month"],
        vec!["new", "schedule-year"],
    ]
    .iter()
    .map(|args| {
        let run = tebiki(p.path(), args);
        run.assert_ok();
        run.stdout.trim().to_string()
    })
    .collect();
    let next = |dir: &str, prefix: &str| {
        let n = common::list_files(&p.path().join(dir))
            .iter()
            .filter(|f| f.starts_with(prefix))
            .count();
        format!("{dir}/{prefix}{n:04}.yaml")
    };
    assert_eq!(made[0], next("data/records/inquiries", "INQ-2027-"));
    assert_eq!(made[1], next("data/records/incidents", "INC-2027-"));
    assert_eq!(made[2], "data/records/meetings/MTG-2027-01-04-gyomu.yaml");
    assert!(made[3].starts_with("data/sla/20"), "{}", made[3]);
    assert!(made[4].starts_with("data/schedule/20"), "{}", made[4]);
    let inquiry = p.read(&made[0]);
    assert!(
        inquiry.starts_with("# yaml-language-server: $schema=../../../schemas/inquiry.json\n"),
        "{inquiry}"
    );
    assert!(
        inquiry.contains("received_at: 2027-01-04 09:00\n"),
        "{inquiry}"
    );
    assert!(
        inquiry.contains("chatbot（"),
        "the allowed values are listed: {inquiry}"
    );
    let run = tebiki(p.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    // The second of each is the next id, never the same file.
    let again = tebiki(p.path(), &["new", "inquiry"]);
    again.assert_ok();
    assert_ne!(again.stdout.trim(), made[0]);
    // A meeting of the same kind on the same day already exists.
    tebiki(p.path(), &["new", "meeting", "gyomu"]).assert_code(2);
    tebiki(p.path(), &["new", "meeting", "party"]).assert_code(2);
}

#[test]
fn every_record_kind_is_scaffolded_from_its_declaration_and_passes_check() {
    let p = handbook();
    // The handbook's own work log of that day: today's is not written yet.
    std::fs::remove_file(p.path().join("data/records/work-logs/WL-2027-01-04.yaml")).unwrap();
    let mut made = Vec::new();
    for kind in tebiki::data::records::Kind::ALL {
        let about = kind.about();
        let run = tebiki(p.path(), &["new", about.command]);
        run.assert_ok();
        let rel = run.stdout.trim().to_string();
        assert!(
            rel.starts_with(&format!("data/records/{}/", about.dir)),
            "{rel}"
        );
        let text = p.read(&rel);
        assert!(
            text.contains(&format!("$schema=../../../schemas/{}", about.schema)),
            "{text}"
        );
        // Every field the declaration requires is written, with its key.
        for key in required_keys(*kind) {
            assert!(
                text.contains(&format!("\n{key}: ")),
                "{key} missing in {rel}:\n{text}"
            );
        }
        made.push(rel);
    }
    assert!(
        made.iter().any(|m| m.ends_with("/ACC-0008.yaml")),
        "{made:?}"
    );
    // Today's work log has an entry for each of the contractor's staff, over
    // the §8 hours, and nobody else.
    let log = p.read("data/records/work-logs/WL-2027-01-04.yaml");
    for staff in [
        "contractor-lead",
        "contractor-op1",
        "contractor-op2",
        "contractor-op3",
    ] {
        assert!(
            log.contains(&format!(
                "- staff: {staff}\n    start: \"8:30\"\n    end: \"20:00\""
            )),
            "{log}"
        );
    }
    assert!(!log.contains("ward-"), "{log}");
    let run = tebiki(p.path(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

/// The keys a kind's scaffold must write, read back from its JSON Schema's
/// `required` list (the type's own word on what is required).
fn required_keys(kind: tebiki::data::records::Kind) -> Vec<String> {
    let schema = tebiki::schema::by_file(kind.about().schema).unwrap().json();
    schema["required"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn sla_month_copies_the_targets_of_the_latest_month() {
    let p = handbook();
    let run = tebiki(p.path(), &["new", "sla-month"]);
    run.assert_ok();
    let text = p.read(run.stdout.trim());
    assert!(
        text.contains("targets:\n  online_availability: 99.5\n"),
        "{text}"
    );
    assert!(
        text.contains("reported:\n  online_availability: null\n"),
        "{text}"
    );
}
