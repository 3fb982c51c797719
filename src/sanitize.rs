//! Making untrusted text inert before it reaches the terminal.
//!
//! Report files can contain control characters and escape sequences (`ESC [ 2 J`,
//! `ESC ] 52 ; c ; … BEL` which would set the clipboard, C1 controls such as CSI U+009B).
//! [`sanitize`] replaces every such character with a visible stand-in so the sequence is
//! shown, not obeyed: ESC becomes `␛`, other C0 controls their U+2400 control picture,
//! DEL `␡`, C1 controls `<9B>`-style hex, bidirectional overrides `<202E>`. Tabs are
//! expanded to spaces (tab stops every 4 columns).

use crate::width;
use std::borrow::Cow;

const TAB_STOP: usize = 4;

fn needs_work(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
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
    for c in s.chars() {
        match c {
            '\t' => {
                let col = width::width(&out);
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
            }
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
    Cow::Owned(out)
}

/// [`sanitize`] into an owned string.
pub fn clean(s: &str) -> String {
    sanitize(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn tabs_expand_by_display_width() {
        assert_eq!(sanitize("a\tb"), "a   b");
        assert_eq!(sanitize("循\tb"), "循  b");
        assert_eq!(sanitize("\t"), "    ");
    }
}
