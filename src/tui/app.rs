//! The inspector's state and `update`: the only place state changes.

use super::action::Action;
use super::keymap::{Keymap, Mode};
use super::layout::Plan;
use super::theme::Theme;
use super::view;
use crate::corpus::Corpus;
use crate::model::{FindingIx, Report, ReportIx, Span};
use crate::search::Match;
use crate::tree::Tree;
use loading::Loader;
use ratatui_textarea::TextArea;
use std::path::PathBuf;
use std::time::Instant;

mod copy;
mod correcting;
mod loading;
mod nav;
mod overlays;
mod overview;
mod panes;
pub use correcting::{CellEditor, EditField, EditKind};
mod reviewing;
mod yoy;

pub use panes::{Effect, FindingsCursor, SourceView, TableCursor};
pub use reviewing::NoteEditor;
pub use yoy::CompareView;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Tree,
    Table,
    Source,
    Findings,
}

impl Pane {
    const ORDER: [Pane; 4] = [Pane::Tree, Pane::Table, Pane::Source, Pane::Findings];
}

pub use crate::corpus::Target;

pub struct Finder {
    pub input: TextArea<'static>,
    /// The matches shown (at most [`FINDER_SHOWN`]): agencies, then reports, then
    /// sections, each by score.
    pub results: Vec<Match>,
    /// How many entries match the query in all.
    pub total: usize,
    pub selected: usize,
    pub offset: usize,
}

impl Finder {
    pub fn query(&self) -> String {
        self.input.lines().join("")
    }
}

const FINDER_PLACEHOLDER: &str = "机关、报告、章节 (拼音可)";
const SEARCH_PLACEHOLDER: &str = "在原文中查找";

fn text_box(placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_cursor_line_style(ratatui::style::Style::default());
    t.set_placeholder_text(placeholder);
    t
}

/// The pane sizes of the frame being drawn ([`super::layout::Plan::viewport`]), for
/// scrolling and paging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    pub tree: usize,
    /// Scrolling lines of the table (below its frozen header).
    pub table: usize,
    /// The table pane's width inside its borders (0 when it is not shown).
    pub table_width: usize,
    pub source: usize,
    /// Columns of source text beside the line numbers (0 when the pane is not shown).
    pub source_text_width: usize,
    pub findings: usize,
    pub help: usize,
    pub finder: usize,
    /// Lines of the year-over-year view's body.
    pub compare: usize,
    /// Table and source share one slot.
    pub narrow: bool,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            tree: 20,
            table: 20,
            table_width: 80,
            source: 20,
            source_text_width: 0,
            findings: 5,
            help: 20,
            finder: 10,
            compare: 20,
            narrow: false,
        }
    }
}

/// Every scroll offset and the viewport: what [`App::fit`] decides before a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offsets {
    pub viewport: Viewport,
    pub tree: usize,
    pub cursor: TableCursor,
    pub source: (usize, usize),
    pub findings: usize,
    pub finder: Option<usize>,
    pub compare: Option<usize>,
}

