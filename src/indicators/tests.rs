use super::*;
use crate::model::{CellState, Date, Located, Row, SourceFormat, SourceText, Table, Tables};
use crate::template::{TableId, TemplateVersion};
use compact_str::CompactString;

fn span(line: u32) -> Span {
    Span {
        line_start: line,
        line_end: line,
        byte_start: 0,
        byte_end: 0,
    }
}

fn num(v: f64, line: u32) -> Cell {
    Cell {
        state: CellState::Number,
        value: Some(v),
        text: CompactString::from(crate::validate::fmt_num(v)),
        unit: None,
        span: Some(span(line)),
        basis: None,
    }
}

fn blank(line: u32) -> Cell {
    Cell {
        state: CellState::Blank,
        value: None,
        text: CompactString::default(),
        unit: None,
        span: Some(span(line)),
        basis: None,
    }
}

/// A 2019-template report whose table 3 total column holds `t3` (row key, value; other
/// rows 0) and whose table 4 holds `t4`; the row's line is its index + 10.
fn report(agency: &str, t3: &[(&'static str, Cell)], t4: Option<Vec<Cell>>) -> Report {
    let def = TemplateVersion::V2019.template().table(TableId::T3);
    let total = def.rows[0].total().expect("table 3 has a 总计 column");
    let rows = def
        .rows
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut cells: Vec<Cell> = (0..7).map(|_| num(0.0, 10 + i as u32)).collect();
            if let Some((_, c)) = t3.iter().find(|(k, _)| *k == d.key) {
                cells[total] = c.clone();
            }
            Row {
                key: d.key,
                label: d.label.to_string(),
                cells,
                span: span(10 + i as u32),
                unplaced: Vec::new(),
            }
        })
        .collect();
    let table = |id, rows| Table {
        id,
        rows,
        span: span(1),
    };
    Report {
        path: format!("{agency}.txt"),
        encoding: "UTF-8".into(),
        format: SourceFormat::Text,
        source: SourceText::default(),
        content_hash: 0,
        title: None,
        agency: Some(Located {
            value: agency.to_string(),
            span: span(1),
        }),
        year: Some(Located {
            value: 2020,
            span: span(2),
        }),
        published: Some(Located {
            value: Date::new(2021, 2, 4).expect("a valid date"),
            span: span(3),
        }),
        period: None,
        template: Some(TemplateVersion::V2019),
        sections: Vec::new(),
        narrative: Vec::new(),
        corrections: Vec::new(),
        tables: std::sync::Arc::new(Tables {
            t2: None,
            t3: Some(table(TableId::T3, rows)),
            t4: t4.map(|cells| {
                table(
                    TableId::T4,
                    vec![Row {
                        key: "all",
                        label: String::new(),
                        cells,
                        span: span(50),
                        unplaced: Vec::new(),
                    }],
                )
            }),
        }),
        findings: Vec::new(),
    }
}

fn get(ri: &ReportIndicators, id: IndicatorId) -> &Indicator {
    ri.get(id).expect("every indicator is computed")
}

#[test]
fn table3_rates_with_their_cells() {
    let r = report(
        "循化县人民政府",
        &[
            ("granted", num(20.0, 12)),
            ("partial", num(4.0, 13)),
            ("denied_secret", num(3.0, 14)),
            ("denied_law", blank(15)),
            ("unable_no_info", num(6.0, 22)),
            ("processed_total", num(40.0, 30)),
            ("new", num(38.0, 10)),
        ],
        None,
    );
    let ri = compute(&r, &IndicatorConfig::default());
    let d = get(&ri, IndicatorId::Disclosure);
    assert_eq!(d.value, Some(0.6));
    assert_eq!((d.numerator, d.denominator), (Some(24.0), Some(40.0)));
    assert!(d.rated);
    let refs: Vec<(&str, Option<f64>, Vec<u32>)> = d
        .inputs
        .iter()
        .map(|i| (i.reference.as_str(), i.value, i.lines.clone()))
        .collect();
    assert_eq!(
        refs,
        vec![
            ("t3.granted.total", Some(20.0), vec![12]),
            ("t3.partial.total", Some(4.0), vec![13]),
            ("t3.processed_total.total", Some(40.0), vec![30]),
        ]
    );
    // A blank cell counts as 0 and is still an input.
    let den = get(&ri, IndicatorId::Denial);
    assert_eq!(den.value, Some(3.0 / 40.0));
    assert_eq!(den.inputs.len(), 9);
    assert_eq!(den.inputs[1].value, Some(0.0));
    assert_eq!(get(&ri, IndicatorId::Unable).value, Some(6.0 / 40.0));
    assert_eq!(get(&ri, IndicatorId::Applications).value, Some(38.0));
    // County government, 2020: deadline 2021-03-31, published 2021-02-04.
    assert_eq!(get(&ri, IndicatorId::DaysLate).value, Some(0.0));
    assert_eq!(ri.level, Some(AgencyLevel::CountyOrAbove));
}

