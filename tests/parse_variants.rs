//! Layout variants seen in real reports beyond the seeds, each parsed end to end from
//! bytes (ingest → parse → validate).

use nianbao::ingest::document_from_bytes;
use nianbao::model::{CellState, Report};
use std::path::Path;

fn load(name: &str, text: &str) -> Report {
    let doc = document_from_bytes(Path::new(name), name, text.as_bytes()).expect("decodes");
    let mut r = nianbao::parse::parse(doc);
    nianbao::validate::validate(&mut r);
    r
}

const T4_HEAD: &str = r#"<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>
<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>
<tr><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>"#;

#[test]
fn html_table4_of_nbsp_cells_is_blank_not_missing() {
    let row: String = "<td>&nbsp;</td>".repeat(15);
    let html = format!(
        "<html><head><title>某某镇2021年政府信息公开工作年度报告</title></head><body>\
         <table><tr><td>发布机构：</td><td>某某镇人民政府</td><td>发布日期：</td><td>2022-01-20</td></tr></table>\
         <h2>四、政府信息公开行政复议、行政诉讼情况</h2><table>{T4_HEAD}<tr>{row}</tr></table></body></html>"
    );
    let r = load("x.html", &html);
    let t4 = r.tables.t4.as_ref().expect("table 4 found");
    assert!(t4.rows[0].cells.iter().all(|c| c.state == CellState::Blank));
    assert!(
        r.findings
            .iter()
            .any(|f| f.rule == "S10" && f.message.contains("15"))
    );
    assert!(!r.findings.iter().any(|f| f.rule == "S06"));
    // The date and agency sit in an info table, rendered as a pipe row.
    assert_eq!(
        r.published.as_ref().unwrap().value.to_string(),
        "2022-01-20"
    );
}

#[test]
fn part_headings_and_labels_with_numbers_on_the_same_line() {
    let text = "某某县统计局2021年政府信息公开工作年度报告\n\
        第一部分 总体情况\n本局全年共收到政府信息公开申请 3 件。\n\
        第二部分 主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n\
        规章 0 0 0\n行政规范性文件 2 1 5\n\
        第三部分 收到和处理政府信息公开申请情况\n\
        一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3\n\
        二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n\
        第四部分 政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n\
        第五部分 存在的主要问题及改进情况\n上年度问题已整改。\n第六部分 其他需要报告的事项\n本年度未收取信息处理费。\n";
    let r = load("y.txt", text);
    assert_eq!(
        r.sections.iter().map(|s| s.number).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );
    let t2 = r.tables.t2.as_ref().unwrap();
    let docs = t2.row("normative_documents").unwrap();
    let v: Vec<_> = docs.cells.iter().map(|c| c.value).collect();
    assert_eq!(v, [Some(2.0), Some(1.0), Some(5.0)]);
    let t3 = r.tables.t3.as_ref().unwrap();
    assert_eq!(t3.row("new").unwrap().cells[6].value, Some(3.0));
    let t4 = r.tables.t4.as_ref().unwrap();
    assert!(t4.rows[0].cells.iter().all(|c| c.value == Some(0.0)));
}

