//! Risk thresholds on indicators as info findings R01–R04. They are in the rule catalogue
//! but off by default in `check` (`--risk`, or `--rule R0n`), and shown in the overview.
//! Only rated values are judged (a rate over a handful of applications says little).

use super::{IndicatorConfig, IndicatorId, ReportIndicators, display};
use crate::model::{Finding, RuleId, Severity};
use crate::template::TableId;
use crate::validate::ids;

/// The risk rules: id, indicator, and whether a value *below* the threshold is the risk.
pub const RISK_RULES: [(RuleId, IndicatorId, bool); 4] = [
    (ids::R01, IndicatorId::Disclosure, true),
    (ids::R02, IndicatorId::Denial, false),
    (ids::R03, IndicatorId::Unable, false),
    (ids::R04, IndicatorId::Correction, false),
];

/// Whether `id` (as typed: any case) names a risk rule.
pub fn is_risk_rule(id: &str) -> bool {
    RISK_RULES
        .iter()
        .any(|(r, _, _)| r.as_str().eq_ignore_ascii_case(id))
}

/// The threshold in effect for the risk rule on `id`.
pub fn threshold(cfg: &IndicatorConfig, id: IndicatorId) -> f64 {
    match id {
        IndicatorId::Disclosure => cfg.disclosure_rate_below,
        IndicatorId::Denial => cfg.denial_rate_above,
        IndicatorId::Unable => cfg.unable_rate_above,
        _ => cfg.correction_rate_above,
    }
}

/// Whether a threshold turns its rule off: 0 for a floor, 1 for a ceiling (a rate over
/// 100 % is an arithmetic matter for the table rules, not a risk).
pub fn is_off(threshold: f64, below: bool) -> bool {
    if below {
        threshold <= 0.0
    } else {
        threshold >= 1.0
    }
}

/// The risk findings of one report.
pub fn findings(ri: &ReportIndicators, cfg: &IndicatorConfig) -> Vec<Finding> {
    let mut out = Vec::new();
    for (rule, id, below) in RISK_RULES {
        let Some(ind) = ri.get(id).filter(|i| i.rated) else {
            continue;
        };
        let Some(v) = ind.value else { continue };
        let t = threshold(cfg, id);
        if is_off(t, below) {
            continue;
        }
        let hit = if below { v < t } else { v > t };
        if !hit {
            continue;
        }
        let (num, den) = (
            ind.numerator
                .map_or_else(String::new, crate::validate::fmt_num),
            ind.denominator
                .map_or_else(String::new, crate::validate::fmt_num),
        );
        let message = format!(
            "{}为 {}（{num} ÷ {den}），{}风险阈值 {}",
            id.label(),
            display(id, Some(v)),
            if below { "低于" } else { "高于" },
            display(id, Some(t)),
        );
        let (table, row, column) = if id == IndicatorId::Correction {
            (TableId::T4, "all", None)
        } else {
            (TableId::T3, "processed_total", Some("total"))
        };
        let mut lines: Vec<u32> = ind.inputs.iter().flat_map(|i| i.lines.clone()).collect();
        lines.sort_unstable();
        lines.dedup();
        out.push(Finding {
            rule,
            severity: Severity::Info,
            message,
            section: Some(table.section()),
            table: Some(table),
            row: Some(row),
            column,
            lines,
        });
    }
    out
}
