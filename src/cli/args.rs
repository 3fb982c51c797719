//! Command-line arguments (clap).

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
    #[command(flatten)]
    pub review: ReviewArgs,
    /// Configuration file (rule severities in `[rules]`; default: as for the inspector).
    #[arg(long)]
    pub config: Option<PathBuf>,
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
}

#[derive(Debug, Args, Clone)]
#[command(after_help = crate::cli::export::HELP)]
pub struct ExportArgs {
    pub dir: PathBuf,
    /// Which table: t2, t3 or t4.
    #[arg(long)]
    pub table: String,
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    /// Start CSV with a UTF-8 byte-order mark so Excel reads Chinese text correctly.
    #[arg(long)]
    pub excel: bool,
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
