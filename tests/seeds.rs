//! The five real seed reports yield what FORMAT.md §9 lists, asserted cell by cell.
//! Grid notation: a number is a Number cell with that value, `·` a blank cell, `?` a
//! missing cell.

use nianbao::corpus::load_one;
use nianbao::model::{CellState, Date, Report, Table};
use nianbao::template::TemplateVersion;
use std::path::Path;

fn load(name: &str) -> Report {
    let path = format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    load_one(Path::new(&path), &format!("samples/{name}")).expect("seed loads")
}

/// Assert every cell of `table` against `rows`: (row key, cells).
fn assert_grid(table: &Table, rows: &[(&str, &str)]) {
    let keys: Vec<&str> = table.rows.iter().map(|r| r.key).collect();
    let want: Vec<&str> = rows.iter().map(|r| r.0).collect();
    assert_eq!(keys, want, "rows of {}", table.id);
    let mut checked = 0;
    for (key, cells) in rows {
        let row = table.row(key).unwrap();
        let expect: Vec<&str> = cells.split_whitespace().collect();
        assert_eq!(
            row.cells.len(),
            expect.len(),
            "{}/{key}: column count",
            table.id
        );
        for (i, (cell, e)) in row.cells.iter().zip(&expect).enumerate() {
            let ctx = format!("{}/{key}[{i}] = {:?}", table.id, cell);
            match *e {
                "·" => assert_eq!(cell.state, CellState::Blank, "{ctx}"),
                "?" => assert_eq!(cell.state, CellState::Missing, "{ctx}"),
                n => {
                    assert_eq!(cell.state, CellState::Number, "{ctx}");
                    assert_eq!(cell.value, Some(n.parse::<f64>().unwrap()), "{ctx}");
                }
            }
            checked += 1;
        }
    }
    assert_eq!(
        checked,
        rows.iter()
            .map(|r| r.1.split_whitespace().count())
            .sum::<usize>()
    );
}

const T3_2019_KEYS: [&str; 23] = [
    "new",
    "carried_over",
    "granted",
    "partial",
    "denied_secret",
    "denied_law",
    "denied_security",
    "denied_third_party",
    "denied_internal",
    "denied_process",
    "denied_enforcement",
    "denied_query",
    "unable_no_info",
    "unable_needs_creation",
    "unable_unclear",
    "refused_complaint",
    "refused_repeat",
    "refused_publication",
    "refused_massive",
    "refused_confirm",
    "other",
    "processed_total",
    "carried_forward",
];

fn all_rows<'a>(keys: &[&'a str], cells: &'a str) -> Vec<(&'a str, &'a str)> {
    keys.iter().map(|k| (*k, cells)).collect()
}

fn date(y: i32, m: u32, d: u32) -> Date {
    Date::new(y, m, d).unwrap()
}

#[test]
fn seed_000_manlu_one_cell_per_line() {
    let r = load("manlu-2020-one-cell-per-line.txt");
    assert_eq!(r.agency.as_ref().unwrap().value, "临夏县漫路乡");
    assert_eq!(r.year.as_ref().unwrap().value, 2020);
    assert_eq!(r.published.as_ref().unwrap().value, date(2021, 2, 4));
    assert_eq!(r.template, Some(TemplateVersion::V2019));
    assert_eq!(r.encoding, "UTF-8");
    assert_eq!(
        r.sections.iter().map(|s| s.number).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );
    let t2 = r.tables.t2.as_ref().unwrap();
    assert_grid(
        t2,
        &[
            ("regulations", "0 0 0"),
            ("normative_documents", "0 0 0"),
            ("licensing", "0 0 0"),
            ("other_services", "0 0 0"),
            ("punishment", "0 0 0"),
            ("coercion", "0 0 0"),
            ("fees", "0 3500"),
            ("procurement", "0 0"),
        ],
    );
    assert_eq!(t2.row("fees").unwrap().cells[1].text, "+3500");
    let t3 = r.tables.t3.as_ref().unwrap();
    assert_grid(t3, &all_rows(&T3_2019_KEYS, "0 0 0 0 0 0 0"));
    // Provenance: 一、本年新收 自然人 is the " 0" on line 162, bytes point at the digit.
    let c = &t3.row("new").unwrap().cells[0];
    let span = c.span.unwrap();
    assert_eq!(span.lines(), vec![162]);
    assert_eq!(r.source.slice(span), "0");
    assert_eq!(
        t3.row("carried_forward").unwrap().cells[6]
            .span
            .unwrap()
            .line_start,
        534
    );
    let t4 = r.tables.t4.as_ref().unwrap();
    assert_grid(t4, &[("all", "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0")]);
}

