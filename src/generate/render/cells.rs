//! One cell per line (text copied from a web page; seeds 000, 002, 004): headers, labels and
//! numbers each on their own line with blank lines between, stray spaces around numbers.

use super::*;
use crate::generate::prose::{self, Block};
use crate::template::TableId;

pub fn render(spec: &Spec, rng: &mut Rng) -> String {
    let st = &spec.style;
    let mut b: Vec<String> = Vec::new();
    b.push(title(spec));
    let date = iso_date(spec);
    match (spec.date_style, &date) {
        (DateStyle::WebLine, Some(d)) => {
            b.push(format!(
                "来源：{} 浏览次数：{} 发布时间：{} {:02}:{:02}",
                spec.agency.short, st.views, d, st.time.0, st.time.1
            ));
            if st.chrome {
                b.push("字号：".into());
            }
        }
        (DateStyle::IndexBlock, Some(d)) => {
            b.push(format!(
                "  • 索引号：{}/{}-{:05}",
                559_624_000 + rng.below(999),
                spec.year + 1,
                rng.below(300)
            ));
            b.push(format!("  • 发布机构：{}", spec.agency.short));
            b.push("  • 关键词：综合,政务,公报公示".into());
            b.push(format!("  • 成文日期：{d}"));
            b.push(format!("  • 发布日期：{d}"));
            b.push(format!("  • {}", title(spec)));
        }
        _ => {}
    }
    if let Some(p) = prose::preamble(spec) {
        b.push(p);
    }
    for s in prose::sections(spec, rng) {
        b.push(s.title);
        for block in s.blocks {
            match block {
                Block::Sub(t) | Block::Para(t) => b.push(t),
                Block::Table(TableId::T2) => table2(spec, &mut b),
                Block::Table(TableId::T3) => table3(spec, &mut b),
                Block::Table(TableId::T4) => table4(spec, &mut b),
            }
        }
    }
    if let Some((name, date)) = signature(spec, spec.date_style == DateStyle::WebLine) {
        b.push("\u{a0}".into());
        b.push(format!("{}{name}", "\u{a0} ".repeat(14)));
        b.push(format!("{}{date}", "\u{a0} ".repeat(15)));
    }
    let mut text = b.join("\n\n");
    if st.ascii_punct {
        text = ascii_punct(&text);
    }
    if st.indent {
        text = text
            .lines()
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!("    {l}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
    }
    text.push('\n');
    text
}

/// Long column headers are broken over two lines, as on the web page.
fn header(label: &str) -> String {
    match label {
        "本年新制作数量" => "本年新\n制作数量".into(),
        "本年新公开数量" => "本年新\n公开数量".into(),
        _ => label.into(),
    }
}

fn table2(spec: &Spec, b: &mut Vec<String>) {
    let mut k = 0;
    for g in t2_groups(spec) {
        b.push(g.heading.into());
        b.push("信息内容".into());
        for c in g.columns {
            b.push(header(c.label));
        }
        for (def, cells) in g.rows {
            b.push(t2_label(def, spec.version).into());
            for v in cells {
                b.push(padded(v, spec.style.pad, k));
                k += 1;
            }
        }
    }
    b.push("\u{a0}".into());
}

fn table3(spec: &Spec, b: &mut Vec<String>) {
    b.push(T3_HEAD_NOTE.into());
    b.push("申请人情况".into());
    b.push("自然人".into());
    b.push("法人或其他组织".into());
    b.push("总计".into());
    for c in T3_APPLICANT_COLUMNS {
        b.push(c.into());
    }
    let mut k = 0;
    for line in t3_lines(spec) {
        if let Some(t) = line.top {
            b.push(t.into());
        }
        if let Some(g) = line.group_start {
            b.push(g.into());
        }
        b.push(line.label.into());
        for v in line.cells.iter().flatten() {
            b.push(padded(&v.to_string(), spec.style.pad, k));
            k += 1;
        }
    }
    b.push("\u{a0}".into());
}

fn table4(spec: &Spec, b: &mut Vec<String>) {
    b.push("\u{a0}".into());
    b.push("行政复议".into());
    b.push("行政诉讼".into());
    for p in T4_PARTS {
        b.push(p.into());
    }
    b.push("未经复议直接起诉".into());
    b.push("复议后起诉".into());
    for _ in 0..2 {
        for p in T4_PARTS {
            b.push(p.into());
        }
    }
    for (k, v) in spec.t4.iter().enumerate() {
        b.push(padded(&v.to_string(), spec.style.pad, k));
    }
}
