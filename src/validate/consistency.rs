//! C-rules: does the text agree with the tables (C01, C02), and do reports agree with
//! each other (C03 consecutive years, C04 duplicates).
//!
//! The text rules only fire on clear statements: a verb of receiving, the word 申请 and a
//! number with a unit, or an explicit negation (未收到…申请). Numbers about 信息 (items
//! published) are not applications and are ignored.

use super::{at, cell_spans, excerpt, finding, fmt_num, quote};
use crate::model::{Cell, Finding, Report, Severity, Span};
use crate::template::TableId;
use crate::text::{chinese_number, squash};
use std::collections::HashMap;

/// A number the text states, with the span of its sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub value: f64,
    pub span: Span,
    /// The sentence, for the message.
    pub text: String,
}

/// Byte ranges of the narrative text worth reading: everything before section 2 (title
/// block, preamble, section 1), and the text of sections 3 and 4.
fn narrative_ranges(r: &Report) -> Vec<(usize, usize)> {
    let len = r.source.text.len();
    let first_table_section = r
        .sections
        .iter()
        .filter(|s| s.number >= 2)
        .map(|s| s.heading.byte_start as usize)
        .min()
        .unwrap_or(len);
    let mut out = vec![(0, first_table_section.min(len))];
    for n in [3u8, 4] {
        if let Some(s) = r.section(n) {
            let end = (s.span.byte_end as usize).min(len);
            let start = (s.heading.byte_end as usize).min(end);
            out.push((start.max(first_table_section), end));
        }
    }
    out.retain(|(a, b)| a < b);
    out
}

/// Sentences (split at 。；！？ and line ends) with their byte ranges in the source.
fn sentences(r: &Report) -> Vec<(usize, usize)> {
    let text = &r.source.text;
    let mut out = Vec::new();
    for (start, end) in narrative_ranges(r) {
        let Some(slice) = text.get(start..end) else {
            continue;
        };
        let mut s = start;
        for (i, c) in slice.char_indices() {
            if matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n') {
                let e = start + i + c.len_utf8();
                out.push((s, e));
                s = e;
            }
        }
        if s < end {
            out.push((s, end));
        }
    }
    out
}

const UNITS: &[char] = &['件', '条', '个', '宗', '起', '次', '例'];

/// Parse `N件` at the start of `s` (after optional filler), ASCII or Chinese numerals.
fn number_with_unit(s: &str, fillers: &[&str]) -> Option<f64> {
    let mut rest = s;
    for _ in 0..4 {
        match fillers.iter().find(|f| rest.starts_with(**f)) {
            Some(f) => rest = &rest[f.len()..],
            None => break,
        }
    }
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .collect();
    let (value, after) = if !digits.is_empty() {
        let v: f64 = digits.replace(',', "").parse().ok()?;
        (v, &rest[digits.len()..])
    } else {
        let cn: String = rest
            .chars()
            .take_while(|c| "〇零一二两三四五六七八九十".contains(*c))
            .collect();
        if cn.is_empty() {
            return None;
        }
        (f64::from(chinese_number(&cn)?), &rest[cn.len()..])
    };
    after.starts_with(UNITS).then_some(value)
}

/// `needle` occurs in `s` within `window` characters after byte `from`; returns its end.
fn find_within(s: &str, from: usize, needle: &str, window: usize) -> Option<usize> {
    let rest = s.get(from..)?;
    let end = rest
        .char_indices()
        .nth(window)
        .map_or(rest.len(), |(j, _)| j);
    rest[..end].find(needle).map(|i| from + i + needle.len())
}

const APPLICATION_FILLERS: &[&str] = &[
    "公开", "事项", "件数", "数量", "共计", "合计", "总计", "总数", "共", "计", "为", "达", "有",
    ":", ",",
];

/// What the sentence says about applications received, if it says so clearly.
pub fn applications_stated(sentence: &str) -> Option<f64> {
    let s = squash(sentence);
    for neg in [
        "未收到",
        "没有收到",
        "没有接到",
        "未接到",
        "未受理",
        "没有受理",
        "未接收",
        "没有接收",
    ] {
        if let Some(i) = s.find(neg)
            && find_within(&s, i + neg.len(), "申请", 30).is_some()
        {
            return Some(0.0);
        }
    }
    for verb in ["受理", "收到", "接到", "接收"] {
        for (i, _) in s.match_indices(verb) {
            let Some(after) = find_within(&s, i + verb.len(), "申请", 20) else {
                continue;
            };
            // The application must be one for open information.
            let between = &s[i..after];
            let tail = s.get(after..).unwrap_or("");
            let public = between.contains("公开") || tail.starts_with("公开");
            if let Some(v) = number_with_unit(tail, APPLICATION_FILLERS)
                && public
            {
                return Some(v);
            }
        }
    }
    None
}

