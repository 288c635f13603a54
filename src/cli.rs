//! Command-line arguments. The doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const EXIT_CODES: &str = "終了コード:
  0  成功（警告だけのときも 0）
  1  入力（content/, data/, templates/, tebiki.yaml）に問題がある
  2  使い方の誤り、または環境の問題（ディスク、権限、外部ツール）";

/// tebiki（手引き）: Markdown と YAML から運用手引きサイト・Excel・PDF を作る
#[derive(Debug, Parser)]
#[command(name = "tebiki", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// プロジェクトのルート（tebiki.yaml のあるディレクトリ）
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,

    /// 警告とエラーだけを表示する
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// 詳しい進行状況を表示する
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 手引き一式（サイト・Excel・PDF）を output/ に作る
    Build(BuildArgs),
    /// 入力をすべて検査し、見つかった問題を番号付きで一覧にする（何も書き出さない）
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// 出力先（既定: <root>/output）
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,

    /// 個人情報（要員の氏名・電話・メール、personal: true の連絡先）を除いた公開版を作る
    #[arg(long)]
    pub redact: bool,

    /// PDF を作らない（サイトと Excel だけを作る。typst を使わず、前回の PDF は残る）
    #[arg(long)]
    pub no_pdf: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
