//! Markdown: pipe tables (`| 规章 | 3 | 0 | 15 |`); in the `flat-t4` layout table 4 is
//! flattened to a header line `行政复议行政诉讼` and all 15 numbers on one line. The `bars`
//! layout is what page-to-text tools write: no markdown marks, rows without a leading bar
//! (`规章 | 3 | 0 | 15 |`), no separator rows.

use super::*;
use crate::generate::prose::{self, Block};
use crate::template::TableId;

pub fn render(spec: &Spec, rng: &mut Rng) -> String {
    let bars = spec.layout == Layout::Bars;
    let mut b: Vec<String> = Vec::new();
    b.push(if bars {
        title(spec)
    } else {
        format!("# {}", title(spec))
    });
    if let (DateStyle::WebLine | DateStyle::IndexBlock, Some(d)) = (spec.date_style, iso_date(spec))
    {
        b.push(match spec.date_style {
            DateStyle::WebLine => format!(
                "发布时间：{d} {:02}:{:02}　浏览次数：{}",
                spec.style.time.0, spec.style.time.1, spec.style.views
            ),
            _ => format!("> 发布机构：{}　发布日期：{d}", spec.agency.short),
        });
    }
    if let Some(p) = prose::preamble(spec) {
        b.push(p);
    }
    for s in prose::sections(spec, rng) {
        b.push(if bars {
            s.title.clone()
        } else {
            format!("## {}", s.title)
        });
        for block in s.blocks {
            match block {
                Block::Sub(t) if bars => b.push(t),
                Block::Sub(t) => b.push(format!("**{t}**")),
                Block::Para(t) => b.push(t),
                Block::Table(TableId::T2) => table2(spec, &mut b),
                Block::Table(TableId::T3) => b.push(table3(spec)),
                Block::Table(TableId::T4) => b.push(if spec.layout == Layout::FlatT4 {
                    flat_table4(spec, rng)
                } else {
                    table4(spec)
                }),
            }
        }
    }
    if bars {
        // Bar rows without a leading bar, no separator rows.
        let text = b.join("\n\n");
        let lines: Vec<String> = text
            .lines()
            .filter(|l| !(l.starts_with("|") && l.contains("---")))
            .map(|l| match l.strip_prefix("| ") {
                Some(rest) => rest.to_string(),
                None => l.to_string(),
            })
            .collect();
        b = vec![lines.join("\n")];
    }
    if let Some((name, date)) = signature(spec, false) {
        b.push(format!("{name}\n\n{date}"));
    }
    let mut text = b.join("\n\n");
    text.push('\n');
    text
}

fn pipe_row(cells: &[String]) -> String {
    format!("| {} |", cells.join(" | "))
}

fn rule(n: usize) -> String {
    format!("|{}", " --- |".repeat(n))
}

fn table2(spec: &Spec, b: &mut Vec<String>) {
    for g in t2_groups(spec) {
        b.push(if spec.layout == Layout::Bars {
            format!("{} |", g.heading)
        } else {
            format!("**{}**", g.heading)
        });
        let mut t = Vec::new();
        let mut head = vec!["信息内容".to_string()];
        head.extend(g.columns.iter().map(|c| c.label.to_string()));
        t.push(pipe_row(&head));
        t.push(rule(head.len()));
        for (def, cells) in g.rows {
            let mut r = vec![t2_label(def, spec.version).to_string()];
            r.extend(cells.iter().cloned());
            t.push(pipe_row(&r));
        }
        b.push(t.join("\n"));
    }
}

fn table3(spec: &Spec) -> String {
    let mut t = Vec::new();
    let mut head = vec!["申请人情况".to_string(), "自然人".to_string()];
    head.extend(T3_APPLICANT_COLUMNS.iter().map(|c| c.to_string()));
    head.push("总计".into());
    t.push(pipe_row(&head));
    t.push(rule(head.len()));
    for line in t3_lines(spec) {
        let mut r = Vec::new();
        if spec.layout == Layout::Bars {
            // Group labels in their own cells, only on the group's first row.
            r.extend(line.top.map(str::to_string));
            r.extend(line.group_start.map(str::to_string));
            r.push(line.label.to_string());
        } else {
            let mut label = String::new();
            if let Some(top) = line.top {
                label.push_str(top);
                label.push(' ');
            }
            if let Some(g) = line.group_start {
                label.push_str(g);
                label.push(' ');
            }
            label.push_str(line.label);
            r.push(label);
        }
        r.extend(
            line.cells
                .iter()
                .map(|c| c.map(|v| v.to_string()).unwrap_or_default()),
        );
        t.push(pipe_row(&r));
    }
    format!("{T3_HEAD_NOTE}\n\n{}", t.join("\n"))
}

fn table4(spec: &Spec) -> String {
    let mut groups = Vec::new();
    for g in ["行政复议", "未经复议直接起诉", "复议后起诉"] {
        groups.push(g.to_string());
        groups.extend(std::iter::repeat_n(String::new(), 4));
    }
    let parts: Vec<String> = (0..3)
        .flat_map(|_| T4_PARTS.iter().map(|p| p.to_string()))
        .collect();
    let values: Vec<String> = spec.t4.iter().map(|v| v.to_string()).collect();
    [
        pipe_row(&groups),
        rule(15),
        pipe_row(&parts),
        pipe_row(&values),
    ]
    .join("\n")
}

fn flat_table4(spec: &Spec, rng: &mut Rng) -> String {
    let values: Vec<String> = spec.t4.iter().map(|v| v.to_string()).collect();
    let mut out = "行政复议行政诉讼\n".to_string();
    if rng.chance(0.5) {
        out.push_str("结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计\n");
    }
    out.push_str(&values.join(" "));
    out
}
