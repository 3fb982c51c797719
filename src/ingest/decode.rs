//! Detecting a file's encoding and decoding it to text.
//!
//! Order: a byte order mark; UTF-16 without a BOM (recognised by where its NUL bytes sit);
//! NUL bytes anywhere else mean binary; valid UTF-8; UTF-8 with a few bad bytes; an HTML
//! `<meta charset>`; GBK that decodes cleanly; finally the most plausible reading among
//! `chardetng`'s guess, GBK/GB18030, damaged UTF-8, Big5 and UTF-16 without a BOM or NULs
//! (text that is all CJK has no NUL byte). Plausible means Chinese: mostly Han characters,
//! most of them common ones (GB2312 level 1), few replacement characters; random bytes,
//! mojibake and other languages are refused with the reason. The result is refused when it
//! is mostly replacement characters (undecodable) or control characters (binary).

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from a file, with the name of the encoding used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GBK`, `GB18030`, `Big5`, or encoding_rs's name.
    pub encoding: String,
}

/// Why bytes are not a text report; shown as a plain reason (`binary file (contains NUL
/// bytes)`, `undecodable (…)`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("binary file (contains NUL bytes)")]
    NulBytes,
    #[error("binary file ({percent}% control characters)")]
    Control { percent: u32 },
    #[error("undecodable (as {encoding}, {percent}% of the text is invalid)")]
    Invalid { encoding: String, percent: u32 },
    /// No encoding tried reads as Chinese; `closest` describes the nearest reading.
    #[error(
        "undecodable: not Chinese text in any encoding tried (UTF-8, GBK, GB18030, Big5, UTF-16, {guess}){closest}"
    )]
    NotChinese { guess: String, closest: String },
}

/// Decode `bytes`; `html` allows a `<meta charset>` declaration to choose the encoding.
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        return finish(
            enc,
            rest,
            enc.decode_without_bom_handling(rest).0.into_owned(),
        );
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        // The NUL pattern is ASCII's; in all-CJK text the few NULs of characters like
        // 一 (U+4E00) sit on the other side. The reading that is Chinese wins.
        let other = if enc == UTF_16LE { UTF_16BE } else { UTF_16LE };
        let sample = &bytes[..bytes.len().min(SAMPLE) & !1];
        let chinese = |e: &'static Encoding| {
            Reading::of(&e.decode_without_bom_handling(sample).0).is_chinese()
        };
        let enc = if !chinese(enc) && chinese(other) {
            other
        } else {
            enc
        };
        return finish(
            enc,
            bytes,
            enc.decode_without_bom_handling(bytes).0.into_owned(),
        );
    }
    if bytes.contains(&0) {
        // All-CJK UTF-16 has a NUL only where a character ends in 00 (一 is U+4E00).
        let sample = &bytes[..bytes.len().min(SAMPLE) & !1];
        for enc in [UTF_16LE, UTF_16BE] {
            if Reading::of(&enc.decode_without_bom_handling(sample).0).is_chinese() {
                return finish(
                    enc,
                    bytes,
                    enc.decode_without_bom_handling(bytes).0.into_owned(),
                );
            }
        }
        return Err(DecodeError::NulBytes);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return finish(UTF_8, bytes, s.to_string());
    }
    if mostly_utf8(bytes) {
        return finish(UTF_8, bytes, String::from_utf8_lossy(bytes).into_owned());
    }
    if html
        && let Some(enc) = meta_charset(bytes)
        && enc != UTF_8
        && enc != UTF_16LE
        && enc != UTF_16BE
    {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        if shares(&text).0 <= 0.02 {
            return finish(enc, bytes, text.into_owned());
        }
    }
    if let Some(text) = plainly_gbk(bytes) {
        return finish(GBK, bytes, text);
    }
    // chardetng is slow per byte; the first 64 KiB decide as well as the whole file.
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    det.feed(sample, sample.len() == bytes.len());
    let guess = det.guess(None, chardetng::Utf8Detection::Deny);
    let enc = most_plausible(guess, sample)?;
    let (text, _) = enc.decode_without_bom_handling(bytes);
    finish(enc, bytes, text.into_owned())
}

/// How much of a file the plausibility of an encoding is judged on.
const SAMPLE: usize = 64 * 1024;