pub struct App {
    pub root: Option<PathBuf>,
    /// The loaded folder (reports, failures, finder index, review keys).
    pub corpus: Corpus,
    loader: Option<Loader>,
    /// Loads started so far (each reload is a new generation).
    pub generation: u64,
    pub tree: Tree,
    pub tree_offset: usize,
    pub focus: Pane,
    pub mode: Mode,
    pub finder: Option<Finder>,
    pub search_box: Option<TextArea<'static>>,
    pub help_scroll: usize,
    /// The report shown in the table, source and findings panes.
    pub current: Option<ReportIx>,
    pub cursor: TableCursor,
    pub source: SourceView,
    /// The findings pane's selection (a finding's position is its index: the corpus
    /// keeps findings in display order).
    pub findings: FindingsCursor,
    /// On narrow screens, whether the centre slot shows the source (else the table).
    pub center_source: bool,
    /// The focused pane zoomed over the screen (`+`/`z`).
    pub zoom: bool,
    pub keymap: Keymap,
    pub theme: Theme,
    pub message: Option<String>,
    /// Text to put on the clipboard, written by the terminal owner.
    pub clipboard: Vec<String>,
    pub quit: bool,
    pub viewport: Viewport,
    /// After a reload, the report to select again when it arrives.
    reselect: Option<String>,
    /// While loading and until the first key: keep the first report in the tree open.
    auto_open: bool,
    /// Reports arrived since the tree was last rebuilt (rebuilds are throttled while a
    /// large folder loads: each one walks every report).
    tree_dirty: bool,
    last_rebuild: Option<Instant>,
    /// The review of the folder (decisions, notes, report status), when one is open.
    pub review: Option<crate::review::Review>,
    /// Why there is no review (the file is not a valid review file): read-only.
    pub review_error: Option<String>,
    /// Review changes, newest last, for `undo`: each with what it did, as said when made.
    pub undo_stack: Vec<(crate::review::Undo, String)>,
    /// Undone changes, newest last, for `redo` (emptied by a new change).
    pub redo_stack: Vec<(crate::review::Undo, String)>,
    /// The note being written.
    pub note: Option<NoteEditor>,
    /// Notes left unsaved with Esc, by report review key and finding fingerprint.
    pub drafts: std::collections::HashMap<(String, String), String>,
    /// The report `cycle_status` asked about (reviewed with findings undecided): the
    /// next `cycle_status` on it, and only the next action, marks it reviewed.
    pub confirm_reviewed: Option<ReportIx>,
    /// The year-over-year view, when open.
    pub compare: Option<CompareView>,
    /// The rule settings in effect (severities, C07 threshold) from the configuration.
    pub rule_settings: crate::validate::Settings,
    /// The correction being made on a table cell.
    pub cell_editor: Option<correcting::CellEditor>,
    /// The selected finding's detail popup, when open: its scroll.
    pub finding_popup: Option<usize>,
    /// The failed file the popup shows instead of a finding (index into the corpus's
    /// errors).
    pub failure_shown: Option<usize>,
    /// The overview screen's state, once opened (kept when left, for `O` to return).
    pub overview: Option<super::overview::Overview>,
    /// Open the overview as the first screen when the folder holds more than one agency
    /// (the inspector sets it; tests that expect the tree first leave it off).
    pub overview_first: bool,
    /// Minimum denominators and risk thresholds (`[indicators]`) for the overview.
    pub indicator_config: crate::indicators::IndicatorConfig,
}

impl App {
    pub fn new(root: Option<PathBuf>, keymap: Keymap, theme: Theme) -> App {
        App {
            corpus: Corpus::new(root.as_deref()),
            root,
            loader: None,
            generation: 0,
            tree: Tree::new(),
            tree_offset: 0,
            focus: Pane::Tree,
            mode: Mode::Normal,
            finder: None,
            search_box: None,
            help_scroll: 0,
            current: None,
            cursor: TableCursor::default(),
            source: SourceView::default(),
            findings: FindingsCursor::default(),
            center_source: false,
            zoom: false,
            keymap,
            theme,
            message: None,
            clipboard: Vec::new(),
            quit: false,
            viewport: Viewport::default(),
            reselect: None,
            auto_open: false,
            tree_dirty: false,
            last_rebuild: None,
            review: None,
            review_error: None,
            undo_stack: Vec::new(),
            redo_stack: Vec::new(),
            note: None,
            drafts: std::collections::HashMap::new(),
            confirm_reviewed: None,
            compare: None,
            rule_settings: crate::validate::Settings::default(),
            cell_editor: None,
            finding_popup: None,
            failure_shown: None,
            overview: None,
            overview_first: false,
            indicator_config: crate::indicators::IndicatorConfig::default(),
        }
    }

    /// A key from the terminal: looked up in the current mode's keymap layer.
    pub fn handle_key(&mut self, key: &crossterm::event::KeyEvent) -> bool {
        match self.keymap.action(self.mode, key) {
            Some(a) => {
                self.update(a);
                true
            }
            None => false,
        }
    }

    /// Lines of the findings pane: the findings, then the stale decisions.
    pub fn findings_len(&self) -> usize {
        self.current_report().map_or(0, |r| r.findings.len()) + self.stale_decisions().len()
    }

    // ---- queries ------------------------------------------------------------------

