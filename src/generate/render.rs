//! Writing a report spec as text in one of the layouts of FORMAT.md §7.

mod cells;
mod html;
mod markdown;
mod oneline;
mod reading;
mod tabs;

use super::Layout;
use super::rng::Rng;
use super::spec::{DateStyle, Pad, Spec};
use crate::template::{Column, RowDef, TemplateVersion};

pub fn render(spec: &Spec, rng: &mut Rng) -> String {
    match spec.layout {
        Layout::Cells => cells::render(spec, rng),
        Layout::Tabs => tabs::render(spec, rng),
        Layout::Html => html::render(spec, rng),
        Layout::Markdown | Layout::FlatT4 | Layout::Bars => markdown::render(spec, rng),
        Layout::OneLine => oneline::render(spec, rng),
        Layout::ReadingOrder => reading::render(spec, rng),
    }
}

/// The report title as the agency writes it.
pub fn title(spec: &Spec) -> String {
    let (a, y) = (&spec.agency.name, spec.year);
    match spec.style.title_form {
        0 => format!("{a}{y}年政府信息公开工作年度报告"),
        1 => format!("{a}政府信息公开工作{y}年度报告"),
        2 => format!("{a}{y}年度政府信息公开工作报告"),
        _ => format!("{a} {y} 年政府信息公开工作年度报告"),
    }
}

/// `2021-01-26`.
pub fn iso_date(spec: &Spec) -> Option<String> {
    spec.published.map(|d| d.to_string())
}

/// The dated signature lines, when the report has one.
pub fn signature(spec: &Spec, always: bool) -> Option<(String, String)> {
    let d = spec.published?;
    if spec.date_style == DateStyle::Signature || always {
        Some((
            spec.agency.name.clone(),
            format!("{}年{}月{}日", d.year, d.month, d.day),
        ))
    } else {
        None
    }
}

/// Full-width punctuation to ASCII, as many sites' text comes out.
pub fn ascii_punct(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' => ',',
            '；' => ';',
            _ => c,
        })
        .collect()
}

/// A table 2 group: heading, column labels, rows.
pub struct T2Group<'a> {
    pub heading: &'static str,
    pub columns: &'static [Column],
    pub rows: Vec<(&'static RowDef, &'a [String])>,
}

pub fn t2_groups(spec: &Spec) -> Vec<T2Group<'_>> {
    let defs = spec.version.template().t2.rows;
    let mut out: Vec<T2Group> = Vec::new();
    for (def, cells) in defs.iter().zip(&spec.t2) {
        let heading = def.group.unwrap_or("");
        match out.last_mut() {
            Some(g) if g.heading == heading => g.rows.push((def, cells)),
            _ => out.push(T2Group {
                heading,
                columns: def.columns,
                rows: vec![(def, cells)],
            }),
        }
    }
    out
}

/// The label a table 2 row is written with in this template version.
pub fn t2_label(def: &RowDef, version: TemplateVersion) -> &'static str {
    match (def.key, version) {
        ("normative_documents", TemplateVersion::V2019) => "规范性文件",
        _ => def.label,
    }
}

/// One visible table 3 row.
pub struct T3Line {
    pub key: &'static str,
    /// `三、本年度办理结果` when the row is the first result row.
    pub top: Option<&'static str>,
    /// The sub-group heading (`（三）不予公开`) when the row is the first of its group.
    pub group_start: Option<&'static str>,
    /// The sub-group the row belongs to, for rowspans.
    pub group: Option<&'static str>,
    pub label: &'static str,
    /// One entry per template column; `None` for a cell lost in extraction.
    pub cells: Vec<Option<i64>>,
}

pub const RESULTS_HEADING: &str = "三、本年度办理结果";

