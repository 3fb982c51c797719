//! Making untrusted text inert before it reaches the terminal.
//!
//! Report files can contain control characters and escape sequences (`ESC [ 2 J`,
//! `ESC ] 52 ; c ; … BEL` which would set the clipboard, C1 controls such as CSI U+009B).
//! [`sanitize`] replaces every such character with a visible stand-in so the sequence is
//! shown, not obeyed: ESC becomes `␛`, other C0 controls their U+2400 control picture,
//! DEL `␡`, C1 controls `<9B>`-style hex, bidirectional overrides `<202E>`. Tabs are
//! expanded to spaces (tab stops every 4 columns).

//!
//! Text written out by `check`, `export` and `review-export` goes through the same
//! predicate, [`is_unsafe`]: [`escape_visible`] for CSV and human output (`\u{1b}`), and
//! [`write_json`] for JSON (`\u001b`, `\u009b`, `\u202e`), on a terminal or not.

use crate::width;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

const TAB_STOP: usize = 4;

fn needs_work(c: char) -> bool {
    is_unsafe(c)
}

/// Whether a character must never reach a terminal or an output file raw: C0 and C1
/// controls, DEL, and bidirectional controls (which reorder what is shown, e.g. in a file
/// name).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Escape every unsafe character as `\u{…}` (for CSV and human output).
pub fn escape_visible(s: &str) -> String {
    escape_visible_except(s, None)
}

/// [`escape_visible`], but keep `keep` as it is (a multi-line note keeps its `\n`).
pub fn escape_visible_except(s: &str, keep: Option<char>) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_unsafe(c) && Some(c) != keep {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// A JSON formatter that also writes C1 controls, DEL and bidirectional controls as `\u`
/// escapes (serde_json escapes only C0 controls, quotes and backslashes).
pub struct SafeJson<F>(pub F);

macro_rules! delegate {
    ($($name:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {$(
        fn $name<W: ?Sized + io::Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            self.0.$name(w $(, $arg)*)
        }
    )*};
}

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeJson<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Fast path: no byte that can start an unsafe character's UTF-8 encoding.
        if !fragment.bytes().any(may_start_unsafe) {
            return w.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    delegate!(
        begin_array(),
        end_array(),
        begin_array_value(first: bool),
        end_array_value(),
        begin_object(),
        end_object(),
        begin_object_key(first: bool),
        end_object_key(),
        begin_object_value(),
        end_object_value(),
    );
}

/// Write `value` as JSON with every unsafe character escaped; `pretty` indents by two.
pub fn write_json<W: io::Write, T: serde::Serialize + ?Sized>(
    w: W,
    value: &T,
    pretty: bool,
) -> serde_json::Result<()> {
    if pretty {
        let f = SafeJson(serde_json::ser::PrettyFormatter::new());
        value.serialize(&mut serde_json::Serializer::with_formatter(w, f))
    } else {
        let f = SafeJson(serde_json::ser::CompactFormatter);
        value.serialize(&mut serde_json::Serializer::with_formatter(w, f))
    }
}

/// Whether a byte can be the first of an unsafe character's UTF-8 encoding: C0 controls,
/// DEL, C1 controls (`C2 80`–`C2 9F`), U+061C (`D8 9C`) and the other bidi controls
/// (`E2 80 8E` …). Checked against [`is_unsafe`] for every character by a test.
fn may_start_unsafe(b: u8) -> bool {
    b < 0x20 || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The inert form of one line of untrusted text.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_work) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = 0;
    for c in s.chars() {
        push_inert(c, &mut out, &mut col);
    }
    Cow::Owned(out)
}

/// Append the inert form of `c` to `out`; `col` is the display column the line has reached
/// (tabs stop by it) and moves past `c`. Kept incrementally: measuring `out` at every tab
/// would be quadratic on a long line of tabs.
fn push_inert(c: char, out: &mut String, col: &mut usize) {
    let w = inert_width(c, *col);
    *col += w;
    match c {
        '\t' => out.extend(std::iter::repeat_n(' ', w)),
        '\u{1b}' => out.push('␛'),
        '\u{7f}' => out.push('␡'),
        '\u{0}'..='\u{1f}' => {
            out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'));
        }
        '\u{80}'..='\u{9f}' => out.push_str(&format!("<{:02X}>", c as u32)),
        c if is_bidi_control(c) => out.push_str(&format!("<{:04X}>", c as u32)),
        c if c.is_control() => out.push('\u{FFFD}'),
        c => out.push(c),
    }
}

/// [`sanitize`] a whole line and map byte offsets into it (`offsets`, ascending or not)
/// to offsets into the inert text, so ranges marked in the raw line (a highlighted cell,
/// search hits) can be cut from the inert line afterwards. Sanitizing the pieces one by
/// one would restart the tab stops at every piece. An offset inside a character maps to
/// the start of that character's inert form; one past the end maps to the end.
///
/// `col0` is the display column `s` starts at in its line (a window into a long line), so
/// tabs stop where they do in the whole line.
pub fn sanitize_mapped(s: &str, offsets: &[usize], col0: usize) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = col0;
    // (raw byte, inert byte) at each character start, then at the end.
    let mut at: Vec<(usize, usize)> = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        at.push((i, out.len()));
        push_inert(c, &mut out, &mut col);
    }
    at.push((s.len(), out.len()));
    let mapped = offsets
        .iter()
        .map(|&o| {
            let k = match at.binary_search_by_key(&o, |p| p.0) {
                Ok(k) => k,
                Err(k) => k.saturating_sub(1),
            };
            at.get(k).map_or(out.len(), |p| p.1)
        })
        .collect();
    (out, mapped)
}

