//! The review workflow in the inspector: verdicts and notes on findings, report status,
//! undo, and the marks the tree and the findings pane show. The state itself lives in
//! [`crate::review::Review`], which saves atomically after every change.

use super::{App, Mode, Pane};
use crate::model::{FindingIx, ReportIx};
use crate::review::{self, Decision, DecisionState, ReportStatus, Review, Undo, Verdict};
use crate::tree::{NodeId, ReviewMark};
use crate::tui::action::Action;
use crate::tui::glyphs;
use ratatui_textarea::TextArea;
use std::path::Path;

/// The note popup: which finding it is for, and the text being written.
pub struct NoteEditor {
    pub report: ReportIx,
    pub finding: FindingIx,
    pub text: TextArea<'static>,
    /// The note as it was when the popup opened (its saved note, or nothing).
    pub original: String,
    /// `force_quit` was pressed once with unsaved text: a second press throws it away.
    pub confirm_quit: bool,
}

impl NoteEditor {
    pub fn text(&self) -> String {
        self.text.lines().join("\n")
    }

    /// Whether the text differs from the note as it was.
    pub fn changed(&self) -> bool {
        self.text() != self.original
    }
}

impl App {
    /// Open the review file at `path` for `reviewer`. Another nianbao holding its lock
    /// makes it read-only; a file that is not a valid review file is left untouched and
    /// the review stays read-only with the reason shown.
    pub fn open_review(&mut self, path: &Path, reviewer: String) {
        match Review::open(path, reviewer) {
            Ok(r) => {
                self.review = Some(r);
                self.review_error = None;
            }
            Err(e) => {
                self.review = None;
                self.review_error = Some(e.to_string());
            }
        }
        self.refresh_marks();
    }

    /// Why review keys do nothing, if they do nothing.
    pub fn review_read_only(&self) -> Option<String> {
        match (&self.review, &self.review_error) {
            (Some(r), _) => r.read_only.clone(),
            (None, Some(e)) => Some(e.clone()),
            (None, None) => Some("没有打开审阅文件".to_string()),
        }
    }

    /// The key a report is stored under in the review file (computed once, at load).
    pub fn review_key(&self, report: ReportIx) -> &str {
        self.corpus.review_key(report).unwrap_or_default()
    }

    /// The decision on a finding of a report, if any.
    pub fn decision_on(&self, report: ReportIx, finding: FindingIx) -> Option<&Decision> {
        let rv = self.review.as_ref()?;
        let r = self.corpus.report(report)?;
        let f = r.finding(finding)?;
        rv.decision(self.review_key(report), &review::fingerprint(f))
    }

    /// Decisions of the current report whose finding no longer exists, in their inert form
    /// (a rule, place or time the review file holds that fails its check is shown as
    /// `‹invalid: …›`, never as if it were real).
    pub fn stale_decisions(&self) -> Vec<Decision> {
        let (Some(rv), Some(i), Some(r)) =
            (self.review.as_ref(), self.current, self.current_report())
        else {
            return Vec::new();
        };
        rv.decisions_with_state(self.review_key(i), &r.findings)
            .into_iter()
            .filter(|(_, st)| *st == DecisionState::Stale)
            .map(|(d, _)| crate::review::trust::inert(d))
            .collect()
    }

    /// The status of a report.
    pub fn report_status(&self, report: ReportIx) -> Option<ReportStatus> {
        let rv = self.review.as_ref()?;
        self.corpus.report(report)?;
        rv.report(self.review_key(report))?.status
    }

    pub(super) fn review_mark(&self, report: ReportIx) -> ReviewMark {
        let (Some(rv), Some(r)) = (&self.review, self.corpus.report(report)) else {
            return ReviewMark::default();
        };
        let key = self.review_key(report);
        ReviewMark {
            undecided: rv.undecided(key, &r.findings),
            status: rv.report(key).and_then(|r| r.status),
        }
    }

    /// Recompute every report's review mark (after a load or a change of review file).
    pub(super) fn refresh_marks(&mut self) {
        let marks: Vec<ReviewMark> = self.corpus.ixs().map(|i| self.review_mark(i)).collect();
        self.tree.set_marks(marks, &self.corpus);
    }

