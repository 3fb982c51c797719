//! C-, T- and X-rules: the text against the tables, dates, and across reports.

mod common;

use common::*;
use nianbao::model::Severity::{Error, Info, Warning};
use nianbao::template::TableId;

#[test]
fn c01_text_contradicts_new_applications() {
    let r = Fixture::new(2020)
        .text(1, "本年度共受理政府信息公开申请3件，均按时答复。")
        .validated();
    let f = one(&r, "C01");
    assert_eq!(
        (f.severity, f.table, f.row),
        (Warning, Some(TableId::T3), Some("new"))
    );
    assert!(
        f.message.contains("收到申请 3 件") && f.message.contains("总计为 0"),
        "{}",
        f.message
    );
    assert_eq!(f.lines.len(), 2, "the sentence and the cell: {:?}", f.lines);
    // Agreeing text.
    let r = all_granted(Fixture::new(2020), 3.0)
        .text(1, "本年度共受理政府信息公开申请3件，均按时答复。")
        .validated();
    assert!(of(&r, "C01").is_empty(), "{:#?}", r.findings);
    // 未收到 … 申请 is 0.
    let r = all_granted(Fixture::new(2020), 2.0)
        .text(3, "本年度未收到政府信息公开申请。")
        .validated();
    assert!(one(&r, "C01").message.contains("收到申请 0 件"));
    // The statement may sit in the preamble before section 1.
    let r = Fixture::new(2020)
        .preamble("截至目前，我县受理信息公开申请1件。")
        .validated();
    assert_eq!(of(&r, "C01").len(), 1);
}

#[test]
fn c01_ignores_numbers_that_are_not_applications() {
    for text in [
        "共主动公开政府信息 9867条。",
        "受理申请公开政府信息30条。",
        "受理行政许可申请 3000 件。",
        "依申请公开工作规范有序，答复及时。",
    ] {
        let r = Fixture::new(2020).text(1, text).validated();
        assert!(of(&r, "C01").is_empty(), "{text}: {:#?}", r.findings);
    }
    // Unknown table cell: not assessable.
    let r = Fixture::new(2020)
        .t3("new", "total", Missing)
        .text(1, "共受理政府信息公开申请3件。")
        .validated();
    assert!(of(&r, "C01").is_empty());
}

#[test]
fn c02_text_contradicts_table_four() {
    let r = Fixture::new(2020)
        .text(1, "本年度发生行政复议案件2起，未发生行政诉讼。")
        .validated();
    let f = one(&r, "C02");
    assert_eq!(f.column, Some("review.total"));
    assert!(f.message.contains("行政复议 2 件"), "{}", f.message);
    let r = Fixture::new(2020)
        .t4("review.upheld", N(1.0))
        .t4("review.total", N(1.0))
        .t4("suit_direct.pending", N(1.0))
        .t4("suit_direct.total", N(1.0))
        .text(4, "全年未发生因政府信息公开引起的行政复议、行政诉讼。")
        .validated();
    let cols: Vec<_> = of(&r, "C02").iter().map(|f| f.column).collect();
    assert_eq!(cols, vec![Some("review.total"), Some("suit_direct.total")]);
    // Agreeing, and statements that are not about cases.
    let r = Fixture::new(2020)
        .text(
            1,
            "且未引起行政诉讼或复议。依法履职，未发生被纠正行政行为的情况。",
        )
        .validated();
    assert!(of(&r, "C02").is_empty());
    let r = Fixture::new(2020)
        .t4("review.total", Missing)
        .t4("suit_direct.total", Missing)
        .text(1, "发生行政复议案件2起，行政诉讼1起。")
        .validated();
    assert!(
        of(&r, "C02").is_empty(),
        "missing totals are not assessable"
    );
}

#[test]
fn t01_deadline_by_agency_kind() {
    // A township: January 31.
    let r = Fixture::new(2020)
        .agency(Some("临夏县漫路乡"))
        .published(Some((2021, 2, 4)))
        .validated();
    let f = one(&r, "T01");
    assert_eq!(f.severity, Warning);
    assert!(
        f.message.contains("2021-01-31") && f.message.contains("4 天"),
        "{}",
        f.message
    );
    assert_eq!(f.lines.len(), 1);
    // A county government: March 31.
    let r = Fixture::new(2020)
        .agency(Some("循化县人民政府"))
        .published(Some((2021, 2, 4)))
        .validated();
    assert!(of(&r, "T01").is_empty());
    let r = Fixture::new(2020)
        .agency(Some("循化县人民政府"))
        .published(Some((2021, 4, 2)))
        .validated();
    assert!(
        one(&r, "T01").message.contains("2021-03-31") && one(&r, "T01").message.contains("2 天")
    );
    // A street office inside a 新区 is not the 新区's government.
    let r = Fixture::new(2020)
        .agency(Some("郑州市郑东新区商都路办事处"))
        .published(Some((2021, 2, 1)))
        .validated();
    assert!(one(&r, "T01").message.contains("1 天"));
    // A 新区 administration: March 31.
    let r = Fixture::new(2020)
        .agency(Some("郑东新区管委会"))
        .published(Some((2021, 3, 1)))
        .validated();
    assert!(of(&r, "T01").is_empty());
    // On the day is on time.
    let r = Fixture::new(2020)
        .agency(Some("建塘镇"))
        .published(Some((2021, 1, 31)))
        .validated();
    assert!(of(&r, "T01").is_empty());
}

