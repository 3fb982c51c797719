//! Report metadata: title, agency, year, publication date, statistics period, template
//! version.

use super::sections::is_chrome;
use crate::model::{Date, Located, Period, Section, SourceText, Span};
use crate::template::{ALL_VERSIONS, TemplateVersion};
use crate::text::{chinese_digit, chinese_number, squash, tidy};

fn line_span(src: &SourceText, n: u32) -> Span {
    let s = src.line_start(n as usize);
    src.span(s, s + src.line(n as usize).len())
}

/// The line that says what the document is: the first line before section 一 that names
/// 政府信息公开 and a report (a sentence — a line with `。` — is not a title, though it may
/// name the annual report). Else the first heading that names 政务公开 and what else the
/// page is (`…政府信息公开指南`, `关于做好2023年政务公开工作的通知`, `…工作要点`), else
/// the first line that names 政府信息公开.
pub fn title(src: &SourceText, sections: &[Section]) -> Option<Located<String>> {
    let limit = sections
        .first()
        .map_or(40.min(src.line_count() as u32), |s| {
            s.span.line_start.saturating_sub(1)
        });
    let mut fallback = None;
    let mut other = None;
    for n in 1..=limit {
        let line = src.line(n as usize);
        let s = squash(crawler_value(line));
        if s.is_empty() || is_chrome(line) || s.chars().count() > 80 {
            continue;
        }
        let names_open = s.contains("信息公开") || s.contains("政务公开");
        let sentence = s.contains('。');
        if other.is_none()
            && names_open
            && !sentence
            && s.chars().count() <= 40
            && crate::model::NOT_REPORT_TITLES
                .iter()
                .any(|w| s.contains(w))
        {
            other = Some(n);
        }
        if names_open && !sentence && (s.contains("报告") || s.contains("年报")) {
            return Some(Located {
                value: tidy(crawler_value(
                    line.trim_start_matches(['•', '·', '*', '#', '-']),
                )),
                span: line_span(src, n),
            });
        }
        // A title wrapped over two lines (PDF text keeps its visual lines): `…工作年度报` / `告`.
        if s.contains("信息公开") && !sentence && n < limit {
            let next = src.line(n as usize + 1);
            let joined = format!("{s}{}", squash(next));
            if squash(next).chars().count() <= 12
                && !is_chrome(next)
                && (joined.contains("报告") || joined.contains("年报"))
            {
                return Some(Located {
                    value: tidy(&format!("{}{}", line.trim(), next.trim())),
                    span: line_span(src, n).join(line_span(src, n + 1)),
                });
            }
        }
        if fallback.is_none() && s.contains("政府信息公开") && s.chars().count() > 8 {
            fallback = Some(n);
        }
    }
    other.or(fallback).map(|n| Located {
        value: tidy(crawler_value(src.line(n as usize))),
        span: line_span(src, n),
    })
}

/// Labels a crawler or CMS writes before a page's fields (`标题:… 发布时间:… 栏目:…`).
const CRAWLER_LABELS: &[&str] = &[
    "标题",
    "文章标题",
    "题目",
    "名称",
    "发布时间",
    "发布日期",
    "栏目",
    "所属栏目",
    "原文链接",
    "链接",
    "来源",
    "网址",
    "URL",
    "url",
    "作者",
    "抓取时间",
    "采集时间",
    "浏览次数",
];

/// The labelled crawler field at byte `at` of `s`: the label's length including its colon.
fn crawler_label_at(s: &str, at: usize) -> Option<usize> {
    let rest = &s[at..];
    CRAWLER_LABELS.iter().find_map(|l| {
        let after = rest.strip_prefix(l)?;
        let after_t = after.trim_start_matches([' ', '\u{3000}']);
        let colon = after_t.chars().next().filter(|c| matches!(c, ':' | '：'))?;
        Some(rest.len() - after_t.len() + colon.len_utf8())
    })
}

/// A line's value without crawler labels: `标题:某县2020年…报告 发布时间:2021-01-20` →
/// `某县2020年…报告`. Lines without a leading label are returned as they are.
pub fn crawler_value(line: &str) -> &str {
    let t = line.trim_start_matches(is_space_char);
    let Some(skip) = crawler_label_at(t, 0) else {
        return line;
    };
    let value = &t[skip..];
    // The value ends where the next label starts.
    let end = value
        .char_indices()
        .filter(|&(i, c)| i > 0 && (c == ' ' || c == '\u{3000}' || c == '\t'))
        .find(|&(i, c)| crawler_label_at(value, i + c.len_utf8()).is_some())
        .map_or(value.len(), |(i, _)| i);
    value[..end].trim_matches(is_space_char)
}

fn is_space_char(c: char) -> bool {
    crate::text::is_space(c)
}

