//! A linear pre-pass that caps element nesting before the HTML parser sees the page.
//! html5ever's tree builder is quadratic in nesting depth (10,000 nested `<div>`s take
//! seconds); real pages nest a few dozen levels. Past the cap, container tags are dropped
//! and their text is kept, so nothing readable is lost.

/// Whether a tag counts toward the nesting depth. Elements whose end tag may be omitted do
/// not (an unclosed `<p>` or `<td>` must not make a page look deep), nor do void elements
/// (no content, no end tag). One `match`, which the compiler turns into a few length and
/// byte tests: this runs for every tag of a page.
fn counted(name: &str) -> bool {
    !matches!(
        name,
        // optional end tags
        "p" | "li" | "dt" | "dd" | "tr" | "td" | "th" | "option" | "optgroup" | "thead"
            | "tbody" | "tfoot" | "colgroup" | "caption" | "rb" | "rt" | "rtc" | "rp" | "html"
            | "head" | "body"
            // void elements
            | "area" | "base" | "br" | "col" | "embed" | "hr" | "img" | "input" | "link"
            | "meta" | "param" | "source" | "track" | "wbr"
    )
}

/// Elements whose content is raw text (no tags inside).
fn raw_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "textarea" | "title" | "xmp" | "noscript"
    )
}

