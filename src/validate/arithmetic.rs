//! A-rules: the sums of tables 3 and 4, and counts that cannot be counts.
//!
//! Blank cells count as 0. A rule with a missing or invalid cell among its cells is not
//! assessable and says nothing (S06/S07 already report those cells). A total that is
//! blank while its parts sum to a non-zero value is a warning stating the expected value;
//! a total that is a number and differs is an error.

use super::ids;
use super::{at, cell_spans, finding, fmt_num, row_columns, row_name, row_name_or_key, table_def};
use crate::model::{Cell, CellState, Finding, Report, Row, Severity, Table};
use crate::template::{Column, ColumnKind, RowRole, TableId, column_groups};

/// Sum of the parts when every cell is known.
fn sum(cells: &[&Cell]) -> Option<f64> {
    cells.iter().map(|c| c.arithmetic_value()).sum()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// Compare a total with its parts. `None` when the rule is not assessable or it holds.
/// Returns the severity and the total as the message shows it.
fn check_total(parts: &[&Cell], total: &Cell) -> Option<(Severity, f64, String)> {
    let expected = sum(parts)?;
    let actual = total.arithmetic_value()?;
    if close(expected, actual) {
        return None;
    }
    match total.state {
        CellState::Blank => Some((Severity::Warning, expected, "表中为空".to_string())),
        _ => Some((
            Severity::Error,
            expected,
            format!("表中为 {}", fmt_num(actual)),
        )),
    }
}

fn t3(r: &Report) -> Option<&Table> {
    r.tables.t3.as_ref()
}

/// The part and total cells of a table 3 row (its six applicant columns and 总计), with the
/// total's column; none when the row's cells are not its template columns.
pub(super) fn t3_row_sum<'a>(
    r: &Report,
    row: &'a Row,
) -> Option<(Vec<&'a Cell>, &'a Cell, &'static Column)> {
    let columns = row_columns(r, TableId::T3, row);
    if columns.len() != row.cells.len() {
        return None;
    }
    let group = column_groups(columns).into_iter().next()?;
    let parts = group.parts.iter().map(|&i| &row.cells[i]).collect();
    let total = group.total?;
    Some((parts, &row.cells[total], &columns[total]))
}

/// A01: a table 3 row's 总计 ≠ the sum of its six applicant columns.
pub fn a01(r: &Report) -> Vec<Finding> {
    let Some(t) = t3(r) else { return Vec::new() };
    let mut out = Vec::new();
    for row in &t.rows {
        let Some((parts, total, total_col)) = t3_row_sum(r, row) else {
            continue;
        };
        if let Some((sev, expected, actual)) = check_total(&parts, total) {
            let msg = format!(
                "{}·总计列：六类申请人之和为 {}，{actual}",
                row_name_or_key(r, TableId::T3, row),
                fmt_num(expected)
            );
            out.push(at(
                finding(ids::A01, sev, msg),
                TableId::T3,
                Some(row.key),
                Some(total_col.key),
                cell_spans(row.cells.iter()),
            ));
        }
    }
    out
}

/// A02: （七）总计 ≠ the sum of the result rows （一）…（六）, per column.
pub fn a02(r: &Report) -> Vec<Finding> {
    let Some((total_row, rows)) = a02_rows(r) else {
        return Vec::new();
    };
    let columns = row_columns(r, TableId::T3, total_row);
    let mut out = Vec::new();
    for (i, col) in columns.iter().enumerate() {
        let parts: Option<Vec<&Cell>> = rows.iter().map(|row| row.cells.get(i)).collect();
        let (Some(parts), Some(total)) = (parts, total_row.cells.get(i)) else {
            continue;
        };
        if let Some((sev, expected, actual)) = check_total(&parts, total) {
            let msg = format!(
                "（七）总计·{}列：各项之和为 {}，{actual}",
                col.label,
                fmt_num(expected)
            );
            let spans = cell_spans(parts.iter().copied().chain([total]));
            out.push(at(
                finding(ids::A02, sev, msg),
                TableId::T3,
                Some("processed_total"),
                Some(col.key),
                spans,
            ));
        }
    }
    out
}