/// Columns one character takes once made inert (a tab counts from column `col`).
fn inert_width(c: char, col: usize) -> usize {
    match c {
        '\t' => TAB_STOP - col % TAB_STOP,
        '\u{80}'..='\u{9f}' => 4,
        c if is_bidi_control(c) => 6,
        c if c.is_control() => 1,
        c => width::char_width(c),
    }
}

/// The part of a line that can show when its inert form is scrolled `left` columns and
/// `cols` are visible: the byte range to draw and the column that range starts at (at most
/// `left`; the caller skips the difference). Scans only up to the window's end, so drawing
/// a few visible columns of a 10 MB line costs what the window costs, not the line.
pub fn window(line: &str, left: usize, cols: usize) -> (std::ops::Range<usize>, usize) {
    let mut col = 0usize;
    let mut start: Option<(usize, usize)> = None;
    let end_col = left.saturating_add(cols);
    for (i, c) in line.char_indices() {
        let w = inert_width(c, col);
        if start.is_none() && col + w > left {
            start = Some((i, col));
        }
        if col >= end_col {
            // A few more characters: combining marks and what a grapheme holds together.
            let end = line[i..]
                .char_indices()
                .nth(8)
                .map_or(line.len(), |(j, _)| i + j);
            let (s, c0) = start.unwrap_or((i, col));
            return (s..end, c0);
        }
        col += w;
    }
    let (s, c0) = start.unwrap_or((line.len(), col));
    (s..line.len(), c0)
}