    fn refresh_mark(&mut self, report: ReportIx) {
        if self.corpus.report(report).is_none() {
            return;
        }
        let m = self.review_mark(report);
        self.tree.update_mark(report, m, &self.corpus);
    }

    /// Reviewed reports, all reports and undecided findings, for the status bar.
    pub fn review_progress(&self) -> (usize, usize, usize) {
        let marks = self.tree.marks();
        let reviewed = marks
            .iter()
            .filter(|m| m.status == Some(ReportStatus::Reviewed))
            .count();
        let undecided = marks.iter().map(|m| m.undecided).sum();
        (reviewed, self.corpus.reports.len(), undecided)
    }

    /// The finding review keys act on: the selected one, when the findings pane has the
    /// focus or a finding was selected with `]`/`[`.
    fn review_target(&mut self) -> Option<(ReportIx, FindingIx)> {
        let r = self.current?;
        let found = if self.focus == Pane::Findings || self.findings.active {
            self.selected_finding()
        } else {
            None
        };
        if found.is_none() {
            self.message = Some(if self.findings.selected >= self.findings_count() {
                format!(
                    "已失效的决定不能再修改 ({} 撤销)",
                    self.keymap.hint(Mode::Normal, Action::Undo)
                )
            } else {
                format!(
                    "先选择一条发现 ({} 下一处, 或 {} 到发现栏)",
                    self.keymap.hint(Mode::Normal, Action::NextFailure),
                    self.keymap.hint(Mode::Normal, Action::NextPane)
                )
            });
        }
        found.map(|f| (r, f))
    }

    fn findings_count(&self) -> usize {
        self.current_report().map_or(0, |r| r.findings.len())
    }

    /// A review we may write to, or the reason shown as "只读".
    pub(super) fn writable_review(&mut self) -> bool {
        match self.review_read_only() {
            Some(why) => {
                self.message = Some(format!("只读: {why}"));
                false
            }
            None => true,
        }
    }

    fn record(
        &mut self,
        report: ReportIx,
        result: Result<Undo, crate::review::ReviewError>,
        done: String,
    ) {
        match result {
            Ok(u) => {
                self.push_undo(u, &done);
                self.message = Some(done);
            }
            Err(e) => self.message = Some(format!("审阅未保存: {e}")),
        }
        self.refresh_mark(report);
    }

    /// Set a verdict on the selected finding.
    pub(super) fn decide(&mut self, verdict: Option<Verdict>) {
        if self.current.is_none() {
            self.message = Some("先选择一份报告".to_string());
            return;
        }
        if !self.writable_review() {
            return;
        }
        let Some((r, f)) = self.review_target() else {
            return;
        };
        let key = self.review_key(r).to_string();
        let (Some(rv), Some(report)) = (self.review.as_mut(), self.corpus.report(r)) else {
            return;
        };
        let Some(finding) = report.finding(f) else {
            return;
        };
        let result = rv.decide(&key, report, finding, verdict, None);
        let done = match verdict {
            Some(Verdict::Confirmed) => format!("✓ 已确认 {}", finding.rule),
            Some(Verdict::Dismissed) => format!("✗ 已驳回 {}", finding.rule),
            None => "已保存".to_string(),
        };
        self.record(r, result, done);
    }

    /// Open the note popup on the selected finding, pre-filled with its note.
    pub(super) fn open_note(&mut self) {
        if self.current.is_none() {
            self.message = Some("先选择一份报告".to_string());
            return;
        }
        if !self.writable_review() {
            return;
        }
        let Some((r, f)) = self.review_target() else {
            return;
        };
        let existing = self
            .decision_on(r, f)
            .and_then(|d| d.note.clone())
            .unwrap_or_default();
        // A draft left with Esc comes back as it was left.
        let draft = self.drafts.get(&self.draft_key(r, f)).cloned();
        let start = draft.clone().unwrap_or_else(|| existing.clone());
        let mut text = if start.is_empty() {
            TextArea::default()
        } else {
            TextArea::from(start.lines().map(str::to_string))
        };
        text.set_cursor_line_style(ratatui::style::Style::default());
        text.set_placeholder_text(format!(
            "备注 (可多行; {} 保存, {} 取消)",
            self.keymap.hint(Mode::Note, Action::Save),
            self.keymap.hint(Mode::Note, Action::Cancel)
        ));
        text.move_cursor(ratatui_textarea::CursorMove::Bottom);
        text.move_cursor(ratatui_textarea::CursorMove::End);
        self.note = Some(NoteEditor {
            report: r,
            finding: f,
            text,
            original: existing,
            confirm_quit: false,
        });
        self.mode = Mode::Note;
        if draft.is_some() {
            self.message = Some("继续写草稿".to_string());
        }
    }

