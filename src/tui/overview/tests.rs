//! The overview's model: rows, items, moving, fitting (no drawing).

use super::*;
use crate::corpus::Corpus;
use crate::indicators::IndicatorConfig;
use crate::model::ReportIx;
use crate::model::{Finding, Report, Severity};

/// A report of `agency` and `year` with one error finding per rule in `rules`.
fn report(agency: &str, year: i32, rules: &[&'static str]) -> Report {
    let mut r = crate::tree::tests::report(&format!("{agency}-{year}.txt"), agency, year, 0);
    r.findings = rules
        .iter()
        .map(|rule| Finding {
            rule: crate::validate::rule_info(rule)
                .expect("a catalogue rule")
                .id,
            severity: Severity::Error,
            message: String::new(),
            section: None,
            table: None,
            row: None,
            column: None,
            lines: vec![],
        })
        .collect();
    r
}

fn overview() -> Overview {
    let c = Corpus::loaded(
        None,
        vec![
            report("甲县人民政府", 2020, &["A01", "A01", "S05"]),
            report("乙县人民政府", 2020, &["A01"]),
            report("丙县人民政府", 2021, &[]),
        ],
        vec![],
    );
    Overview::new(Summary::build(&c, &[], None, &IndicatorConfig::default()))
}

#[test]
fn lateness_counts_template_reports_only() {
    let c = Corpus::loaded(
        None,
        vec![
            report("甲县人民政府", 2020, &[]),
            report("甲县人民政府", 2017, &[]),
        ],
        vec![],
    );
    let s = Summary::build(&c, &[], None, &IndicatorConfig::default());
    assert_eq!(s.kinds, [1, 1, 0]);
    let counted: Vec<ReportIx> = s.late.iter().flat_map(|b| b.reports.clone()).collect();
    assert_eq!(counted, vec![ReportIx::new(0)]);
}

#[test]
fn rules_count_findings_and_reports_most_first() {
    let ov = overview();
    let s = &ov.summary;
    assert_eq!(s.loaded, 3);
    assert_eq!(s.agencies, 3);
    let a01 = s.rule("A01").expect("A01");
    assert_eq!(
        (a01.findings, a01.reports.clone()),
        (3, vec![ReportIx::new(0), ReportIx::new(1)])
    );
    assert_eq!(s.rules[0].rule, "A01");
    assert_eq!(
        s.rule("S05").map(|b| b.reports.clone()),
        Some(vec![ReportIx::new(0)])
    );
    // No publication date: lateness cannot be computed for any report.
    assert_eq!(
        s.late[5].reports,
        vec![ReportIx::new(0), ReportIx::new(1), ReportIx::new(2)]
    );
    assert_eq!(s.years.len(), 2);
    assert_eq!(s.years[0].reports, 2);
}

#[test]
fn items_in_reading_order_and_sections() {
    let mut ov = overview();
    let items = ov.items();
    assert_eq!(items[0], Item::Rule(0));
    assert_eq!(items[2], Item::Late(0));
    assert_eq!(*items.last().unwrap(), Item::Indicator(4));
    ov.step_section(true);
    assert_eq!(ov.selected_item(), Some(Item::Late(0)));
    ov.step_section(true);
    assert_eq!(ov.selected_item(), Some(Item::Indicator(0)));
    ov.step_section(true);
    assert_eq!(ov.selected_item(), Some(Item::Rule(0)));
    ov.step_section(false);
    assert_eq!(ov.selected_item(), Some(Item::Indicator(0)));
    ov.move_by(100);
    assert_eq!(ov.selected_item(), Some(Item::Indicator(4)));
    ov.page(6, false);
    assert_eq!(ov.selected_item(), Some(Item::Indicator(2)));
}

#[test]
fn fitting_keeps_the_selection_in_view_in_both_layouts() {
    let mut ov = overview();
    let narrow = plan(Rect::new(0, 0, 80, 23));
    assert!(!narrow.wide());
    ov.move_by(100);
    ov.fit(&narrow);
    let (c, first, last) = ov.locate(Item::Indicator(4), false).unwrap();
    let h = narrow.height(c);
    assert!(ov.scroll[0] <= first && last < ov.scroll[0] + h);
    ov.selected = 0;
    ov.fit(&narrow);
    assert_eq!(ov.scroll[0], 0);
    let wide = plan(Rect::new(0, 0, 120, 39));
    assert!(wide.wide());
    ov.select(Item::Late(0));
    ov.fit(&wide);
    assert_eq!(ov.locate(Item::Late(0), true).map(|l| l.0), Some(1));
    assert_eq!(ov.scroll, [0, 0]);
}