/// Nesting deeper than this is flattened.
pub const MAX_DEPTH: usize = 200;

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let (lo, up) = (
        needle[0].to_ascii_lowercase(),
        needle[0].to_ascii_uppercase(),
    );
    let last = hay.len() - needle.len();
    memchr::memchr2_iter(lo, up, hay.get(from..=last)?)
        .map(|p| from + p)
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// End of a tag starting at `i` (`<`): the index after its `>`, respecting quotes.
fn tag_end(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    // Jump from quote to quote and to the `>` outside them.
    while let Some(p) = memchr::memchr3(b'>', b'"', b'\'', &b[j.min(b.len())..]) {
        let at = j + p;
        if b[at] == b'>' {
            return at + 1;
        }
        match memchr::memchr(b[at], &b[at + 1..]) {
            Some(close) => j = at + 1 + close + 1,
            None => return b.len(),
        }
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

/// Elements whose content the renderer never shows: the pre-pass drops it.
fn dropped_content(name: &str) -> bool {
    matches!(name, "script" | "style" | "noscript" | "template")
}

/// Append the `rowspan`/`colspan` attributes of the tag body `attrs` (the bytes between
/// the tag name and its `>`) to `out`; every other attribute is dropped.
fn keep_span_attrs(attrs: &[u8], out: &mut String) {
    let mut i = 0;
    while i < attrs.len() {
        while i < attrs.len() && (attrs[i].is_ascii_whitespace() || attrs[i] == b'/') {
            i += 1;
        }
        let ns = i;
        while i < attrs.len()
            && !attrs[i].is_ascii_whitespace()
            && !matches!(attrs[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        let name = &attrs[ns..i];
        while i < attrs.len() && attrs[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value: &[u8] = &[];
        if attrs.get(i) == Some(&b'=') {
            i += 1;
            while i < attrs.len() && attrs[i].is_ascii_whitespace() {
                i += 1;
            }
            match attrs.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let vs = i + 1;
                    let ve = attrs[vs..]
                        .iter()
                        .position(|&c| c == q)
                        .map_or(attrs.len(), |p| vs + p);
                    value = &attrs[vs..ve];
                    i = ve + 1;
                }
                _ => {
                    let vs = i;
                    while i < attrs.len() && !attrs[i].is_ascii_whitespace() && attrs[i] != b'>' {
                        i += 1;
                    }
                    value = &attrs[vs..i];
                }
            }
        }
        if name.eq_ignore_ascii_case(b"rowspan") || name.eq_ignore_ascii_case(b"colspan") {
            let digits: Vec<u8> = value
                .iter()
                .copied()
                .filter(u8::is_ascii_digit)
                .take(4)
                .collect();
            // The name matched an ASCII name and the digits are ASCII.
            out.push(' ');
            out.extend(name.iter().map(|b| char::from(b.to_ascii_lowercase())));
            out.push_str("=\"");
            out.extend(digits.iter().map(|&d| char::from(d)));
            out.push('"');
        }
        if ns == i {
            i += 1; // never stall on a stray byte
        }
    }
}

/// A linear pre-pass before the HTML parser: drops comments, the content of `script`,
/// `style`, `noscript` and `template`, and every attribute but `rowspan`/`colspan`
/// (government pages carry kilobytes of styles and scripts the renderer never shows), and
/// caps container nesting at [`MAX_DEPTH`] (past it, tags are dropped and text kept).
/// Text between tags is copied unchanged.
pub fn cap_depth(html: &str) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    // Every copied piece starts and ends next to an ASCII byte (`<`, `>`, a quote), so
    // the pieces are `&str` slices and the output needs no UTF-8 check.
    let mut out = String::with_capacity(b.len() / 2);
    // The counted elements open, as html5ever will nest them (at most MAX_DEPTH), and how
    // many start tags of each name were dropped past the cap.
    let mut open: Vec<[u8; 16]> = Vec::new();
    let mut dropped: std::collections::HashMap<[u8; 16], usize> = Default::default();
    let mut i = 0;
    while i < b.len() {
        let Some(p) = memchr::memchr(b'<', &b[i..]) else {
            out.push_str(&html[i..]);
            break;
        };
        out.push_str(&html[i..i + p]);
        i += p;
        if b[i..].starts_with(b"<!--") {
            i = find_ci(b, i + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if next == b'!' || next == b'?' {
            let end = tag_end(b, i);
            out.push_str(&html[i..end]);
            i = end;
            continue;
        }
        let closing = next == b'/';
        let name_at = if closing { i + 2 } else { i + 1 };
        if !b.get(name_at).is_some_and(|c| c.is_ascii_alphabetic()) {
            out.push('<');
            i += 1;
            continue;
        }
        let mut buf = [0u8; 16];
        let len = tag_name(b, name_at, &mut buf);
        let name = std::str::from_utf8(&buf[..len]).unwrap_or("");
        let mut name_end = name_at;
        while name_end < b.len()
            && (b[name_end].is_ascii_alphanumeric() || matches!(b[name_end], b'-' | b':'))
        {
            name_end += 1;
        }
        let end = tag_end(b, i);
        let counted = counted(name);
        let self_closing = end >= 2 && b[end - 2] == b'/';
        let mut drop_tag = false;
        // A self-closed `<div/>` still opens a div in HTML (the slash is ignored), so it is
        // counted like any start tag; an end tag only closes an element that is open.
        if counted {
            if closing {
                let was_dropped = if dropped.is_empty() {
                    None
                } else {
                    dropped.get_mut(&buf)
                };
                match was_dropped {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        drop_tag = true;
                    }
                    _ => {
                        if let Some(at) = open.iter().rposition(|n| *n == buf) {
                            open.truncate(at);
                        }
                    }
                }
            } else if open.len() >= MAX_DEPTH {
                *dropped.entry(buf).or_default() += 1;
                drop_tag = true;
            } else {
                open.push(buf);
            }
        }
        if !drop_tag {
            if name_end - name_at > buf.len() {
                out.push_str(&html[i..end]); // custom element: copy as written
            } else {
                out.push('<');
                if closing {
                    out.push('/');
                }
                out.push_str(name);
                if !closing {
                    let body_end = if self_closing {
                        end.saturating_sub(2)
                    } else {
                        end.saturating_sub(1)
                    };
                    keep_span_attrs(&b[name_end.min(body_end)..body_end.max(name_end)], &mut out);
                }
                if self_closing {
                    out.push('/');
                }
                out.push('>');
            }
        }
        i = end;
        if !closing && !self_closing && raw_text(name) {
            let close = format!("</{name}");
            let close_at = find_ci(b, i, close.as_bytes()).unwrap_or(b.len());
            if !dropped_content(name) {
                out.push_str(&html[i..close_at]);
            }
            i = close_at;
        }
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_keep_their_structure() {
        let h = "<html><body><div><p>一<p>二<table><tr><td>1<td>2</table></div></body></html>";
        assert_eq!(cap_depth(h), h);
    }

    #[test]
    fn only_span_attributes_survive_and_dropped_content_goes() {
        let h = r#"<td class="x" style='a>b' ROWSPAN=3 colspan="2" data-x=1>一</td><script>var a="<div>";</script><!-- c --><title>标题</title><br/>"#;
        assert_eq!(
            cap_depth(h),
            r#"<td rowspan="3" colspan="2">一</td><script></script><title>标题</title><br/>"#
        );
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
    fn self_closed_containers_and_stray_end_tags_count_as_html5ever_nests_them() {
        // `<div/>` opens a div: 100,000 of them nest 100,000 deep unless capped.
        let h = format!("{}文字", "<div/>".repeat(100_000));
        let out = cap_depth(&h);
        assert_eq!(out.matches("<div").count(), MAX_DEPTH);
        assert!(out.contains("文字"));
        // End tags of elements that are not open do not lower the depth.
        let h = format!(
            "{}{}",
            "</span><div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let out = cap_depth(&h);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
    }

    #[test]
    fn scripts_and_comments_are_skipped() {
        let h = format!(
            "<script>{}</script><!-- {} -->",
            "<div>".repeat(500),
            "<div>".repeat(500)
        );
        assert_eq!(cap_depth(&h), "<script></script>");
    }
}
