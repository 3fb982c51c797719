//! Corrections with an audit trail: made against a parsed report, stored in the review
//! file, applied before validation by `check`, `export` and `review-export`, stale when the
//! report changes; configured rule severities in `check` and `rules`.

mod common;

use common::*;
use nianbao::correction::{self, Correction, CorrectionError, MarkState, NewCell};
use nianbao::model::{CellState, Report};
use nianbao::review::{self, Review};
use nianbao::template::TableId;
use nianbao::validate::validate;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const XUNHUA: &str = "samples/xunhua-2020-broken-extraction.txt";

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env("NIANBAO_CONFIG", "")
        .env("HOME", "/nonexistent")
        .env_remove("XDG_CONFIG_HOME")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn xunhua_in(dir: &Path) -> Report {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(XUNHUA);
    std::fs::copy(&src, dir.join("xunhua.txt")).unwrap();
    nianbao::corpus::load_one(&dir.join("xunhua.txt"), "xunhua.txt").unwrap()
}

/// xunhua's （七）总计 is blank while a result row has 1 (A02, A03): the reviewer puts 1.
fn total_to_one(r: &Report) -> Correction {
    Correction::new(
        r,
        TableId::T3,
        "processed_total",
        "total",
        NewCell::number("1").unwrap(),
        false,
        "原表（七）总计漏填，按各项之和更正",
        "审计员甲",
    )
    .unwrap()
}

fn has(r: &Report, rule: &str, row: &str, col: &str) -> bool {
    r.findings
        .iter()
        .any(|f| f.rule == rule && f.row == Some(row) && f.column == Some(col))
}

#[test]
fn a_correction_is_applied_before_validation_and_keeps_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let r = xunhua_in(dir.path());
    assert!(has(&r, "A02", "processed_total", "total"));
    let c = total_to_one(&r);
    assert_eq!(c.original.state, "blank");
    assert_eq!(c.original.lines, vec![56]);
    assert!(c.original.bytes.is_some());
    assert_eq!(c.content_hash, format!("{:016x}", r.content_hash));

    let mut fresh = nianbao::parse::parse(
        nianbao::ingest::load(&dir.path().join("xunhua.txt"), "xunhua.txt").unwrap(),
    );
    correction::apply(&mut fresh, std::slice::from_ref(&c));
    validate(&mut fresh);
    let cell = fresh
        .tables
        .t3
        .as_ref()
        .unwrap()
        .cell("processed_total", 6)
        .unwrap();
    assert_eq!((cell.state, cell.value), (CellState::Number, Some(1.0)));
    assert_eq!(cell.span.map(|s| s.line_start), Some(56), "provenance kept");
    assert!(!has(&fresh, "A02", "processed_total", "total"), "resolved");
    assert!(
        has(&fresh, "A02", "processed_total", "natural"),
        "the other column stays"
    );
    assert_eq!(fresh.corrections[0].state, MarkState::Applied);
    assert!(correction::applied(&fresh, TableId::T3, "processed_total", "total").is_some());
}

#[test]
fn a_correction_whose_original_no_longer_matches_is_stale() {
    let dir = tempfile::tempdir().unwrap();
    let r = xunhua_in(dir.path());
    let mut c = total_to_one(&r);
    c.original.text = "7".into();
    c.original.state = "number".into();
    let mut fresh = r.clone();
    correction::apply(&mut fresh, std::slice::from_ref(&c));
    assert_eq!(fresh.corrections[0].state, MarkState::Stale);
    let cell = fresh
        .tables
        .t3
        .as_ref()
        .unwrap()
        .cell("processed_total", 6)
        .unwrap();
    assert_eq!(cell.state, CellState::Blank, "not applied");
    assert_eq!(correction::stale(&fresh).count(), 1);
    // A cell the report no longer has is stale too.
    c.row = "no_such_row".into();
    correction::apply(&mut fresh, std::slice::from_ref(&c));
    assert_eq!(fresh.corrections[0].state, MarkState::Stale);
}

