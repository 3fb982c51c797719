//! Tab-separated text extracted from a PDF (seed 001): one line per table row with tabs
//! between cells, labels broken by spaces and across lines, spaced-out headers, empty tab
//! fields for blank cells.

use super::*;
use crate::generate::prose::{self, Block};
use crate::template::TableId;

pub fn render(spec: &Spec, rng: &mut Rng) -> String {
    let mut b: Vec<String> = vec![String::new()];
    b.push(pdf_spaces(&title(spec), rng));
    if let Some(p) = prose::preamble(spec) {
        b.push(p);
    }
    if let (DateStyle::WebLine | DateStyle::IndexBlock, Some(d)) = (spec.date_style, iso_date(spec))
    {
        b.push(format!("发布日期：{d}"));
    }
    for s in prose::sections(spec, rng) {
        b.push(s.title);
        for block in s.blocks {
            match block {
                Block::Sub(t) | Block::Para(t) => b.push(t),
                Block::Table(TableId::T2) => b.push(table2(spec, rng)),
                Block::Table(TableId::T3) => b.push(table3(spec, rng)),
                Block::Table(TableId::T4) => b.push(table4(spec)),
            }
        }
    }
    if let Some((name, date)) = signature(spec, false) {
        b.push(format!("{name}\n{date}"));
    }
    let mut text = b.join("\n\n");
    text.push('\n');
    text
}

fn label(s: &str, spec: &Spec, rng: &mut Rng) -> String {
    let s = if spec.style.ascii_punct {
        ascii_punct(s)
    } else {
        s.to_string()
    };
    // `(一) 予以公开`: a space after the closing bracket, as extraction leaves it.
    let s = s
        .replacen(')', ") ", 1)
        .replacen('）', "） ", 1)
        .replacen('.', ". ", 1);
    pdf_spaces(&s, rng)
}

fn table2(spec: &Spec, rng: &mut Rng) -> String {
    let mut l: Vec<String> = Vec::new();
    for g in t2_groups(spec) {
        let n = g.columns.len();
        l.push(format!("{}{}", label(g.heading, spec, rng), "\t".repeat(n)));
        let heads: Vec<&str> = g.columns.iter().map(|c| c.label).collect();
        if heads.first() == Some(&"上一年项目数量") && n == 2 {
            // The header cell broken over two lines (seed 001, 第二十条第（八）项).
            l.push("信息内容\t上一年项目\t本年增/减\t\n\n\t数量\t".into());
        } else {
            l.push(format!("信息内容\t{}", heads.join("\t")));
        }
        for (def, cells) in g.rows {
            l.push(format!(
                "{}\t{}",
                t2_label(def, spec.version),
                cells.join("\t")
            ));
        }
    }
    l.join("\n")
}

fn nums(cells: &[Option<i64>]) -> String {
    cells
        .iter()
        .map(|c| c.map(|v| v.to_string()).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\t")
}

fn table3(spec: &Spec, rng: &mut Rng) -> String {
    let mut l: Vec<String> = Vec::new();
    let note = if spec.style.ascii_punct {
        "(本列数据的勾稽关系为： 第一项加第二项之和，等于 第三项加第四项之和)"
    } else {
        "（本列数据的勾稽关系为： 第一项加第二项之和，等于 第三项加第四项之和）"
    };
    l.push(format!("{note}\t\t申请人情况\t\t\t\t\t\t总计\t"));
    l.push("\t\t自然 人\t法人或其他组织\t\t\t\t\t\t".into());
    l.push("\t\t\t商业 企业\t科研 机构\t社会 公益 组织\t法律 服务 机构\t其他\t\t".into());
    let lines = t3_lines(spec);
    // One sub-row has its label broken across lines; one row repeats the spaced-out
    // headings, as after a page break.
    let subrows: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].group.is_some() && lines[i].group_start.is_none())
        .collect();
    // Only labels long enough to wrap in a PDF cell (`4. 保护第三` … `方合法权益`).
    let long: Vec<usize> = subrows
        .iter()
        .copied()
        .filter(|&i| lines[i].label.chars().count() >= 8)
        .collect();
    let split = (!long.is_empty()).then(|| long[rng.below(long.len())]);
    let repeat = (!subrows.is_empty()).then(|| subrows[rng.below(subrows.len())]);
    let mut current_group = "";
    for (i, line) in lines.iter().enumerate() {
        let lab = label(line.label, spec, rng);
        if let Some(g) = line.group {
            current_group = g;
        }
        let v = nums(&line.cells);
        if line.group.is_some() {
            let first = if Some(i) == repeat {
                format!(
                    "{}\t{}",
                    spaced_out(RESULTS_HEADING),
                    spaced_out(&label(current_group, spec, rng))
                )
            } else if let Some(g) = line.group_start {
                let top = line.top.map(|t| pdf_spaces(t, rng)).unwrap_or_default();
                format!("{top}\t{}", label(g, spec, rng))
            } else {
                "\t".to_string()
            };
            if Some(i) == split && Some(i) != repeat {
                let chars: Vec<char> = lab.chars().collect();
                let cut = (chars.len() / 2).max(5).min(chars.len() - 2);
                let (a, z): (String, String) =
                    (chars[..cut].iter().collect(), chars[cut..].iter().collect());
                l.push(format!("{a}\t\t{v}\t\n\n\t\t{z}\t\t\t\t\t\t\t"));
            } else {
                l.push(format!("{first}\t{lab}\t{v}"));
            }
        } else if let Some(t) = line.top {
            l.push(format!("{}\t{lab}\t{v}\t", spaced_out(t)));
        } else if line.key == "processed_total"
            || line.key == "other"
            || line.key == "granted"
            || line.key == "partial"
        {
            l.push(format!("\t{lab}\t{v}\t"));
        } else {
            l.push(format!("{lab}\t\t{v}\t"));
        }
    }
    l.join("\n")
}

fn table4(spec: &Spec) -> String {
    let mut l: Vec<String> = Vec::new();
    l.push(format!(
        "行政复议{}行政诉讼{}",
        "\t".repeat(5),
        "\t".repeat(9)
    ));
    let parts: Vec<String> = T4_PARTS.iter().map(|p| spaced_out(p)).collect();
    l.push(format!(
        "{}\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
        parts.join("\t")
    ));
    l.push(format!(
        "\t\t\t\t\t{}\t{}",
        parts.join("\t"),
        parts.join("\t")
    ));
    let blank_review = spec.style.blank_zeros && spec.t4[..5].iter().all(|v| *v == 0);
    let cells: Vec<String> = spec
        .t4
        .iter()
        .enumerate()
        .map(|(i, v)| {
            if blank_review && i < 5 {
                String::new()
            } else {
                v.to_string()
            }
        })
        .collect();
    l.push(cells.join("\t"));
    l.join("\n")
}
