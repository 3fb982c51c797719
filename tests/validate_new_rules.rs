//! The rules of issue 14: C05 (table 2 stock across years), C06 (the text against its
//! cells, from the claims catalogue), C07 (text copied from last year), X03 (section 五
//! says nothing), and configured severities.

mod common;

use common::*;
use nianbao::model::Severity::{Error, Warning};
use nianbao::template::TableId::{self, T2};
use nianbao::validate::Settings;
use std::collections::BTreeMap;

// ---- C06 ---------------------------------------------------------------------------------

#[test]
fn c06_results_stated_in_the_text_against_table_3() {
    let r = all_granted(Fixture::new(2020), 2.0)
        .text(
            1,
            "全年共收到政府信息公开申请2件，其中予以公开1件，部分公开1件。",
        )
        .validated();
    let fs = of(&r, "C06");
    assert_eq!(fs.len(), 2, "{fs:#?}");
    let granted_f = fs.iter().find(|f| f.row == Some("granted")).unwrap();
    assert_eq!(granted_f.severity, Warning);
    assert_eq!(granted_f.table, Some(TableId::T3));
    assert!(
        granted_f.message.contains("予以公开 1 件") && granted_f.message.contains("总计为 2"),
        "{}",
        granted_f.message
    );
    let partial = fs.iter().find(|f| f.row == Some("partial")).unwrap();
    assert!(partial.message.contains("总计为 0"), "{}", partial.message);
    // The sentence's line is among the finding's lines, beside the cell's.
    assert!(partial.lines.len() >= 2);
    // The text agrees: quiet (C01 too).
    let ok = all_granted(Fixture::new(2020), 2.0)
        .text(1, "全年共收到政府信息公开申请2件，其中予以公开2件。")
        .validated();
    assert!(of(&ok, "C06").is_empty() && of(&ok, "C01").is_empty());
}

#[test]
fn c06_sums_of_groups_and_table_4() {
    let r = all_granted(Fixture::new(2020), 2.0)
        .t3("denied_secret", "total", N(1.0))
        .t3("denied_law", "total", N(1.0))
        .t4("suit_direct.pending", N(1.0))
        .t4("suit_direct.total", N(1.0))
        .text(3, "不予公开2件。未经复议直接起诉行政诉讼1件。")
        .validated();
    assert!(of(&r, "C06").is_empty(), "{:#?}", of(&r, "C06"));
    let r = all_granted(Fixture::new(2020), 2.0)
        .t3("denied_secret", "total", N(1.0))
        .text(3, "不予公开2件。未经复议直接起诉行政诉讼1件。")
        .validated();
    let fs = of(&r, "C06");
    assert_eq!(fs.len(), 2, "{fs:#?}");
    assert!(fs.iter().any(|f| f.message.contains("八项总计之和为 1")));
    assert!(fs.iter().any(|f| f.column == Some("suit_direct.total")));
}

#[test]
fn c06_ambiguous_total_states_both_readings() {
    // 3 handled: matches 一 + 二 (2 new + 1 carried over), though （七） is 2.
    let fx = |stated: &str| {
        all_granted(Fixture::new(2020), 2.0)
            .t3("carried_over", "natural", N(1.0))
            .t3("carried_over", "total", N(1.0))
            .t3("carried_forward", "natural", N(1.0))
            .t3("carried_forward", "total", N(1.0))
            .text(1, &format!("全年共办理政府信息公开申请{stated}件。"))
            .validated()
    };
    assert!(of(&fx("3"), "C06").is_empty(), "the second reading fits");
    assert!(of(&fx("2"), "C06").is_empty(), "the first reading fits");
    let r = fx("5");
    let f = one(&r, "C06");
    assert!(
        f.message.contains("（七）总计”总计为 2")
            && f.message.contains("之和为 3")
            && f.message.contains("两种理解均不符"),
        "{}",
        f.message
    );
}

