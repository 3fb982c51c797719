//! Columns of an unruled table 3 or 4, from its header words.
//!
//! Without rulings, a row that leaves cells empty prints fewer numbers than the table has
//! columns, and the numbers alone cannot say which cells they are. The header can: table 3's
//! column labels (自然人 … 总计) are printed above their columns, often wrapped into stacks
//! (`商业` over `企业`, `自然` over `人`). When every label of the template is found, in
//! order, each label's stack gives its column's place; the boundaries between columns lie
//! halfway between neighbouring labels. A data line below is then rebuilt as a
//! `| label | a | | c | … |` row, its empty positions blank cells (the located label and
//! the located columns define them), only when every number of the line falls clearly in
//! one column, no two in the same one, and its label ends left of the first column.
//! Anything else is left as it was printed (the parser then leaves cells missing rather
//! than guess). The columns carry over a page break and end at the next table's header
//! (table 4's, for table 3) or section 5's heading (for table 4). Table 4's labels repeat
//! in its three groups (结果维持 … 总计); they are taken left to right.

use super::Glyph;
use super::layout::Piece;
use crate::template::{TableId, TemplateVersion};
use crate::text::squash;

/// A number this close (font sizes) to a column boundary is not placed.
const MARGIN: f32 = 0.3;
/// How many lines below a label's first piece its stack may continue.
const STACK_LINES: usize = 3;

/// A table's columns on the page: the labels' centres, left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    table: TableId,
    centres: Vec<f32>,
    /// The left edge of the first column's region.
    left: f32,
    /// Typical font size of the header, for margins.
    size: f32,
}

/// A run of glyphs on one line with no visible gap: one header word or part of one.
struct Run {
    line: usize,
    text: String,
    x0: f32,
    x1: f32,
    size: f32,
}

fn page_runs(lines: &[Vec<&Glyph>]) -> Vec<Run> {
    let mut out = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let mut cur: Option<Run> = None;
        for g in line {
            let text: String = g.text.chars().filter(|c| !c.is_whitespace()).collect();
            if text.is_empty() {
                continue;
            }
            match &mut cur {
                Some(r) if g.x0 - r.x1 <= 0.5 * g.size.max(r.size) => {
                    r.text.push_str(&text);
                    r.x1 = g.x1;
                    r.size = r.size.max(g.size);
                }
                _ => {
                    out.extend(cur.take());
                    cur = Some(Run {
                        line: li,
                        text,
                        x0: g.x0,
                        x1: g.x1,
                        size: g.size,
                    });
                }
            }
        }
        out.extend(cur);
    }
    for r in &mut out {
        r.text = squash(&r.text)
            .chars()
            .map(super::layout::ideograph)
            .collect();
    }
    out
}

/// Every stack of runs that spells `label` top to bottom: (x0, x1, last line, font size).
fn stacks(runs: &[Run], label: &str) -> Vec<(f32, f32, usize, f32)> {
    let mut out = Vec::new();
    for start in runs {
        if start.text.is_empty() || !label.starts_with(start.text.as_str()) {
            continue;
        }
        let (mut x0, mut x1, mut line) = (start.x0, start.x1, start.line);
        let mut rest = &label[start.text.len()..];
        while !rest.is_empty() {
            let next = runs.iter().find(|r| {
                r.line > line
                    && r.line <= line + STACK_LINES
                    && r.x0 < x1
                    && r.x1 > x0
                    && !r.text.is_empty()
                    && rest.starts_with(r.text.as_str())
            });
            let Some(n) = next else { break };
            rest = &rest[n.text.len()..];
            x0 = x0.min(n.x0);
            x1 = x1.max(n.x1);
            line = n.line;
        }
        if rest.is_empty() {
            out.push((x0, x1, line, start.size));
        }
    }
    out
}

/// The column labels of a table as printed in its header (table 4's without their group).
fn labels(table: TableId) -> Vec<&'static str> {
    TemplateVersion::DEFAULT.template().table(table).rows[0]
        .columns
        .iter()
        .map(|c| c.label.rsplit('·').next().unwrap_or(c.label))
        .collect()
}

/// The headers of table 3 and table 4 on these lines: for each, its columns and the index of
/// its last line, in page order.
pub fn find_headers(lines: &[Vec<&Glyph>]) -> Vec<(usize, Columns)> {
    // The page's runs, made once for both tables (only when a header may be there).
    let runs = std::cell::OnceCell::new();
    let mut out: Vec<(usize, Columns)> = [TableId::T3, TableId::T4]
        .into_iter()
        .filter_map(|t| find_header(lines, t, &runs))
        .collect();
    out.sort_by_key(|h| h.0);
    out
}

