//! The headless commands: `check`, `export`, `rules`.

use super::args::{CheckArgs, CheckFormat, ExportArgs, FailOn, ReviewExportArgs, RulesArgs};
use super::csv::{
    BOM, FINDING_HEADER, FINDING_HEADER_ZH, csv_only, finding_record, header, load_error_record,
};
use super::human;
use super::json::{
    CheckJson, Counts, FindingJson, JsonlTail, LazyReports, PathFindingJson, ReportJson, Summary,
};
use crate::corpus::{self, Change, Corpus};
use crate::indicators::{self, IndicatorConfig};
use crate::model::{Finding, LoadError, Report, RuleId, Severity};
use crate::sanitize::write_json;
use crate::validate::{self, rule_info};
use anyhow::{Context, bail};
use std::collections::HashSet;
use std::io::IsTerminal;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Which rules' findings count and print (`--rule`, `--skip-rule`).
#[derive(Debug, Clone, Default)]
pub struct RuleFilter {
    only: Option<HashSet<RuleId>>,
    skip: HashSet<RuleId>,
}

impl RuleFilter {
    /// Unknown rule ids are a usage error.
    pub fn new(only: &[String], skip: &[String]) -> anyhow::Result<RuleFilter> {
        let resolve = |ids: &[String]| -> anyhow::Result<HashSet<RuleId>> {
            ids.iter()
                .map(|id| match rule_info(id) {
                    Some(r) => Ok(r.id),
                    None => bail!("unknown rule {id:?} (see `nianbao rules`)"),
                })
                .collect()
        };
        Ok(RuleFilter {
            only: if only.is_empty() {
                None
            } else {
                Some(resolve(only)?)
            },
            skip: resolve(skip)?,
        })
    }

    pub fn keeps(&self, rule: RuleId) -> bool {
        self.only.as_ref().is_none_or(|o| o.contains(&rule)) && !self.skip.contains(&rule)
    }

    pub fn apply<'a>(&self, findings: &'a [Finding]) -> Vec<&'a Finding> {
        findings.iter().filter(|f| self.keeps(f.rule)).collect()
    }
}

/// The lowest severity that fails the run, if any.
fn threshold(f: FailOn) -> Option<Severity> {
    match f {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    }
}

/// Exit status: 1 when a finding (or a load error, counted as an error) reaches `--fail-on`.
fn exit_status(counts: &Counts, load_errors: usize, fail_on: FailOn) -> i32 {
    let Some(t) = threshold(fail_on) else {
        return 0;
    };
    let reached = (counts.error + load_errors > 0)
        || (t <= Severity::Warning && counts.warning > 0)
        || (t <= Severity::Info && counts.info > 0);
    i32::from(reached)
}

fn summarise(reports: &[(&Report, Vec<&Finding>)], errors: &[LoadError]) -> Summary {
    let mut findings = Counts::default();
    for (_, fs) in reports {
        for f in fs {
            findings.add(f.severity);
        }
    }
    Summary {
        files: reports.len() + errors.len(),
        reports: reports.len(),
        errors: errors.len(),
        findings,
        skipped: 0,
    }
}

