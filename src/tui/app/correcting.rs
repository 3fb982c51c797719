//! Correcting a table cell in the inspector: `e` on a cell of the table pane opens the
//! editor (a number, blank, "not in the report", or one of the row's unplaced values, and
//! a required reason); saving stores the correction in the review file, re-reads the
//! report with its corrections and re-runs validation at once; `u` undoes it like any
//! review change. The domain lives in [`crate::correction`].

use super::{App, Mode, Pane};
use crate::corpus::{self, LoadOptions};
use crate::correction::{self, Correction, NewCell};
use crate::model::{Cell, Report, ReportIx};
use crate::review::Undo;
use crate::template::TableId;
use crate::tui::action::Action;
use crate::validate;
use ratatui_textarea::TextArea;
use std::path::Path;

/// The new state being chosen in the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditKind {
    Number,
    Blank,
    NotInReport,
    /// One of the row's unplaced values (index into [`CellEditor::options`]).
    Unplaced(usize),
}

/// Which text box has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditField {
    Number,
    Reason,
}

/// The correction popup's state.
pub struct CellEditor {
    pub report: ReportIx,
    pub table: TableId,
    pub row: &'static str,
    pub column: &'static str,
    /// How the cell is named (`（七）总计 · 总计`).
    pub name: String,
    /// The cell as it is now (the corrected one, if corrected before).
    pub current: Cell,
    pub kind: EditKind,
    pub number: TextArea<'static>,
    pub reason: TextArea<'static>,
    pub field: EditField,
    /// Values the row has that could not be placed (a missing cell can take one).
    pub options: Vec<String>,
    pub error: Option<String>,
}

impl CellEditor {
    /// The states the editor cycles through, in order.
    fn kinds(&self) -> Vec<EditKind> {
        let mut k = vec![EditKind::Number, EditKind::Blank, EditKind::NotInReport];
        k.extend((0..self.options.len()).map(EditKind::Unplaced));
        k
    }

    fn cycle(&mut self, step: isize) {
        let kinds = self.kinds();
        let at = kinds.iter().position(|k| *k == self.kind).unwrap_or(0) as isize;
        let n = kinds.len() as isize;
        self.kind = kinds[((at + step).rem_euclid(n)) as usize].clone();
        if self.kind != EditKind::Number {
            self.field = EditField::Reason;
        }
    }

    fn text(t: &TextArea) -> String {
        t.lines().join("")
    }

    /// The new state and whether it comes from the unplaced values.
    fn new_cell(&self) -> Result<(NewCell, bool), String> {
        match &self.kind {
            EditKind::Number => NewCell::number(&Self::text(&self.number))
                .map(|c| (c, false))
                .map_err(|e| e.to_string()),
            EditKind::Blank => Ok((NewCell::Blank, false)),
            EditKind::NotInReport => Ok((NewCell::NotInReport, false)),
            EditKind::Unplaced(i) => {
                let v = self.options.get(*i).cloned().unwrap_or_default();
                NewCell::number(&v)
                    .map(|c| (c, true))
                    .map_err(|e| e.to_string())
            }
        }
    }

    pub fn reason_text(&self) -> String {
        Self::text(&self.reason)
    }
}

fn one_line_box(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![text.to_string()]);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

impl App {
    /// The load options in effect: rule settings and the review's corrections.
    pub fn load_options(&self) -> LoadOptions {
        let root = self.root.clone().unwrap_or_default();
        LoadOptions::new(self.rule_settings.clone(), &root, self.review.as_ref())
    }

    /// The cell under the table cursor: (table, row key, column key, cell).
    pub fn cursor_cell(&self) -> Option<(TableId, &'static str, &'static str, &Cell)> {
        let report = self.current_report()?;
        let id = self.cursor.table;
        let def = crate::tui::view::table_def(report, id);
        let rd = def.rows.get(self.cursor.row)?;
        let col = rd.columns.get(self.cursor.col)?;
        let cell = report
            .tables
            .get(id)?
            .row(rd.key)?
            .cells
            .get(self.cursor.col)?;
        Some((id, rd.key, col.key, cell))
    }

    /// The applied correction of the cell under the table cursor.
    pub fn cursor_correction(&self) -> Option<&Correction> {
        let (id, row, col, _) = self.cursor_cell()?;
        correction::applied(self.current_report()?, id, row, col)
    }

    /// `e` on a table cell: open the correction editor.
    pub(super) fn open_cell_editor(&mut self) {
        if !self.writable_review() {
            return;
        }
        let Some((table, row, column, cell)) = self.cursor_cell() else {
            self.message = Some("这一格不在报告的表中（未找到的行无法修正）".to_string());
            return;
        };
        let (Some(report), Some(ri)) = (self.current_report(), self.current) else {
            return;
        };
        let def = crate::tui::view::table_def(report, table);
        let name = def.rows.get(self.cursor.row).map_or(String::new(), |rd| {
            let col = rd.columns.get(self.cursor.col).map_or("", |c| c.short);
            format!("{} · {col}", validate::row_name(rd))
        });
        let previous = correction::applied(report, table, row, column);
        let options = if cell.state == crate::model::CellState::Missing {
            correction::fill_options(report, table, row)
        } else {
            Vec::new()
        };
        let (kind, number) = match previous.map(|c| &c.new) {
            Some(NewCell::Blank) => (EditKind::Blank, String::new()),
            Some(NewCell::NotInReport) => (EditKind::NotInReport, String::new()),
            Some(NewCell::Number { text, .. }) => (EditKind::Number, text.clone()),
            None => (EditKind::Number, cell.text.to_string()),
        };
        self.cell_editor = Some(CellEditor {
            report: ri,
            table,
            row,
            column,
            name,
            current: cell.clone(),
            kind,
            number: one_line_box(&number),
            reason: one_line_box(previous.map_or("", |c| c.reason.as_str())),
            field: EditField::Number,
            options,
            error: None,
        });
        self.mode = Mode::Correct;
    }

