//! Corrections: a reviewer's replacement for one table cell, with an audit trail.
//!
//! A correction names a cell (table, row key, column key), the new state (a number, blank,
//! or "not in the report"), a required reason, the reviewer and the time, the original
//! cell as parsed (state, text, lines, byte range) and the report's content hash. It is
//! kept in the review file (never in the report) and applied to the parsed report before
//! validation, so every rule sees the corrected values. When the report changes and the
//! original cell no longer matches what the parser now reads, the correction is *stale*:
//! it is listed, never applied. A missing cell can be filled from its row's unplaced values.

pub use crate::model::correction::{
    Correction, CorrectionError, Mark, MarkState, NewCell, OriginalCell,
};
use crate::model::{Cell, CellState, Report, Row};
use crate::template::TableId;
use compact_str::CompactString;

impl NewCell {
    /// Parse what a reviewer typed for a number: `12`, `１２`, `+15`, `-3`, `72.8`, `1,234`.
    pub fn number(text: &str) -> Result<NewCell, CorrectionError> {
        let folded: String = text
            .chars()
            .map(crate::text::fold_char)
            .filter(|c| !crate::text::is_space(*c))
            .collect();
        match crate::parse::cells::parse_number(&folded) {
            Some((value, _)) if value.is_finite() => Ok(NewCell::Number {
                value,
                text: folded,
            }),
            _ => Err(CorrectionError::NotANumber(text.to_string())),
        }
    }
}

/// The column index of a column key in a found row.
fn column_index(r: &Report, id: TableId, row: &Row, column: &str) -> Option<usize> {
    crate::validate::row_columns(r, id, row)
        .iter()
        .position(|c| c.key == column)
        .filter(|&i| i < row.cells.len())
}

/// The cell a correction is about, in the report as loaded.
pub fn locate<'a>(r: &'a Report, table: &str, row: &str, column: &str) -> Option<&'a Cell> {
    let id = TableId::parse(table)?;
    let found = r.tables.get(id)?.row(row)?;
    found.cells.get(column_index(r, id, found, column)?)
}

fn locate_mut<'a>(
    r: &'a mut Report,
    table: &str,
    row: &str,
    column: &str,
) -> Option<(&'a mut Row, usize)> {
    let id = TableId::parse(table)?;
    let i = {
        let found = r.tables.get(id)?.row(row)?;
        column_index(r, id, found, column)?
    };
    // Corrections apply before validation, while no copy shares the tables: no clone.
    let tables = std::sync::Arc::make_mut(&mut r.tables);
    let t = match id {
        TableId::T2 => tables.t2.as_mut(),
        TableId::T3 => tables.t3.as_mut(),
        TableId::T4 => tables.t4.as_mut(),
    }?;
    let found = t.rows.iter_mut().find(|x| x.key == row)?;
    Some((found, i))
}

impl Correction {
    /// A new correction of a cell of `report` (not yet stored). The reason is required;
    /// a number from the row's unplaced values must be one of them and the cell missing.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        report: &Report,
        table: TableId,
        row: &str,
        column: &str,
        new: NewCell,
        from_unplaced: bool,
        reason: &str,
        reviewer: &str,
    ) -> Result<Correction, CorrectionError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CorrectionError::NoReason);
        }
        let where_ = format!("{}.{row}.{column}", table.key());
        let cell =
            locate(report, table.key(), row, column).ok_or(CorrectionError::NoCell(where_))?;
        if from_unplaced {
            let NewCell::Number { text, .. } = &new else {
                return Err(CorrectionError::NotMissing);
            };
            if cell.state != CellState::Missing {
                return Err(CorrectionError::NotMissing);
            }
            let unplaced = report
                .tables
                .get(table)
                .and_then(|t| t.row(row))
                .map(|r| r.unplaced.as_slice())
                .unwrap_or(&[]);
            if !unplaced.iter().any(|u| fill_value(u) == Some(text.clone())) {
                return Err(CorrectionError::NotUnplaced {
                    value: text.clone(),
                });
            }
        }
        Ok(Correction {
            table: table.key().to_string(),
            row: row.to_string(),
            column: column.to_string(),
            new,
            from_unplaced,
            reason: reason.to_string(),
            reviewer: reviewer.to_string(),
            time: crate::review::now_rfc3339(),
            original: OriginalCell::of(cell),
            content_hash: format!("{:016x}", report.content_hash),
        })
    }

    /// Whether this correction is about the cell at (table, row, column).
    pub fn is_at(&self, table: &str, row: &str, column: &str) -> bool {
        self.table == table && self.row == row && self.column == column
    }

    /// The cell this correction puts in place of `old`.
    fn cell(&self, old: &Cell, row_span: crate::model::Span) -> Cell {
        let span = old.span.or(Some(row_span));
        match &self.new {
            NewCell::Number { value, text } => Cell {
                state: CellState::Number,
                value: Some(*value),
                text: CompactString::from(text.as_str()),
                unit: old.unit,
                span,
                basis: None,
            },
            NewCell::Blank => Cell {
                state: CellState::Blank,
                value: None,
                text: CompactString::default(),
                unit: old.unit,
                span,
                basis: None,
            },
            NewCell::NotInReport => Cell {
                span: None,
                ..Cell::missing()
            },
        }
    }
}

