//! Character-level normalisation shared by the parser and the validator.
//! Reports mix full-width and ASCII digits and punctuation, insert spaces inside words
//! (PDF extraction), and use several dash and quote characters.

/// Map a full-width ASCII variant (U+FF01..U+FF5E) and the ideographic space to ASCII;
/// unify brackets, dots and dashes that reports use interchangeably.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200B}' | '\u{202F}' | '\u{FEFF}' => ' ',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        '﹒' => '.',
        '–' | '—' | '―' | '−' => '-',
        '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' => '"',
        _ => c,
    }
}

/// A decimal digit as reports print them: ASCII or full-width (`１２`, typed with a Chinese
/// input method).
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c)
}

/// The value of a run of [`is_digit`] digits (`１２` is 12); `None` when anything else is in
/// it or it overflows.
pub fn digits_value(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    s.chars().try_fold(0u64, |v, c| {
        let d = fold_char(c).to_digit(10).filter(|_| is_digit(c))?;
        v.checked_mul(10)?.checked_add(u64::from(d))
    })
}

/// Lines of at least this many characters that stop mid-sentence were wrapped at the page
/// width (text extracted from a PDF).
pub const WRAP_WIDTH: usize = 30;

/// Whether `line` can be the first part of a sentence wrapped at the page width: long
/// enough, ending neither a sentence nor a lead-in (`：`), and not a table row (a bar at
/// its end, a tab in it). Cheap: its end and one byte scan.
pub fn may_wrap(line: &str) -> bool {
    let l = line.trim_end_matches(is_space);
    l.len() >= WRAP_WIDTH
        && !l.ends_with(['。', '；', ';', '！', '!', '？', '?', '：', ':', '|', '｜'])
        && !l.as_bytes().contains(&b'\t')
}

/// Whether `line` was wrapped at the page width and its sentence goes on in `next` (plain
/// `pdftotext` text): `line` is long and ends neither a sentence nor a lead-in (`：`), and
/// `next` is not empty and starts no heading or item (`一、` `（一）` `1.`). Table text
/// (a tab or a bar in either line) is never prose wrapped.
pub fn wraps_onto(line: &str, next: &str) -> bool {
    if !may_wrap(line) {
        return false;
    }
    let l = line.trim_end_matches(is_space);
    let n = next.trim_start_matches(is_space);
    if n.is_empty() || l.chars().count() < WRAP_WIDTH {
        return false;
    }
    let mut c = n.chars();
    let item = match (c.next(), c.next()) {
        (Some('（' | '(' | '第'), _) => true,
        (Some(a), Some('、')) if chinese_digit(a).is_some() => true,
        (Some(a), Some('.' | '、' | '．')) => a.is_ascii_digit(),
        _ => false,
    };
    let table = |s: &str| s.contains(['\t', '|', '｜']);
    !item && !table(l) && !table(n)
}

#[inline]
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '\t'..='\r' | ' ');
    }
    c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{3000}' | '\u{200B}' | '\u{FEFF}')
}

/// Fold characters and drop all whitespace: the form used to compare labels.
/// `（二） 部分公开` and `(二)部分公开` compare equal.
pub fn squash(s: &str) -> String {
    fold_without(s, false)
}

/// Like [`squash`], but also drop quotes, which extraction often loses (`危及三安全一稳定`).
pub fn label_key(s: &str) -> String {
    fold_without(s, true)
}

/// Fold every character and drop whitespace (and quotes when `quotes`).
fn fold_without(s: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, quotes, &mut out);
    out
}

/// [`squash`] appended to `out` (no allocation when `out` has room).
pub fn squash_into(s: &str, out: &mut String) {
    fold_into(s, false, out);
}

/// ASCII and the CJK ideographs U+4000..U+9FFF (first byte `E4`..`E9`), which fold to
/// themselves and are never space, are copied as bytes; everything else goes through
/// [`fold_char`].
fn fold_into(s: &str, quotes: bool, out: &mut String) {
    let b = s.as_bytes();
    out.reserve(s.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            let f = if c == b'\'' { b'"' } else { c };
            if !(matches!(f, b'\t'..=b'\r' | b' ') || quotes && f == b'"') {
                out.push(char::from(f));
            }
            i += 1;
        } else if (0xE4..=0xE9).contains(&c) {
            // A run of ideographs in one copy.
            let mut j = i + 3;
            while b.get(j).is_some_and(|n| (0xE4..=0xE9).contains(n)) {
                j += 3;
            }
            out.push_str(&s[i..j]);
            i = j;
        } else {
            let ch = s[i..].chars().next().unwrap_or(' ');
            let f = fold_char(ch);
            if !(is_space(f) || quotes && f == '"') {
                out.push(f);
            }
            i += ch.len_utf8();
        }
    }
}