/// What a reading of the bytes looks like.
#[derive(Debug, Default, Clone, Copy)]
struct Reading {
    /// Visible characters that are not ASCII.
    wide: usize,
    /// Han characters, and of those the common ones (GB2312 level 1).
    han: usize,
    common: usize,
    /// CJK punctuation and full-width forms.
    punct: usize,
    /// Replacement characters.
    bad: usize,
}

impl Reading {
    fn of(text: &str) -> Reading {
        let mut r = Reading::default();
        let mut buf = [0u8; 4];
        for c in text.chars() {
            if c.is_ascii() || c.is_whitespace() {
                continue;
            }
            r.wide += 1;
            match c as u32 {
                0xFFFD => r.bad += 1,
                0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF => {
                    r.han += 1;
                    let (gbk, _, unmappable) = GBK.encode(c.encode_utf8(&mut buf));
                    r.common += usize::from(
                        !unmappable
                            && gbk.len() == 2
                            && (0xB0..=0xD7).contains(&gbk[0])
                            && gbk[1] >= 0xA1,
                    );
                }
                0x3000..=0x303F | 0xFF00..=0xFFEF => r.punct += 1,
                _ => {}
            }
        }
        r
    }

    /// Chinese text: at least a few Han characters, seven in ten wide characters Han or
    /// CJK punctuation, seven in ten Han characters common ones, at most 2 % damage.
    fn is_chinese(&self) -> bool {
        self.han >= 4
            && (self.han + self.punct) * 10 >= self.wide * 7
            && self.common * 10 >= self.han * 7
            && self.bad * 50 <= self.wide.max(1)
    }
}

/// The encoding under which `sample` reads most plausibly as Chinese, or why none does.
fn most_plausible(
    guess: &'static Encoding,
    sample: &[u8],
) -> Result<&'static Encoding, DecodeError> {
    let mut tried: Vec<&'static Encoding> = Vec::new();
    let mut best: Option<(&'static Encoding, usize)> = None;
    let mut closest: Option<(&'static Encoding, Reading)> = None;
    for enc in [guess, GBK, GB18030, UTF_8, BIG5, UTF_16LE, UTF_16BE] {
        if tried.contains(&enc) {
            continue;
        }
        tried.push(enc);
        let r = Reading::of(&enc.decode_without_bom_handling(sample).0);
        if r.is_chinese() {
            if best.is_none_or(|(_, n)| r.common > n) {
                best = Some((enc, r.common));
            }
        } else if closest.is_none_or(|(_, c)| r.common > c.common) {
            closest = Some((enc, r));
        }
    }
    if let Some((enc, _)) = best {
        return Ok(enc);
    }
    let closest = match closest {
        Some((enc, r)) if r.wide > 0 => format!(
            "; the closest, {}, has {}% Han characters, {}% of them common, {}% invalid",
            encoding_name(enc, sample),
            r.han * 100 / r.wide,
            (r.common * 100).checked_div(r.han).unwrap_or(0),
            r.bad * 100 / r.wide
        ),
        _ => String::new(),
    };
    Err(DecodeError::NotChinese {
        guess: encoding_name(guess, sample),
        closest,
    })
}

/// The common case for non-UTF-8 reports, decided without the statistical detector: the
/// bytes decode as GBK/GB18030 without a single error, and most double-byte characters
/// are GB2312 hanzi (lead bytes B0-F7) or its punctuation rows (A1-A3), not the rare
/// extension or symbol rows that other encodings (Big5, Shift_JIS) land in when misread.
fn plainly_gbk(bytes: &[u8]) -> Option<String> {
    let (mut double, mut common) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let next = *bytes.get(i + 1)?;
        if (0x30..=0x39).contains(&next) {
            i += 4; // GB18030 four-byte sequence
            continue;
        }
        double += 1;
        common += usize::from((0xB0..=0xF7).contains(&b) || (0xA1..=0xA3).contains(&b));
        i += 2;
    }
    if double < 8 || common * 10 < double * 9 {
        return None;
    }
    GBK.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
}

/// Check the decoded text and name the encoding.
fn finish(enc: &'static Encoding, bytes: &[u8], text: String) -> Result<Decoded, DecodeError> {
    let name = encoding_name(enc, bytes);
    let (bad, control) = shares(&text);
    if bad > 0.02 {
        return Err(DecodeError::Invalid {
            encoding: name,
            percent: percent(bad),
        });
    }
    if control > 0.05 {
        return Err(DecodeError::Control {
            percent: percent(control),
        });
    }
    Ok(Decoded {
        text,
        encoding: name,
    })
}

