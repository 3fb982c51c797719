//! The corpus generator (`nianbao gen-corpus OUT --reports N --seed S`): realistic reports in
//! every layout of FORMAT.md §7, both template versions, UTF-8 and GBK, several consecutive
//! years per agency, with faults injected at known rates and listed in `OUT/manifest.json`.
//! Deterministic for a seed.

mod archive;
mod data;
mod names;
mod prose;
mod render;
pub mod rng;
mod spec;

use anyhow::Context;
use rng::Rng;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

pub use crate::model::ReportKind;
pub use archive::{NOT_REPORT_RATE, PRE2019_RATE};
pub use names::{Agency, AgencyKind, draw as draw_agency};
pub use spec::{FAULT_RATE, LOST_CELLS_RATE, MINOR_FAULT_RATE};

/// The layouts of FORMAT.md §7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layout {
    /// One cell per line, blank lines between (seeds 000, 002, 004).
    Cells,
    /// Tab-separated PDF text (seed 001).
    Tabs,
    /// A government web page with HTML tables.
    Html,
    /// Markdown pipe tables.
    Markdown,
    /// Markdown pipe tables with table 4 flattened to one line of 15 numbers.
    FlatT4,
    /// Page-to-text rows joined by bars without a leading bar (`规章 | 0 | 0 | 0 |`), the
    /// group label only on its group's first row.
    Bars,
    /// A crawler's scrape: header fields, then the whole article on one line with table
    /// cells run together (`（一）予以公开5000016`) and stray `&nbsp;` spaces.
    OneLine,
    /// Plain `pdftotext` text of a ruled PDF (no `-layout`): cells one per line, groups of
    /// rows printed as a block of labels then their values (row by row or column by column),
    /// page footers and form feeds between cells.
    ReadingOrder,
}

impl Layout {
    pub const ALL: [Layout; 8] = [
        Layout::Cells,
        Layout::Tabs,
        Layout::Html,
        Layout::Markdown,
        Layout::FlatT4,
        Layout::Bars,
        Layout::OneLine,
        Layout::ReadingOrder,
    ];

    /// Layouts where the structure does not determine every cell (concatenated digits;
    /// values printed after the labels of several rows): a cell may come out missing (its
    /// values unplaced), never as another number.
    pub fn may_lose_cells(self) -> bool {
        matches!(self, Layout::OneLine | Layout::ReadingOrder)
    }

    pub fn name(self) -> &'static str {
        match self {
            Layout::Cells => "cells",
            Layout::Tabs => "tabs",
            Layout::Html => "html",
            Layout::Markdown => "markdown",
            Layout::FlatT4 => "flat-t4",
            Layout::Bars => "bars",
            Layout::OneLine => "one-line",
            Layout::ReadingOrder => "reading-order",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Layout::Cells
            | Layout::Tabs
            | Layout::Bars
            | Layout::OneLine
            | Layout::ReadingOrder => "txt",
            Layout::Html => "html",
            Layout::Markdown | Layout::FlatT4 => "md",
        }
    }
}

/// One injected fault and the finding it must produce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// What was done (`wrong_row_total`, `missing_t3_row`, `lost_cells`, …).
    pub kind: String,
    /// The rule that must report it.
    pub rule: String,
    /// The severity that rule reports it with.
    pub severity: String,
    /// Where the finding must point, when it has a location.
    pub table: Option<String>,
    pub row: Option<String>,
    pub column: Option<String>,
    pub section: Option<u8>,
    /// Other rules the fault may trigger as a consequence (e.g. a wrong row total also
    /// breaks （七）总计 in the total column).
    pub also: Vec<String>,
    /// Plain description with the numbers.
    pub detail: String,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// File name, relative to the output folder.
    pub file: String,
    /// The agency name as the title writes it.
    pub agency: String,
    pub agency_kind: AgencyKind,
    pub year: i32,
    /// `2019` or `2021`; empty for a document that is not a template report.
    pub template: String,
    pub layout: Layout,
    /// `UTF-8` or `GBK`.
    pub encoding: String,
    /// Publication date written in the report (`None`: no date anywhere).
    pub published: Option<String>,
    /// Statutory deadline for this agency and year (a pre-2019 report: March 31 of the next
    /// year, under the 2008 regulations); empty for a page that is not a report.
    pub deadline: String,
    pub bytes: usize,
    /// Never any for a document that is not a template report.
    pub faults: Vec<Fault>,
    /// `report`, `pre-2019` or `not-a-report` (FORMAT.md §11), as the parser must find it.
    /// Absent in manifests written before the field existed: those are all reports.
    #[serde(default)]
    pub kind: ReportKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub seed: u64,
    pub reports: Vec<ManifestEntry>,
}

impl Manifest {
    pub fn read(path: &Path) -> anyhow::Result<Manifest> {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }
}

