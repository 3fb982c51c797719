//! Year over year: the selected report's table beside the same agency's previous year.

use super::{App, Mode};
use crate::compare;
use crate::model::ReportIx;
use crate::template::TableId;
use crate::tui::action::Action;

/// The open comparison: two reports of one agency, earlier first, and the table shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompareView {
    pub earlier: ReportIx,
    pub later: ReportIx,
    pub table: TableId,
    /// First body line shown.
    pub scroll: usize,
}

/// The report to compare `index` with: the previous year, else the nearest earlier year,
/// else the nearest later year. Returns (earlier, later).
pub fn partner(reports: &[crate::model::Report], ix: ReportIx) -> Option<(ReportIx, ReportIx)> {
    partner_at(reports, ix.get()).map(|(e, l)| (ReportIx::new(e), ReportIx::new(l)))
}

/// [`partner`] on positions in `reports`.
fn partner_at(reports: &[crate::model::Report], index: usize) -> Option<(usize, usize)> {
    if let Some(p) = compare::previous_year(reports, index) {
        return Some((p, index));
    }
    let year = reports.get(index)?.year.as_ref()?.value;
    let same = compare::same_agency_reports(reports, index);
    let year_of = |i: usize| reports[i].year.as_ref().map(|y| y.value);
    if let Some(&e) = same
        .iter()
        .rev()
        .find(|&&i| year_of(i).is_some_and(|y| y < year))
    {
        return Some((e, index));
    }
    same.iter()
        .find(|&&i| year_of(i).is_some_and(|y| y > year))
        .map(|&l| (index, l))
}

impl App {
    pub(super) fn open_compare(&mut self) {
        let Some(r) = self
            .current
            .or_else(|| self.tree.selected_row().and_then(|row| row.id.report()))
        else {
            self.message = Some("先选择一份报告".to_string());
            return;
        };
        if self
            .corpus
            .report(r)
            .and_then(|x| x.year.as_ref())
            .is_none()
        {
            self.message = Some("本报告的年度未识别，无法逐年对比".to_string());
            return;
        }
        match partner(&self.corpus.reports, r) {
            Some((earlier, later)) => {
                self.compare = Some(CompareView {
                    earlier,
                    later,
                    table: self.cursor.table,
                    scroll: 0,
                });
                self.mode = Mode::Compare;
            }
            None => self.message = Some("未载入本机关其他年度的报告，无法逐年对比".to_string()),
        }
    }

    pub(super) fn update_compare(&mut self, action: Action) {
        let page = self.viewport.compare.max(1);
        let Some(mut cv) = self.compare else {
            self.mode = Mode::Normal;
            return;
        };
        let switch = |t: TableId, forward: bool| {
            let all = TableId::ALL;
            let i = all.iter().position(|x| *x == t).unwrap_or(0);
            all[if forward {
                (i + 1) % all.len()
            } else {
                (i + all.len() - 1) % all.len()
            }]
        };
        match action {
            Action::Quit | Action::Cancel => {
                self.compare = None;
                self.mode = Mode::Normal;
                return;
            }
            Action::ForceQuit => {
                self.quit = true;
                return;
            }
            Action::ShowT2 => cv.table = TableId::T2,
            Action::ShowT3 => cv.table = TableId::T3,
            Action::ShowT4 => cv.table = TableId::T4,
            Action::Left => cv.table = switch(cv.table, false),
            Action::Right => cv.table = switch(cv.table, true),
            _ => {
                if let Some(p) = crate::tui::view::scrolled(action, cv.scroll, page) {
                    cv.scroll = p;
                }
            }
        }
        if matches!(
            action,
            Action::ShowT2 | Action::ShowT3 | Action::ShowT4 | Action::Left | Action::Right
        ) {
            cv.scroll = 0;
        }
        self.compare = Some(cv);
        self.fit_compare();
    }

    /// Lines of the open comparison's body, counted from the comparison (no drawing).
    pub(super) fn compare_body_len(&self) -> Option<usize> {
        let cv = self.compare?;
        let e = self.corpus.report(cv.earlier)?;
        let l = self.corpus.report(cv.later)?;
        Some(crate::tui::compare_view::body_len(&compare::compare(
            e, l, cv.table,
        )))
    }

    /// Keep the comparison's scroll within its body.
    pub(super) fn fit_compare(&mut self) {
        let n = self.compare_body_len().unwrap_or(0);
        let page = self.viewport.compare.max(1);
        if let Some(cv) = self.compare.as_mut() {
            cv.scroll = cv.scroll.min(n.saturating_sub(page));
        }
    }
}
