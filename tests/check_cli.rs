//! `nianbao check`, `rules` and `export` end to end: the seeds yield FORMAT.md §9's
//! findings, exit statuses, every output format, and snapshots of `check samples`.

use nianbao::corpus::load_dir;
use nianbao::model::{Report, Severity};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_nianbao");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(ROOT)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn seeds() -> Vec<Report> {
    load_dir(&Path::new(ROOT).join("samples")).reports
}

fn seed<'a>(reports: &'a [Report], name: &str) -> &'a Report {
    reports
        .iter()
        .find(|r| r.path.contains(name))
        .unwrap_or_else(|| panic!("seed {name}"))
}

fn rule_rows(r: &Report, rule: &str) -> Vec<String> {
    r.findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| {
            format!(
                "{}/{}",
                f.table.map(|t| t.key()).unwrap_or("-"),
                f.row
                    .unwrap_or(&f.section.map(|s| s.to_string()).unwrap_or_default())
            )
        })
        .collect()
}

fn errors(r: &Report) -> usize {
    r.count(Severity::Error)
}

#[test]
fn seed_000_manlu_is_four_days_late_and_has_no_error() {
    let rs = seeds();
    let r = seed(&rs, "manlu");
    let t01: Vec<_> = r.findings.iter().filter(|f| f.rule == "T01").collect();
    assert_eq!(t01.len(), 1);
    assert!(t01[0].message.contains("4 天"), "{}", t01[0].message);
    assert_eq!(errors(r), 0, "{:#?}", r.findings);
}

#[test]
fn seed_001_yima_has_no_published_date() {
    let rs = seeds();
    let r = seed(&rs, "yima");
    assert_eq!(rule_rows(r, "T02").len(), 1);
    assert_eq!(errors(r), 0, "{:#?}", r.findings);
    // The text says no applications were received, and table 3 agrees.
    assert!(rule_rows(r, "C01").is_empty());
}

#[test]
fn seed_002_jiantang_lacks_the_fee_statement() {
    let rs = seeds();
    let r = seed(&rs, "jiantang");
    assert_eq!(rule_rows(r, "X01").len(), 1);
    assert_eq!(errors(r), 0, "{:#?}", r.findings);
}

#[test]
fn seed_003_xunhua_missing_rows_period_and_totals() {
    let rs = seeds();
    let r = seed(&rs, "xunhua");
    assert_eq!(
        rule_rows(r, "S05"),
        [
            "t2/licensing",
            "t2/other_services",
            "t2/punishment",
            "t2/coercion",
            "t2/fees"
        ]
    );
    assert_eq!(rule_rows(r, "T03").len(), 1);
    let totals: Vec<_> = r
        .findings
        .iter()
        .filter(|f| matches!(f.rule.as_str(), "A02" | "A03") && f.row == Some("processed_total"))
        .collect();
    assert!(!totals.is_empty());
    assert!(totals.iter().all(|f| f.severity == Severity::Warning));
    assert!(
        totals
            .iter()
            .any(|f| f.message == "（七）总计·总计列：各项之和为 1，表中为空"),
        "{totals:#?}"
    );
    // Table 4 has no numbers: said once, nothing computed from it.
    assert_eq!(
        rule_rows(r, "S06")
            .iter()
            .filter(|s| s.starts_with("t4"))
            .count(),
        1
    );
    assert!(rule_rows(r, "A04").is_empty() && rule_rows(r, "C02").is_empty());
}

#[test]
fn seed_004_shangdulu_lost_cells_and_titles() {
    let rs = seeds();
    let r = seed(&rs, "shangdulu");
    let s06 = rule_rows(r, "S06");
    for row in [
        "t3/new",
        "t3/carried_over",
        "t3/granted",
        "t3/partial",
        "t3/denied_law",
        "t2/fees",
    ] {
        assert!(s06.iter().any(|s| s == row), "S06 on {row}: {s06:?}");
    }
    let new = r
        .findings
        .iter()
        .find(|f| f.rule == "S06" && f.row == Some("new"));
    assert!(new.is_some_and(|f| f.message.contains("找到 5 个数值，应有 7 个")));
    let s02 = rule_rows(r, "S02");
    assert!(
        s02.contains(&"-/1".to_string()) && s02.contains(&"-/6".to_string()),
        "{s02:?}"
    );
    // The street office's deadline is January 31: published 2021-01-26, on time.
    assert!(rule_rows(r, "T01").is_empty());
}

