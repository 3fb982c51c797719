//! The validation rule catalogue (FORMAT.md §8).
//!
//! Each rule is a small function with an id, a severity and a doc line. Single-report rules
//! run in [`validate`]; the cross-report rules (C03, C04, C05, C07) need the whole corpus and run in
//! [`validate_corpus`]. Rules live by family: [`structure`] (S), [`arithmetic`] (A),
//! [`consistency`] (C), [`timing`] (T), [`extra`] (X).

pub mod arithmetic;
pub mod claims;
pub mod consistency;
pub mod crossyear;
pub mod explain;
pub mod extra;
pub mod ids;
pub mod reading;
pub mod settings;
pub mod structure;
pub mod timing;

pub use settings::Settings;

use crate::model::{Cell, Finding, Report, Row, RuleId, Severity, Span};
use crate::template::{Column, RowDef, TableDef, TableId};

/// A single-report rule: reads the report, returns its findings.
type Check = fn(&Report) -> Vec<Finding>;

/// A rule of the catalogue, as `nianbao rules` prints it.
#[derive(Debug, Clone, Copy)]
pub struct RuleInfo {
    pub id: RuleId,
    /// The highest severity the rule reports.
    pub severity: Severity,
    pub description: &'static str,
    /// `None` for cross-report rules, which run in [`validate_corpus`], and for the risk
    /// rules R01…, which `crate::indicators::risk` raises.
    check: Option<Check>,
}

impl RuleInfo {
    /// Whether the rule compares reports with each other (it runs once over the whole
    /// corpus, in [`validate_corpus`]).
    pub fn is_corpus(&self) -> bool {
        self.check.is_none() && !self.is_risk()
    }

    /// Whether the rule is an indicator risk threshold (R01…), raised by
    /// `crate::indicators::risk` and off by default in `check`.
    pub fn is_risk(&self) -> bool {
        self.id.family() == 'R'
    }
}

const fn rule(
    id: RuleId,
    severity: Severity,
    description: &'static str,
    check: Option<Check>,
) -> RuleInfo {
    RuleInfo {
        id,
        severity,
        description,
        check,
    }
}

use Severity::{Error, Info, Warning};

