//! A crawler's scrape of a report page: header fields (`标题:… 发布时间:… 栏目:… 原文链接:…`)
//! and the whole article on one line, table cells run together with no separator
//! (`（一）予以公开5000016`), a stray space now and then where the page had `&nbsp;`.

use super::*;
use crate::generate::prose::{self, Block};
use crate::template::TableId;

pub fn render(spec: &Spec, rng: &mut Rng) -> String {
    let mut b: Vec<String> = Vec::new();
    let mut head = format!("标题:{}", title(spec));
    if let Some(d) = iso_date(spec) {
        head.push_str(&format!(" 发布时间:{d}"));
    }
    head.push_str(" 栏目:政府信息公开年报 原文链接:http://www.example.gov.cn/art/");
    head.push_str(&format!("{}/art_{}.html", spec.year + 1, spec.style.views));
    b.push(head);
    b.push(title(spec));
    if let Some(p) = prose::preamble(spec) {
        b.push(p);
    }
    for s in prose::sections(spec, rng) {
        b.push(s.title);
        for block in s.blocks {
            match block {
                Block::Sub(t) | Block::Para(t) => b.push(t),
                Block::Table(TableId::T2) => b.push(table2(spec)),
                Block::Table(TableId::T3) => b.push(table3(spec, rng)),
                Block::Table(TableId::T4) => b.push(table4(spec)),
            }
        }
    }
    if let Some((name, date)) = signature(spec, false) {
        b.push(format!("{name} {date}"));
    }
    let mut text = b.join(" ");
    text.push('\n');
    text
}

fn table2(spec: &Spec) -> String {
    let mut out = String::new();
    for g in t2_groups(spec) {
        out.push_str(g.heading);
        out.push_str("信息内容");
        for c in g.columns {
            out.push_str(c.label);
        }
        for (def, cells) in g.rows {
            out.push_str(t2_label(def, spec.version));
            for c in cells {
                out.push_str(c);
            }
        }
    }
    out
}

fn table3(spec: &Spec, rng: &mut Rng) -> String {
    let mut out = String::from(T3_HEAD_NOTE);
    out.push_str("申请人情况自然人法人或其他组织");
    for c in T3_APPLICANT_COLUMNS {
        out.push_str(c);
    }
    out.push_str("总计");
    for line in t3_lines(spec) {
        out.extend(line.top);
        out.extend(line.group_start);
        out.push_str(line.label);
        for (i, c) in line.cells.iter().enumerate() {
            if let Some(v) = c {
                out.push_str(&v.to_string());
            }
            // `&nbsp;` left between two cells.
            if i + 1 < line.cells.len() && rng.chance(0.08) {
                out.push(' ');
            }
        }
    }
    out
}

fn table4(spec: &Spec) -> String {
    let mut out = String::from("行政复议行政诉讼");
    for _ in 0..3 {
        for p in T4_PARTS {
            out.push_str(p);
        }
    }
    for v in spec.t4 {
        out.push_str(&v.to_string());
    }
    out
}