#[test]
fn a_reason_is_required_and_unplaced_values_fill_missing_cells() {
    let r = Fixture::new(2020)
        .t3("new", "commercial", Missing)
        .t3("new", "total", Missing)
        .unplaced(TableId::T3, "new", &["3", "3"])
        .validated();
    let blank_reason = Correction::new(
        &r,
        TableId::T3,
        "new",
        "total",
        NewCell::Blank,
        false,
        "  ",
        "甲",
    );
    assert_eq!(blank_reason, Err(CorrectionError::NoReason));
    assert_eq!(
        correction::fill_options(&r, TableId::T3, "new"),
        vec!["3".to_string()]
    );
    let not_there = Correction::new(
        &r,
        TableId::T3,
        "new",
        "total",
        NewCell::number("4").unwrap(),
        true,
        "原文第 2 个数",
        "甲",
    );
    assert!(matches!(
        not_there,
        Err(CorrectionError::NotUnplaced { .. })
    ));
    let placed = Correction::new(
        &r,
        TableId::T3,
        "new",
        "natural",
        NewCell::number("3").unwrap(),
        true,
        "x",
        "甲",
    );
    assert_eq!(
        placed,
        Err(CorrectionError::NotMissing),
        "natural is a number"
    );
    let fill = Correction::new(
        &r,
        TableId::T3,
        "new",
        "total",
        NewCell::number("3").unwrap(),
        true,
        "核对原文：总计为 3",
        "甲",
    )
    .unwrap();
    let mut fixed = r.clone();
    correction::apply(&mut fixed, &[fill]);
    let row = fixed.tables.t3.as_ref().unwrap().row("new").unwrap();
    assert_eq!(row.cells[6].value, Some(3.0));
    assert_eq!(
        row.unplaced,
        vec!["3".to_string()],
        "one of the two 3s is placed"
    );
    // "Not in the report" makes a cell missing.
    let gone = Correction::new(
        &r,
        TableId::T3,
        "new",
        "natural",
        NewCell::NotInReport,
        false,
        "原表无此列",
        "甲",
    )
    .unwrap();
    let mut fixed = r.clone();
    correction::apply(&mut fixed, &[gone]);
    let row = fixed.tables.t3.as_ref().unwrap().row("new").unwrap();
    assert_eq!(row.cells[0].state, CellState::Missing);
}

#[test]
fn review_file_round_trip_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let r = xunhua_in(dir.path());
    let path = dir.path().join(review::FILE_NAME);
    let mut rv = Review::open(&path, "审计员甲".into()).unwrap();
    let first = total_to_one(&r);
    let u1 = rv.correct("xunhua.txt", first.clone()).unwrap();
    let mut second = first.clone();
    second.new = NewCell::number("2").unwrap();
    let u2 = rv.correct("xunhua.txt", second.clone()).unwrap();
    assert_eq!(
        rv.corrections("xunhua.txt"),
        std::slice::from_ref(&second),
        "one per cell"
    );
    drop(rv);
    let again = Review::open_read_only(&path).unwrap();
    assert_eq!(
        again.corrections("xunhua.txt"),
        std::slice::from_ref(&second)
    );
    let mut rv = Review::open(&path, "审计员甲".into()).unwrap();
    rv.undo(u2).unwrap();
    assert_eq!(rv.corrections("xunhua.txt"), std::slice::from_ref(&first));
    rv.undo(u1).unwrap();
    assert!(rv.corrections("xunhua.txt").is_empty());
}

fn write_review(dir: &Path, c: &Correction) {
    let path = dir.join(review::FILE_NAME);
    let mut rv = Review::open(&path, "审计员甲".into()).unwrap();
    rv.correct("xunhua.txt", c.clone()).unwrap();
}