/// Plain `pdftotext` text: table 3 in reading order, the three （四） rows printed as a block
/// of labels (two wrapped at the cell's width, one across a page footer) followed by their
/// 21 values column by column; the narrative wrapped at the page width.
fn reading_order_report() -> String {
    use nianbao::template::{TableId, TemplateVersion};
    let def = TemplateVersion::V2019.template().table(TableId::T3);
    let wide = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全年共受理政府信息公开申请";
    let mut l: Vec<String> = vec![
        "某某乡人民政府2020年政府信息公开工作年度报告".into(),
        "一、总体情况".into(),
        wide.into(),
        "3件，均已按时答复。".into(),
        "二、主动公开政府信息情况".into(),
        "三、收到和处理政府信息公开申请情况".into(),
        "申请人情况".into(),
        "自然人".into(),
    ];
    let block: Vec<_> = def
        .rows
        .iter()
        .filter(|r| r.group == Some("（四）无法提供"))
        .collect();
    for row in def.rows {
        let values: [u32; 7] = match row.key {
            "new" | "granted" | "processed_total" => [3, 0, 0, 0, 0, 0, 3],
            _ => [0; 7],
        };
        if row.key == block[0].key {
            l.push("（四）无法提供".into());
            l.push("1.本机关不掌握相关政府信".into());
            l.push("息".into());
            l.push("2.没有现成信息需要另行制".into());
            l.push(String::new());
            l.push("-2-".into());
            l.push(String::new());
            l.push("\u{c}作".into());
            l.push("3.补正后申请内容仍不明确".into());
            // Column by column: every value is 0.
            l.extend(std::iter::repeat_n("0".to_string(), 21));
            continue;
        }
        if block.iter().any(|b| b.key == row.key) {
            continue;
        }
        if row.key == "granted" {
            l.push("三、本年度办理结果".into());
        }
        if let Some(g) = row.group
            && def
                .rows
                .iter()
                .find(|r| r.group == row.group)
                .map(|r| r.key)
                == Some(row.key)
            && !g.starts_with('三')
        {
            l.push(g.into());
        }
        l.push(row.label.into());
        l.extend(values.iter().map(|v| v.to_string()));
    }
    l.push("四、政府信息公开行政复议、行政诉讼情况".into());
    l.push("行政复议".into());
    l.push("行政诉讼".into());
    l.extend(std::iter::repeat_n("0".to_string(), 15));
    l.push("五、存在的主要问题及改进情况".into());
    l.push("公开内容不够全面，对上年度指出的问题已逐项整改到位。".into());
    l.push("六、其他需要报告的事项".into());
    l.push("无。".into());
    l.join("\n") + "\n"
}

#[test]
fn reading_order_rows_in_a_block_of_wrapped_labels_are_p01_not_s05() {
    let r = load("reading-order.txt", &reading_order_report());
    let t3 = r.tables.t3.as_ref().expect("table 3");
    for key in ["unable_no_info", "unable_needs_creation", "unable_unclear"] {
        // Unplaced (missing) or absent, never a number.
        if let Some(row) = t3.row(key) {
            assert!(
                row.cells.iter().all(|c| c.state == CellState::Missing),
                "{key}"
            );
        }
        let rules: Vec<&str> = r
            .findings
            .iter()
            .filter(|f| f.row == Some(key))
            .map(|f| f.rule.as_str())
            .collect();
        assert!(!rules.contains(&"S05"), "{key}: {rules:?}");
        assert!(
            rules.contains(&"P01") || t3.row(key).is_some(),
            "{key}: {rules:?}"
        );
    }
    assert_eq!(t3.row("granted").unwrap().cells[6].value, Some(3.0));
}

/// Some reports print the sub-rows without their item numbers (`属于国家秘密` for
/// `1.属于国家秘密`): rows nianbao cannot place are still printed ones (P01), not rows the
/// report left out (S05).
#[test]
fn sub_rows_printed_without_item_numbers_are_not_s05() {
    let text: String = reading_order_report()
        .lines()
        .map(|l| match l.split_once('.') {
            Some((n, rest)) if n.len() == 1 && n.as_bytes()[0].is_ascii_digit() => rest,
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!text.contains("1.本机关"));
    let r = load("reading-order.txt", &text);
    let s05: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.rule == "S05")
        .filter_map(|f| f.row)
        .collect();
    assert!(s05.is_empty(), "{s05:?}");
    assert!(r.findings.iter().any(|f| f.rule == "P01"));
}

#[test]
fn a_claim_wrapped_at_the_page_width_is_read() {
    // The sentence states 3 applications across the wrap; table 3 says 3: no C01.
    let text = reading_order_report();
    let r = load("reading-order.txt", &text);
    assert!(
        !r.findings.iter().any(|f| f.rule == "C01"),
        "{:?}",
        r.findings
    );
    // Stating 4 across the wrap contradicts table 3: C01 reads the wrapped sentence.
    let r = load(
        "reading-order.txt",
        &text.replace("\n3件，均已", "\n4件，均已"),
    );
    assert!(
        r.findings.iter().any(|f| f.rule == "C01"),
        "{:?}",
        r.findings
    );
}