#[test]
fn consecutive_years_fire_c03_on_the_later_report() {
    let o = run(&["check", "tests/fixtures/consecutive", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let reports = doc["reports"].as_array().expect("reports");
    let c03 = |i: usize| -> Vec<Value> {
        reports[i]["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|f| f["rule"] == "C03")
            .cloned()
            .collect()
    };
    assert!(c03(0).is_empty());
    let f = &c03(1)[0];
    assert_eq!(f["severity"], "error");
    assert_eq!(f["row"], "carried_over");
    assert_eq!(f["column"], "total");
    // jsonl puts it in the final line.
    let o = run(&["check", "tests/fixtures/consecutive", "--format", "jsonl"]);
    let last: Value =
        serde_json::from_str(stdout(&o).lines().last().unwrap_or("")).expect("jsonl tail");
    let cross = last["cross_report_findings"].as_array().expect("cross");
    let c03 = cross
        .iter()
        .find(|f| f["rule"] == "C03")
        .expect("C03 in the tail");
    assert!(
        c03["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("manlu-2020.txt"))
    );
    // The 2020 fixture copies the 2019 one: its narrative is C07's, and its 2019-template
    // 行政事业性收费 0 / +3500 does not carry into 2020's 上一年项目数量 0 (C05).
    let rules: Vec<&str> = cross.iter().filter_map(|f| f["rule"].as_str()).collect();
    assert!(
        rules.contains(&"C05") && rules.contains(&"C07"),
        "{rules:?}"
    );
    assert!(cross.iter().all(|f| {
        f["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("manlu-2020.txt"))
    }));
}

#[test]
fn exit_statuses() {
    assert_eq!(run(&["check", "samples"]).status.code(), Some(1));
    assert_eq!(
        run(&["check", "samples", "--fail-on", "never"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["check", "samples", "--rule", "T02"]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(&["check", "samples", "--rule", "T02", "--fail-on", "info"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        run(&["check", "samples", "--skip-rule", "S05"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(run(&["check", "no/such/dir"]).status.code(), Some(2));
    let o = run(&["check", "samples", "--rule", "Z99"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Z99"));
}

#[test]
fn rule_filters_apply_to_output_and_summary() {
    let o = run(&[
        "check", "samples", "--format", "json", "--rule", "T02", "--rule", "t03",
    ]);
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let rules: Vec<&str> = doc["reports"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|r| r["findings"].as_array().into_iter().flatten())
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert_eq!(rules, ["T02", "T03", "T02"], "xunhua then yima");
    assert_eq!(doc["summary"]["findings"]["info"], 3);
    assert_eq!(doc["summary"]["findings"]["error"], 0);
}

#[test]
fn json_follows_the_contract() {
    let o = run(&["check", "samples", "--format", "json"]);
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(doc["summary"]["files"], 5);
    assert_eq!(doc["summary"]["reports"], 5);
    assert!(doc["errors"].as_array().is_some_and(|e| e.is_empty()));
    let reports = doc["reports"].as_array().expect("reports");
    for r in reports {
        for key in [
            "path",
            "agency",
            "year",
            "published",
            "template",
            "encoding",
            "sections",
            "tables",
            "findings",
        ] {
            assert!(r.get(key).is_some(), "{key}");
        }
        for f in r["findings"].as_array().into_iter().flatten() {
            for key in [
                "rule", "severity", "message", "section", "table", "row", "column", "lines",
            ] {
                assert!(f.get(key).is_some(), "finding.{key}");
            }
        }
    }
    let yima = reports
        .iter()
        .find(|r| r["path"].as_str().is_some_and(|p| p.contains("yima")))
        .expect("yima");
    assert_eq!(yima["published"], Value::Null);
    let cell = &yima["tables"]["t2"]["procurement"]["amount"];
    assert_eq!(cell["state"], "number");
    assert_eq!(cell["value"], 72.8);
    assert_eq!(cell["unit"], "万元");
    assert_eq!(yima["tables"]["t4"]["review.upheld"]["state"], "blank");
    assert_eq!(yima["tables"]["t4"]["suit_direct.total"]["value"], 0);
    for key in ["state", "value", "text", "unit", "lines"] {
        assert!(cell.get(key).is_some(), "cell.{key}");
    }
    let xunhua = reports
        .iter()
        .find(|r| r["path"].as_str().is_some_and(|p| p.contains("xunhua")))
        .expect("xunhua");
    assert!(
        xunhua["tables"]["t2"].get("licensing").is_none(),
        "rows not found are absent"
    );
    assert_eq!(
        xunhua["tables"]["t3"]["denied_third_party"]["legal"]["state"],
        "missing"
    );
}

#[test]
fn jsonl_streams_one_line_per_report_then_the_summary() {
    let o = run(&["check", "samples", "--format", "jsonl"]);
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is json"))
        .collect();
    assert_eq!(lines.len(), 6);
    assert!(
        lines[..5]
            .iter()
            .all(|l| l["path"].is_string() && l["findings"].is_array())
    );
    let tail = &lines[5];
    assert_eq!(tail["summary"]["reports"], 5);
    assert!(
        tail["cross_report_findings"]
            .as_array()
            .is_some_and(|c| c.is_empty())
    );
    let json: Value =
        serde_json::from_str(&stdout(&run(&["check", "samples", "--format", "json"])))
            .expect("json");
    assert_eq!(tail["summary"], json["summary"]);
}

#[test]
fn csv_one_row_per_finding() {
    let o = run(&["check", "samples", "--format", "csv"]);
    let text = stdout(&o);
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("path,agency,year,rule,severity,section,table,row,column,lines,message")
    );
    let json: Value =
        serde_json::from_str(&stdout(&run(&["check", "samples", "--format", "json"])))
            .expect("json");
    let total: u64 = ["error", "warning", "info"]
        .iter()
        .filter_map(|k| json["summary"]["findings"][k].as_u64())
        .sum();
    assert_eq!(lines.filter(|l| !l.is_empty()).count() as u64, total);
    assert!(
        text.contains(
            "samples/manlu-2020-one-cell-per-line.txt,临夏县漫路乡,2020,T01,warning,,,,,3,"
        )
    );
}

#[cfg(unix)]
#[test]
fn load_errors_appear_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        Path::new(ROOT).join("samples/yima-2020-pdf-tabs.txt"),
        dir.path().join("yima.txt"),
    )
    .expect("copy");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join("broken.txt"))
        .expect("symlink");
    let d = dir.path().to_string_lossy().to_string();
    let o = run(&["check", &d, "--format", "json"]);
    let doc: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(doc["summary"]["errors"], 1);
    assert!(
        doc["errors"][0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("broken.txt"))
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "a load error fails --fail-on error"
    );
    assert!(stdout(&run(&["check", &d])).contains("LOAD"));
    assert!(stdout(&run(&["check", &d, "--format", "csv"])).contains(",LOAD,error,"));
    let tail = stdout(&run(&["check", &d, "--format", "jsonl"]));
    let last: Value = serde_json::from_str(tail.lines().last().unwrap_or("")).expect("tail");
    assert_eq!(last["errors"].as_array().map(Vec::len), Some(1));
}

#[test]
fn rules_lists_the_catalogue() {
    let o = run(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert_eq!(text.lines().count(), 37, "{text}");
    assert!(text.contains("A03  error"));
    assert!(text.contains("X02  info"));
    assert!(text.contains("R01  info"));
    assert!(text.contains("C07  warning") && text.contains("C07 阈值：相同句子占比超过 60%"));
}

#[test]
fn export_csv_distinguishes_blank_and_missing() {
    let o = run(&["export", "samples", "--table", "t3"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next(),
        Some(
            "path,agency,year,template,row,label,natural,commercial,research,social,legal,other,total,corrected"
        )
    );
    let xunhua_new = text
        .lines()
        .find(|l| l.contains("xunhua") && l.contains(",new,"))
        .expect("xunhua new row");
    assert!(
        xunhua_new.ends_with(",1,,,,,,1,\r") || xunhua_new.ends_with(",1,,,,,,1,"),
        "{xunhua_new}"
    );
    assert!(text.contains(",NA"), "missing cells are NA");
    let o = run(&[
        "export",
        "samples",
        "--table",
        "t2",
        "--excel",
        "--headers",
        "en",
    ]);
    assert!(o.stdout.starts_with("\u{feff}path,".as_bytes()));
    let header = stdout(&o).lines().next().unwrap_or("").to_string();
    assert!(
        header.contains("made") && header.contains("issued") && header.contains("amount"),
        "{header}"
    );
    // A column the row does not have is empty; 本年增/减 `+15` is written `15`.
    // Sub-row labels carry their group (issue 13 §5).
    assert!(
        stdout(&o).contains(",procurement,第二十条第（九）项·政府集中采购,,,,,,,12,72.8,,,,\r\n")
    );
    assert!(stdout(&o).contains(
        ",other_services,第二十条第（五）项·其他对外管理服务事项,,,,211,15,226,,,,,,\r\n"
    ));
}

#[test]
fn export_json_has_cell_objects() {
    let o = run(&["export", "samples", "--table", "t4", "--format", "json"]);
    let rows: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let rows = rows.as_array().expect("array");
    assert!(rows.iter().all(|r| r["row"] == "all"));
    assert!(
        rows.iter()
            .any(|r| r["cells"]["review.upheld"]["state"] == "blank")
    );
    assert_eq!(
        run(&["export", "samples", "--table", "t9"]).status.code(),
        Some(2)
    );
}

#[test]
fn snapshot_check_samples_json() {
    // Piped output is compact JSON; snapshot it pretty-printed so diffs stay readable.
    let o = run(&["check", "samples", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let pretty = serde_json::to_string_pretty(&v).unwrap() + "\n";
    insta::assert_snapshot!("check_samples_json", pretty);
}

#[test]
fn snapshot_check_samples_human() {
    let o = run(&["check", "samples"]);
    let text = stdout(&o);
    assert!(!text.contains('\u{1b}'), "NO_COLOR: no escape sequences");
    insta::assert_snapshot!("check_samples_human", text);
}