    pub fn current_report(&self) -> Option<&Report> {
        self.current.and_then(|i| self.corpus.report(i))
    }

    /// The selected finding's index into `report.findings` (none when a stale decision
    /// is selected).
    /// The finding the findings pane's selection is on (the pane also lists stale
    /// decisions after the findings: those are not findings).
    pub fn selected_finding(&self) -> Option<FindingIx> {
        let r = self.current_report()?;
        (self.findings.selected < r.findings.len()).then(|| FindingIx::new(self.findings.selected))
    }

    // ---- update -------------------------------------------------------------------

    pub fn update(&mut self, action: Action) {
        self.message = None;
        self.auto_open = false;
        let confirm = self.confirm_reviewed.take();
        if action == Action::CycleStatus {
            self.confirm_reviewed = confirm;
        }
        match self.mode {
            Mode::Finder => self.update_finder(action),
            Mode::Search => self.update_search(action),
            Mode::Help => self.update_help(action),
            Mode::Note => self.update_note(action),
            Mode::Correct => self.update_correct(action),
            Mode::Compare => self.update_compare(action),
            Mode::Overview => self.update_overview(action),
            Mode::Normal => self.update_normal(action),
        }
    }

    fn update_normal(&mut self, action: Action) {
        if self.finding_popup.is_some() && self.update_finding_popup(action) {
            return;
        }
        match action {
            Action::Quit | Action::ForceQuit => self.quit = true,
            Action::Cancel => {
                self.source.hits.clear();
                self.source.query.clear();
                if self.tree.clear_filter(&self.corpus) {
                    self.message = Some("已清除筛选".to_string());
                    self.sync_from_tree();
                }
            }
            Action::Overview => self.open_overview(),
            Action::Help => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            Action::Finder => {
                let mut f = Finder {
                    input: text_box(FINDER_PLACEHOLDER),
                    results: Vec::new(),
                    total: 0,
                    selected: 0,
                    offset: 0,
                };
                (f.results, f.total) = self.finder_matches("");
                self.finder = Some(f);
                self.mode = Mode::Finder;
            }
            Action::SourceSearch => {
                self.search_box = Some(text_box(SEARCH_PLACEHOLDER));
                self.mode = Mode::Search;
            }
            Action::NextHit | Action::PrevHit => {
                let n = self.source.hits.len();
                if n == 0 {
                    self.message = Some(format!(
                        "没有查找结果 ({} 查找)",
                        self.keymap.hint(Mode::Normal, Action::SourceSearch)
                    ));
                } else {
                    self.source.hit = if action == Action::NextHit {
                        (self.source.hit + 1) % n
                    } else {
                        (self.source.hit + n - 1) % n
                    };
                    self.show_hit();
                }
            }
            Action::NextPane | Action::PrevPane => {
                let i = Pane::ORDER
                    .iter()
                    .position(|p| *p == self.focus)
                    .unwrap_or(0);
                let next = if action == Action::NextPane {
                    (i + 1) % 4
                } else {
                    (i + 3) % 4
                };
                self.focus_pane(Pane::ORDER[next]);
            }
            Action::ToggleSource => {
                self.center_source = !self.center_source;
                match self.focus {
                    Pane::Table => self.focus = Pane::Source,
                    Pane::Source => self.focus = Pane::Table,
                    _ => {}
                }
            }
            Action::ToggleSort => self.tree.toggle_sort(&self.corpus),
            Action::ToggleOnlyErrors if self.edits_cells() => self.open_cell_editor(),
            Action::ToggleOnlyErrors => {
                self.tree.toggle_only_errors(&self.corpus);
                self.message = Some(if self.tree.only_errors() {
                    "只显示有错误的报告".to_string()
                } else {
                    "显示全部报告".to_string()
                });
            }
            Action::Reload => {
                self.start_loading();
                self.message = Some("重新载入…".to_string());
            }
            Action::NextFailure => self.step_failure(true),
            Action::PrevFailure => self.step_failure(false),
            Action::NextFailedReport => self.step_failed_report(true),
            Action::PrevFailedReport => self.step_failed_report(false),
            Action::Copy => self.copy(),
            Action::Confirm => self.decide(Some(crate::review::Verdict::Confirmed)),
            Action::Dismiss => self.decide(Some(crate::review::Verdict::Dismissed)),
            Action::Comment => self.open_note(),
            Action::CycleStatus => self.cycle_status(),
            Action::Undo => self.undo_review(),
            Action::Redo => self.redo_review(),
            Action::ToggleUndecided => self.toggle_undecided(),
            Action::YearOverYear => self.open_compare(),
            Action::ShowT2 => self.show_table(crate::template::TableId::T2),
            Action::ShowT3 => self.show_table(crate::template::TableId::T3),
            Action::ShowT4 => self.show_table(crate::template::TableId::T4),
            Action::Zoom => {
                self.zoom = !self.zoom;
                self.message = Some(if self.zoom {
                    "放大当前窗格 (再按 + 或 z 还原)".to_string()
                } else {
                    "还原窗格".to_string()
                });
            }
            Action::ToggleWrap => {
                self.source.wrap = !self.source.wrap;
                self.message = Some(if self.source.wrap {
                    self.source.left = 0;
                    format!(
                        "原文折行显示 ({} 还原)",
                        self.keymap.hint(Mode::Normal, Action::ToggleWrap)
                    )
                } else {
                    self.scroll_source_sideways();
                    "原文不折行 (h/l 左右滚动)".to_string()
                });
            }
            Action::Input(_) => {}
            _ => self.route_to_pane(action),
        }
    }

