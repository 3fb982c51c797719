//! One-line scrapes: a crawler wrote the whole article as one line (`标题:… 发布时间:… 栏目:…
//! 原文链接:…` then every section, table cells run together). Such a line is broken into
//! lines before parsing, only by inserting line breaks (every other byte is kept): before a
//! crawler label, around a section heading, before each template row label (rows are
//! delimited by the template's labels) and after a sentence's `。`. The result is the text
//! the source pane shows, so provenance points into it.

use crate::template::{ALL_VERSIONS, SECTIONS, TableId};
use std::sync::OnceLock;

/// Lines shorter than this are never reflowed.
const LONG_LINE: usize = 1000;

/// Crawler labels that start a new line (preceded by a space or the line start).
const CRAWLER: &[&str] = &[
    "标题:",
    "标题：",
    "发布时间:",
    "发布时间：",
    "发布日期:",
    "发布日期：",
    "栏目:",
    "栏目：",
    "原文链接:",
    "原文链接：",
    "来源:",
    "来源：",
    "抓取时间:",
    "抓取时间：",
];

/// Table header and group words that start a line of their own.
const TABLE_WORDS: &[&str] = &[
    "第二十条第",
    "信息内容",
    "三、本年度办理结果",
    "（三）不予公开",
    "（四）无法提供",
    "（五）不予处理",
    "（六）其他处理",
    "申请人情况",
    "行政复议行政诉讼",
];

/// A character as labels are compared here: full-width forms as their ASCII letters (`（`
/// `）` `１` `．` `：`), so a label matches in either width (`1.属于国家秘密`,
/// `１．属于国家秘密`).
fn narrow(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn narrowed(s: &str) -> String {
    s.chars().map(narrow).collect()
}

/// `pat` (narrowed) at the start of `rest` in either width: the bytes of `rest` it covers.
fn starts_with_narrowed(rest: &str, pat: &str) -> Option<usize> {
    let mut it = rest.char_indices();
    for pc in pat.chars() {
        let (_, c) = it.next()?;
        if narrow(c) != pc {
            return None;
        }
    }
    Some(it.next().map_or(rest.len(), |(i, _)| i))
}

struct Patterns {
    /// Break before these (narrowed).
    before: Vec<String>,
    /// Break before and after these.
    headings: Vec<String>,
    /// The first characters of `before`, sorted: most positions of a line start none.
    before_firsts: Vec<char>,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let mut before: Vec<String> = CRAWLER.iter().map(|s| narrowed(s)).collect();
        for w in TABLE_WORDS {
            before.push(narrowed(w));
        }
        for v in ALL_VERSIONS {
            for id in [TableId::T2, TableId::T3] {
                for row in v.template().table(id).rows {
                    before.push(narrowed(row.label));
                    for var in row.variants {
                        before.push(narrowed(var));
                    }
                }
            }
        }
        let mut headings: Vec<String> = Vec::new();
        // Section headings as real reports title them: the standard titles and variants.
        for s in &SECTIONS {
            for h in std::iter::once(&s.title).chain(s.variants) {
                headings.push(narrowed(h));
            }
        }
        // Longest first, so a label wins over its own prefix.
        before.sort_by_key(|s| std::cmp::Reverse(s.len()));
        before.dedup();
        headings.sort_by_key(|s| std::cmp::Reverse(s.len()));
        headings.dedup();
        let mut before_firsts: Vec<char> = before.iter().filter_map(|w| w.chars().next()).collect();
        before_firsts.sort_unstable();
        before_firsts.dedup();
        Patterns {
            before,
            headings,
            before_firsts,
        }
    })
}

fn needs_reflow(text: &str) -> bool {
    let p = patterns();
    text.lines().any(|l| {
        l.len() >= LONG_LINE
            && l.char_indices()
                .filter(|&(i, c)| "二三四五".contains(c) && heading_at(&l[i..], p).is_some())
                .take(2)
                .count()
                >= 2
    })
}

/// `pat` at the start of `rest`, spaces in `rest` skipped (`二、 主动公开…`): bytes used.
fn match_loose(rest: &str, pat: &str) -> Option<usize> {
    let mut it = rest.char_indices().peekable();
    for pc in pat.chars() {
        while let Some(&(_, c)) = it.peek() {
            if crate::text::is_space(c) {
                it.next();
            } else {
                break;
            }
        }
        let (_, c) = it.next()?;
        if narrow(c) != pc {
            return None;
        }
    }
    Some(it.peek().map_or(rest.len(), |&(i, _)| i))
}

/// A section heading at the start of `rest`: its length in bytes.
fn heading_at(rest: &str, p: &Patterns) -> Option<usize> {
    let first = rest.chars().next()?;
    if !"一二三四五六".contains(first) {
        return None;
    }
    p.headings
        .iter()
        .find_map(|h| match_loose(rest, h))
        .or_else(|| year_heading(rest))
}

