//! Unit tests of the navigation tree.

use super::*;
use crate::model::{Finding, LoadError, Located, SourceFormat, SourceText, Span};

fn ix(i: usize) -> ReportIx {
    ReportIx::new(i)
}

pub(crate) fn report(path: &str, agency: &str, year: i32, errors: usize) -> Report {
    let f = |i: usize| Finding {
        rule: crate::validate::ids::A01,
        severity: Severity::Error,
        message: format!("错误{i}"),
        section: Some(3),
        table: Some(TableId::T3),
        row: Some("new"),
        column: Some("total"),
        lines: vec![1],
    };
    Report {
        path: path.into(),
        encoding: "UTF-8".into(),
        format: SourceFormat::Text,
        source: SourceText::new("x".into()),
        content_hash: 0,
        title: None,
        agency: Some(Located {
            value: agency.into(),
            span: Span::default(),
        }),
        year: Some(Located {
            value: year,
            span: Span::default(),
        }),
        published: None,
        period: None,
        template: None,
        sections: vec![],
        tables: Default::default(),
        findings: (0..errors).map(f).collect(),
        narrative: vec![],
        corrections: vec![],
    }
}

fn corpus(reports: Vec<Report>) -> Corpus {
    Corpus::loaded(None, reports, vec![])
}

fn data() -> Vec<Report> {
    vec![
        report("a/xunhua-2021.txt", "循化县", 2021, 0),
        report("a/manlu.txt", "漫路乡", 2020, 1),
        report("a/xunhua-2020.txt", "循化县", 2020, 3),
    ]
}

fn labels(t: &Tree) -> Vec<String> {
    t.rows()
        .iter()
        .map(|r| format!("{}{}", "  ".repeat(r.depth.into()), r.label))
        .collect()
}

#[test]
fn groups_by_agency_and_orders_reports_by_year() {
    let reports = corpus(data());
    let mut t = Tree::new();
    t.refresh(&reports);
    // In pinyin order: man lu, xun hua.
    assert_eq!(labels(&t), vec!["漫路乡", "循化县"]);
    assert_eq!((t.rows()[0].errors, t.rows()[1].errors), (1, 3));
    t.move_by(1);
    t.expand(&reports);
    assert_eq!(
        labels(&t)[2..4],
        ["  2020  xunhua-2020.txt", "  2021  xunhua-2021.txt"]
    );
}

#[test]
fn expand_report_shows_six_sections_and_tables() {
    let reports = corpus(data());
    let mut t = Tree::new();
    assert!(t.reveal(&NodeId::Table(ix(2), TableId::T3), &reports));
    let sel = t.selected_row().cloned().unwrap();
    assert_eq!(sel.id, NodeId::Table(ix(2), TableId::T3));
    assert!(sel.absent);
    assert_eq!(sel.errors, 3);
    let sections = t
        .rows()
        .iter()
        .filter(|r| r.id.report() == Some(ix(2)) && matches!(r.id, NodeId::Section(..)))
        .count();
    assert_eq!(sections, 6);
}

#[test]
fn collapse_goes_to_parent_then_collapses() {
    let reports = corpus(data());
    let mut t = Tree::new();
    t.reveal(&NodeId::Report(ix(2)), &reports);
    assert!(!t.collapse(&reports));
    assert_eq!(
        t.selected_row().map(|r| r.id.clone()),
        Some(NodeId::Agency("循化县".into()))
    );
    assert!(t.collapse(&reports));
    t.refresh(&reports);
    assert_eq!(t.rows().len(), 2);
}

#[test]
fn sort_by_errors_and_filter_only_errors() {
    let mut reports = data();
    reports.push(report("b/clean.txt", "建塘镇", 2022, 0));
    let reports = corpus(reports);
    let mut t = Tree::new();
    t.toggle_sort(&reports);
    assert_eq!(labels(&t), vec!["循化县", "漫路乡", "建塘镇"]);
    t.toggle_only_errors(&reports);
    assert_eq!(labels(&t), vec!["循化县", "漫路乡"]);
    t.reveal(&NodeId::Agency("循化县".into()), &reports);
    t.expand(&reports);
    // The 2021 report has no errors and is hidden.
    assert_eq!(labels(&t)[1], "  2020  xunhua-2020.txt");
    assert_eq!(t.rows().len(), 3);
}

