//! Indicators per report (实质公开率, 不予公开率, 无法提供率, 纠错率, applications, days
//! late), each with the cells it was computed from; the report's position among the loaded
//! reports of the same level and year ([`position`]); risk thresholds as info findings
//! R01… ([`risk`]). UI-free: the inspector, `check` and the exports all read this.
//!
//! A value is `None` when an input cell is missing (or invalid), a row or table was not
//! found, or the denominator is zero: never a guess. Blank cells count as 0, as in the
//! arithmetic rules. A rate whose denominator is under the configured minimum keeps its
//! value but is not *rated*: it has no position among peers and raises no risk finding.

pub mod position;
pub mod risk;

use crate::model::{Cell, Report, ReportKind, Span};
use crate::template::{Column, ColumnGroup, RowDef};
use crate::validate::timing::{AgencyLevel, agency_level, lateness};
use compact_str::{CompactString, format_compact};
use serde::{Deserialize, Serialize};

/// What the indicators are computed against; `[indicators]` in the configuration file.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IndicatorConfig {
    /// Table 3 rates are rated only when （七）总计 reaches this many applications.
    pub min_applications: f64,
    /// 纠错率 is rated only when this many cases were concluded (总计 − 尚未审结).
    pub min_cases: f64,
    /// R01: 实质公开率 below this (0 turns the rule off).
    pub disclosure_rate_below: f64,
    /// R02: 不予公开率 above this (1 turns the rule off).
    pub denial_rate_above: f64,
    /// R03: 无法提供率 above this (1 turns the rule off).
    pub unable_rate_above: f64,
    /// R04: 纠错率 above this (1 turns the rule off).
    pub correction_rate_above: f64,
}

impl Default for IndicatorConfig {
    fn default() -> Self {
        IndicatorConfig {
            min_applications: 30.0,
            min_cases: 30.0,
            disclosure_rate_below: 0.40,
            denial_rate_above: 1.0,
            unable_rate_above: 1.0,
            correction_rate_above: 0.15,
        }
    }
}

/// The indicators, in output order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndicatorId {
    Disclosure,
    Denial,
    Unable,
    Correction,
    CorrectionReview,
    CorrectionSuitDirect,
    CorrectionSuitAfterReview,
    Applications,
    DaysLate,
}

pub const ALL_INDICATORS: [IndicatorId; 9] = [
    IndicatorId::Disclosure,
    IndicatorId::Denial,
    IndicatorId::Unable,
    IndicatorId::Correction,
    IndicatorId::CorrectionReview,
    IndicatorId::CorrectionSuitDirect,
    IndicatorId::CorrectionSuitAfterReview,
    IndicatorId::Applications,
    IndicatorId::DaysLate,
];

impl IndicatorId {
    /// The JSON key (FORMAT.md §10 `indicators`).
    pub fn key(self) -> &'static str {
        match self {
            IndicatorId::Disclosure => "disclosure_rate",
            IndicatorId::Denial => "denial_rate",
            IndicatorId::Unable => "unable_rate",
            IndicatorId::Correction => "correction_rate",
            IndicatorId::CorrectionReview => "correction_rate_review",
            IndicatorId::CorrectionSuitDirect => "correction_rate_suit_direct",
            IndicatorId::CorrectionSuitAfterReview => "correction_rate_suit_after_review",
            IndicatorId::Applications => "applications",
            IndicatorId::DaysLate => "days_late",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            IndicatorId::Disclosure => "实质公开率",
            IndicatorId::Denial => "不予公开率",
            IndicatorId::Unable => "无法提供率",
            IndicatorId::Correction => "纠错率（复议和诉讼合计）",
            IndicatorId::CorrectionReview => "纠错率·行政复议",
            IndicatorId::CorrectionSuitDirect => "纠错率·未经复议直接起诉",
            IndicatorId::CorrectionSuitAfterReview => "纠错率·复议后起诉",
            IndicatorId::Applications => "本年新收申请数",
            IndicatorId::DaysLate => "逾期天数",
        }
    }

    /// A fraction 0–1 (as opposed to a count).
    pub fn is_rate(self) -> bool {
        !matches!(self, IndicatorId::Applications | IndicatorId::DaysLate)
    }
}

