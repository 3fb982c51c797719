//! A data table's cells placed on the DOM grid (rowspan/colspan resolved into grid
//! positions), then drawn as one `| a | b |` line per row with data cells under the header
//! column they belong to.
//!
//! Real pages span data rows differently from their header rows: a header `本年增/减`
//! with `colspan=2` over data rows whose first value has `colspan=2` instead, a row label
//! with `colspan=2` under a label block of `colspan=3`. Drawing the raw grid turns every
//! position a span covers into an empty (blank) cell, and the numbers after it move one
//! column right. Here the header rows above a block of data rows give the block's columns
//! (the union of their cells' start positions); each data cell is mapped to the column its
//! grid position starts in; where the spans of a data row disagree with the header but the
//! row has as many value cells as the header has columns, cells map by order; a label
//! cell's span never yields a data cell. A row that fits neither is drawn as its raw grid.

use crate::parse::cells::classify;

use super::MAX_COLUMNS;

/// One cell of the source table, as the renderer collected it.
pub struct SourceCell {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
}

/// A cell placed on the grid.
struct Placed {
    col: usize,
    span: usize,
    text: String,
    data: bool,
}

struct GridRow {
    cells: Vec<Placed>,
    /// Grid positions covered by a rowspan from a row above.
    covered: Vec<bool>,
    /// Start of the first data cell (number or placeholder), if any.
    first_value: Option<usize>,
}

/// `None` when the grid would hold more than `max_cells` positions.
fn place(rows: Vec<Vec<SourceCell>>, max_cells: usize) -> Option<(Vec<GridRow>, usize)> {
    // `busy[c]` is the first row at which column c is free.
    let mut busy: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    let mut grid_cells = 0usize;
    for (r, row) in rows.into_iter().enumerate() {
        // Columns still covered by a rowspan from above count as cells of this row.
        let covered_width = busy.iter().rposition(|&b| b > r).map_or(0, |i| i + 1);
        let own: usize = row.iter().map(|c| c.colspan.max(1)).sum();
        grid_cells = grid_cells.saturating_add(covered_width.max(own).max(1));
        if grid_cells > max_cells {
            return None;
        }
        let covered_now: Vec<bool> = busy.iter().map(|&b| b > r).collect();
        let mut cells = Vec::new();
        let mut c = 0usize;
        for cell in row {
            while c < busy.len() && busy[c] > r {
                c += 1;
            }
            if c >= MAX_COLUMNS {
                break;
            }
            let cs = cell.colspan.clamp(1, MAX_COLUMNS - c);
            if busy.len() < c + cs {
                busy.resize(c + cs, 0);
            }
            for b in &mut busy[c..c + cs] {
                *b = r + cell.rowspan.max(1);
            }
            let data = classify(&cell.text).is_data();
            cells.push(Placed {
                col: c,
                span: cs,
                text: cell.text,
                data,
            });
            c += cs;
        }
        let first_value = cells.iter().find(|p| p.data).map(|p| p.col);
        out.push(GridRow {
            cells,
            covered: covered_now,
            first_value,
        });
    }
    let ncols = out
        .iter()
        .map(|r| {
            r.cells
                .iter()
                .map(|p| p.col + p.span)
                .max()
                .unwrap_or(0)
                .max(r.covered.iter().rposition(|&b| b).map_or(0, |i| i + 1))
        })
        .max()
        .unwrap_or(0);
    Some((out, ncols))
}

/// The raw grid of one row: a spanning cell's text at its first position, the positions it
/// covers empty.
fn raw(row: &GridRow, ncols: usize) -> Vec<String> {
    let mut line = vec![String::new(); ncols];
    for p in &row.cells {
        if let Some(slot) = line.get_mut(p.col) {
            slot.clone_from(&p.text);
        }
    }
    line
}

/// A data row whose columns could not be decided: every cell once, in order (a span
/// yields one field, never an empty one), so a row short of cells reads as missing cells
/// rather than blanks.
fn collapsed(row: &GridRow) -> Vec<String> {
    let fv = row.first_value.unwrap_or(0);
    let mut fields = label_fields(row, fv);
    fields.extend(
        row.cells
            .iter()
            .filter(|p| p.col >= fv)
            .map(|p| p.text.clone()),
    );
    fields
}

/// The label area `0..boundary` of a row: each label cell once (a colspan yields one
/// field), a position covered from above as an empty field, left-padded to `boundary`
/// fields so labels stay in front of the data.
fn label_fields(row: &GridRow, boundary: usize) -> Vec<String> {
    let mut fields = Vec::new();
    for c in 0..boundary {
        if let Some(p) = row.cells.iter().find(|p| p.col == c) {
            fields.push(p.text.clone());
        } else if row.covered.get(c).copied().unwrap_or(false) {
            fields.push(String::new());
        }
    }
    let mut out = vec![String::new(); boundary.saturating_sub(fields.len())];
    out.extend(fields);
    out
}

/// The logical column (index into `starts`) that grid position `c` falls in.
fn column_of(starts: &[usize], c: usize) -> Option<usize> {
    starts.iter().rposition(|&s| s <= c)
}

