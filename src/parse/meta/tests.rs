use super::*;

fn d(y: i32, m: u32, day: u32) -> Date {
    Date::new(y, m, day).unwrap()
}

#[test]
fn dates() {
    assert_eq!(parse_date("2021-02-0415:39").unwrap().0, d(2021, 2, 4));
    assert_eq!(parse_date("2021/2/4").unwrap().0, d(2021, 2, 4));
    assert_eq!(parse_date("2021年1月26日").unwrap().0, d(2021, 1, 26));
    assert_eq!(
        parse_date("二〇二一年一月二十六日").unwrap().0,
        d(2021, 1, 26)
    );
    assert_eq!(
        parse_date("二○二一年十二月三十一日").unwrap().0,
        d(2021, 12, 31)
    );
    assert!(parse_date("2021-13-01").is_none());
}

fn agency_of(title: &str) -> Option<String> {
    let src = SourceText::new(format!("{title}\n一、总体情况\n"));
    let t = super::title(&src, &[]);
    agency(t.as_ref(), &src, &[]).map(|a| a.value)
}

#[test]
fn agencies_from_titles() {
    assert_eq!(
        agency_of("临夏县漫路乡政府信息公开工作2020年度报告").unwrap(),
        "临夏县漫路乡"
    );
    assert_eq!(
        agency_of("建塘镇人民政府2022年政府信息公开工作年度报告").unwrap(),
        "建塘镇人民政府"
    );
    assert_eq!(
        agency_of("2021年度某某县人民政府信息公开工作年度报告").unwrap(),
        "某某县人民政府"
    );
    assert_eq!(
        agency_of("某某县人民政府信息公开工作2021年度报告").unwrap(),
        "某某县人民政府"
    );
    assert_eq!(
        agency_of("关于某某市教育局2021年政府信息公开工作年度报告").unwrap(),
        "某某市教育局"
    );
    assert_eq!(
        agency_of("《某某区司法局2021年政务公开工作年度报告》").unwrap(),
        "某某区司法局"
    );
}

#[test]
fn crawler_labels_are_not_part_of_a_value() {
    assert_eq!(
        agency_of(
            "标题:某某县人民政府2020年政府信息公开工作年度报告 发布时间:2021-01-20 栏目:年度报告"
        )
        .unwrap(),
        "某某县人民政府"
    );
    assert_eq!(
        crawler_value("标题：某某镇2021年政府信息公开工作年度报告\u{3000}原文链接：http://x"),
        "某某镇2021年政府信息公开工作年度报告"
    );
    assert_eq!(
        crawler_value("某某市人民政府2024年政府信息公开工作年度报告"),
        "某某市人民政府2024年政府信息公开工作年度报告"
    );
    assert_eq!(
        agency_of("某某市人民政府2024年政府信息公开工作年度报告").unwrap(),
        "某某市人民政府"
    );
}

#[test]
fn plain_date_labels() {
    let src = SourceText::new(
        "某局2021年政府信息公开工作年度报告\n来源：某局 时间：2022-01-18\n".to_string(),
    );
    assert_eq!(published(&src).unwrap().value, d(2022, 1, 18));
}

#[test]
fn metadata_in_a_rendered_info_table() {
    let src = SourceText::new(
        "| 索引号： | 0123/2023-001 |\n| 发布机构： | 庆城县商务局 | 发布日期： | 2023-01-31 |\n一、总体情况\n"
            .to_string(),
    );
    assert_eq!(published(&src).unwrap().value, d(2023, 1, 31));
    let secs = crate::parse::sections::find(&src);
    assert_eq!(agency(None, &src, &secs).unwrap().value, "庆城县商务局");
}

#[test]
fn years() {
    assert_eq!(find_year("驿马乡2020年政府"), Some((2020, 3)));
    assert_eq!(find_year("12020"), None);
}

#[test]
fn a_period_wrapped_at_the_page_width() {
    // Plain pdftotext text: the sentence breaks between the two dates.
    let src = SourceText::new(
        "某乡2020年政府信息公开工作年度报告\n政府信息公开工作年度报告。全文包括总体情况、主动公开政府信息情况。本报告所列数据的统计期限自2020年1月1日起\n至2020年12月25日止。如有疑问请联系。\n一、总体情况\n".to_string(),
    );
    let p = period(&src, &[], Some(2020)).expect("period");
    assert_eq!(p.value.start, d(2020, 1, 1));
    assert_eq!(p.value.end, d(2020, 12, 25));
    assert_eq!((p.span.line_start, p.span.line_end), (2, 3));
    // A short line is not wrapped: its date stays alone.
    let src = SourceText::new("统计期限自2020年1月1日起\n至2020年12月25日止。\n".to_string());
    assert!(period(&src, &[], Some(2020)).is_none());
}

#[test]
fn a_sentence_naming_the_annual_report_is_not_a_title() {
    // A 工作要点 whose item mentions the annual report: the heading is the title.
    let src = SourceText::new(
        "某镇2022年政务公开工作要点\n\n一、规范依申请公开办理\n\n严格按照《中华人民共和国政府信息公开条例》办理申请，于2023年1月31日前公布本单位政府信息公开工作年度报告。\n\n二、强化监督考核\n"
            .to_string(),
    );
    let t = super::title(&src, &[]).expect("title");
    assert_eq!(t.value, "某镇2022年政务公开工作要点");
    assert_eq!(t.span.line_start, 1);
    // A report's own title still wins over a heading that names a guide.
    let src = SourceText::new(
        "政府信息公开指南\n某县2021年政府信息公开工作年度报告\n一、总体情况\n".to_string(),
    );
    assert_eq!(
        super::title(&src, &[]).unwrap().value,
        "某县2021年政府信息公开工作年度报告"
    );
}

#[test]
fn a_title_starting_with_guanyu_names_no_issuer() {
    let src = SourceText::new(
        "关于做好2023年政务公开工作的通知\n发布机构：某县人民政府办公室\n一、加强组织领导\n"
            .to_string(),
    );
    let t = super::title(&src, &[]);
    assert_eq!(
        t.as_ref().map(|t| t.value.as_str()),
        Some("关于做好2023年政务公开工作的通知")
    );
    assert_eq!(
        agency(t.as_ref(), &src, &[]).unwrap().value,
        "某县人民政府办公室"
    );
    assert_eq!(
        agency_of("某县人民政府办公室关于印发2021年政务公开工作要点的通知").as_deref(),
        Some("某县人民政府办公室")
    );
}
