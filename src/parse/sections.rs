//! Finding the six sections: headings, spans, and the page chrome around them.

use crate::model::{Section, SourceText, Span};
use crate::template::{SectionDef, section, section_by_numeral};
use crate::text::{is_space, squash, tidy};

/// Row labels of table 3 that look like headings (`四、结转下年度继续办理`).
const NOT_HEADINGS: &[&str] = &[
    "本年新收",
    "上年结转",
    "本年度办理结果",
    "结转下年度",
    "继续办理",
];

/// Page chrome: site headers and footers that are not report content.
const CHROME: &[&str] = &[
    "主办:",
    "承办:",
    "主办单位",
    "承办单位",
    "联系电话",
    "地址:",
    "ICP备",
    "ICP证",
    "版权所有",
    "网站标识码",
    "技术支持",
    "标签:",
    "留言与评论",
    "验证码",
    "分享到",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "扫一扫",
    "分辨率",
    "IPV6",
    "公网安备",
    "网站地图",
    "返回顶部",
    "相关链接",
    "上一篇",
    "下一篇",
];

/// Whether a line is page chrome.
pub fn is_chrome(line: &str) -> bool {
    // Footers and site headers are short lines; paragraphs are not chrome.
    if line.len() > 300 {
        return false;
    }
    let s = squash(line);
    if s.is_empty() {
        return false;
    }
    CHROME.iter().any(|c| s.contains(c))
        || matches!(
            s.as_str(),
            "打印" | "关闭" | "字号:" | "字体:[]" | "分享" | "收藏"
        )
        || s.starts_with("字号:")
        || s.starts_with("字体:")
}

/// If `line` is a heading of section 1-6, its number and its title text (tidied).
/// Headings are `一、总体情况` (also `一.` `一，`), `第一部分 总体情况`, and — only when
/// `arabic` is set — `1、总体情况` / `1. 总体情况`.
pub fn heading_with(line: &str, arabic: bool) -> Option<(u8, String)> {
    let start = line.trim_start_matches(is_space).trim_start_matches('#');
    let t0 = start.trim_start_matches(is_space);
    let first = t0.chars().next()?;
    let part = first == '第';
    if !(section_by_numeral(first).is_some() || part || (arabic && first.is_ascii_digit()))
        || line.len() > 400
        || line.contains('\t')
    {
        return None;
    }
    let t = start.trim_matches(is_space);
    let (def, rest): (&SectionDef, &str) = if part {
        // 第一部分 / 第一部分： / 第一部分、
        let mut c = t.chars();
        c.next();
        let def = section_by_numeral(c.next()?)?;
        let rest = c.as_str().strip_prefix("部分")?;
        let rest = rest.trim_start_matches(is_space);
        let rest = rest.trim_start_matches([':', '：', '、', '.', '．', ',', '，']);
        (def, rest)
    } else {
        let mut chars = t.chars();
        let c = chars.next()?;
        let def = if c.is_ascii_digit() {
            section(c.to_digit(10)? as u8)?
        } else {
            section_by_numeral(c)?
        };
        let rest = chars.as_str().trim_start_matches(is_space);
        let sep = rest.chars().next()?;
        if !matches!(sep, '、' | '.' | '．' | ',' | '，' | ':' | '：') {
            return None;
        }
        (def, &rest[sep.len_utf8()..])
    };
    let body = squash(rest);
    let len = body.chars().count();
    if len == 0 || len > 45 || body.ends_with('。') || body.ends_with('；') {
        return None;
    }
    if NOT_HEADINGS.iter().any(|w| body.contains(w)) {
        return None;
    }
    if !def.keywords.iter().any(|k| body.contains(k)) {
        return None;
    }
    let mut title = tidy(t);
    // "二、主动公开政府信息情况 表": a trailing "表" is layout, not title.
    if let Some(stripped) = title.strip_suffix(" 表") {
        title = stripped.to_string();
    }
    Some((def.number, title))
}

/// [`heading_with`] for Chinese-numeral and 第X部分 headings.
pub fn heading(line: &str) -> Option<(u8, String)> {
    heading_with(line, false)
}

fn scan(src: &SourceText, arabic: bool) -> Vec<(u8, String, u32)> {
    let mut heads: Vec<(u8, String, u32)> = Vec::new();
    let mut current = 0u8;
    for (n, _, line) in src.lines() {
        if let Some((num, title)) = heading_with(line, arabic)
            && num > current
        {
            current = num;
            heads.push((num, title, n));
        }
    }
    heads
}