/// The text with line breaks inserted, or `None` when no line is a one-line scrape.
pub fn reflow(text: &str) -> Option<String> {
    if !needs_reflow(text) {
        return None;
    }
    let p = patterns();
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split_inclusive('\n') {
        if line.len() < LONG_LINE {
            out.push_str(line);
            continue;
        }
        reflow_line(line, p, &mut out);
    }
    Some(out)
}

fn break_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// `一、2020年度政务公开活动工作情况` (also `一、 2020年度…`): section 一 titled with its
/// year; its length.
fn year_heading(rest: &str) -> Option<usize> {
    let after = rest.strip_prefix("一、")?;
    let body = after.trim_start_matches(crate::text::is_space);
    let space = after.len() - body.len();
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let tail = body[digits..].strip_prefix("年度")?;
    let title = [
        "政务公开活动工作情况",
        "政务公开工作情况",
        "政府信息公开工作情况",
    ]
    .into_iter()
    .find(|t| tail.starts_with(t))?;
    (digits == 4).then(|| "一、".len() + space + digits + "年度".len() + title.len())
}

fn reflow_line(line: &str, p: &Patterns, out: &mut String) {
    let mut i = 0;
    let bytes = line.as_bytes();
    while i < line.len() {
        let rest = &line[i..];
        let prev_space =
            i == 0 || matches!(bytes[i - 1], b' ' | b'\t') || line[..i].ends_with('\u{3000}');
        let Some(c) = rest.chars().next() else { break };
        if let Some(h) = heading_at(rest, p) {
            break_line(out);
            out.push_str(&rest[..h]);
            out.push('\n');
            i += h;
            continue;
        }
        if let Some(n) = p
            .before_firsts
            .binary_search(&narrow(c))
            .ok()
            .and_then(|_| {
                p.before.iter().find_map(|w| {
                    starts_with_narrowed(rest, w).filter(|_| prev_space || !w.ends_with(':'))
                })
            })
        {
            break_line(out);
            out.push_str(&rest[..n]);
            i += n;
            continue;
        }
        out.push(c);
        i += c.len_utf8();
        if c == '。' && !rest[c.len_utf8()..].starts_with('\n') {
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_left_alone() {
        assert!(reflow("一、总体情况\n二、主动公开政府信息情况\n").is_none());
    }

    #[test]
    fn one_line_scrape_is_broken_at_headings_and_labels() {
        let filler = "本机关认真落实条例要求。".repeat(40);
        let text = format!(
            "标题:某某县人民政府2020年政府信息公开工作年度报告 发布时间:2021-01-20 栏目:年度报告 一、总体情况{filler}二、主动公开政府信息情况信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件101三、收到和处理政府信息公开申请情况（一）予以公开5000016（二）部分公开0000000四、政府信息公开行政复议、行政诉讼情况\n"
        );
        let out = reflow(&text).expect("reflowed");
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.contains(&"一、总体情况"));
        assert!(lines.contains(&"规章000"));
        assert!(lines.contains(&"行政规范性文件101"));
        assert!(lines.contains(&"（一）予以公开5000016"));
        assert!(lines.iter().any(|l| l.starts_with("标题:某某县")));
        assert!(lines.iter().any(|l| l.starts_with("发布时间:2021-01-20")));
        // Only line breaks were added.
        assert_eq!(out.replace('\n', ""), text.replace('\n', ""));
    }

    /// Item labels typed full-width (`１．属于国家秘密`, `（三）`) break like half-width ones.
    #[test]
    fn full_width_item_numbers_break_too() {
        let filler = "本机关认真落实条例要求。".repeat(40);
        let text = format!(
            "一、总体情况{filler}二、主动公开政府信息情况三、收到和处理政府信息公开申请情况（三）不予公开１．属于国家秘密０００００００２.其他法律行政法规禁止公开１０００００１四、政府信息公开行政复议、行政诉讼情况\n"
        );
        let out = reflow(&text).expect("reflowed");
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.contains(&"（三）不予公开"), "{lines:?}");
        assert!(
            lines.contains(&"１．属于国家秘密０００００００"),
            "{lines:?}"
        );
        assert!(
            lines.contains(&"２.其他法律行政法规禁止公开１０００００１"),
            "{lines:?}"
        );
        assert_eq!(out.replace('\n', ""), text.replace('\n', ""));
    }

    #[test]
    fn a_year_heading_with_a_space_after_its_numeral() {
        assert_eq!(
            year_heading("一、 2022年度政务公开活动工作情况（一）"),
            Some("一、 2022年度政务公开活动工作情况".len())
        );
        assert_eq!(
            year_heading("一、2022年度政务公开工作情况"),
            Some("一、2022年度政务公开工作情况".len())
        );
        assert_eq!(year_heading("一、 202年度政务公开工作情况"), None);
    }
}
