//! The navigation tree: agencies → reports (by year) → sections 一…六 → tables, plus the
//! files that failed to load. Plain data: expand, collapse, select, filter and sort, with
//! unit tests; the inspector only draws [`Tree::rows`]. The tree owns its rows: every
//! change of expansion, sort or filter rebuilds them in place (gitui's `filetreelist`
//! shape); when the corpus itself changes, [`Tree::refresh`] does.

use crate::agency::file_name;
use crate::corpus::Corpus;
use crate::model::{Report, ReportIx, Severity};
use crate::review::ReportStatus;
use crate::template::TableId;
use std::collections::{BTreeMap, HashSet};

/// What a tree row stands for. Report indices are positions in [`Corpus::reports`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NodeId {
    Agency(String),
    Report(ReportIx),
    Section(ReportIx, u8),
    Table(ReportIx, TableId),
    FailedGroup,
    Failed(usize),
    /// Files not read (images, spreadsheets, …), listed with the reason.
    SkippedGroup,
    Skipped(usize),
}

impl NodeId {
    /// The report this node belongs to, if any.
    pub fn report(&self) -> Option<ReportIx> {
        match self {
            NodeId::Report(r) | NodeId::Section(r, _) | NodeId::Table(r, _) => Some(*r),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Name,
    Errors,
}

/// One visible line of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct TreeRow {
    pub id: NodeId,
    pub depth: u8,
    /// Untrusted text may be included (agency names, paths): sanitize before drawing.
    pub label: String,
    pub errors: usize,
    pub warnings: usize,
    pub expandable: bool,
    pub expanded: bool,
    /// Not found in the report (a section or table the parser did not locate).
    pub absent: bool,
    /// Findings without a verdict (reports: their own; agencies: their reports').
    pub undecided: usize,
    /// The review status (report rows only).
    pub status: Option<ReportStatus>,
}

/// The review state of one report, as the tree shows and filters it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReviewMark {
    pub undecided: usize,
    pub status: Option<ReportStatus>,
}

/// A set of reports the tree is limited to, and its label (`规则 A01`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFilter {
    pub label: String,
    pub reports: HashSet<ReportIx>,
}

#[derive(Default)]
struct Counts {
    errors: usize,
    warnings: usize,
}

fn counts<'a>(it: impl Iterator<Item = &'a crate::model::Finding>) -> Counts {
    let mut c = Counts::default();
    for f in it {
        match f.severity {
            Severity::Error => c.errors += 1,
            Severity::Warning => c.warnings += 1,
            Severity::Info => {}
        }
    }
    c
}

#[derive(Debug, Default)]
pub struct Tree {
    expanded: HashSet<NodeId>,
    sort: SortBy,
    only_errors: bool,
    only_undecided: bool,
    /// Only these reports (the overview's filter: a rule, a lateness bucket), with what
    /// the tree's title says about it.
    only: Option<ReportFilter>,
    /// Per report index; reports without a mark count as fully decided.
    marks: Vec<ReviewMark>,
    rows: Vec<TreeRow>,
    selected: usize,
}

impl Tree {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn rows(&self) -> &[TreeRow] {
        &self.rows
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_row(&self) -> Option<&TreeRow> {
        self.rows.get(self.selected)
    }

    pub fn sort(&self) -> SortBy {
        self.sort
    }

    pub fn only_errors(&self) -> bool {
        self.only_errors
    }

    pub fn only_undecided(&self) -> bool {
        self.only_undecided
    }

    /// The report filter in effect, if any.
    pub fn filter(&self) -> Option<&ReportFilter> {
        self.only.as_ref()
    }

    /// Show only `reports` (and open their agencies so the reports are listed); the
    /// first of them in tree order is selected. Cleared by [`Tree::clear_filter`] and
    /// by a reload ([`Tree::reset`]).
    pub fn set_filter(&mut self, label: String, reports: HashSet<ReportIx>, c: &Corpus) {
        for &r in &reports {
            if r.get() < c.reports.len() {
                self.expanded
                    .insert(NodeId::Agency(c.agency(r).to_string()));
            }
        }
        self.only = Some(ReportFilter { label, reports });
        self.rebuild(c);
        self.selected = self
            .rows
            .iter()
            .position(|r| matches!(r.id, NodeId::Report(_)))
            .unwrap_or(0);
    }

    /// Drop the report filter. Returns whether there was one.
    pub fn clear_filter(&mut self, c: &Corpus) -> bool {
        let had = self.only.take().is_some();
        if had {
            self.rebuild(c);
        }
        had
    }

    pub fn toggle_only_undecided(&mut self, c: &Corpus) {
        self.only_undecided = !self.only_undecided;
        self.rebuild(c);
    }

    /// The review marks, by report index.
    pub fn marks(&self) -> &[ReviewMark] {
        &self.marks
    }

    /// Replace every review mark (a review opened, a load started); rebuilds.
    pub fn set_marks(&mut self, marks: Vec<ReviewMark>, c: &Corpus) {
        self.marks = marks;
        self.rebuild(c);
    }