#[test]
fn c06_table_2_counts_and_unknown_cells() {
    let fx = Fixture::new(2022)
        .cell(T2, "normative_documents", "issued", N(3.0))
        .cell(T2, "normative_documents", "in_force", N(10.0));
    let r = fx
        .clone()
        .text(
            1,
            "本年制发行政规范性文件3件，现行有效的行政规范性文件共计12件。",
        )
        .validated();
    let f = one(&r, "C06");
    assert_eq!(
        (f.table, f.row, f.column),
        (Some(T2), Some("normative_documents"), Some("in_force"))
    );
    assert!(
        f.message.contains("12") && f.message.contains("为 10"),
        "{}",
        f.message
    );
    // A missing cell is not assessable.
    let r = fx
        .cell(T2, "normative_documents", "in_force", Missing)
        .text(1, "现行有效的行政规范性文件共计12件。")
        .validated();
    assert!(of(&r, "C06").is_empty());
    // 2019 template: table 2 has no 本年制发 column; nothing to compare.
    let r = Fixture::new(2020)
        .text(1, "本年制发规范性文件3件。")
        .validated();
    assert!(of(&r, "C06").is_empty());
}

// ---- X03 ---------------------------------------------------------------------------------

#[test]
fn x03_section_five_says_nothing() {
    for text in ["无。", "暂无", "没有。", "工作还需加强。"] {
        let r = Fixture::new(2020).text(5, text).validated();
        let f = one(&r, "X03");
        assert_eq!((f.severity, f.section), (Warning, Some(5)), "{text}");
    }
    let long = "主要问题是公开内容不够全面，下一步将加强培训，提升信息发布质量。";
    assert!(of(&Fixture::new(2020).text(5, long).validated(), "X03").is_empty());
    // An empty section is S03's, not X03's.
    let empty = Fixture::new(2020).text(5, "").validated();
    assert!(of(&empty, "X03").is_empty());
    assert!(!of(&empty, "S03").is_empty());
}

// ---- C05 ---------------------------------------------------------------------------------

#[test]
fn c05_stock_of_normative_documents_2021_template() {
    let before = Fixture::new(2021)
        .path("a/2021.txt")
        .agency(Some("某某县人民政府"))
        .cell(T2, "normative_documents", "in_force", N(10.0));
    let after = |in_force: f64| {
        Fixture::new(2022)
            .path("b/2022.txt")
            .agency(Some("某某县"))
            .cell(T2, "normative_documents", "issued", N(3.0))
            .cell(T2, "normative_documents", "repealed", N(1.0))
            .cell(T2, "normative_documents", "in_force", N(in_force))
    };
    let rs = corpus(&[before.clone(), after(12.0)]);
    assert!(
        rs.iter().all(|r| of(r, "C05").is_empty()),
        "10 + 3 − 1 = 12"
    );
    let rs = corpus(&[before.clone(), after(11.0)]);
    assert!(of(&rs[0], "C05").is_empty(), "only the later report");
    let f = one(&rs[1], "C05");
    assert_eq!(
        (f.severity, f.row, f.column),
        (Error, Some("normative_documents"), Some("in_force"))
    );
    for n in [
        "为 10",
        "制发 3",
        "废止 1",
        "应为 12",
        "表中为 11",
        "2021 年度",
    ] {
        assert!(f.message.contains(n), "{n}: {}", f.message);
    }
    // A gap year, or another agency: nothing.
    let gap = after(11.0).year(Some(2023)).path("c/2023.txt");
    assert!(of(&corpus(&[before.clone(), gap])[1], "C05").is_empty());
    let other = after(11.0).agency(Some("另一县"));
    assert!(of(&corpus(&[before, other])[1], "C05").is_empty());
}

#[test]
fn c05_previous_year_items_2019_template() {
    let y2019 = Fixture::new(2019)
        .path("a/2019.txt")
        .cell(T2, "licensing", "previous", N(20.0))
        .cell(T2, "licensing", "change", N(5.0));
    let y2020 = |previous: f64| {
        Fixture::new(2020)
            .path("b/2020.txt")
            .cell(T2, "licensing", "previous", N(previous))
    };
    assert!(of(&corpus(&[y2019.clone(), y2020(25.0)])[1], "C05").is_empty());
    let rs = corpus(&[y2019, y2020(24.0)]);
    let f = one(&rs[1], "C05");
    assert_eq!(f.column, Some("previous"));
    for n in ["为 20", "增/减 5", "应为 25", "表中为 24"] {
        assert!(f.message.contains(n), "{n}: {}", f.message);
    }
}

