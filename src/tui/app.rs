//! The inspector's state and `update`: the only place state changes.

use super::action::Action;
use super::keymap::{Keymap, Mode};
use super::layout::Plan;
use super::theme::Theme;
use super::view;
use crate::agency;
use crate::corpus::{self, Change, Corpus, LoadEvent};
use crate::model::{LoadError, Report, Severity, Span};
use crate::sanitize::clean;
use crate::search::Match;
use crate::template::TableId;
use crate::tree::{NodeId, Tree};
use ratatui_textarea::TextArea;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError, channel};
use std::time::{Duration, Instant};

mod reviewing;
mod yoy;

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
    pub results: Vec<Match>,
    pub selected: usize,
    pub offset: usize,
}

impl Finder {
    pub fn query(&self) -> String {
        self.input.lines().join("")
    }
}

fn text_box(placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_cursor_line_style(ratatui::style::Style::default());
    t.set_placeholder_text(placeholder);
    t
}

struct Loader {
    rx: Receiver<LoadEvent>,
    cancel: Arc<AtomicBool>,
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
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

/// How often the tree is rebuilt while reports are still arriving.
const REBUILD_EVERY: Duration = Duration::from_millis(150);

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
    pub current: Option<usize>,
    pub cursor: TableCursor,
    pub source: SourceView,
    /// Position in [`view::findings_order`] of the selected finding.
    pub finding: usize,
    /// Whether a finding has been selected in this report (the first `]` selects the
    /// first failure rather than stepping past it).
    pub finding_active: bool,
    pub findings_offset: usize,
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
    /// Review changes, newest last, for `undo`.
    pub undo_stack: Vec<crate::review::Undo>,
    /// The note being written.
    pub note: Option<NoteEditor>,
    /// The year-over-year view, when open.
    pub compare: Option<CompareView>,
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
            finding: 0,
            finding_active: false,
            findings_offset: 0,
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
            note: None,
            compare: None,
        }
    }

    // ---- loading ------------------------------------------------------------------

    /// Start loading `root` on a background thread; a load in progress is cancelled and
    /// its results, still in flight, are dropped with its channel.
    pub fn start_loading(&mut self) {
        self.loader = None;
        self.generation += 1;
        let generation = self.generation;
        self.reselect = self
            .current_report()
            .map(|r| r.path.clone())
            .or(self.reselect.take());
        self.auto_open = self.reselect.is_none();
        self.corpus = Corpus::new(self.root.as_deref());
        self.tree.reset();
        self.compare = None;
        self.tree_offset = 0;
        self.current = None;
        self.source = SourceView::default();
        self.finding = 0;
        self.finding_active = false;
        self.findings_offset = 0;
        let Some(root) = self.root.clone() else {
            self.corpus = Corpus::loaded(None, Vec::new(), Vec::new());
            return;
        };
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let c = cancel.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("nianbao-load-{generation}"))
            .spawn(move || corpus::load_streaming(&root, tx, c));
        match spawned {
            Ok(_) => self.loader = Some(Loader { rx, cancel }),
            Err(e) => {
                self.corpus = Corpus::loaded(self.root.as_deref(), Vec::new(), Vec::new());
                self.message = Some(format!("无法启动载入线程: {e}"));
            }
        }
    }

    /// Apply every load event waiting on the channel. Returns whether anything changed.
    pub fn pump(&mut self) -> bool {
        let mut changed = false;
        for _ in 0..2000 {
            let Some(loader) = &self.loader else { break };
            match loader.rx.try_recv() {
                Ok(ev) => {
                    self.on_load_event(ev);
                    changed = true;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.on_load_event(LoadEvent::Finished {
                        cancelled: true,
                        cross: Vec::new(),
                    });
                    changed = true;
                }
            }
        }
        if changed || self.tree_dirty {
            // While loading, rebuild the tree at most every REBUILD_EVERY; always once the
            // load has finished.
            let due = self.corpus.progress().finished
                || self
                    .last_rebuild
                    .is_none_or(|t| t.elapsed() >= REBUILD_EVERY);
            if due {
                self.after_data_change();
                self.last_rebuild = Some(Instant::now());
                self.tree_dirty = false;
                return true;
            }
            self.tree_dirty = true;
        }
        changed
    }

    /// Block until the current load has finished (for tests and scripted use), at most
    /// `timeout`. Returns whether it finished.
    pub fn pump_until_loaded(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while !self.corpus.progress().finished {
            let Some(loader) = &self.loader else { break };
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            match loader.rx.recv_timeout(left) {
                Ok(ev) => self.on_load_event(ev),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => self.on_load_event(LoadEvent::Finished {
                    cancelled: true,
                    cross: Vec::new(),
                }),
            }
        }
        self.pump();
        self.after_data_change();
        self.corpus.progress().finished
    }

    fn on_load_event(&mut self, ev: LoadEvent) {
        match self.corpus.apply(ev) {
            Change::Report(i) => {
                let mark = self.review_mark(i);
                self.tree.set_mark(i, mark);
                let path = &self.corpus.reports[i].path;
                if self.reselect.as_deref() == Some(path.as_str()) {
                    self.reselect = None;
                    self.tree.reveal(&NodeId::Report(i), &self.corpus);
                    self.current = Some(i);
                }
            }
            Change::Finished { cancelled } => {
                self.loader = None;
                self.refresh_marks();
                if cancelled {
                    self.message = Some("载入已取消".to_string());
                }
            }
            Change::Started | Change::Failed | Change::Nothing => {}
        }
    }

    /// Use these reports and failures as a finished load (fixtures, scripted use).
    pub fn load_reports(&mut self, reports: Vec<Report>, failed: Vec<LoadError>) {
        self.loader = None;
        self.generation += 1;
        self.corpus = Corpus::loaded(self.root.as_deref(), reports, failed);
        self.tree.reset();
        self.compare = None;
        self.current = None;
        self.refresh_marks();
        self.after_data_change();
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

    fn after_data_change(&mut self) {
        self.tree.refresh(&self.corpus);
        if self.auto_open {
            self.open_first_report();
        }
        if self.mode == Mode::Finder {
            self.requery();
        }
        let n = self.findings_len();
        self.finding = self.finding.min(n.saturating_sub(1));
    }

    /// Open the first report of the tree (at start, before the user has pressed a key),
    /// on its table 3.
    fn open_first_report(&mut self) {
        let Some(&first) = self.tree.report_order(&self.corpus).first() else {
            return;
        };
        if self.current == Some(first) {
            return;
        }
        self.tree.collapse_all(&self.corpus);
        self.tree.reveal(&NodeId::Report(first), &self.corpus);
        self.tree_offset = 0;
        self.select_table(TableId::T3);
        self.sync_from_tree();
    }

    /// Lines of the findings pane: the findings, then the stale decisions.
    pub fn findings_len(&self) -> usize {
        self.current_report().map_or(0, |r| r.findings.len()) + self.stale_decisions().len()
    }

    // ---- queries ------------------------------------------------------------------

    pub fn current_report(&self) -> Option<&Report> {
        self.current.and_then(|i| self.corpus.reports.get(i))
    }

    /// The selected finding's index into `report.findings`.
    pub fn selected_finding(&self) -> Option<usize> {
        let r = self.current_report()?;
        view::findings_order(r).get(self.finding).copied()
    }

    // ---- update -------------------------------------------------------------------

    pub fn update(&mut self, action: Action) {
        self.message = None;
        self.auto_open = false;
        match self.mode {
            Mode::Finder => self.update_finder(action),
            Mode::Search => self.update_search(action),
            Mode::Help => self.update_help(action),
            Mode::Note => self.update_note(action),
            Mode::Compare => self.update_compare(action),
            Mode::Normal => self.update_normal(action),
        }
    }

    fn update_help(&mut self, action: Action) {
        let page = self.viewport.help.max(1);
        match action {
            Action::Quit | Action::Cancel | Action::Help => self.mode = Mode::Normal,
            Action::ForceQuit => self.quit = true,
            Action::Down => self.help_scroll += 1,
            Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::PageDown => self.help_scroll += page,
            Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(page),
            Action::Top => self.help_scroll = 0,
            Action::Bottom => self.help_scroll = usize::MAX / 2,
            _ => {}
        }
    }

    fn update_finder(&mut self, action: Action) {
        let Some(f) = self.finder.as_mut() else {
            self.mode = Mode::Normal;
            return;
        };
        let n = f.results.len();
        match action {
            Action::Cancel | Action::Quit => {
                self.finder = None;
                self.mode = Mode::Normal;
            }
            Action::ForceQuit => self.quit = true,
            Action::Down => f.selected = (f.selected + 1).min(n.saturating_sub(1)),
            Action::Up => f.selected = f.selected.saturating_sub(1),
            Action::Enter => {
                let target = f
                    .results
                    .get(f.selected)
                    .and_then(|m| self.corpus.index().target(m.entry))
                    .cloned();
                self.finder = None;
                self.mode = Mode::Normal;
                if let Some(t) = target {
                    self.jump(&t);
                }
            }
            Action::Input(key) if f.input.input(key) => self.requery(),
            _ => {}
        }
        if let Some(f) = self.finder.as_mut() {
            f.offset = view::scroll_to(f.selected, f.offset, self.viewport.finder);
        }
    }

    fn requery(&mut self) {
        let Some(f) = self.finder.as_mut() else {
            return;
        };
        let q = f.query();
        f.results = self.corpus.index_mut().query(&q, 200);
        f.selected = f.selected.min(f.results.len().saturating_sub(1));
        if !q.is_empty() {
            f.selected = 0;
            f.offset = 0;
        }
    }

    fn update_search(&mut self, action: Action) {
        match action {
            Action::Cancel => {
                self.search_box = None;
                self.mode = Mode::Normal;
            }
            Action::ForceQuit => self.quit = true,
            Action::Enter => {
                let q = self
                    .search_box
                    .take()
                    .map(|t| t.lines().join(""))
                    .unwrap_or_default();
                self.mode = Mode::Normal;
                self.run_search(q);
            }
            Action::Input(key) => {
                if let Some(t) = self.search_box.as_mut() {
                    t.input(key);
                }
            }
            _ => {}
        }
    }

    fn run_search(&mut self, query: String) {
        self.source.hits.clear();
        self.source.hit = 0;
        self.source.query = query.clone();
        if query.is_empty() {
            return;
        }
        let Some(r) = self.current_report() else {
            self.message = Some("先选择一份报告".to_string());
            return;
        };
        let needle = query.to_lowercase();
        let mut hits = Vec::new();
        for (n, _, line) in r.source.lines() {
            let hay = line.to_lowercase();
            if hay.len() != line.len() {
                // Lowercasing changed byte lengths: match case-sensitively on this line.
                for (b, m) in line.match_indices(query.as_str()) {
                    hits.push((n, b, b + m.len()));
                }
            } else {
                for (b, m) in hay.match_indices(needle.as_str()) {
                    hits.push((n, b, b + m.len()));
                }
            }
        }
        let top = self.source.top as u32 + 1;
        self.source.hit = hits.iter().position(|h| h.0 >= top).unwrap_or(0);
        self.source.hits = hits;
        if self.source.hits.is_empty() {
            self.message = Some(format!("未找到: {}", clean(&query)));
        } else {
            self.focus_pane(Pane::Source);
            self.show_hit();
        }
    }

    fn show_hit(&mut self) {
        if let Some(&(line, _, _)) = self.source.hits.get(self.source.hit) {
            self.scroll_source_to(line);
            self.message = Some(format!(
                "{}/{}: {}",
                self.source.hit + 1,
                self.source.hits.len(),
                clean(&self.source.query)
            ));
        }
    }

    fn update_normal(&mut self, action: Action) {
        match action {
            Action::Quit | Action::ForceQuit => self.quit = true,
            Action::Cancel => {
                self.source.hits.clear();
                self.source.query.clear();
            }
            Action::Help => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            Action::Finder => {
                let mut f = Finder {
                    input: text_box("机关、报告、章节 (拼音可)"),
                    results: Vec::new(),
                    selected: 0,
                    offset: 0,
                };
                f.results = self.corpus.index_mut().query("", 200);
                self.finder = Some(f);
                self.mode = Mode::Finder;
            }
            Action::SourceSearch => {
                self.search_box = Some(text_box("在原文中查找"));
                self.mode = Mode::Search;
            }
            Action::NextHit | Action::PrevHit => {
                let n = self.source.hits.len();
                if n == 0 {
                    self.message = Some("没有查找结果 (Ctrl-f 查找)".to_string());
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
            Action::ToggleUndecided => self.toggle_undecided(),
            Action::YearOverYear => self.open_compare(),
            Action::ShowT2 => self.show_table(TableId::T2),
            Action::ShowT3 => self.show_table(TableId::T3),
            Action::ShowT4 => self.show_table(TableId::T4),
            Action::Zoom => {
                self.zoom = !self.zoom;
                self.message = Some(if self.zoom {
                    "放大当前窗格 (再按 + 或 z 还原)".to_string()
                } else {
                    "还原窗格".to_string()
                });
            }
            Action::Input(_) => {}
            _ => match self.focus {
                Pane::Tree => self.update_tree(action),
                Pane::Table => self.update_table(action),
                Pane::Source => self.update_source(action),
                Pane::Findings => self.update_findings(action),
            },
        }
    }

    pub fn focus_pane(&mut self, pane: Pane) {
        self.focus = pane;
        match pane {
            Pane::Table => self.center_source = false,
            Pane::Source => self.center_source = true,
            _ => {}
        }
    }

    // ---- tree ---------------------------------------------------------------------

    fn update_tree(&mut self, action: Action) {
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
    fn sync_from_tree(&mut self) {
        let Some(id) = self.tree.selected_row().map(|r| r.id.clone()) else {
            return;
        };
        let Some(r) = id.report() else { return };
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

    fn set_current(&mut self, r: usize) {
        if self.current != Some(r) {
            self.current = Some(r);
            self.source = SourceView::default();
            self.finding = 0;
            self.finding_active = false;
            self.findings_offset = 0;
            self.cursor.row = 0;
            self.cursor.col = 0;
            self.cursor.col_offset = 0;
            self.cursor.line_offset = 0;
        }
    }

    /// Keys `2` `3` `4`: table 二/三/四 of the shown report in the table pane.
    fn show_table(&mut self, t: TableId) {
        self.select_table(t);
        self.focus_pane(Pane::Table);
        self.fix_cursor();
        self.highlight_cell();
    }

    fn select_table(&mut self, t: TableId) {
        if self.cursor.table != t {
            self.cursor = TableCursor {
                table: t,
                ..TableCursor::default()
            };
        }
    }

    /// Go to a finder target.
    pub fn jump(&mut self, target: &Target) {
        match target {
            Target::Agency(name) => {
                let id = NodeId::Agency(name.clone());
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

    // ---- table --------------------------------------------------------------------

    fn update_table(&mut self, action: Action) {
        let Some(report) = self.current_report() else {
            return;
        };
        let def = view::table_def(report, self.cursor.table);
        let nrows = def.rows.len();
        if nrows == 0 {
            return;
        }
        let page = self.viewport.table.max(1) as isize;
        let lines = view::table_lines(def);
        let c = &mut self.cursor;
        // Moves go by the lines shown (table 4's groups are lines), keeping the position
        // within the line.
        let at = view::line_of(&lines, c.row, c.col);
        let (_, start, len) = lines.get(at).and_then(|l| l.cells()).unwrap_or((0, 0, 1));
        let k = c.col.saturating_sub(start);
        let mut go = |to: usize, k: usize| {
            if let Some((row, start, len)) = lines.get(to).and_then(|l| l.cells()) {
                c.row = row;
                c.col = start + k.min(len.saturating_sub(1));
            }
        };
        match action {
            Action::Down => go(view::step_line(&lines, at, 1), k),
            Action::Up => go(view::step_line(&lines, at, -1), k),
            Action::PageDown => go(view::step_line(&lines, at, page), k),
            Action::PageUp => go(view::step_line(&lines, at, -page), k),
            Action::Top => go(view::step_line(&lines, 0, 0), k),
            Action::Bottom => go(view::step_line(&lines, at, isize::MAX / 2), k),
            Action::Left => go(at, k.saturating_sub(1)),
            Action::Right => go(at, k + 1),
            Action::FirstColumn => go(at, 0),
            Action::LastColumn => go(at, len.saturating_sub(1)),
            Action::Enter => {
                self.focus_pane(Pane::Source);
                return;
            }
            _ => return,
        }
        self.fix_cursor();
        self.highlight_cell();
    }

    /// Clamp the cursor to the table and keep it in view: the one place the table's
    /// column and line offsets are computed.
    fn fix_cursor(&mut self) {
        let Some(report) = self.current_report() else {
            return;
        };
        let def = view::table_def(report, self.cursor.table);
        let columns = view::Columns::of(report, self.cursor.table, self.viewport.table_width);
        let c = &mut self.cursor;
        c.row = c.row.min(def.rows.len().saturating_sub(1));
        let ncols = def.rows.get(c.row).map_or(0, |r| r.columns.len());
        c.col = c.col.min(ncols.saturating_sub(1));
        let lines = view::table_lines(def);
        let at = view::line_of(&lines, c.row, c.col);
        let start = lines.get(at).and_then(|l| l.cells()).map_or(0, |l| l.1);
        c.col_offset = columns.first_for(c.col.saturating_sub(start), c.col_offset);
        c.line_offset =
            view::table_line_offset(&lines, c.row, c.col, c.line_offset, self.viewport.table);
    }

    /// Highlight the source of the cell under the cursor (or its row).
    fn highlight_cell(&mut self) {
        let Some(report) = self.current_report() else {
            return;
        };
        let span = report.tables.get(self.cursor.table).and_then(|t| {
            let def = view::table_def(report, self.cursor.table);
            let key = def.rows.get(self.cursor.row)?.key;
            let row = t.row(key)?;
            row.cells
                .get(self.cursor.col)
                .and_then(|c| c.span)
                .or(Some(row.span))
        });
        self.highlight(span);
    }

    fn highlight(&mut self, span: Option<Span>) {
        self.source.highlight = span;
        if let Some(s) = span {
            self.scroll_source_to(s.line_start);
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

    /// Fit every scroll offset to the frame about to be drawn (`plan`), before it is
    /// drawn. When the source pane's height changed (the first frame, a resize, a narrow
    /// layout switching panes), the highlighted line is scrolled into view again.
    pub fn fit(&mut self, plan: &Plan) {
        let vp = plan.viewport(plan.compare_body());
        let source_changed = vp.source != self.viewport.source;
        self.viewport = vp;
        if source_changed && let Some(s) = self.source.highlight {
            self.scroll_source_to(s.line_start);
        }
        let n = self.current_report().map_or(0, |r| r.source.line_count());
        self.source.top = self.source.top.min(n.saturating_sub(1));
        self.tree_offset = view::scroll_to(self.tree.selected(), self.tree_offset, vp.tree)
            .min(self.tree.rows().len().saturating_sub(1));
        self.fix_cursor();
        self.findings_offset = view::scroll_to(self.finding, self.findings_offset, vp.findings);
        if let Some(f) = self.finder.as_mut() {
            f.offset = view::scroll_to(f.selected, f.offset, vp.finder);
        }
        self.fit_compare();
    }

    /// The offsets [`App::fit`] sets, for checking that a drawn screen is settled.
    pub fn offsets(&self) -> Offsets {
        Offsets {
            viewport: self.viewport,
            tree: self.tree_offset,
            cursor: self.cursor,
            source: (self.source.top, self.source.left),
            findings: self.findings_offset,
            finder: self.finder.as_ref().map(|f| f.offset),
            compare: self.compare.map(|c| c.scroll),
        }
    }

    fn scroll_source_to(&mut self, line: u32) {
        let h = self.viewport.source.max(1);
        let l = (line as usize).saturating_sub(1);
        if l < self.source.top || l >= self.source.top + h {
            self.source.top = l.saturating_sub(h / 3);
        }
    }

    // ---- source -------------------------------------------------------------------

    fn update_source(&mut self, action: Action) {
        let n = self.current_report().map_or(0, |r| r.source.line_count());
        let page = self.viewport.source.max(1);
        let max_top = n.saturating_sub(1);
        let s = &mut self.source;
        match action {
            Action::Down => s.top = (s.top + 1).min(max_top),
            Action::Up => s.top = s.top.saturating_sub(1),
            Action::PageDown => s.top = (s.top + page).min(max_top),
            Action::PageUp => s.top = s.top.saturating_sub(page),
            Action::Top => s.top = 0,
            Action::Bottom => s.top = n.saturating_sub(page),
            Action::Left => s.left = s.left.saturating_sub(8),
            Action::Right => s.left += 8,
            _ => {}
        }
    }

    // ---- findings -----------------------------------------------------------------

    fn update_findings(&mut self, action: Action) {
        let n = self.findings_len();
        if n == 0 {
            return;
        }
        let page = self.viewport.findings.max(1);
        let pos = match action {
            Action::Down => (self.finding + 1).min(n - 1),
            Action::Up => self.finding.saturating_sub(1),
            Action::PageDown => (self.finding + page).min(n - 1),
            Action::PageUp => self.finding.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => n - 1,
            Action::Enter => {
                let has_table = self
                    .selected_finding()
                    .and_then(|i| self.current_report()?.findings.get(i))
                    .is_some_and(|f| f.table.is_some());
                self.focus_pane(if has_table { Pane::Table } else { Pane::Source });
                return;
            }
            _ => return,
        };
        self.select_finding(pos);
    }

    /// Select the finding at `pos` in display order: move the table cursor and the
    /// source highlight to it.
    pub fn select_finding(&mut self, pos: usize) {
        let Some(report) = self.current_report() else {
            return;
        };
        let order = view::findings_order(report);
        let Some(&i) = order.get(pos) else {
            // A stale decision, listed after the findings: nothing to show in the table.
            if pos < self.findings_len() {
                self.finding = pos;
                self.finding_active = true;
                self.findings_offset =
                    view::scroll_to(pos, self.findings_offset, self.viewport.findings);
            }
            return;
        };
        let f = report.findings[i].clone();
        self.finding = pos;
        self.finding_active = true;
        self.findings_offset = view::scroll_to(pos, self.findings_offset, self.viewport.findings);
        if let Some(t) = f.table {
            self.select_table(t);
            if let Some(report) = self.current_report() {
                let def = view::table_def(report, t);
                if let Some(ri) = f.row.as_deref().and_then(|k| def.row_index(k)) {
                    self.cursor.row = ri;
                    if let Some(ci) = f
                        .column
                        .as_deref()
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

    fn step_failure(&mut self, forward: bool) {
        let Some(report) = self.current_report() else {
            self.message = Some("先选择一份报告".to_string());
            return;
        };
        let order = view::findings_order(report);
        let serious: Vec<usize> = (0..order.len())
            .filter(|&p| report.findings[order[p]].severity >= Severity::Warning)
            .collect();
        let candidates: Vec<usize> = if serious.is_empty() {
            (0..order.len()).collect()
        } else {
            serious
        };
        if candidates.is_empty() {
            self.message = Some("本报告没有发现问题".to_string());
            return;
        }
        // The first press selects the first failure; later ones step.
        let fresh = !self.finding_active;
        let pos = if fresh && forward {
            candidates[0]
        } else if forward {
            match candidates.iter().find(|&&p| p > self.finding) {
                Some(&p) => p,
                None => {
                    self.message = Some("已是最后一处，回到第一处".to_string());
                    candidates[0]
                }
            }
        } else {
            match candidates.iter().rev().find(|&&p| p < self.finding) {
                Some(&p) => p,
                None => {
                    self.message = Some("已是第一处，转到最后一处".to_string());
                    candidates[candidates.len() - 1]
                }
            }
        };
        self.select_finding(pos);
    }

    fn step_failed_report(&mut self, forward: bool) {
        let order = self.tree.report_order(&self.corpus);
        let failing: Vec<usize> = order
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

    // ---- copy ---------------------------------------------------------------------

    fn copy(&mut self) {
        let text = match self.focus {
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

    fn report_title(r: &Report) -> String {
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
            .map(|s| format!(":{}", s.line_start))
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
        let f = r.findings.get(self.selected_finding()?)?;
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