    /// Where a note's draft is kept: the report's review key and the finding's fingerprint.
    fn draft_key(&self, report: ReportIx, finding: FindingIx) -> (String, String) {
        let fp = self
            .corpus
            .report(report)
            .and_then(|r| r.finding(finding))
            .map(review::fingerprint)
            .unwrap_or_default();
        (self.review_key(report).to_string(), fp)
    }

    pub(super) fn update_note(&mut self, action: Action) {
        let confirming = self.note.as_mut().is_some_and(|n| {
            let was = n.confirm_quit;
            n.confirm_quit = false;
            was
        });
        match action {
            Action::Cancel => {
                // Esc keeps what was written as a draft: `comment` on the finding again
                // brings it back.
                if let Some(n) = self.note.take() {
                    let key = self.draft_key(n.report, n.finding);
                    if n.changed() {
                        self.drafts.insert(key, n.text());
                        self.message = Some(format!(
                            "备注未保存, 已留作草稿 ({} 继续写)",
                            self.keymap.hint(Mode::Normal, Action::Comment)
                        ));
                    } else {
                        self.drafts.remove(&key);
                        self.message = Some("备注未改动 (已关闭)".to_string());
                    }
                }
                self.mode = Mode::Normal;
            }
            Action::ForceQuit => {
                let unsaved = self.note.as_ref().is_some_and(NoteEditor::changed);
                if unsaved && !confirming {
                    if let Some(n) = self.note.as_mut() {
                        n.confirm_quit = true;
                    }
                    self.message = Some(format!(
                        "备注未保存! 再按 {} 放弃备注并退出 · {} 保存 · {} 留作草稿",
                        self.keymap.hint(Mode::Note, Action::ForceQuit),
                        self.keymap.hint(Mode::Note, Action::Save),
                        self.keymap.hint(Mode::Note, Action::Cancel)
                    ));
                } else {
                    self.note = None;
                    self.quit = true;
                }
            }
            Action::Save => self.save_note(),
            Action::Input(key) => {
                if let Some(n) = self.note.as_mut() {
                    n.text.input(key);
                }
            }
            _ => {}
        }
    }

    fn save_note(&mut self) {
        let Some(editor) = self.note.take() else {
            self.mode = Mode::Normal;
            return;
        };
        self.mode = Mode::Normal;
        if !self.writable_review() {
            return;
        }
        let (r, f) = (editor.report, editor.finding);
        let draft = self.draft_key(r, f);
        self.drafts.remove(&draft);
        let key = self.review_key(r).to_string();
        let Some(report) = self.corpus.report(r) else {
            return;
        };
        let (Some(rv), Some(finding)) = (self.review.as_mut(), report.finding(f)) else {
            return;
        };
        let text = editor.text();
        let done = if text.trim().is_empty() {
            "备注已删除".to_string()
        } else {
            "✎ 备注已保存".to_string()
        };
        let result = rv.decide(&key, report, finding, None, Some(text));
        self.record(r, result, done);
    }

    /// The report review keys act on: the one shown (tree selection follows it).
    fn status_target(&mut self) -> Option<ReportIx> {
        let r = self
            .current
            .or_else(|| self.tree.selected_row().and_then(|row| row.id.report()));
        if r.is_none() {
            self.message = Some("先选择一份报告".to_string());
        }
        r
    }