/// The first 4-digit year (1990-2099) in `s`, with its char index.
fn find_year(s: &str) -> Option<(i32, usize)> {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let w = &chars[i..i + 4];
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        let after_ok = i + 4 == chars.len() || !chars[i + 4].is_ascii_digit();
        if before_ok && after_ok && w.iter().all(|c| c.is_ascii_digit()) {
            let y: i32 = w.iter().collect::<String>().parse().ok()?;
            if (1990..=2099).contains(&y) {
                return Some((y, i));
            }
        }
        i += 1;
    }
    None
}

pub fn year(
    title: Option<&Located<String>>,
    src: &SourceText,
    sections: &[Section],
) -> Option<Located<i32>> {
    if let Some(t) = title
        && let Some((y, _)) = find_year(&squash(&t.value))
    {
        return Some(Located {
            value: y,
            span: t.span,
        });
    }
    // "2020年度" or "2020年" in the first lines of section 一.
    let s1 = sections.first()?;
    for n in s1.span.line_start..=s1.span.line_end.min(s1.span.line_start + 10) {
        let s = squash(src.line(n as usize));
        if let Some((y, i)) = find_year(&s)
            && s.chars().nth(i + 4) == Some('年')
        {
            return Some(Located {
                value: y,
                span: line_span(src, n),
            });
        }
    }
    None
}

/// Verbs that follow 关于 in the title of a notice (`关于做好…的通知`, `关于印发…`).
const NOTICE_VERBS: &[&str] = &[
    "做好",
    "印发",
    "开展",
    "加强",
    "进一步",
    "推进",
    "深入",
    "全面",
    "转发",
    "落实",
];

const AGENCY_TRAIL: &[&str] = &["关于", "的", "年度", "年", "度", "(", "《"];

/// The agency, from the title (text before the year or before 政府信息公开), else from a
/// 发布机构/来源 line, else from the signature.
pub fn agency(
    title: Option<&Located<String>>,
    src: &SourceText,
    sections: &[Section],
) -> Option<Located<String>> {
    // `关于做好2023年政务公开工作的通知`: a title that starts with 关于 and a verb names no
    // issuer (`关于某某市教育局2021年…报告` does).
    let no_issuer = |t: &&Located<String>| {
        let s = squash(&t.value);
        s.strip_prefix("关于")
            .is_some_and(|r| NOTICE_VERBS.iter().any(|v| r.starts_with(v)))
    };
    if let Some(t) = title.filter(|t| !no_issuer(t)) {
        let s = squash(&t.value).replace(['《', '》'], "");
        let s = s.strip_prefix("关于").unwrap_or(&s).to_string();
        let cut_year = find_year(&s).map(|(_, i)| i);
        let cut_gov = s.find("政府信息公开").map(|b| s[..b].chars().count());
        let cut = match (cut_year, cut_gov) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(c) = cut {
            let mut name: String = s.chars().take(c).collect();
            if name.is_empty() {
                // "2020年XX县政府信息公开工作年度报告"
                let after: String = s.chars().skip(c + 4).collect();
                let after = after.trim_start_matches(['年', '度']);
                name = after.split("政府信息公开").next().unwrap_or("").to_string();
            }
            let mut changed = true;
            while changed {
                changed = false;
                for t in AGENCY_TRAIL {
                    if let Some(x) = name.strip_suffix(t) {
                        name = x.to_string();
                        changed = true;
                    }
                }
            }
            // "XX县人民政府办公室关于印发2021年…": the issuer is before 关于.
            if let Some(k) = name.find("关于")
                && k > 0
            {
                name.truncate(k);
            }
            // "XX县人民政府信息公开": the cut at 政府信息公开 split 人民政府.
            if name.ends_with("人民") {
                name.push_str("政府");
            }
            if name.chars().count() >= 2 {
                return Some(Located {
                    value: name,
                    span: t.span,
                });
            }
        }
    }
    let limit = sections
        .first()
        .map_or(30.min(src.line_count() as u32), |s| {
            s.span.line_start.saturating_sub(1)
        });
    for label in ["发布机构", "发文机关", "来源", "信息来源"] {
        for n in 1..=limit {
            let s = squash(src.line(n as usize));
            let s = s.trim_start_matches(['•', '·', '*', '-', '|']);
            if let Some(rest) = s.strip_prefix(label) {
                let rest = rest.trim_start_matches([':', '：', '|']);
                let v: String = rest
                    .chars()
                    .take_while(|c| !matches!(c, ' ' | ':' | '：' | '|'))
                    .collect();
                let v = v.split("浏览").next().unwrap_or("").to_string();
                if v.chars().count() >= 2 && !v.chars().all(|c| c.is_ascii_digit() || c == '-') {
                    return Some(Located {
                        value: v,
                        span: line_span(src, n),
                    });
                }
                // The value may sit on the next line (索引号/来源 blocks).
                let next = squash(src.line(n as usize + 1));
                if rest.is_empty() && next.chars().count() >= 2 && next.chars().count() <= 30 {
                    return Some(Located {
                        value: next,
                        span: line_span(src, n + 1),
                    });
                }
            }
        }
    }
    signature(src).map(|(n, name)| Located {
        value: name,
        span: line_span(src, n),
    })
}

