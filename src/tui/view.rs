//! Pure helpers shared by `update` and `draw`: the template's table, the lines of the
//! table pane, the order of findings, which findings touch a cell, scroll offsets.

use super::glyphs;
use crate::model::{CellState, Finding, Report, Severity};
use crate::sanitize::clean;
use crate::template::{Column, RowDef, TableDef, TableId};
use crate::width;

/// The template definition of table `id` as the report is read ([`Report::template`]).
pub fn table_def(report: &Report, id: TableId) -> &'static TableDef {
    report.template().table(id)
}

/// One line of the table pane: a header naming columns, or (part of) a template row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TableLine {
    /// Column headers, with the group heading of the rows below (table 2 items).
    Header(Option<&'static str>, &'static [Column]),
    /// Template row `row`, its columns `start .. start + len`; `part` names the part
    /// when a long row is shown as several lines (table 4's three groups of five).
    Row {
        row: usize,
        start: usize,
        len: usize,
        part: Option<&'static str>,
    },
}

impl TableLine {
    /// The template row and column range of a row line.
    pub fn cells(&self) -> Option<(usize, usize, usize)> {
        match *self {
            TableLine::Row {
                row, start, len, ..
            } => Some((row, start, len)),
            TableLine::Header(..) => None,
        }
    }
}

/// The lines of the table pane. A header is inserted wherever the column set changes,
/// so table 2's items each get theirs; the first one is drawn frozen at the top. Table 4's
/// one row of fifteen is shown as its three groups (复议 / 直接起诉 / 复议后起诉) of five.
pub fn table_lines(def: &TableDef) -> Vec<TableLine> {
    let mut out = Vec::with_capacity(def.rows.len() + 4);
    if def.id == TableId::T4 {
        for (ri, r) in def.rows.iter().enumerate() {
            let groups = r.groups();
            let len = groups.first().map_or(r.columns.len(), |g| g.columns.len());
            if groups.len() < 2 || groups.iter().any(|g| g.columns.len() != len) {
                out.push(TableLine::Header(None, r.columns));
                out.push(TableLine::Row {
                    row: ri,
                    start: 0,
                    len: r.columns.len(),
                    part: None,
                });
                continue;
            }
            out.push(TableLine::Header(None, groups[0].columns));
            for g in &groups {
                out.push(TableLine::Row {
                    row: ri,
                    start: g.start,
                    len,
                    part: Some(g.name),
                });
            }
        }
        return out;
    }
    let mut prev: Option<&[Column]> = None;
    let mut prev_group: Option<&str> = None;
    for (i, r) in def.rows.iter().enumerate() {
        let group_changed = def.id == TableId::T2 && r.group != prev_group;
        if prev != Some(r.columns) || group_changed {
            out.push(TableLine::Header(
                if def.id == TableId::T2 { r.group } else { None },
                r.columns,
            ));
        }
        prev = Some(r.columns);
        prev_group = r.group;
        out.push(TableLine::Row {
            row: i,
            start: 0,
            len: r.columns.len(),
            part: None,
        });
    }
    out
}

/// A column's header at two lengths, full and short: table 4's headers drop the group,
/// which the line's label names (`行政复议·结果维持` → `结果维持`, `复议维持` → `维持`).
pub fn header_names(c: &Column) -> (&'static str, &'static str) {
    match c.label.rsplit_once('·') {
        Some((_, tail)) if c.key.contains('.') => {
            let short = c
                .short
                .char_indices()
                .nth(2)
                .map_or(c.short, |(i, _)| &c.short[i..]);
            (tail, short)
        }
        _ => (c.label, c.short),
    }
}

/// How a row is labelled: table 3 sub-items carry their group on the first row.
pub fn row_label(def: &TableDef, index: usize) -> String {
    let Some(r) = def.rows.get(index) else {
        return String::new();
    };
    let first_in_group = index == 0 || def.rows[index - 1].group != r.group;
    match r.group {
        Some(g) if g.starts_with('（') && first_in_group => format!("{g} {}", r.label),
        Some(_) => format!("  {}", r.label),
        None => r.label.to_string(),
    }
}

/// The label of a table line: its part's name, or its row's label.
pub fn line_label(def: &TableDef, line: &TableLine) -> String {
    match *line {
        TableLine::Row { part: Some(p), .. } => p.to_string(),
        TableLine::Row { row, .. } => row_label(def, row),
        TableLine::Header(..) => String::new(),
    }
}

