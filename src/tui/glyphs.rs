//! Every marker the inspector draws, in one table, which also writes the help legend:
//! cell states, failure markers, review marks and report status.

use crate::model::Severity;
use crate::review::{ReportStatus, Verdict};

/// A blank cell (written empty in the report: 0 for arithmetic).
pub const BLANK: &str = "·";
/// A missing cell (not found, or the row's numbers could not be placed).
pub const MISSING: &str = "?";
/// Before an invalid cell's text (neither a number nor blank).
pub const INVALID: &str = "✗";
/// The mark of a decision whose finding no longer exists.
pub const STALE: &str = "(stale/已失效)";
/// A note on a finding.
pub const NOTE: &str = "✎";
/// Before a report's count of undecided findings (`待3`).
pub const UNDECIDED: &str = "待";

/// The marker after a failing cell or row label.
pub fn failure(s: Option<Severity>) -> &'static str {
    match s {
        Some(Severity::Error) => "!",
        Some(Severity::Warning) => "*",
        _ => "",
    }
}

/// A finding's severity in the findings pane (letter and marker).
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "E!",
        Severity::Warning => "W*",
        Severity::Info => "I ",
    }
}

/// A verdict's mark (a space when undecided).
pub fn verdict(v: Option<Verdict>) -> &'static str {
    match v {
        Some(Verdict::Confirmed) => "✓",
        Some(Verdict::Dismissed) => "✗",
        None => " ",
    }
}

/// A report's review status before its name in the tree.
pub fn status(s: Option<ReportStatus>) -> &'static str {
    match s {
        Some(ReportStatus::Reviewed) => "✓",
        Some(ReportStatus::InProgress) => "⋯",
        None => " ",
    }
}

/// The help screen's legend, one line per group, from the glyphs above.
pub fn legend() -> [String; 2] {
    [
        format!(
            "表格: {BLANK} 空白  {MISSING} 缺失  {INVALID} 无效  {} 错误  {} 警告",
            failure(Some(Severity::Error)),
            failure(Some(Severity::Warning))
        ),
        format!(
            "审阅: {} 确认  {} 驳回  {NOTE} 有备注  {STALE} 发现已不存在 · 报告 {} 审阅中 {} 已审阅  {UNDECIDED}N 待定条数",
            verdict(Some(Verdict::Confirmed)),
            verdict(Some(Verdict::Dismissed)),
            status(Some(ReportStatus::InProgress)),
            status(Some(ReportStatus::Reviewed)),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_is_the_glyphs() {
        let [table, review] = legend();
        assert_eq!(table, "表格: · 空白  ? 缺失  ✗ 无效  ! 错误  * 警告");
        assert_eq!(
            review,
            "审阅: ✓ 确认  ✗ 驳回  ✎ 有备注  (stale/已失效) 发现已不存在 · 报告 ⋯ 审阅中 ✓ 已审阅  待N 待定条数"
        );
    }
}
