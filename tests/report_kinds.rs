//! What is not a template report (FORMAT.md §11): a pre-2019 annual report and pages that
//! are not annual reports are recognised, listed with their kind, and get no template
//! findings (no S01/S04 spray).

use nianbao::corpus::load_one;
use nianbao::model::ReportKind;
use std::path::PathBuf;
use std::process::Command;

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/kinds")
        .join(rel)
}

fn kind_and_rules(rel: &str) -> (ReportKind, Vec<&'static str>) {
    let r = match load_one(&fixture(rel), rel) {
        Ok(r) => r,
        Err(e) => panic!("{rel}: {}", e.error),
    };
    (
        r.kind(),
        r.findings.iter().map(|f| f.rule.as_str()).collect(),
    )
}

#[test]
fn a_pre_2019_report_is_listed_without_template_findings() {
    let (kind, rules) = kind_and_rules("pre2019-2017.txt");
    assert_eq!(kind, ReportKind::Pre2019);
    assert!(rules.is_empty(), "{rules:?}");
}

#[test]
fn a_guide_page_is_not_a_report() {
    let (kind, rules) = kind_and_rules("guide.gbk.html");
    assert_eq!(kind, ReportKind::NotAReport);
    assert!(rules.is_empty(), "{rules:?}");
}

#[test]
fn a_notice_is_not_a_report() {
    let (kind, rules) = kind_and_rules("notice-2023.txt");
    assert_eq!(kind, ReportKind::NotAReport);
    assert!(rules.is_empty(), "{rules:?}");
}

#[test]
fn seeds_are_reports() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples");
    for e in std::fs::read_dir(&dir).expect("samples/").flatten() {
        let rel = e.file_name().to_string_lossy().to_string();
        let r = load_one(&e.path(), &rel).unwrap_or_else(|e| panic!("{}", e.error));
        assert_eq!(r.kind(), ReportKind::Report, "{rel}");
    }
}

/// `check --format json` lists every file with its kind, and the kinds' files have no
/// findings and no indicators at all.
#[test]
fn check_json_lists_the_kind() {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(fixture(""))
        .output()
        .expect("nianbao runs");
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let reports = v["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), 3);
    for r in reports {
        let path = r["path"].as_str().unwrap_or_default();
        let want = if path.contains("pre2019") {
            "pre-2019"
        } else {
            "not-a-report"
        };
        assert_eq!(r["kind"], want, "{path}");
        assert_eq!(r["findings"].as_array().map(Vec::len), Some(0), "{path}");
        // No template numbers, no template deadline: no indicator either.
        let ind = r["indicators"].as_object().expect("indicators");
        assert!(
            !ind.is_empty() && ind.values().all(|v| v.is_null()),
            "{path}: {ind:?}"
        );
    }
}

/// The tree shows the kind beside the file name.
#[test]
fn the_tree_shows_the_kind() {
    let r = load_one(&fixture("pre2019-2017.txt"), "pre2019-2017.txt")
        .unwrap_or_else(|e| panic!("{}", e.error));
    let corpus = nianbao::corpus::Corpus::loaded(None, vec![r], Vec::new());
    let mut t = nianbao::tree::Tree::new();
    t.refresh(&corpus);
    t.expand(&corpus);
    let labels: Vec<&str> = t.rows().iter().map(|r| r.label.as_str()).collect();
    assert!(
        labels.contains(&"2017  pre2019-2017.txt [pre-2019]"),
        "{labels:?}"
    );
}
