//! C-rules: does the text agree with the tables (C01, C02), and do reports agree with
//! each other (C03 consecutive years, C04 duplicates).
//!
//! The text rules only fire on clear statements: a verb of receiving, the word 申请 and a
//! number with a unit, or an explicit negation (未收到…申请). Numbers about 信息 (items
//! published) are not applications and are ignored.

use super::ids;
use super::{at, cell_spans, finding, fmt_num, quote};
use crate::model::{Cell, Finding, Report, Severity};
use crate::template::TableId;
use crate::text::{chinese_number, squash};
use std::collections::HashMap;

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

/// Sentences (split at 。；！？ and line ends, except where a line was wrapped at the page
/// width: [`crate::text::wraps_onto`]) with their byte ranges in the source.
pub(crate) fn sentences(r: &Report) -> Vec<(usize, usize)> {
    let text = &r.source.text;
    let mut out = Vec::new();
    for (start, end) in narrative_ranges(r) {
        let Some(slice) = text.get(start..end) else {
            continue;
        };
        let mut s = start;
        let mut line_start = 0;
        for (i, c) in slice.char_indices() {
            if c == '\n' {
                let line = &slice[line_start..i];
                line_start = i + 1;
                if crate::text::may_wrap(line) {
                    let next = slice[i + 1..].split('\n').next().unwrap_or("");
                    if crate::text::wraps_onto(line, next) {
                        continue;
                    }
                }
            }
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

pub(crate) const UNITS: &[char] = &['件', '条', '个', '宗', '起', '次', '例'];

/// Parse `N件` at the start of `s` (after optional filler), ASCII or Chinese numerals.
pub(crate) fn number_with_unit(s: &str, fillers: &[&str]) -> Option<f64> {
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

/// C01: the text states a number of applications received that contradicts table 3
/// (an entry of the [`super::claims`] catalogue).
pub fn c01(r: &Report) -> Vec<Finding> {
    super::claims::check(r, ids::C01)
}

/// C02: the text states 行政复议 / 行政诉讼 numbers that contradict table 4's totals
/// (entries of the [`super::claims`] catalogue).
pub fn c02(r: &Report) -> Vec<Finding> {
    super::claims::check(r, ids::C02)
}

pub(crate) fn cell_text(cell: &Cell, value: f64) -> String {
    if cell.state == crate::model::CellState::Blank {
        "空（按 0 计）".to_string()
    } else {
        fmt_num(value)
    }
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

/// The cross-report rules over a corpus (C03, C05, C07 on consecutive years of an agency,
/// C04 on duplicates): `(report index, finding)` pairs.
pub fn cross_report(reports: &[Report], settings: &super::Settings) -> Vec<(usize, Finding)> {
    // The template reports with an agency and a year (cross-year and duplicate rules
    // compare template reports only), indexed by agency key.
    let mut keyed: Vec<(usize, String, i32)> = Vec::new();
    let mut names = crate::agency::NameIndex::default();
    for (i, r) in reports.iter().enumerate() {
        let (Some(a), Some(y)) = (r.agency.as_ref(), r.year.as_ref()) else {
            continue;
        };
        if r.kind() != crate::model::ReportKind::Report {
            continue;
        }
        let key = agency_key(&a.value);
        if key.chars().nth(1).is_none() {
            continue;
        }
        names.insert(&key, keyed.len());
        keyed.push((i, key, y.value));
    }
    // Every pair of the same agency, in a fixed order: by the key's last two characters
    // (which names of one agency share), then by position.
    let tail = |k: &str| -> usize { k.char_indices().rev().nth(1).map_or(0, |(at, _)| at) };
    let mut pairs: Vec<(&str, usize, usize)> = Vec::new();
    for (x, (_, k, _)) in keyed.iter().enumerate() {
        let t = &k[tail(k)..];
        pairs.extend(names.matches(k).filter(|&y| y > x).map(|y| (t, x, y)));
    }
    pairs.sort_unstable();
    let mut out = Vec::new();
    let mut duplicates: HashMap<usize, Vec<usize>> = HashMap::new();
    for (_, x, y) in pairs {
        let ((i, _, ya), (j, _, yb)) = (&keyed[x], &keyed[y]);
        if ya == yb {
            duplicates.entry(*i).or_default().push(*j);
            duplicates.entry(*j).or_default().push(*i);
        } else if *yb == ya + 1 {
            out.extend(consecutive(reports, *i, *j, settings));
        } else if *ya == yb + 1 {
            out.extend(consecutive(reports, *j, *i, settings));
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

/// The rules on two consecutive years of an agency (`prev` is the year before `cur`).
fn consecutive(
    reports: &[Report],
    prev: usize,
    cur: usize,
    settings: &super::Settings,
) -> Vec<(usize, Finding)> {
    let (p, c) = (&reports[prev], &reports[cur]);
    let mut out: Vec<(usize, Finding)> = c03(reports, prev, cur).into_iter().collect();
    out.extend(super::crossyear::c05(p, c).into_iter().map(|f| (cur, f)));
    out.extend(super::crossyear::c07(p, c, settings.copy_threshold).map(|f| (cur, f)));
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
        finding(ids::C03, Severity::Error, msg),
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
        ids::C04,
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
        // A longer name that adds units in front is the same agency; one whose own name
        // merely ends in the other's is not.
        assert!(same_agency("甘肃省庆阳市宁县统计局", "宁县统计局"));
        assert!(same_agency("海西州格尔木市", "格尔木市"));
        assert!(!same_agency("正宁县统计局", "宁县统计局"));
        assert!(!same_agency(
            &agency_key("正宁县人民政府"),
            &agency_key("宁县人民政府")
        ));
        assert!(same_agency("宁县统计局", "宁县统计局"));
    }
}
