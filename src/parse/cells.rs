//! Reading one table cell's text: a number (with sign and unit), a blank placeholder, or
//! text that is neither.

use crate::model::{Cell, CellState, Span, Unit};
use crate::text::{fold_char, is_cjk, is_space};

/// What a field of table text holds.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldClass {
    /// Nothing but whitespace (`&nbsp;` included).
    Empty,
    /// A placeholder that means "blank": `-`, `—`, `/`, `无`.
    Placeholder,
    /// A number as written, with its unit when the cell carries one.
    Number {
        value: f64,
        unit: Option<&'static str>,
    },
    /// Looks like a value but is not a number (`1 113`, `十二`, `1O`).
    BadValue,
    /// Label or header text.
    Text,
}

impl FieldClass {
    /// Numbers, placeholders and bad values sit in data positions.
    pub fn is_data(&self) -> bool {
        matches!(
            self,
            FieldClass::Placeholder | FieldClass::Number { .. } | FieldClass::BadValue
        )
    }
}

const UNITS: &[(&str, &str)] = &[
    ("万元", "万元"),
    ("元", "元"),
    ("件", "件"),
    ("个", "个"),
    ("项", "项"),
    ("条", "条"),
];

/// Classify a field's text.
pub fn classify(raw: &str) -> FieldClass {
    let s = raw.trim_matches(is_space);
    if s.is_empty() {
        return FieldClass::Empty;
    }
    // No number, placeholder or bad value is this long: it is text (counted in characters:
    // a run of 17 full-width digits is 51 bytes).
    if s.len() > 48 && s.chars().count() > 48 {
        return FieldClass::Text;
    }
    // Labels start with a CJK word (not a numeral or a placeholder): text.
    if let Some(c) = s.chars().next()
        && is_cjk(c)
        && !"零〇一二三四五六七八九十百千两无空".contains(c)
    {
        return FieldClass::Text;
    }
    // Fast path: plain ASCII digits (most cells).
    if s.len() <= 15
        && s.bytes().all(|b| b.is_ascii_digit())
        && let Ok(v) = s.parse::<u64>()
    {
        return FieldClass::Number {
            value: v as f64,
            unit: None,
        };
    }
    let folded: String = s.chars().map(fold_char).filter(|c| !is_space(*c)).collect();
    if is_placeholder(&folded) {
        return FieldClass::Placeholder;
    }
    if let Some((value, unit)) = parse_number(&folded) {
        // "1 113": two groups of digits separated by a space is not one number.
        if !has_inner_space_between_digits(s) {
            return FieldClass::Number { value, unit };
        }
        return FieldClass::BadValue;
    }
    if looks_like_value(&folded) {
        return FieldClass::BadValue;
    }
    FieldClass::Text
}

fn is_placeholder(s: &str) -> bool {
    matches!(
        s,
        "无" | "/" | "\\" | "空" | "—" | "-" | "--" | "---" | "——" | "／" | "…" | "……"
    ) || (!s.is_empty() && s.chars().all(|c| c == '-'))
}

fn has_inner_space_between_digits(s: &str) -> bool {
    let chars: Vec<char> = s.chars().map(fold_char).collect();
    for i in 1..chars.len().saturating_sub(1) {
        if is_space(chars[i]) {
            let before = chars[..i].iter().rev().find(|c| !is_space(**c));
            let after = chars[i + 1..].iter().find(|c| !is_space(**c));
            if let (Some(b), Some(a)) = (before, after)
                && b.is_ascii_digit()
                && a.is_ascii_digit()
            {
                return true;
            }
        }
    }
    false
}

/// Whether `s` is one of the units a number may be written with (`万元`, `件`), alone.
pub fn is_unit(s: &str) -> bool {
    UNITS.iter().any(|(suffix, _)| *suffix == s)
}

/// Parse `+15`, `-3`, `1,234`, `72.8万元`, `251000元`, `12件` (already folded, no spaces).
pub fn parse_number(s: &str) -> Option<(f64, Option<&'static str>)> {
    let mut body = s;
    let mut unit = None;
    for (suffix, name) in UNITS {
        if let Some(b) = body.strip_suffix(suffix) {
            body = b;
            unit = Some(*name);
            break;
        }
    }
    let (neg, digits) = match body.as_bytes().first() {
        Some(b'+') => (false, &body[1..]),
        Some(b'-') => (true, &body[1..]),
        _ => (false, body),
    };
    if digits.is_empty() || !digits.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let mut clean = String::with_capacity(digits.len());
    let mut seen_dot = false;
    let mut last_digit = false;
    for c in digits.chars() {
        match c {
            '0'..='9' => {
                clean.push(c);
                last_digit = true;
            }
            ',' if last_digit && !seen_dot => last_digit = false,
            '.' if last_digit && !seen_dot => {
                seen_dot = true;
                last_digit = false;
                clean.push('.');
            }
            _ => return None,
        }
    }
    if !last_digit {
        return None;
    }
    let v: f64 = clean.parse().ok()?;
    Some((if neg { -v } else { v }, unit))
}

