//! Command-line arguments (clap).

use crate::template::TableId;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "nianbao",
    version,
    about = "Inspect and validate 政府信息公开工作年度报告 (open-information annual reports)",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub inspect: InspectArgs,
}

/// `nianbao DIR`: the interactive inspector.
#[derive(Debug, Args, Clone, Default)]
pub struct InspectArgs {
    /// Folder (or file) of reports to inspect.
    pub dir: Option<PathBuf>,
    /// Capture the mouse (off by default: it breaks text selection over SSH).
    #[arg(long)]
    pub mouse: bool,
    /// Review state file (default: REVIEW.json beside the reports).
    #[arg(long)]
    pub review: Option<PathBuf>,
    /// Configuration file (default: $NIANBAO_CONFIG, $XDG_CONFIG_HOME/nianbao/config.toml,
    /// ~/.config/nianbao/config.toml).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate reports and print the findings.
    Check(CheckArgs),
    /// Export one table of every report as CSV or JSON.
    Export(ExportArgs),
    /// Print the validation rule catalogue.
    Rules,
    /// Export the review (decisions and notes on every finding).
    ReviewExport(ReviewExportArgs),
    /// Write a generated corpus of realistic reports (for tests and benchmarks).
    #[command(hide = true)]
    GenCorpus(GenCorpusArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Jsonl,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Debug, Args, Clone)]
pub struct CheckArgs {
    /// Folder (or file) of reports.
    pub dir: PathBuf,
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit with status 1 when a finding of this severity or worse exists.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Only run these rules (repeatable).
    #[arg(long = "rule", value_name = "ID")]
    pub rules: Vec<String>,
    /// Do not run these rules (repeatable).
    #[arg(long = "skip-rule", value_name = "ID")]
    pub skip_rules: Vec<String>,
    /// With `--format csv`: start with a UTF-8 byte-order mark so Excel reads Chinese text
    /// correctly (headers in Chinese unless `--headers en`).
    #[arg(long)]
    pub excel: bool,
    /// CSV header language (default: zh with `--excel`, else en).
    #[arg(long, value_enum)]
    pub headers: Option<HeaderLang>,
}

/// The language of CSV header rows: `en` (keys, for scripts) or `zh` (for people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HeaderLang {
    En,
    Zh,
}

/// The header language in effect: as asked, else Chinese for Excel and keys otherwise.
pub fn header_lang(asked: Option<HeaderLang>, excel: bool) -> HeaderLang {
    asked.unwrap_or(if excel {
        HeaderLang::Zh
    } else {
        HeaderLang::En
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
}

/// How cells are written; shown by `nianbao export --help`.
pub const EXPORT_HELP: &str = "\
Cells in CSV:
  a number      as written, never rounded: `72.8`, `5949.088667`, `-3`, `+15` → `15`;
                amounts written in 元 are converted to 万元 (`251000元` → `25.1`)
  blank         empty field (the cell is there but empty, `-`, `/`, `无`)
  missing       NA (the cell could not be located)
  invalid       NA (the cell is neither a number nor blank, e.g. `十二`)
A column a row does not have (table 2 rows differ in columns) is an empty field.
Columns: path, agency, year, template, row, label (with its group:
`（三）不予公开·1.属于国家秘密`), then the template column keys; with `--excel` or
`--headers zh` the header row is in Chinese (文件, 机关, 年度, 模板, 行键, 项目, then the
template's column labels). Reports without the table are left out and listed on stderr.
JSON: an array of {path, agency, year, template, row, label, cells: {column: CELL}}, CELL
as in `check --format json`.";

/// `--table`: which table to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableArg {
    #[value(alias = "T2", alias = "2")]
    T2,
    #[value(alias = "T3", alias = "3")]
    T3,
    #[value(alias = "T4", alias = "4")]
    T4,
}

impl TableArg {
    pub fn id(self) -> TableId {
        match self {
            TableArg::T2 => TableId::T2,
            TableArg::T3 => TableId::T3,
            TableArg::T4 => TableId::T4,
        }
    }
}

#[derive(Debug, Args, Clone)]
#[command(after_help = EXPORT_HELP)]
pub struct ExportArgs {
    pub dir: PathBuf,
    /// Which table: t2, t3 or t4.
    #[arg(long, value_enum)]
    pub table: TableArg,
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// Start CSV with a UTF-8 byte-order mark so Excel reads Chinese text correctly
    /// (headers in Chinese unless `--headers en`).
    #[arg(long)]
    pub excel: bool,
    /// CSV header language (default: zh with `--excel`, else en).
    #[arg(long, value_enum)]
    pub headers: Option<HeaderLang>,
}

#[derive(Debug, Args, Clone)]
pub struct ReviewExportArgs {
    pub dir: PathBuf,
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// Review state file (default: REVIEW.json beside the reports).
    #[arg(long)]
    pub review: Option<PathBuf>,
    /// With `--format csv`: start with a UTF-8 byte-order mark so Excel reads Chinese text
    /// correctly (headers in Chinese unless `--headers en`).
    #[arg(long)]
    pub excel: bool,
    /// CSV header language (default: zh with `--excel`, else en).
    #[arg(long, value_enum)]
    pub headers: Option<HeaderLang>,
}

#[derive(Debug, Args, Clone)]
pub struct GenCorpusArgs {
    /// Output folder (created).
    pub out: PathBuf,
    #[arg(long, default_value_t = 1000)]
    pub reports: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

impl From<&InspectArgs> for crate::tui::Options {
    fn from(a: &InspectArgs) -> Self {
        crate::tui::Options {
            dir: a.dir.clone(),
            mouse: a.mouse,
            review: a.review.clone(),
            config: a.config.clone(),
        }
    }
}