const ORG_SUFFIXES: &[&str] = &[
    "人民政府",
    "政府",
    "办事处",
    "局",
    "委员会",
    "办公室",
    "管委会",
    "中心",
];

/// The signature at the end: an agency line (often followed by a date line).
fn signature(src: &SourceText) -> Option<(u32, String)> {
    let total = src.line_count() as u32;
    let mut seen = 0;
    for n in (1..=total).rev() {
        let line = src.line(n as usize);
        let s = squash(line);
        if s.is_empty() || is_chrome(line) {
            continue;
        }
        seen += 1;
        if seen > 8 {
            break;
        }
        if s.chars().count() <= 30 && ORG_SUFFIXES.iter().any(|x| s.ends_with(x)) {
            return Some((n, s));
        }
    }
    None
}

/// Parse a date at the start of `s` (squashed): `2021-02-04`, `2021/2/4`, `2021.02.04`,
/// `2021年2月4日`, `二〇二一年一月二十六日`. Returns the date and chars consumed.
pub fn parse_date(s: &str) -> Option<(Date, usize)> {
    let chars: Vec<char> = s.chars().collect();
    // Arabic digits.
    let mut i = 0;
    let read_num = |i: &mut usize, max: usize| -> Option<u32> {
        let start = *i;
        while *i < chars.len() && chars[*i].is_ascii_digit() && *i - start < max {
            *i += 1;
        }
        if *i == start {
            return None;
        }
        chars[start..*i].iter().collect::<String>().parse().ok()
    };
    if let Some(y) = read_num(&mut i, 4)
        && i == 4
    {
        let sep = *chars.get(i)?;
        let (sep2, end) = match sep {
            '-' | '/' | '.' => (sep, None),
            '年' => ('月', Some('日')),
            _ => return None,
        };
        i += 1;
        let m = read_num(&mut i, 2)?;
        if chars.get(i) != Some(&sep2) {
            return None;
        }
        i += 1;
        let d = read_num(&mut i, 2)?;
        if let Some(e) = end {
            if chars.get(i) == Some(&e) || chars.get(i) == Some(&'号') {
                i += 1;
            } else {
                return None;
            }
        }
        return Date::new(y as i32, m, d).map(|dt| (dt, i));
    }
    // Chinese numerals: 二〇二一年一月二十六日.
    let mut j = 0;
    let mut year = 0i32;
    while j < chars.len() && j < 4 {
        let d = chinese_digit(chars[j])?;
        year = year * 10 + d as i32;
        j += 1;
    }
    if j != 4 || chars.get(j) != Some(&'年') {
        return None;
    }
    j += 1;
    let mstart = j;
    while j < chars.len() && chars[j] != '月' {
        j += 1;
    }
    let m = chinese_number(&chars[mstart..j].iter().collect::<String>())?;
    j += 1;
    let dstart = j;
    while j < chars.len() && chars[j] != '日' {
        j += 1;
    }
    if j >= chars.len() {
        return None;
    }
    let d = chinese_number(&chars[dstart..j].iter().collect::<String>())?;
    Date::new(year, m, d).map(|dt| (dt, j + 1))
}

/// The publication date: 发布日期/发布时间/公开日期, then 成文日期, then the dated signature.
pub fn published(src: &SourceText) -> Option<Located<Date>> {
    let total = src.line_count() as u32;
    let head = total.min(60);
    for labels in [
        &[
            "发布日期",
            "发布时间",
            "公开日期",
            "发文日期",
            "发布于",
            "更新时间",
        ][..],
        &["成文日期", "印发日期"][..],
        &["日期:", "时间:"][..],
    ] {
        for n in 1..=head {
            let raw = src.line(n as usize);
            if !(raw.contains('日') || raw.contains('时') || raw.contains('发')) {
                continue;
            }
            let s = squash(raw);
            for l in labels {
                if let Some(pos) = s.find(l) {
                    // `| 发布日期： | 2023-01-31 |` in a rendered info table too.
                    let rest = s[pos + l.len()..].trim_start_matches([':', '：', ']', '】', '|']);
                    if let Some(d) = find_date_prefix(rest) {
                        return Some(Located {
                            value: d,
                            span: line_span(src, n),
                        });
                    }
                    if rest.is_empty()
                        && let Some(d) = find_date_prefix(&squash(src.line(n as usize + 1)))
                    {
                        return Some(Located {
                            value: d,
                            span: line_span(src, n + 1),
                        });
                    }
                }
            }
        }
    }
    // The date under the signature: a line near the end that is only a date.
    let mut seen = 0;
    for n in (1..=total).rev() {
        let line = src.line(n as usize);
        let s = squash(line);
        if s.is_empty() || is_chrome(line) {
            continue;
        }
        seen += 1;
        if seen > 6 {
            break;
        }
        if s.chars().count() <= 16
            && let Some((d, used)) = parse_date(&s)
            && used >= s.chars().count().saturating_sub(1)
        {
            return Some(Located {
                value: d,
                span: line_span(src, n),
            });
        }
    }
    None
}

