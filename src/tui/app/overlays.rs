//! The overlays' updates: help, finder, source search.

use super::{App, Mode, Pane, Target};

/// Matches the finder lists at most.
pub const FINDER_SHOWN: usize = 200;
use crate::sanitize::clean;
use crate::tui::action::Action;
use crate::tui::view;

impl App {
    pub(super) fn update_help(&mut self, action: Action) {
        let page = self.viewport.help.max(1);
        match action {
            Action::Quit | Action::Cancel | Action::Help => self.mode = Mode::Normal,
            Action::ForceQuit => self.quit = true,
            _ => {
                if let Some(p) = view::scrolled(action, self.help_scroll, page) {
                    self.help_scroll = p;
                }
            }
        }
    }

    /// A key while the finding detail popup is open: true when the popup took it.
    /// Review keys, copy and `]`/`[` act on the finding as usual, the popup staying open.
    pub(super) fn update_finding_popup(&mut self, action: Action) -> bool {
        let page = self.viewport.help.max(1);
        if self.failure_shown.is_some() && !matches!(action, Action::Copy | Action::ForceQuit) {
            // A failed file's reason: keys scroll it, or close it.
            if let Some(p) = view::scrolled(action, self.finding_popup.unwrap_or(0), page) {
                self.finding_popup = Some(p);
            } else {
                self.finding_popup = None;
                self.failure_shown = None;
            }
            return true;
        }
        match action {
            Action::Cancel | Action::Quit => self.finding_popup = None,
            Action::ForceQuit => self.quit = true,
            Action::Enter => {
                self.finding_popup = None;
                if let Some(r) = self.current_report() {
                    let pane = self.findings.target_pane(r);
                    self.focus_pane(pane);
                }
            }
            Action::Confirm
            | Action::Dismiss
            | Action::Comment
            | Action::Copy
            | Action::Undo
            | Action::Redo
            | Action::CycleStatus
            | Action::NextFailure
            | Action::PrevFailure => {
                if matches!(action, Action::NextFailure | Action::PrevFailure) {
                    self.finding_popup = Some(0);
                }
                return false;
            }
            _ => {
                if let (Some(p), Some(s)) = (
                    view::scrolled(action, self.finding_popup.unwrap_or(0), page),
                    self.finding_popup.as_mut(),
                ) {
                    *s = p;
                }
            }
        }
        true
    }

    pub(super) fn update_finder(&mut self, action: Action) {
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
            Action::ClearQuery => {
                f.input = super::text_box(super::FINDER_PLACEHOLDER);
                self.requery();
            }
            _ => {}
        }
        if let Some(f) = self.finder.as_mut() {
            f.offset = view::scroll_to(f.selected, f.offset, self.viewport.finder);
        }
    }

    /// The finder's matches for `q`: every match counted, the first [`FINDER_SHOWN`] kept,
    /// agencies and reports ranked above sections (by score within each kind).
    pub(super) fn finder_matches(&mut self, q: &str) -> (Vec<crate::search::Match>, usize) {
        // Tiers from the targets, looked up once (the query borrows the index mutably).
        let tiers: Vec<u8> = {
            let index = self.corpus.index();
            (0..index.len())
                .map(|e| match index.target(e) {
                    Some(Target::Agency(_)) => 0,
                    Some(Target::Report(_)) => 1,
                    Some(Target::Section(..)) => 2,
                    None => 3,
                })
                .collect()
        };
        self.corpus
            .index_mut()
            .query_counted(q, FINDER_SHOWN, |e| tiers.get(e).copied().unwrap_or(3))
    }

    pub(super) fn requery(&mut self) {
        let Some(f) = self.finder.as_mut() else {
            return;
        };
        let q = f.query();
        let (results, total) = self.finder_matches(&q);
        let Some(f) = self.finder.as_mut() else {
            return;
        };
        (f.results, f.total) = (results, total);
        f.selected = f.selected.min(f.results.len().saturating_sub(1));
        if !q.is_empty() {
            f.selected = 0;
            f.offset = 0;
        }
    }

    pub(super) fn update_search(&mut self, action: Action) {
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
            Action::ClearQuery => {
                self.search_box = Some(super::text_box(super::SEARCH_PLACEHOLDER))
            }
            _ => {}
        }
    }

    pub(super) fn run_search(&mut self, query: String) {
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

    pub(super) fn show_hit(&mut self) {
        if let Some(&(line, a, b)) = self.source.hits.get(self.source.hit) {
            self.source.scroll_to_line(line, &self.viewport);
            self.scroll_sideways_to(line as usize, a, b);
            self.message = Some(format!(
                "{}/{}: {}",
                self.source.hit + 1,
                self.source.hits.len(),
                clean(&self.source.query)
            ));
        }
    }
}