/// A share as a whole percentage, rounded up (a share in 0..=1).
fn percent(share: f64) -> u32 {
    (share * 100.0).ceil().clamp(0.0, 100.0) as u32
}

/// The name recorded in `Document.encoding`.
pub fn encoding_name(enc: &'static Encoding, bytes: &[u8]) -> String {
    if enc == UTF_8 {
        "UTF-8".to_string()
    } else if enc == UTF_16LE {
        "UTF-16LE".to_string()
    } else if enc == UTF_16BE {
        "UTF-16BE".to_string()
    } else if enc == GBK || enc == GB18030 {
        if has_gb18030_four_byte(bytes) {
            "GB18030".to_string()
        } else {
            "GBK".to_string()
        }
    } else if enc == BIG5 {
        "Big5".to_string()
    } else {
        enc.name().to_string()
    }
}

/// Whether GBK-family bytes use GB18030's four-byte sequences (second byte a digit).
fn has_gb18030_four_byte(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (0x81..=0xFE).contains(&b) {
            match bytes.get(i + 1) {
                Some(n) if n.is_ascii_digit() => return true,
                _ => i += 2,
            }
        } else {
            i += 1;
        }
    }
    false
}

/// UTF-16 without a BOM: text with ASCII in it has a NUL in every ASCII code unit, all on
/// the same side (odd bytes for little-endian, even bytes for big-endian).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let units = bytes.len() / 2;
    if units < 2 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let enc = if odd >= 2 && odd * 20 >= units && even * 3 <= odd {
        UTF_16LE
    } else if even >= 2 && even * 20 >= units && odd * 3 <= even {
        UTF_16BE
    } else {
        return None;
    };
    let even_part = &bytes[..units * 2];
    let (text, _) = enc.decode_without_bom_handling(even_part);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    if bad > 1 {
        // Unpaired surrogates: not UTF-16 after all (binary with a regular NUL pattern).
        // One is damage (a cut or a bad copy), kept as a replacement character.
        return None;
    }
    Some(enc)
}

/// UTF-8 with a few damaged bytes: many valid multi-byte characters, few invalid runs.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid, mut seen) = (0usize, 0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
        seen += chunk.valid().len() + chunk.invalid().len();
        // Stop once even the rest read as two-byte characters could not make it UTF-8
        // (GBK text fails within its first lines).
        if invalid * 50 > multibyte + (bytes.len() - seen) / 2 {
            return false;
        }
    }
    multibyte >= 8 && invalid * 50 <= multibyte
}

/// The encoding an HTML `<meta charset=…>` or `content="…; charset=…"` names.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let key = b"charset=";
    let pos = lower.windows(key.len()).position(|w| w == key)?;
    let rest = &head[pos + key.len()..];
    let rest = rest
        .iter()
        .position(|b| !matches!(b, b'"' | b'\'' | b' '))
        .map_or(&rest[rest.len()..], |i| &rest[i..]);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

/// How many bytes of `b` satisfy `f`: summed in `u8` lanes of up to 255 bytes, which the
/// compiler vectorises (a plain `filter().count()` over `usize` is not).
#[inline(always)]
fn count_bytes(b: &[u8], f: impl Fn(u8) -> bool) -> usize {
    b.chunks(255)
        .map(|ch| usize::from(ch.iter().fold(0u8, |n, &c| n + u8::from(f(c)))))
        .sum()
}