fn find_date_prefix(s: &str) -> Option<Date> {
    parse_date(s).map(|(d, _)| d)
}

/// The stated statistics period: `自2020年1月1日起至2020年12月28日止`, `2020年1月1日至12月31日`;
/// also a sentence wrapped at the page width that starts the period on one line and ends
/// it on the next (PDF text).
pub fn period(
    src: &SourceText,
    sections: &[Section],
    year: Option<i32>,
) -> Option<Located<Period>> {
    let limit = sections
        .iter()
        .find(|s| s.number >= 2)
        .map_or(src.line_count() as u32, |s| s.span.line_start);
    for n in 1..limit {
        let raw = src.line(n as usize);
        let next = if n + 1 < limit {
            src.line(n as usize + 1)
        } else {
            ""
        };
        let has_to = |l: &str| l.contains('至') || l.contains('到');
        let wrapped = crate::text::wraps_onto(raw, next);
        if !(has_to(raw) || wrapped && has_to(next)) {
            continue;
        }
        let s = squash(raw);
        if has_to(raw)
            && let Some(p) = period_in(&s, s.len(), year)
        {
            return Some(Located {
                value: p,
                span: line_span(src, n),
            });
        }
        if wrapped {
            // The period must start on this line (else the next line states it alone).
            let joined = format!("{s}{}", squash(next));
            if let Some(p) = period_in(&joined, s.len(), year) {
                return Some(Located {
                    value: p,
                    span: line_span(src, n).join(line_span(src, n + 1)),
                });
            }
        }
    }
    None
}

/// The first period in squashed text `s` whose start date begins before byte `max_start`.
fn period_in(s: &str, max_start: usize, year: Option<i32>) -> Option<Period> {
    for (b, c) in s.char_indices() {
        if b >= max_start {
            break;
        }
        if !c.is_ascii_digit() && chinese_digit(c).is_none() {
            continue;
        }
        let Some((start, used)) = parse_date(&s[b..]) else {
            continue;
        };
        let rest: String = s[b..].chars().skip(used).collect();
        let rest = rest.trim_start_matches('起');
        let Some(rest) = rest
            .strip_prefix('至')
            .or_else(|| rest.strip_prefix('到'))
            .or_else(|| rest.strip_prefix('-'))
        else {
            continue;
        };
        let end = parse_date(rest).map(|(d, _)| d).or_else(|| {
            // "至12月31日": same year.
            let r = format!("{}年{}", start.year, rest);
            parse_date(&r).map(|(d, _)| d)
        });
        if let Some(end) = end
            && end >= start
            && year.is_none_or(|y| (start.year - y).abs() <= 1)
        {
            return Some(Period { start, end });
        }
    }
    None
}

/// Detect the template version from header words in sections 二 and 三 (or the whole text).
pub fn template(src: &SourceText, sections: &[Section]) -> Option<TemplateVersion> {
    let range = match (
        sections.iter().find(|s| s.number == 2),
        sections.iter().find(|s| s.number == 4),
    ) {
        (Some(a), Some(b)) => a.span.byte_start as usize..b.span.byte_start as usize,
        (Some(a), None) => a.span.byte_start as usize..src.text.len(),
        _ => 0..src.text.len(),
    };
    // Header words sit in short lines (table cells and header rows), not in paragraphs.
    let mut text = String::new();
    for line in src.text[range].lines() {
        let t = line.trim();
        if line.len() <= 400 && !t.is_empty() && !t.bytes().all(|b| b.is_ascii_digit() || b == b' ')
        {
            crate::text::squash_into(line, &mut text);
            text.push('\n');
        }
    }
    let mut best: Option<(usize, TemplateVersion)> = None;
    for v in ALL_VERSIONS {
        let hits = v
            .template()
            .markers
            .iter()
            .filter(|m| text.contains(&squash(m)))
            .count();
        if hits > 0 && best.is_none_or(|(h, _)| hits > h) {
            best = Some((hits, v));
        }
    }
    best.map(|(_, v)| v)
}

#[cfg(test)]
mod tests;
