//! A-rules: blank counts as 0, a blank total is a warning with the expected value, a wrong
//! number is an error, and a missing or invalid cell makes the sum not assessable.

mod common;

use common::*;
use nianbao::model::Severity::{Error, Warning};
use nianbao::template::TableId;

/// One application from a natural person, granted, carried through every total.
fn one_granted() -> Fixture {
    Fixture::new(2020)
        .t3("new", "natural", N(1.0))
        .t3("new", "total", N(1.0))
        .t3("granted", "natural", N(1.0))
        .t3("granted", "total", N(1.0))
        .t3("processed_total", "natural", N(1.0))
        .t3("processed_total", "total", N(1.0))
}

#[test]
fn consistent_sums_are_quiet() {
    assert_clean(&one_granted().validated());
    // Blanks count as zero.
    let r = one_granted()
        .t3("new", "legal", Blank)
        .t3("granted", "legal", Blank)
        .validated();
    assert!(
        r.findings.iter().all(|f| f.rule == "S10"),
        "{:#?}",
        r.findings
    );
}

#[test]
fn a01_row_total() {
    let r = one_granted().t3("new", "total", N(2.0)).validated();
    let f = one(&r, "A01");
    assert_eq!(
        (f.severity, f.row, f.column),
        (Error, Some("new"), Some("total"))
    );
    assert_eq!(
        f.message,
        "一、本年新收政府信息公开申请数量·总计列：六类申请人之和为 1，表中为 2"
    );
    assert_eq!(f.lines.len(), 7, "every cell of the row");
    // Blank total while the parts sum to 1: a warning stating the expected value.
    let r = one_granted().t3("granted", "total", Blank).validated();
    let f = one(&r, "A01");
    assert_eq!(f.severity, Warning);
    assert!(
        f.message.contains("六类申请人之和为 1，表中为空"),
        "{}",
        f.message
    );
    // A missing part: not assessable.
    let r = one_granted()
        .t3("new", "total", N(2.0))
        .t3("new", "legal", Missing)
        .validated();
    assert!(of(&r, "A01").is_empty());
    // A blank row is consistent.
    let r = Fixture::new(2020)
        .t3("denied_law", "total", Blank)
        .t3("denied_law", "natural", Blank)
        .validated();
    assert!(of(&r, "A01").is_empty());
}

#[test]
fn a02_result_total_per_column() {
    let r = one_granted()
        .t3("denied_secret", "natural", N(1.0))
        .t3("denied_secret", "total", N(1.0))
        .t3("new", "natural", N(2.0))
        .t3("new", "total", N(2.0))
        .validated();
    let fs = of(&r, "A02");
    assert_eq!(fs.len(), 2, "{fs:#?}");
    assert_eq!(fs[0].column, Some("natural"));
    assert_eq!(fs[0].message, "（七）总计·自然人列：各项之和为 2，表中为 1");
    assert!(fs.iter().all(|f| f.severity == Error));
    // Blank （七）总计 while a result row has 1: warning with the expected value.
    let r = one_granted()
        .t3("processed_total", "natural", Blank)
        .t3("processed_total", "total", Blank)
        .validated();
    let fs = of(&r, "A02");
    assert_eq!(fs.len(), 2);
    assert_eq!(fs[1].message, "（七）总计·总计列：各项之和为 1，表中为空");
    assert!(fs.iter().all(|f| f.severity == Warning));
    // Missing cell in a result row: that column is not assessable, others are.
    let r = one_granted()
        .t3("processed_total", "natural", N(5.0))
        .t3("refused_repeat", "natural", Missing)
        .validated();
    assert!(of(&r, "A02").is_empty());
    // 2021 template: the three （六） sub-rows are results too.
    let r = Fixture::new(2022)
        .t3("other_misc", "research", N(1.0))
        .t3("other_misc", "total", N(1.0))
        .validated();
    let cols: Vec<_> = of(&r, "A02").iter().map(|f| f.column).collect();
    assert_eq!(cols, vec![Some("research"), Some("total")]);
}

#[test]
fn a02_is_not_assessable_without_a_result_row() {
    let r = one_granted()
        .t3("processed_total", "natural", N(9.0))
        .no_row(TableId::T3, "denied_query")
        .validated();
    assert!(of(&r, "A02").is_empty());
    assert_eq!(one(&r, "S05").row, Some("denied_query"));
}