/// Index of the line showing column `col` of template row `row`.
pub fn line_of(lines: &[TableLine], row: usize, col: usize) -> usize {
    lines
        .iter()
        .position(|l| {
            l.cells()
                .is_some_and(|(r, s, n)| r == row && (s..s + n.max(1)).contains(&col))
        })
        .or_else(|| {
            lines
                .iter()
                .position(|l| l.cells().is_some_and(|c| c.0 == row))
        })
        .unwrap_or(0)
}

/// The line `by` row lines away from line `from` (clamped to the first and last).
pub fn step_line(lines: &[TableLine], from: usize, by: isize) -> usize {
    let rows: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].cells().is_some())
        .collect();
    let at = rows.iter().position(|&i| i >= from).unwrap_or(0) as isize;
    let to = (at + by).clamp(0, rows.len() as isize - 1).max(0) as usize;
    rows.get(to).copied().unwrap_or(from)
}

/// The worst severity among findings on one cell (or, with `column == None`, on the row
/// itself: findings that name the row but no column).
pub fn cell_severity(
    report: &Report,
    table: TableId,
    row: &RowDef,
    column: Option<&Column>,
) -> Option<Severity> {
    report
        .findings
        .iter()
        .filter(|f| touches(f, table, row.key, column.map(|c| c.key)))
        .map(|f| f.severity)
        .max()
}

pub fn touches(f: &Finding, table: TableId, row: &str, column: Option<&str>) -> bool {
    f.table == Some(table) && f.row == Some(row) && f.column == column
}

/// A scroll offset that keeps `selected` visible in `height` lines, starting from the
/// previous offset (so the view does not jump while the cursor stays inside).
pub fn scroll_to(selected: usize, offset: usize, height: usize) -> usize {
    let height = height.max(1);
    if selected < offset {
        selected
    } else if selected >= offset + height {
        selected + 1 - height
    } else {
        offset
    }
}

/// What a cell shows (before the marker for its findings).
pub fn cell_text(state: Option<(CellState, &str)>) -> String {
    match state {
        None => String::new(),
        Some((CellState::Blank, _)) => glyphs::BLANK.to_string(),
        Some((CellState::Missing, _)) => glyphs::MISSING.to_string(),
        Some((CellState::Invalid, text)) => format!("{}{}", glyphs::INVALID, clean(text)),
        Some((CellState::Number, text)) => clean(text),
    }
}

/// The table pane's column geometry for one report's table at one width: the frozen
/// label column, then data columns (by position within a line) that scroll sideways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// Width of each data column with its leading space: its widest cell (and marker)
    /// and, as room allows, its header.
    pub widths: Vec<usize>,
    /// Width of the label column.
    pub label: usize,
    /// Room for data columns beside the label column.
    pub avail: usize,
    /// Which header each column shows: 0 full, 1 short, 2 cut to the cells' width.
    pub header_level: u8,
}

/// A label column this wide shows most labels whole.
const LABEL_ROOMY: usize = 32;
/// Below this the label column is not shrunk to make room for full or short headers.
const LABEL_WANT: usize = 16;
/// The narrowest label column.
const LABEL_MIN: usize = 8;
/// The widest a cell's text makes its column.
const CELL_MAX: usize = 14;

