//! Rules on two consecutive years of one agency besides C03: the stock chain of table 2
//! (C05) and narrative copied from last year's report (C07).

use super::consistency::cell_text;
use super::ids;
use super::{at, cell_spans, finding, fmt_num, quote, row_columns};
use crate::model::{Cell, Finding, Report, SentenceMark, Severity};
use crate::template::TableId;
use crate::text::squash;

/// The cell of a table 2 row by column key, if the report has it.
fn t2_cell<'a>(r: &'a Report, row: &str, column: &str) -> Option<&'a Cell> {
    let row = r.tables.t2.as_ref()?.row(row)?;
    let i = row_columns(r, TableId::T2, row)
        .iter()
        .position(|c| c.key == column)?;
    row.cells.get(i)
}

fn value(c: &Cell) -> Option<(f64, String)> {
    let v = c.arithmetic_value()?;
    Some((v, cell_text(c, v)))
}

fn year_and_path(p: &Report) -> String {
    let year = p.year.as_ref().map(|y| y.value).unwrap_or_default();
    format!("{year} 年度，{}", quote(&p.path))
}

/// C05: the stock of table 2 carried from `prev` (the year before) to `cur`.
/// 2021 template: last year's 现行有效 + 本年制发 − 本年废止 = this year's 现行有效 (规章,
/// 行政规范性文件). 2019 template: this year's 上一年项目数量 = last year's 上一年项目数量 +
/// 本年增/减, for every row that has both.
pub fn c05(prev: &Report, cur: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    for row in ["regulations", "normative_documents"] {
        let cells = (
            t2_cell(prev, row, "in_force"),
            t2_cell(cur, row, "issued"),
            t2_cell(cur, row, "repealed"),
            t2_cell(cur, row, "in_force"),
        );
        let (Some(before), Some(issued), Some(repealed), Some(now)) = cells else {
            continue;
        };
        let (Some(b), Some(i), Some(r), Some(n)) =
            (value(before), value(issued), value(repealed), value(now))
        else {
            continue;
        };
        let expected = b.0 + i.0 - r.0;
        if (expected - n.0).abs() < 1e-9 {
            continue;
        }
        let label = if row == "regulations" {
            "规章"
        } else {
            "行政规范性文件"
        };
        let msg = format!(
            "{label}：上年度报告（{}）现行有效件数为 {}，本年制发 {}、废止 {}，本年现行有效应为 {}，表中为 {}",
            year_and_path(prev),
            b.1,
            i.1,
            r.1,
            fmt_num(expected),
            n.1
        );
        out.push(at(
            finding(ids::C05, Severity::Error, msg),
            TableId::T2,
            Some(row),
            Some("in_force"),
            cell_spans([issued, repealed, now]),
        ));
    }
    for row in [
        "licensing",
        "other_services",
        "punishment",
        "coercion",
        "fees",
    ] {
        let cells = (
            t2_cell(prev, row, "previous"),
            t2_cell(prev, row, "change"),
            t2_cell(cur, row, "previous"),
        );
        let (Some(before), Some(change), Some(now)) = cells else {
            continue;
        };
        let (Some(b), Some(c), Some(n)) = (value(before), value(change), value(now)) else {
            continue;
        };
        let expected = b.0 + c.0;
        if (expected - n.0).abs() < 1e-9 {
            continue;
        }
        let label = cur.tables.t2.as_ref().and_then(|t| t.row(row)).map_or_else(
            || row.to_string(),
            |r| super::row_name_or_key(cur, TableId::T2, r),
        );
        let msg = format!(
            "{label}：上年度报告（{}）上一年项目数量为 {}，本年增/减 {}，本年上一年项目数量应为 {}，表中为 {}",
            year_and_path(prev),
            b.1,
            c.1,
            fmt_num(expected),
            n.1
        );
        out.push(at(
            finding(ids::C05, Severity::Error, msg),
            TableId::T2,
            Some(row),
            Some("previous"),
            cell_spans([now]),
        ));
    }
    out
}

/// Sentences shorter than this (after removing spaces) are not compared: `无。`, `一是`.
const MIN_SENTENCE_CHARS: usize = 10;
/// C07 needs at least this many comparable sentences in this year's sections 一 and 五.
const MIN_SENTENCES: usize = 5;

/// The sentences of sections 一 and 五 as C07 compares them: spaces removed, every run of
/// digits replaced by `#` (a copied sentence with the year updated is still copied),
/// hashed, with the line each starts on. Computed while the source text is there.
pub fn narrative_marks(r: &Report) -> Vec<SentenceMark> {
    let mut out = Vec::new();
    for n in [1u8, 5] {
        let Some(s) = r.section(n) else { continue };
        let start = s.heading.byte_end.min(s.span.byte_end) as usize;
        let end = s.span.byte_end as usize;
        let Some(text) = r.source.text.get(start..end) else {
            continue;
        };
        let mut from = 0;
        for (i, c) in text.char_indices() {
            if matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n') {
                push_mark(r, &mut out, start + from, &text[from..i]);
                from = i + c.len_utf8();
            }
        }
        push_mark(r, &mut out, start + from, &text[from..]);
    }
    out
}

fn push_mark(r: &Report, out: &mut Vec<SentenceMark>, at: usize, sentence: &str) {
    let mut norm = String::new();
    for c in squash(sentence).chars() {
        if c.is_ascii_digit() {
            if !norm.ends_with('#') {
                norm.push('#');
            }
        } else {
            norm.push(c);
        }
    }
    if norm.chars().count() < MIN_SENTENCE_CHARS {
        return;
    }
    out.push(SentenceMark {
        hash: crate::model::content_hash(norm.as_bytes()),
        line: r.source.line_of(at),
    });
}

/// C07: the share of this year's section 一 and 五 sentences found word for word in the
/// previous year's sections 一 and 五; fires above `threshold` (a fraction, 0.6 = 60 %).
pub fn c07(prev: &Report, cur: &Report, threshold: f64) -> Option<Finding> {
    let total = cur.narrative.len();
    if total < MIN_SENTENCES || prev.narrative.is_empty() {
        return None;
    }
    let before: std::collections::HashSet<u64> = prev.narrative.iter().map(|m| m.hash).collect();
    let copied: Vec<&SentenceMark> = cur
        .narrative
        .iter()
        .filter(|m| before.contains(&m.hash))
        .collect();
    let share = copied.len() as f64 / total as f64;
    if share <= threshold {
        return None;
    }
    let mut lines: Vec<u32> = copied.iter().map(|m| m.line).collect();
    lines.dedup();
    let shown: Vec<String> = lines.iter().take(12).map(u32::to_string).collect();
    let more = if lines.len() > 12 { " 等" } else { "" };
    let mut f = finding(
        ids::C07,
        Severity::Warning,
        format!(
            "第一、五部分 {total} 句中有 {} 句（{:.0}%）与上年度报告（{}）相同，见第 {}{more} 行",
            copied.len(),
            share * 100.0,
            year_and_path(prev),
            shown.join("、")
        ),
    );
    f.section = Some(1);
    f.lines = lines;
    Some(f)
}