    pub(super) fn update_correct(&mut self, action: Action) {
        let Some(ed) = self.cell_editor.as_mut() else {
            self.mode = Mode::Normal;
            return;
        };
        match action {
            Action::Cancel => {
                self.cell_editor = None;
                self.mode = Mode::Normal;
                self.message = Some("修正未保存 (已取消)".to_string());
            }
            Action::ForceQuit => self.quit = true,
            Action::Save => self.save_correction(),
            Action::NextPane | Action::PrevPane => {
                ed.field = match ed.field {
                    EditField::Number if ed.kind == EditKind::Number => EditField::Reason,
                    EditField::Reason if ed.kind == EditKind::Number => EditField::Number,
                    _ => EditField::Reason,
                };
            }
            Action::Down => ed.cycle(1),
            Action::Up => ed.cycle(-1),
            Action::Input(key) => {
                ed.error = None;
                match ed.field {
                    EditField::Number if ed.kind == EditKind::Number => {
                        ed.number.input(key);
                    }
                    _ => {
                        ed.reason.input(key);
                    }
                }
            }
            _ => {}
        }
    }

    fn save_correction(&mut self) {
        let Some(ed) = self.cell_editor.as_mut() else {
            return;
        };
        let built = ed.new_cell().and_then(|(new, from_unplaced)| {
            let report = self.corpus.report(ed.report).ok_or("报告已不存在")?;
            // The correction records the cell as parsed: re-read without corrections.
            let parsed = parsed_report(report)?;
            let reviewer = self
                .review
                .as_ref()
                .map_or(String::new(), |r| r.reviewer.clone());
            Correction::new(
                &parsed,
                ed.table,
                ed.row,
                ed.column,
                new,
                from_unplaced,
                &ed.reason_text(),
                &reviewer,
            )
            .map_err(|e| match e {
                correction::CorrectionError::NoReason => "请填写修正理由".to_string(),
                other => other.to_string(),
            })
        });
        let c = match built {
            Ok(c) => c,
            Err(e) => {
                ed.error = Some(e);
                return;
            }
        };
        let Some(ed) = self.cell_editor.take() else {
            return;
        };
        self.mode = Mode::Normal;
        if self.corpus.report(ed.report).is_none() {
            return;
        }
        let key = self.review_key(ed.report).to_string();
        let Some(rv) = self.review.as_mut() else {
            return;
        };
        let label = c.new.label();
        match rv.correct(&key, c) {
            Ok(u) => {
                self.push_undo(u, &format!("✐ 修正为 {label}"));
                let change = self.revalidate(ed.report);
                self.message = Some(format!("✐ 已修正为 {label}{change}"));
            }
            Err(e) => self.message = Some(format!("修正未保存: {e}")),
        }
    }

    /// After an undone (or redone) correction, re-read its report; the message says
    /// which findings went and came.
    pub(super) fn after_undo(&mut self, undo: &Undo, redo: bool) {
        if let Undo::Correction { report, .. } = undo
            && let Some(i) = self.corpus.by_review_key(report)
        {
            let change = self.revalidate(i);
            let what = if redo {
                "已重做修正"
            } else {
                "已撤销修正"
            };
            self.message = Some(format!("{what}{change}"));
        }
    }

    /// Re-read report `i` with the review's corrections, re-run every rule (the
    /// cross-report ones over the folder), and say which findings went and came.
    fn revalidate(&mut self, i: ReportIx) -> String {
        let Some(old) = self.corpus.report(i) else {
            return String::new();
        };
        let before: Vec<String> = old
            .findings
            .iter()
            .map(crate::review::fingerprint)
            .collect();
        let path = old.path.clone();
        let opts = self.load_options();
        match corpus::load_one_with(Path::new(&path), &path, &opts) {
            Ok(r) => self.corpus.replace(i, r, &self.rule_settings),
            Err(e) => return format!("（无法重新读取：{}）", e.error),
        }
        let after: Vec<String> = self.corpus.reports[i]
            .findings
            .iter()
            .map(crate::review::fingerprint)
            .collect();
        let gone = before.iter().filter(|f| !after.contains(f)).count();
        let came = after.iter().filter(|f| !before.contains(f)).count();
        self.refresh_marks();
        self.tree.refresh(&self.corpus);
        format!("，重新校验：消除 {gone} 条、新增 {came} 条发现")
    }

    /// Whether `e` in the normal mode is for the table (else it filters the tree).
    pub(super) fn edits_cells(&self) -> bool {
        self.focus == Pane::Table && self.current.is_some()
    }
}

/// The report as parsed from its file, without corrections.
fn parsed_report(r: &Report) -> Result<Report, String> {
    let doc = crate::ingest::load(Path::new(&r.path), &r.path).map_err(|e| e.error)?;
    Ok(crate::parse::parse(doc))
}
