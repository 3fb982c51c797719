//! Navigation across panes: the tree and what its selection shows, finder targets,
//! stepping through failures and failing reports.

use super::{App, FindingsCursor, Pane, SourceView, TableCursor, Target};
use crate::model::{ReportIx, Severity, Span};
use crate::template::TableId;
use crate::tree::NodeId;
use crate::tui::action::Action;
use crate::tui::view;

impl App {
    pub(super) fn update_tree(&mut self, action: Action) {
        let page = self.viewport.tree.max(1) as isize;
        match action {
            Action::Down => self.tree.move_by(1),
            Action::Up => self.tree.move_by(-1),
            Action::PageDown => self.tree.move_by(page),
            Action::PageUp => self.tree.move_by(-page),
            Action::Top => self.tree.first(),
            Action::Bottom => self.tree.last(),
            Action::Right => {
                self.tree.expand(&self.corpus);
            }
            Action::Left => {
                self.tree.collapse(&self.corpus);
            }
            Action::Enter => match self
                .tree
                .selected_row()
                .map(|r| (r.id.clone(), r.expandable))
            {
                Some((NodeId::Table(..), _)) => self.focus_pane(Pane::Table),
                Some((NodeId::Section(_, n), _)) if !(2..=4).contains(&n) => {
                    self.focus_pane(Pane::Source)
                }
                // A file that could not be read: its name and the reason, whole.
                Some((NodeId::Failed(i), _)) => {
                    self.failure_shown = Some(i);
                    self.finding_popup = Some(0);
                }
                Some((_, true)) => {
                    self.tree.toggle(&self.corpus);
                }
                _ => {}
            },
            _ => {}
        }
        self.tree_offset =
            view::scroll_to(self.tree.selected(), self.tree_offset, self.viewport.tree);
        self.sync_from_tree();
    }

    /// Show what the tree's selection points at.
    pub(super) fn sync_from_tree(&mut self) {
        let Some(id) = self.tree.selected_row().map(|r| r.id.clone()) else {
            return;
        };
        // An agency: its latest report (the tree lists them oldest first).
        let latest = match &id {
            NodeId::Agency(name) => {
                self.corpus
                    .agency_reports(name)
                    .iter()
                    .copied()
                    .max_by_key(|&i| {
                        let r = &self.corpus.reports[i];
                        (r.year.as_ref().map(|y| y.value), r.path.clone())
                    })
            }
            _ => None,
        };
        let Some(r) = id.report().or(latest) else {
            return;
        };
        self.set_current(r);
        match id {
            NodeId::Table(_, t) => {
                self.select_table(t);
                let span = self
                    .current_report()
                    .and_then(|r| r.tables.get(t))
                    .map(|t| t.span);
                self.highlight(span);
            }
            NodeId::Section(_, n) => {
                if let Some(t) = TableId::ALL.into_iter().find(|t| t.section() == n) {
                    self.select_table(t);
                }
                let span = self
                    .current_report()
                    .and_then(|r| r.section(n))
                    .map(|s| s.span);
                self.highlight(span);
            }
            // A report: show the cell under the table cursor in the source.
            _ if self.source.highlight.is_none() => {
                self.fix_cursor();
                self.highlight_cell();
            }
            _ => {}
        }
    }

    pub(super) fn set_current(&mut self, r: ReportIx) {
        if self.current != Some(r) {
            self.current = Some(r);
            // Wrapping is the auditor's choice, kept from report to report.
            let wrap = self.source.wrap;
            self.source = SourceView::default();
            self.source.wrap = wrap;
            self.findings = FindingsCursor::default();
            self.cursor.row = 0;
            self.cursor.col = 0;
            self.cursor.col_offset = 0;
            self.cursor.line_offset = 0;
        }
    }

    pub(super) fn select_table(&mut self, t: TableId) {
        if self.cursor.table != t {
            self.cursor = TableCursor::on(t);
        }
    }

