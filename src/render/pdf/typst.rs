//! The typst command-line program: find the pinned version, install it into
//! tebiki's cache when it is missing, and run it with a fixed, sandboxed set of flags.
//!
//! Lookup order: `TEBIKI_TYPST`, then `typst` on `PATH` (only if it is the pinned
//! version), then `<cache>/tebiki/typst-0.15.1/bin/typst`. No registry ships a ready
//! binary of a recent typst, so when none is found tebiki runs `cargo install` itself.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::Error;

/// The typst version every PDF is made with; output differs between versions.
pub const VERSION: &str = "0.15.1";

/// Variables typst reads that would change what it does behind our flags.
const TYPST_ENV: [&str; 8] = [
    "TYPST_ROOT",
    "TYPST_FONT_PATHS",
    "TYPST_IGNORE_SYSTEM_FONTS",
    "TYPST_IGNORE_EMBEDDED_FONTS",
    "TYPST_PACKAGE_PATH",
    "TYPST_PACKAGE_CACHE_PATH",
    "TYPST_FEATURES",
    "SOURCE_DATE_EPOCH",
];

/// Where to look for typst, read from the environment once so tests can build one.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    /// `TEBIKI_TYPST`: an explicit program, used even if its version differs.
    pub explicit: Option<PathBuf>,
    /// `PATH`, searched for `typst` and for `cargo`.
    pub path: Option<OsString>,
    /// `<cache>/tebiki/typst-<VERSION>`: the `--root` of tebiki's own install.
    pub cache_root: Option<PathBuf>,
}

impl Lookup {
    pub fn from_env() -> Lookup {
        let cache = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")));
        Lookup {
            // Absolute, because typst runs in a directory of its own.
            explicit: std::env::var_os("TEBIKI_TYPST")
                .filter(|v| !v.is_empty())
                .map(|v| std::path::absolute(&v).unwrap_or_else(|_| PathBuf::from(v))),
            path: std::env::var_os("PATH"),
            cache_root: cache.map(|c| c.join("tebiki").join(format!("typst-{VERSION}"))),
        }
    }

    fn cached_program(&self) -> Option<PathBuf> {
        self.cache_root
            .as_ref()
            .map(|r| r.join("bin").join(exe("typst")))
    }
}

/// A typst program that answered `--version`.
#[derive(Debug, Clone)]
pub struct Typst {
    pub program: PathBuf,
    /// `0.15.1`, as the program reported it.
    pub version: String,
}

