//! Findings about the reading, not about the report: the report prints a table or a row
//! that nianbao could not place (P01, "check by hand"), and a 2021 report that prints
//! table 3's （六）其他处理 as the single row of the 2019 template (S11). A table or row that
//! the text does print is never an S04/S05 error against the agency.

use super::ids;
use super::{at, finding, row_name, table_def};
use crate::model::{Finding, Report, Severity, Span};
use crate::template::{RowDef, TableId, TemplateVersion};
use crate::text::label_key;

/// Lines longer than this are searched too (a one-line scrape), but at most this many lines.
const MAX_LINES: usize = 20_000;

/// The three 2021 sub-rows that the 2019 single （六） row stands for.
pub const OTHER_SUB_ROWS: [&str; 3] = ["other_uncorrected", "other_unpaid", "other_misc"];

/// The lines to search for a table's text: its section, else the whole text.
fn region(r: &Report, id: TableId) -> (u32, u32) {
    let total = r.source.line_count() as u32;
    match r.section(id.section()) {
        Some(s) => (s.span.line_start, s.span.line_end.min(total)),
        None => (1, total.min(MAX_LINES as u32)),
    }
}

/// The first line of `first..=last` whose folded text contains `key`. For rows, only lines
/// that can be table text (not long sentences of prose) count.
fn find_line(r: &Report, first: u32, last: u32, key: &str) -> Option<u32> {
    (first..=last).find(|&n| label_key(r.source.line(n as usize)).contains(key))
}

/// Lines a long label can be wrapped over in a narrow table cell.
const WRAPPED_LINES: u32 = 4;

/// The first line of `first..=last` where a row label `key` is printed in a table cell:
/// on the line, or starting there and wrapped at the cell's width over the next lines,
/// across a page footer and blank lines (reading-order PDF text: `1.本机关不掌握相关政府信`
/// / `息`).
fn find_cell_line(r: &Report, first: u32, last: u32, key: &str) -> Option<u32> {
    // `None`: not a line a table cell can be; `Some("")`: blank or a page footer.
    let cell_key = |n: u32| {
        let line = r.source.line(n as usize);
        if crate::parse::layout::is_page_footer(line) {
            return Some(String::new());
        }
        let t = line.trim_end();
        (line.len() <= 300 && !t.ends_with('。') && !t.ends_with('；')).then(|| label_key(line))
    };
    for n in first..=last {
        let Some(this) = cell_key(n) else { continue };
        if this.contains(key) {
            return Some(n);
        }
        // The label starts in this line's tail and goes on in the next pieces.
        for (pos, _) in this.char_indices() {
            let Some(mut need) = key.strip_prefix(&this[pos..]) else {
                continue;
            };
            let (mut m, mut pieces) = (n + 1, 1);
            while m <= last && pieces < WRAPPED_LINES {
                let Some(more) = cell_key(m) else { break };
                m += 1;
                if more.is_empty() {
                    continue;
                }
                if more.starts_with(need) {
                    return Some(n);
                }
                match need.strip_prefix(more.as_str()) {
                    Some(rest) => need = rest,
                    None => break,
                }
                pieces += 1;
            }
        }
    }
    None
}

/// Where the report prints table `id` although no table was read: the lines of its words.
pub fn printed_table(r: &Report, id: TableId) -> Option<Vec<u32>> {
    if r.tables.get(id).is_some() || r.source.line_count() == 0 {
        return None;
    }
    let (first, last) = region(r, id);
    // Words that show the table is printed: all of one set (any set).
    for group in table_def(r, id).printed {
        let lines: Option<Vec<u32>> = group.iter().map(|w| find_line(r, first, last, w)).collect();
        if let Some(mut lines) = lines {
            lines.sort_unstable();
            lines.dedup();
            return Some(lines);
        }
    }
    None
}

/// The text of a row label that must be printed for the row to count as printed: without
/// its item number (`1.属于国家秘密` is printed as `属于国家秘密` too).
fn row_key(def: &RowDef) -> String {
    let label = def.label.split("（区分").next().unwrap_or(def.label);
    let label = label
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .strip_prefix('.')
        .unwrap_or(label);
    label_key(label)
}

/// Where the report prints a template row that was not placed in its found table.
pub fn printed_row(r: &Report, id: TableId, def: &RowDef) -> Option<u32> {
    let table = r.tables.get(id)?;
    if table.row(def.key).is_some() {
        return None;
    }
    let key = row_key(def);
    if key.chars().count() < 2 {
        return None;
    }
    let (first, last) = region(r, id);
    let first = first.min(table.span.line_start.max(1));
    let last = last.max(table.span.line_end);
    find_cell_line(r, first, last, &key)
}

/// Whether a 2021 table 3 has the 2019 single （六）其他处理 row in place of its sub-rows.
pub fn single_other(r: &Report) -> bool {
    r.template().version == TemplateVersion::V2021
        && r.tables
            .t3
            .as_ref()
            .is_some_and(|t| t.row("other").is_some())
}

/// P01: a table or row the report prints that nianbao could not read.
pub fn p01(r: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for id in TableId::ALL {
        if let Some(lines) = printed_table(r, id) {
            let mut f = finding(
                ids::P01,
                Severity::Warning,
                format!("报告印有{}，但未能读取其单元格，请人工核对", id.title()),
            );
            f.section = Some(id.section());
            f.table = Some(id);
            f.lines = lines;
            out.push(f);
        }
    }
    for id in [TableId::T2, TableId::T3] {
        let Some(table) = r.tables.get(id) else {
            continue;
        };
        let def = table_def(r, id);
        for row in def.rows {
            if single_other(r) && id == TableId::T3 && OTHER_SUB_ROWS.contains(&row.key) {
                continue;
            }
            let Some(line) = printed_row(r, id, row) else {
                continue;
            };
            let f = finding(
                ids::P01,
                Severity::Warning,
                format!(
                    "报告印有“{}”行（第 {line} 行），但未能确定其单元格，请人工核对",
                    row_name(row)
                ),
            );
            let span = Span {
                line_start: line,
                line_end: line,
                ..table.span
            };
            out.push(at(f, id, Some(row.key), None, [span]));
        }
    }
    out
}

/// S11: a 2021 report prints table 3's （六）其他处理 as the one 2019 row.
pub fn s11(r: &Report) -> Vec<Finding> {
    if !single_other(r) {
        return Vec::new();
    }
    let Some(row) = r.tables.t3.as_ref().and_then(|t| t.row("other")) else {
        return Vec::new();
    };
    let f = finding(
        ids::S11,
        Severity::Warning,
        "表三将“（六）其他处理”印为一行（2019 版模板的格式），2021 版模板的三个子行（逾期不补正、逾期未缴费、其他）未分列"
            .to_string(),
    );
    vec![at(f, TableId::T3, Some("other"), None, [row.span])]
}