/// The number an unplaced value stands for, as a correction's text (`" 3 "` → `3`).
pub fn fill_value(unplaced: &str) -> Option<String> {
    match NewCell::number(unplaced) {
        Ok(NewCell::Number { text, .. }) => Some(text),
        _ => None,
    }
}

/// The numbers a missing cell can be filled from: its row's unplaced values, deduplicated.
pub fn fill_options(r: &Report, table: TableId, row: &str) -> Vec<String> {
    let mut out: Vec<String> = r
        .tables
        .get(table)
        .and_then(|t| t.row(row))
        .map(|row| row.unplaced.iter().filter_map(|u| fill_value(u)).collect())
        .unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    out.retain(|v| seen.insert(v.clone()));
    out
}

/// Apply `corrections` to a parsed (not yet validated) report: each one whose original cell
/// still matches replaces it; the others are stale. Every correction is recorded in
/// `report.corrections`. A filled-in unplaced value leaves the row's unplaced list.
pub fn apply(report: &mut Report, corrections: &[Correction]) {
    let mut marks = Vec::with_capacity(corrections.len());
    for c in corrections {
        let state = match locate_mut(report, &c.table, &c.row, &c.column) {
            Some((row, i)) if c.original.matches(&row.cells[i]) => {
                let new = c.cell(&row.cells[i], row.span);
                row.cells[i] = new;
                if let (true, NewCell::Number { text, .. }) = (c.from_unplaced, &c.new)
                    && let Some(at) = row
                        .unplaced
                        .iter()
                        .position(|u| fill_value(u).as_deref() == Some(text.as_str()))
                {
                    row.unplaced.remove(at);
                }
                MarkState::Applied
            }
            _ => MarkState::Stale,
        };
        marks.push(Mark {
            correction: inert(c),
            state,
        });
    }
    report.corrections = marks;
}

/// A correction as it may be shown or exported: values from the review file are untrusted
/// (see [`crate::review::trust`]); a location that is not a template key or a time that is
/// not a timestamp is replaced by its inert form. (Such a correction never matches a cell,
/// so it is stale.) Free text (reason, reviewer, cell text) is escaped where written.
pub fn inert(c: &Correction) -> Correction {
    use crate::review::trust;
    let mut out = c.clone();
    let loc = crate::review::Location {
        section: None,
        table: Some(c.table.clone()),
        row: Some(c.row.clone()),
        column: Some(c.column.clone()),
    };
    if !trust::valid_location(&loc) {
        out.table = trust::invalid(&format!("{}/{}/{}", c.table, c.row, c.column));
        out.row = String::new();
        out.column = String::new();
    }
    if !trust::valid_time(&c.time) {
        out.time = trust::invalid(&c.time);
    }
    out
}

/// The applied correction of a cell, if there is one.
pub fn applied<'a>(
    r: &'a Report,
    table: TableId,
    row: &str,
    column: &str,
) -> Option<&'a Correction> {
    r.corrections
        .iter()
        .find(|m| m.state == MarkState::Applied && m.correction.is_at(table.key(), row, column))
        .map(|m| &m.correction)
}

/// The corrections that could not be applied.
pub fn stale(r: &Report) -> impl Iterator<Item = &Correction> {
    r.corrections
        .iter()
        .filter(|m| m.state == MarkState::Stale)
        .map(|m| &m.correction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_typed_by_a_reviewer() {
        assert_eq!(
            NewCell::number(" １２ "),
            Ok(NewCell::Number {
                value: 12.0,
                text: "12".into()
            })
        );
        assert!(
            matches!(NewCell::number("+15"), Ok(NewCell::Number { value, .. }) if value == 15.0)
        );
        assert!(NewCell::number("十二").is_err());
        assert!(NewCell::number("").is_err());
        assert_eq!(fill_value(" 3"), Some("3".to_string()));
        assert_eq!(NewCell::Blank.label(), "空");
    }
}