/// `nianbao check`. Returns the process exit status.
pub fn check(args: &CheckArgs) -> anyhow::Result<i32> {
    let filter = RuleFilter::new(&args.rules, &args.skip_rules)?;
    csv_only(
        args.format == CheckFormat::Csv,
        args.csv.excel,
        args.csv.headers.is_some(),
    )?;
    crate::ingest::check_root(&args.dir)?;
    let config =
        crate::config::Config::load(args.config.as_deref()).context("reading the configuration")?;
    let cfg = config.indicators;
    let risk_on = args.risk || args.rules.iter().any(|r| indicators::risk::is_risk_rule(r));
    let rv = super::options::review(&args.dir, &args.review)?;
    let opts = corpus::LoadOptions::new(config.rule_settings()?, &args.dir, rv.as_ref());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.format == CheckFormat::Jsonl {
        let status = check_jsonl(args, &filter, opts, (&cfg, risk_on), &mut out)?;
        out.flush()?;
        return Ok(status);
    }
    let corpus = corpus::load_dir_opts(&args.dir, false, &opts);
    // The indicators' inputs are computed again as each report is written (2 % of the CPU
    // time) rather than kept for the whole folder (a sixth of the peak memory).
    let (indicators, risk): (_, Vec<Vec<Finding>>) =
        indicators::for_reports_lean(&corpus.reports, &cfg, |ri| {
            if risk_on {
                indicators::risk::findings(ri, &cfg)
            } else {
                Vec::new()
            }
        });
    let reports: Vec<(&Report, Vec<&Finding>)> = corpus
        .reports
        .iter()
        .zip(&risk)
        .map(|(r, extra)| {
            let mut fs = filter.apply(&r.findings);
            fs.extend(filter.apply(extra));
            (r, fs)
        })
        .collect();
    let summary = Summary {
        skipped: corpus.skipped.len(),
        ..summarise(&reports, &corpus.errors)
    };
    match args.format {
        CheckFormat::Human => {
            let text = human::render(
                &reports,
                &corpus.errors,
                &corpus.skipped,
                &summary,
                human::use_colour(),
            );
            out.write_all(text.as_bytes())?;
        }
        CheckFormat::Json => {
            let doc = CheckJson {
                reports: LazyReports(&reports, Some(&indicators)),
                errors: &corpus.errors,
                skipped: &corpus.skipped,
                summary,
            };
            // Pretty for a person at a terminal; compact (a third of the size) for scripts.
            if std::io::stdout().is_terminal() {
                write_json(&mut out, &doc, true)?;
            } else {
                super::json::write_check_compact(&mut out, &doc)?;
            }
            out.write_all(b"\n")?;
        }
        CheckFormat::Csv => {
            if args.csv.excel {
                out.write_all(BOM.as_bytes())?;
            }
            let lang = args.csv.lang();
            out.write_all(header(&FINDING_HEADER, &FINDING_HEADER_ZH, lang).as_bytes())?;
            for (r, fs) in &reports {
                for f in fs {
                    out.write_all(finding_record(r, f).as_bytes())?;
                }
            }
            for e in &corpus.errors {
                out.write_all(load_error_record(e).as_bytes())?;
            }
        }
        CheckFormat::Jsonl => {}
    }
    out.flush()?;
    let status = exit_status(&summary.findings, summary.errors, args.fail_on);
    // The process exits next (`check` is only called by `main`): freeing a large folder's
    // reports one allocation at a time took a quarter of a second of 10,000 reports' five.
    drop(reports);
    std::mem::forget(indicators);
    std::mem::forget(risk);
    std::mem::forget(corpus);
    Ok(status)
}