#[test]
fn seed_001_yima_pdf_tabs() {
    let r = load("yima-2020-pdf-tabs.txt");
    assert_eq!(r.agency.as_ref().unwrap().value, "驿马乡");
    assert_eq!(r.year.as_ref().unwrap().value, 2020);
    assert!(r.published.is_none(), "no publication date in 001");
    assert_eq!(r.template, Some(TemplateVersion::V2019));
    let t2 = r.tables.t2.as_ref().unwrap();
    assert_grid(
        t2,
        &[
            ("regulations", "0 0 0"),
            ("normative_documents", "0 0 2"),
            ("licensing", "0 0 0"),
            ("other_services", "211 15 226"),
            ("punishment", "0 0 0"),
            ("coercion", "0 0 0"),
            ("fees", "0 0"),
            ("procurement", "12 72.8"),
        ],
    );
    let proc_amount = &t2.row("procurement").unwrap().cells[1];
    assert_eq!(proc_amount.text, "72.8 万元");
    assert_eq!(proc_amount.unit, Some(nianbao::model::Unit::WanYuan));
    let t3 = r.tables.t3.as_ref().unwrap();
    assert_grid(t3, &all_rows(&T3_2019_KEYS, "0 0 0 0 0 0 0"));
    // The label split over tabs and lines (4. 保护第三 … 方合法权益) keeps its numbers.
    let third = t3.row("denied_third_party").unwrap();
    assert_eq!(third.cells[0].span.unwrap().line_start, 64);
    let t4 = r.tables.t4.as_ref().unwrap();
    assert_grid(t4, &[("all", "· · · · · 0 0 0 0 0 0 0 0 0 0")]);
}

#[test]
fn seed_002_jiantang_2021_template() {
    let r = load("jiantang-2022-template2021.txt");
    assert!(r.agency.as_ref().unwrap().value.contains("建塘镇"));
    assert_eq!(r.year.as_ref().unwrap().value, 2022);
    assert_eq!(r.published.as_ref().unwrap().value, date(2023, 1, 29));
    assert_eq!(r.template, Some(TemplateVersion::V2021));
    let t2 = r.tables.t2.as_ref().unwrap();
    assert_grid(
        t2,
        &[
            ("regulations", "0 0 0"),
            ("normative_documents", "0 0 0"),
            ("licensing", "0"),
            ("punishment", "0"),
            ("coercion", "0"),
            ("fees", "0"),
        ],
    );
    let t3 = r.tables.t3.as_ref().unwrap();
    let keys: Vec<&str> = TemplateVersion::V2021
        .template()
        .t3
        .rows
        .iter()
        .map(|r| r.key)
        .collect();
    assert_eq!(keys.len(), 25);
    assert_grid(t3, &all_rows(&keys, "0 0 0 0 0 0 0"));
    let t4 = r.tables.t4.as_ref().unwrap();
    assert_grid(t4, &[("all", "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0")]);
    // Section 六 is present but empty; the footer is chrome, not content.
    let s6 = r.section(6).unwrap();
    assert!(!s6.has_content);
    assert_eq!(s6.span.line_end, 668);
}

