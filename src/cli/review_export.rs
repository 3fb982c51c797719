//! `nianbao review-export DIR`: the auditor's deliverable. Every finding of every report
//! with its decision, note, reviewer and time, agency and source location; decisions whose
//! finding no longer exists are listed as stale, never dropped.

use super::args::{ExportFormat, HeaderLang, ReviewExportArgs};
use super::csv::{BOM, csv_only, header, record};
use super::human::escape;
use crate::corpus;
use crate::correction::{Correction, MarkState};
use crate::model::Report;
use crate::review::{self, Decision, DecisionState, Review, trust};
use crate::template::TableId;
use anyhow::Context;
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

const HEADER: [&str; 17] = [
    "path",
    "agency",
    "year",
    "report_status",
    "rule",
    "severity",
    "section",
    "table",
    "row",
    "column",
    "lines",
    "message",
    "state",
    "decision",
    "note",
    "reviewer",
    "time",
];

/// [`HEADER`] in Chinese, for `--excel` / `--headers zh`.
const HEADER_ZH: [&str; 17] = [
    "文件",
    "机关",
    "年度",
    "报告状态",
    "规则",
    "级别",
    "部分",
    "表",
    "行",
    "列",
    "行号",
    "说明",
    "状态",
    "决定",
    "备注",
    "审核人",
    "时间",
];

/// How CSV is written: byte-order mark for Excel, header language.
#[derive(Debug, Clone, Copy)]
pub struct CsvStyle {
    pub excel: bool,
    pub lang: HeaderLang,
}

impl Default for CsvStyle {
    fn default() -> Self {
        CsvStyle {
            excel: false,
            lang: HeaderLang::En,
        }
    }
}

/// One output row: a current finding (with or without a decision) or a stale decision.
struct Item<'a> {
    report: &'a Report,
    status: &'static str,
    rule: String,
    severity: &'static str,
    section: Option<u8>,
    table: Option<String>,
    row: Option<String>,
    column: Option<String>,
    lines: Vec<u32>,
    message: String,
    state: &'static str,
    /// The decision in its inert form (values from the review file are untrusted).
    decision: Option<Decision>,
    /// For a correction's row: the correction, inert (its reason is the note).
    correction: Option<&'a Correction>,
}

fn items<'a>(root: &Path, reports: &'a [Report], rv: &'a Review) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    for r in reports {
        let key = review::report_key(root, &r.path);
        let status = rv
            .report(&key)
            .and_then(|x| x.status)
            .map_or("", |s| s.as_str());
        for f in &r.findings {
            let d = rv.decision(&key, &review::fingerprint(f)).map(trust::inert);
            out.push(Item {
                report: r,
                status,
                rule: f.rule.to_string(),
                severity: f.severity.as_str(),
                section: f.section,
                table: f.table.map(|t| t.key().to_string()),
                row: f.row.map(str::to_string),
                column: f.column.map(str::to_string),
                lines: f.lines.clone(),
                message: f.message.clone(),
                state: "current",
                decision: d,
                correction: None,
            });
        }
        for m in &r.corrections {
            let c = &m.correction;
            out.push(Item {
                report: r,
                status,
                rule: String::new(),
                severity: "",
                section: TableId::parse(&c.table).map(TableId::section),
                table: Some(c.table.clone()),
                row: Some(c.row.clone()),
                column: Some(c.column.clone()),
                lines: c.original.lines.clone(),
                message: format!(
                    "修正：{}→{}",
                    if c.original.text.is_empty() {
                        c.original.state.clone()
                    } else {
                        c.original.text.clone()
                    },
                    c.new.label()
                ),
                state: match m.state {
                    MarkState::Applied => "correction",
                    MarkState::Stale => "stale_correction",
                },
                decision: None,
                correction: Some(c),
            });
        }
        for (d, st) in rv.decisions_with_state(&key, &r.findings) {
            if st == DecisionState::Stale {
                let d = trust::inert(d);
                out.push(Item {
                    report: r,
                    status,
                    rule: d.rule.clone(),
                    severity: "",
                    section: d.location.section,
                    table: d.location.table.clone(),
                    row: d.location.row.clone(),
                    column: d.location.column.clone(),
                    lines: Vec::new(),
                    message: d.message.clone(),
                    state: "stale",
                    decision: Some(d.clone()),
                    correction: None,
                });
            }
        }
    }
    out
}

/// A multi-line note keeps its line breaks (CSV quotes them); other controls are escaped.
fn escape_note(note: &str) -> String {
    note.split('\n').map(escape).collect::<Vec<_>>().join("\n")
}

/// Note, reviewer and time of a row: the decision's, or the correction's.
fn trail<'a>(i: &'a Item<'a>) -> (Option<&'a str>, Option<&'a str>, Option<&'a str>) {
    match (i.decision.as_ref(), i.correction) {
        (Some(d), _) => (d.note.as_deref(), Some(&d.reviewer), Some(&d.time)),
        (None, Some(c)) => (Some(&c.reason), Some(&c.reviewer), Some(&c.time)),
        (None, None) => (None, None, None),
    }
}