    /// A pane's own action: the tree works on the corpus, the others on the report shown.
    fn route_to_pane(&mut self, action: Action) {
        if self.focus == Pane::Tree {
            self.update_tree(action);
            return;
        }
        let lines = self.findings_len();
        let vp = self.viewport;
        let Some(report) = self.current.and_then(|i| self.corpus.report(i)) else {
            return;
        };
        let effect = match self.focus {
            Pane::Table => self.cursor.update(action, report, &vp),
            Pane::Source => self.source.update(action, report, &vp),
            Pane::Findings => self.findings.update(action, report, lines, &vp),
            Pane::Tree => None,
        };
        self.apply(effect);
    }

    pub fn focus_pane(&mut self, pane: Pane) {
        self.focus = pane;
        match pane {
            Pane::Table => self.center_source = false,
            Pane::Source => self.center_source = true,
            _ => {}
        }
    }

    /// The geometry of a frame of `area` in the current mode: [`Plan::build`], zoomed
    /// when a pane is.
    pub fn plan(&self, area: ratatui::layout::Rect) -> Plan {
        let plan = Plan::build(area, self.focus, self.center_source);
        if self.zoom {
            plan.zoomed(self.focus)
        } else {
            plan
        }
    }

    /// Keys `2` `3` `4`: table 二/三/四 of the shown report in the table pane.
    fn show_table(&mut self, t: crate::template::TableId) {
        self.select_table(t);
        self.focus_pane(Pane::Table);
        self.fix_cursor();
        self.highlight_cell();
    }

    /// Fit every scroll offset to the frame about to be drawn (`plan`), before it is
    /// drawn. When the source pane's height changed (the first frame, a resize, a narrow
    /// layout switching panes), the highlighted line is scrolled into view again.
    pub fn fit(&mut self, plan: &Plan) {
        let vp = plan.viewport(plan.compare_body());
        let source_changed = vp.source != self.viewport.source;
        let width_changed = vp.source_text_width != self.viewport.source_text_width;
        self.viewport = vp;
        if source_changed && let Some(s) = self.source.highlight {
            self.source.scroll_to_line(s.line_start, &vp);
        }
        if width_changed {
            self.scroll_source_sideways();
        }
        let n = self.current_report().map_or(0, |r| r.source.line_count());
        self.source.top = self.source.top.min(n.saturating_sub(1));
        self.tree_offset = view::scroll_to(self.tree.selected(), self.tree_offset, vp.tree)
            .min(self.tree.rows().len().saturating_sub(1));
        self.fix_cursor();
        self.findings.offset =
            view::scroll_to(self.findings.selected, self.findings.offset, vp.findings);
        if let Some(f) = self.finder.as_mut() {
            f.offset = view::scroll_to(f.selected, f.offset, vp.finder);
        }
        self.fit_compare();
        if self.mode == Mode::Help {
            let n = super::help::lines(self).len();
            self.help_scroll = self.help_scroll.min(n.saturating_sub(vp.help));
        }
        if let Some(s) = self.finding_popup {
            let (w, h) = super::finding_popup::inner_size(plan.area);
            let n = super::finding_popup::lines(self, w).len();
            self.finding_popup = Some(s.min(n.saturating_sub(h)));
        }
        self.fit_overview(plan.area);
    }

