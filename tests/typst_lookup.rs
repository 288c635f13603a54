//! Where tebiki finds typst (TEBIKI_TYPST, then PATH if the version matches, then
//! its cache), and what it does when there is none: install with cargo, or say
//! clearly what to do. Fake `typst` and `cargo` scripts stand in for the real
//! ones, so no test runs the 18-minute install.
#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::{Run, TestProject, run_command, tebiki_command};

/// A directory with a fake `typst` that reports `version` and writes a "PDF"
/// holding `marker`, so a test can tell which program made it.
fn fake_typst(dir: &Path, version: &str, marker: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let script = format!(
        "#!/bin/sh\n\
         case \"$1\" in\n\
         --version) echo \"typst {version} (fake)\" ;;\n\
         fonts) printf 'BIZ UDPGothic\\nBIZ UDPMincho\\n' ;;\n\
         compile) for last; do :; done; printf '%%PDF-1.7 {marker}' > \"$last\" ;;\n\
         *) exit 2 ;;\n\
         esac\n"
    );
    executable(&dir.join("typst"), &script)
}

/// A fake `cargo` that records its arguments in `log` and, if `succeed`, puts a
/// fake typst at `<--root>/bin/typst` as `cargo install` would.
fn fake_cargo(dir: &Path, log: &Path, succeed: bool) {
    let typst = fake_typst(&dir.join("payload"), "0.15.1", "installed");
    let script = if succeed {
        format!(
            "#!/bin/sh\n\
             echo \"$@\" > '{log}'\n\
             prev=''; for a; do [ \"$prev\" = --root ] && root=\"$a\"; prev=\"$a\"; done\n\
             /bin/mkdir -p \"$root/bin\" && /bin/cp '{typst}' \"$root/bin/typst\"\n\
             echo '   Compiling typst-cli v0.15.1' >&2\n",
            log = log.display(),
            typst = typst.display()
        )
    } else {
        format!(
            "#!/bin/sh\necho \"$@\" > '{}'\necho 'error: failed to run custom build command for `openssl-sys`' >&2\nexit 101\n",
            log.display()
        )
    };
    executable(&dir.join("cargo"), &script);
}

fn executable(path: &Path, script: &str) -> PathBuf {
    std::fs::write(path, script).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path.to_path_buf()
}

/// The environment of one lookup: a PATH, a cache and a home, all in a temp dir.
struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// `<XDG_CACHE_HOME>/tebiki/typst-0.15.1/bin`, where tebiki keeps its typst.
    fn cache_bin(&self) -> PathBuf {
        self.path("xdg/tebiki/typst-0.15.1/bin")
    }

    fn build(&self, p: &TestProject, args: &[&str], explicit: Option<&Path>) -> Run {
        let mut all = vec!["--root", p.path().to_str().unwrap(), "build"];
        all.extend_from_slice(args);
        let mut command = tebiki_command(&all, p.path());
        command
            .env_remove("TEBIKI_TYPST")
            .env_remove("XDG_CACHE_HOME")
            .env("PATH", self.path("bin"))
            .env("HOME", self.path("home"))
            .env("XDG_CACHE_HOME", self.path("xdg"));
        if let Some(program) = explicit {
            command.env("TEBIKI_TYPST", program);
        }
        std::fs::create_dir_all(self.path("bin")).unwrap();
        run_command(command)
    }
}

fn made_by(p: &TestProject) -> String {
    String::from_utf8(std::fs::read(p.path().join("output/pdf/handbook.pdf")).unwrap()).unwrap()
}

#[test]
fn tebiki_typst_comes_before_a_matching_typst_on_path() {
    let env = Env::new();
    let explicit = fake_typst(&env.path("explicit"), "0.15.1", "explicit");
    fake_typst(&env.path("bin"), "0.15.1", "on-path");
    let p = TestProject::fixture("basic");
    env.build(&p, &[], Some(&explicit)).assert_ok();
    assert_eq!(made_by(&p), "%PDF-1.7 explicit");
}

#[test]
fn tebiki_typst_of_another_version_is_used_with_a_warning() {
    let env = Env::new();
    let explicit = fake_typst(&env.path("explicit"), "0.14.0", "explicit");
    let p = TestProject::fixture("basic");
    let run = env.build(&p, &[], Some(&explicit));
    run.assert_ok();
    assert!(
        run.stderr.contains("TEBIKI_TYPST の typst は 0.14.0 です"),
        "{}",
        run.stderr
    );
    assert_eq!(made_by(&p), "%PDF-1.7 explicit");
}

#[test]
fn tebiki_typst_that_does_not_run_is_an_environment_error() {
    let env = Env::new();
    let p = TestProject::fixture("basic");
    let run = env.build(&p, &[], Some(&env.path("nowhere/typst")));
    run.assert_code(2);
    assert!(run.stderr.contains("TEBIKI_TYPST="), "{}", run.stderr);
}