/// `check --format jsonl`: one line per report as it finishes, then a summary line with the
/// cross-report findings (C03, C04, C05, C07), which need every report and arrive with
/// the end of the load. Indicators here have no position among peers (that needs every
/// report).
fn check_jsonl(
    args: &CheckArgs,
    filter: &RuleFilter,
    opts: corpus::LoadOptions,
    (cfg, risk_on): (&IndicatorConfig, bool),
    out: &mut impl Write,
) -> anyhow::Result<i32> {
    let (tx, rx) = std::sync::mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    let root = args.dir.clone();
    let worker = std::thread::spawn(move || {
        corpus::load_streaming_with(&root, tx, cancel, &opts);
    });
    let mut corpus = Corpus::headless(&args.dir);
    let mut counts = Counts::default();
    for event in rx {
        match corpus.apply(event) {
            Change::Report(i) => {
                let r = &mut corpus.reports[i];
                let ri = indicators::compute(r, cfg);
                let risk = if risk_on {
                    indicators::risk::findings(&ri, cfg)
                } else {
                    Vec::new()
                };
                let mut fs = filter.apply(&r.findings);
                fs.extend(filter.apply(&risk));
                fs.iter().for_each(|f| counts.add(f.severity));
                write_json(
                    &mut *out,
                    &ReportJson::with_indicators(r, &fs, Some(&ri)),
                    false,
                )?;
                out.write_all(b"\n")?;
                // Nothing after this line needs the text.
                r.drop_source();
            }
            Change::Finished { .. } => break,
            Change::Started | Change::Failed | Change::Nothing => {}
        }
    }
    if worker.join().is_err() {
        bail!("the loader thread panicked");
    }
    let cross: Vec<PathFindingJson> = corpus
        .by_path()
        .into_iter()
        .map(|i| &corpus.reports[i])
        .flat_map(|r| {
            r.findings
                .iter()
                .filter(|f| crate::validate::info(f.rule).is_corpus() && filter.keeps(f.rule))
                .map(move |f| PathFindingJson {
                    path: &r.path,
                    finding: FindingJson::new(f),
                })
        })
        .collect();
    cross.iter().for_each(|c| counts.add(c.finding.severity));
    let errors = &corpus.errors;
    let summary = Summary {
        files: corpus.reports.len() + errors.len(),
        reports: corpus.reports.len(),
        errors: errors.len(),
        findings: counts,
        skipped: corpus.skipped.len(),
    };
    let tail = JsonlTail {
        summary,
        errors,
        skipped: &corpus.skipped,
        cross_report_findings: cross,
    };
    write_json(&mut *out, &tail, false)?;
    out.write_all(b"\n")?;
    Ok(exit_status(&counts, errors.len(), args.fail_on))
}

/// `nianbao export`.
pub fn export(args: &ExportArgs) -> anyhow::Result<i32> {
    super::export::run(args)
}

/// `nianbao rules`: id, severity in effect (the catalogue's when the configuration sets
/// none; `off`, or the configured one with the catalogue's in brackets), description.
pub fn rules(args: &RulesArgs) -> anyhow::Result<i32> {
    let settings = super::options::settings(args.config.as_deref())?;
    let mut out = String::from("id   severity  description\n");
    for (r, level) in settings.table() {
        let shown = match settings.configured(r.id) {
            Some(_) => format!(
                "{} (默认 {})",
                validate::settings::level_name(level),
                r.severity.as_str()
            ),
            None => r.severity.as_str().to_string(),
        };
        out.push_str(&format!("{:<4} {:<9} {}\n", r.id, shown, r.description));
    }
    if let Some(c) = settings
        .configured(crate::validate::ids::C07)
        .is_none_or(|l| l.is_some())
        .then_some(settings.copy_threshold)
    {
        out.push_str(&format!("\nC07 阈值：相同句子占比超过 {:.0}%\n", c * 100.0));
    }
    std::io::stdout().write_all(out.as_bytes())?;
    Ok(0)
}

/// `nianbao review-export`. (Not implemented here: the review state belongs to the TUI.)
pub fn review_export(args: &ReviewExportArgs) -> anyhow::Result<i32> {
    super::review_export::run(args)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_and_thresholds() {
        assert!(RuleFilter::new(&["Z99".into()], &[]).is_err());
        let f = RuleFilter::new(&["a01".into(), "A02".into()], &["A02".into()]).unwrap_or_default();
        use crate::validate::ids::{A01, A02, S01};
        assert!(f.keeps(A01) && !f.keeps(A02) && !f.keeps(S01));
        let c = Counts {
            error: 0,
            warning: 1,
            info: 0,
        };
        assert_eq!(exit_status(&c, 0, FailOn::Error), 0);
        assert_eq!(exit_status(&c, 0, FailOn::Warning), 1);
        assert_eq!(exit_status(&c, 1, FailOn::Error), 1);
        assert_eq!(exit_status(&c, 1, FailOn::Never), 0);
    }
}
