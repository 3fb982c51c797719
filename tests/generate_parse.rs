//! The parser against generated reports whose contents are known: metadata, sections and
//! every table cell must come out as generated, in every layout and encoding.
//!
//! `NIANBAO_GEN_REPORTS` (default 150) and `NIANBAO_GEN_SEED` (default 1) change the corpus.

use nianbao::generate::{self, Expected, GeneratedFile, Layout};
use nianbao::model::{CellState, Report, ReportKind, Row, Table};
use std::collections::{BTreeMap, HashMap};

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The number a table 2 cell text states (`+15` → 15, `72.8 万元` → 72.8, `1,234` → 1234).
fn t2_value(text: &str) -> f64 {
    let t: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | '-'))
        .collect();
    t.parse().unwrap_or(f64::NAN)
}

fn row<'a>(t: Option<&'a Table>, key: &str) -> Option<&'a Row> {
    t.and_then(|t| t.row(key))
}

/// Cells compared, cells left missing (layouts that may lose cells) and cells that came
/// out as another number.
#[derive(Default)]
struct Placed {
    cells: usize,
    missing: usize,
    wrong: usize,
}

/// `relaxed`: the layout does not determine every cell (concatenated digits): a cell or
/// row may be missing, but a number that comes out must be the generated one.
fn compare(
    report: &Report,
    exp: &Expected,
    relaxed: bool,
    placed: &mut Placed,
    out: &mut Vec<String>,
) {
    let mut wrong: Vec<String> = Vec::new();
    let mut check = |what: String, got: Option<f64>, want: f64, text: &str| {
        placed.cells += 1;
        match got {
            None if relaxed => placed.missing += 1,
            Some(g) if (g - want).abs() <= 1e-9 => {}
            _ => {
                placed.wrong += 1;
                wrong.push(format!("{what}: {got:?} ({text:?}), expected {want}"));
            }
        }
    };
    let sections: Vec<u8> = report.sections.iter().map(|s| s.number).collect();
    if sections != exp.sections {
        out.push(format!(
            "sections {sections:?}, expected {:?}",
            exp.sections
        ));
    }
    for (key, texts) in &exp.t2 {
        let Some(r) = row(report.tables.t2.as_ref(), key) else {
            if relaxed {
                // A row not placed at all: each of its cells is missing.
                for (i, t) in texts.iter().enumerate() {
                    check(format!("t2 {key}[{i}]"), None, t2_value(t), "");
                }
            } else {
                out.push(format!("t2 row {key} not found"));
            }
            continue;
        };
        for (i, t) in texts.iter().enumerate() {
            let got = r.cells.get(i).and_then(|c| c.arithmetic_value());
            let text = r.cells.get(i).map_or("", |c| c.text.as_str());
            check(format!("t2 {key}[{i}]"), got, t2_value(t), text);
        }
    }
    let t3 = report.tables.t3.as_ref();
    for (key, cells) in &exp.t3 {
        let Some(r) = row(t3, key) else {
            if relaxed {
                for (i, want) in cells.iter().enumerate() {
                    let want = want.map_or(f64::NAN, |v| v as f64);
                    check(format!("t3 {key}[{i}]"), None, want, "");
                }
            } else {
                out.push(format!("t3 row {key} not found"));
            }
            continue;
        };
        if cells.iter().any(|c| c.is_none()) {
            let present = cells.iter().filter(|c| c.is_some()).count();
            let missing = r
                .cells
                .iter()
                .filter(|c| c.state == CellState::Missing)
                .count();
            // The parser cannot tell which cells were lost: it may mark the whole row
            // missing, but never fewer cells than were lost.
            if missing < cells.len() - present {
                out.push(format!(
                    "t3 {key}: {present} of 7 cells written, parser has {missing} missing"
                ));
            }
            continue;
        }
        for (i, want) in cells.iter().enumerate() {
            let got = r.cells.get(i).and_then(|c| c.arithmetic_value());
            let text = r.cells.get(i).map_or("", |c| c.text.as_str());
            let want = want.map_or(f64::NAN, |v| v as f64);
            check(format!("t3 {key}[{i}]"), got, want, text);
        }
    }
    if let Some(t3) = t3 {
        for r in &t3.rows {
            if !exp.t3.iter().any(|(k, _)| *k == r.key) {
                out.push(format!("t3 row {} found but not written", r.key));
            }
        }
    }
    match row(report.tables.t4.as_ref(), "all") {
        None if relaxed => {
            for (i, want) in exp.t4.iter().enumerate() {
                check(format!("t4[{i}]"), None, *want as f64, "");
            }
        }
        None => out.push("t4 not found".into()),
        Some(r) => {
            for (i, want) in exp.t4.iter().enumerate() {
                let got = r.cells.get(i).and_then(|c| c.arithmetic_value());
                let text = r.cells.get(i).map_or("", |c| c.text.as_str());
                check(format!("t4[{i}]"), got, *want as f64, text);
            }
        }
    }
    out.extend(wrong);
}