#[test]
fn seed_003_xunhua_broken_extraction() {
    let r = load("xunhua-2020-broken-extraction.txt");
    assert!(r.agency.as_ref().unwrap().value.contains("循化县"));
    assert_eq!(r.year.as_ref().unwrap().value, 2020);
    assert!(r.published.is_none());
    assert_eq!(r.template, Some(TemplateVersion::V2019));
    let p = r.period.as_ref().unwrap().value;
    assert_eq!((p.start, p.end), (date(2020, 1, 1), date(2020, 12, 28)));
    let t2 = r.tables.t2.as_ref().unwrap();
    assert_grid(
        t2,
        &[
            ("regulations", "0 0 0"),
            ("normative_documents", "0 0 0"),
            ("procurement", "310 45670"),
        ],
    );
    assert_eq!(
        t2.row("procurement").unwrap().cells[1].unit,
        Some(nianbao::model::Unit::WanYuan)
    );
    let t3 = r.tables.t3.as_ref().unwrap();
    let page2 = "· ? ? ? ? ? ·";
    let mut rows: Vec<(&str, &str)> = vec![
        ("new", "1 · · · · · 1"),
        ("carried_over", "· · · · · · ·"),
        ("granted", "· · · · · · ·"),
        ("partial", "· · · · · · ·"),
        ("denied_secret", "· · · · · · ·"),
        ("denied_law", "· · · · · · ·"),
        ("denied_security", "· · · · · · ·"),
        ("denied_third_party", page2),
        ("denied_internal", page2),
        ("denied_process", page2),
        ("denied_enforcement", "1 ? ? ? ? ? 1"),
    ];
    for k in &T3_2019_KEYS[11..] {
        rows.push((k, page2));
    }
    assert_grid(t3, &rows);
    // Table 4 has its header but no numbers.
    let t4 = r.tables.t4.as_ref().unwrap();
    assert!(
        t4.rows[0]
            .cells
            .iter()
            .all(|c| c.state == CellState::Missing)
    );
}

#[test]
fn seed_004_shangdulu_lost_cells() {
    let r = load("shangdulu-2020-lost-cells.txt");
    assert!(r.agency.as_ref().unwrap().value.contains("商都路办事处"));
    assert_eq!(r.year.as_ref().unwrap().value, 2020);
    assert_eq!(r.published.as_ref().unwrap().value, date(2021, 1, 26));
    assert_eq!(r.template, Some(TemplateVersion::V2019));
    assert_eq!(
        r.section(1).unwrap().title,
        "一、 2020年度 政务公开活动工作情况"
    );
    assert_eq!(r.section(6).unwrap().title, "六、下步工作计划");
    let t2 = r.tables.t2.as_ref().unwrap();
    assert_grid(
        t2,
        &[
            ("regulations", "0 0 0"),
            ("normative_documents", "0 0 0"),
            ("licensing", "0 0 0"),
            ("other_services", "0 0 0"),
            ("punishment", "0 0 0"),
            ("coercion", "0 0 0"),
            ("fees", "? ?"),
            ("procurement", "0 0"),
        ],
    );
    assert_eq!(t2.row("fees").unwrap().unplaced, ["0"]);
    let lost = "? ? ? ? ? ? ?";
    let zero = "0 0 0 0 0 0 0";
    let t3 = r.tables.t3.as_ref().unwrap();
    let expect: Vec<(&str, &str)> = T3_2019_KEYS
        .iter()
        .map(|k| {
            let cells = match *k {
                "new" | "carried_over" | "granted" | "partial" | "denied_law"
                | "denied_security" | "denied_third_party" | "denied_internal"
                | "denied_process" => lost,
                _ => zero,
            };
            (*k, cells)
        })
        .collect();
    assert_grid(t3, &expect);
    assert_eq!(t3.row("new").unwrap().unplaced.len(), 5);
    assert_eq!(t3.row("carried_over").unwrap().unplaced.len(), 6);
    let t4 = r.tables.t4.as_ref().unwrap();
    assert_grid(t4, &[("all", "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0")]);
}
