//! The panes' own state, each with an `update(action, report, viewport) -> Option<Effect>`
//! (the ratatui component template's shape, without its `draw(&mut self)`): a pane
//! changes only itself and returns what it wants done elsewhere; [`super::App`] routes
//! actions and applies the effects. No widget code here: sizes come from the
//! [`Viewport`] of the frame's plan, column geometry from [`view::Columns`].

use super::{Pane, Viewport};
use crate::model::{Report, Span};
use crate::template::TableId;
use crate::tui::action::Action;
use crate::tui::view;

/// What a pane asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Move the focus to another pane.
    Focus(Pane),
    /// Highlight this span in the source (and scroll to it), or nothing.
    Highlight(Option<Span>),
    /// Select the finding at this position of the findings pane.
    SelectFinding(usize),
    /// Open the selected finding's detail popup.
    Detail,
}

/// The source pane: where it is scrolled and what it highlights.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceView {
    /// First visible line, 0-based.
    pub top: usize,
    /// Columns scrolled sideways.
    pub left: usize,
    /// Highlighted span (lines, and bytes when exact).
    pub highlight: Option<Span>,
    pub query: String,
    /// Search hits: (line, byte start, byte end) with bytes relative to the line.
    pub hits: Vec<(u32, usize, usize)>,
    pub hit: usize,
    /// Long lines wrap at the pane's width instead of scrolling sideways (`w`).
    pub wrap: bool,
    /// The widest line in view (its inert width), for the report and lines it was measured over:
    /// measured once per scroll position, not at every step sideways.
    widest: Option<((u64, usize, usize), usize)>,
}

/// Columns `h` and `l` scroll the source by.
pub const SIDE_STEP: usize = 8;

impl SourceView {
    pub fn update(&mut self, action: Action, report: &Report, vp: &Viewport) -> Option<Effect> {
        let n = report.source.line_count();
        let page = vp.source.max(1);
        let max_top = n.saturating_sub(1);
        match action {
            Action::Down => self.top = (self.top + 1).min(max_top),
            Action::Up => self.top = self.top.saturating_sub(1),
            Action::PageDown => self.top = (self.top + page).min(max_top),
            Action::PageUp => self.top = self.top.saturating_sub(page),
            Action::Top => self.top = 0,
            Action::Bottom => self.top = n.saturating_sub(page),
            // Sideways by one step each way; never past the end of the longest line in
            // view, so `h` undoes `l` exactly. Wrapped lines do not scroll sideways.
            Action::Left if !self.wrap => self.left = self.left.saturating_sub(SIDE_STEP),
            Action::Right if !self.wrap => {
                let lines = (report.content_hash, self.top + 1, (self.top + page).min(n));
                let widest = match self.widest {
                    Some((at, w)) if at == lines => w,
                    _ => {
                        let w = (lines.1..=lines.2)
                            .map(|ln| {
                                let line = report.source.line(ln);
                                crate::width::width(&crate::sanitize::sanitize(line))
                            })
                            .max()
                            .unwrap_or(0);
                        self.widest = Some((lines, w));
                        w
                    }
                };
                let last = widest.saturating_sub(vp.source_text_width.max(1));
                if self.left < last {
                    self.left = (self.left + SIDE_STEP).min(last.next_multiple_of(SIDE_STEP));
                }
            }
            _ => {}
        }
        None
    }

    /// Scroll so 1-based `line` is in view (a third from the top when it was not).
    pub fn scroll_to_line(&mut self, line: u32, vp: &Viewport) {
        let h = vp.source.max(1);
        let l = (line as usize).saturating_sub(1);
        if l < self.top || l >= self.top + h {
            self.top = l.saturating_sub(h / 3);
        }
    }

    /// Highlight `span` and scroll to it.
    pub fn show(&mut self, span: Option<Span>, vp: &Viewport) {
        self.highlight = span;
        if let Some(s) = span {
            self.scroll_to_line(s.line_start, vp);
        }
    }
}

/// The table pane's cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableCursor {
    pub table: TableId,
    /// Template row index.
    pub row: usize,
    /// Column index within the row's columns.
    pub col: usize,
    /// First column shown after the frozen label column.
    pub col_offset: usize,
    /// First scrolling line (below the frozen header).
    pub line_offset: usize,
}

impl Default for TableCursor {
    fn default() -> Self {
        TableCursor {
            table: TableId::T3,
            row: 0,
            col: 0,
            col_offset: 0,
            line_offset: 0,
        }
    }
}

impl TableCursor {
    /// A cursor at the top of table `t`.
    pub fn on(t: TableId) -> TableCursor {
        TableCursor {
            table: t,
            ..TableCursor::default()
        }
    }

