//! Findings: which rule, how severe, where (section, and table, row and column as template
//! keys), and the lines involved.

use crate::template::TableId;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The id of a rule of the catalogue (`A01`). The ids are the constants of
/// `crate::validate::ids`; one is found from text with `crate::validate::rule_info`.
/// Serializes as the id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct RuleId(&'static str);

impl RuleId {
    /// Only the catalogue's ids are made (in `crate::validate::ids`).
    pub(crate) const fn new(id: &'static str) -> RuleId {
        RuleId(id)
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// The rule family, the id's letter: `S`tructure, `A`rithmetic, `C`onsistency,
    /// `T`iming, e`X`tra, `P` (reading), `R`isk.
    pub fn family(self) -> char {
        self.0.chars().next().unwrap_or(' ')
    }
}

impl fmt::Display for RuleId {
    /// The id, padded as the format asks (`{:<4}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.0)
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for RuleId {
    fn eq(&self, other: &String) -> bool {
        self.0 == other.as_str()
    }
}

/// One validation finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    /// Chinese message stating the numbers involved.
    pub message: String,
    pub section: Option<u8>,
    pub table: Option<TableId>,
    /// Template row key (`processed_total`).
    pub row: Option<&'static str>,
    /// Template column key of the row (`total`, `review.total`).
    pub column: Option<&'static str>,
    /// Every source line involved, sorted, deduplicated.
    pub lines: Vec<u32>,
}