/// One input of an indicator: a table cell, or a report field (the publication date, the
/// agency name that decides the deadline, the report year).
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    /// `t3.granted.total`, `t4.review.corrected`, `published`, `agency`, `year`.
    pub reference: CompactString,
    /// The number it contributed (blank cells: 0); `None` when it is missing.
    pub value: Option<f64>,
    /// The text as written (a cell's text, the date, the name). Inline up to 24 bytes:
    /// a folder's indicators hold millions of these.
    pub text: CompactString,
    pub lines: Vec<u32>,
    /// The cell's number was inferred from concatenated digits (see the cell's `basis`).
    pub inferred: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: IndicatorId,
    pub value: Option<f64>,
    pub numerator: Option<f64>,
    pub denominator: Option<f64>,
    /// Whether the value counts among its peers (denominator at least the minimum).
    pub rated: bool,
    /// Why the value is `None` or not rated (Chinese, for people).
    pub note: Option<String>,
    pub inputs: Vec<Input>,
    /// Filled in by [`position::assign`].
    pub position: Option<position::Position>,
}

/// All indicators of one report, with the peer group it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportIndicators {
    pub level: Option<AgencyLevel>,
    pub year: Option<i32>,
    pub items: Vec<Indicator>,
}

impl ReportIndicators {
    pub fn get(&self, id: IndicatorId) -> Option<&Indicator> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn value(&self, id: IndicatorId) -> Option<f64> {
        self.get(id).and_then(|i| i.value)
    }
}

fn lines(span: Option<Span>) -> Vec<u32> {
    span.map(|s| s.lines()).unwrap_or_default()
}

fn cell_input(reference: CompactString, cell: Option<&Cell>) -> Input {
    match cell {
        Some(c) => Input {
            reference,
            value: c.arithmetic_value(),
            text: c.text.clone(),
            lines: lines(c.span),
            inferred: c.basis.is_some(),
        },
        None => Input {
            reference,
            value: None,
            text: CompactString::default(),
            lines: Vec::new(),
            inferred: false,
        },
    }
}

/// Table 3 总计 cells of the given rows, as inputs (`t3.new.total`).
fn t3_inputs(r: &Report, rows: &[&str]) -> Vec<Input> {
    let (t3, def) = (r.tables.t3.as_ref(), &r.template().t3);
    rows.iter()
        .map(|row| match def.row(row).and_then(RowDef::total_column) {
            Some((i, col)) => cell_input(
                format_compact!("t3.{row}.{}", col.key),
                t3.and_then(|t| t.cell(row, i)),
            ),
            None => cell_input(format_compact!("t3.{row}"), None),
        })
        .collect()
}

fn sum(inputs: &[Input]) -> Option<f64> {
    inputs.iter().map(|i| i.value).sum()
}

/// A ratio of two sums of inputs, rated when the denominator reaches `min`.
fn ratio(
    id: IndicatorId,
    num: Vec<Input>,
    den: Option<f64>,
    mut inputs: Vec<Input>,
    min: f64,
    what: &str,
) -> Indicator {
    let numerator = sum(&num);
    let mut all = num;
    all.append(&mut inputs);
    let (value, note, rated) = match (numerator, den) {
        (Some(n), Some(d)) if d > 0.0 => {
            let rated = d >= min;
            let note = (!rated).then(|| format!("{what}为 {d}，少于 {min}，不参与评价"));
            (Some(n / d), note, rated)
        }
        (Some(_), Some(_)) => (None, Some(format!("{what}为 0，无法计算")), false),
        _ => (None, Some("所需单元格缺失，无法计算".to_string()), false),
    };
    Indicator {
        id,
        value,
        numerator,
        denominator: den,
        rated,
        note,
        inputs: all,
        position: None,
    }
}

/// Table 3 rows of the report's template whose key starts with `prefix` (`denied_`: the
/// eight （三）不予公开 rows; `unable_`: the three （四）无法提供 rows).
fn t3_rows(r: &Report, prefix: &str) -> Vec<&'static str> {
    r.template()
        .t3
        .rows
        .iter()
        .map(|d| d.key)
        .filter(|k| k.starts_with(prefix))
        .collect()
}