/// A table's header on these lines: every column label of the template, left to right.
fn find_header(
    lines: &[Vec<&Glyph>],
    table: TableId,
    runs: &std::cell::OnceCell<Vec<Run>>,
) -> Option<(usize, Columns)> {
    let labels = labels(table);
    // Cheap test first: the first characters of the first and last labels are printed.
    let firsts: Vec<char> = [labels[0], labels[labels.len() - 1]]
        .iter()
        .filter_map(|l| l.chars().next())
        .collect();
    let printed = |c: char| {
        lines
            .iter()
            .flatten()
            .any(|g| g.text.chars().any(|g| super::layout::ideograph(g) == c))
    };
    if !firsts.iter().all(|&c| printed(c)) {
        return None;
    }
    let runs = runs.get_or_init(|| page_runs(lines));
    let mut picked: Vec<(f32, f32, usize, f32)> = Vec::new();
    for label in &labels {
        let after = picked.last().map_or(f32::MIN, |p| p.1);
        let first_line = picked.first().map(|p| p.2);
        let best = stacks(runs, label)
            .into_iter()
            .filter(|s| s.0 > after)
            // The whole header is within a few lines.
            .filter(|s| first_line.is_none_or(|l| s.2.abs_diff(l) <= 2 * STACK_LINES))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        picked.push(best?);
    }
    let size = picked.iter().map(|p| p.3).fold(0.0, f32::max).max(1.0);
    let centres: Vec<f32> = picked.iter().map(|p| (p.0 + p.1) / 2.0).collect();
    let first_gap = centres[1] - centres[0];
    let last_line = picked.iter().map(|p| p.2).max()?;
    Some((
        last_line,
        Columns {
            table,
            left: centres[0] - first_gap / 2.0,
            centres,
            size,
        },
    ))
}

impl Columns {
    /// Whether a line ends the table: table 4's header ends table 3, section 5's heading
    /// table 4.
    pub fn ends_table(&self, line: &[&Glyph]) -> bool {
        let s: String = line.iter().map(|g| g.text.as_str()).collect();
        let s = squash(&s);
        match self.table {
            TableId::T4 => s.starts_with("五、") || s.contains("存在的主要问题"),
            _ => s.contains("行政复议") || s.contains("行政诉讼"),
        }
    }
}

fn is_number(s: &str) -> bool {
    let s = s.trim();
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.matches('.').count() <= 1
}

fn centre(p: &Piece) -> Option<f32> {
    p.place.map(|(_, b)| (b[0] + b[2]) / 2.0)
}

impl Columns {
    /// The column a number centred at `x` is in, unless it is too near a boundary.
    fn column(&self, x: f32) -> Option<usize> {
        let margin = MARGIN * self.size;
        if x < self.left + margin {
            return None;
        }
        let mut col = 0;
        for (i, w) in self.centres.windows(2).enumerate() {
            let boundary = (w[0] + w[1]) / 2.0;
            if (x - boundary).abs() < margin {
                return None;
            }
            if x > boundary {
                col = i + 1;
            }
        }
        // Past the last column by more than a column's width: not in the table.
        let last = self.centres[self.centres.len() - 1];
        let gap = last - self.centres[self.centres.len() - 2];
        (x < last + gap).then_some(col)
    }

