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
    /// Start on the tree, not on the overview (which comes first when the folder holds
    /// more than one agency).
    #[arg(long)]
    pub no_overview: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate reports and print the findings.
    Check(CheckArgs),
    /// Export one table of every report as CSV or JSON.
    Export(ExportArgs),
    /// Print the validation rule catalogue with the severities in effect.
    Rules(RulesArgs),
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
    /// Also report the indicator risk rules R01… (off by default; `--rule R01` turns one on).
    #[arg(long)]
    pub risk: bool,
    #[command(flatten)]
    pub review: ReviewArgs,
    /// Configuration file (rule severities in `[rules]`, indicator minimums and risk
    /// thresholds in `[indicators]`; default: as for the inspector).
    #[arg(long)]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub csv: CsvArgs,
}

/// Which review file's corrections to apply.
#[derive(Debug, Args, Clone, Default)]
pub struct ReviewArgs {
    /// Review file whose corrections are applied (default: REVIEW.json beside the
    /// reports, when it exists).
    #[arg(long, value_name = "FILE", conflicts_with = "no_review")]
    pub review: Option<PathBuf>,
    /// Ignore the review file: no corrections.
    #[arg(long)]
    pub no_review: bool,
}

/// The language of CSV header rows: `en` (keys, for scripts) or `zh` (for people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HeaderLang {
    En,
    Zh,
}

/// How CSV output is written for spreadsheets (`check`, `export`, `review-export`).
#[derive(Debug, Args, Clone, Default)]
pub struct CsvArgs {
    /// With `--format csv`: start with a UTF-8 byte-order mark so Excel reads Chinese text
    /// correctly (headers in Chinese unless `--headers en`).
    #[arg(long)]
    pub excel: bool,
    /// CSV header language (default: zh with `--excel`, else en).
    #[arg(long, value_enum)]
    pub headers: Option<HeaderLang>,
}

impl CsvArgs {
    /// The header language in effect: as asked, else Chinese for Excel and keys otherwise.
    pub fn lang(&self) -> HeaderLang {
        self.headers.unwrap_or(if self.excel {
            HeaderLang::Zh
        } else {
            HeaderLang::En
        })
    }
}

#[derive(Debug, Args, Clone, Default)]
pub struct RulesArgs {
    /// Configuration file (default: $NIANBAO_CONFIG, $XDG_CONFIG_HOME/nianbao/config.toml,
    /// ~/.config/nianbao/config.toml).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    /// An Excel workbook (needs `-o FILE.xlsx`; `--table` is not used).
    Xlsx,
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
as in `check --format json`.
--table indicators: one row per report and indicator (value, numerator, denominator,
rated, rank and quantile among the reports of the same level and year, the cells used).
--format xlsx -o FILE.xlsx: a workbook with sheets t2, t3, t4 (error cells red, warnings
yellow, each with a note), findings (with review decisions) and indicators.";

/// `--table`: which table to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableArg {
    #[value(alias = "T2", alias = "2")]
    T2,
    #[value(alias = "T3", alias = "3")]
    T3,
    #[value(alias = "T4", alias = "4")]
    T4,
    /// One row per report and indicator.
    Indicators,
}

impl TableArg {
    /// The template table, `None` for `indicators`.
    pub fn id(self) -> Option<TableId> {
        match self {
            TableArg::T2 => Some(TableId::T2),
            TableArg::T3 => Some(TableId::T3),
            TableArg::T4 => Some(TableId::T4),
            TableArg::Indicators => None,
        }
    }
}

#[derive(Debug, Args, Clone)]
#[command(after_help = EXPORT_HELP)]
pub struct ExportArgs {
    pub dir: PathBuf,
    /// Which table: t2, t3, t4 or indicators (required for CSV and JSON).
    #[arg(long, value_enum)]
    pub table: Option<TableArg>,
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    #[command(flatten)]
    pub csv: CsvArgs,
    /// Output file (required for `--format xlsx`, which cannot go to standard output).
    #[arg(short = 'o', long = "output")]
    pub out: Option<PathBuf>,
    /// Configuration file for indicator minimums (default: as for the inspector).
    #[arg(long)]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub review: ReviewArgs,
}

#[derive(Debug, Args, Clone)]
pub struct ReviewExportArgs {
    pub dir: PathBuf,
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// Review state file (default: REVIEW.json beside the reports).
    #[arg(long, conflicts_with = "no_review")]
    pub review: Option<PathBuf>,
    /// Ignore the review file: no corrections applied, every finding undecided.
    #[arg(long)]
    pub no_review: bool,
    /// Configuration file (rule severities in `[rules]`).
    #[arg(long)]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub csv: CsvArgs,
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
            no_overview: a.no_overview,
        }
    }
}