impl Typst {
    /// A command for this program with typst's own environment variables removed,
    /// so only the flags tebiki passes decide the output.
    pub fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        for var in TYPST_ENV {
            command.env_remove(var);
        }
        command.stdin(Stdio::null());
        command
    }

    /// The font families typst finds in `fonts` alone (no system or embedded fonts).
    pub fn families(&self, fonts: &Path) -> Result<Vec<String>, Error> {
        let out = self
            .command()
            .arg("fonts")
            .arg("--font-path")
            .arg(fonts)
            .args(["--ignore-system-fonts", "--ignore-embedded-fonts"])
            .output()
            .map_err(|e| Error::io(&self.program, e))?;
        if !out.status.success() {
            return Err(Error::Environment(format!(
                "{} fonts が失敗しました: {}",
                self.program.display(),
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        Ok(String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect())
    }
}

/// Finds a usable typst without installing anything; `None` when there is none.
pub fn locate(lookup: &Lookup) -> Result<Option<Typst>, Error> {
    if let Some(program) = &lookup.explicit {
        let version = version_of(program).ok_or_else(|| {
            Error::Environment(format!(
                "TEBIKI_TYPST={} を実行できません（typst {VERSION} の実行ファイルを指定するか、TEBIKI_TYPST を外してください）",
                program.display()
            ))
        })?;
        if version != VERSION {
            tracing::warn!(
                "TEBIKI_TYPST の typst は {version} です（tebiki が想定するのは {VERSION}）。指定どおりこれを使います"
            );
        }
        return Ok(Some(Typst {
            program: program.clone(),
            version,
        }));
    }
    if let Some(program) = find_in_path(lookup.path.as_deref(), "typst") {
        match version_of(&program) {
            Some(version) if version == VERSION => return Ok(Some(Typst { program, version })),
            Some(version) => tracing::warn!(
                "PATH の typst（{}）は {version} なので使いません（tebiki は {VERSION} を使います）",
                program.display()
            ),
            None => tracing::warn!(
                "PATH の typst（{}）を実行できないので使いません",
                program.display()
            ),
        }
    }
    if let Some(program) = lookup.cached_program().filter(|p| p.is_file()) {
        match version_of(&program) {
            Some(version) if version == VERSION => return Ok(Some(Typst { program, version })),
            _ => tracing::warn!(
                "キャッシュの typst（{}）が {VERSION} として動かないため、入れ直します",
                program.display()
            ),
        }
    }
    Ok(None)
}

/// Finds typst, installing the pinned version into the cache when none is found.
pub fn provision(lookup: &Lookup) -> Result<Typst, Error> {
    if let Some(typst) = locate(lookup)? {
        tracing::debug!("typst: {} ({})", typst.program.display(), typst.version);
        return Ok(typst);
    }
    let Some(root) = &lookup.cache_root else {
        return Err(Error::Environment(format!(
            "typst {VERSION} が見つからず、インストール先（$XDG_CACHE_HOME か $HOME/.cache）も決められません。{}",
            how_to_fix()
        )));
    };
    install(lookup, root)?;
    let program = lookup.cached_program().unwrap_or_default();
    match version_of(&program) {
        Some(version) if version == VERSION => Ok(Typst { program, version }),
        other => Err(Error::Environment(format!(
            "typst をインストールしましたが、{} が {VERSION} として動きません（{}）。{}",
            program.display(),
            other.unwrap_or_else(|| "実行できません".to_string()),
            how_to_fix()
        ))),
    }
}

/// `cargo install --locked typst-cli@VERSION --root <root>`, with cargo's progress
/// on the terminal: it takes long enough that silence would look like a hang.
fn install(lookup: &Lookup, root: &Path) -> Result<(), Error> {
    let Some(cargo) = find_in_path(lookup.path.as_deref(), "cargo") else {
        return Err(Error::Environment(format!(
            "PDF を作るための typst {VERSION} が見つからず、インストールに使う cargo もありません。{}",
            how_to_fix()
        )));
    };
    tracing::info!(
        "PDF を作るための typst {VERSION} が見つかりません。typst はクレートとしてだけ配布されているため、\
         cargo でビルドして {} に入れます（初回だけ。2 コアで約 18 分、libssl-dev と pkg-config が必要です）。\
         サイトと Excel は出力済みです。PDF が不要なら中断して --no-pdf を付けてください。",
        root.display()
    );
    let mut command = Command::new(&cargo);
    command
        .args([
            "install",
            "--locked",
            &format!("typst-cli@{VERSION}"),
            "--root",
        ])
        .arg(root)
        .stdin(Stdio::null());
    // A broken binary left in the cache is tracked by cargo as installed.
    if lookup.cached_program().is_some_and(|p| p.exists()) {
        command.arg("--force");
    }
    let status = command.status().map_err(|e| Error::io(&cargo, e))?;
    if !status.success() {
        return Err(Error::Environment(format!(
            "typst {VERSION} のインストール（cargo install）に失敗しました（{status}）。\
             上の cargo の出力を確認してください。よくある原因は libssl-dev・pkg-config がないこと\
             （Debian/Ubuntu: apt-get install libssl-dev pkg-config）と、crates.io に接続できないことです。{}",
            how_to_fix()
        )));
    }
    Ok(())
}

fn how_to_fix() -> String {
    format!(
        "対処: (1) Rust（cargo）を入れて再実行する、(2) cargo install --locked typst-cli@{VERSION} --root ~/.cache/tebiki/typst-{VERSION} を実行する、\
         (3) 環境変数 TEBIKI_TYPST に typst {VERSION} のパスを設定する、のいずれか。PDF が不要なら --no-pdf を付けてください"
    )
}

/// `typst --version` prints `typst 0.15.1 (unknown commit)`.
fn version_of(program: &Path) -> Option<String> {
    let out = Command::new(program)
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    parse_version(&String::from_utf8_lossy(&out.stdout))
}

fn parse_version(text: &str) -> Option<String> {
    let mut words = text.split_whitespace();
    (words.next()? == "typst").then_some(())?;
    words.next().map(str::to_string)
}

fn find_in_path(path: Option<&std::ffi::OsStr>, name: &str) -> Option<PathBuf> {
    std::env::split_paths(path?)
        .filter(|dir| dir.is_absolute())
        .map(|dir| dir.join(exe(name)))
        .find(|candidate| is_executable(candidate))
}

fn exe(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_is_the_second_word_of_typst_version() {
        assert_eq!(
            parse_version("typst 0.15.1 (unknown commit)\n").as_deref(),
            Some("0.15.1")
        );
        assert_eq!(parse_version("cargo 1.95.0"), None);
        assert_eq!(parse_version(""), None);
    }
}
