//! A linear pre-pass that caps element nesting before the HTML parser sees the page.
//! html5ever's tree builder is quadratic in nesting depth (10,000 nested `<div>`s take
//! seconds); real pages nest a few dozen levels. Past the cap, container tags are dropped
//! and their text is kept, so nothing readable is lost.

/// Elements whose end tag may be omitted: they are not counted (an unclosed `<p>` or `<td>`
/// must not make a page look deep).
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body",
];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noscript"];

/// Nesting deeper than this is flattened.
pub const MAX_DEPTH: usize = 200;

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (from..=hay.len() - needle.len())
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// End of a tag starting at `i` (`<`): the index after its `>`, respecting quotes.
fn tag_end(b: &[u8], i: usize) -> usize {
    let mut q: Option<u8> = None;
    let mut j = i + 1;
    while j < b.len() {
        match (q, b[j]) {
            (None, b'"' | b'\'') => q = Some(b[j]),
            (Some(c), x) if x == c => q = None,
            (None, b'>') => return j + 1,
            _ => {}
        }
        j += 1;
    }
    b.len()
}

/// The tag name at `i`, lowercased into `buf` (names longer than the buffer are cut, which
/// only matters for custom elements, never for the names this pass looks up).
fn tag_name(b: &[u8], mut i: usize, buf: &mut [u8; 16]) -> usize {
    let mut n = 0;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b':') {
        if n < buf.len() {
            buf[n] = b[i].to_ascii_lowercase();
            n += 1;
        }
        i += 1;
    }
    n
}

/// Return the page with container nesting capped at [`MAX_DEPTH`].
pub fn cap_depth(html: &str) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Vec<u8> = Vec::new();
    let mut copied = 0; // bytes of `html` already copied to `out`
    let mut depth = 0usize;
    let mut dropped = 0usize;
    let mut i = 0;
    let mut changed = false;
    while i < b.len() {
        match b[i..].iter().position(|&c| c == b'<') {
            Some(p) => i += p,
            None => break,
        }
        if b[i..].starts_with(b"<!--") {
            i = find_ci(b, i + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if next == b'!' || next == b'?' {
            i = tag_end(b, i);
            continue;
        }
        let closing = next == b'/';
        let name_at = if closing { i + 2 } else { i + 1 };
        if !b.get(name_at).is_some_and(|c| c.is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        let mut buf = [0u8; 16];
        let len = tag_name(b, name_at, &mut buf);
        let name = std::str::from_utf8(&buf[..len]).unwrap_or("");
        let end = tag_end(b, i);
        let counted = !OPTIONAL_END.contains(&name) && !VOID.contains(&name);
        let self_closing = end >= 2 && b[end - 2] == b'/';
        let mut drop_tag = false;
        if counted && !self_closing {
            if closing {
                if dropped > 0 {
                    dropped -= 1;
                    drop_tag = true;
                } else {
                    depth = depth.saturating_sub(1);
                }
            } else if depth >= MAX_DEPTH {
                dropped += 1;
                drop_tag = true;
            } else {
                depth += 1;
            }
        }
        if drop_tag {
            out.extend_from_slice(&b[copied..i]);
            copied = end;
            changed = true;
        }
        i = end;
        if !closing && RAW_TEXT.contains(&name) {
            let close = format!("</{name}");
            i = find_ci(b, i, close.as_bytes()).unwrap_or(b.len());
        }
    }
    if !changed {
        return std::borrow::Cow::Borrowed(html);
    }
    out.extend_from_slice(&b[copied..]);
    // Only whole tags were removed at ASCII boundaries, so the bytes stay valid UTF-8.
    std::borrow::Cow::Owned(
        String::from_utf8(out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let h = "<html><body><div><p>一<p>二<table><tr><td>1<td>2</table></div></body></html>";
        assert!(matches!(cap_depth(h), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_capped_and_text_kept() {
        let n = 5000;
        let h = format!("{}深处{}", "<div>".repeat(n), "</div>".repeat(n));
        let out = cap_depth(&h);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("深处"));
    }

    #[test]
    fn scripts_and_comments_are_skipped() {
        let h = format!(
            "<script>{}</script><!-- {} -->",
            "<div>".repeat(500),
            "<div>".repeat(500)
        );
        assert!(matches!(cap_depth(&h), std::borrow::Cow::Borrowed(_)));
    }
}