    /// Report status: none → in progress → reviewed → none.
    pub(super) fn cycle_status(&mut self) {
        let Some(r) = self.status_target() else {
            return;
        };
        if !self.writable_review() {
            return;
        }
        let next = match self.report_status(r) {
            None => Some(ReportStatus::InProgress),
            Some(ReportStatus::InProgress) => Some(ReportStatus::Reviewed),
            Some(ReportStatus::Reviewed) => None,
        };
        // Reviewed with errors or warnings undecided: only when asked twice.
        let undecided = self.review_mark(r).undecided;
        if next == Some(ReportStatus::Reviewed) && undecided > 0 && self.confirm_reviewed != Some(r)
        {
            self.confirm_reviewed = Some(r);
            self.message = Some(format!(
                "还有 {undecided} 条错误/警告未决定: 再按 {} 仍标为已审阅",
                self.keymap.hint(Mode::Normal, Action::CycleStatus)
            ));
            return;
        }
        let key = self.review_key(r).to_string();
        let Some(rv) = self.review.as_mut() else {
            return;
        };
        let result = rv.set_status(&key, next);
        let done = match next {
            None => "状态: 未开始".to_string(),
            Some(ReportStatus::InProgress) => "状态: ⋯ 审阅中".to_string(),
            Some(ReportStatus::Reviewed) => {
                format!(
                    "状态: {} 已审阅",
                    glyphs::status(Some(ReportStatus::Reviewed))
                )
            }
        };
        self.record(r, result, done);
    }

    /// A change made: undoable, and what was undone before it can no longer be redone.
    pub(super) fn push_undo(&mut self, undo: Undo, what: &str) {
        self.undo_stack.push((undo, what.to_string()));
        self.redo_stack.clear();
    }

    /// Undo the last review change, saying what it was.
    pub(super) fn undo_review(&mut self) {
        self.step_history(false);
    }

    /// Redo the last undone review change.
    pub(super) fn redo_review(&mut self) {
        self.step_history(true);
    }

    /// Undo (or redo) the newest change of its stack; the reverse goes on the other one.
    fn step_history(&mut self, redo: bool) {
        if !self.writable_review() {
            return;
        }
        let popped = if redo {
            self.redo_stack.pop()
        } else {
            self.undo_stack.pop()
        };
        let Some((u, what)) = popped else {
            self.message = Some(if redo {
                "没有可重做的审阅操作".to_string()
            } else {
                "没有可撤销的审阅操作".to_string()
            });
            return;
        };
        let key = u.report().to_string();
        let Some(rv) = self.review.as_mut() else {
            return;
        };
        match rv.revert(u.clone()) {
            Ok(back) => {
                let agency = self
                    .corpus
                    .by_review_key(&key)
                    .and_then(|i| self.corpus.report(i))
                    .map(|r| format!(" ({})", App::report_title(r)))
                    .unwrap_or_default();
                if redo {
                    self.undo_stack.push((back, what.clone()));
                    self.message = Some(format!("已重做: {what}{agency}"));
                } else {
                    self.redo_stack.push((back, what.clone()));
                    self.message = Some(format!(
                        "已撤销: {what}{agency} ({} 重做)",
                        self.keymap.hint(Mode::Normal, Action::Redo)
                    ));
                }
                self.after_undo(&u, redo);
            }
            Err(e) => {
                if redo {
                    self.redo_stack.push((u, what));
                } else {
                    self.undo_stack.push((u, what));
                }
                self.message = Some(format!("撤销未保存: {e}"));
            }
        }
        if let Some(i) = self.corpus.by_review_key(&key) {
            self.refresh_mark(i);
        }
    }

    pub(super) fn toggle_undecided(&mut self) {
        self.tree.toggle_only_undecided(&self.corpus);
        self.message = Some(if self.tree.only_undecided() {
            "只显示有待定发现的报告".to_string()
        } else {
            "显示全部报告".to_string()
        });
        // Keep the tree on the report shown when it is still listed.
        if let Some(r) = self.current
            && self
                .tree
                .rows()
                .iter()
                .any(|row| row.id == NodeId::Report(r))
        {
            self.tree.reveal(&NodeId::Report(r), &self.corpus);
        }
    }
}