/// A correction's row has no decision.
fn decision_field(i: &Item) -> &'static str {
    if i.correction.is_some() {
        ""
    } else {
        verdict(i.decision.as_ref())
    }
}

fn verdict(d: Option<&Decision>) -> &'static str {
    d.and_then(|d| d.verdict)
        .map_or("undecided", |v| v.as_str())
}

fn csv_row(i: &Item) -> String {
    let r = i.report;
    let (note, by, time) = trail(i);
    let [path, agency, year] = super::csv::report_fields(r);
    record(&[
        path,
        agency,
        year,
        i.status.to_string(),
        i.rule.clone(),
        i.severity.to_string(),
        i.section.map(|s| s.to_string()).unwrap_or_default(),
        i.table.clone().unwrap_or_default(),
        i.row.clone().unwrap_or_default(),
        i.column.clone().unwrap_or_default(),
        crate::text::line_list(&i.lines),
        escape(&i.message),
        i.state.to_string(),
        decision_field(i).to_string(),
        note.map(escape_note).unwrap_or_default(),
        by.map(escape).unwrap_or_default(),
        time.unwrap_or_default().to_string(),
    ])
}

fn json_item(i: &Item) -> Value {
    let r = i.report;
    let (note, by, time) = trail(i);
    json!({
        "path": r.path,
        "agency": r.agency.as_ref().map(|a| &a.value),
        "year": r.year.as_ref().map(|y| y.value),
        "report_status": (!i.status.is_empty()).then_some(i.status),
        "rule": i.rule,
        "severity": (!i.severity.is_empty()).then_some(i.severity),
        "section": i.section,
        "table": i.table,
        "row": i.row,
        "column": i.column,
        "lines": i.lines,
        "message": i.message,
        "state": i.state,
        "decision": (i.correction.is_none()).then(|| verdict(i.decision.as_ref())),
        "note": note,
        "reviewer": by,
        "time": time,
    })
}

/// Write the export for an already loaded corpus.
pub fn write(
    out: &mut dyn Write,
    root: &Path,
    reports: &[Report],
    rv: &Review,
    format: ExportFormat,
    style: CsvStyle,
) -> std::io::Result<()> {
    let all = items(root, reports, rv);
    match format {
        ExportFormat::Csv => {
            if style.excel {
                out.write_all(BOM.as_bytes())?;
            }
            out.write_all(header(&HEADER, &HEADER_ZH, style.lang).as_bytes())?;
            for i in &all {
                out.write_all(csv_row(i).as_bytes())?;
            }
        }
        ExportFormat::Json => {
            let count = |v: &str| all.iter().filter(|i| decision_field(i) == v).count();
            let state = |v: &str| all.iter().filter(|i| i.state == v).count();
            let doc = json!({
                "findings": all.iter().map(json_item).collect::<Vec<_>>(),
                "summary": {
                    "reports": reports.len(),
                    "findings": all.iter().filter(|i| i.state == "current").count(),
                    "stale": all.iter().filter(|i| i.state == "stale").count(),
                    "confirmed": count("confirmed"),
                    "dismissed": count("dismissed"),
                    "undecided": count("undecided"),
                    "corrections": state("correction"),
                    "stale_corrections": state("stale_correction"),
                },
            });
            crate::sanitize::write_json(&mut *out, &doc, true)?;
            out.write_all(b"\n")?;
        }
        ExportFormat::Xlsx => {
            return Err(std::io::Error::other(
                "review-export writes CSV or JSON; the workbook (`export --format xlsx`) has the review in its findings sheet",
            ));
        }
    }
    Ok(())
}

pub fn run(args: &ReviewExportArgs) -> anyhow::Result<i32> {
    csv_only(
        args.format == ExportFormat::Csv,
        args.csv.excel,
        args.csv.headers.is_some(),
    )?;
    let style = CsvStyle {
        excel: args.csv.excel,
        lang: args.csv.lang(),
    };
    crate::ingest::check_root(&args.dir)?;
    let settings = super::options::settings(args.config.as_deref())?;
    let rv = if args.no_review {
        Review::empty()
    } else {
        let path = args
            .review
            .clone()
            .unwrap_or_else(|| review::default_path(&args.dir));
        Review::open_read_only(&path)?
    };
    let opts = corpus::LoadOptions::new(settings, &args.dir, Some(&rv));
    let corpus = corpus::load_dir_opts(&args.dir, false, &opts);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write(
        &mut out,
        &args.dir,
        &corpus.reports,
        &rv,
        args.format,
        style,
    )
    .context("writing the review export")?;
    out.flush().context("writing the review export")?;
    Ok(0)
}