#[test]
fn filter_only_undecided_uses_the_review_marks() {
    let mut reports = data();
    reports.push(report("b/clean.txt", "建塘镇", 2022, 0));
    let reports = corpus(reports);
    let mut t = Tree::new();
    let marks = vec![
        ReviewMark::default(),
        ReviewMark {
            undecided: 1,
            status: Some(ReportStatus::InProgress),
        },
        ReviewMark {
            undecided: 2,
            status: None,
        },
    ];
    t.set_marks(marks, &reports);
    // Agencies sum their reports' undecided findings.
    let undecided: Vec<(String, usize)> = t
        .rows()
        .iter()
        .map(|r| (r.label.clone(), r.undecided))
        .collect();
    assert_eq!(
        undecided,
        vec![
            ("建塘镇".to_string(), 0),
            ("漫路乡".to_string(), 1),
            ("循化县".to_string(), 2)
        ]
    );
    t.toggle_only_undecided(&reports);
    assert!(t.only_undecided());
    // 建塘镇 has no mark (nothing undecided) and is hidden, as is xunhua 2021.
    assert_eq!(labels(&t), vec!["漫路乡", "循化县"]);
    t.reveal(&NodeId::Report(ix(1)), &reports);
    let row = t.selected_row().cloned().unwrap();
    assert_eq!(
        (row.undecided, row.status),
        (1, Some(ReportStatus::InProgress))
    );
    t.reveal(&NodeId::Agency("循化县".into()), &reports);
    t.expand(&reports);
    let at = labels(&t).iter().position(|l| l == "循化县").unwrap();
    assert_eq!(labels(&t)[at + 1], "  2020  xunhua-2020.txt");
    assert_eq!(t.report_order(&reports), vec![ix(1), ix(2)]);
    // Deciding the last finding of a report drops it from the filtered tree.
    t.update_mark(ix(2), ReviewMark::default(), &reports);
    assert_eq!(labels(&t), vec!["漫路乡", "  2020  manlu.txt"]);
    t.toggle_only_undecided(&reports);
    assert_eq!(t.rows().iter().filter(|r| r.depth == 0).count(), 3);
}

#[test]
fn one_agency_under_two_names_is_one_node() {
    let reports = corpus(vec![
        report("a/xunhua-2020.txt", "海东市循化县", 2020, 1),
        report("a/xunhua-2021.txt", "循化县人民政府", 2021, 0),
        report("a/hualong.txt", "化隆县", 2021, 0),
    ]);
    let mut t = Tree::new();
    t.refresh(&reports);
    assert_eq!(labels(&t), vec!["化隆县", "循化县人民政府"]);
    assert!(t.reveal(&NodeId::Report(ix(1)), &reports));
    assert_eq!(
        labels(&t)[1..4],
        [
            "循化县人民政府",
            "  2020  xunhua-2020.txt",
            "  2021  xunhua-2021.txt"
        ]
    );
}

#[test]
fn failed_files_are_listed_with_reason() {
    let failed = vec![LoadError {
        path: "x/bad.bin".into(),
        error: "not a text or HTML file".into(),
    }];
    let mut t = Tree::new();
    let c = Corpus::loaded(None, vec![], failed);
    assert!(t.reveal(&NodeId::Failed(0), &c));
    assert_eq!(
        labels(&t),
        vec!["无法读取的文件 (1)", "  bad.bin: not a text or HTML file"]
    );
}

#[test]
fn selection_survives_rebuild_and_is_clamped() {
    let reports = corpus(data());
    let mut t = Tree::new();
    t.refresh(&reports);
    t.move_by(1);
    t.refresh(&reports);
    assert_eq!(t.selected_row().map(|r| r.label.as_str()), Some("循化县"));
    t.move_by(100);
    assert_eq!(t.selected(), 1);
    t.move_by(-100);
    assert_eq!(t.selected(), 0);
    let mut empty = Tree::new();
    let none = corpus(vec![]);
    empty.refresh(&none);
    empty.move_by(1);
    assert!(empty.selected_row().is_none());
    assert!(!empty.expand(&none));
    assert!(!empty.collapse(&none));
}

#[test]
fn a_report_filter_lists_exactly_its_reports_and_clears() {
    let c = Corpus::loaded(
        None,
        vec![
            report("a/1.txt", "甲县人民政府", 2020, 1),
            report("b/1.txt", "乙县人民政府", 2020, 0),
            report("a/2.txt", "甲县人民政府", 2021, 2),
        ],
        vec![],
    );
    let mut t = Tree::new();
    t.refresh(&c);
    t.set_filter("规则 A01".into(), [ix(0), ix(2)].into_iter().collect(), &c);
    assert_eq!(t.report_order(&c), vec![ix(0), ix(2)]);
    assert_eq!(t.filter().map(|f| f.label.as_str()), Some("规则 A01"));
    // The agency is opened and its first report selected.
    assert_eq!(
        t.selected_row().map(|r| r.id.clone()),
        Some(NodeId::Report(ix(0)))
    );
    assert!(t.rows().iter().all(|r| r.label != "乙县人民政府"));
    assert!(t.clear_filter(&c));
    assert!(!t.clear_filter(&c));
    assert_eq!(t.report_order(&c).len(), 3);
    t.set_filter("x".into(), [ix(1)].into_iter().collect(), &c);
    t.reset();
    assert!(t.filter().is_none());
}