    /// Go to a finder target.
    pub fn jump(&mut self, target: &Target) {
        match target {
            Target::Agency(r) => {
                let id = NodeId::Agency(self.corpus.agency(*r).to_string());
                self.tree.reveal(&id, &self.corpus);
                self.tree.expand(&self.corpus);
                // Select the agency's first report so its tables and findings show.
                self.tree.move_by(1);
                if self
                    .tree
                    .selected_row()
                    .and_then(|r| r.id.report())
                    .is_none()
                {
                    self.tree.move_by(-1);
                }
                self.focus_pane(Pane::Tree);
            }
            Target::Report(r) => {
                self.tree.reveal(&NodeId::Report(*r), &self.corpus);
                self.tree.expand(&self.corpus);
                self.focus_pane(Pane::Tree);
            }
            Target::Section(r, n) => {
                self.tree.reveal(&NodeId::Section(*r, *n), &self.corpus);
                self.focus_pane(if (2..=4).contains(n) {
                    Pane::Table
                } else {
                    Pane::Source
                });
            }
        }
        self.tree_offset =
            view::scroll_to(self.tree.selected(), self.tree_offset, self.viewport.tree);
        self.sync_from_tree();
    }

    // ---- findings -----------------------------------------------------------------

    /// Select the finding at `pos` (its index): move the table cursor and the
    /// source highlight to it.
    pub fn select_finding(&mut self, pos: usize) {
        let Some(report) = self.current_report() else {
            return;
        };
        let Some(f) = report.findings.get(pos).cloned() else {
            // A stale decision, listed after the findings: nothing to show in the table.
            if pos < self.findings_len() {
                self.findings.select(pos, &self.viewport);
            }
            return;
        };
        self.findings.select(pos, &self.viewport);
        if let Some(t) = f.table {
            self.select_table(t);
            if let Some(report) = self.current_report() {
                let def = view::table_def(report, t);
                if let Some(ri) = f.row.and_then(|k| def.row_index(k)) {
                    self.cursor.row = ri;
                    if let Some(ci) = f
                        .column
                        .and_then(|k| def.rows[ri].columns.iter().position(|c| c.key == k))
                    {
                        self.cursor.col = ci;
                    }
                }
            }
            self.fix_cursor();
        }
        let span = match (f.lines.first(), f.lines.last()) {
            (Some(&a), Some(&b)) => Some(Span {
                line_start: a,
                line_end: b,
                byte_start: 0,
                byte_end: 0,
            }),
            _ => f
                .section
                .and_then(|n| self.current_report()?.section(n).map(|s| s.heading)),
        };
        self.highlight(span);
    }

    pub(super) fn step_failure(&mut self, forward: bool) {
        let Some(report) = self.current_report() else {
            self.message = Some("先选择一份报告".to_string());
            return;
        };
        let n = report.findings.len();
        let serious: Vec<usize> = (0..n)
            .filter(|&p| report.findings[p].severity >= Severity::Warning)
            .collect();
        let candidates: Vec<usize> = if serious.is_empty() {
            (0..n).collect()
        } else {
            serious
        };
        if candidates.is_empty() {
            self.message = Some("本报告没有发现问题".to_string());
            return;
        }
        // The first press selects the first failure; later ones step.
        let fresh = !self.findings.active;
        let pos = if fresh && forward {
            candidates[0]
        } else if forward {
            match candidates.iter().find(|&&p| p > self.findings.selected) {
                Some(&p) => p,
                None => {
                    self.message = Some("已是最后一处，回到第一处".to_string());
                    candidates[0]
                }
            }
        } else {
            match candidates
                .iter()
                .rev()
                .find(|&&p| p < self.findings.selected)
            {
                Some(&p) => p,
                None => {
                    self.message = Some("已是第一处，转到最后一处".to_string());
                    candidates[candidates.len() - 1]
                }
            }
        };
        self.select_finding(pos);
    }

    pub(super) fn step_failed_report(&mut self, forward: bool) {
        let order = self.tree.report_order(&self.corpus);
        let failing: Vec<ReportIx> = order
            .into_iter()
            .filter(|&i| self.corpus.reports[i].count(Severity::Error) > 0)
            .collect();
        if failing.is_empty() {
            self.message = Some("没有含错误的报告".to_string());
            return;
        }
        let here = self
            .current
            .and_then(|c| failing.iter().position(|&i| i == c));
        let next = match (here, forward) {
            (None, true) => 0,
            (None, false) => failing.len() - 1,
            (Some(p), true) => (p + 1) % failing.len(),
            (Some(p), false) => (p + failing.len() - 1) % failing.len(),
        };
        let r = failing[next];
        self.tree.reveal(&NodeId::Report(r), &self.corpus);
        self.tree_offset =
            view::scroll_to(self.tree.selected(), self.tree_offset, self.viewport.tree);
        self.sync_from_tree();
        self.select_finding(0);
    }
}
