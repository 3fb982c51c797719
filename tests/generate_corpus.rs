//! The generator against the engine: every fault injected by `gen-corpus` must be found by
//! the parser and validation at the right report (and row or section where given), and
//! reports without injected faults must have no error-severity findings.
//!
//! `NIANBAO_GEN_REPORTS` (default 150) and `NIANBAO_GEN_SEED` (default 1) change the corpus.

use nianbao::generate::{self, Layout, Manifest};
use nianbao::model::{ReportKind, Severity};
use std::collections::{BTreeMap, HashMap, HashSet};

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

#[test]
fn corpus_and_manifest_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let m = generate::generate(dir.path(), 60, 3).unwrap();
    assert_eq!(m.reports.len(), 60);
    let read = Manifest::read(&dir.path().join("manifest.json")).unwrap();
    assert_eq!(read, m);
    for r in &m.reports {
        let bytes = std::fs::read(dir.path().join(&r.file)).unwrap();
        assert_eq!(bytes.len(), r.bytes, "{}", r.file);
        let text = if r.encoding == "GBK" {
            encoding_rs::GBK.decode(&bytes).0.into_owned()
        } else {
            String::from_utf8(bytes).unwrap()
        };
        assert!(text.contains(&r.year.to_string()), "{}", r.file);
        assert!(text.contains("政府信息公开"), "{}", r.file);
    }
}

/// A manifest written before `kind` existed reads, every entry a report.
#[test]
fn a_manifest_without_kinds_reads_as_reports() {
    let dir = tempfile::tempdir().unwrap();
    let m = generate::generate(dir.path(), 40, 3).unwrap();
    let mut v: serde_json::Value = serde_json::to_value(&m).unwrap();
    for e in v["reports"].as_array_mut().unwrap() {
        e.as_object_mut().unwrap().remove("kind");
    }
    let path = dir.path().join("old-manifest.json");
    std::fs::write(&path, serde_json::to_string(&v).unwrap()).unwrap();
    let old = Manifest::read(&path).unwrap();
    assert_eq!(old.reports.len(), m.reports.len());
    assert!(old.reports.iter().all(|e| e.kind == ReportKind::Report));
}

/// A 300-report corpus has every layout among its template reports, both kinds of other
/// documents, and no fault in a document that is not a template report.
#[test]
fn every_layout_and_kind_occurs_in_300_reports() {
    let files = generate::generate_files(300, 1);
    assert_eq!(files.len(), 300);
    let reports: Vec<_> = files
        .iter()
        .filter(|f| f.entry.kind == ReportKind::Report)
        .collect();
    for l in Layout::ALL {
        let n = reports.iter().filter(|f| f.entry.layout == l).count();
        assert!(n > 0, "no {} report", l.name());
    }
    for k in [ReportKind::Pre2019, ReportKind::NotAReport] {
        let others: Vec<_> = files.iter().filter(|f| f.entry.kind == k).collect();
        assert!(!others.is_empty(), "no {} document", k.as_str());
        // Mixed in at a small rate.
        assert!(
            others.len() * 10 < files.len(),
            "{} {}",
            others.len(),
            k.as_str()
        );
        for f in others {
            assert!(f.entry.faults.is_empty(), "{}", f.entry.file);
            assert!(f.entry.template.is_empty(), "{}", f.entry.file);
            if k == ReportKind::Pre2019 {
                assert!((2014..=2018).contains(&f.entry.year), "{}", f.entry.file);
            }
        }
    }
}

