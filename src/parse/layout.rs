//! Turning the lines of a table region into observed rows: label fragments followed by
//! data fields. Three physical shapes are recognised per line:
//!
//! - **positional** lines: tab-separated (PDF text) or pipe rows (markdown, rendered HTML),
//!   where an empty field is a blank cell and field order is column order;
//! - **single** lines: one cell per line (text copied from a web page), where blank cells
//!   cannot be seen and only placeholders (`-`, `无`) stand for them;
//! - **runs** of numbers on one line separated by spaces (flattened table 4).

use super::cells::{FieldClass, classify};
use crate::model::SourceText;
use crate::text::is_space;

/// A trimmed piece of a line with its byte range in the source.
#[derive(Debug, Clone)]
pub struct Field {
    pub start: usize,
    pub end: usize,
    pub class: FieldClass,
}

impl Field {
    pub fn text<'a>(&self, src: &'a SourceText) -> &'a str {
        &src.text[self.start..self.end]
    }

    pub fn is_empty(&self) -> bool {
        self.class == FieldClass::Empty
    }
}

/// A row as it appears in the source, before it is matched to the template.
#[derive(Debug, Clone, Default)]
pub struct ObsRow {
    /// Label pieces in reading order (header text that preceded the row included).
    pub fragments: Vec<Field>,
    /// Data fields in column order.
    pub data: Vec<Field>,
    /// Field positions are column positions (tab / pipe layout).
    pub positional: bool,
    /// First and last line of the data (0 when there is no data).
    pub first_line: u32,
    pub last_line: u32,
    /// The row was printed as its label immediately followed by its digits run together
    /// (`（一）予以公开5000016`): the run's byte range.
    pub run: Option<super::digits::DigitRun>,
}

impl ObsRow {
    /// A row whose data fields are all empty: a label line of a positional table.
    pub fn is_weak(&self) -> bool {
        self.data.iter().all(Field::is_empty)
    }
}

fn trim_range(text: &str, start: usize, end: usize) -> (usize, usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start_matches(is_space).len();
    let trimmed = piece.trim_matches(is_space);
    (start + lead, start + lead + trimmed.len())
}

fn field(text: &str, start: usize, end: usize) -> Field {
    let (s, e) = trim_range(text, start, end);
    Field {
        start: s,
        end: e,
        class: classify(&text[s..e]),
    }
}

/// The shape of one line.
pub enum LineShape {
    Blank,
    Positional(Vec<Field>),
    Single(Field),
    /// Several values on one line separated by spaces.
    Run(Vec<Field>),
    /// A label followed by values separated by spaces (`规章 0 0 0`).
    LabelRun(Field, Vec<Field>),
    /// A label with its digits run on right after it (`规章000`, `（七）总计12 0 00 0 012`).
    Concat(Field, Field),
}

fn is_separator_row(line: &str) -> bool {
    let t = line.trim();
    // `|---|:--:|` or `---|---` (no leading bar). A row of empty cells (`|  |  |`) or of
    // placeholders (`| - | — |`) is not a separator: every field needs three dashes.
    t.contains(['|', '｜'])
        && t.split(['|', '｜'])
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .all(|f| {
                f.chars().filter(|&c| c == '-' || c == '－').count() >= 3
                    && f.chars().all(|c| matches!(c, '-' | '－' | ':'))
            })
        && t.contains(['-', '－'])
}

/// A page number that PDF text leaves between cells: `-2-`, `— 3 —`, `第 4 页`, `第4页 共9页`.
pub fn is_page_footer(line: &str) -> bool {
    // Footers are short; most lines are not (checked before anything is allocated).
    if line.len() > 64 {
        return false;
    }
    // A footer starts with a dash or 第 (checked before anything is allocated).
    if !matches!(
        line.chars().find(|c| !is_space(*c)),
        Some('-' | '—' | '－' | '–' | '第')
    ) {
        return false;
    }
    let t: String = line.chars().filter(|c| !is_space(*c)).collect();
    if t.is_empty() || t.chars().count() > 12 {
        return false;
    }
    let dashes = ['-', '—', '－', '–'];
    if let Some(inner) = t.strip_prefix(dashes).and_then(|r| r.strip_suffix(dashes)) {
        let inner = inner.trim_matches(dashes);
        return !inner.is_empty() && inner.chars().all(crate::text::is_digit);
    }
    let Some(rest) = t.strip_prefix('第') else {
        return false;
    };
    let Some((n, after)) = rest.split_once('页') else {
        return false;
    };
    !n.is_empty()
        && n.chars().all(crate::text::is_digit)
        && (after.is_empty()
            || after
                .strip_prefix('共')
                .and_then(|m| m.strip_suffix('页'))
                .is_some_and(|m| !m.is_empty() && m.chars().all(crate::text::is_digit)))
}