/// One data row mapped onto the block's value columns (`starts`, all ≥ `boundary`), or
/// `None` when neither grid positions nor order decide it.
fn map_row(row: &GridRow, boundary: usize, starts: &[usize]) -> Option<Vec<String>> {
    let fv = row.first_value?;
    let values: Vec<&Placed> = row.cells.iter().filter(|p| p.col >= fv).collect();
    let k = starts.len();
    let mut by_grid: Vec<Option<&Placed>> = vec![None; k];
    let mut consistent = fv >= boundary;
    for p in &values {
        let (Some(a), Some(b)) = (
            column_of(starts, p.col),
            column_of(starts, p.col + p.span - 1),
        ) else {
            consistent = false;
            break;
        };
        if a != b || by_grid[a].is_some() {
            consistent = false;
            break;
        }
        by_grid[a] = Some(p);
    }
    if consistent {
        // A column with no cell is empty only when nothing but a span from above covers it;
        // a column covered by a label's span is not a data cell.
        let label_end = row
            .cells
            .iter()
            .filter(|p| p.col < fv)
            .map(|p| p.col + p.span)
            .max()
            .unwrap_or(0);
        let mut fields = Vec::with_capacity(k);
        for (i, slot) in by_grid.iter().enumerate() {
            match slot {
                Some(p) => fields.push(p.text.clone()),
                None if starts[i] < label_end => return None,
                None => fields.push(String::new()),
            }
        }
        return Some(fields);
    }
    (values.len() == k).then(|| values.iter().map(|p| p.text.clone()).collect())
}

/// Lay out a data table's rows as fields per output line; `None` when the table's grid
/// would hold more than `max_cells` positions.
pub fn layout(rows: Vec<Vec<SourceCell>>, max_cells: usize) -> Option<Vec<Vec<String>>> {
    let (grid, ncols) = place(rows, max_cells)?;
    let n = grid.len();
    let mut out: Vec<Vec<String>> = vec![Vec::new(); n];
    let mut i = 0;
    while i < n {
        // A block: header rows (no data cell) then the data rows that follow them.
        let h0 = i;
        while i < n && grid[i].first_value.is_none() {
            i += 1;
        }
        let d0 = i;
        while i < n && grid[i].first_value.is_some() {
            i += 1;
        }
        let (headers, data) = (&grid[h0..d0], &grid[d0..i]);
        if data.is_empty() || headers.is_empty() {
            // No header to map against (or no data): the raw grid.
            for (o, row) in out[h0..i].iter_mut().zip(headers.iter().chain(data)) {
                *o = raw(row, ncols);
            }
            continue;
        }
        let boundary = data.iter().filter_map(|r| r.first_value).min().unwrap_or(0);
        let mut starts: Vec<usize> = headers
            .iter()
            .flat_map(|r| r.cells.iter().map(|p| p.col))
            .filter(|&c| c >= boundary)
            .collect();
        starts.push(boundary);
        starts.sort_unstable();
        starts.dedup();
        for (o, row) in out[h0..d0].iter_mut().zip(headers) {
            let mut fields = label_fields(row, boundary);
            for &s in &starts {
                fields.push(
                    row.cells
                        .iter()
                        .find(|p| p.col == s)
                        .map(|p| p.text.clone())
                        .unwrap_or_default(),
                );
            }
            *o = fields;
        }
        for (o, row) in out[d0..i].iter_mut().zip(data) {
            *o = match map_row(row, boundary, &starts) {
                Some(values) => {
                    let mut fields = label_fields(row, boundary);
                    fields.extend(values);
                    fields
                }
                None => collapsed(row),
            };
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(text: &str, rowspan: usize, colspan: usize) -> SourceCell {
        SourceCell {
            text: text.to_string(),
            rowspan,
            colspan,
        }
    }

    #[test]
    fn data_spans_differ_from_header_spans() {
        let rows = vec![
            vec![
                c("信息内容", 1, 1),
                c("上一年项目数量", 1, 1),
                c("本年增/减", 1, 2),
                c("处理决定数量", 1, 1),
            ],
            vec![
                c("行政许可", 1, 1),
                c("5", 1, 2),
                c("1", 1, 1),
                c("7", 1, 1),
            ],
            vec![
                c("行政处罚", 1, 1),
                c("3", 1, 1),
                c("2", 1, 2),
                c("9", 1, 1),
            ],
        ];
        let out = layout(rows, 10_000).unwrap_or_default();
        assert_eq!(out[1], ["行政许可", "5", "1", "7"]);
        assert_eq!(out[2], ["行政处罚", "3", "2", "9"]);
        assert_eq!(
            out[0],
            ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]
        );
    }

    #[test]
    fn label_spans_never_yield_data_cells() {
        // Header label block colspan=3; a group label with rowspan, row label colspan=2.
        let mut head = vec![c("信息内容", 1, 3)];
        head.extend(
            [
                "自然人",
                "商业企业",
                "科研机构",
                "社会公益组织",
                "法律服务机构",
                "其他",
                "总计",
            ]
            .map(|t| c(t, 1, 1)),
        );
        let mut r1 = vec![c("三、本年度办理结果", 2, 1), c("（一）予以公开", 1, 2)];
        r1.extend(["1", "0", "0", "0", "0", "0", ""].map(|t| c(t, 1, 1)));
        let mut r2 = vec![c("（二）部分公开", 1, 2)];
        r2.extend(["", "0", "0", "0", "0", "0", "2"].map(|t| c(t, 1, 1)));
        let out = layout(vec![head, r1, r2], 10_000).unwrap_or_default();
        assert_eq!(
            out[1],
            [
                "",
                "三、本年度办理结果",
                "（一）予以公开",
                "1",
                "0",
                "0",
                "0",
                "0",
                "0",
                ""
            ]
        );
        assert_eq!(
            out[2],
            ["", "", "（二）部分公开", "", "0", "0", "0", "0", "0", "2"]
        );
    }

    #[test]
    fn unresolvable_rows_keep_the_raw_grid() {
        let rows = vec![
            vec![
                c("信息内容", 1, 1),
                c("a", 1, 1),
                c("b", 1, 1),
                c("c", 1, 1),
            ],
            vec![c("行政许可", 1, 1), c("5", 1, 2), c("1", 1, 1)],
        ];
        let out = layout(rows, 10_000).unwrap_or_default();
        assert_eq!(out[1], ["行政许可", "5", "1"]);
    }
}