    /// The review mark of one report. Does not rebuild: a mark arrives with its report,
    /// and the corpus change is followed by [`Tree::refresh`]; after a review decision,
    /// use [`Tree::update_mark`].
    pub fn set_mark(&mut self, report: ReportIx, mark: ReviewMark) {
        let i = report.get();
        if self.marks.len() <= i {
            self.marks.resize(i + 1, ReviewMark::default());
        }
        self.marks[i] = mark;
    }

    /// [`Tree::set_mark`], then rebuild.
    pub fn update_mark(&mut self, report: ReportIx, mark: ReviewMark, c: &Corpus) {
        self.set_mark(report, mark);
        self.rebuild(c);
    }

    /// The review mark of report `report` (the default when it has none yet).
    pub fn mark(&self, report: ReportIx) -> ReviewMark {
        self.marks.get(report.get()).copied().unwrap_or_default()
    }

    pub fn is_expanded(&self, id: &NodeId) -> bool {
        self.expanded.contains(id)
    }

    /// Forget expansion state and marks (for a reload: report indices change).
    pub fn reset(&mut self) {
        self.expanded.clear();
        self.rows.clear();
        self.marks.clear();
        self.only = None;
        self.selected = 0;
    }

    /// Forget expansion state, keeping sort, filters and marks; rebuilds.
    pub fn collapse_all(&mut self, c: &Corpus) {
        self.expanded.clear();
        self.selected = 0;
        self.rebuild(c);
    }

    /// Every report index in the order the tree shows them (ignoring expansion, honouring
    /// the sort and the filter): for stepping from report to report.
    pub fn report_order(&self, c: &Corpus) -> Vec<ReportIx> {
        self.groups(c)
            .into_iter()
            .flat_map(|(_, idx, _)| idx)
            .collect()
    }

    pub fn select(&mut self, index: usize) {
        self.selected = index.min(self.rows.len().saturating_sub(1));
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }

    pub fn first(&mut self) {
        self.selected = 0;
    }

    pub fn last(&mut self) {
        self.selected = self.rows.len().saturating_sub(1);
    }

    /// Expand the selected node. Returns false when there was nothing to expand
    /// (a leaf, or already expanded).
    pub fn expand(&mut self, c: &Corpus) -> bool {
        let changed = match self.selected_row() {
            Some(r) if r.expandable && !r.expanded => {
                let id = r.id.clone();
                self.expanded.insert(id)
            }
            _ => false,
        };
        if changed {
            self.rebuild(c);
        }
        changed
    }

    /// Collapse the selected node, or when it is a leaf or already collapsed, select its
    /// parent. Returns true when the expansion state changed.
    pub fn collapse(&mut self, c: &Corpus) -> bool {
        let Some(r) = self.selected_row() else {
            return false;
        };
        if r.expanded {
            let id = r.id.clone();
            let changed = self.expanded.remove(&id);
            if changed {
                self.rebuild(c);
            }
            return changed;
        }
        let depth = r.depth;
        if depth > 0
            && let Some(p) = self.rows[..self.selected]
                .iter()
                .rposition(|p| p.depth < depth)
        {
            self.selected = p;
        }
        false
    }

    pub fn toggle(&mut self, c: &Corpus) -> bool {
        match self.selected_row() {
            Some(r) if r.expanded => self.collapse(c),
            _ => self.expand(c),
        }
    }

    pub fn toggle_sort(&mut self, c: &Corpus) {
        self.sort = match self.sort {
            SortBy::Name => SortBy::Errors,
            SortBy::Errors => SortBy::Name,
        };
        self.rebuild(c);
    }

    pub fn toggle_only_errors(&mut self, c: &Corpus) {
        self.only_errors = !self.only_errors;
        self.rebuild(c);
    }

    /// Make `id` visible (expanding its ancestors) and select it.
    pub fn reveal(&mut self, id: &NodeId, c: &Corpus) -> bool {
        match id {
            NodeId::Report(r) | NodeId::Section(r, _) | NodeId::Table(r, _) => {
                if c.report(*r).is_none() {
                    return false;
                }
                self.expanded
                    .insert(NodeId::Agency(c.agency(*r).to_string()));
                if !matches!(id, NodeId::Report(_)) {
                    self.expanded.insert(NodeId::Report(*r));
                }
                if let NodeId::Table(_, t) = id {
                    self.expanded.insert(NodeId::Section(*r, t.section()));
                }
            }
            NodeId::Failed(_) => {
                self.expanded.insert(NodeId::FailedGroup);
            }
            NodeId::Skipped(_) => {
                self.expanded.insert(NodeId::SkippedGroup);
            }
            NodeId::Agency(_) | NodeId::FailedGroup | NodeId::SkippedGroup => {}
        }
        self.rebuild(c);
        match self.rows.iter().position(|r| &r.id == id) {
            Some(p) => {
                self.selected = p;
                true
            }
            None => false,
        }
    }
}

mod rows;

#[cfg(test)]
pub(crate) mod tests;
