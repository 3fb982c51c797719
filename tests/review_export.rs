//! `nianbao review-export`: every finding with its decision; stale decisions kept.

use nianbao::review::{self, Decision, Location, ReportReview, ReportStatus, ReviewFile, Verdict};
use std::path::Path;
use std::process::Command;

fn decision(f: &nianbao::model::Finding, verdict: Option<Verdict>, note: Option<&str>) -> Decision {
    Decision {
        fingerprint: review::fingerprint(f),
        rule: f.rule.to_string(),
        location: review::location(f),
        message: f.message.clone(),
        verdict,
        note: note.map(str::to_string),
        reviewer: "审计员甲".into(),
        time: "2026-11-20T08:00:00Z".into(),
        content_hash: "0".into(),
        extra: Default::default(),
    }
}

#[test]
fn review_export_csv_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let src =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/xunhua-2020-broken-extraction.txt");
    std::fs::copy(&src, dir.path().join("xunhua.txt")).unwrap();
    let report = nianbao::corpus::load_one(&dir.path().join("xunhua.txt"), "xunhua.txt").unwrap();
    let a02 = report
        .findings
        .iter()
        .find(|f| f.rule == "A02")
        .expect("A02 on 循化");
    let t03 = report
        .findings
        .iter()
        .find(|f| f.rule == "T03")
        .expect("T03 on 循化");
    let stale = Decision {
        fingerprint: "00000000deadbeef".into(),
        rule: "A01".into(),
        location: Location {
            section: Some(3),
            table: Some("t3".into()),
            row: Some("new".into()),
            column: Some("total".into()),
        },
        message: "一、本年新收·总计：各列之和为 2，表中为 1".into(),
        verdict: Some(Verdict::Confirmed),
        note: None,
        reviewer: "审计员甲".into(),
        time: "2026-11-19T08:00:00Z".into(),
        content_hash: "1".into(),
        extra: Default::default(),
    };
    let mut file = ReviewFile::default();
    file.reports.insert(
        "xunhua.txt".into(),
        ReportReview {
            status: Some(ReportStatus::InProgress),
            status_by: Some("审计员甲".into()),
            status_time: Some("2026-11-20T08:00:00Z".into()),
            decisions: vec![
                decision(
                    a02,
                    Some(Verdict::Confirmed),
                    Some("（七）总计漏填，\n请更正为 1"),
                ),
                decision(t03, Some(Verdict::Dismissed), None),
                stale,
            ],
            corrections: vec![],
            extra: Default::default(),
        },
    );
    let rpath = dir.path().join(review::FILE_NAME);
    std::fs::write(&rpath, serde_json::to_string_pretty(&file).unwrap()).unwrap();

    let run = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(["review-export", ".", "--format", format])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = run("csv");
    insta::assert_snapshot!("review_export_csv", csv);
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let s = &json["summary"];
    assert_eq!(s["stale"], 1);
    assert_eq!(s["confirmed"], 2, "A02 current + the stale A01");
    assert_eq!(s["dismissed"], 1);
    assert_eq!(
        s["undecided"].as_u64().unwrap() + 3,
        s["findings"].as_u64().unwrap() + 1,
        "every current finding but the two decided is undecided"
    );
    let stale_row = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["state"] == "stale")
        .unwrap();
    assert_eq!(stale_row["rule"], "A01");
    assert_eq!(stale_row["reviewer"], "审计员甲");
    // The report file is never written.
    assert_eq!(
        std::fs::read(dir.path().join("xunhua.txt")).unwrap(),
        std::fs::read(&src).unwrap()
    );
}
