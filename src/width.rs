//! Display width: measuring, cutting and padding text by terminal columns.
//!
//! Chinese characters take two columns, combining marks none. Every width computation in
//! the inspector goes through here, grapheme by grapheme, never `len()` or
//! `chars().count()`.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns one grapheme cluster occupies.
fn grapheme_width(g: &str) -> usize {
    UnicodeWidthStr::width(g)
}

/// Columns one character occupies on its own (0 for combining marks and controls). For
/// scanning text character by character where a whole-string measure would be quadratic.
pub fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Columns the text occupies.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    simple_width(s.as_bytes()).unwrap_or_else(|| s.graphemes(true).map(grapheme_width).sum())
}

/// The width of text made only of printable ASCII (one column), CJK ideographs U+4E00..
/// U+9FFF, full-width forms U+FF01..U+FF5E and 、。 (two columns), read off the bytes:
/// each of these characters is a grapheme of its own. `None` for anything else.
fn simple_width(b: &[u8]) -> Option<usize> {
    let (mut w, mut i) = (0, 0);
    while i < b.len() {
        match b[i..] {
            [0x20..=0x7E, ..] => {
                w += 1;
                i += 1;
                continue;
            }
            [0xE4, 0xB8..=0xBF, _, ..]
            | [0xE5..=0xE9, _, _, ..]
            | [0xEF, 0xBC, 0x81..=0xBF, ..]
            | [0xEF, 0xBD, 0x80..=0x9E, ..]
            | [0xE3, 0x80, 0x81 | 0x82, ..] => {
                w += 2;
                i += 3;
            }
            _ => return None,
        }
    }
    Some(w)
}

/// The longest prefix of `s` that fits in `max` columns (never splits a grapheme).
pub fn truncate(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = grapheme_width(g);
        if used + w > max {
            return &s[..i];
        }
        used += w;
    }
    s
}

/// Cut to `max` columns, ending with `…` when something was cut.
pub fn truncate_ellipsis(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = truncate(s, max - 1).to_string();
    out.push('…');
    Cow::Owned(out)
}

/// Cut or pad with spaces on the right to exactly `w` columns.
pub fn pad_right(s: &str, w: usize) -> String {
    let cut = truncate(s, w);
    let mut out = String::with_capacity(cut.len() + w);
    out.push_str(cut);
    out.extend(std::iter::repeat_n(' ', w - width(cut)));
    out
}

/// Cut or pad with spaces on the left (right-align) to exactly `w` columns.
pub fn pad_left(s: &str, w: usize) -> String {
    let cut = truncate(s, w);
    let mut out = String::with_capacity(cut.len() + w);
    out.extend(std::iter::repeat_n(' ', w - width(cut)));
    out.push_str(cut);
    out
}

/// Drop the first `cols` columns (horizontal scrolling). A wide character cut in half
/// becomes a space so the rest stays aligned.
pub fn skip(s: &str, cols: usize) -> Cow<'_, str> {
    if cols == 0 {
        return Cow::Borrowed(s);
    }
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        if used >= cols {
            return if used == cols {
                Cow::Borrowed(&s[i..])
            } else {
                Cow::Owned(format!("{}{}", " ".repeat(used - cols), &s[i..]))
            };
        }
        used += grapheme_width(g);
    }
    if used > cols {
        Cow::Owned(" ".repeat(used - cols))
    } else {
        Cow::Borrowed("")
    }
}

/// The column at which byte offset `byte` of `s` starts.
pub fn column_of_byte(s: &str, byte: usize) -> usize {
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        if i >= byte {
            return used;
        }
        used += grapheme_width(g);
    }
    used
}

/// Byte ranges of `s` cut into rows of at most `w` columns (at least one grapheme per row,
/// so a character wider than `w` still shows); an empty text is one empty row.
pub fn wrap_ranges(s: &str, w: usize) -> Vec<std::ops::Range<usize>> {
    let mut rows = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (i, g) in s.grapheme_indices(true) {
        let gw = grapheme_width(g);
        if used + gw > w && i > start {
            rows.push(start..i);
            start = i;
            used = 0;
        }
        used += gw;
    }
    rows.push(start..s.len());
    rows
}

/// `s` cut into rows of at most `w` columns (line breaks start a new row).
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    s.split('\n')
        .flat_map(|line| {
            wrap_ranges(line, w)
                .into_iter()
                .map(|r| line[r].to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn simple_width_agrees_with_graphemes() {
        let slow = |s: &str| -> usize {
            use unicode_segmentation::UnicodeSegmentation;
            s.graphemes(true).map(super::grapheme_width).sum()
        };
        let mut fast = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = c.to_string();
            if let Some(w) = super::simple_width(s.as_bytes()) {
                assert_eq!(w, slow(&s), "U+{:04X}", c as u32);
                fast += 1;
            }
        }
        assert!(fast > 20_000, "{fast}");
        for s in [
            "循化县（一）予以公开12",
            "本年新收、。ab",
            "a\u{4E00}\u{0301}",
            "（\u{FE0F}",
        ] {
            assert_eq!(super::width(s), slow(s), "{s}");
        }
    }

    #[test]
    fn wrap_cuts_by_columns() {
        assert_eq!(super::wrap("循化县总计ab", 4), ["循化", "县总", "计ab"]);
        assert_eq!(super::wrap("ab\n", 8), ["ab", ""]);
        assert_eq!(super::wrap("循", 1), ["循"]);
        assert_eq!(
            super::wrap_ranges("", 3),
            vec![std::ops::Range { start: 0, end: 0 }]
        );
    }

    use super::*;

    #[test]
    fn measures_chinese_mixed_and_fullwidth() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("循化县"), 6);
        assert_eq!(width("表3 总计"), 8);
        assert_eq!(width("１２"), 4);
        assert_eq!(width("（七）"), 6);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width(""), 0);
    }

    #[test]
    fn truncates_without_splitting_wide_chars() {
        assert_eq!(truncate("循化县", 5), "循化");
        assert_eq!(truncate("循化县", 6), "循化县");
        assert_eq!(truncate("a循b", 2), "a");
        assert_eq!(truncate("e\u{301}x", 1), "e\u{301}");
        assert_eq!(truncate_ellipsis("海东市循化县", 7), "海东市…");
        assert_eq!(truncate_ellipsis("abc", 3), "abc");
        assert_eq!(truncate_ellipsis("abcd", 0), "");
    }

    #[test]
    fn pads_to_exact_width() {
        assert_eq!(pad_right("总计", 6), "总计  ");
        assert_eq!(pad_left("12", 4), "  12");
        assert_eq!(pad_right("循化县", 5), "循化 ");
        assert_eq!(width(&pad_right("１２a", 7)), 7);
        assert_eq!(pad_left("循化县", 3), " 循");
    }

    #[test]
    fn skips_columns() {
        assert_eq!(skip("abc", 1), "bc");
        assert_eq!(skip("循化县", 2), "化县");
        assert_eq!(skip("循化县", 1), " 化县");
        assert_eq!(skip("循", 1), " ");
        assert_eq!(skip("ab", 5), "");
        assert_eq!(column_of_byte("循化x", 6), 4);
    }
}