fn t3_rate(r: &Report, id: IndicatorId, rows: &[&str], cfg: &IndicatorConfig) -> Indicator {
    let total = t3_inputs(r, &["processed_total"]);
    let den = sum(&total);
    ratio(
        id,
        t3_inputs(r, rows),
        den,
        total,
        cfg.min_applications,
        "（七）总计",
    )
}

/// The groups of table 4's row in the report's template (复议, 直接起诉, 复议后起诉).
fn t4_groups(r: &Report) -> Vec<ColumnGroup> {
    r.template()
        .t4
        .rows
        .first()
        .map(RowDef::groups)
        .unwrap_or_default()
}

/// 纠错率 of the given table 4 groups: 结果纠正 ÷ (总计 − 尚未审结).
fn correction(r: &Report, id: IndicatorId, groups: &[&str], cfg: &IndicatorConfig) -> Indicator {
    let row = r.tables.t4.as_ref().and_then(|t| t.rows.first());
    let input = |g: &ColumnGroup, col: Option<(usize, &Column)>| match col {
        Some((i, c)) => cell_input(
            format_compact!("t4.{}", c.key),
            row.and_then(|row| row.cells.get(i)),
        ),
        None => cell_input(format_compact!("t4.{}", g.key), None),
    };
    let named = |g: &ColumnGroup, name: &str| g.index(name).zip(g.column(name));
    let (mut num, mut totals, mut pending) = (Vec::new(), Vec::new(), Vec::new());
    for g in t4_groups(r).iter().filter(|g| groups.contains(&g.key)) {
        num.push(input(g, named(g, "corrected")));
        totals.push(input(g, g.total.zip(g.total_column())));
        pending.push(input(g, named(g, "pending")));
    }
    let den = sum(&totals).zip(sum(&pending)).map(|(t, p)| t - p);
    totals.append(&mut pending);
    ratio(id, num, den, totals, cfg.min_cases, "已审结案件数")
}

fn applications(r: &Report) -> Indicator {
    let inputs = t3_inputs(r, &["new"]);
    let value = inputs[0].value;
    Indicator {
        id: IndicatorId::Applications,
        value,
        numerator: None,
        denominator: None,
        rated: value.is_some(),
        note: value
            .is_none()
            .then(|| "表三“一、本年新收”总计缺失".to_string()),
        inputs,
        position: None,
    }
}

fn days_late(r: &Report) -> Indicator {
    let mut inputs = Vec::new();
    if let Some(p) = &r.published {
        inputs.push(Input {
            reference: "published".into(),
            value: None,
            text: format_compact!("{}", p.value),
            lines: p.span.lines(),
            inferred: false,
        });
    }
    if let Some(y) = &r.year {
        inputs.push(Input {
            reference: "year".into(),
            value: Some(f64::from(y.value)),
            text: format_compact!("{}", y.value),
            lines: y.span.lines(),
            inferred: false,
        });
    }
    if let Some(a) = &r.agency {
        inputs.push(Input {
            reference: "agency".into(),
            value: None,
            text: CompactString::from(a.value.as_str()),
            lines: a.span.lines(),
            inferred: false,
        });
    }
    let (value, note) = match lateness(r) {
        Some(l) if l.level.is_some() => (
            Some(l.days.max(0) as f64),
            Some(format!("法定期限 {}", l.due)),
        ),
        Some(_) => (None, Some("机关名称未知，无法确定法定期限".to_string())),
        None => (None, Some("未找到发布日期或报告年度".to_string())),
    };
    Indicator {
        id: IndicatorId::DaysLate,
        value,
        numerator: None,
        denominator: None,
        rated: value.is_some(),
        note,
        inputs,
        position: None,
    }
}