// ---- C07 ---------------------------------------------------------------------------------

const SENTENCES: [&str; 6] = [
    "县政府高度重视政务公开工作并成立领导小组",
    "全年通过政府网站主动公开各类信息",
    "严格落实信息发布保密审查制度",
    "依申请公开渠道畅通答复及时规范",
    "政策解读与回应关切工作持续加强",
    "公开平台建设和监督保障机制不断完善",
];

fn text_of(year: i32, which: &[usize]) -> String {
    which
        .iter()
        .map(|&i| format!("{year}年{}。", SENTENCES[i]))
        .collect()
}

fn copying(prev: &[usize], cur: &[usize]) -> (Fixture, Fixture) {
    let long5 = "主要问题是公开内容不够全面，下一步将加强培训，提升信息发布质量。";
    let a = Fixture::new(2020)
        .path("a/2020.txt")
        .text(1, &text_of(2020, prev))
        .text(5, long5);
    let b = Fixture::new(2021)
        .path("b/2021.txt")
        .text(1, &text_of(2021, cur))
        .text(5, "上年度问题已经逐项整改完毕，公开质量有所提升。");
    (a, b)
}

#[test]
fn c07_text_copied_from_last_year() {
    // Five sentences copied (the year updated) and section 五's new one: 5 of 6, 83 %.
    let (a, b) = copying(&[0, 1, 2, 3, 4, 5], &[0, 1, 2, 3, 4]);
    let rs = corpus(&[a, b]);
    assert!(of(&rs[0], "C07").is_empty());
    let f = one(&rs[1], "C07");
    assert_eq!((f.severity, f.section), (Warning, Some(1)));
    assert!(f.message.contains("6 句中有 5 句（83%）"), "{}", f.message);
    assert!(f.message.contains("2020 年度"), "{}", f.message);
    assert!(!f.lines.is_empty());
}

#[test]
fn c07_threshold_is_configurable_and_rules_can_be_off() {
    // Three copied, two new, and section 五's new sentence: 3 of 6, 50 %.
    let (a, b) = copying(&[0, 1, 2, 3, 4, 5], &[0, 1, 2]);
    let b = b.text(
        1,
        &(text_of(2021, &[0, 1, 2])
            + "本年新建政务公开专区并开展培训三次。今年首次发布年度公开工作要点与任务清单。"),
    );
    let rs = corpus(&[a.clone(), b.clone()]);
    assert!(of(&rs[1], "C07").is_empty(), "below 60 %");
    let t = BTreeMap::from([("C07".to_string(), 40.0)]);
    let low = Settings::new(&BTreeMap::new(), &t).unwrap();
    let rs = corpus_with(&[a.clone(), b.clone()], &low);
    assert_eq!(of(&rs[1], "C07").len(), 1, "above 40 %");
    let off = Settings::new(
        &BTreeMap::from([("C07".to_string(), "off".to_string())]),
        &t,
    )
    .unwrap();
    assert!(of(&corpus_with(&[a.clone(), b.clone()], &off)[1], "C07").is_empty());
    let louder = Settings::new(
        &BTreeMap::from([("C07".to_string(), "error".to_string())]),
        &t,
    )
    .unwrap();
    assert_eq!(
        severities(&corpus_with(&[a, b], &louder)[1], "C07"),
        vec![Error]
    );
}

#[test]
fn c07_needs_enough_sentences_and_a_previous_year() {
    let (a, b) = copying(&[0, 1], &[0, 1]);
    assert!(
        of(&corpus(&[a, b.clone()])[1], "C07").is_empty(),
        "too few sentences"
    );
    let (_, b) = copying(&[], &[0, 1, 2, 3, 4, 5]);
    assert!(of(&corpus(&[b])[0], "C07").is_empty());
}