#[test]
fn missing_cells_small_and_zero_denominators() {
    let r = report(
        "临夏县漫路乡",
        &[
            ("partial", Cell::missing()),
            ("processed_total", num(5.0, 30)),
        ],
        None,
    );
    let ri = compute(&r, &IndicatorConfig::default());
    let d = get(&ri, IndicatorId::Disclosure);
    assert_eq!((d.value, d.rated), (None, false));
    assert!(d.note.as_deref().is_some_and(|n| n.contains("缺失")));
    // 0 of 5 denied: a value, but under 30 applications it is not rated.
    let den = get(&ri, IndicatorId::Denial);
    assert_eq!((den.value, den.rated), (Some(0.0), false));
    assert!(den.note.as_deref().is_some_and(|n| n.contains("少于 30")));
    let cfg = IndicatorConfig {
        min_applications: 5.0,
        ..IndicatorConfig::default()
    };
    assert!(get(&compute(&r, &cfg), IndicatorId::Denial).rated);
    // Township, 2020: deadline 2021-01-31, published 2021-02-04.
    assert_eq!(get(&ri, IndicatorId::DaysLate).value, Some(4.0));
    // No table 4: no correction rate.
    assert_eq!(get(&ri, IndicatorId::Correction).value, None);
    let zero = report("临夏县漫路乡", &[("processed_total", num(0.0, 30))], None);
    let z = compute(&zero, &IndicatorConfig::default());
    assert_eq!(get(&z, IndicatorId::Disclosure).value, None);
}

#[test]
fn correction_rate_per_group_and_overall() {
    // review: upheld 10, corrected 4, other 1, pending 5, total 20 → 4 / 15
    // suit_direct: all blank; suit_after_review: corrected 2, total 2 → 2 / 2
    let mut t4: Vec<Cell> = vec![
        num(10.0, 50),
        num(4.0, 50),
        num(1.0, 50),
        num(5.0, 50),
        num(20.0, 50),
    ];
    t4.extend((0..5).map(|_| blank(50)));
    t4.extend([
        num(0.0, 51),
        num(2.0, 51),
        num(0.0, 51),
        num(0.0, 51),
        num(2.0, 51),
    ]);
    let r = report("某市生态环境局", &[], Some(t4));
    let cfg = IndicatorConfig {
        min_cases: 10.0,
        ..IndicatorConfig::default()
    };
    let ri = compute(&r, &cfg);
    let all = get(&ri, IndicatorId::Correction);
    assert_eq!((all.numerator, all.denominator), (Some(6.0), Some(17.0)));
    assert!(all.rated);
    assert_eq!(all.inputs.len(), 9);
    let rv = get(&ri, IndicatorId::CorrectionReview);
    assert_eq!(rv.value, Some(4.0 / 15.0));
    assert_eq!(
        rv.inputs
            .iter()
            .map(|i| i.reference.as_str())
            .collect::<Vec<_>>(),
        [
            "t4.review.corrected",
            "t4.review.total",
            "t4.review.pending"
        ]
    );
    assert_eq!(get(&ri, IndicatorId::CorrectionSuitDirect).value, None);
    let sar = get(&ri, IndicatorId::CorrectionSuitAfterReview);
    assert_eq!((sar.value, sar.rated), (Some(1.0), false));
    assert_eq!(ri.level, Some(AgencyLevel::Department));
    // Department, 2020: deadline 2021-01-31.
    assert_eq!(get(&ri, IndicatorId::DaysLate).value, Some(4.0));
    // Risk: 6/17 = 35% > 15% → R04.
    let f = risk::findings(&ri, &cfg);
    assert_eq!(f.iter().map(|f| f.rule).collect::<Vec<_>>(), ["R04"]);
    assert!(f[0].message.contains("35.3%"), "{}", f[0].message);
    assert_eq!(f[0].lines, vec![50, 51]);
}