#[test]
fn a03_balance_per_column() {
    // One new application but nothing processed or carried forward: （七） wrong.
    let r = Fixture::new(2020)
        .t3("new", "natural", N(1.0))
        .t3("new", "total", N(1.0))
        .validated();
    let fs = of(&r, "A03");
    assert_eq!(fs.len(), 2);
    assert_eq!(fs[0].message, "自然人列：一 + 二 = 1，（七）总计 + 四 = 0");
    assert!(fs.iter().all(|f| f.severity == Error));
    assert_eq!(fs[0].lines.len(), 4);
    // Carried forward balances it.
    let r = Fixture::new(2020)
        .t3("new", "natural", N(1.0))
        .t3("new", "total", N(1.0))
        .t3("carried_forward", "natural", N(1.0))
        .t3("carried_forward", "total", N(1.0))
        .validated();
    assert!(of(&r, "A03").is_empty());
    // Blank （七）总计: warning.
    let r = Fixture::new(2020)
        .t3("carried_over", "natural", N(1.0))
        .t3("carried_over", "total", N(1.0))
        .t3("processed_total", "natural", Blank)
        .validated();
    let fs = of(&r, "A03");
    let by_col = |c: &str| fs.iter().find(|f| f.column == Some(c)).copied();
    let natural = by_col("natural").expect("natural column");
    assert_eq!(natural.severity, Warning);
    assert!(natural.message.contains("（（七）总计为空）"));
    let total = by_col("total").expect("total column");
    assert_eq!(
        total.severity, Error,
        "the 总计 column's （七） is a number"
    );
    // Missing carried_forward cell: not assessable.
    let r = Fixture::new(2020)
        .t3("new", "natural", N(1.0))
        .t3("new", "total", N(1.0))
        .t3("carried_forward", "natural", Missing)
        .t3("carried_forward", "total", Missing)
        .validated();
    assert!(of(&r, "A03").is_empty());
}

#[test]
fn a04_table_four_groups() {
    let r = Fixture::new(2020)
        .t4("review.upheld", N(1.0))
        .t4("review.total", N(2.0))
        .validated();
    let f = one(&r, "A04");
    assert_eq!((f.severity, f.column), (Error, Some("review.total")));
    assert_eq!(
        f.message,
        "行政复议·总计：维持 + 纠正 + 其他 + 尚未审结 = 1，表中为 2"
    );
    let r = Fixture::new(2020)
        .t4("suit_direct.pending", N(1.0))
        .t4("suit_direct.total", Blank)
        .validated();
    let f = one(&r, "A04");
    assert_eq!((f.severity, f.column), (Warning, Some("suit_direct.total")));
    assert!(f.message.ends_with("= 1，表中为空"));
    let r = Fixture::new(2020)
        .t4("suit_after_review.other", Missing)
        .t4("suit_after_review.total", N(3.0))
        .validated();
    assert!(of(&r, "A04").is_empty());
    let r = Fixture::new(2020)
        .t4("review.upheld", N(1.0))
        .t4("review.total", N(1.0))
        .validated();
    assert!(of(&r, "A04").is_empty());
}

#[test]
fn a05_counts_must_be_whole_and_non_negative() {
    let r = Fixture::new(2020)
        .cell(TableId::T2, "regulations", "made", N(-1.0))
        .cell(TableId::T2, "licensing", "previous", N(1.5))
        .validated();
    let fs = of(&r, "A05");
    assert_eq!(fs.len(), 2);
    assert!(fs[0].message.contains("-1 是负数"), "{}", fs[0].message);
    assert!(fs[1].message.contains("1.5 是小数"), "{}", fs[1].message);
    // Signed changes and amounts are excepted.
    let r = Fixture::new(2020)
        .cell(TableId::T2, "licensing", "change", N(-3.0))
        .cell(TableId::T2, "procurement", "amount", N(72.8))
        .validated();
    assert!(of(&r, "A05").is_empty());
    let r = Fixture::new(2022)
        .cell(TableId::T2, "fees", "amount", N(0.35))
        .validated();
    assert!(of(&r, "A05").is_empty());
    // Table 3 counts too.
    let r = Fixture::new(2020)
        .t3("carried_forward", "social", N(-1.0))
        .validated();
    assert_eq!(one(&r, "A05").table, Some(TableId::T3));
}