/// Every indicator of one report (positions not yet assigned).
pub fn compute(r: &Report, cfg: &IndicatorConfig) -> ReportIndicators {
    use IndicatorId::*;
    let kind = r.kind();
    if kind != ReportKind::Report {
        // A pre-2019 report or a page that is not a report (FORMAT.md §11): no template
        // numbers and no template deadline, so no indicator (and no risk rule).
        let note = match kind {
            ReportKind::Pre2019 => "2019 年前的年报，不按模板计算",
            _ => "不是年度报告，不计算",
        };
        return ReportIndicators {
            level: r.agency.as_ref().map(|a| agency_level(&a.value)),
            year: r.year.as_ref().map(|y| y.value),
            items: ALL_INDICATORS
                .iter()
                .map(|&id| Indicator {
                    id,
                    value: None,
                    numerator: None,
                    denominator: None,
                    rated: false,
                    note: Some(note.to_string()),
                    inputs: Vec::new(),
                    position: None,
                })
                .collect(),
        };
    }
    let all_groups: Vec<&str> = t4_groups(r).iter().map(|g| g.key).collect();
    let items = vec![
        t3_rate(r, Disclosure, &["granted", "partial"], cfg),
        t3_rate(r, Denial, &t3_rows(r, "denied_"), cfg),
        t3_rate(r, Unable, &t3_rows(r, "unable_"), cfg),
        correction(r, Correction, &all_groups, cfg),
        correction(r, CorrectionReview, &["review"], cfg),
        correction(r, CorrectionSuitDirect, &["suit_direct"], cfg),
        correction(r, CorrectionSuitAfterReview, &["suit_after_review"], cfg),
        applications(r),
        days_late(r),
    ];
    ReportIndicators {
        level: r.agency.as_ref().map(|a| agency_level(&a.value)),
        year: r.year.as_ref().map(|y| y.value),
        items,
    }
}

/// The indicators of every report, with positions among peers (same level and year).
pub fn for_reports(reports: &[Report], cfg: &IndicatorConfig) -> Vec<ReportIndicators> {
    use rayon::prelude::*;
    let mut all: Vec<ReportIndicators> = reports.par_iter().map(|r| compute(r, cfg)).collect();
    position::assign(&mut all);
    all
}

/// A folder's indicators kept lean: every report's values, notes and positions among its
/// peers, without the inputs (about 40 cells a report, with their texts and lines: most of
/// the indicators' memory, 60 MB of 10,000 reports). [`Lean::full`] computes a report's
/// inputs again when it is written out.
pub struct Lean {
    items: Vec<ReportIndicators>,
    cfg: IndicatorConfig,
}

impl Lean {
    /// Report `i`'s indicators, inputs included, with their positions among peers: what
    /// [`for_reports`] gives for it. `r` is report `i` of the folder they were computed on.
    pub fn full(&self, i: usize, r: &Report) -> Option<ReportIndicators> {
        let lean = self.items.get(i)?;
        let mut full = compute(r, &self.cfg);
        for (f, l) in full.items.iter_mut().zip(&lean.items) {
            debug_assert_eq!(f.id, l.id);
            f.position = l.position;
        }
        Some(full)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// [`for_reports`] without keeping the inputs ([`Lean`]); `each` sees every report's
/// indicators whole (inputs, no positions yet) and its results come back in report order.
pub fn for_reports_lean<T: Send>(
    reports: &[Report],
    cfg: &IndicatorConfig,
    each: impl Fn(&ReportIndicators) -> T + Sync,
) -> (Lean, Vec<T>) {
    use rayon::prelude::*;
    let (mut items, out): (Vec<ReportIndicators>, Vec<T>) = reports
        .par_iter()
        .map(|r| {
            let mut ri = compute(r, cfg);
            let t = each(&ri);
            for i in &mut ri.items {
                i.inputs = Vec::new();
            }
            (ri, t)
        })
        .unzip();
    position::assign(&mut items);
    (Lean { items, cfg: *cfg }, out)
}

/// A rate as a percentage for people (`37.5%`), a count as itself; `NA` when unknown.
pub fn display(id: IndicatorId, value: Option<f64>) -> String {
    match value {
        None => "NA".to_string(),
        Some(v) if id.is_rate() => {
            let s = format!("{:.1}", v * 100.0);
            format!("{}%", s.trim_end_matches(".0"))
        }
        Some(v) => crate::validate::fmt_num(v),
    }
}

#[cfg(test)]
mod tests;