/// `nianbao gen-corpus OUT --reports N --seed S`.
pub fn run(out: &Path, reports: usize, seed: u64) -> anyhow::Result<i32> {
    let m = generate(out, reports, seed)?;
    let bytes: usize = m.reports.iter().map(|r| r.bytes).sum();
    let faults: usize = m.reports.iter().map(|r| r.faults.len()).sum();
    let count = |k: ReportKind| m.reports.iter().filter(|r| r.kind == k).count();
    eprintln!(
        "nianbao: wrote {} files ({} reports, {} pre-2019 reports, {} not reports; {:.1} MB, {} injected faults) and manifest.json to {}",
        m.reports.len(),
        count(ReportKind::Report),
        count(ReportKind::Pre2019),
        count(ReportKind::NotAReport),
        bytes as f64 / 1e6,
        faults,
        out.display()
    );
    Ok(0)
}

/// One generated report in memory.
pub struct GeneratedFile {
    pub entry: ManifestEntry,
    pub bytes: Vec<u8>,
    pub expected: Expected,
}

/// What a perfect parser extracts from a generated report (kept out of the manifest to keep
/// it small; tests get it from [`generate_files`]).
#[derive(Debug, Clone)]
pub struct Expected {
    /// Section numbers present, in order.
    pub sections: Vec<u8>,
    /// Table 2 rows: key and the cell texts as written (`+15`, `72.8 万元`).
    pub t2: Vec<(&'static str, Vec<String>)>,
    /// Table 3 rows present in the text: key and one value per column; `None` for a cell
    /// lost in extraction (the row has fewer cells than columns).
    pub t3: Vec<(&'static str, Vec<Option<i64>>)>,
    /// Table 4 values; cells written blank count as 0.
    pub t4: [i64; 15],
}

impl Expected {
    /// What a document that is not a template report yields: no sections, no tables.
    fn nothing() -> Expected {
        Expected {
            sections: Vec::new(),
            t2: Vec::new(),
            t3: Vec::new(),
            t4: [0; 15],
        }
    }
}

/// Generate `reports` files for `seed` in memory, in file-name order: template reports of
/// consecutive years per agency and, at small rates, an agency's pre-2019 report or a page
/// that is not a report ([`ManifestEntry::kind`]).
pub fn generate_files(reports: usize, seed: u64) -> Vec<GeneratedFile> {
    let mut out = Vec::with_capacity(reports);
    let mut taken: HashSet<String> = HashSet::new();
    let mut agency_id = 0usize;
    while out.len() < reports {
        let mut rng = Rng::derive(seed, agency_id as u64);
        let mut agency = names::draw(&mut rng);
        let mut tries = 0;
        // Names and short names are both unique, so that no agency's name is another's
        // short form (`大坪乡` and `丹寨县大坪乡` would be read as one agency).
        while taken.contains(&agency.name) || taken.contains(&agency.short) {
            tries += 1;
            if tries > 200 {
                // The name space is exhausted: number the agency.
                agency.name = format!("{}第{}分中心", agency.name, agency_id);
                agency.short = agency.name.clone();
                agency.kind = AgencyKind::Department;
                break;
            }
            agency = names::draw(&mut rng);
        }
        taken.insert(agency.name.clone());
        taken.insert(agency.short.clone());
        let len = 1 + rng.weighted(&[1, 2, 3, 4, 6]) as i32;
        let len = len.min((reports - out.len()) as i32);
        let first = 2019 + rng.below((2023 - 2019 + 2 - len) as usize) as i32;
        let mut files: Vec<GeneratedFile> =
            spec::agency_years(&agency, agency_id, first..=first + len - 1, &mut rng)
                .into_iter()
                .map(|spec| write_one(spec, &mut rng))
                .collect();
        let (home, gbk) = (files[0].entry.layout, files[0].entry.encoding == "GBK");
        for doc in archive::draw(&agency, first, first + len - 1, &mut rng) {
            if out.len() + files.len() >= reports {
                break;
            }
            let (entry, bytes) = archive::write(&doc, &agency, agency_id, home, gbk);
            files.push(GeneratedFile {
                entry,
                bytes,
                expected: Expected::nothing(),
            });
        }
        files.sort_by(|a, b| a.entry.file.cmp(&b.entry.file));
        out.extend(files);
        agency_id += 1;
    }
    out
}

fn write_one(mut spec: spec::Spec, rng: &mut Rng) -> GeneratedFile {
    let mut r = rng.clone();
    let mut text = render::render(&spec, &mut r);
    let mut encoding = "UTF-8";
    let mut bytes = Vec::new();
    if spec.gbk {
        match gbk_bytes(&text) {
            Some(b) => {
                bytes = b;
                encoding = "GBK";
            }
            None => {
                // Keep the file honest: re-render as UTF-8 (the HTML names its charset).
                spec.gbk = false;
                let mut r = rng.clone();
                text = render::render(&spec, &mut r);
            }
        }
    }
    if encoding == "UTF-8" {
        bytes = text.into_bytes();
    }
    *rng = r;
    let rows = spec.version.template();
    let expected = Expected {
        sections: (1..=6)
            .filter(|n| spec.missing_section != Some(*n))
            .collect(),
        t2: rows
            .t2
            .rows
            .iter()
            .map(|r| r.key)
            .zip(spec.t2.iter().cloned())
            .collect(),
        t3: render::t3_lines(&spec)
            .into_iter()
            .map(|l| (l.key, l.cells))
            .collect(),
        t4: spec.t4,
    };
    let entry = ManifestEntry {
        kind: ReportKind::Report,
        file: spec.file.clone(),
        agency: spec.agency.name.clone(),
        agency_kind: spec.agency.kind,
        year: spec.year,
        template: spec.version.as_str().to_string(),
        layout: spec.layout,
        encoding: encoding.to_string(),
        published: spec.published.map(|d| d.to_string()),
        deadline: spec.deadline.to_string(),
        bytes: bytes.len(),
        faults: spec.faults,
    };
    GeneratedFile {
        entry,
        bytes,
        expected,
    }
}

/// `text` in GBK (no-break spaces as spaces, `•` as `·`, as GBK pages write them), or `None`
/// when a character has no GBK form.
fn gbk_bytes(text: &str) -> Option<Vec<u8>> {
    let safe: String = text
        .chars()
        .map(|c| match c {
            '\u{a0}' => ' ',
            '•' => '·',
            _ => c,
        })
        .collect();
    let (b, _, unmappable) = encoding_rs::GBK.encode(&safe);
    (!unmappable).then(|| b.into_owned())
}

/// Generate a corpus into `out` (created) and write `out/manifest.json`.
pub fn generate(out: &Path, reports: usize, seed: u64) -> anyhow::Result<Manifest> {
    write_files(out, generate_files(reports, seed), seed)
}

/// Write generated files into `out` (created) with `out/manifest.json`.
pub fn write_files(out: &Path, files: Vec<GeneratedFile>, seed: u64) -> anyhow::Result<Manifest> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut manifest = Manifest {
        seed,
        reports: Vec::with_capacity(files.len()),
    };
    for f in files {
        let path = out.join(&f.entry.file);
        std::fs::write(&path, &f.bytes).with_context(|| format!("writing {}", path.display()))?;
        manifest.reports.push(f.entry);
    }
    let path = out.join("manifest.json");
    let json = serde_json::to_string_pretty(&manifest)?;
    std::fs::write(&path, json).with_context(|| format!("writing {}", path.display()))?;
    Ok(manifest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_names_are_plentiful() {
        // The finder bench and large corpora need thousands of distinct agencies.
        let mut rng = super::rng::Rng::new(7);
        let names: std::collections::HashSet<String> = (0..30_000)
            .map(|_| super::draw_agency(&mut rng).name)
            .collect();
        assert!(names.len() > 10_000, "{} distinct names", names.len());
    }

    #[test]
    fn deterministic_for_a_seed() {
        let a = generate_files(40, 9);
        let b = generate_files(40, 9);
        assert_eq!(a.len(), 40);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.entry, y.entry);
            assert_eq!(x.bytes, y.bytes);
        }
        let c = generate_files(40, 10);
        assert_ne!(a[0].bytes, c[0].bytes);
    }