/// Table 3 rows in order, without the row left out by an S05 fault, with the first-of-group
/// markers computed on the visible rows.
pub fn t3_lines(spec: &Spec) -> Vec<T3Line> {
    let defs = spec.version.template().t3.rows;
    let mut out = Vec::new();
    let mut seen_top = false;
    let mut last_group: Option<&str> = None;
    for (i, def) in defs.iter().enumerate() {
        if spec.missing_row == Some(i) {
            continue;
        }
        let in_results = def.group.is_some();
        let top = if in_results && !seen_top {
            seen_top = true;
            Some(RESULTS_HEADING)
        } else {
            None
        };
        // Sub-groups are the groups other than the top heading.
        let group = def.group.filter(|g| *g != RESULTS_HEADING);
        let group_start = if group.is_some() && group != last_group {
            group
        } else {
            None
        };
        last_group = group;
        let mut cells: Vec<Option<i64>> = spec.t3[i].iter().map(|v| Some(*v)).collect();
        if let Some((r, lost)) = &spec.lost_cells
            && *r == i
        {
            for c in lost {
                cells[*c] = None;
            }
        }
        let label = match (def.key, spec.style.title_variant[2]) {
            ("denied_security", 1) => "3.危及三安全一稳定",
            _ => def.label,
        };
        out.push(T3Line {
            key: def.key,
            top,
            group_start,
            group,
            label,
            cells,
        });
    }
    if single_other(spec) {
        // The three （六） sub-rows printed as the one 2019 row, holding their sums.
        let first = out.iter().position(|l| l.key == "other_uncorrected");
        if let Some(i) = first {
            let subs: Vec<T3Line> = out.drain(i..i + 3).collect();
            let cells = (0..7)
                .map(|c| subs.iter().map(|l| l.cells[c]).sum::<Option<i64>>())
                .collect();
            out.insert(
                i,
                T3Line {
                    key: "other",
                    top: None,
                    group_start: None,
                    group: None,
                    label: "（六）其他处理",
                    cells,
                },
            );
        }
    }
    out
}

/// Whether a 2021 report prints table 3's （六）其他处理 as the single 2019 row (one report
/// in seven whose faults and lost cells leave those rows alone).
pub fn single_other(spec: &Spec) -> bool {
    let defs = spec.version.template().t3.rows;
    let sub = |i: usize| defs.get(i).is_some_and(|d| d.key.starts_with("other_"));
    spec.version == TemplateVersion::V2021
        && spec.style.views % 7 == 3
        && !spec.missing_row.is_some_and(sub)
        && !spec.lost_cells.as_ref().is_some_and(|(r, _)| sub(*r))
        && !spec
            .faults
            .iter()
            .any(|f| f.row.as_deref().is_some_and(|r| r.starts_with("other_")))
}

pub const T3_HEAD_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";
pub const T3_APPLICANT_COLUMNS: [&str; 5] = [
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
];
pub const T4_PARTS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// A cell value with the padding style of the one-cell-per-line layout.
pub fn padded(v: &str, pad: Pad, i: usize) -> String {
    match pad {
        Pad::Plain => v.to_string(),
        Pad::NbspAlternating => {
            if i.is_multiple_of(3) {
                format!("\u{a0}{v}")
            } else {
                format!("{v}\u{a0}")
            }
        }
        Pad::NbspBefore => format!("\u{a0}{v}"),
        Pad::Spaces => match i % 4 {
            0 => format!(" {v}"),
            1 => format!("{v} "),
            _ => v.to_string(),
        },
    }
}

/// Insert spaces inside a label the way PDF extraction breaks it (`申请 数量`).
pub fn pdf_spaces(label: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(label.len() + 8);
    let n = label.chars().count();
    for (i, c) in label.chars().enumerate() {
        out.push(c);
        if i + 1 < n && i >= 2 && rng.chance(0.12) {
            out.push(' ');
        }
    }
    out
}

/// `三 、 本 年 度`: every character spaced out.
pub fn spaced_out(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && c != '、' {
            out.push(' ');
        }
        out.push(c);
    }
    out
}