    /// The offsets [`App::fit`] sets, for checking that a drawn screen is settled.
    pub fn offsets(&self) -> Offsets {
        Offsets {
            viewport: self.viewport,
            tree: self.tree_offset,
            cursor: self.cursor,
            source: (self.source.top, self.source.left),
            findings: self.findings.offset,
            finder: self.finder.as_ref().map(|f| f.offset),
            compare: self.compare.map(|c| c.scroll),
        }
    }

    /// Apply what a pane asked for.
    fn apply(&mut self, effect: Option<Effect>) {
        match effect {
            Some(Effect::Focus(p)) => self.focus_pane(p),
            Some(Effect::Highlight(span)) => self.highlight(span),
            Some(Effect::SelectFinding(pos)) => self.select_finding(pos),
            Some(Effect::Detail) if self.findings.selected < self.findings_len() => {
                self.findings.active = true;
                self.finding_popup = Some(0);
            }
            Some(Effect::Detail) => {}
            None => {}
        }
    }

    /// Highlight `span` in the source and scroll to it.
    fn highlight(&mut self, span: Option<Span>) {
        self.source.show(span, &self.viewport);
        self.scroll_source_sideways();
    }

    /// Scroll the source sideways so the highlighted cell (its exact bytes on one line)
    /// is in view: a cell far right on a long line (a scraped page on one line, a wide
    /// `pdftotext -layout` table) shows without pressing `l`.
    fn scroll_source_sideways(&mut self) {
        let Some(s) = self.source.highlight else {
            return;
        };
        if s.line_start != s.line_end || s.byte_end <= s.byte_start {
            return;
        }
        let Some(report) = self.current.and_then(|i| self.corpus.report(i)) else {
            return;
        };
        let start = report.source.line_start(s.line_start as usize);
        let a = (s.byte_start as usize).saturating_sub(start);
        let b = (s.byte_end as usize).saturating_sub(start);
        self.scroll_sideways_to(s.line_start as usize, a, b);
    }

    /// Scroll the source sideways so bytes `a..b` of 1-based line `ln` are in view (a
    /// highlighted cell, a search hit). Nothing to do when the source wraps.
    pub(super) fn scroll_sideways_to(&mut self, ln: usize, a: usize, b: usize) {
        let w = self.viewport.source_text_width;
        if w == 0 || self.source.wrap {
            return;
        }
        let Some(report) = self.current.and_then(|i| self.corpus.report(i)) else {
            return;
        };
        let full = report.source.line(ln);
        let a = a.min(full.len());
        let b = b.min(full.len());
        let (Some(prefix), true) = (full.get(..b), full.is_char_boundary(a)) else {
            return;
        };
        // Columns as drawn: the inert text of the line up to the cell's end.
        let (clean, at) = crate::sanitize::sanitize_mapped(prefix, &[a, b], 0);
        let col = |i: usize| crate::width::width(clean.get(..i).unwrap_or(&clean));
        let (ca, cb) = (col(at[0]), col(at[1]));
        let left = &mut self.source.left;
        if ca < *left || cb > *left + w {
            // The cell a third of the way in, so what precedes it shows too.
            *left = if cb <= w { 0 } else { ca.saturating_sub(w / 3) };
        }
    }

    /// Clamp the table cursor to the current report's table and keep it in view.
    fn fix_cursor(&mut self) {
        if let Some(r) = self.current.and_then(|i| self.corpus.report(i)) {
            self.cursor.fit(r, &self.viewport);
        }
    }

    /// Highlight the source of the cell under the table cursor (or its row).
    fn highlight_cell(&mut self) {
        let span = self.current_report().and_then(|r| self.cursor.cell_span(r));
        self.highlight(span);
    }
}