/// Collapse runs of whitespace to one space and trim: the form used to show labels.
pub fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if is_space(c) {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// True when the character is a CJK ideograph.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Value of a Chinese numeral character 〇一二…九 (and 零, 两).
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' | 'О' | 'o' | 'O' | '0' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Parse a small Chinese number: `十二` → 12, `二十六` → 26, `三十一` → 31, `七` → 7.
pub fn chinese_number(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    if let Some(pos) = chars.iter().position(|&c| c == '十') {
        let tens = if pos == 0 {
            1
        } else if pos == 1 {
            chinese_digit(chars[0])?
        } else {
            return None;
        };
        let ones = match chars.len() - pos - 1 {
            0 => 0,
            1 => chinese_digit(chars[pos + 1])?,
            _ => return None,
        };
        return Some(tens * 10 + ones);
    }
    if chars.len() == 1 {
        return chinese_digit(chars[0]);
    }
    None
}

/// A list of source line numbers in the one format every output uses: runs joined by
/// hyphens, runs separated by commas, in the order given (`35-39,42-56`, `7`, empty for none).
/// Lines are expected sorted; an unsorted or repeated line simply starts a new run.
pub fn line_list(lines: &[u32]) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &l in lines {
        match runs.last_mut() {
            Some((_, end)) if end.checked_add(1) == Some(l) => *end = l,
            Some((_, end)) if *end == l => {}
            _ => runs.push((l, l)),
        }
    }
    runs.iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squash_and_label_key_fold_every_character() {
        let all: String = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        let reference = |quotes: bool| -> String {
            all.chars()
                .map(fold_char)
                .filter(|&f| !(is_space(f) || quotes && f == '"'))
                .collect()
        };
        assert_eq!(squash(&all), reference(false));
        assert_eq!(label_key(&all), reference(true));
        let naive_space = |c: char| {
            c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{3000}' | '\u{200B}' | '\u{FEFF}')
        };
        assert!(all.chars().all(|c| is_space(c) == naive_space(c)));
    }

    #[test]
    fn lines_wrapped_at_the_page_width() {
        let long = "根据《中华人民共和国政府信息公开条例》的规定，现向社会公布本机关";
        assert!(wraps_onto(long, "2020年政府信息公开工作年度报告。"));
        assert!(wraps_onto(&format!("{long}，"), "申请5件"));
        // A sentence, a lead-in, a short line or a heading or item after it: a real break.
        assert!(!wraps_onto(&format!("{long}。"), "下一步"));
        assert!(!wraps_onto(&format!("{long}："), "下一步"));
        assert!(!wraps_onto("一、总体情况", "2020年，本机关"));
        // Table rows are not prose.
        assert!(!wraps_onto(&format!("{long}\t0\t0"), "申请5件"));
        assert!(!wraps_onto(long, "| 规章 | 0 | 0 |"));
        for next in [
            "二、主动公开",
            "（一）予以公开",
            "(二)部分",
            "1.属于",
            "2、重复",
            "第二十条",
            " ",
            "",
        ] {
            assert!(!wraps_onto(long, next), "{next:?}");
        }
    }

    #[test]
    fn squash_folds_width_and_space() {
        assert_eq!(squash("（二） 部分 公开"), "(二)部分公开");
        assert_eq!(squash("１２\u{3000}３"), "123");
        assert_eq!(label_key("3.危及“三安全一稳定”"), "3.危及三安全一稳定");
        assert_eq!(squash("1．属于"), "1.属于");
    }

    #[test]
    fn line_lists_compress_into_runs() {
        assert_eq!(line_list(&[]), "");
        assert_eq!(line_list(&[7]), "7");
        assert_eq!(
            line_list(&[35, 36, 37, 38, 39, 42, 43, 44, 56]),
            "35-39,42-44,56"
        );
        assert_eq!(line_list(&[3, 3, 4]), "3-4");
        assert_eq!(
            line_list(&[u32::MAX - 1, u32::MAX]),
            format!("{}-{}", u32::MAX - 1, u32::MAX)
        );
    }

    #[test]
    fn tidy_collapses() {
        assert_eq!(tidy("  三、 本 年\t度  "), "三、 本 年 度");
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十六"), Some(26));
        assert_eq!(chinese_number("三十一"), Some(31));
        assert_eq!(chinese_number("七"), Some(7));
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("百"), None);
    }
}
