//! Index types: a report's place among the loaded reports and a finding's place among its
//! report's findings are different index spaces, and the types keep them apart (a tree row,
//! a finder entry or a screen line is never taken for either).

use super::{Finding, Report};
use std::ops::{Index, IndexMut};

/// A report's position in the loaded reports (`Corpus::reports`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReportIx(usize);

impl ReportIx {
    pub const fn new(i: usize) -> ReportIx {
        ReportIx(i)
    }

    pub const fn get(self) -> usize {
        self.0
    }

    /// Every index of a list of `n` reports, in order.
    pub fn all(n: usize) -> impl DoubleEndedIterator<Item = ReportIx> + ExactSizeIterator {
        (0..n).map(ReportIx)
    }
}

impl std::fmt::Display for ReportIx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

impl Index<ReportIx> for [Report] {
    type Output = Report;
    fn index(&self, i: ReportIx) -> &Report {
        &self[i.0]
    }
}

impl IndexMut<ReportIx> for [Report] {
    fn index_mut(&mut self, i: ReportIx) -> &mut Report {
        &mut self[i.0]
    }
}

/// A finding's position in its report's findings (kept in display order by the corpus of
/// the inspector, so one index space serves the findings pane, review and popups).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FindingIx(usize);

impl FindingIx {
    pub const fn new(i: usize) -> FindingIx {
        FindingIx(i)
    }

    pub const fn get(self) -> usize {
        self.0
    }
}

impl Index<FindingIx> for [Finding] {
    type Output = Finding;
    fn index(&self, i: FindingIx) -> &Finding {
        &self[i.0]
    }
}

impl Index<ReportIx> for Vec<Report> {
    type Output = Report;
    fn index(&self, i: ReportIx) -> &Report {
        &self[i.0]
    }
}

impl IndexMut<ReportIx> for Vec<Report> {
    fn index_mut(&mut self, i: ReportIx) -> &mut Report {
        &mut self[i.0]
    }
}

impl Index<FindingIx> for Vec<Finding> {
    type Output = Finding;
    fn index(&self, i: FindingIx) -> &Finding {
        &self[i.0]
    }
}

impl Report {
    /// Finding `i` of this report, if there is one.
    pub fn finding(&self, i: FindingIx) -> Option<&Finding> {
        self.findings.get(i.0)
    }
}
