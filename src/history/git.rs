//! Running `git log` once for the whole project.

use std::path::Path;
use std::process::Command;

use super::History;

/// Tags that name an edition (版) of the handbook: `handbook-v1.2` is 第1.2版.
pub const EDITION_TAG_PREFIX: &str = "handbook-v";

/// The log, one record per commit: a header (`\x1e` + fields separated by
/// `\x1f`), then with `-z` the changed files as NUL-separated `status path`
/// (renames `R<score> old new`). `-M` follows renames; `%D` with the tag filter
/// gives the edition tags, and `grafted` on a shallow clone's oldest commit.
const GIT_LOG_ARGS: [&str; 8] = [
    "log",
    "-z",
    "--name-status",
    "-M",
    "--relative",
    "--format=%x1e%h%x1f%cs%x1f%ct%x1f%an%x1f%D%x1f%s",
    "--decorate-refs=refs/tags/handbook-v*",
    "--no-color",
];

pub(super) fn read_log(root: &Path) -> History {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        // A user's configuration must not change the format git writes.
        .args(["-c", "log.showSignature=false"])
        .args(GIT_LOG_ARGS)
        .args(["--", "."])
        .output();
    match output {
        Ok(out) if out.status.success() => {
            let history = History::parse(&String::from_utf8_lossy(&out.stdout));
            if history.is_empty() {
                return History::unavailable(
                    "git の履歴にこのプロジェクトのコミットがないため、改訂履歴はありません"
                        .to_string(),
                );
            }
            history
        }
        Ok(out) => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let reason = stderr.lines().next().unwrap_or("").trim();
            History::unavailable(format!(
                "git の履歴を読めないため、改訂履歴・更新履歴はありません（{reason}）"
            ))
        }
        Err(e) => History::unavailable(format!(
            "git を実行できないため、改訂履歴・更新履歴はありません（{e}）"
        )),
    }
}