impl Columns {
    /// The geometry of table `id` of `report` in a pane `w` columns wide (inside borders):
    /// columns sized by their content's display width; headers shortened only as far as
    /// needed to show every column; the label column gets what is left.
    pub fn of(report: &Report, id: TableId, w: usize) -> Columns {
        let def = table_def(report, id);
        let table = report.tables.get(id);
        let lines = table_lines(def);
        let n = lines
            .iter()
            .filter_map(|l| l.cells().map(|c| c.2))
            .max()
            .unwrap_or(0);
        // Cells: text plus one column for a finding's marker.
        let mut content = vec![2usize; n];
        let mut full = vec![0usize; n];
        let mut short = vec![0usize; n];
        let mut label_full = 4;
        for line in &lines {
            match *line {
                TableLine::Header(_, cols) => {
                    for (k, c) in cols.iter().enumerate().take(n) {
                        let (f, s) = header_names(c);
                        full[k] = full[k].max(width::width(f));
                        short[k] = short[k].max(width::width(s));
                    }
                }
                TableLine::Row {
                    row, start, len, ..
                } => {
                    label_full = label_full.max(width::width(&line_label(def, line)) + 1);
                    let key = def.rows[row].key;
                    for (k, cw) in content.iter_mut().enumerate().take(len) {
                        if let Some(cell) = table.and_then(|tb| tb.cell(key, start + k)) {
                            let w = width::width(&cell_text(Some((cell.state, &cell.text)))) + 1;
                            *cw = (*cw).max(w.min(CELL_MAX));
                        }
                    }
                }
            }
        }
        let level_widths = |level: u8| -> Vec<usize> {
            (0..n)
                .map(|k| {
                    1 + match level {
                        0 => content[k].max(full[k]),
                        1 => content[k].max(short[k]),
                        _ => content[k],
                    }
                })
                .collect()
        };
        // Row labels say more than headers: a roomy label column first, then full
        // headers, then short ones, then headers cut to the cells.
        let roomy = label_full.min(LABEL_ROOMY);
        let want = label_full.min(LABEL_WANT);
        let tries: [(u8, usize); 6] = [
            (0, roomy),
            (1, roomy),
            (0, want),
            (1, want),
            (1, LABEL_MIN),
            (2, LABEL_MIN),
        ];
        let (header_level, widths) = tries
            .iter()
            .map(|&(level, label)| (level, label, level_widths(level)))
            .find(|(_, label, ws)| ws.iter().sum::<usize>() + 1 + label <= w)
            .map_or_else(|| (2, level_widths(2)), |(level, _, ws)| (level, ws));
        let data: usize = widths.iter().sum();
        let label = if data + 1 + LABEL_MIN.min(w) <= w {
            (w - data - 1).min(label_full.max(LABEL_MIN))
        } else {
            LABEL_MIN.max(w * 2 / 5).min(label_full).min(w)
        };
        Columns {
            widths,
            label,
            avail: w.saturating_sub(label + 1),
            header_level,
        }
    }

    /// The header text of column `c` at this geometry's level, cut to `width`.
    pub fn header(&self, c: &Column, width: usize) -> String {
        let (f, s) = header_names(c);
        match self.header_level {
            0 => width::truncate_ellipsis(f, width).into_owned(),
            1 => width::truncate_ellipsis(s, width).into_owned(),
            // Cut to the cells' width: the first characters say more than an ellipsis.
            _ => width::truncate(s, width).to_string(),
        }
    }

    /// How many columns fit from column `start` (at least one).
    pub fn fit_from(&self, start: usize) -> usize {
        let mut used = 0;
        let mut n = 0;
        for wc in self.widths.iter().skip(start) {
            if used + wc > self.avail {
                break;
            }
            used += wc;
            n += 1;
        }
        n.max(1)
    }

    /// The first column to show so that column `col` is visible, starting from the
    /// previous `offset` and using spare room on the right for columns to its left.
    pub fn first_for(&self, col: usize, offset: usize) -> usize {
        let n = self.widths.len();
        let mut first = offset.min(col);
        while col >= first + self.fit_from(first) && first < n {
            first += 1;
        }
        while first > 0 && col < first - 1 + self.fit_from(first - 1) {
            first -= 1;
        }
        first
    }
}

/// The first scrolling line of the table pane (below its frozen header) that keeps the
/// cursor's row in `height` lines, starting from `offset`; a group header stays visible
/// together with its group's first row.
pub fn table_line_offset(
    lines: &[TableLine],
    row: usize,
    col: usize,
    offset: usize,
    height: usize,
) -> usize {
    let line = line_of(lines, row, col).saturating_sub(1);
    let mut o = scroll_to(line, offset, height).min(lines.len().saturating_sub(1));
    if line == o && line > 0 && matches!(lines.get(line), Some(TableLine::Header(..))) {
        o -= 1;
    }
    o
}

/// A scroll position after a scrolling action (`page` lines to a page; `Bottom` goes past
/// the end, for the caller to clamp), or `None` when `action` does not scroll.
pub fn scrolled(action: crate::tui::Action, pos: usize, page: usize) -> Option<usize> {
    use crate::tui::Action;
    Some(match action {
        Action::Down => pos + 1,
        Action::Up => pos.saturating_sub(1),
        Action::PageDown => pos + page,
        Action::PageUp => pos.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => usize::MAX / 2,
        _ => return None,
    })
}
