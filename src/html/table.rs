//! The tables of a page as they are built during the walk (cells, rows, caption) and drawn
//! into lines: data tables on the DOM grid ([`super::grid`]), layout tables as flowing
//! blocks.

use super::*;

#[derive(Debug, Default)]
pub(super) struct CellB {
    pub(super) flow: Flow,
    pub(super) rowspan: usize,
    pub(super) colspan: usize,
}

#[derive(Debug, Default)]
pub(super) struct RowB {
    pub(super) cells: Vec<CellB>,
}

#[derive(Debug, Default)]
pub(super) struct TableB {
    pub(super) caption: Flow,
    pub(super) in_caption: usize,
    pub(super) rows: Vec<RowB>,
    pub(super) cell: Option<CellB>,
}

impl TableB {
    pub(super) fn finish_cell(&mut self) {
        if let Some(c) = self.cell.take() {
            if self.rows.is_empty() {
                self.rows.push(RowB::default());
            }
            if let Some(r) = self.rows.last_mut() {
                r.cells.push(c);
            }
        }
    }

    /// Render the table as lines (without the surrounding blank lines), taking what they
    /// cost from `budget`; a table that would not fit, or whose grid is too large, is
    /// refused.
    pub(super) fn render(mut self, budget: &mut usize) -> Result<Vec<String>, HtmlError> {
        self.finish_cell();
        let mut out: Vec<String> = Vec::new();
        for l in std::mem::take(&mut self.caption).into_lines() {
            if let Line::Text(s) = l {
                out.push(s);
            }
        }
        // Each cell: its joined text and the nested lines that follow its row.
        let rows: Vec<Vec<(CellText, usize, usize)>> = self
            .rows
            .into_iter()
            .map(|r| {
                r.cells
                    .into_iter()
                    .map(|c| {
                        (
                            CellText::from_lines(c.flow.into_lines()),
                            c.rowspan,
                            c.colspan,
                        )
                    })
                    .collect()
            })
            .collect();
        let layout = rows
            .iter()
            .flatten()
            .any(|(c, _, _)| c.chars > LAYOUT_CELL_CHARS);
        if layout {
            for row in rows {
                for (cell, _, _) in row {
                    out.push(String::new());
                    out.extend(cell.lines);
                }
            }
            return Ok(out);
        }

        // Place cells on the grid and map data cells to their header columns (grid.rs).
        let mut after: Vec<Vec<String>> = Vec::with_capacity(rows.len());
        let mut cells: Vec<Vec<grid::SourceCell>> = Vec::with_capacity(rows.len());
        for row in rows {
            let mut nested: Vec<String> = Vec::new();
            let mut line = Vec::with_capacity(row.len());
            for (cell, rs, cs) in row {
                if !cell.nested.is_empty() {
                    nested.push(String::new());
                    nested.extend(cell.nested);
                    nested.push(String::new());
                }
                line.push(grid::SourceCell {
                    text: cell.joined,
                    rowspan: rs,
                    colspan: cs,
                });
            }
            cells.push(line);
            after.push(nested);
        }
        let Some(grid) = grid::layout(cells, MAX_GRID_CELLS) else {
            return Err(HtmlError::TableTooLarge);
        };
        let ncols = grid.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0usize; ncols];
        for row in &grid {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(crate::width::width(cell));
            }
        }
        // What the aligned rows will take: every row padded to every column's width.
        let row_bytes = widths
            .iter()
            .fold(1usize, |a, w| a.saturating_add(w.saturating_add(3)));
        let text_bytes: usize = grid.iter().flatten().map(String::len).sum();
        // (Nested tables' lines were paid for when they were rendered.)
        let cost = row_bytes
            .saturating_mul(grid.len())
            .saturating_add(text_bytes);
        if cost > *budget {
            return Err(HtmlError::RendersTooLarge {
                mib: (cost / (1024 * 1024)).max(1),
            });
        }
        *budget -= cost;
        for (row, nested) in grid.into_iter().zip(after) {
            let empty = row.iter().all(String::is_empty);
            // A row that only holds nested tables is not drawn itself.
            if (nested.is_empty() || !empty) && ncols > 0 {
                // Each row draws its own fields only: a row mapped onto fewer columns
                // must not gain trailing empty (blank) cells.
                let mut line = String::from("|");
                for (cell, w) in row.iter().zip(&widths) {
                    line.push(' ');
                    line.push_str(cell);
                    for _ in crate::width::width(cell)..*w {
                        line.push(' ');
                    }
                    line.push_str(" |");
                }
                out.push(line);
            }
            out.extend(nested);
        }
        Ok(out)
    }
}

/// A cell's text as one string, plus the nested tables found inside it.
struct CellText {
    joined: String,
    chars: usize,
    /// All lines in order, for layout tables.
    lines: Vec<String>,
    /// Lines of nested tables, for data tables.
    nested: Vec<String>,
}

impl CellText {
    fn from_lines(lines: Vec<Line>) -> CellText {
        let mut joined = String::new();
        let mut nested = Vec::new();
        let mut all = Vec::with_capacity(lines.len());
        for l in lines {
            match l {
                Line::Text(s) => {
                    join_piece(&mut joined, s.trim());
                    all.push(s);
                }
                Line::Nested(s) => {
                    nested.push(s.clone());
                    all.push(s);
                }
            }
        }
        CellText {
            chars: joined.chars().count(),
            joined,
            lines: all,
            nested,
        }
    }
}