/// Find the sections of a document, in order.
pub fn find(src: &SourceText) -> Vec<Section> {
    let mut heads = scan(src, false);
    // Reports numbered 1、2、3、… are only read that way when Chinese numerals found too
    // little: table 3's item labels (1.属于国家秘密 …) look like such headings.
    if heads.len() < 3 {
        let arabic = scan(src, true);
        if arabic.len() > heads.len() {
            heads = arabic;
        }
    }
    let total = src.line_count() as u32;
    let mut sections = Vec::with_capacity(heads.len());
    for (i, (num, title, line)) in heads.iter().enumerate() {
        let next = heads.get(i + 1).map_or(total + 1, |h| h.2);
        // Content ends at the last non-blank, non-chrome line before the next heading; for
        // the last section, at the first chrome line (footers).
        let mut end = *line;
        let mut has_content = false;
        let last_section = i + 1 == heads.len();
        for n in line + 1..next {
            let text = src.line(n as usize);
            // Footers follow the last section; chrome inside the body is not looked for.
            if last_section && is_chrome(text) {
                break;
            }
            if !text.trim_matches(is_space).is_empty() {
                end = n;
                has_content = true;
            }
        }
        let hs = src.line_start(*line as usize);
        let heading = src.span(hs, hs + src.line(*line as usize).len());
        let es = src.line_start(end as usize);
        let span = Span {
            line_start: *line,
            line_end: end,
            byte_start: hs as u32,
            byte_end: (es + src.line(end as usize).len()) as u32,
        };
        sections.push(Section {
            number: *num,
            title: title.clone(),
            span,
            heading,
            has_content,
        });
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings() {
        assert_eq!(heading("一、总体情况").unwrap().0, 1);
        assert_eq!(
            heading("    一、 2020年度 政务公开活动工作情况").unwrap().0,
            1
        );
        assert_eq!(
            heading("二、主动公开政府信息情况 表").unwrap().1,
            "二、主动公开政府信息情况"
        );
        assert_eq!(
            heading("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况")
                .unwrap()
                .0,
            4
        );
        assert_eq!(heading("五、存在的主要问题").unwrap().0, 5);
        assert_eq!(heading("六、下步工作计划").unwrap().0, 6);
        assert_eq!(
            heading("## 三、收到和处理政府信息公开申请情况").unwrap().0,
            3
        );
        assert!(heading("一、本年新收政府信息公开申请数量").is_none());
        assert!(heading("四、结转下年度继续办理").is_none());
        assert!(heading("三、本年度办理结果").is_none());
        assert!(heading("四、纟\t吉转下年度继续").is_none());
        assert!(heading("一是做好初审(一审)工作。").is_none());
        assert_eq!(heading("第一部分 总体情况").unwrap().0, 1);
        assert_eq!(
            heading("第四部分：政府信息公开行政复议、行政诉讼情况")
                .unwrap()
                .0,
            4
        );
        assert!(heading("1、总体情况").is_none());
        assert_eq!(heading_with("1、总体情况", true).unwrap().0, 1);
        assert!(heading_with("3.补正后申请内容仍不明确", true).is_none());
        assert!(heading_with("6.属于四类过程性信息", true).is_none());
    }

    #[test]
    fn chrome() {
        assert!(is_chrome(
            "主办:香格里拉市人民政府 承办:香格里拉市人民政府办公室"
        ));
        assert!(is_chrome("    标签:"));
        assert!(is_chrome("留言与评论(共有 0 条评论)"));
        assert!(!is_chrome("2020年,漫路乡无其他需要报告的事项。"));
    }

    #[test]
    fn sections_in_order_with_chrome_cut() {
        let src = SourceText::new(
            "标题\n一、总体情况\n内容\n二、主动公开政府信息情况\n表\n一、本年新收\n六、其他需要报告的事项\n\n主办:某某\n"
                .to_string(),
        );
        let s = find(&src);
        assert_eq!(s.iter().map(|s| s.number).collect::<Vec<_>>(), [1, 2, 6]);
        assert_eq!((s[0].span.line_start, s[0].span.line_end), (2, 3));
        assert!(!s[2].has_content);
        assert_eq!(s[2].span.line_end, 7);
    }
}
