//! The layouts of FORMAT.md §7, one fixture each, against what the parser must yield.
//!
//! Each fixture `tests/fixtures/<dir>/<name>` has `<name>.expected.json`:
//! `{"agency", "year", "published", "template", "t2": {row: {col: v}}, "t3": {row: {col: v}},
//! "t4": {"review.upheld": v, …}}` where `v` is a number, `"blank"` or `"missing"`.
//! Every mismatch of a fixture is listed at once, so one run shows all that is wrong.

use nianbao::corpus::load_one;
use nianbao::model::{CellState, Report, Table};
use nianbao::template::{TableId, TemplateVersion};
use serde_json::Value;
use std::path::PathBuf;

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// Agency names compare without a trailing 人民政府 (`桃源镇人民政府` is `桃源镇`).
fn agency_key(s: &str) -> &str {
    s.trim().trim_end_matches("人民政府")
}

fn check_cell(
    problems: &mut Vec<String>,
    table: &Table,
    row: &str,
    col_index: usize,
    col: &str,
    want: &Value,
) {
    let Some(r) = table.row(row) else {
        problems.push(format!("{}: row `{row}` not found", table.id));
        return;
    };
    let Some(cell) = r.cells.get(col_index) else {
        problems.push(format!(
            "{}.{row}.{col}: no cell (row has {})",
            table.id,
            r.cells.len()
        ));
        return;
    };
    let number = |n: &serde_json::Number| {
        cell.state == CellState::Number
            && cell
                .value
                .zip(n.as_f64())
                .is_some_and(|(a, b)| (a - b).abs() < 1e-9)
    };
    let ok = match want {
        Value::String(s) if s == "blank" => cell.state == CellState::Blank,
        Value::String(s) if s == "missing" => cell.state == CellState::Missing,
        // A number read from a cell of its own (never one inferred).
        Value::Number(n) => number(n) && cell.basis.is_none(),
        // `{"inferred": n}`: a number forced out of concatenated digits, with its basis.
        Value::Object(o) if o.get("inferred").and_then(Value::as_number).is_some() => {
            o.get("inferred")
                .and_then(Value::as_number)
                .is_some_and(number)
                && cell.basis.is_some()
        }
        other => {
            problems.push(format!("bad expectation {other} for {row}.{col}"));
            return;
        }
    };
    if !ok {
        problems.push(format!(
            "{}.{row}.{col}: want {want}, got {:?} {:?} (text {:?}, lines {:?})",
            table.id,
            cell.state,
            cell.value,
            cell.text,
            cell.span.map(|s| s.lines())
        ));
    }
}

fn check_table(
    problems: &mut Vec<String>,
    report: &Report,
    version: TemplateVersion,
    id: TableId,
    want: &Value,
) {
    let Some(table) = report.tables.get(id) else {
        problems.push(format!("{id}: table not found"));
        return;
    };
    let def = version.template().table(id);
    let Some(want) = want.as_object() else {
        problems.push(format!("{id}: expectation is not an object"));
        return;
    };
    if id == TableId::T4 {
        let Some(rowdef) = def.row("all") else {
            problems.push("t4: template has no row `all`".to_string());
            return;
        };
        for (col, v) in want {
            match rowdef.columns.iter().position(|c| c.key == col) {
                Some(i) => check_cell(problems, table, "all", i, col, v),
                None => problems.push(format!("t4: unknown column {col}")),
            }
        }
        return;
    }
    for (row, cols) in want {
        let Some(rowdef) = def.row(row) else {
            problems.push(format!("{id}: unknown row {row}"));
            continue;
        };
        let Some(cols) = cols.as_object() else {
            problems.push(format!("{id}.{row}: expectation is not an object"));
            continue;
        };
        for (col, v) in cols {
            match rowdef.columns.iter().position(|c| c.key == col) {
                Some(i) => check_cell(problems, table, row, i, col, v),
                None => problems.push(format!("{id}.{row}: unknown column {col}")),
            }
        }
    }
}