static RULES: [RuleInfo; ids::ALL.len()] = [
    rule(
        ids::S01,
        Error,
        "缺少六个部分之一（二至四部分为错误，一、五、六部分为警告）",
        Some(structure::s01),
    ),
    rule(
        ids::S02,
        Info,
        "部分标题与标准标题不同",
        Some(structure::s02),
    ),
    rule(
        ids::S03,
        Warning,
        "部分有标题但没有内容",
        Some(structure::s03),
    ),
    rule(
        ids::S04,
        Error,
        "未找到表二、表三或表四",
        Some(structure::s04),
    ),
    rule(
        ids::S05,
        Error,
        "已找到的表中缺少模板规定的行",
        Some(structure::s05),
    ),
    rule(
        ids::S06,
        Warning,
        "单元格缺失：一行找到的数值少于列数",
        Some(structure::s06),
    ),
    rule(
        ids::S07,
        Warning,
        "单元格既不是数字也不是空白",
        Some(structure::s07),
    ),
    rule(
        ids::S08,
        Warning,
        "模板版本与报告年度不符",
        Some(structure::s08),
    ),
    rule(
        ids::S09,
        Info,
        "未找到机关名称或报告年度",
        Some(structure::s09),
    ),
    rule(
        ids::S10,
        Info,
        "表中有空白单元格（按 0 计算；每表一条，附数量）",
        Some(structure::s10),
    ),
    rule(
        ids::S11,
        Warning,
        "2021 版模板的表三将（六）其他处理印为 2019 版的一行",
        Some(reading::s11),
    ),
    rule(
        ids::A01,
        Error,
        "表三：一行的总计 ≠ 六类申请人之和",
        Some(arithmetic::a01),
    ),
    rule(
        ids::A02,
        Error,
        "表三：（七）总计 ≠ （一）至（六）各办理结果之和（逐列）",
        Some(arithmetic::a02),
    ),
    rule(
        ids::A03,
        Error,
        "表三：一 + 二 ≠ （七）总计 + 四（逐列）",
        Some(arithmetic::a03),
    ),
    rule(
        ids::A04,
        Error,
        "表四：总计 ≠ 维持 + 纠正 + 其他 + 尚未审结（逐组）",
        Some(arithmetic::a04),
    ),
    rule(
        ids::A05,
        Error,
        "数量为负数或小数（本年增/减与金额除外）",
        Some(arithmetic::a05),
    ),
    rule(
        ids::C01,
        Warning,
        "正文所述收到申请数与表三“一、本年新收”总计不符",
        Some(consistency::c01),
    ),
    rule(
        ids::C02,
        Warning,
        "正文所述行政复议、行政诉讼数与表四总计不符",
        Some(consistency::c02),
    ),
    rule(
        ids::C03,
        Error,
        "跨年度：同一机关上年“四、结转下年度”总计 ≠ 本年“二、上年结转”总计",
        None,
    ),
    rule(
        ids::C04,
        Warning,
        "同一机关同一年度有两份报告（数字完全相同时为提示）",
        None,
    ),
    rule(
        ids::C05,
        Error,
        "跨年度表二存量：上年现行有效 + 本年制发 − 本年废止 ≠ 本年现行有效（2021 版）；下年“上一年项目数量” ≠ 本年“上一年项目数量” + 本年增/减（2019 版）",
        None,
    ),
    rule(
        ids::C06,
        Warning,
        "正文所述数字（上年结转、结转下年度、予以公开、部分公开、不予公开、复议/诉讼各组、表二件数）与对应单元格不符",
        Some(claims::c06),
    ),
    rule(
        ids::C07,
        Warning,
        "第一、五部分与同一机关上年度报告雷同（相同句子占比超过阈值，默认 60%）",
        None,
    ),
    rule(
        ids::T01,
        Warning,
        "发布晚于法定期限（县级以上政府 3 月 31 日，其他 1 月 31 日）",
        Some(timing::t01),
    ),
    rule(ids::T02, Info, "未找到发布日期", Some(timing::t02)),
    rule(
        ids::T03,
        Info,
        "统计期限不是整个自然年度",
        Some(timing::t03),
    ),
    rule(
        ids::X01,
        Warning,
        "2021 版模板：第六部分未说明是否收取信息处理费",
        Some(extra::x01),
    ),
    rule(
        ids::X02,
        Info,
        "2021 版模板：第五部分未提及上年度问题的整改情况",
        Some(extra::x02),
    ),
    rule(
        ids::X03,
        Warning,
        "第五部分没有实质内容（仅“无”“暂无”“没有”，或不足 20 字）",
        Some(extra::x03),
    ),
    rule(
        ids::P01,
        Warning,
        "报告印有的表或行未能读取（不是报告的错误，请人工核对）",
        Some(reading::p01),
    ),
    // Risk thresholds on indicators (`crate::indicators::risk`): off by default in `check`.
    rule(
        ids::R01,
        Info,
        "指标风险：实质公开率低于阈值（默认 40%；check 中默认关闭）",
        None,
    ),
    rule(
        ids::R02,
        Info,
        "指标风险：不予公开率高于阈值（默认关闭）",
        None,
    ),
    rule(
        ids::R03,
        Info,
        "指标风险：无法提供率高于阈值（默认关闭）",
        None,
    ),
    rule(
        ids::R04,
        Info,
        "指标风险：行政复议、诉讼纠错率高于阈值（默认 15%；check 中默认关闭）",
        None,
    ),
];

/// Whether `id` is a cross-report rule (C03, C04, C05, C07).
pub fn is_cross_report(id: RuleId) -> bool {
    info(id).is_corpus()
}

/// The catalogue, in the order of FORMAT.md §8.
pub fn rules() -> &'static [RuleInfo] {
    &RULES
}

/// The catalogue entry for an id (case-insensitive), if there is one.
pub fn rule_info(id: &str) -> Option<&'static RuleInfo> {
    RULES
        .iter()
        .find(|r| r.id.as_str().eq_ignore_ascii_case(id))
}

/// The catalogue entry of a rule.
pub fn info(id: RuleId) -> &'static RuleInfo {
    RULES
        .iter()
        .find(|r| r.id == id)
        .expect("every rule id is in the catalogue")
}

/// Run every single-report rule and store the findings in `report.findings`, sorted.
pub fn validate(report: &mut Report) {
    validate_with(report, &Settings::default());
}

