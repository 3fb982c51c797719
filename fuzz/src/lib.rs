//! What every fuzz target checks: nothing panics on file content, every output is inert
//! (no C0/C1 control, DEL or bidi control written raw) and every JSON output parses back.

use nianbao::cli::csv::{FINDING_HEADER, finding_record, record};
use nianbao::cli::json::{CheckJson, Counts, LazyReports, ReportJson, Summary};
use nianbao::model::{Finding, Report, SourceFormat};
use nianbao::sanitize::{is_unsafe, write_json};
use std::path::Path;

/// Panic (a fuzz finding) when `s` carries a character that must never be written raw.
/// Line ends are the format's own.
pub fn assert_inert(what: &str, s: &str) {
    if let Some(c) = s.chars().find(|&c| is_unsafe(c) && c != '\n' && c != '\r') {
        panic!("{what}: {c:?} written raw");
    }
}

fn assert_json(what: &str, bytes: &[u8]) {
    let s = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    assert_inert(what, s);
    if let Err(e) = serde_json::from_str::<serde_json::Value>(s) {
        panic!("{what}: invalid JSON: {e}");
    }
}

/// Decode `bytes` as a file named `name`, then parse and validate it.
pub fn report_from_bytes(name: &str, bytes: &[u8]) -> Option<Report> {
    let doc = nianbao::ingest::document_from_bytes(Path::new(name), name, bytes).ok()?;
    let mut r = nianbao::parse::parse(doc);
    nianbao::validate::validate(&mut r);
    Some(r)
}

/// A report from text that is already decoded.
pub fn report_from_text(text: String, format: SourceFormat) -> Report {
    let doc = nianbao::ingest::Document {
        path: "fuzz.txt".to_string(),
        encoding: "UTF-8".to_string(),
        format,
        content_hash: nianbao::model::content_hash(text.as_bytes()),
        text,
        boxes: Vec::new(),
    };
    let mut r = nianbao::parse::parse(doc);
    nianbao::validate::validate(&mut r);
    r
}

/// Every output format of `check` and `export` over `reports`.
pub fn check_outputs(reports: &[Report]) {
    let pairs: Vec<(&Report, Vec<&Finding>)> = reports
        .iter()
        .map(|r| (r, r.findings.iter().collect()))
        .collect();
    let mut findings = Counts::default();
    pairs
        .iter()
        .flat_map(|(_, fs)| fs)
        .for_each(|f| findings.add(f.severity));
    let summary = Summary {
        files: reports.len(),
        reports: reports.len(),
        errors: 0,
        findings,
        skipped: 0,
    };
    for pretty in [false, true] {
        let mut out = Vec::new();
        let doc = CheckJson {
            reports: LazyReports(&pairs, None),
            errors: &[],
            skipped: &[],
            summary,
        };
        write_json(&mut out, &doc, pretty).expect("JSON to memory");
        assert_json("check --format json", &out);
    }
    for (r, fs) in &pairs {
        let mut out = Vec::new();
        write_json(&mut out, &ReportJson::new(r, fs), false).expect("JSON to memory");
        assert_json("check --format jsonl", &out);
        let mut csv = record(&FINDING_HEADER);
        for f in fs {
            csv.push_str(&finding_record(r, f));
        }
        assert_inert("check --format csv", &csv);
    }
    let human = nianbao::cli::human::render(&pairs, &[], &[], &summary, false);
    assert_inert("check --format human", &human);
    let corpus = nianbao::corpus::Corpus::loaded(None, reports.to_vec(), Vec::new());
    for id in nianbao::template::TableId::ALL {
        for format in [
            nianbao::cli::args::ExportFormat::Csv,
            nianbao::cli::args::ExportFormat::Json,
        ] {
            let mut out = Vec::new();
            nianbao::cli::export::write(
                &corpus,
                id,
                format,
                false,
                nianbao::cli::args::HeaderLang::En,
                &mut out,
            )
            .expect("export");
            let s = std::str::from_utf8(&out).expect("export is UTF-8");
            assert_inert("export", s);
            if format == nianbao::cli::args::ExportFormat::Json {
                assert_json("export --format json", &out);
            }
        }
    }
}

/// A real report (the 循化 seed), for targets that need findings to work on.
pub fn seed_report() -> Report {
    let p =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/xunhua-2020-broken-extraction.txt");
    nianbao::corpus::load_one(&p, "xunhua.txt").expect("the seed loads")
}
