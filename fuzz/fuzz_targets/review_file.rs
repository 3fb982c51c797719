//! A review file → open → change, undo, save, reopen → review-export (CSV and JSON).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::cli::args::ExportFormat;
use nianbao::model::Report;
use nianbao::review::{ReportStatus, Review, Verdict};
use std::sync::OnceLock;

static SEED: OnceLock<Report> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let seed = SEED.get_or_init(nianbao_fuzz::seed_report);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("REVIEW.json");
    std::fs::write(&path, data).expect("write");
    let Ok(mut rv) = Review::open(&path, "fuzz".into()) else {
        return;
    };
    for format in [ExportFormat::Csv, ExportFormat::Json] {
        let mut out = Vec::new();
        nianbao::cli::review_export::write(
            &mut out,
            dir.path(),
            std::slice::from_ref(seed),
            &rv,
            format,
            nianbao::cli::review_export::CsvStyle::default(),
        )
        .expect("export to memory");
        let s = std::str::from_utf8(&out).expect("UTF-8");
        nianbao_fuzz::assert_inert("review-export", s);
        if format == ExportFormat::Json {
            serde_json::from_str::<serde_json::Value>(s).expect("valid JSON");
        }
    }
    if rv.read_only.is_some() {
        return;
    }
    // A writable review survives a decision, a status change, their undo and a reload.
    let key = "xunhua-2020-broken-extraction.txt";
    if let Some(f) = seed.findings.first()
        && let Ok(u) = rv.decide(key, seed, f, Some(Verdict::Confirmed), Some("注".into()))
    {
        rv.undo(u).expect("undo");
    }
    if let Ok(u) = rv.set_status(key, Some(ReportStatus::Reviewed)) {
        rv.undo(u).expect("undo");
    }
    let before = rv.file.clone();
    drop(rv);
    let again = Review::open(&path, "fuzz".into()).expect("a saved review reopens");
    assert_eq!(again.file, before, "save and reopen changed the review");
});
