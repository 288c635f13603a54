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
    /// 1 か月分の月間作業実績報告書（⑥、--month）か1年度分の年間実績報告書（--year）だけを作る（ほかの PDF はそのまま）
    #[command(after_help = REPORT_EXIT_CODES)]
    Report(ReportArgs),
    /// 手元の Web サーバで手引きを表示し、保存するたびに作り直してブラウザを読み直す
    Serve(ServeArgs),
    /// 新しいファイル（ページなど）を必須項目つきで作る。--project DIR で新しい手引き一式を作る
    New(NewArgs),
    /// エディタ用の JSON Schema（tebiki.yaml・data/*.yaml・フロントマター）を schemas/ に書き出す
    Schema(SchemaArgs),
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
pub struct CheckArgs {
    /// 出力の形式: text（番号付きの一覧）か json（path, line, col, severity, message の配列。エディタや CI 用）
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 待ち受けるポート（127.0.0.1 のみ。0 で空いているポート）
    #[arg(short, long, default_value_t = crate::serve::DEFAULT_PORT)]
    pub port: u16,
}

#[derive(Debug, Args)]
#[command(
    after_help = "作れる種類は `tebiki new --list` で表示します。既存のファイルは上書きしません。"
)]
pub struct NewArgs {
    /// 作る種類（page など）
    #[arg(value_name = "KIND", required_unless_present_any = ["project", "list"])]
    pub kind: Option<String>,

    /// 場所や名前（page なら <フォルダ>/<名前>、例: operations/backup）
    #[arg(value_name = "NAME")]
    pub name: Option<String>,

    /// 題名（page の title）
    #[arg(long)]
    pub title: Option<String>,

    /// 新しい手引き一式をこのディレクトリに作る（空か、まだないディレクトリ）
    #[arg(long, value_name = "DIR", conflicts_with_all = ["kind", "list"])]
    pub project: Option<PathBuf>,

    /// --project で作る手引きの自治体名（既定: ○○市）
    #[arg(long, value_name = "NAME", requires = "project")]
    pub municipality: Option<String>,

    /// 作れる種類を一覧にする
    #[arg(long)]
    pub list: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// 書き出し先（既定: <root>/schemas）
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// .vscode/settings.json（data/*.yaml とスキーマの対応）も書き出す（既存のファイルは上書き）
    #[arg(long)]
    pub vscode: bool,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["month", "year"])))]
pub struct ReportArgs {
    /// 対象の月（YYYY-MM、例: 2027-01）: 月間作業実績報告書
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    pub month: Option<(i32, u32)>,

    /// 対象の年度（始まる年、例: 2027 は令和9年度）: 年間実績報告書（PDF と Excel）
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,

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