/// [`validate`] with the configured rule settings (rules off are not run; configured
/// severities are set). Also keeps what the cross-report rules need once the source text
/// is dropped (C07's sentence marks).
pub fn validate_with(report: &mut Report, settings: &Settings) {
    // A pre-2019 report or a page that is not an annual report is listed with its kind;
    // the template's rules do not apply to it.
    if report.kind() != crate::model::ReportKind::Report {
        report.findings = Vec::new();
        return;
    }
    let mut findings = Vec::new();
    // C01, C02 and C06 read the same sentences: one pass for all of them.
    let mut claims: Option<Vec<Finding>> = None;
    for r in RULES.iter() {
        if let Some(check) = r.check
            && settings.is_on(r.id)
        {
            if claims::is_claim_rule(r.id) {
                let all = claims.get_or_insert_with(|| claims::check_all(report));
                findings.extend(all.iter().filter(|f| f.rule == r.id).cloned());
            } else {
                findings.extend(check(report));
            }
        }
    }
    settings.apply(&mut findings);
    report.findings = findings;
    if !report.source.text.is_empty() {
        report.narrative = crossyear::narrative_marks(report);
    }
    sort_findings(report);
}

/// Run the cross-report rules (C03, C04, C05, C07) over a whole corpus, appending findings.
pub fn validate_corpus(reports: &mut [Report]) {
    validate_corpus_with(reports, &Settings::default());
}

/// The cross-report findings `(report index, finding)` with the configured settings
/// applied (rules off dropped, configured severities set).
pub fn cross_findings(reports: &[Report], settings: &Settings) -> Vec<(usize, Finding)> {
    let mut extra = consistency::cross_report(reports, settings);
    extra.retain(|(_, f)| settings.is_on(f.rule));
    for (_, finding) in extra.iter_mut() {
        if let Some(Some(sev)) = settings.configured(finding.rule) {
            finding.severity = sev;
        }
    }
    extra
}

/// [`validate_corpus`] with the configured rule settings.
pub fn validate_corpus_with(reports: &mut [Report], settings: &Settings) {
    for (index, finding) in cross_findings(reports, settings) {
        if let Some(r) = reports.get_mut(index) {
            r.findings.push(finding);
        }
    }
    for r in reports.iter_mut() {
        sort_findings(r);
    }
}

/// Sort by severity (error first), then section, table, row and column in template order.
/// Findings without a section (report metadata) come first within a severity.
pub fn sort_findings(report: &mut Report) {
    let template = report.template();
    let key = |f: &Finding| {
        let (row, col) = match f.table {
            Some(t) => {
                let def = template.table(t);
                let row = f.row.and_then(|k| def.row_index(k));
                let col = row.and_then(|i| f.column.and_then(|c| def.rows[i].column_index(c)));
                (row, col)
            }
            None => (None, None),
        };
        (
            std::cmp::Reverse(f.severity),
            f.section,
            f.table,
            row.unwrap_or(usize::MAX),
            col.unwrap_or(usize::MAX),
        )
    };
    report.findings.sort_by_key(key);
}

// ---- helpers shared by the rule families ---------------------------------------------

/// A finding with no location yet.
pub(crate) fn finding(rule: RuleId, severity: Severity, message: String) -> Finding {
    Finding {
        rule,
        severity,
        message,
        section: None,
        table: None,
        row: None,
        column: None,
        lines: Vec::new(),
    }
}

/// Locate a finding at a table cell (or row, or table).
pub(crate) fn at(
    mut f: Finding,
    table: TableId,
    row: Option<&'static str>,
    column: Option<&'static str>,
    spans: impl IntoIterator<Item = Span>,
) -> Finding {
    f.section = Some(table.section());
    f.table = Some(table);
    f.row = row;
    f.column = column;
    f.lines = lines_of(spans);
    f
}

/// Every line of every span, sorted and deduplicated.
pub(crate) fn lines_of(spans: impl IntoIterator<Item = Span>) -> Vec<u32> {
    let mut lines: Vec<u32> = spans
        .into_iter()
        .filter(|s| s.line_start > 0)
        .flat_map(|s| s.line_start..=s.line_end.max(s.line_start))
        .collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// The spans of the cells that have one.
pub(crate) fn cell_spans<'a>(cells: impl IntoIterator<Item = &'a Cell>) -> Vec<Span> {
    cells.into_iter().filter_map(|c| c.span).collect()
}

