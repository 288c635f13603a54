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
    /// 1 か月分の月間作業実績報告書（⑥）だけを output/pdf/monthly/ に作る（ほかの PDF はそのまま）
    #[command(after_help = REPORT_EXIT_CODES)]
    Report(ReportArgs),
}

const REPORT_EXIT_CODES: &str = "終了コード:
  0  成功
  1  入力に問題がある、またはその月の記録がない
  2  月の書き方の誤り（YYYY-MM で書く）、または環境の問題（typst、ディスク、権限）";

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

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// 対象の月（YYYY-MM、例: 2027-01）
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    pub month: (i32, u32),

    /// 出力先（既定: <root>/output）。PDF は <出力先>/pdf/monthly/YYYY-MM.pdf
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,

    /// 個人情報を除いた公開版を作る（build --redact と同じ）
    #[arg(long)]
    pub redact: bool,
}

/// `2027-01` → (2027, 1); anything else is a usage error (exit code 2).
fn parse_month(text: &str) -> Result<(i32, u32), String> {
    crate::data::records::service::parse_month(text.trim())
        .ok_or_else(|| format!("月 `{text}` は YYYY-MM で書いてください（例: 2027-01）"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn report_months_are_written_yyyy_mm() {
        assert_eq!(parse_month("2027-01"), Ok((2027, 1)));
        for bad in ["2027-1", "2027-13", "27-01", "2027/01", "令和9年1月"] {
            assert!(parse_month(bad).is_err(), "{bad}");
        }
    }
}