fn is_bar(c: char) -> bool {
    c == '|' || c == '｜'
}

/// Whether a line is a row of cells joined by bars: `| a | b |` (markdown, rendered HTML),
/// or what page-to-text tools write, `a | b | c |` without a leading bar, `a｜b｜c`.
fn is_bar_row(line: &str) -> bool {
    if !line.contains(['|', '｜']) {
        return false;
    }
    let t = line.trim_matches(is_space);
    let bars = t.chars().filter(|&c| is_bar(c)).count();
    if bars == 0 || t.chars().count() <= 1 {
        return false;
    }
    bars >= 2 || t.starts_with(is_bar) || t.ends_with(is_bar)
}

/// The fields of a bar row: one trailing bar and (in the markdown convention) one leading
/// bar are dropped, the rest split.
fn bar_fields(text: &str, offset: usize, line: &str, leading_bar: bool) -> Vec<Field> {
    let lead = line.len() - line.trim_start_matches(is_space).len();
    let body = line.trim_matches(is_space);
    let mut inner_start = lead;
    let mut inner = body;
    if let Some(c) = inner.chars().next().filter(|&c| leading_bar && is_bar(c)) {
        inner = &inner[c.len_utf8()..];
        inner_start += c.len_utf8();
    }
    if let Some(c) = inner.chars().next_back().filter(|&c| is_bar(c)) {
        inner = &inner[..inner.len() - c.len_utf8()];
    }
    let mut fields = Vec::new();
    let mut pos = inner_start;
    for piece in inner.split(is_bar) {
        fields.push(field(text, offset + pos, offset + pos + piece.len()));
        // Both bars are followed by the next piece; find the bar's width at `pos + len`.
        let bar = line[pos + piece.len()..]
            .chars()
            .next()
            .map_or(1, char::len_utf8);
        pos += piece.len() + bar;
    }
    fields
}

/// Split a line (`offset` = its byte offset in `text`) into its shape (a leading bar is
/// markdown's, not an empty first cell).
pub fn shape(text: &str, offset: usize, line: &str) -> LineShape {
    shape_in(text, offset, line, true)
}

/// Whether the bar rows of lines `first..=last` write a leading bar (markdown, rendered
/// HTML) or not (page-to-text tools): in the second convention a line that starts with a
/// bar has an empty first cell.
fn leading_bars(src: &SourceText, first: u32, last: u32) -> bool {
    let (mut rows, mut leading) = (0usize, 0usize);
    for n in first..=last.min(src.line_count() as u32) {
        let line = src.line(n as usize);
        if line.len() < 2000 && is_bar_row(line) {
            rows += 1;
            leading += usize::from(line.trim_start_matches(is_space).starts_with(is_bar));
        }
    }
    leading * 2 >= rows
}

