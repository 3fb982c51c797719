//! Copying citations of the selected cell or finding.

use super::{App, Pane};
use crate::agency;
use crate::model::Report;
use crate::sanitize::clean;
use crate::tui::view;

impl App {
    pub(super) fn copy(&mut self) {
        let failed = match self.tree.selected_row().map(|r| &r.id) {
            Some(crate::tree::NodeId::Failed(i)) if self.focus == Pane::Tree => {
                self.corpus.errors.get(*i)
            }
            _ => None,
        };
        let text = match self.focus {
            // A file that could not be read: its path and the reason.
            _ if failed.is_some() => {
                failed.map(|e| format!("{}: {}", clean(&e.path), clean(&e.error)))
            }
            Pane::Table => self.cell_citation(),
            _ => self.finding_citation().or_else(|| self.cell_citation()),
        };
        match text {
            Some(t) => {
                self.message = Some(format!(
                    "已复制: {}",
                    crate::width::truncate_ellipsis(&t, 60)
                ));
                self.clipboard.push(t);
            }
            None => self.message = Some("没有可复制的内容".to_string()),
        }
    }

    pub(super) fn report_title(r: &Report) -> String {
        format!(
            "{} {}",
            clean(&agency::filed_name(r)),
            agency::year_label(r)
        )
    }

    pub fn cell_citation(&self) -> Option<String> {
        let r = self.current_report()?;
        let def = view::table_def(r, self.cursor.table);
        let row = def.rows.get(self.cursor.row)?;
        let col = row.columns.get(self.cursor.col)?;
        let cell = r
            .tables
            .get(self.cursor.table)
            .and_then(|t| t.cell(row.key, self.cursor.col));
        let value = match cell {
            Some(c) if c.state == crate::model::CellState::Blank => "(空白)".to_string(),
            Some(c) if !c.text.is_empty() => clean(&c.text),
            _ => "(未找到)".to_string(),
        };
        let lines = cell
            .and_then(|c| c.span)
            // A cell read from a PDF is cited by page as well as by line of the rebuilt text.
            .map(|s| match r.source.place(s) {
                Some(b) => format!(":{}，第{}页", s.line_start, b.page),
                None => format!(":{}", s.line_start),
            })
            .unwrap_or_default();
        Some(format!(
            "{} {} {}·{}: {} ({}{})",
            Self::report_title(r),
            self.cursor.table.title(),
            row.label,
            col.label,
            value,
            clean(&r.path),
            lines
        ))
    }

    pub fn finding_citation(&self) -> Option<String> {
        let r = self.current_report()?;
        let f = r.finding(self.selected_finding()?)?;
        let lines = match (f.lines.first(), f.lines.last()) {
            (Some(a), Some(b)) if a != b => format!(":{a}-{b}"),
            (Some(a), _) => format!(":{a}"),
            _ => String::new(),
        };
        Some(format!(
            "{} [{} {}] {} ({}{})",
            Self::report_title(r),
            f.rule,
            f.severity,
            clean(&f.message),
            clean(&r.path),
            lines
        ))
    }
}