const CASE_FILLERS: &[&str] = &[
    "案件", "件数", "数量", "共计", "合计", "总计", "案", "共", "计", "为", "达", ":", ",",
];

/// What the sentence says about (行政复议, 行政诉讼) cases, each if it says so clearly.
pub fn cases_stated(sentence: &str) -> (Option<f64>, Option<f64>) {
    let s = squash(sentence);
    let positive = |word: &str| {
        s.match_indices(word)
            .find_map(|(i, _)| number_with_unit(&s[i + word.len()..], CASE_FILLERS))
    };
    let negative = |word: &str| {
        [
            "未发生",
            "没有发生",
            "未引起",
            "没有引起",
            "未出现",
            "没有出现",
            "未产生",
            "未被申请",
            "未被提起",
            "未被",
            "无",
        ]
        .iter()
        .any(|neg| {
            s.match_indices(neg)
                .any(|(i, _)| find_within(&s, i + neg.len(), word, 30).is_some())
        })
    };
    let review = positive("行政复议").or_else(|| negative("复议").then_some(0.0));
    let suit = positive("行政诉讼").or_else(|| negative("诉讼").then_some(0.0));
    (review, suit)
}

fn statement(r: &Report, (a, b): (usize, usize), value: f64) -> Statement {
    let text = r.source.text.get(a..b).unwrap_or("").trim().to_string();
    Statement {
        value,
        span: r.source.span(a, b),
        text,
    }
}

/// Every clear statement of applications received.
pub fn application_statements(r: &Report) -> Vec<Statement> {
    sentences(r)
        .into_iter()
        .filter_map(|range| {
            let text = r.source.text.get(range.0..range.1)?;
            // Cheap prefilter: every statement names 申请 (most lines are table cells).
            // A statement has at least five characters (`受理申请1件`); table cells and
            // headers such as `行政复议` are shorter.
            if text.trim().chars().nth(4).is_none() || !text.contains('申') {
                return None;
            }
            applications_stated(text).map(|v| statement(r, range, v))
        })
        .collect()
}

/// Every clear statement of review and lawsuit counts: (reviews, suits).
pub fn case_statements(r: &Report) -> (Vec<Statement>, Vec<Statement>) {
    let mut reviews = Vec::new();
    let mut suits = Vec::new();
    for range in sentences(r) {
        let Some(text) = r.source.text.get(range.0..range.1) else {
            continue;
        };
        // Cheap prefilter: every statement names 复议 or 诉讼.
        if text.trim().chars().nth(4).is_none() || (!text.contains('复') && !text.contains('诉'))
        {
            continue;
        }
        let (rv, st) = cases_stated(text);
        if let Some(v) = rv {
            reviews.push(statement(r, range, v));
        }
        if let Some(v) = st {
            suits.push(statement(r, range, v));
        }
    }
    (reviews, suits)
}

fn sentence_lines(st: &Statement) -> Span {
    st.span
}

/// C01: the text states a number of applications received that contradicts table 3.
pub fn c01(r: &Report) -> Vec<Finding> {
    let Some(cell) = r
        .tables
        .t3
        .as_ref()
        .and_then(|t| t.row("new"))
        .and_then(|row| row.cells.get(6))
    else {
        return Vec::new();
    };
    let Some(table_value) = cell.arithmetic_value() else {
        return Vec::new();
    };
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for st in application_statements(r) {
        if (st.value - table_value).abs() < 1e-9 || seen.contains(&st.value.to_bits()) {
            continue;
        }
        seen.push(st.value.to_bits());
        let msg = format!(
            "正文称收到申请 {} 件（“{}”），表三“一、本年新收”总计为 {}",
            fmt_num(st.value),
            excerpt(&st.text),
            cell_text(cell, table_value)
        );
        let spans = cell_spans([cell]).into_iter().chain([sentence_lines(&st)]);
        out.push(at(
            finding("C01", Severity::Warning, msg),
            TableId::T3,
            Some("new"),
            Some("total"),
            spans,
        ));
    }
    out
}

fn cell_text(cell: &Cell, value: f64) -> String {
    if cell.state == crate::model::CellState::Blank {
        "空（按 0 计）".to_string()
    } else {
        fmt_num(value)
    }
}