fn shape_in(text: &str, offset: usize, line: &str, leading_bar: bool) -> LineShape {
    if line.trim_matches(is_space).is_empty() || is_page_footer(line) {
        return LineShape::Blank;
    }
    if line.contains('\t') {
        let mut fields = Vec::new();
        let mut pos = 0;
        for piece in line.split('\t') {
            fields.push(field(text, offset + pos, offset + pos + piece.len()));
            pos += piece.len() + 1;
        }
        return LineShape::Positional(fields);
    }
    if is_bar_row(line) {
        if is_separator_row(line) {
            return LineShape::Blank;
        }
        return LineShape::Positional(bar_fields(text, offset, line, leading_bar));
    }
    let whole = field(text, offset, offset + line.len());
    if let Some(split) = concat_split(&text[whole.start..whole.end]) {
        let label = field(text, whole.start, whole.start + split);
        let run = field(text, whole.start + split, whole.end);
        return LineShape::Concat(label, run);
    }
    if !text[whole.start..whole.end].contains(is_space) {
        return LineShape::Single(whole);
    }
    // Whitespace-separated tokens: a run of values, or a label followed by values.
    let tokens = units_joined(text, tokens(text, offset, line));
    if tokens.len() >= 2 {
        // The values are the data tokens after the last text token; what comes before is
        // label, whatever it looks like (a vertical group label's `三` in PDF layout text).
        match tokens.iter().rposition(|t| t.class == FieldClass::Text) {
            None if tokens.len() >= 3 && tokens.iter().all(|t| t.class.is_data()) => {
                return LineShape::Run(tokens);
            }
            Some(lt)
                if lt + 1 < tokens.len() && tokens[lt + 1..].iter().all(|t| t.class.is_data()) =>
            {
                let label = field(text, tokens[0].start, tokens[lt].end);
                return LineShape::LabelRun(label, tokens[lt + 1..].to_vec());
            }
            _ => {}
        }
    }
    LineShape::Single(whole)
}

/// Where a label's concatenated digit run starts: the line is label text (ending in a CJK
/// letter or closing bracket/quote) immediately followed by digits, then only digits and
/// spaces. `规章 0 1 2` (a space after the label) is a label run, not this.
fn concat_split(t: &str) -> Option<usize> {
    let run_start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| crate::text::is_digit(*c) || is_space(*c))
        .last()
        .map(|(i, _)| i)?;
    let label = &t[..run_start];
    let last = label.chars().next_back()?;
    let glued = crate::text::is_cjk(last) || matches!(last, '）' | ')' | '”' | '"' | '」');
    let first_run = t[run_start..].chars().next()?;
    (glued && crate::text::is_digit(first_run) && label.chars().any(crate::text::is_cjk))
        .then_some(run_start)
}

/// A unit written apart from its number (`72.8 万元`, PDF text with spaces for tabs) is
/// part of the number's cell, not a text token of its own.
fn units_joined(text: &str, tokens: Vec<Field>) -> Vec<Field> {
    let is_unit = |f: &Field| super::cells::is_unit(&text[f.start..f.end]);
    if !tokens.iter().skip(1).any(is_unit) {
        return tokens;
    }
    let mut out: Vec<Field> = Vec::with_capacity(tokens.len());
    for t in tokens {
        match out.last_mut() {
            Some(prev)
                if is_unit(&t) && matches!(prev.class, FieldClass::Number { unit: None, .. }) =>
            {
                *prev = field(text, prev.start, t.end);
            }
            _ => out.push(t),
        }
    }
    out
}

