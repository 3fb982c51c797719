//! X-rules: what the 2021 template asks the text of sections 五 and 六 to say.

use super::ids;
use super::{finding, lines_of};
use crate::model::{Finding, Report, Severity};
use crate::template::TemplateVersion;
use crate::text::squash;

fn section_lines(r: &Report, n: u8) -> Vec<u32> {
    lines_of(r.section(n).map(|s| s.heading))
}

/// `a` followed by `b` within `window` characters.
pub(crate) fn followed_by(text: &str, a: &str, b: &str, window: usize) -> bool {
    text.match_indices(a).any(|(i, _)| {
        let rest = &text[i + a.len()..];
        let end = rest
            .char_indices()
            .nth(window)
            .map_or(rest.len(), |(j, _)| j);
        rest[..end].contains(b)
    })
}

/// X01: 2021 template, section 六 does not say whether 信息处理费 was charged.
pub fn x01(r: &Report) -> Vec<Finding> {
    if r.template != Some(TemplateVersion::V2021) {
        return Vec::new();
    }
    let text = squash(r.section_text(6));
    if text.contains("信息处理费") || text.contains("收费") || followed_by(&text, "收取", "费", 20)
    {
        return Vec::new();
    }
    let mut f = finding(
        ids::X01,
        Severity::Warning,
        "第六部分未说明是否收取信息处理费".to_string(),
    );
    f.section = Some(6);
    f.lines = section_lines(r, 6);
    vec![f]
}

/// X02: 2021 template, section 五 says nothing of last year's problems being rectified.
pub fn x02(r: &Report) -> Vec<Finding> {
    if r.template != Some(TemplateVersion::V2021) {
        return Vec::new();
    }
    let text = squash(r.section_text(5));
    if ["上一年度", "上年度", "上年"]
        .iter()
        .any(|k| followed_by(&text, k, "整改", 200))
    {
        return Vec::new();
    }
    let mut f = finding(
        ids::X02,
        Severity::Info,
        "第五部分未提及上年度问题的整改情况".to_string(),
    );
    f.section = Some(5);
    f.lines = section_lines(r, 5);
    vec![f]
}

/// Section 五 text shorter than this (characters, spaces and punctuation not counted)
/// says nothing.
const X03_MIN_CHARS: usize = 20;

/// X03: section 五 is there with content, but says nothing: only 无/暂无/没有 (and the
/// like), or under 20 characters of text. An empty section is S03's.
pub fn x03(r: &Report) -> Vec<Finding> {
    let Some(s) = r.section(5).filter(|s| s.has_content) else {
        return Vec::new();
    };
    let text: String = squash(r.section_text(5))
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let count = text.chars().count();
    let nothing = matches!(
        text.as_str(),
        "无" | "暂无" | "没有" | "无问题" | "暂无问题"
    );
    if !nothing && count >= X03_MIN_CHARS {
        return Vec::new();
    }
    let mut f = finding(
        ids::X03,
        Severity::Warning,
        format!(
            "第五部分没有实质内容（仅 {count} 个字：“{}”）",
            super::excerpt(&text)
        ),
    );
    f.section = Some(5);
    f.lines = lines_of([s.span]);
    vec![f]
}

#[cfg(test)]
mod tests {
    use super::followed_by;

    #[test]
    fn followed_within_window() {
        assert!(followed_by(
            "上年度存在的问题已全部整改",
            "上年度",
            "整改",
            20
        ));
        assert!(!followed_by("整改上年度", "上年度", "整改", 20));
        assert!(!followed_by("上年度一二三四五整改", "上年度", "整改", 3));
    }
}