/// Shares of replacement characters (among non-whitespace characters) and of control
/// characters (among all characters), counted over the bytes: U+FFFD is `EF BF BD`, C0
/// controls and DEL are single bytes, C1 controls are `C2 80`..`C2 9F`.
fn shares(text: &str) -> (f64, f64) {
    let b = text.as_bytes();
    // Simple counts the compiler vectorises, rather than one branching pass: characters,
    // whitespace, C0 controls (ESC is not counted: ANSI-coloured text is still text) and
    // DEL; the rare multi-byte cases (U+FFFD, C1 controls) are found by their first byte.
    let chars = text.chars().count();
    let low = count_bytes(b, |c| c < 0x20);
    let ws_ctrl = count_bytes(b, |c| (0x09..=0x0d).contains(&c));
    let space = ws_ctrl + count_bytes(b, |c| c == b' ');
    let c0 = low - ws_ctrl - count_bytes(b, |c| c == 0x1b) + count_bytes(b, |c| c == 0x7f);
    let bad = memchr::memmem::find_iter(b, "\u{FFFD}".as_bytes()).count();
    let c1 = memchr::memchr_iter(0xC2, b)
        .filter(|&i| b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)))
        .count();
    let visible = chars - space;
    let share = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    (share(bad, visible), share(c0 + c1, chars))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_and_gb18030_names() {
        let (b, _, _) = GBK.encode("政府信息公开工作年度报告，本年新收申请12件。");
        let d = decode(&b, false).map_err(|e| e.to_string());
        assert_eq!(d.map(|d| d.encoding), Ok("GBK".to_string()));
        assert!(has_gb18030_four_byte(&GB18030.encode("𠀀").0));
    }

    #[test]
    fn meta_charset_label() {
        assert_eq!(meta_charset(b"<meta charset=\"gbk\">"), Some(GBK));
        assert_eq!(
            meta_charset(b"<meta http-equiv=Content-Type content='text/html; charset=GB2312'>"),
            Some(GBK)
        );
    }

    fn lcg_bytes(n: usize, seed: u64) -> Vec<u8> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                0x80 | (x >> 57) as u8
            })
            .collect()
    }

    const TEXT: &str = "某某县人民政府2021年政府信息公开工作年度报告。一、总体情况：本年度共收到政府信息公开申请十二件，均已按期答复。";

    #[test]
    fn random_high_bytes_are_refused_not_read_as_mojibake() {
        for seed in 1..20 {
            let e = decode(&lcg_bytes(4000, seed), false).unwrap_err();
            assert!(matches!(e, DecodeError::NotChinese { .. }), "{e}");
            assert!(e.to_string().contains("not Chinese text"), "{e}");
        }
    }

    #[test]
    fn damaged_utf8_and_gbk_are_read_or_refused_never_misread() {
        // Lightly damaged: read in the right encoding.
        let mut u = TEXT.repeat(20).into_bytes();
        for i in (100..u.len()).step_by(900) {
            u[i] = 0xFF;
        }
        assert_eq!(
            decode(&u, false).map(|d| d.encoding),
            Ok("UTF-8".to_string())
        );
        let mut g = GBK.encode(&TEXT.repeat(20)).0.into_owned();
        for i in (101..g.len()).step_by(700) {
            g[i] = 0xFF;
        }
        let d = decode(&g, false).map(|d| d.encoding);
        assert!(matches!(d.as_deref(), Ok("GBK") | Ok("GB18030")), "{d:?}");
        // Heavily damaged: refused, never windows-1252 mojibake.
        let mut u = TEXT.repeat(20).into_bytes();
        for i in (0..u.len()).step_by(7) {
            u[i] = 0xFF;
        }
        let e = decode(&u, false).unwrap_err();
        assert!(e.to_string().starts_with("undecodable"), "{e}");
    }

    #[test]
    fn utf16_without_bom_or_nuls() {
        for (enc, name, no_nul) in [
            (UTF_16LE, "UTF-16LE", true),
            (UTF_16BE, "UTF-16BE", true),
            (UTF_16LE, "UTF-16LE", false),
            (UTF_16BE, "UTF-16BE", false),
        ] {
            // With no_nul, no character whose code ends in 00 (一 U+4E00): no NUL at all.
            let cjk: String = TEXT
                .chars()
                .filter(|c| !(c.is_ascii() || (no_nul && (*c as u32) & 0xFF == 0)))
                .collect();
            let mut b: Vec<u8> = cjk
                .encode_utf16()
                .flat_map(|u| {
                    if enc == UTF_16LE {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    }
                })
                .collect();
            assert_eq!(b.contains(&0), !no_nul);
            let d = decode(&b, false).unwrap();
            assert_eq!((d.encoding.as_str(), d.text.as_str()), (name, cjk.as_str()));
            // One bad surrogate in the middle.
            let at = (b.len() / 2) & !1;
            if enc == UTF_16LE {
                b[at..at + 2].copy_from_slice(&0xD800u16.to_le_bytes());
            } else {
                b[at..at + 2].copy_from_slice(&0xD800u16.to_be_bytes());
            }
            let d = decode(&b, false).unwrap();
            assert_eq!(d.encoding, name);
            assert_eq!(d.text.matches('\u{FFFD}').count(), 1);
        }
    }

    #[test]
    fn control_bytes_are_binary() {
        let bytes: Vec<u8> = (1u8..32).cycle().take(400).collect();
        assert!(decode(&bytes, false).is_err_and(|e| e.to_string().starts_with("binary file")));
    }
}