/// Text without CJK letters (other than Chinese numerals) that contains digits, or a short
/// run of Chinese numerals: something written where a number belongs.
fn looks_like_value(s: &str) -> bool {
    let count = s.chars().count();
    if count == 0 {
        return false;
    }
    let numerals = "零〇一二三四五六七八九十百千两";
    if count <= 6 && s.chars().all(|c| numerals.contains(c)) {
        return true;
    }
    let has_digit = s.chars().any(|c| c.is_ascii_digit());
    let has_cjk_word = s.chars().any(|c| is_cjk(c) && !"万元件个项条".contains(c));
    has_digit && !has_cjk_word && count <= 16
}

/// Build a cell from a located field.
pub fn make_cell(text: &str, span: Span, header_unit: Option<&'static str>) -> Cell {
    let t = text.trim_matches(is_space);
    cell_of(t, classify(t), span, header_unit)
}

/// Build a cell from text already trimmed and classified.
pub fn cell_of(t: &str, class: FieldClass, span: Span, header_unit: Option<&'static str>) -> Cell {
    match class {
        FieldClass::Empty | FieldClass::Placeholder => Cell {
            state: CellState::Blank,
            value: None,
            text: t.into(),
            unit: None,
            span: Some(span),
            basis: None,
        },
        FieldClass::Number { value, unit } => Cell {
            state: CellState::Number,
            value: Some(value),
            text: t.into(),
            unit: unit.and_then(Unit::of).or(header_unit.and_then(Unit::of)),
            span: Some(span),
            basis: None,
        },
        FieldClass::BadValue | FieldClass::Text => Cell {
            state: CellState::Invalid,
            value: None,
            text: t.into(),
            unit: None,
            span: Some(span),
            basis: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str) -> Option<f64> {
        match classify(s) {
            FieldClass::Number { value, .. } => Some(value),
            _ => None,
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(num(" 0"), Some(0.0));
        assert_eq!(num("0 "), Some(0.0));
        assert_eq!(num("１２"), Some(12.0));
        assert_eq!(num("1,234"), Some(1234.0));
        assert_eq!(num("+15"), Some(15.0));
        assert_eq!(num("-3"), Some(-3.0));
        assert_eq!(num("72.8 万元"), Some(72.8));
        assert_eq!(num("251000元"), Some(251000.0));
        assert_eq!(num("+3500"), Some(3500.0));
        assert_eq!(
            classify("45670 万元"),
            FieldClass::Number {
                value: 45670.0,
                unit: Some("万元")
            }
        );
    }

    #[test]
    fn blanks_and_placeholders() {
        assert_eq!(classify(""), FieldClass::Empty);
        assert_eq!(classify("\u{a0}"), FieldClass::Empty);
        assert_eq!(classify("\u{3000} "), FieldClass::Empty);
        for p in ["-", "—", "/", "无", "——", "－"] {
            assert_eq!(classify(p), FieldClass::Placeholder, "{p}");
        }
    }

    #[test]
    fn bad_values_and_text() {
        assert_eq!(classify("1 113"), FieldClass::BadValue);
        assert_eq!(classify("十二"), FieldClass::BadValue);
        assert_eq!(classify("1O"), FieldClass::BadValue);
        assert_eq!(classify("1.2.3"), FieldClass::BadValue);
        assert_eq!(classify("规章"), FieldClass::Text);
        assert_eq!(classify("1.属于国家秘密"), FieldClass::Text);
        assert_eq!(classify("(一)予以公开"), FieldClass::Text);
    }

    #[test]
    fn cells() {
        let c = make_cell("72.8 万元", Span::default(), None);
        assert_eq!(c.state, CellState::Number);
        assert_eq!(c.unit, Some(Unit::WanYuan));
        let c = make_cell("0", Span::default(), Some("万元"));
        assert_eq!(c.unit, Some(Unit::WanYuan));
        let c = make_cell(" ", Span::default(), None);
        assert_eq!(c.state, CellState::Blank);
        let c = make_cell("十二", Span::default(), None);
        assert_eq!(c.state, CellState::Invalid);
        assert_eq!(c.text, "十二");
    }
}