/// C02: the text states 行政复议 / 行政诉讼 numbers that contradict table 4's totals.
pub fn c02(r: &Report) -> Vec<Finding> {
    let Some(row) = r.tables.t4.as_ref().and_then(|t| t.row("all")) else {
        return Vec::new();
    };
    let (reviews, suits) = case_statements(r);
    let mut out = Vec::new();
    let review_cell = row.cells.get(4);
    if let Some(cell) = review_cell
        && let Some(v) = cell.arithmetic_value()
    {
        for st in dedup(reviews)
            .into_iter()
            .filter(|s| (s.value - v).abs() > 1e-9)
        {
            let msg = format!(
                "正文称行政复议 {} 件（“{}”），表四行政复议总计为 {}",
                fmt_num(st.value),
                excerpt(&st.text),
                cell_text(cell, v)
            );
            let spans = cell_spans([cell]).into_iter().chain([st.span]);
            out.push(at(
                finding("C02", Severity::Warning, msg),
                TableId::T4,
                Some("all"),
                Some("review.total"),
                spans,
            ));
        }
    }
    if let (Some(a), Some(b)) = (row.cells.get(9), row.cells.get(14))
        && let (Some(va), Some(vb)) = (a.arithmetic_value(), b.arithmetic_value())
    {
        let v = va + vb;
        for st in dedup(suits)
            .into_iter()
            .filter(|s| (s.value - v).abs() > 1e-9)
        {
            let msg = format!(
                "正文称行政诉讼 {} 件（“{}”），表四两类行政诉讼总计之和为 {}",
                fmt_num(st.value),
                excerpt(&st.text),
                fmt_num(v)
            );
            let spans = cell_spans([a, b]).into_iter().chain([st.span]);
            out.push(at(
                finding("C02", Severity::Warning, msg),
                TableId::T4,
                Some("all"),
                Some("suit_direct.total"),
                spans,
            ));
        }
    }
    out
}

fn dedup(mut v: Vec<Statement>) -> Vec<Statement> {
    let mut seen = Vec::new();
    v.retain(|s| {
        let k = s.value.to_bits();
        let new = !seen.contains(&k);
        seen.push(k);
        new
    });
    v
}

// ---- cross-report rules ----------------------------------------------------------------

pub use crate::agency::{key as agency_key, same_agency};

type NumbersKey = u64;

/// A hash of all table numbers of a report, for C04's "identical" test (computed once per
/// report; 64-bit FNV-1a over table, row and every cell's value).
fn numbers(r: &Report) -> NumbersKey {
    let mut bytes = Vec::new();
    for (t, row, cells) in numbers_vec(r) {
        bytes.extend_from_slice(t.key().as_bytes());
        bytes.extend_from_slice(row.as_bytes());
        for c in cells {
            bytes.extend_from_slice(&c.map_or([0xff; 9], |v| {
                let mut b = [0u8; 9];
                b[..8].copy_from_slice(&v.to_le_bytes());
                b
            }));
        }
    }
    crate::model::content_hash(&bytes)
}

fn numbers_vec(r: &Report) -> Vec<(TableId, &'static str, Vec<Option<u64>>)> {
    r.tables
        .iter()
        .flat_map(|t| {
            t.rows.iter().map(move |row| {
                let cells = row
                    .cells
                    .iter()
                    .map(|c| c.arithmetic_value().map(f64::to_bits))
                    .collect();
                (t.id, row.key, cells)
            })
        })
        .collect()
}

/// C03 and C04 over a corpus: `(report index, finding)` pairs.
pub fn cross_report(reports: &[Report]) -> Vec<(usize, Finding)> {
    // Index by the last two characters of the agency key: names that match by suffix
    // share them, so only reports in the same bucket are compared.
    let mut buckets: HashMap<String, Vec<(usize, String, i32)>> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        let (Some(a), Some(y)) = (r.agency.as_ref(), r.year.as_ref()) else {
            continue;
        };
        // Cross-year and duplicate rules compare template reports only.
        if r.kind() != crate::model::ReportKind::Report {
            continue;
        }
        let key = agency_key(&a.value);
        let chars: Vec<char> = key.chars().collect();
        if chars.len() < 2 {
            continue;
        }
        let tail: String = chars[chars.len() - 2..].iter().collect();
        buckets.entry(tail).or_default().push((i, key, y.value));
    }
    let mut out = Vec::new();
    let mut duplicates: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut keys: Vec<_> = buckets.keys().cloned().collect();
    keys.sort();
    for k in keys {
        let Some(group) = buckets.get(&k) else {
            continue;
        };
        for (x, (i, ka, ya)) in group.iter().enumerate() {
            for (j, kb, yb) in group.iter().skip(x + 1) {
                if !same_agency(ka, kb) {
                    continue;
                }
                if ya == yb {
                    duplicates.entry(*i).or_default().push(*j);
                    duplicates.entry(*j).or_default().push(*i);
                } else if *yb == ya + 1 {
                    out.extend(c03(reports, *i, *j));
                } else if *ya == yb + 1 {
                    out.extend(c03(reports, *j, *i));
                }
            }
        }
    }
    let mut dup: Vec<_> = duplicates.into_iter().collect();
    dup.sort();
    let mut numbers_of = HashMap::new();
    for (i, mut others) in dup {
        others.sort();
        out.push(c04(reports, i, &others, &mut numbers_of));
    }
    out
}