#[test]
fn t02_no_published_date() {
    let r = Fixture::new(2020).published(None).validated();
    assert_eq!(one(&r, "T02").severity, Info);
    assert!(of(&r, "T01").is_empty());
    assert!(of(&Fixture::new(2020).validated(), "T02").is_empty());
}

#[test]
fn t03_period_not_the_calendar_year() {
    let r = Fixture::new(2020)
        .period(Some(((2020, 1, 1), (2020, 12, 28))))
        .validated();
    let f = one(&r, "T03");
    assert!(f.message.contains("2020-12-28"), "{}", f.message);
    assert_eq!(f.severity, Info);
    assert!(of(&Fixture::new(2020).period(None).validated(), "T03").is_empty());
}

#[test]
fn x01_fees_statement_in_section_six() {
    let r = Fixture::new(2022).text(6, "无。").validated();
    let f = one(&r, "X01");
    assert_eq!((f.severity, f.section), (Warning, Some(6)));
    for text in [
        "本年度未收取信息处理费。",
        "未发生收费情况。",
        "没有收取任何费用。",
    ] {
        assert!(
            of(&Fixture::new(2022).text(6, text).validated(), "X01").is_empty(),
            "{text}"
        );
    }
    // 2019 template: not required.
    assert!(of(&Fixture::new(2020).text(6, "无。").validated(), "X01").is_empty());
}

#[test]
fn x02_last_years_rectification_in_section_five() {
    let r = Fixture::new(2022)
        .text(5, "一是认识不到位。二是队伍不稳定。")
        .validated();
    assert_eq!(one(&r, "X02").severity, Info);
    let ok = Fixture::new(2022)
        .text(5, "针对上一年度存在的问题，逐项整改落实。")
        .validated();
    assert!(of(&ok, "X02").is_empty());
    assert!(of(&Fixture::new(2020).text(5, "无。").validated(), "X02").is_empty());
}

#[test]
fn c03_carry_over_across_consecutive_years() {
    let y2019 = Fixture::new(2019)
        .path("a/2019.txt")
        .agency(Some("海东市循化县"))
        .t3("carried_forward", "natural", N(2.0))
        .t3("carried_forward", "total", N(2.0))
        .t3("new", "natural", N(2.0))
        .t3("new", "total", N(2.0));
    let y2020 = Fixture::new(2020)
        .path("b/2020.txt")
        .agency(Some("循化县人民政府"));
    let rs = corpus(&[y2019.clone(), y2020.clone()]);
    assert!(of(&rs[0], "C03").is_empty(), "only the later report");
    let f = one(&rs[1], "C03");
    assert_eq!(
        (f.severity, f.row, f.column),
        (Error, Some("carried_over"), Some("total"))
    );
    assert!(
        f.message.contains("总计为 2") && f.message.contains("总计为 0"),
        "{}",
        f.message
    );
    assert_eq!(f.lines.len(), 1);
    // Matching carry-over, another agency, or a gap year: nothing.
    let matching = y2020
        .clone()
        .t3("carried_over", "natural", N(2.0))
        .t3("carried_over", "total", N(2.0))
        .t3("carried_forward", "natural", N(2.0))
        .t3("carried_forward", "total", N(2.0));
    assert!(of(&corpus(&[y2019.clone(), matching])[1], "C03").is_empty());
    let other = y2020.clone().agency(Some("化隆县人民政府"));
    assert!(of(&corpus(&[y2019.clone(), other])[1], "C03").is_empty());
    let gap = Fixture::new(2021).agency(Some("循化县"));
    assert!(of(&corpus(&[y2019, gap])[1], "C03").is_empty());
}

#[test]
fn c04_same_agency_and_year_twice() {
    let a = Fixture::new(2020)
        .path("a.txt")
        .agency(Some("建塘镇人民政府"));
    let b = Fixture::new(2020).path("b.txt").agency(Some("建塘镇"));
    let rs = corpus(&[a.clone(), b.clone()]);
    assert_eq!(severities(&rs[0], "C04"), vec![Info], "identical numbers");
    assert_eq!(severities(&rs[1], "C04"), vec![Info]);
    assert!(one(&rs[0], "C04").message.contains("b.txt"));
    let changed = b
        .clone()
        .t3("new", "natural", N(1.0))
        .t3("new", "total", N(1.0));
    let rs = corpus(&[a.clone(), changed]);
    assert_eq!(severities(&rs[0], "C04"), vec![Warning]);
    assert_eq!(severities(&rs[1], "C04"), vec![Warning]);
    let rs = corpus(&[a, b.year(Some(2018))]);
    assert!(rs.iter().all(|r| of(r, "C04").is_empty()));
}