    #[test]
    fn every_layout_and_both_encodings_and_templates_appear() {
        let files = generate_files(300, 1);
        for l in Layout::ALL {
            assert!(files.iter().any(|f| f.entry.layout == l), "{l:?}");
        }
        assert!(files.iter().any(|f| f.entry.encoding == "GBK"));
        assert!(files.iter().any(|f| f.entry.template == "2019"));
        assert!(files.iter().any(|f| f.entry.template == "2021"));
        let names: HashSet<_> = files.iter().map(|f| &f.entry.file).collect();
        assert_eq!(names.len(), files.len(), "file names are unique");
        for f in &files {
            if f.entry.encoding == "GBK" {
                let (text, _, bad) = encoding_rs::GBK.decode(&f.bytes);
                assert!(!bad);
                assert!(text.contains("政府信息公开"));
            } else {
                assert!(std::str::from_utf8(&f.bytes).is_ok());
            }
        }
    }

    #[test]
    fn faults_are_injected_at_about_their_rates() {
        let files = generate_files(2000, 5);
        let count = |rule: &str| {
            files
                .iter()
                .filter(|f| f.entry.faults.iter().any(|x| x.rule == rule))
                .count() as f64
                / files.len() as f64
        };
        for rule in ["A01", "A02", "A04", "S01", "S05", "S06", "T01"] {
            let r = count(rule);
            assert!((0.025..0.08).contains(&r), "{rule}: {r}");
        }
        assert!(count("C03") > 0.02);
        let avg = files.iter().map(|f| f.bytes.len()).sum::<usize>() / files.len();
        assert!((6_000..11_000).contains(&avg), "average size {avg}");
    }
}