fn check_fixture(rel: &str) {
    let path = fixture(rel);
    let expected_path = fixture(&format!("{rel}.expected.json"));
    let expected_text = std::fs::read_to_string(&expected_path).expect("expected JSON readable");
    let want: Value = serde_json::from_str(&expected_text).expect("expected JSON parses");
    let report = match load_one(&path, rel) {
        Ok(r) => r,
        Err(e) => panic!("{rel}: not loaded: {}", e.error),
    };
    let mut problems = Vec::new();

    let agency = report.agency.as_ref().map(|a| a.value.clone());
    let want_agency = want["agency"].as_str().unwrap_or_default();
    if agency.as_deref().map(agency_key) != Some(agency_key(want_agency)) {
        problems.push(format!("agency: want {want_agency:?}, got {agency:?}"));
    }
    let year = report.year.as_ref().map(|y| i64::from(y.value));
    if year != want["year"].as_i64() {
        problems.push(format!("year: want {}, got {year:?}", want["year"]));
    }
    let published = report.published.as_ref().map(|d| d.value.to_string());
    if published.as_deref() != want["published"].as_str() {
        problems.push(format!(
            "published: want {}, got {published:?}",
            want["published"]
        ));
    }
    let template = report.template.map(|t| t.as_str());
    if template != want["template"].as_str() {
        problems.push(format!(
            "template: want {}, got {template:?}",
            want["template"]
        ));
    }
    let version = match want["template"].as_str() {
        Some("2019") => TemplateVersion::V2019,
        _ => TemplateVersion::V2021,
    };
    for id in TableId::ALL {
        if want.get(id.key()).is_some() {
            check_table(&mut problems, &report, version, id, &want[id.key()]);
        } else if report.tables.get(id).is_some_and(|t| !t.rows.is_empty()) {
            problems.push(format!("{id}: found, but the fixture prints no such table"));
        }
    }
    if let Some(kind) = want["kind"].as_str()
        && report.kind().as_str() != kind
    {
        problems.push(format!("kind: want {kind}, got {}", report.kind().as_str()));
    }
    // Findings: rules that must be raised, rules that must not.
    let mut report = report;
    nianbao::validate::validate(&mut report);
    let raised: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    for rule in want["rules_present"].as_array().into_iter().flatten() {
        let rule = rule.as_str().unwrap_or_default();
        if !raised.contains(&rule) {
            problems.push(format!("rule {rule} not raised (raised: {raised:?})"));
        }
    }
    for rule in want["rules_absent"].as_array().into_iter().flatten() {
        let rule = rule.as_str().unwrap_or_default();
        for f in report.findings.iter().filter(|f| f.rule == rule) {
            problems.push(format!("rule {rule} raised: {} {:?}", f.message, f.lines));
        }
    }
    // Rows that must be absent (`"t3.other_misc"`).
    for at in want["absent_rows"].as_array().into_iter().flatten() {
        let at = at.as_str().unwrap_or_default();
        let (t, row) = at.split_once('.').unwrap_or((at, ""));
        if TableId::parse(t)
            .and_then(|id| report.tables.get(id))
            .and_then(|table| table.row(row))
            .is_some()
        {
            problems.push(format!("{at}: row found, but the report does not print it"));
        }
    }
    // `"t3_other"`: a 2021 report printing the single 2019 row （六）其他处理 (key `other`).
    if let Some(values) = want["t3_other"].as_array() {
        match report.tables.t3.as_ref() {
            Some(t3) => {
                for (i, v) in values.iter().enumerate() {
                    check_cell(&mut problems, t3, "other", i, "c", v);
                }
            }
            None => problems.push("t3: table not found".to_string()),
        }
    }
    // `"unplaced": {"t3.new": ["12"]}`: values kept for a row whose columns are unknown.
    for (at, values) in want["unplaced"].as_object().into_iter().flatten() {
        let (t, row) = at.split_once('.').unwrap_or((at.as_str(), "all"));
        let got: Option<Vec<String>> = TableId::parse(t)
            .and_then(|id| report.tables.get(id))
            .and_then(|table| table.row(row))
            .map(|r| r.unplaced.clone());
        let want_values: Vec<String> = values
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        if got.as_ref() != Some(&want_values) {
            problems.push(format!("unplaced {at}: want {want_values:?}, got {got:?}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{rel}: {} problem(s):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

#[test]
fn html_gov_page_2021_gbk() {
    check_fixture("html/gov-page-2021.gbk.html");
}

#[test]
fn html_one_table_per_item_2019() {
    check_fixture("html/one-table-per-item-2019.html");
}

#[test]
fn markdown_report_2021() {
    check_fixture("md/report-2021.md");
}

#[test]
fn text_split_labels_2019_utf16le() {
    check_fixture("txt/split-labels-2019.utf16le.txt");
}

#[test]
fn text_lost_cells_2021_gbk() {
    check_fixture("txt/lost-cells-2021.gbk.txt");
}

#[test]
fn bar_rows_2021() {
    check_fixture("txt/bar-rows-2021.txt");
}

#[test]
fn bar_rows_fullwidth_2020_gbk() {
    check_fixture("txt/bar-rows-2020.gbk.txt");
}

#[test]
fn single_other_row_in_a_2021_report_gbk() {
    check_fixture("txt/single-other-2022.gbk.txt");
}

#[test]
fn one_line_scrape_2020_whose_arithmetic_error_survives() {
    check_fixture("txt/one-line-2020.txt");
}

#[test]
fn one_line_scrape_2022_gbk_with_nbsp_spaces() {
    check_fixture("txt/one-line-2022.gbk.txt");
}

/// Full-width digits (`１２`, `２．其他法律…`) glued to their labels in a one-line scrape:
/// the same cells as the half-width original.
#[test]
fn one_line_scrape_2022_gbk_in_fullwidth_digits() {
    check_fixture("txt/one-line-fullwidth-2022.gbk.txt");
}

/// PDF text with runs of spaces for tabs, a unit apart from its number (`36.5 万元`).
#[test]
fn split_labels_2019_with_spaces_for_tabs() {
    check_fixture("txt/split-labels-spaces-2019.txt");
}

#[test]
fn pdftotext_layout_2021_split_headers_vertical_group_label() {
    check_fixture("txt/pdf-layout-2021.txt");
}

#[test]
fn pdftotext_reading_order_2020_gbk() {
    check_fixture("txt/reading-order-2020.gbk.txt");
}

#[test]
fn html_span_mismatch_2019() {
    check_fixture("html/span-mismatch-2019.html");
}

#[test]
fn html_span_mismatch_2022_gbk() {
    check_fixture("html/span-mismatch-2022.gbk.html");
}

/// The fixtures themselves decode as their names say (independent of the parser).
#[test]
fn fixture_encodings() {
    for (rel, enc) in [
        ("html/gov-page-2021.gbk.html", "GBK"),
        ("html/one-table-per-item-2019.html", "UTF-8"),
        ("md/report-2021.md", "UTF-8"),
        ("txt/split-labels-2019.utf16le.txt", "UTF-16LE"),
        ("txt/lost-cells-2021.gbk.txt", "GBK"),
    ] {
        let doc = nianbao::ingest::load(&fixture(rel), rel).expect("fixture loads");
        assert_eq!(doc.encoding, enc, "{rel}");
        assert!(
            doc.text.contains("三、收到和处理政府信息公开申请情况"),
            "{rel}"
        );
    }
}
