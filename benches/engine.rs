//! Engine benchmarks: parse + validate of each seed report and of one generated report per
//! layout (time per report), and loading a whole generated folder.
//!
//! `cargo bench --bench engine` (add `-- seeds`, `-- generated`, `-- corpus` or `-- office` to
//! filter).

use criterion::{Criterion, criterion_group, criterion_main};
use nianbao::generate::{self, Layout};
use nianbao::{corpus, ingest, parse, validate};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The allocator the binary uses (src/main.rs), so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn parse_and_validate(doc: &ingest::Document) -> usize {
    let mut report = parse::parse(doc.clone());
    validate::validate(&mut report);
    report.findings.len()
}

fn load(path: &Path) -> ingest::Document {
    let display = path.to_string_lossy().to_string();
    match ingest::load(path, &display) {
        Ok(d) => d,
        Err(e) => panic!("{}: {}", e.path, e.error),
    }
}

fn seeds(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("samples/")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut g = c.benchmark_group("seeds");
    for path in files {
        let doc = load(&path);
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        g.bench_function(name, |b| b.iter(|| black_box(parse_and_validate(&doc))));
    }
    g.finish();
}

fn generated(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let m = generate::generate(dir.path(), 120, 7).expect("generate");
    let mut g = c.benchmark_group("generated");
    for layout in Layout::ALL {
        for encoding in ["UTF-8", "GBK"] {
            let Some(entry) = m.reports.iter().find(|r| {
                r.layout == layout
                    && r.encoding == encoding
                    && r.kind == nianbao::model::ReportKind::Report
            }) else {
                continue;
            };
            let path = dir.path().join(&entry.file);
            let doc = load(&path);
            g.bench_function(format!("{}-{}", layout.name(), encoding), |b| {
                b.iter(|| black_box(parse_and_validate(&doc)))
            });
            // Reading and decoding included.
            g.bench_function(format!("{}-{}-load_one", layout.name(), encoding), |b| {
                b.iter(|| black_box(corpus::load_one(&path, &entry.file).map(|r| r.findings.len())))
            });
        }
    }
    g.finish();
}

fn whole_corpus(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let n = 200;
    generate::generate(dir.path(), n, 11).expect("generate");
    let mut g = c.benchmark_group("corpus");
    g.sample_size(10);
    g.bench_function(format!("load_dir-{n}"), |b| {
        b.iter(|| black_box(corpus::load_dir(dir.path()).reports.len()))
    });
    g.finish();
}

/// The committed PDF and DOCX fixtures: the whole pipeline per file, the PDF rebuild alone,
/// and a folder holding each fixture many times over.
fn office(c: &mut Criterion) {
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let files = [
        "pdf/report-2019.libreoffice.pdf",
        "pdf/report-2021.libreoffice.pdf",
        "pdf/report-2019.chromium.pdf",
        "pdf/report-2021.chromium.pdf",
        "docx/report-2019.docx",
        "docx/report-2021.docx",
    ];
    let mut g = c.benchmark_group("office");
    for rel in files {
        let path = fixtures.join(rel);
        let bytes = std::fs::read(&path).expect("fixture");
        if rel.ends_with(".pdf") {
            let pages = ingest::pdf::read(&bytes).map(|r| r.pages).unwrap_or(0);
            eprintln!("{rel}: {pages} pages");
            g.bench_function(format!("{rel}-rebuild"), |b| {
                b.iter(|| black_box(ingest::pdf::read(&bytes).map(|r| r.text.len())))
            });
        }
        g.bench_function(format!("{rel}-load_one"), |b| {
            b.iter(|| black_box(corpus::load_one(&path, rel).map(|r| r.findings.len())))
        });
    }
    let copies = 20;
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..copies {
        for rel in files {
            let name = rel.replace('/', "-");
            std::fs::copy(
                fixtures.join(rel),
                dir.path().join(format!("{i:02}-{name}")),
            )
            .expect("copy");
        }
    }
    g.sample_size(10);
    g.bench_function(format!("load_dir-{}", copies * files.len()), |b| {
        b.iter(|| black_box(corpus::load_dir(dir.path()).reports.len()))
    });
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = seeds, generated, whole_corpus, office
}
criterion_main!(benches);