    /// A printed line rebuilt as a pipe row, when its numbers fall clearly in columns.
    pub fn rebuild(&self, pieces: &[Piece]) -> Option<Vec<Piece>> {
        let words: Vec<&Piece> = pieces.iter().filter(|p| p.text != "\t").collect();
        let first_number = words.iter().position(|p| is_number(&p.text))?;
        let (label, numbers) = words.split_at(first_number);
        // A line of numbers only is the middle of a row whose label wraps above and below it.
        if numbers.iter().any(|p| !is_number(&p.text)) {
            return None;
        }
        let label_end = label
            .iter()
            .filter_map(|p| p.place.map(|(_, b)| b[2]))
            .fold(f32::MIN, f32::max);
        if label_end > self.left {
            return None;
        }
        let mut cells: Vec<Option<&Piece>> = vec![None; self.centres.len()];
        for p in numbers {
            let c = self.column(centre(p)?)?;
            if cells[c].replace(p).is_some() {
                return None;
            }
        }
        let bar = |s: &str| Piece {
            text: s.to_string(),
            place: None,
        };
        // Table 4's row has no label column: its fields are its fifteen cells.
        let label_field = !(label.is_empty() && self.table == TableId::T4);
        let mut out = vec![bar("|")];
        if label_field {
            out.push(bar(" "));
            for (i, p) in label.iter().enumerate() {
                if i > 0 {
                    out.push(bar(" "));
                }
                out.push((*p).clone());
            }
            out.push(bar(" |"));
        }
        for c in cells {
            out.push(bar(" "));
            if let Some(p) = c {
                out.push(p.clone());
            }
            out.push(bar(" |"));
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout::line_pieces;
    use super::*;
    use compact_str::CompactString;

    fn word(text: &str, x: f32, top: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: CompactString::from(c.to_string()),
                x0: x + 10.0 * i as f32,
                x1: x + 10.0 * (i + 1) as f32,
                top,
                bottom: top + 10.0,
                size: 10.0,
            })
            .collect()
    }

    /// Header words at these x positions, wrapped as real exports wrap them.
    fn header() -> Vec<Glyph> {
        let mut g = Vec::new();
        g.extend(word("申请人情况", 250.0, 0.0));
        g.extend(word("法人或其他组织", 240.0, 14.0));
        g.extend(word("自然", 150.0, 28.0));
        g.extend(word("人", 150.0, 42.0));
        for (i, (a, b)) in [("商业", "企业"), ("科研", "机构"), ("社会", "公益组织")]
            .iter()
            .enumerate()
        {
            let x = 200.0 + 50.0 * i as f32;
            g.extend(word(a, x, 28.0));
            g.extend(word(b, x, 42.0));
        }
        g.extend(word("法律服务", 350.0, 28.0));
        g.extend(word("机构", 350.0, 42.0));
        g.extend(word("其他", 400.0, 28.0));
        g.extend(word("总计", 450.0, 28.0));
        g
    }

    fn lines(g: &[Glyph]) -> Vec<Vec<&Glyph>> {
        super::super::layout::visual_lines(g.iter().collect())
    }

    #[test]
    fn wrapped_header_words_give_the_seven_columns() {
        let g = header();
        let (last, cols) =
            find_header(&lines(&g), TableId::T3, &std::cell::OnceCell::new()).expect("header");
        assert_eq!(last, 3, "the header ends on its fourth line");
        assert_eq!(cols.centres.len(), 7);
        assert_eq!(cols.centres[0], 160.0);
        assert_eq!(cols.centres[6], 460.0);
    }

    #[test]
    fn a_row_with_empty_cells_is_rebuilt_and_an_ambiguous_one_is_not() {
        let g = header();
        let (_, cols) =
            find_header(&lines(&g), TableId::T3, &std::cell::OnceCell::new()).expect("header");
        let mut row = word("一、本年新收", 10.0, 70.0);
        row.extend(word("3", 157.0, 70.0)); // 自然人
        row.extend(word("12", 452.0, 70.0)); // 总计
        let l = lines(&row);
        let pieces = line_pieces(&l[0], 1);
        let out = cols.rebuild(&pieces).expect("rebuilt");
        let text: String = out.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(text, "| 一、本年新收 | 3 |  |  |  |  |  | 12 |");
        // A number on the boundary between 其他 and 总计 (435): left as printed.
        let mut row = word("二、上年结转", 10.0, 90.0);
        row.extend(word("1", 431.0, 90.0));
        let l = lines(&row);
        assert!(cols.rebuild(&line_pieces(&l[0], 1)).is_none());
        // Two numbers in one column: left as printed.
        let mut row = word("（一）予以公开", 10.0, 110.0);
        row.extend(word("1", 200.0, 110.0));
        row.extend(word("2", 218.0, 110.0));
        let l = lines(&row);
        assert!(cols.rebuild(&line_pieces(&l[0], 1)).is_none());
    }

    #[test]
    fn no_header_without_every_label_in_order() {
        let g: Vec<Glyph> = header()
            .into_iter()
            .filter(|g| !(g.x0 >= 400.0 && g.x0 < 420.0)) // drop 其他
            .collect();
        assert!(find_header(&lines(&g), TableId::T3, &std::cell::OnceCell::new()).is_none());
    }
}
