//! The validation rule catalogue (FORMAT.md §8). (Placeholder — being implemented.)

use crate::model::{Report, Severity};

/// A rule of the catalogue, as `nianbao rules` prints it.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub id: &'static str,
    /// The highest severity the rule reports.
    pub severity: Severity,
    pub description: &'static str,
}

/// The catalogue.
pub fn rules() -> &'static [RuleInfo] {
    &[]
}

/// Run every single-report rule and store the findings in `report.findings`.
pub fn validate(report: &mut Report) {
    let _ = report;
}

/// Run the cross-report rules (C03, C04) over a whole corpus, appending findings.
pub fn validate_corpus(reports: &mut [Report]) {
    let _ = reports;
}
