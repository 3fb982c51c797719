//! Plain `pdftotext` (no `-layout`) text of a report printed with ruled tables: reading
//! order. Paragraphs are wrapped at the page width; every table cell comes out on its own
//! line (long labels and headers wrapped at their cell's width); a page ends with its footer
//! (`-2-`, `- 2 -`, `第 2 页`) and a form feed, wherever the page ends — between two cells
//! of a row as often as anywhere. Some groups of short rows come out as pdftotext prints
//! them: the labels of all the group's rows in a block, then the values, row by row or
//! column by column (one column's values for every row of the group, then the next column).
//! Blank cells print nothing.

use super::*;
use crate::generate::prose::{self, Block};
use crate::template::TableId;

/// The text as pages: lines are counted in layout units so that a page of prose holds about
/// 35 lines and a page of table about 35 table rows.
struct Pages {
    lines: Vec<String>,
    used: u32,
    capacity: u32,
    page: u32,
    footer: usize,
    form_feed: bool,
}

/// Units a wrapped line of prose takes on a page; a table cell line takes one.
const PROSE_LINE: u32 = 8;

impl Pages {
    fn new(rng: &mut Rng) -> Pages {
        Pages {
            lines: Vec::new(),
            used: 0,
            capacity: rng.range(260, 300) as u32,
            page: 1,
            footer: rng.below(3),
            form_feed: false,
        }
    }

    fn footer_text(&self) -> String {
        let n = self.page;
        match self.footer {
            0 => format!("-{n}-"),
            1 => format!("- {n} -"),
            _ => format!("第 {n} 页"),
        }
    }

    fn push_weighted(&mut self, line: String, units: u32) {
        if self.used + units > self.capacity {
            // The page's footer, then pdftotext's form feed before the next page's text.
            self.lines.push(String::new());
            self.lines.push(self.footer_text());
            self.lines.push(String::new());
            self.page += 1;
            self.used = 0;
            self.form_feed = true;
        }
        self.used += units;
        if self.form_feed && !line.is_empty() {
            self.form_feed = false;
            self.lines.push(format!("\u{c}{line}"));
        } else {
            self.lines.push(line);
        }
    }

    /// A table cell (or one wrapped piece of it).
    fn cell(&mut self, line: String) {
        self.push_weighted(line, 1);
    }

    fn prose(&mut self, line: String) {
        self.push_weighted(line, PROSE_LINE);
    }

    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
            self.used += PROSE_LINE / 2;
        }
    }

    fn finish(mut self) -> String {
        self.blank();
        self.lines.push(self.footer_text());
        let mut text = self.lines.join("\n");
        text.push_str("\n\u{c}");
        text
    }
}

/// Characters no line may start with (Chinese line breaking).
fn closing(c: char) -> bool {
    "，。、；：！？）》”’,.;:!?)".contains(c)
}

/// Break `s` into lines of at most `width` characters (one more for closing punctuation),
/// never inside a run of ASCII letters and digits.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    while chars.len() - start > width {
        let mut end = start + width;
        if closing(chars[end]) {
            end += 1;
        }
        let in_run = |e: usize| {
            e < chars.len()
                && chars[e].is_ascii_alphanumeric()
                && chars[e - 1].is_ascii_alphanumeric()
        };
        let cut = end;
        while end > start + 1 && in_run(end) {
            end -= 1;
        }
        if in_run(end) {
            // The whole line is one run: the line ends after it.
            end = cut;
            while in_run(end) {
                end += 1;
            }
        }
        if end >= chars.len() {
            break;
        }
        out.push(chars[start..end].iter().collect());
        start = end;
    }
    out.push(chars[start..].iter().collect());
    out
}

/// Widths (in characters) of the page and of the table cells, chosen per report.
struct Widths {
    page: usize,
    header: usize,
    label: usize,
}

pub fn render(spec: &Spec, rng: &mut Rng) -> String {
    let w = Widths {
        page: rng.range(36, 42) as usize,
        header: rng.range(4, 9) as usize,
        label: rng.range(12, 16) as usize,
    };
    let mut p = Pages::new(rng);
    p.prose(title(spec));
    if let (DateStyle::WebLine | DateStyle::IndexBlock, Some(d)) = (spec.date_style, iso_date(spec))
    {
        p.prose(format!("发布日期：{d}"));
    }
    p.blank();
    if let Some(pre) = prose::preamble(spec) {
        paragraph(&mut p, &pre, w.page);
    }
    for s in prose::sections(spec, rng) {
        p.prose(s.title);
        for block in s.blocks {
            match block {
                Block::Sub(t) => p.prose(t),
                Block::Para(t) => paragraph(&mut p, &t, w.page),
                Block::Table(TableId::T2) => table2(spec, &mut p, &w, rng),
                Block::Table(TableId::T3) => table3(spec, &mut p, &w, rng),
                Block::Table(TableId::T4) => table4(spec, &mut p, &w),
            }
        }
        p.blank();
    }
    if let Some((name, date)) = signature(spec, spec.date_style == DateStyle::WebLine) {
        let pad = " ".repeat(50);
        p.prose(format!("{pad}{name}"));
        p.prose(format!("{pad}{date}"));
    }
    let text = p.finish();
    if spec.style.ascii_punct {
        ascii_punct(&text)
    } else {
        text
    }
}

fn paragraph(p: &mut Pages, text: &str, width: usize) {
    for l in wrap(text, width) {
        p.prose(l);
    }
    p.blank();
}