#[test]
fn typst_on_path_comes_before_the_cache_when_it_is_the_pinned_version() {
    let env = Env::new();
    fake_typst(&env.path("bin"), "0.15.1", "on-path");
    fake_typst(&env.cache_bin(), "0.15.1", "cached");
    let p = TestProject::fixture("basic");
    env.build(&p, &[], None).assert_ok();
    assert_eq!(made_by(&p), "%PDF-1.7 on-path");
}

#[test]
fn typst_on_path_of_another_version_is_passed_over_for_the_cache() {
    let env = Env::new();
    fake_typst(&env.path("bin"), "0.14.2", "on-path");
    fake_typst(&env.cache_bin(), "0.15.1", "cached");
    let p = TestProject::fixture("basic");
    let run = env.build(&p, &[], None);
    run.assert_ok();
    assert!(
        run.stderr.contains("は 0.14.2 なので使いません"),
        "{}",
        run.stderr
    );
    assert_eq!(made_by(&p), "%PDF-1.7 cached");
}

#[test]
fn the_cache_is_below_home_when_xdg_cache_home_is_unset() {
    let env = Env::new();
    fake_typst(
        &env.path("home/.cache/tebiki/typst-0.15.1/bin"),
        "0.15.1",
        "home-cache",
    );
    let p = TestProject::fixture("basic");
    let mut command = tebiki_command(&["--root", p.path().to_str().unwrap(), "build"], p.path());
    command
        .env_remove("TEBIKI_TYPST")
        .env_remove("XDG_CACHE_HOME")
        .env("PATH", env.path("bin"))
        .env("HOME", env.path("home"));
    run_command(command).assert_ok();
    assert_eq!(made_by(&p), "%PDF-1.7 home-cache");
}

#[test]
fn missing_typst_is_installed_into_the_cache_with_cargo() {
    let env = Env::new();
    let log = env.path("cargo-args");
    fake_cargo(&env.path("bin"), &log, true);
    let p = TestProject::fixture("basic");
    let run = env.build(&p, &[], None);
    run.assert_ok();
    let root = env.path("xdg/tebiki/typst-0.15.1");
    assert_eq!(
        std::fs::read_to_string(&log).unwrap().trim(),
        format!(
            "install --locked typst-cli@0.15.1 --root {}",
            root.display()
        )
    );
    for said in [
        "typst 0.15.1 が見つかりません",
        "約 18 分",
        "libssl-dev",
        "--no-pdf",
    ] {
        assert!(run.stderr.contains(said), "{said} not in {}", run.stderr);
    }
    assert!(
        run.stderr.contains("Compiling typst-cli"),
        "cargo's output is shown"
    );
    assert_eq!(made_by(&p), "%PDF-1.7 installed");
    // The next build finds the installed typst and does not install again.
    std::fs::remove_file(&log).unwrap();
    env.build(&p, &[], None).assert_ok();
    assert!(!log.exists(), "cargo ran again");
}

#[test]
fn a_failed_install_is_a_clear_error_and_the_site_is_still_written() {
    let env = Env::new();
    let log = env.path("cargo-args");
    fake_cargo(&env.path("bin"), &log, false);
    let p = TestProject::fixture("basic");
    let run = env.build(&p, &[], None);
    run.assert_code(2);
    assert!(
        run.stderr.contains("cargo install）に失敗しました"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("apt-get install libssl-dev pkg-config"),
        "{}",
        run.stderr
    );
    assert!(p.path().join("output/site/index.html").is_file());
    assert!(!p.path().join("output/pdf").exists());
}

#[test]
fn no_typst_and_no_cargo_says_what_to_do() {
    let env = Env::new();
    let p = TestProject::fixture("basic");
    let run = env.build(&p, &[], None);
    run.assert_code(2);
    for said in [
        "cargo もありません",
        "cargo install --locked typst-cli@0.15.1",
        "TEBIKI_TYPST",
        "--no-pdf",
    ] {
        assert!(run.stderr.contains(said), "{said} not in {}", run.stderr);
    }
    assert!(p.path().join("output/site/index.html").is_file());
}

#[test]
fn no_pdf_never_looks_for_typst() {
    let env = Env::new();
    let log = env.path("cargo-args");
    fake_cargo(&env.path("bin"), &log, true);
    let p = TestProject::fixture("basic");
    let run = env.build(&p, &["--no-pdf"], None);
    run.assert_ok();
    assert!(!log.exists(), "cargo ran");
    assert!(!run.stderr.contains("typst"), "{}", run.stderr);
    assert!(!p.path().join("output/pdf").exists());
}