    pub fn update(&mut self, action: Action, report: &Report, vp: &Viewport) -> Option<Effect> {
        let def = view::table_def(report, self.table);
        if def.rows.is_empty() {
            return None;
        }
        let page = vp.table.max(1) as isize;
        let lines = view::table_lines(def);
        // Moves go by the lines shown (table 4's groups are lines), keeping the position
        // within the line.
        let at = view::line_of(&lines, self.row, self.col);
        let (_, start, len) = lines.get(at).and_then(|l| l.cells()).unwrap_or((0, 0, 1));
        let k = self.col.saturating_sub(start);
        let (to, k) = match action {
            Action::Down => (view::step_line(&lines, at, 1), k),
            Action::Up => (view::step_line(&lines, at, -1), k),
            Action::PageDown => (view::step_line(&lines, at, page), k),
            Action::PageUp => (view::step_line(&lines, at, -page), k),
            Action::Top => (view::step_line(&lines, 0, 0), k),
            Action::Bottom => (view::step_line(&lines, at, isize::MAX / 2), k),
            Action::Left => (at, k.saturating_sub(1)),
            Action::Right => (at, k + 1),
            Action::FirstColumn => (at, 0),
            Action::LastColumn => (at, len.saturating_sub(1)),
            Action::Enter => return Some(Effect::Focus(Pane::Source)),
            _ => return None,
        };
        if let Some((row, start, len)) = lines.get(to).and_then(|l| l.cells()) {
            self.row = row;
            self.col = start + k.min(len.saturating_sub(1));
        }
        self.fit(report, vp);
        Some(Effect::Highlight(self.cell_span(report)))
    }

    /// Clamp the cursor to the table and keep it in view: the one place the table's
    /// column and line offsets are computed.
    pub fn fit(&mut self, report: &Report, vp: &Viewport) {
        let def = view::table_def(report, self.table);
        let columns = view::Columns::of(report, self.table, vp.table_width);
        self.row = self.row.min(def.rows.len().saturating_sub(1));
        let ncols = def.rows.get(self.row).map_or(0, |r| r.columns.len());
        self.col = self.col.min(ncols.saturating_sub(1));
        let lines = view::table_lines(def);
        let at = view::line_of(&lines, self.row, self.col);
        let start = lines.get(at).and_then(|l| l.cells()).map_or(0, |l| l.1);
        self.col_offset = columns.first_for(self.col.saturating_sub(start), self.col_offset);
        self.line_offset =
            view::table_line_offset(&lines, self.row, self.col, self.line_offset, vp.table);
    }

    /// The source of the cell under the cursor, else of its row.
    pub fn cell_span(&self, report: &Report) -> Option<Span> {
        let t = report.tables.get(self.table)?;
        let def = view::table_def(report, self.table);
        let row = t.row(def.rows.get(self.row)?.key)?;
        row.cells
            .get(self.col)
            .and_then(|c| c.span)
            .or(Some(row.span))
    }
}

/// The findings pane: the selected line (findings, then stale decisions) and its scroll.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FindingsCursor {
    /// The selected line; below the report's finding count, the finding's index.
    pub selected: usize,
    /// Whether a finding has been selected in this report (the first `]` selects the
    /// first failure rather than stepping past it).
    pub active: bool,
    /// First line shown.
    pub offset: usize,
}

impl FindingsCursor {
    /// `lines`: findings plus stale decisions.
    pub fn update(
        &mut self,
        action: Action,
        _report: &Report,
        lines: usize,
        vp: &Viewport,
    ) -> Option<Effect> {
        if lines == 0 {
            return None;
        }
        let page = vp.findings.max(1);
        let pos = match action {
            Action::Down => (self.selected + 1).min(lines - 1),
            Action::Up => self.selected.saturating_sub(1),
            Action::PageDown => (self.selected + page).min(lines - 1),
            Action::PageUp => self.selected.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => lines - 1,
            Action::Enter => return Some(Effect::Detail),
            _ => return None,
        };
        Some(Effect::SelectFinding(pos))
    }

    /// Where the selected finding is shown: the table when it is about a table cell,
    /// else the source.
    pub fn target_pane(&self, report: &Report) -> Pane {
        let has_table = report
            .findings
            .get(self.selected)
            .is_some_and(|f| f.table.is_some());
        if has_table { Pane::Table } else { Pane::Source }
    }

    /// Select line `pos` and keep it in view.
    pub fn select(&mut self, pos: usize, vp: &Viewport) {
        self.selected = pos;
        self.active = true;
        self.offset = view::scroll_to(pos, self.offset, vp.findings);
    }
}