#[test]
fn parser_extracts_what_was_generated() {
    let n = env_or("NIANBAO_GEN_REPORTS", 150) as usize;
    let seed = env_or("NIANBAO_GEN_SEED", 1);
    let files: Vec<GeneratedFile> = generate::generate_files(n, seed);
    let expected: HashMap<String, Expected> = files
        .iter()
        .map(|f| (f.entry.file.clone(), f.expected.clone()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let manifest = generate::write_files(dir.path(), files, seed).unwrap();
    let corpus = nianbao::corpus::load_dir(dir.path());
    let by_name: HashMap<&str, &Report> = corpus
        .reports
        .iter()
        .map(|r| (file_name(&r.path), r))
        .collect();

    let mut problems = Vec::new();
    let mut bad_by_layout: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut placed_by_layout: BTreeMap<&str, Placed> = BTreeMap::new();
    for e in &manifest.reports {
        let key = format!("{}/{}/{}", e.layout.name(), e.template, e.encoding);
        let tally = bad_by_layout.entry(key).or_default();
        tally.1 += 1;
        let Some(report) = by_name.get(e.file.as_str()) else {
            problems.push(format!("{}: not loaded", e.file));
            tally.0 += 1;
            continue;
        };
        let mut out = Vec::new();
        if report.kind() != e.kind {
            out.push(format!("kind {:?}, expected {:?}", report.kind(), e.kind));
        }
        if e.kind != ReportKind::Report {
            // A pre-2019 report is told by its year; a page that is not a report has no
            // template table (what else it yields is not the template's).
            if e.kind == ReportKind::Pre2019
                && report.year.as_ref().map(|y| y.value) != Some(e.year)
            {
                out.push(format!("year {:?}", report.year.as_ref().map(|y| y.value)));
            }
            if !out.is_empty() {
                tally.0 += 1;
                problems.push(format!("{} ({}): {}", e.file, e.agency, out.join("; ")));
            }
            continue;
        }
        if report.year.as_ref().map(|y| y.value) != Some(e.year) {
            out.push(format!("year {:?}", report.year.as_ref().map(|y| y.value)));
        }
        if report.template.map(|t| t.as_str()) != Some(e.template.as_str()) {
            out.push(format!("template {:?}", report.template));
        }
        if report.encoding != e.encoding {
            out.push(format!("encoding {}", report.encoding));
        }
        let published = report.published.as_ref().map(|d| d.value.to_string());
        if published != e.published {
            out.push(format!(
                "published {published:?}, expected {:?}",
                e.published
            ));
        }
        match &report.agency {
            None => out.push("agency not found".into()),
            Some(a) if !e.agency.contains(a.value.as_str()) && !a.value.contains(&e.agency) => {
                out.push(format!("agency {:?}, expected {:?}", a.value, e.agency))
            }
            _ => {}
        }
        let placed = placed_by_layout.entry(e.layout.name()).or_default();
        compare(
            report,
            &expected[&e.file],
            e.layout.may_lose_cells(),
            placed,
            &mut out,
        );
        if !out.is_empty() {
            tally.0 += 1;
            problems.push(format!("{} ({}): {}", e.file, e.agency, out.join("; ")));
        }
    }
    eprintln!("cells compared / left missing / wrong, by layout (no cell may be another number):");
    for (k, p) in &placed_by_layout {
        eprintln!(
            "  {k}: {} / {} ({:.1} % missing) / {}",
            p.cells,
            p.missing,
            100.0 * p.missing as f64 / p.cells.max(1) as f64,
            p.wrong
        );
    }
    // Reading-order text: a cell may be missing, never another number; and most cells are
    // placed (rows whose label is followed by exactly their numbers), judged when the corpus
    // has enough of them (a single report may print most of its rows as label blocks).
    if let Some(ro) = placed_by_layout.get(Layout::ReadingOrder.name()) {
        assert_eq!(ro.wrong, 0, "reading-order cells read as another number");
        assert!(
            ro.cells < 2000 || ro.missing * 10 < ro.cells * 4,
            "reading-order: {} of {} cells missing",
            ro.missing,
            ro.cells
        );
    }
    eprintln!("reports with a difference, by layout/template/encoding:");
    for (k, (bad, all)) in &bad_by_layout {
        eprintln!("  {k}: {bad} / {all}");
    }
    assert!(
        problems.is_empty(),
        "{} of {n} reports differ (seed {seed}):\n{}",
        problems.len(),
        problems.join("\n")
    );
}
