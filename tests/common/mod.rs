//! Test harness: copies a fixture project into a temporary directory, runs the
//! real `tebiki` binary on it and reads back what it wrote (STYLE.md §7).

#![allow(dead_code)] // reason: each test binary uses a different part of the harness

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct TestProject {
    pub dir: tempfile::TempDir,
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl TestProject {
    /// `tests/fixtures/<name>`, with the repository's templates unless the
    /// fixture brings its own.
    pub fn fixture(name: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let src = repo_root().join("tests/fixtures").join(name);
        assert!(src.is_dir(), "no fixture {}", src.display());
        copy_dir(&src, dir.path());
        if !dir.path().join("templates").exists() {
            copy_dir(
                &repo_root().join("templates"),
                &dir.path().join("templates"),
            );
        }
        if !dir.path().join("fonts").exists() {
            link_fonts(dir.path());
        }
        TestProject { dir }
    }

    /// A copy of the repository's own project (tebiki.yaml, content, data,
    /// templates, fonts), so a test never writes into the working tree.
    pub fn repository() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = repo_root();
        for item in ["tebiki.yaml", "content", "data", "templates"] {
            let src = repo.join(item);
            if src.is_dir() {
                copy_dir(&src, &dir.path().join(item));
            } else {
                std::fs::copy(&src, dir.path().join(item)).unwrap();
            }
        }
        link_fonts(dir.path());
        TestProject { dir }
    }

    /// Moves the modification time of every input an hour back, as if the project
    /// had been edited long before the build: the up-to-date check does not trust
    /// the times of the last two seconds.
    pub fn age_inputs(&self) {
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let mut paths = vec![self.path().join("tebiki.yaml")];
        for dir in ["content", "data", "templates"] {
            for entry in walkdir::WalkDir::new(self.path().join(dir)) {
                paths.push(entry.unwrap().into_path());
            }
        }
        for path in paths {
            let file = std::fs::File::options()
                .read(true)
                .write(path.is_file())
                .open(&path)
                .unwrap();
            file.set_modified(hour_ago).unwrap();
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The project loaded by the library (no history cache), as a build would.
    /// Tests that set `TEBIKI_TODAY` for it do so alone in their binary.
    pub fn load(&self) -> tebiki::Project {
        tebiki::Project::load(&tebiki::LoadOptions {
            root: self.path().to_path_buf(),
            history_cache: None,
            git_state: None,
        })
        .unwrap_or_else(|d| panic!("{}", d.report()))
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path().join(rel)).unwrap();
    }

    /// A file of the built site: `output/site/<page>`.
    #[allow(dead_code, reason = "not every test binary uses every helper")]
    pub fn site_file(&self, page: &str) -> PathBuf {
        self.path().join("output/site").join(page)
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.path().join(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Runs `tebiki --root <project> <args>`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    /// Runs `tebiki --root <project> <args>` with extra environment variables.
    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut all = vec!["--root", self.path().to_str().unwrap()];
        all.extend_from_slice(args);
        run_tebiki_with(&all, self.path(), env)
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// The day every test build treats as today, so freshness is reproducible.
pub const TEST_TODAY: &str = "2027-01-05";

pub fn run_tebiki(args: &[&str], cwd: &Path) -> Run {
    run_tebiki_with(args, cwd, &[])
}

/// Runs tebiki with extra environment variables (`TEBIKI_TODAY` overrides the default).
pub fn run_tebiki_with(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Run {
    let mut command = tebiki_command(args, cwd);
    for (key, value) in env {
        command.env(key, value);
    }
    run_command(command)
}

/// The `tebiki` command as tests run it. A test never installs typst (about 18
/// minutes): `TEBIKI_TYPST` names the one found by tebiki's own lookup, or a
/// missing file, so a build that needs typst fails at once with a clear message.
/// Today is [`TEST_TODAY`], so freshness is reproducible.
pub fn tebiki_command(args: &[&str], cwd: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tebiki"));
    command
        .args(args)
        .current_dir(cwd)
        .env("TEBIKI_LOG", "info")
        .env("NO_COLOR", "1")
        .env("TEBIKI_TODAY", TEST_TODAY)
        .env_remove("SOURCE_DATE_EPOCH");
    let typst = found_typst().unwrap_or_else(|| PathBuf::from("/typst-0.15.1-is-not-installed"));
    command.env("TEBIKI_TYPST", typst);
    command
}

pub fn run_command(mut command: Command) -> Run {
    let out: Output = command.output().expect("run tebiki");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The typst 0.15.1 that tebiki itself would use (`TEBIKI_TYPST`, `PATH`, cache).
pub fn found_typst() -> Option<PathBuf> {
    let lookup = tebiki::render::pdf::typst::Lookup::from_env();
    tebiki::render::pdf::typst::locate(&lookup)
        .ok()
        .flatten()
        .filter(|t| t.version == tebiki::render::pdf::typst::VERSION)
        .map(|t| t.program)
}

/// Tests that make real PDFs need typst 0.15.1 and poppler-utils; without them
/// they fail with what to install, never skip.
#[track_caller]
pub fn require_pdf_tools() -> PathBuf {
    let Some(typst) = found_typst() else {
        panic!(
            "typst 0.15.1 is needed for the PDF tests and was not found (TEBIKI_TYPST, PATH, ~/.cache/tebiki/typst-0.15.1). \
             Install it once with: cargo install --locked typst-cli@0.15.1 --root ~/.cache/tebiki/typst-0.15.1"
        );
    };
    for tool in ["pdftotext", "pdffonts", "pdfinfo"] {
        let ok = Command::new(tool).arg("-v").output().is_ok();
        assert!(
            ok,
            "{tool} is needed for the PDF tests: apt-get install poppler-utils"
        );
    }
    typst
}

/// The fonts are 15 MB: a fixture links to the repository's copy.
fn link_fonts(project: &Path) {
    let fonts = repo_root().join("fonts");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&fonts, project.join("fonts")).unwrap();
    #[cfg(not(unix))]
    copy_dir(&fonts, &project.join("fonts"));
}

pub fn copy_dir(src: &Path, dest: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dest.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file below `dir`, relative, sorted.
/// The search index a build wrote below `site`, read back as one value
/// (see `tebiki::search::read_index`).
#[allow(dead_code)]
pub fn search_index(site: &Path) -> serde_json::Value {
    let dir = site.join("assets/search");
    let scripts: Vec<String> = list_files(&dir)
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f)).unwrap())
        .collect();
    tebiki::search::read_index(scripts.iter().map(String::as_str))
        .expect("index scripts that read back as one index")
}

/// A page of the built site (a path below `site/`): an HTML file outside
/// `assets/`, where the sections' navigation frames are.
#[allow(dead_code, reason = "not every test binary uses every helper")]
pub fn is_page(file: &str) -> bool {
    file.ends_with(".html") && !file.starts_with("assets/")
}

pub fn list_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// The `<main>` element of an HTML page, re-serialised by an HTML parser so the
/// comparison ignores nothing but parser-equivalent differences.
pub fn main_element(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("main").unwrap();
    let main = doc.select(&sel).next().expect("page has a <main>");
    let mut out = String::new();
    for line in main.html().lines() {
        let line = line.trim_end();
        if !line.trim().is_empty() {
            out.push_str(line.trim_start());
            out.push('\n');
        }
    }
    out
}

/// Compares `actual` with the golden file `tests/golden/<name>`; with
/// `TEBIKI_BLESS=1` the golden file is rewritten instead (review the diff).
#[track_caller]
pub fn assert_golden(name: &str, actual: &str) {
    let path = repo_root().join("tests/golden").join(name);
    if std::env::var_os("TEBIKI_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}; run with TEBIKI_BLESS=1",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "{} differs from the output (run with TEBIKI_BLESS=1 to accept):\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        );
    }
}

pub mod history;
pub mod pdf;