/// The template definition of a table for this report ([`Report::template`]).
pub fn table_def(report: &Report, id: TableId) -> &'static TableDef {
    report.template().table(id)
}

/// The template definition of a found row: the report's version first, then any version
/// whose row has as many columns as the row has cells.
pub fn row_def(report: &Report, id: TableId, row: &Row) -> Option<&'static RowDef> {
    let preferred = table_def(report, id).row(row.key);
    if let Some(d) = preferred
        && d.columns.len() == row.cells.len()
    {
        return Some(d);
    }
    crate::template::ALL_VERSIONS
        .iter()
        .filter_map(|v| v.template().table(id).row(row.key))
        .find(|d| d.columns.len() == row.cells.len())
        .or(preferred)
}

/// The columns of a found row, in template order.
pub fn row_columns(report: &Report, id: TableId, row: &Row) -> &'static [Column] {
    row_def(report, id, row).map(|d| d.columns).unwrap_or(&[])
}

/// How a row is named in messages: the template label, with its group heading for the
/// numbered sub-rows (`（三）不予公开·1.属于国家秘密`).
pub fn row_name(def: &RowDef) -> String {
    let label = def.label.split("（区分").next().unwrap_or(def.label);
    match def.group {
        Some(g) if label.starts_with(|c: char| c.is_ascii_digit()) => format!("{g}·{label}"),
        Some(g) if g.starts_with("第二十条") => format!("{g}·{label}"),
        _ => label.to_string(),
    }
}

/// Row name for a row key when the definition is unknown.
pub(crate) fn row_name_or_key(report: &Report, id: TableId, row: &Row) -> String {
    row_def(report, id, row)
        .map(row_name)
        .unwrap_or_else(|| row.key.to_string())
}

/// Format a number as the reports write it: integers without a decimal point.
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Text from a file, made safe to quote in a message: control characters are shown as
/// `\u{…}` escapes.
pub fn quote(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_control() {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Like [`quote`], cut to 40 characters: for sentences and cell text.
pub fn excerpt(text: &str) -> String {
    let mut cut: String = text.chars().take(40).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    quote(&cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_ids_are_unique_and_ordered() {
        let ids: Vec<_> = rules().iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            ids::ALL.map(RuleId::as_str),
            "catalogue order is ids::ALL"
        );
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids.len(), sorted.len(), "duplicate ids in {ids:?}");
        // Every id of FORMAT.md §8 is in the catalogue; S11 (the single （六） row of a
        // 2021 report) is this project's extension.
        let format_md = [
            "S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08", "S09", "S10", "A01", "A02",
            "A03", "A04", "A05", "C01", "C02", "C03", "C04", "C05", "C06", "C07", "T01", "T02",
            "T03", "X01", "X02", "X03", "P01", "R01",
        ];
        for id in format_md {
            assert!(
                ids.contains(&id),
                "{id} of FORMAT.md §8 is not in the catalogue"
            );
        }
        let extra: Vec<_> = ids
            .iter()
            .filter(|id| !format_md.contains(id))
            .copied()
            .collect();
        assert_eq!(extra, ["S11", "R02", "R03", "R04"]);
        assert_eq!(rule_info("a01").map(|r| r.id), Some(ids::A01));
        assert!(rule_info("Z99").is_none());
        for id in ids::ALL {
            assert_eq!(info(id).id, id);
        }
    }

    #[test]
    fn numbers_and_quotes() {
        assert_eq!(fmt_num(72.8), "72.8");
        assert_eq!(fmt_num(-3.0), "-3");
        assert_eq!(fmt_num(1.0 / 3.0), "0.3333");
        assert_eq!(quote("a\u{1b}[31m"), "a\\u{1b}[31m");
        assert_eq!(excerpt(&"字".repeat(41)), format!("{}…", "字".repeat(40)));
    }

    #[test]
    fn lines_are_expanded_sorted_deduped() {
        let s = |a, b| Span {
            line_start: a,
            line_end: b,
            byte_start: 0,
            byte_end: 0,
        };
        assert_eq!(
            lines_of([s(5, 6), s(3, 3), s(6, 6), s(0, 0)]),
            vec![3, 5, 6]
        );
    }
}
