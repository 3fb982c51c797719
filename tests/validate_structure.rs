//! S-rules on hand-built reports: each fires where it must and stays quiet where it must.

mod common;

use common::*;
use nianbao::model::Severity::{Error, Info, Warning};
use nianbao::template::{TableId, TemplateVersion};

#[test]
fn a_complete_report_has_no_findings() {
    assert_clean(&Fixture::new(2020).validated());
    assert_clean(&Fixture::new(2022).validated());
}

#[test]
fn s01_missing_sections_by_severity() {
    let r = Fixture::new(2020)
        .no_section(1)
        .no_section(3)
        .no_section(6)
        .validated();
    let fs = of(&r, "S01");
    let got: Vec<_> = fs.iter().map(|f| (f.section, f.severity)).collect();
    assert_eq!(
        got,
        vec![(Some(3), Error), (Some(1), Warning), (Some(6), Warning)]
    );
    assert!(
        fs[0].message.contains("三、收到和处理政府信息公开申请情况"),
        "{}",
        fs[0].message
    );
    // The missing table of a missing section is also reported.
    assert_eq!(one(&r, "S04").table, Some(TableId::T3));
    assert!(of(&Fixture::new(2020).validated(), "S01").is_empty());
}

#[test]
fn s02_titles_compare_folded() {
    let r = Fixture::new(2020)
        .title(1, "一、 2020年度 政务公开活动工作情况")
        .title(3, "三、收到和处理政府信息公开申请情况 表")
        .title(4, "四. 政府信息公开行政复议、行政诉讼情况")
        .title(6, "六、下步工作计划")
        .validated();
    let secs: Vec<_> = of(&r, "S02").iter().map(|f| f.section).collect();
    assert_eq!(secs, vec![Some(1), Some(6)]);
    let f = of(&r, "S02")[1];
    assert_eq!(f.severity, Info);
    assert!(f.message.contains("六、下步工作计划"));
    assert_eq!(f.lines.len(), 1);
}

#[test]
fn s03_empty_section() {
    let r = Fixture::new(2020).text(6, "").validated();
    let f = one(&r, "S03");
    assert_eq!((f.section, f.severity), (Some(6), Warning));
    // A table section has content even with no prose.
    assert!(of(&Fixture::new(2020).text(2, "").validated(), "S03").is_empty());
}

#[test]
fn s04_table_not_found() {
    let r = Fixture::new(2020).no_table(TableId::T4).validated();
    let f = one(&r, "S04");
    assert_eq!(
        (f.table, f.severity, f.section),
        (Some(TableId::T4), Error, Some(4))
    );
    assert!(of(&Fixture::new(2020).validated(), "S04").is_empty());
}

#[test]
fn s05_rows_not_found_in_found_tables() {
    let r = Fixture::new(2020)
        .no_row(TableId::T2, "fees")
        .no_row(TableId::T3, "denied_law")
        .validated();
    let rows: Vec<_> = of(&r, "S05").iter().map(|f| f.row).collect();
    assert_eq!(rows, vec![Some("fees"), Some("denied_law")]);
    assert!(
        of(&r, "S05")
            .iter()
            .all(|f| f.severity == Error && !f.lines.is_empty())
    );
    // A missing table is S04's, not one S05 per row.
    let r = Fixture::new(2020).no_table(TableId::T3).validated();
    assert!(of(&r, "S05").is_empty());
    // The 2021 template has no procurement row: not expected there.
    assert!(of(&Fixture::new(2022).validated(), "S05").is_empty());
}

#[test]
fn s06_missing_cells_count_found_values() {
    let r = Fixture::new(2020)
        .t3("new", "legal", Missing)
        .t3("new", "other", Missing)
        .unplaced(TableId::T3, "new", &["0"])
        .validated();
    let f = one(&r, "S06");
    assert_eq!(f.row, Some("new"));
    assert_eq!(
        f.message,
        "一、本年新收政府信息公开申请数量：找到 6 个数值，应有 7 个，位置无法确定"
    );
    // Located missing columns are named.
    let r = Fixture::new(2020)
        .t3("granted", "legal", Missing)
        .validated();
    assert!(one(&r, "S06").message.contains("缺少“法律服务机构”"));
    // Blank is not missing.
    assert!(
        of(
            &Fixture::new(2020).t3("new", "legal", Blank).validated(),
            "S06"
        )
        .is_empty()
    );
}

