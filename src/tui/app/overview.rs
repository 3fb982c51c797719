//! The overview's routing: open it (`O`, or first when the folder holds more than one
//! agency), move in it, filter the tree from a bar, list an indicator's outliers and go to
//! one. The screen itself is [`crate::tui::overview`].

use super::{App, Mode, Pane};
use crate::model::ReportIx;
use crate::template::TableId;
use crate::tree::NodeId;
use crate::tui::action::Action;
use crate::tui::overview::{self, Item, Outliers, Overview, Summary};
use crate::tui::view;
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// How often an open overview is recounted while the folder is still loading.
const RECOUNT_EVERY: Duration = Duration::from_secs(1);

impl App {
    fn overview_summary(&self) -> Summary {
        let review = self.review.as_ref().map(|_| self.review_progress());
        Summary::build(
            &self.corpus,
            self.tree.marks(),
            review,
            &self.indicator_config,
        )
    }

    /// Open the overview on fresh counts.
    pub fn open_overview(&mut self) {
        let summary = self.overview_summary();
        match self.overview.as_mut() {
            // Reopened: the same place, new counts.
            Some(ov) => {
                ov.summary = summary;
                ov.outliers = None;
                ov.counted = Instant::now();
            }
            None => self.overview = Some(Overview::new(summary)),
        }
        self.mode = Mode::Overview;
    }

    /// Reports arrived: recount an open overview, at most every [`RECOUNT_EVERY`] while
    /// the folder loads (a recount of 3,000 reports takes ~0.1 s) and once it has loaded.
    pub(super) fn refresh_overview(&mut self) {
        let finished = self.corpus.progress().finished;
        let due = match &self.overview {
            Some(ov) if self.mode == Mode::Overview => {
                finished || ov.counted.elapsed() >= RECOUNT_EVERY
            }
            _ => false,
        };
        if due {
            let summary = self.overview_summary();
            if let Some(ov) = self.overview.as_mut() {
                ov.summary = summary;
                ov.counted = Instant::now();
            }
        }
    }

    /// At start, before any key: open the overview once the folder shows more than one
    /// agency ([`App::overview_first`]).
    pub(super) fn overview_if_first(&mut self) {
        if !self.overview_first || !self.auto_open || self.mode != Mode::Normal {
            return;
        }
        let several = {
            let mut agencies = self.corpus.ixs().map(|i| self.corpus.agency(i));
            let first = agencies.next().unwrap_or_default();
            agencies.any(|a| a != first)
        };
        if several {
            self.overview_first = false;
            self.open_overview();
        }
    }

    pub(super) fn update_overview(&mut self, action: Action) {
        let Some(ov) = self.overview.as_mut() else {
            self.mode = Mode::Normal;
            return;
        };
        let page = ov.page.max(1);
        let n = ov.outliers_len();
        if let Some(o) = ov.outliers.as_mut() {
            match action {
                Action::Quit | Action::Cancel => ov.outliers = None,
                Action::ForceQuit => self.quit = true,
                Action::Enter => {
                    let target = ov
                        .summary
                        .distributions
                        .get(o.dist)
                        .and_then(|d| Some((d.outliers.get(o.selected).copied()?, d.id)));
                    if let Some((r, id)) = target {
                        self.go_to_outlier(r, id);
                    }
                }
                _ => {
                    if let Some(p) = view::scrolled(action, o.selected, page) {
                        o.selected = p.min(n.saturating_sub(1));
                    }
                }
            }
            return;
        }
        match action {
            Action::Quit | Action::Cancel | Action::Overview => self.mode = Mode::Normal,
            Action::ForceQuit => self.quit = true,
            Action::Down => ov.move_by(1),
            Action::Up => ov.move_by(-1),
            Action::PageDown => ov.page(page, true),
            Action::PageUp => ov.page(page, false),
            Action::Top => ov.selected = 0,
            Action::Bottom => ov.move_by(isize::MAX / 2),
            Action::NextPane | Action::Right => ov.step_section(true),
            Action::PrevPane | Action::Left => ov.step_section(false),
            Action::Enter => self.overview_enter(),
            _ => {}
        }
    }

    /// Enter on the selected item: a bar filters the tree, an indicator lists its
    /// outliers.
    fn overview_enter(&mut self) {
        let Some(ov) = self.overview.as_mut() else {
            return;
        };
        let s = &ov.summary;
        let (label, reports) = match ov.selected_item() {
            Some(Item::Rule(i)) => match s.rules.get(i) {
                Some(b) => (b.rule.to_string(), b.reports.clone()),
                None => return,
            },
            Some(Item::Late(i)) => match s.late.get(i) {
                Some(b) => (b.label.to_string(), b.reports.clone()),
                None => return,
            },
            Some(Item::Indicator(i)) => {
                match s.distributions.get(i) {
                    Some(d) if d.rule.is_some() => {
                        ov.outliers = Some(Outliers {
                            dist: i,
                            selected: 0,
                            offset: 0,
                        });
                    }
                    Some(d) => self.message = Some(format!("{}没有风险阈值", d.id.label())),
                    None => {}
                }
                return;
            }
            None => return,
        };
        if reports.is_empty() {
            self.message = Some(format!("{label}：没有报告"));
            return;
        }
        let n = reports.len();
        self.filter_tree(label.clone(), reports.into_iter().collect());
        self.message = Some(format!(
            "机关树只显示 {label} 的 {n} 份报告 ({} 清除)",
            self.keymap.hint(Mode::Normal, Action::Cancel)
        ));
    }

    /// Limit the tree to `reports` and leave the overview for it.
    pub fn filter_tree(&mut self, label: String, reports: HashSet<ReportIx>) {
        self.tree.set_filter(label, reports, &self.corpus);
        self.mode = Mode::Normal;
        self.focus_pane(Pane::Tree);
        self.tree_offset =
            view::scroll_to(self.tree.selected(), self.tree_offset, self.viewport.tree);
        self.sync_from_tree();
    }

    /// Leave the overview on report `r`, on the table its indicator is read from.
    fn go_to_outlier(&mut self, r: ReportIx, id: crate::indicators::IndicatorId) {
        self.mode = Mode::Normal;
        if !self.tree.reveal(&NodeId::Report(r), &self.corpus) {
            // Hidden by the report filter: drop it.
            self.tree.clear_filter(&self.corpus);
            self.tree.reveal(&NodeId::Report(r), &self.corpus);
        }
        self.tree_offset =
            view::scroll_to(self.tree.selected(), self.tree_offset, self.viewport.tree);
        self.sync_from_tree();
        let table = match id {
            crate::indicators::IndicatorId::Correction
            | crate::indicators::IndicatorId::CorrectionReview
            | crate::indicators::IndicatorId::CorrectionSuitDirect
            | crate::indicators::IndicatorId::CorrectionSuitAfterReview => TableId::T4,
            _ => TableId::T3,
        };
        self.show_table(table);
    }

    /// Fit the overview's scrolling to the screen about to be drawn.
    pub(super) fn fit_overview(&mut self, area: ratatui::layout::Rect) {
        let body = ratatui::layout::Rect {
            height: area.height.saturating_sub(1),
            ..area
        };
        let plan = overview::plan(body);
        if let Some(ov) = self.overview.as_mut() {
            ov.fit(&plan);
        }
    }
}