#[test]
fn positions_within_level_and_year_only() {
    let mk = |agency: &str, granted: f64| {
        report(
            agency,
            &[
                ("granted", num(granted, 12)),
                ("processed_total", num(100.0, 30)),
            ],
            None,
        )
    };
    let reports = vec![
        mk("甲县人民政府", 30.0),
        mk("乙县人民政府", 50.0),
        mk("丙县人民政府", 50.0),
        mk("丁县人民政府", 90.0),
        mk("某镇", 10.0),
    ];
    let all = for_reports(&reports, &IndicatorConfig::default());
    let pos = |i: usize| {
        all[i]
            .get(IndicatorId::Disclosure)
            .and_then(|d| d.position)
            .map(|p| (p.rank, p.of, p.quantile))
    };
    assert_eq!(pos(0), Some((4, 4, Some(0.0))));
    assert_eq!(pos(1), Some((2, 4, Some(0.5))));
    assert_eq!(pos(2), Some((2, 4, Some(0.5))));
    assert_eq!(pos(3), Some((1, 4, Some(1.0))));
    // The township is alone in its group.
    assert_eq!(pos(4), Some((1, 1, None)));
    // R01 (below 40%) for 甲县 and the township, none for the others.
    let cfg = IndicatorConfig::default();
    let r01: Vec<usize> = (0..5)
        .filter(|i| {
            risk::findings(&all[*i], &cfg)
                .iter()
                .any(|f| f.rule == "R01")
        })
        .collect();
    assert_eq!(r01, vec![0, 4]);
}

#[test]
fn display_values() {
    assert_eq!(display(IndicatorId::Disclosure, Some(0.375)), "37.5%");
    assert_eq!(display(IndicatorId::Disclosure, Some(0.4)), "40%");
    assert_eq!(display(IndicatorId::Applications, Some(12.0)), "12");
    assert_eq!(display(IndicatorId::DaysLate, None), "NA");
}

/// The lean folder indicators give back, report by report, exactly what `for_reports`
/// keeps: the same values, notes, positions and inputs; `each` sees the inputs.
#[test]
fn lean_indicators_are_the_full_ones_computed_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    crate::generate::generate(dir.path(), 120, 3).expect("generate");
    let corpus = crate::corpus::load_dir(dir.path());
    let cfg = IndicatorConfig::default();
    let all = for_reports(&corpus.reports, &cfg);
    let (lean, inputs) = for_reports_lean(&corpus.reports, &cfg, |ri| {
        ri.items.iter().map(|i| i.inputs.len()).sum::<usize>()
    });
    assert_eq!(lean.len(), all.len());
    let mut positioned = 0;
    for (i, r) in corpus.reports.iter().enumerate() {
        let full = lean.full(i, r).expect("every report has indicators");
        assert_eq!(full, all[i], "{}", r.path);
        let n: usize = all[i].items.iter().map(|x| x.inputs.len()).sum();
        assert_eq!(inputs[i], n, "{}", r.path);
        positioned += full.items.iter().filter(|x| x.position.is_some()).count();
    }
    assert!(positioned > 100, "{positioned}");
    assert!(lean.full(all.len(), &corpus.reports[0]).is_none());
}