/// C03: `prev` is the year before `cur`; compare carry-forward with carry-over.
fn c03(reports: &[Report], prev: usize, cur: usize) -> Option<(usize, Finding)> {
    let (p, c) = (&reports[prev], &reports[cur]);
    let carry = crate::compare::CarryOver::of(p, c);
    if !carry.broken() {
        return None;
    }
    let (before, now) = crate::compare::carry_cells(p, c);
    let (before, now) = (before?, now?);
    let (vb, vn) = (carry.carried_forward?, carry.carried_over?);
    let year = p.year.as_ref().map(|y| y.value).unwrap_or_default();
    let msg = format!(
        "上年度报告（{year} 年度，{}）“四、结转下年度继续办理”总计为 {}，本报告“二、上年结转”总计为 {}",
        quote(&p.path),
        cell_text(before, vb),
        cell_text(now, vn)
    );
    let f = at(
        finding("C03", Severity::Error, msg),
        TableId::T3,
        Some("carried_over"),
        Some("total"),
        cell_spans([now]),
    );
    Some((cur, f))
}

/// C04: other reports for the same agency and year; one finding on each report, naming
/// the others (a folder with many copies gets one finding per report, not one per pair).
fn c04(
    reports: &[Report],
    a: usize,
    others: &[usize],
    numbers_of: &mut HashMap<usize, NumbersKey>,
) -> (usize, Finding) {
    let ra = &reports[a];
    let mut key =
        |i: usize| -> NumbersKey { *numbers_of.entry(i).or_insert_with(|| numbers(&reports[i])) };
    let mine = key(a);
    let identical = others.iter().all(|&b| key(b) == mine);
    let (sev, note) = if identical {
        (Severity::Info, "，表中数字完全相同")
    } else {
        (Severity::Warning, "，表中数字不同")
    };
    let year = ra.year.as_ref().map(|y| y.value).unwrap_or_default();
    const SHOWN: usize = 3;
    let mut names: Vec<String> = others
        .iter()
        .take(SHOWN)
        .map(|&b| quote(&reports[b].path))
        .collect();
    if others.len() > SHOWN {
        names.push(format!("等 {} 份", others.len()));
    }
    let mut f = finding(
        "C04",
        sev,
        format!(
            "与 {} 为同一机关同一年度（{year}）的报告{note}",
            names.join("、")
        ),
    );
    f.lines = Vec::new();
    (a, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applications_received() {
        assert_eq!(
            applications_stated("截至目前,我县受理信息公开申请1件,全部按时办结"),
            Some(1.0)
        );
        assert_eq!(
            applications_stated("共收到政府信息公开申请 12 件。"),
            Some(12.0)
        );
        assert_eq!(applications_stated("全年收到依申请公开共计五件"), Some(5.0));
        assert_eq!(
            applications_stated("驿马乡 2020 年度未收到政府信息公开申请。"),
            Some(0.0)
        );
        assert_eq!(
            applications_stated("本年度办事处没有接到群众主动要求公开政府信息的申请。"),
            Some(0.0)
        );
        // Not applications: items published, or applications of another kind.
        assert_eq!(applications_stated("共主动公开政府信息 9867条"), None);
        assert_eq!(applications_stated("受理申请公开政府信息30条"), None);
        assert_eq!(applications_stated("受理行政许可申请 3000 件"), None);
        assert_eq!(
            applications_stated("一、本年新收政府信息公开申请数量"),
            None
        );
    }

    #[test]
    fn cases() {
        assert_eq!(
            cases_stated("且未引起行政诉讼或复议。"),
            (Some(0.0), Some(0.0))
        );
        assert_eq!(
            cases_stated("未发生针对本单位有关政府信息公开事务的行政复议案、行政诉讼案"),
            (Some(0.0), Some(0.0))
        );
        assert_eq!(
            cases_stated("发生行政复议案件2起，未发生行政诉讼"),
            (Some(2.0), Some(0.0))
        );
        assert_eq!(cases_stated("行政复议 0 0 0 0 0"), (None, None));
        assert_eq!(
            cases_stated("依法履职,未发生被纠正行政行为的情况"),
            (None, None)
        );
    }

    #[test]
    fn agencies() {
        assert!(same_agency(
            &agency_key("海东市循化县"),
            &agency_key("循化县人民政府")
        ));
        assert!(!same_agency(&agency_key("循化县"), &agency_key("化隆县")));
        assert!(!same_agency("县", "循化县"));
    }
}