/// A cell's text, wrapped at the cell's width.
fn cell_text(p: &mut Pages, text: &str, width: usize) {
    for l in wrap(text, width) {
        p.cell(l);
    }
}

/// How a group of rows comes out.
#[derive(Clone, Copy, PartialEq)]
enum Order {
    /// Each row's label followed by its values.
    Rows,
    /// The labels of all rows, then the values row by row.
    LabelsThenRows,
    /// The labels of all rows, then the values column by column.
    LabelsThenColumns,
}

fn order(rows: usize, p_block: f64, rng: &mut Rng) -> Order {
    if rows < 2 || !rng.chance(p_block) {
        Order::Rows
    } else if rng.chance(0.6) {
        Order::LabelsThenColumns
    } else {
        Order::LabelsThenRows
    }
}

/// Rows of one group: labels and their values (`None`: a blank cell, which prints nothing).
fn rows_out(p: &mut Pages, rows: &[(String, Vec<Option<String>>)], order: Order, width: usize) {
    match order {
        Order::Rows => {
            for (label, values) in rows {
                cell_text(p, label, width);
                for v in values.iter().flatten() {
                    p.cell(v.clone());
                }
            }
        }
        Order::LabelsThenRows | Order::LabelsThenColumns => {
            for (label, _) in rows {
                cell_text(p, label, width);
            }
            let columns = rows.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
            if order == Order::LabelsThenRows {
                for v in rows.iter().flat_map(|(_, v)| v.iter().flatten()) {
                    p.cell(v.clone());
                }
            } else {
                for c in 0..columns {
                    for v in rows.iter().filter_map(|(_, v)| v.get(c).cloned().flatten()) {
                        p.cell(v);
                    }
                }
            }
        }
    }
}

fn table2(spec: &Spec, p: &mut Pages, w: &Widths, rng: &mut Rng) {
    for g in t2_groups(spec) {
        cell_text(p, g.heading, w.label);
        p.cell("信息内容".into());
        for c in g.columns {
            cell_text(p, c.label, w.header);
        }
        let rows: Vec<(String, Vec<Option<String>>)> = g
            .rows
            .iter()
            .map(|(def, cells)| {
                let values = cells
                    .iter()
                    .map(|v| (!v.is_empty()).then(|| v.clone()))
                    .collect();
                (t2_label(def, spec.version).to_string(), values)
            })
            .collect();
        let o = order(rows.len(), 0.25, rng);
        rows_out(p, &rows, o, w.label);
    }
    p.blank();
}

fn table3(spec: &Spec, p: &mut Pages, w: &Widths, rng: &mut Rng) {
    cell_text(p, T3_HEAD_NOTE, w.label);
    for h in ["申请人情况", "自然人", "法人或其他组织", "总计"] {
        cell_text(p, h, w.header);
    }
    for c in T3_APPLICANT_COLUMNS {
        cell_text(p, c, w.header);
    }
    let lines = t3_lines(spec);
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if let Some(t) = line.top {
            cell_text(p, t, w.label);
        }
        // A sub-group (（三）不予公开 …): its heading, then its rows, maybe as a block.
        let end = match (line.group_start, line.group) {
            (Some(g), Some(_)) => {
                cell_text(p, g, w.label);
                let n = lines[i..]
                    .iter()
                    .take_while(|l| l.group == line.group)
                    .count();
                i + n
            }
            _ => i + 1,
        };
        let rows: Vec<(String, Vec<Option<String>>)> = lines[i..end]
            .iter()
            .map(|l| {
                let values = l.cells.iter().map(|c| c.map(|v| v.to_string())).collect();
                (l.label.to_string(), values)
            })
            .collect();
        let o = order(rows.len(), 0.3, rng);
        rows_out(p, &rows, o, w.label);
        i = end;
    }
    p.blank();
}

fn table4(spec: &Spec, p: &mut Pages, w: &Widths) {
    for h in ["行政复议", "行政诉讼"] {
        p.cell(h.into());
    }
    for part in T4_PARTS {
        cell_text(p, part, w.header);
    }
    for h in ["未经复议直接起诉", "复议后起诉"] {
        cell_text(p, h, w.header);
    }
    for _ in 0..2 {
        for part in T4_PARTS {
            cell_text(p, part, w.header);
        }
    }
    // A review group of zeros written as blank cells prints nothing.
    let blank_review = spec.style.blank_zeros && spec.t4[..5].iter().all(|v| *v == 0);
    for (k, v) in spec.t4.iter().enumerate() {
        if !(blank_review && k < 5) {
            p.cell(v.to_string());
        }
    }
    p.blank();
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrapping_keeps_numbers_and_closing_punctuation() {
        assert_eq!(wrap("一二三四", 4), vec!["一二三四"]);
        assert_eq!(wrap("一二三四五", 4), vec!["一二三四", "五"]);
        // A closing mark stays on the line it closes.
        assert_eq!(wrap("一二三四，五", 4), vec!["一二三四，", "五"]);
        // A number is never cut.
        assert_eq!(wrap("共受理12件", 4), vec!["共受理", "12件"]);
        assert_eq!(wrap("受理1234", 4), vec!["受理", "1234"]);
        assert_eq!(wrap("123456", 4), vec!["123456"]);
        let long = "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。";
        let lines = wrap(long, 10);
        assert_eq!(lines.concat(), long);
        assert!(lines.iter().all(|l| l.chars().count() <= 11), "{lines:?}");
    }
}