#[test]
fn s06_table_four_without_values_says_so() {
    let mut fx = Fixture::new(2020);
    for g in ["review", "suit_direct", "suit_after_review"] {
        for p in ["upheld", "corrected", "other", "pending", "total"] {
            let key: &'static str = Box::leak(format!("{g}.{p}").into_boxed_str());
            fx = fx.t4(key, Missing);
        }
    }
    let r = fx.validated();
    let f = one(&r, "S06");
    assert_eq!(f.message, "表四：未找到任何数值，应有 15 个");
    // Nothing is assessable, so A04 and C02 stay quiet.
    assert!(of(&r, "A04").is_empty());
}

#[test]
fn s07_invalid_cell_quotes_its_text() {
    let r = Fixture::new(2020)
        .t3("new", "natural", Invalid("十二"))
        .validated();
    let f = one(&r, "S07");
    assert_eq!(f.severity, Warning);
    assert_eq!(f.column, Some("natural"));
    assert!(f.message.contains("“十二”"), "{}", f.message);
    assert_eq!(f.lines.len(), 1);
    // Invalid is unknown: the row's sum is not assessable.
    assert!(of(&r, "A01").is_empty());
    // Control characters from the file never reach the message raw.
    let r = Fixture::new(2020)
        .t3("new", "natural", Invalid("1\u{1b}[2J"))
        .validated();
    assert!(!one(&r, "S07").message.contains('\u{1b}'));
}

#[test]
fn s08_template_version_against_year() {
    let r = Fixture::new(2021)
        .template(Some(TemplateVersion::V2019))
        .validated();
    let f = one(&r, "S08");
    assert!(
        f.message.contains("2019") && f.message.contains("2021"),
        "{}",
        f.message
    );
    assert!(of(&Fixture::new(2021).validated(), "S08").is_empty());
    // Unknown version: nothing to compare.
    assert!(of(&Fixture::new(2021).template(None).validated(), "S08").is_empty());
}

#[test]
fn s09_agency_or_year_not_found() {
    let r = Fixture::new(2020).agency(None).year(None).validated();
    assert_eq!(severities(&r, "S09"), vec![Info, Info]);
    assert!(of(&Fixture::new(2020).validated(), "S09").is_empty());
}

#[test]
fn s10_one_finding_per_table_with_the_count() {
    let r = Fixture::new(2020)
        .t3("new", "legal", Blank)
        .t3("new", "other", Blank)
        .t4("review.upheld", Blank)
        .validated();
    let fs = of(&r, "S10");
    assert_eq!(fs.len(), 2);
    assert!(
        fs[0].message.contains("2 个空白单元格"),
        "{}",
        fs[0].message
    );
    assert_eq!(fs[0].lines.len(), 2);
    assert!(fs[1].message.contains("1 个空白单元格"));
    assert!(
        of(
            &Fixture::new(2020).t3("new", "legal", Missing).validated(),
            "S10"
        )
        .is_empty()
    );
}

#[test]
fn findings_are_sorted_errors_first_then_location() {
    let r = Fixture::new(2020)
        .no_section(6)
        .no_row(TableId::T3, "carried_over")
        .no_row(TableId::T2, "fees")
        .t3("new", "natural", N(1.0))
        .validated();
    let order: Vec<_> = r
        .findings
        .iter()
        .map(|f| (f.severity, f.rule.as_str(), f.row))
        .collect();
    assert_eq!(order[0], (Error, "S05", Some("fees")));
    // Template row order within table 3: 一 (new) before 二 (carried_over).
    assert_eq!(order[1], (Error, "A01", Some("new")));
    assert_eq!(order[2], (Error, "S05", Some("carried_over")));
    assert!(order.iter().rev().take_while(|o| o.0 != Error).count() > 0);
    let sevs: Vec<_> = r.findings.iter().map(|f| f.severity).collect();
    let mut sorted = sevs.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(sevs, sorted);
}