/// What A02 adds up: the （七）总计 row and the result rows whose sum it must be (none when
/// a result row was not found: every column is then unassessable, S05 reports it).
pub(super) fn a02_rows(r: &Report) -> Option<(&Row, Vec<&Row>)> {
    let (t, def) = (t3(r)?, table_def(r, TableId::T3));
    let total_row = t.row("processed_total")?;
    let result_rows: Vec<_> = def
        .rows
        .iter()
        .filter(|d| d.role == RowRole::Result)
        .collect();
    // A 2021 table printing （六）其他处理 as the one 2019 row: that row stands for the
    // three sub-rows.
    let single_other = super::reading::single_other(r);
    let rows: Option<Vec<_>> = result_rows
        .iter()
        .filter(|d| !(single_other && matches!(d.key, "other_uncorrected" | "other_unpaid")))
        .map(|d| {
            if single_other && d.key == "other_misc" {
                t.row("other")
            } else {
                t.row(d.key)
            }
        })
        .collect();
    rows.map(|rows| (total_row, rows))
}

/// A03: 一 + 二 ≠ （七）总计 + 四, per column.
pub fn a03(r: &Report) -> Vec<Finding> {
    let Some(t) = t3(r) else { return Vec::new() };
    let keys = ["new", "carried_over", "processed_total", "carried_forward"];
    let rows: Option<Vec<_>> = keys.iter().map(|k| t.row(k)).collect();
    let Some(rows) = rows else { return Vec::new() };
    let columns = row_columns(r, TableId::T3, rows[2]);
    let mut out = Vec::new();
    for (i, col) in columns.iter().enumerate() {
        let cells: Option<Vec<&Cell>> = rows.iter().map(|row| row.cells.get(i)).collect();
        let Some(cells) = cells else { continue };
        let values: Option<Vec<f64>> = cells.iter().map(|c| c.arithmetic_value()).collect();
        let Some(v) = values else { continue };
        let (left, right) = (v[0] + v[1], v[2] + v[3]);
        if close(left, right) {
            continue;
        }
        let blank_total = cells[2].state == CellState::Blank;
        let (sev, note) = if blank_total {
            (Severity::Warning, "（（七）总计为空）")
        } else {
            (Severity::Error, "")
        };
        let msg = format!(
            "{}列：一 + 二 = {}，（七）总计 + 四 = {}{note}",
            col.label,
            fmt_num(left),
            fmt_num(right)
        );
        out.push(at(
            finding(ids::A03, sev, msg),
            TableId::T3,
            Some("processed_total"),
            Some(col.key),
            cell_spans(cells),
        ));
    }
    out
}

/// A04: a table 4 group's 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结.
pub fn a04(r: &Report) -> Vec<Finding> {
    let Some(row) = r.tables.t4.as_ref().and_then(|t| t.row("all")) else {
        return Vec::new();
    };
    let columns = row_columns(r, TableId::T4, row);
    let mut out = Vec::new();
    for group in column_groups(columns) {
        let Some(total) = group.total else { continue };
        let parts: Option<Vec<&Cell>> = group.parts.iter().map(|&i| row.cells.get(i)).collect();
        let (Some(parts), Some(total_cell)) = (parts, row.cells.get(total)) else {
            continue;
        };
        if let Some((sev, expected, actual)) = check_total(&parts, total_cell) {
            let msg = format!(
                "{}·总计：维持 + 纠正 + 其他 + 尚未审结 = {}，{actual}",
                group.name,
                fmt_num(expected)
            );
            let spans = cell_spans(parts.iter().copied().chain([total_cell]));
            out.push(at(
                finding(ids::A04, sev, msg),
                TableId::T4,
                Some(row.key),
                Some(columns[total].key),
                spans,
            ));
        }
    }
    out
}

/// A05: a count is negative or fractional (signed changes and amounts excepted).
pub fn a05(r: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for table in r.tables.iter() {
        for row in &table.rows {
            let def = super::row_def(r, table.id, row);
            let columns = row_columns(r, table.id, row);
            for (cell, col) in row.cells.iter().zip(columns) {
                let Some(v) = cell.value.filter(|_| cell.state == CellState::Number) else {
                    continue;
                };
                if col.kind != ColumnKind::Count || (v >= 0.0 && v.fract() == 0.0) {
                    continue;
                }
                let what = if v < 0.0 { "负数" } else { "小数" };
                let name = def.map(row_name).unwrap_or_else(|| row.key.to_string());
                let msg = format!(
                    "{name}·{}：{} 是{what}，应为非负整数",
                    col.label,
                    fmt_num(v)
                );
                out.push(at(
                    finding(ids::A05, Severity::Error, msg),
                    table.id,
                    Some(row.key),
                    Some(col.key),
                    cell_spans([cell]),
                ));
            }
        }
    }
    out
}