fn tokens(text: &str, offset: usize, line: &str) -> Vec<Field> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        if is_space(c) {
            if let Some(s) = start.take() {
                out.push(field(text, offset + s, offset + i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(field(text, offset + s, offset + line.len()));
    }
    out
}

/// Build observed rows from the lines `first..=last` (1-based) of the source.
pub fn observe(src: &SourceText, first: u32, last: u32) -> Vec<ObsRow> {
    let mut rows: Vec<ObsRow> = Vec::new();
    let mut pending: Vec<Field> = Vec::new();
    // The row currently receiving single-line values.
    let mut open: Option<ObsRow> = None;
    let leading_bar = leading_bars(src, first, last);
    for n in first..=last.min(src.line_count() as u32) {
        let offset = src.line_start(n as usize);
        let line = src.line(n as usize);
        match shape_in(&src.text, offset, line, leading_bar) {
            LineShape::Blank => {}
            LineShape::Single(f) => {
                if f.class.is_data() {
                    let row = open.get_or_insert_with(|| ObsRow {
                        fragments: std::mem::take(&mut pending),
                        first_line: n,
                        ..ObsRow::default()
                    });
                    row.data.push(f);
                    row.last_line = n;
                } else {
                    if let Some(r) = open.take() {
                        rows.push(r);
                    }
                    pending.push(f);
                }
            }
            LineShape::Run(values) => {
                let row = open.get_or_insert_with(|| ObsRow {
                    fragments: std::mem::take(&mut pending),
                    first_line: n,
                    ..ObsRow::default()
                });
                row.data.extend(values);
                row.last_line = n;
            }
            LineShape::LabelRun(label, values) => {
                if let Some(r) = open.take() {
                    rows.push(r);
                }
                pending.push(label);
                rows.push(ObsRow {
                    fragments: std::mem::take(&mut pending),
                    data: values,
                    positional: false,
                    first_line: n,
                    last_line: n,
                    run: None,
                });
            }
            LineShape::Concat(label, run) => {
                if let Some(r) = open.take() {
                    rows.push(r);
                }
                pending.push(label);
                rows.push(ObsRow {
                    fragments: std::mem::take(&mut pending),
                    data: vec![run.clone()],
                    positional: false,
                    first_line: n,
                    last_line: n,
                    run: Some(super::digits::DigitRun {
                        start: run.start,
                        end: run.end,
                    }),
                });
            }
            LineShape::Positional(fields) => {
                if let Some(r) = open.take() {
                    rows.push(r);
                }
                let first_data = fields.iter().position(|f| f.class.is_data());
                let label_end = match first_data {
                    Some(fd) => fields[..fd]
                        .iter()
                        .rposition(|f| f.class == FieldClass::Text),
                    None => fields.iter().rposition(|f| f.class == FieldClass::Text),
                };
                let (labels, data) = match label_end {
                    Some(le) => (&fields[..=le], &fields[le + 1..]),
                    None => (&fields[..0], &fields[..]),
                };
                let mut fragments = std::mem::take(&mut pending);
                fragments.extend(labels.iter().filter(|f| !f.is_empty()).cloned());
                rows.push(ObsRow {
                    fragments,
                    data: data.to_vec(),
                    positional: true,
                    first_line: n,
                    last_line: n,
                    run: None,
                });
            }
        }
    }
    if let Some(r) = open.take() {
        rows.push(r);
    }
    if !pending.is_empty() {
        rows.push(ObsRow {
            fragments: pending,
            ..ObsRow::default()
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obs(text: &str) -> (SourceText, Vec<ObsRow>) {
        let src = SourceText::new(text.to_string());
        let n = src.line_count() as u32;
        let rows = observe(&src, 1, n);
        (src, rows)
    }

    fn labels(src: &SourceText, r: &ObsRow) -> Vec<String> {
        r.fragments
            .iter()
            .map(|f| f.text(src).to_string())
            .collect()
    }

    fn data(src: &SourceText, r: &ObsRow) -> Vec<String> {
        r.data.iter().map(|f| f.text(src).to_string()).collect()
    }

    #[test]
    fn one_cell_per_line() {
        let (src, rows) = obs("规章\n\n 0\n\n0 \n\n0\n\n规范性文件\n\n1\n\n2\n\n3\n");
        assert_eq!(rows.len(), 2);
        assert_eq!(labels(&src, &rows[0]), ["规章"]);
        assert_eq!(data(&src, &rows[0]), ["0", "0", "0"]);
        assert!(!rows[0].positional);
        assert_eq!(data(&src, &rows[1]), ["1", "2", "3"]);
        assert_eq!(rows[1].first_line, 11);
    }

    #[test]
    fn tab_rows_keep_empty_fields() {
        let (src, rows) = obs("→→→→→0→0→0→0→0→0→0→0→0→0\n".replace('→', "\t").as_str());
        assert_eq!(rows[0].data.len(), 15);
        assert!(rows[0].data[0].is_empty());
        assert_eq!(data(&src, &rows[0])[5], "0");
        let (src, rows) = obs(&"→(三) 不予 公开→1. 属于国家 秘密→0→0→0→0→0→0→0".replace('→', "\t"));
        assert_eq!(
            labels(&src, &rows[0]),
            ["(三) 不予 公开", "1. 属于国家 秘密"]
        );
        assert_eq!(rows[0].data.len(), 7);
    }

    /// A unit set apart from its number by spaces belongs to the number's cell; page
    /// numbers in full-width digits are footers.
    #[test]
    fn units_apart_and_full_width_footers() {
        let (src, rows) = obs("政府集中采购    12    72.8 万元\n");
        assert_eq!(labels(&src, &rows[0]), ["政府集中采购"]);
        assert_eq!(data(&src, &rows[0]), ["12", "72.8 万元"]);
        assert!(is_page_footer("- ２ -"));
        assert!(is_page_footer("第３页 共１２页"));
        assert!(!is_page_footer("- 二 -"));
        let (src, rows) = obs("行政许可０１２３\n");
        assert_eq!(labels(&src, &rows[0]), ["行政许可"]);
        assert!(rows[0].run.is_some());
    }

    #[test]
    fn markdown_rows() {
        let (src, rows) = obs("| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 3 | 0 | 15 |\n");
        assert_eq!(rows.len(), 2);
        assert_eq!(labels(&src, &rows[1]), ["规章"]);
        assert_eq!(data(&src, &rows[1]), ["3", "0", "15"]);
        assert!(rows[0].is_weak());
    }

    #[test]
    fn page_footers_are_not_cells() {
        for f in ["-2-", "- 12 -", "—3—", "第 4 页", "第4页共9页", "\u{c}-5-"] {
            assert!(is_page_footer(f), "{f}");
        }
        for t in ["-3", "2", "第二十条第（一）项", "-", "第4页码"] {
            assert!(!is_page_footer(t), "{t}");
        }
    }

    #[test]
    fn bar_rows_without_a_leading_bar() {
        let (src, rows) =
            obs("规章 | 0 | 1 | 2 |\n规范性文件｜3｜0｜15\n信息内容 | 本年制发件数 |\n");
        assert_eq!(labels(&src, &rows[0]), ["规章"]);
        assert_eq!(data(&src, &rows[0]), ["0", "1", "2"]);
        assert!(rows[0].positional);
        assert_eq!(labels(&src, &rows[1]), ["规范性文件"]);
        assert_eq!(data(&src, &rows[1]), ["3", "0", "15"]);
        assert!(rows[2].is_weak());
        // Empty fields stay blank cells; a placeholder row is not a separator.
        let (src, rows) = obs(
            "三、本年度办理结果 | （一）予以公开 | 1 |  | 0 |\n---|---|---\n行政强制 | - | - |\n",
        );
        assert_eq!(
            labels(&src, &rows[0]),
            ["三、本年度办理结果", "（一）予以公开"]
        );
        assert_eq!(data(&src, &rows[0]), ["1", "", "0"]);
        assert_eq!(rows.len(), 2);
        assert_eq!(data(&src, &rows[1]), ["-", "-"]);
        // Without leading bars elsewhere, a line starting with a bar has an empty first cell.
        let (src, rows) = obs("行政复议 | 行政诉讼 |\n结果维持 | 结果纠正 |\n | 1 | 2 |\n");
        assert_eq!(data(&src, &rows[2]), ["", "1", "2"]);
        // One bar inside prose is not a row.
        assert!(matches!(
            shape("首页 | 政务公开", 0, "首页 | 政务公开"),
            LineShape::Single(_)
        ));
    }

    #[test]
    fn flattened_run_and_label_runs() {
        let (src, rows) = obs("行政复议行政诉讼\n0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
        assert_eq!(rows[0].data.len(), 15);
        assert_eq!(labels(&src, &rows[0]), ["行政复议行政诉讼"]);
        let (src, rows) = obs("规章 0 1 2\n");
        assert_eq!(labels(&src, &rows[0]), ["规章"]);
        assert_eq!(data(&src, &rows[0]), ["0", "1", "2"]);
        // "1 113" stays one (bad) value.
        let (_, rows) = obs("规章\n1 113\n");
        assert_eq!(rows[0].data.len(), 1);
        assert_eq!(rows[0].data[0].class, FieldClass::BadValue);
    }
}
