//! Pure helpers shared by `update` and `draw`: which template applies, the lines of the
//! table pane, the order of findings, which findings touch a cell, scroll offsets.

use super::glyphs;
use crate::model::{CellState, Finding, Report, Severity};
use crate::sanitize::clean;
use crate::template::{Column, RowDef, TableDef, TableId, TemplateVersion};
use crate::width;

/// The template the report is read with (detected, else by year, else 2019).
pub fn template_of(report: &Report) -> TemplateVersion {
    report
        .template
        .or_else(|| {
            report
                .year
                .as_ref()
                .map(|y| TemplateVersion::for_year(y.value))
        })
        .unwrap_or(TemplateVersion::V2019)
}

pub fn table_def(report: &Report, id: TableId) -> &'static TableDef {
    template_of(report).template().table(id)
}

/// One line of the table pane: a header naming columns, or a template row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TableLine {
    /// Column headers, with the group heading of the rows below (table 2 items).
    Header(Option<&'static str>, &'static [Column]),
    /// Template row at this index.
    Row(usize),
}

/// The lines of the table pane. A header is inserted wherever the column set changes,
/// so table 2's items each get theirs; the first one is drawn frozen at the top.
pub fn table_lines(def: &TableDef) -> Vec<TableLine> {
    let mut out = Vec::with_capacity(def.rows.len() + 4);
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
        out.push(TableLine::Row(i));
    }
    out
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

/// Index of the line showing template row `row`.
pub fn line_of_row(lines: &[TableLine], row: usize) -> usize {
    lines
        .iter()
        .position(|l| *l == TableLine::Row(row))
        .unwrap_or(0)
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
    f.table == Some(table) && f.row.as_deref() == Some(row) && f.column.as_deref() == column
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
/// label column, then data columns that scroll sideways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// Width of each data column (its cell text, its header, at most 14).
    pub widths: Vec<usize>,
    /// Width of the label column.
    pub label: usize,
    /// Room for data columns beside the label column.
    pub avail: usize,
}

impl Columns {
    /// The geometry of table `id` of `report` in a pane `w` columns wide (inside borders).
    pub fn of(report: &Report, id: TableId, w: usize) -> Columns {
        let def = table_def(report, id);
        let table = report.tables.get(id);
        let max_cols = def.rows.iter().map(|r| r.columns.len()).max().unwrap_or(0);
        let mut widths = vec![4usize; max_cols];
        for row in def.rows {
            for (i, c) in row.columns.iter().enumerate() {
                widths[i] = widths[i].max(width::width(c.short) + 1);
                if let Some(cell) = table.and_then(|tb| tb.cell(row.key, i)) {
                    let cw = width::width(&cell_text(Some((cell.state, &cell.text)))) + 2;
                    widths[i] = widths[i].max(cw.min(14));
                }
            }
        }
        let label_full = (0..def.rows.len())
            .map(|i| width::width(&row_label(def, i)))
            .max()
            .unwrap_or(8);
        // The label column gets what the data columns leave, at least 2/5 of the pane.
        let data_w: usize = widths.iter().sum();
        let label = label_full
            .min(w.saturating_sub(data_w + 1).max(w * 2 / 5))
            .max(6.min(w));
        Columns {
            widths,
            label,
            avail: w.saturating_sub(label + 1),
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
pub fn table_line_offset(lines: &[TableLine], row: usize, offset: usize, height: usize) -> usize {
    let line = line_of_row(lines, row).saturating_sub(1);
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