/// [`sanitize`] into an owned string.
pub fn clean(s: &str) -> String {
    sanitize(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unsafe_character_starts_with_a_flagged_byte() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if is_unsafe(c) {
                let first = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(may_start_unsafe(first), "{c:?}");
            }
        }
    }

    fn has_controls(s: &str) -> bool {
        s.chars().any(|c| c.is_control())
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(sanitize("循化县 2020"), Cow::Borrowed(_)));
    }

    #[test]
    fn osc52_and_csi_become_inert() {
        let s = sanitize("a\x1b]52;c;ZXZpbA==\x07b\x1b[2Jc");
        assert_eq!(s, "a␛]52;c;ZXZpbA==␇b␛[2Jc");
        assert!(!has_controls(&s));
    }

    #[test]
    fn c1_bidi_backspace_cr_and_newline() {
        assert_eq!(sanitize("x\u{9b}31m"), "x<9B>31m");
        assert_eq!(sanitize("a\u{8}b\rc\nd"), "a␈b␍c␊d");
        assert_eq!(sanitize("\u{202E}abc"), "<202E>abc");
        assert_eq!(sanitize("\u{7f}"), "␡");
        assert!(!has_controls(&sanitize("\0\u{1}\u{85}\u{9c}")));
    }

    #[test]
    fn visible_escapes_cover_c1_del_and_bidi() {
        assert_eq!(escape_visible("a\u{1b}]0;x\u{7}"), "a\\u{1b}]0;x\\u{7}");
        assert_eq!(
            escape_visible("\u{9b}\u{7f}\u{202e}循"),
            "\\u{9b}\\u{7f}\\u{202e}循"
        );
        assert_eq!(escape_visible_except("a\nb\r", Some('\n')), "a\nb\\u{d}");
    }

    #[test]
    fn json_escapes_c1_del_and_bidi() {
        let mut out = Vec::new();
        write_json(&mut out, &["x\u{9b}2J\u{7f}\u{202e}txt.\u{1b}"], false).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s, r#"["x\u009b2J\u007f\u202etxt.\u001b"]"#);
        let back: Vec<String> = serde_json::from_str(&s).unwrap();
        assert_eq!(back[0], "x\u{9b}2J\u{7f}\u{202e}txt.\u{1b}");
        let mut pretty = Vec::new();
        write_json(&mut pretty, &serde_json::json!({"k\u{85}": [1]}), true).unwrap();
        assert_eq!(
            String::from_utf8(pretty).unwrap(),
            "{\n  \"k\\u0085\": [\n    1\n  ]\n}"
        );
    }

    #[test]
    fn mapped_offsets_keep_the_tab_stops_of_the_whole_line() {
        let line = "循化县\t1\t\t2\x1b";
        let one = line.find('1').unwrap_or(0);
        let (clean, at) = sanitize_mapped(line, &[one, one + 1, line.len()], 0);
        assert_eq!(clean, sanitize(line));
        assert_eq!(clean, "循化县  1       2␛");
        assert_eq!(&clean[at[0]..at[1]], "1");
        assert_eq!(at[2], clean.len());
        // Sanitizing the piece after the `1` alone would put the `2` elsewhere.
        let after = &line[one + 1..];
        assert_ne!(
            format!("{}1{}", sanitize(&line[..one]), sanitize(after)),
            clean
        );
    }

    #[test]
    fn the_window_of_a_huge_line_is_small_and_in_place() {
        let line = "循化".repeat(2_000_000); // 12 MB, 8,000,000 columns
        let (r, c) = window(&line, 0, 80);
        assert_eq!((r.start, c), (0, 0));
        assert!(r.len() < 200, "{}", r.len());
        assert!(width::width(&line[r.clone()]) >= 80);
        // Scrolled to an odd column: starts at the wide character that covers it.
        let (r, c) = window(&line, 101, 40);
        assert_eq!((r.start, c), (150, 100));
        assert!(r.len() < 200);
        // Inert widths: ESC is one column, C1 four, bidi six, tabs to the next stop.
        let (r, c) = window("\u{1b}\u{9b}\u{202e}\tab", 11, 2);
        assert_eq!((r.start, c), (6, 11)); // the tab, at byte 6 and column 11
        // Past the end: empty.
        assert_eq!(window("ab", 5, 10), (2..2, 2));
    }

    #[test]
    fn tabs_expand_by_display_width() {
        assert_eq!(sanitize("a\tb"), "a   b");
        assert_eq!(sanitize("循\tb"), "循  b");
        assert_eq!(sanitize("\t"), "    ");
    }
}
