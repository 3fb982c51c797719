//! Every marker the inspector draws, in one table, which also writes the help legend:
//! cell states, failure markers, review marks and report status.

use crate::model::Severity;
use crate::review::{ReportStatus, Verdict};

/// A blank cell (written empty in the report: 0 for arithmetic).
pub const BLANK: &str = "·";
/// A missing cell (not found, or the row's numbers could not be placed).
pub const MISSING: &str = "?";
/// Before an invalid cell's text (neither a number nor blank); distinct from a dismissed
/// finding's ✗.
pub const INVALID: &str = "‽";
/// After a cell a reviewer corrected (the original and the reason show when selected).
pub const CORRECTED: &str = "✐";
/// The mark of a decision whose finding no longer exists.
pub const STALE: &str = "(stale/已失效)";
/// A note on a finding.
pub const NOTE: &str = "✎";
/// Before a report's count of undecided findings (`待3`).
pub const UNDECIDED: &str = "待";

/// Under a distribution: the bucket of the selected report (overview).
pub const THIS_REPORT: &str = "▲";
/// Before the selected line of the overview.
pub const POINTER: &str = "▶";

/// Eighths of a block, from one eighth to a full block (bars and histograms).
const EIGHTHS: [&str; 8] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"];
/// Heights of a one-line histogram column, lowest first.
const LEVELS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/// A horizontal bar of `n` out of `max` in `width` columns, to an eighth of a column
/// (never empty for `n > 0`), padded with spaces to `width`.
pub fn bar(n: usize, max: usize, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let eighths = match (n * width * 8).checked_div(max) {
        Some(e) if n > 0 => e.max(1),
        _ => 0,
    };
    let (full, part) = (eighths / 8, eighths % 8);
    let mut s = EIGHTHS[7].repeat(full.min(width));
    let mut used = full.min(width);
    if part > 0 && used < width {
        s.push_str(EIGHTHS[part - 1]);
        used += 1;
    }
    s.push_str(&" ".repeat(width - used));
    s
}

/// The height glyph of a histogram column of `n` out of `max` (a space for 0, at least
/// the lowest block for `n > 0`).
pub fn level(n: usize, max: usize) -> &'static str {
    match (n * 8).div_ceil(max.max(1)) {
        _ if n == 0 => " ",
        l => LEVELS[l.clamp(1, 8) - 1],
    }
}

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
        // Not the confirmed finding's ✓.
        Some(ReportStatus::Reviewed) => "☑",
        Some(ReportStatus::InProgress) => "⋯",
        None => " ",
    }
}

/// The help screen's legend, one line per group (each fits an 80-column help), from the
/// glyphs above.
pub fn legend() -> [String; 5] {
    [
        format!(
            "表格: {BLANK} 空白  {MISSING} 缺失  {INVALID} 无效(非数字)  {} 错误  {} 警告  {CORRECTED} 已修正",
            failure(Some(Severity::Error)),
            failure(Some(Severity::Warning))
        ),
        format!(
            "发现: {} 错误  {} 警告  {} 提示",
            severity(Severity::Error).trim(),
            severity(Severity::Warning).trim(),
            severity(Severity::Info).trim(),
        ),
        format!(
            "审阅: {} 确认  {} 驳回  {NOTE} 有备注  {STALE} 发现已不存在",
            verdict(Some(Verdict::Confirmed)),
            verdict(Some(Verdict::Dismissed)),
        ),
        format!("机关树: E3 错误条数  W2 警告条数  {UNDECIDED}4 未决定的错误和警告 (提示不计)"),
        format!(
            "报告: {} 审阅中  {} 已审阅",
            status(Some(ReportStatus::InProgress)),
            status(Some(ReportStatus::Reviewed)),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_levels() {
        assert_eq!(bar(0, 10, 4), "    ");
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(5, 10, 4), "██  ");
        assert_eq!(bar(1, 80, 4), "▏   ");
        assert_eq!(bar(3, 8, 1), "▍");
        assert_eq!(bar(1, 0, 3), "   ");
        assert_eq!(level(0, 5), " ");
        assert_eq!(level(1, 100), "▁");
        assert_eq!(level(5, 5), "█");
        assert_eq!(level(2, 4), "▄");
    }

    #[test]
    fn the_legend_is_the_glyphs() {
        assert_eq!(
            legend(),
            [
                "表格: · 空白  ? 缺失  ‽ 无效(非数字)  ! 错误  * 警告  ✐ 已修正",
                "发现: E! 错误  W* 警告  I 提示",
                "审阅: ✓ 确认  ✗ 驳回  ✎ 有备注  (stale/已失效) 发现已不存在",
                "机关树: E3 错误条数  W2 警告条数  待4 未决定的错误和警告 (提示不计)",
                "报告: ⋯ 审阅中  ☑ 已审阅",
            ]
        );
        for line in legend() {
            assert!(crate::width::width(&line) <= 76, "{line}");
        }
    }

    #[test]
    fn glyphs_are_distinct() {
        let marks = [
            INVALID,
            verdict(Some(Verdict::Confirmed)),
            verdict(Some(Verdict::Dismissed)),
            status(Some(ReportStatus::Reviewed)),
            status(Some(ReportStatus::InProgress)),
            BLANK,
            MISSING,
            CORRECTED,
            NOTE,
        ];
        for (i, a) in marks.iter().enumerate() {
            for b in &marks[i + 1..] {
                assert_ne!(a, b);
            }
            assert_eq!(crate::width::width(a), 1, "{a}");
        }
    }
}
