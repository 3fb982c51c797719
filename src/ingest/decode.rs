//! Detecting a file's encoding and decoding it to text.
//!
//! Order: a byte order mark; UTF-16 without a BOM (recognised by where its NUL bytes sit);
//! NUL bytes anywhere else mean binary; valid UTF-8; UTF-8 with a few bad bytes; an HTML
//! `<meta charset>`; finally `chardetng`'s guess. The result is refused when it is mostly
//! replacement characters (undecodable) or control characters (binary).

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from a file, with the name of the encoding used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `GBK`, `GB18030`, `Big5`, or encoding_rs's name.
    pub encoding: String,
}

/// Decode `bytes`; `html` allows a `<meta charset>` declaration to choose the encoding.
/// The error is a plain reason (`binary file (contains NUL bytes)`, `undecodable (…)`).
pub fn decode(bytes: &[u8], html: bool) -> Result<Decoded, String> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        return finish(
            enc,
            rest,
            enc.decode_without_bom_handling(rest).0.into_owned(),
        );
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return finish(
            enc,
            bytes,
            enc.decode_without_bom_handling(bytes).0.into_owned(),
        );
    }
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes)".to_string());
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
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    det.feed(sample, sample.len() == bytes.len());
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    finish(enc, bytes, text.into_owned())
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
fn finish(enc: &'static Encoding, bytes: &[u8], text: String) -> Result<Decoded, String> {
    let name = encoding_name(enc, bytes);
    let (bad, control) = shares(&text);
    if bad > 0.02 {
        return Err(format!(
            "undecodable (as {name}, {:.0}% of the text is invalid)",
            (bad * 100.0).ceil()
        ));
    }
    if control > 0.05 {
        return Err(format!(
            "binary file ({:.0}% control characters)",
            (control * 100.0).ceil()
        ));
    }
    Ok(Decoded {
        text,
        encoding: name,
    })
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
    let valid = enc
        .decode_without_bom_handling_and_without_replacement(even_part)
        .is_some();
    if !valid {
        // Unpaired surrogates: not UTF-16 after all (binary with a regular NUL pattern).
        return None;
    }
    Some(enc)
}

/// UTF-8 with a few damaged bytes: many valid multi-byte characters, few invalid runs.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
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

/// Shares of replacement characters (among non-whitespace characters) and of control
/// characters (among all characters), counted in one pass over the bytes: a character is
/// counted at its first byte, U+FFFD is `EF BF BD`, C0 controls and DEL are single bytes,
/// C1 controls are `C2 80`..`C2 9F`.
fn shares(text: &str) -> (f64, f64) {
    let b = text.as_bytes();
    let (mut chars, mut visible, mut bad, mut control) = (0usize, 0usize, 0usize, 0usize);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c & 0xC0 != 0x80 {
            chars += 1;
            match c {
                b' ' | b'\n' | b'\r' | b'\t' | 0x0b | 0x0c => {}
                0xEF if b.get(i + 1) == Some(&0xBF) && b.get(i + 2) == Some(&0xBD) => {
                    visible += 1;
                    bad += 1;
                }
                0xC2 if b.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)) => {
                    visible += 1;
                    control += 1;
                }
                0x00..=0x1f | 0x7f => {
                    visible += 1;
                    control += usize::from(c != 0x1b);
                }
                _ => visible += 1,
            }
        }
        i += 1;
    }
    let share = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    (share(bad, visible), share(control, chars))
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

    #[test]
    fn control_bytes_are_binary() {
        let bytes: Vec<u8> = (1u8..32).cycle().take(400).collect();
        assert!(decode(&bytes, false).is_err_and(|e| e.starts_with("binary file")));
    }
}