#[test]
fn check_export_and_review_export_apply_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let r = xunhua_in(dir.path());
    write_review(dir.path(), &total_to_one(&r));
    let d = dir.path().to_str().unwrap();

    let doc: Value =
        serde_json::from_str(&stdout(&run(&["check", d, "--format", "json"]))).unwrap();
    let rep = &doc["reports"][0];
    let cell = &rep["tables"]["t3"]["processed_total"]["total"];
    assert_eq!(
        (cell["state"].as_str(), cell["value"].as_i64()),
        (Some("number"), Some(1))
    );
    assert_eq!(cell["corrected"]["from"]["state"], "blank");
    assert_eq!(cell["corrected"]["from"]["lines"], serde_json::json!([56]));
    assert_eq!(cell["corrected"]["by"], "审计员甲");
    assert_eq!(
        cell["corrected"]["reason"],
        "原表（七）总计漏填，按各项之和更正"
    );
    assert!(
        cell["corrected"]["time"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
    let rules_at = |rep: &Value| -> Vec<String> {
        rep["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| format!("{} {} {}", f["rule"], f["row"], f["column"]))
            .collect()
    };
    assert!(!rules_at(rep).contains(&r#""A02" "processed_total" "total""#.to_string()));
    assert!(rep.get("stale_corrections").is_none());

    // --no-review: as parsed.
    let doc: Value = serde_json::from_str(&stdout(&run(&[
        "check",
        d,
        "--format",
        "json",
        "--no-review",
    ])))
    .unwrap();
    let cell = &doc["reports"][0]["tables"]["t3"]["processed_total"]["total"];
    assert_eq!(cell["state"], "blank");
    assert!(cell.get("corrected").is_none());
    assert!(
        rules_at(&doc["reports"][0]).contains(&r#""A02" "processed_total" "total""#.to_string())
    );

    // --review FILE elsewhere, and a missing one is an error.
    let other = tempfile::tempdir().unwrap();
    let moved = other.path().join("r.json");
    std::fs::copy(dir.path().join(review::FILE_NAME), &moved).unwrap();
    std::fs::remove_file(dir.path().join(review::FILE_NAME)).unwrap();
    let m = moved.to_str().unwrap();
    let doc: Value = serde_json::from_str(&stdout(&run(&[
        "check", d, "--format", "json", "--review", m,
    ])))
    .unwrap();
    assert_eq!(
        doc["reports"][0]["tables"]["t3"]["processed_total"]["total"]["value"],
        1
    );
    let missing = run(&["check", d, "--review", "/nonexistent/r.json"]);
    assert_eq!(missing.status.code(), Some(2));

    // export: the corrected value, and the corrected column in CSV.
    let csv = stdout(&run(&["export", d, "--table", "t3", "--review", m]));
    let line = csv
        .lines()
        .find(|l| l.contains(",processed_total,"))
        .unwrap();
    assert!(
        line.contains(",1,total: 空→1（原表（七）总计漏填，按各项之和更正；审计员甲 "),
        "{line}"
    );
    let json: Value = serde_json::from_str(&stdout(&run(&[
        "export", d, "--table", "t3", "--format", "json", "--review", m,
    ])))
    .unwrap();
    let row = json
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["row"] == "processed_total")
        .unwrap();
    assert_eq!(row["cells"]["total"]["corrected"]["from"]["state"], "blank");

    // review-export lists the correction.
    let out: Value = serde_json::from_str(&stdout(&run(&[
        "review-export",
        d,
        "--format",
        "json",
        "--review",
        m,
    ])))
    .unwrap();
    let items = out["findings"].as_array().unwrap();
    let c = items
        .iter()
        .find(|i| i["state"] == "correction")
        .expect("a correction row");
    assert_eq!(
        (c["row"].as_str(), c["column"].as_str()),
        (Some("processed_total"), Some("total"))
    );
    assert_eq!(c["note"], "原表（七）总计漏填，按各项之和更正");
    assert_eq!(out["summary"]["corrections"], 1);
}

#[test]
fn a_changed_report_lists_the_correction_as_stale() {
    let dir = tempfile::tempdir().unwrap();
    let r = xunhua_in(dir.path());
    write_review(dir.path(), &total_to_one(&r));
    // The page is re-published with a line added at the top: every cell moved.
    let p = dir.path().join("xunhua.txt");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, format!("（2021年3月更新）\n{text}")).unwrap();
    let d = dir.path().to_str().unwrap();
    let doc: Value =
        serde_json::from_str(&stdout(&run(&["check", d, "--format", "json"]))).unwrap();
    let rep = &doc["reports"][0];
    let stale = rep["stale_corrections"]
        .as_array()
        .expect("listed as stale");
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0]["new"]["state"], "number");
    assert_eq!(stale[0]["new"]["value"], 1);
    assert_eq!(stale[0]["from"]["state"], "blank");
    let cell = &rep["tables"]["t3"]["processed_total"];
    assert!(
        cell.as_object()
            .unwrap()
            .values()
            .all(|c| c.get("corrected").is_none()),
        "never applied"
    );
    let human = stdout(&run(&["check", d]));
    assert!(
        human.contains("修正已失效（原单元格已变，未应用） t3 processed_total.total  1"),
        "{human}"
    );
}

#[test]
fn configured_severities_in_check_and_rules() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("c.toml");
    std::fs::write(
        &cfg,
        "[rules]\nT01 = \"off\"\nS10 = \"warning\"\n[thresholds]\nC07 = 75\n",
    )
    .unwrap();
    let c = cfg.to_str().unwrap();
    let doc: Value = serde_json::from_str(&stdout(&run(&[
        "check", "samples", "--format", "json", "--config", c,
    ])))
    .unwrap();
    let all: Vec<&Value> = doc["reports"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["findings"].as_array().unwrap())
        .collect();
    assert!(all.iter().all(|f| f["rule"] != "T01"), "T01 off");
    let s10: Vec<_> = all.iter().filter(|f| f["rule"] == "S10").collect();
    assert!(!s10.is_empty() && s10.iter().all(|f| f["severity"] == "warning"));
    let text = stdout(&run(&["rules", "--config", c]));
    assert!(text.contains("T01  off (默认 warning)"), "{text}");
    assert!(text.contains("S10  warning (默认 info)"), "{text}");
    assert!(text.contains("超过 75%"), "{text}");
    // A bad configuration is a usage error.
    std::fs::write(&cfg, "[rules]\nZ99 = \"off\"\n").unwrap();
    let o = run(&["check", "samples", "--config", c]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Z99"));
}

#[test]
fn hostile_corrections_in_the_review_file_stay_inert() {
    let dir = tempfile::tempdir().unwrap();
    let r = xunhua_in(dir.path());
    let mut c = total_to_one(&r);
    c.reason = "理由\u{1b}]0;owned\u{7}\u{202e}".into();
    c.reviewer = "甲\u{1b}[2J".into();
    write_review(dir.path(), &c);
    let mut bad = c.clone();
    bad.row = "new\u{1b}[31m".into();
    bad.time = "\u{9b}2J".into();
    let path = dir.path().join(review::FILE_NAME);
    let mut rv = Review::open(&path, "甲".into()).unwrap();
    rv.correct("xunhua.txt", bad).unwrap();
    drop(rv);
    let d = dir.path().to_str().unwrap();
    for args in [
        vec!["check", d],
        vec!["check", d, "--format", "json"],
        vec!["check", d, "--format", "jsonl"],
        vec!["export", d, "--table", "t3"],
        vec!["export", d, "--table", "t3", "--format", "json"],
        vec!["review-export", d],
        vec!["review-export", d, "--format", "json"],
    ] {
        let o = run(&args);
        let out = stdout(&o);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{9b}') && !out.contains('\u{202e}'),
            "{args:?}: {out}"
        );
    }
    // The corrupt one never matches a cell: it is stale, its location inert.
    let doc: Value =
        serde_json::from_str(&stdout(&run(&["check", d, "--format", "json"]))).unwrap();
    let stale = doc["reports"][0]["stale_corrections"]
        .as_array()
        .expect("stale");
    assert!(
        stale[0]["table"]
            .as_str()
            .is_some_and(|t| t.starts_with("‹invalid: ")),
        "{stale:?}"
    );
    assert_eq!(
        doc["reports"][0]["tables"]["t3"]["processed_total"]["total"]["value"],
        1
    );
}
