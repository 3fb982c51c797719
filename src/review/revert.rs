//! The inverse of a review change, so an undone change can be redone.

use super::{Review, Undo};

impl Review {
    /// What reverting `undo` would replace, as an [`Undo`] of the same place.
    pub(super) fn inverse(&self, undo: &Undo) -> Undo {
        let entry = self.report(undo.report());
        match undo {
            Undo::Decision {
                report,
                fingerprint,
                ..
            } => Undo::Decision {
                report: report.clone(),
                fingerprint: fingerprint.clone(),
                previous: self.decision(report, fingerprint).cloned().map(Box::new),
            },
            Undo::Status { report, .. } => Undo::Status {
                report: report.clone(),
                previous: entry.and_then(|e| e.status),
                previous_by: entry.and_then(|e| e.status_by.clone()),
                previous_time: entry.and_then(|e| e.status_time.clone()),
            },
            Undo::Correction {
                report,
                table,
                row,
                column,
                ..
            } => Undo::Correction {
                report: report.clone(),
                table: table.clone(),
                row: row.clone(),
                column: column.clone(),
                previous: self
                    .corrections(report)
                    .iter()
                    .find(|c| c.is_at(table, row, column))
                    .cloned()
                    .map(Box::new),
            },
        }
    }
}