#[test]
fn injected_faults_are_found_and_clean_reports_have_no_errors() {
    let n = env_or("NIANBAO_GEN_REPORTS", 150) as usize;
    let seed = env_or("NIANBAO_GEN_SEED", 1);
    let dir = tempfile::tempdir().unwrap();
    let manifest = generate::generate(dir.path(), n, seed).unwrap();
    let corpus = nianbao::corpus::load_dir(dir.path());

    let mut problems: Vec<String> = Vec::new();
    for e in &corpus.errors {
        if file_name(&e.path) != "manifest.json" {
            problems.push(format!("{}: not loaded: {}", file_name(&e.path), e.error));
        }
    }
    let by_name: HashMap<&str, _> = corpus
        .reports
        .iter()
        .map(|r| (file_name(&r.path), r))
        .collect();
    // rule -> (injected, found)
    let mut tally: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut unexpected_errors = 0;
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for entry in &manifest.reports {
        let Some(report) = by_name.get(entry.file.as_str()) else {
            problems.push(format!("{}: no report", entry.file));
            continue;
        };
        let context = format!(
            "{} [{} {} {} {}]",
            entry.file,
            entry.layout.name(),
            entry.template,
            entry.encoding,
            entry.agency
        );
        if report.kind() != entry.kind {
            problems.push(format!(
                "{context}: kind {}, expected {}",
                report.kind().as_str(),
                entry.kind.as_str()
            ));
        }
        if entry.kind != ReportKind::Report {
            // No template rule runs on a pre-2019 report or a page that is not a report:
            // not S01/S04, nor any other (FORMAT.md §11).
            *kinds.entry(entry.kind.as_str()).or_default() += 1;
            if !report.findings.is_empty() {
                let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
                problems.push(format!(
                    "{context}: findings {rules:?} on a {}",
                    entry.kind.as_str()
                ));
            }
            continue;
        }
        for f in &entry.faults {
            // A table fault in a layout that may lose cells is found only when the cells
            // it touches are determined; unread cells are never an error against the agency.
            if entry.layout.may_lose_cells() && f.table.is_some() {
                continue;
            }
            let t = tally.entry(f.rule.clone()).or_default();
            t.0 += 1;
            let hit = report.findings.iter().find(|x| {
                x.rule == f.rule
                    && f.row.as_ref().is_none_or(|r| x.row == Some(r.as_str()))
                    && f.section.is_none_or(|s| x.section == Some(s))
            });
            match hit {
                Some(x) => {
                    t.1 += 1;
                    if x.severity.as_str() != f.severity {
                        problems.push(format!(
                            "{context}: {} found with severity {}, expected {} ({})",
                            f.rule, x.severity, f.severity, f.detail
                        ));
                    }
                }
                None => {
                    let same_rule: Vec<String> = report
                        .findings
                        .iter()
                        .filter(|x| x.rule == f.rule)
                        .map(|x| format!("row {:?} section {:?}", x.row, x.section))
                        .collect();
                    problems.push(format!(
                        "{context}: injected {} not found (row {:?}, section {:?}: {}){}",
                        f.rule,
                        f.row,
                        f.section,
                        f.detail,
                        if same_rule.is_empty() {
                            String::new()
                        } else {
                            format!("; {} reported at {}", f.rule, same_rule.join(", "))
                        }
                    ));
                }
            }
        }
        let allowed: HashSet<&str> = entry
            .faults
            .iter()
            .flat_map(|f| std::iter::once(f.rule.as_str()).chain(f.also.iter().map(|s| s.as_str())))
            .collect();
        for x in &report.findings {
            if x.severity == Severity::Error && !allowed.contains(x.rule.as_str()) {
                unexpected_errors += 1;
                problems.push(format!(
                    "{context}: unexpected error {} (table {:?} row {:?} column {:?}): {}",
                    x.rule,
                    x.table.map(|t| t.key()),
                    x.row,
                    x.column,
                    x.message
                ));
            }
        }
    }
    eprintln!("injected faults found, by rule (found / injected):");
    for (rule, (injected, found)) in &tally {
        eprintln!("  {rule}: {found} / {injected}");
    }
    eprintln!("unexpected errors: {unexpected_errors}");
    eprintln!("documents that are not template reports, by kind: {kinds:?}");
    assert!(
        kinds.len() == 2 || n < 100,
        "a corpus of {n} has both kinds of other documents: {kinds:?}"
    );
    assert!(
        problems.is_empty(),
        "{} problems in a corpus of {n} reports (seed {seed}):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
